//! Parse stage: tests of the cell readers — footnotes, date and range cells, terms, Vietnamese names, lists.

use super::*;

#[test]
fn footnotes_go_but_brackets_with_long_text_stay() {
    assert_eq!(strip_footnotes("Trần Phú[a]"), "Trần Phú");
    assert_eq!(strip_footnotes("1945[1][note 2] "), "1945");
    assert_eq!(
        strip_footnotes("[this is not a footnote marker at all]"),
        "[this is not a footnote marker at all]"
    );
    assert_eq!(strip_footnotes("a [b"), "a [b");
}

#[test]
fn date_cells_know_death_and_incumbency() {
    let c = parse_date_cell("6 September 1931†").unwrap();
    assert!(c.died_in_office && c.date.unwrap().to_string() == "1931-09-06");
    assert!(parse_date_cell("Incumbent").unwrap().incumbent);
    assert!(parse_date_cell("present[3]").unwrap().incumbent);
    assert!(matches!(
        parse_date_cell("c. 1955"),
        Err(DateError::Approximate(_))
    ));
    assert_eq!(
        parse_date_cell("222").map(|c| c.date.map(|d| d.year)),
        Ok(Some(222))
    );
}

#[test]
fn date_cells_read_approximate_and_unknown_dates() {
    let c = read_date_cell("c. 1955[1]", None).unwrap();
    assert!(c.circa && c.date.unwrap().to_string() == "1955" && !c.incumbent);
    let c = read_date_cell("ca. April 2008†", None).unwrap();
    assert!(c.circa && c.died_in_office && c.date.unwrap().to_string() == "2008-04");
    let c = read_date_cell("6 September 1931", None).unwrap();
    assert!(!c.circa);
    assert_eq!(
        read_date_cell("1/17/99", Some(1997)).map(|c| c.date.unwrap().to_string()),
        Ok("1999-01-17".to_owned())
    );
    assert!(read_date_cell("1/17/99", None).is_err());
    assert!(matches!(
        read_date_cell("?", None),
        Err(DateError::Unknown(_))
    ));
    assert!(matches!(
        read_date_cell("unknown[2]", None),
        Err(DateError::Unknown(_))
    ));
    assert!(read_date_cell("Incumbent", None).unwrap().incumbent);
}

fn range(cell: &str) -> (String, String) {
    let side = |r: &Result<EndCell, DateError>| match r {
        Ok(c) => format!(
            "{}{}{}{}",
            if c.circa { "c " } else { "" },
            c.date.map_or(String::new(), |d| d.to_string()),
            if c.incumbent { "present" } else { "" },
            if c.died_in_office { "†" } else { "" }
        ),
        Err(DateError::Unknown(_)) => "unknown".to_owned(),
        Err(e) => format!("ERR {e}"),
    };
    let r = read_range_cell(cell, None);
    (side(&r.start), r.end.as_ref().map_or("-".to_owned(), side))
}

#[test]
fn range_cells_read_both_sides() {
    let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    assert_eq!(range("1945–1953"), s("1945", "1953"));
    assert_eq!(range("1990-present"), s("1990", "present"));
    assert_eq!(range("1990–present[3]"), s("1990", "present"));
    assert_eq!(range("793-794"), s("0793", "0794"));
    assert_eq!(range("222–252"), s("0222", "0252"));
    assert_eq!(range("1869–1872*"), s("1869", "1872"));
    assert_eq!(range("1869–1872†"), s("1869", "1872†"));
    assert_eq!(range("c. 1955 – 1960"), s("c 1955", "1960"));
    assert_eq!(range("1955 – 1960?"), s("1955", "c 1960"));
    assert_eq!(range("194–180 BC"), s("-0193", "-0179"));
    assert_eq!(range("30 BC – AD 14"), s("-0029", "0014"));
    assert_eq!(range("30 BC–14 AD"), s("-0029", "0014"));
    assert_eq!(range("1945–53"), s("1945", "1953"));
    assert_eq!(range("1998–02"), s("1998", "2002"));
    assert_eq!(
        range("March 28, 1991 - January 20, 1993"),
        s("1991-03-28", "1993-01-20")
    );
    assert_eq!(
        range("1 January 1901 – 24 September 1903"),
        s("1901-01-01", "1903-09-24")
    );
    assert_eq!(range("7/16/1921 – 1/17/25"), s("1921-07-16", "1925-01-17"));
    assert_eq!(range("? – 1955"), s("unknown", "1955"));
    assert_eq!(range("1945–"), s("1945", "-"));
    assert_eq!(range("1930-10-27"), s("1930-10-27", "-"));
}

#[test]
fn terms_are_recognised_and_split() {
    assert!(is_term_like("12th Central Committee"));
    assert!(is_term_like("4th CC (1976–1982)"));
    assert!(!is_term_like("Provisional Central Committee"));
    assert!(!is_term_like(
        "General Secretary of the Indochinese Communist Party Central Committee"
    ));
    assert!(!is_term_like("1911"));
    assert_eq!(
        split_terms("2nd Central Committee 3rd Central Committee"),
        vec!["2nd Central Committee", "3rd Central Committee"]
    );
    assert_eq!(split_terms("4th CC (1976–1982)"), vec!["4th CC"]);
    assert_eq!(
        split_terms("Provisional Central Committee"),
        vec!["Provisional Central Committee"]
    );
}

#[test]
fn vietnamese_names_come_from_parentheses() {
    let p = "The General Staff (GS; Bộ Tổng Tham mưu) is … (Tổng bí thư, TBT) (CPV)";
    assert_eq!(vietnamese_names(p), vec!["Bộ Tổng Tham mưu", "Tổng bí thư"]);
    assert_eq!(
        vietnamese_names("(Vietnamese: Tổng tham mưu trưởng)"),
        vec!["Tổng tham mưu trưởng"]
    );
    assert!(vietnamese_names("Tô Lâm (born 1957 in Hưng Yên)").is_empty());
    assert!(is_vietnamese("Lữ đoàn 144") && !is_vietnamese("Office of the General Staff"));
}

#[test]
fn lists_split_at_commas_and_a_final_and() {
    assert_eq!(
        split_list("Central Committee, Political Bureau and the Secretariat"),
        vec!["Central Committee", "Political Bureau", "the Secretariat"]
    );
    assert_eq!(
        split_list("Department of Disaster Response and SAR"),
        vec!["Department of Disaster Response and SAR"]
    );
    assert_eq!(split_list("30,420,000₫ monthly ($1,186 USD)").len(), 1);
}
