//! Parse stage (dates): tests of reading dates as records write them.

use super::*;

fn d(s: &str) -> String {
    parse_date(s)
        .map(|d| d.to_string())
        .unwrap_or_else(|e| format!("ERR {e}"))
}

#[test]
fn keeps_the_precision_written() {
    assert_eq!(d("27 October 1930"), "1930-10-27");
    assert_eq!(d("October 27, 1930"), "1930-10-27");
    assert_eq!(d("December 1986"), "1986-12");
    assert_eq!(d("Dec. 1986"), "1986-12");
    assert_eq!(d("Sept 1986"), "1986-09");
    assert_eq!(d("1945"), "1945");
    assert_eq!(d("1930-10-27"), "1930-10-27");
    assert_eq!(d("1986-12"), "1986-12");
    assert_eq!(d("+1930-10-27T00:00:00Z"), "1930-10-27");
    assert_eq!(d(" 3 August 2024 "), "2024-08-03");
    assert_eq!(d("3rd August 2024"), "2024-08-03");
}

#[test]
fn types_follow_precision() {
    assert_eq!(parse_date("1945").map(|d| d.xsd_type()), Ok("gYear"));
    assert_eq!(
        parse_date("May 1945").map(|d| d.xsd_type()),
        Ok("gYearMonth")
    );
    assert_eq!(parse_date("2 May 1945").map(|d| d.xsd_type()), Ok("date"));
}

#[test]
fn refuses_what_is_not_a_date() {
    for s in [
        "c. 1955",
        "?",
        "1970s",
        "",
        "Incumbent",
        "12",
        "May",
        "32 May 1950",
        "1 Smarch 1950",
        "1950-13",
    ] {
        assert!(parse_date(s).is_err(), "{s:?} parsed");
    }
}

#[test]
fn refuses_days_that_do_not_exist() {
    assert_eq!(
        parse_date("31 February 1950"),
        Err(DateError::Impossible("31 February 1950".into()))
    );
    assert!(matches!(
        parse_date("29 February 1900"),
        Err(DateError::Impossible(_))
    ));
    assert_eq!(d("29 February 2000"), "2000-02-29");
    assert!(matches!(
        parse_date("1950-02-30"),
        Err(DateError::Impossible(_))
    ));
}

#[test]
fn orders_chronologically_with_coarse_dates_first() {
    let a = parse_date("1986").unwrap();
    let b = parse_date("December 1986").unwrap();
    let c = parse_date("18 December 1986").unwrap();
    assert!(a < b && b < c);
    assert!(a.contains(&c) && b.contains(&c) && !c.contains(&b));
    assert!(c.agrees_with(&b) && !parse_date("1986-11").unwrap().agrees_with(&c));
}

#[test]
fn splits_ranges_but_not_iso_dates() {
    assert_eq!(split_range("1945–1953"), Some(("1945", "1953")));
    assert_eq!(
        split_range("March 1938 – 1940"),
        Some(("March 1938", "1940"))
    );
    assert_eq!(split_range("1976 to present"), Some(("1976", "present")));
    assert_eq!(split_range("1930-10-27"), None);
    assert_eq!(split_range("1945-1953"), Some(("1945", "1953")));
}

fn near(s: &str, pivot: i32) -> String {
    parse_date_near(s, Some(pivot))
        .map(|d| d.to_string())
        .unwrap_or_else(|e| format!("ERR {e}"))
}

fn r(s: &str) -> String {
    read_date(s)
        .map(|r| format!("{}{}", if r.circa { "c " } else { "" }, r.date))
        .unwrap_or_else(|e| format!("ERR {e}"))
}

#[test]
fn reads_month_day_year_numbers() {
    assert_eq!(d("7/16/1921"), "1921-07-16");
    assert_eq!(d("12/31/1999"), "1999-12-31");
    assert_eq!(d("7/1921"), "1921-07");
    assert!(matches!(
        parse_date("2/30/1921"),
        Err(DateError::Impossible(_))
    ));
    assert!(matches!(
        parse_date("16/7/1921"),
        Err(DateError::Impossible(_))
    ));
    assert!(parse_date("1/2/3").is_err());
}

#[test]
fn two_digit_years_need_a_neighbouring_year() {
    assert!(matches!(
        parse_date("1/17/99"),
        Err(DateError::Unparseable(_))
    ));
    assert_eq!(near("1/17/99", 2001), "1999-01-17");
    assert_eq!(near("1/17/99", 1921), "1899-01-17");
    assert_eq!(near("3/4/01", 1998), "2001-03-04");
    assert_eq!(near("3/4/01", 1905), "1901-03-04");
    assert_eq!(near("7/16/1921", 1800), "1921-07-16");
    assert_eq!(resolve_two_digits(50, 1950), 1950);
    assert_eq!(resolve_two_digits(0, 1950), 1900); // a tie takes the earlier
    assert!(read_date_near("1/17/99", Some(2001)).is_ok_and(|r| !r.circa));
}

#[test]
fn reads_month_names_abbreviated_and_ordinal_days() {
    assert_eq!(d("September 16, 1928"), "1928-09-16");
    assert_eq!(d("Sept. 16, 1928"), "1928-09-16");
    assert_eq!(d("Sep 16 1928"), "1928-09-16");
    assert_eq!(d("16 Sept 1928"), "1928-09-16");
    assert_eq!(d("Apr 10, 1947"), "1947-04-10");
    assert_eq!(d("Apr. 10, 1947"), "1947-04-10");
    assert_eq!(d("1 January 1901"), "1901-01-01");
    assert_eq!(d("16th September 1928"), "1928-09-16");
    assert_eq!(d("September 1928"), "1928-09");
    assert_eq!(d("Febr. 1928"), "1928-02");
    assert_eq!(d("1928"), "1928");
    assert_eq!(d("March 793"), "0793-03");
    assert!(parse_date("Ju 1928").is_err());
}

#[test]
fn bce_years_are_astronomical() {
    assert_eq!(d("194 BC"), "-0193");
    assert_eq!(d("194 BCE"), "-0193");
    assert_eq!(d("194 B.C."), "-0193");
    assert_eq!(d("1 BC"), "0000");
    assert_eq!(d("15 March 44 BC"), "-0043-03-15");
    assert_eq!(d("AD 14"), "0014");
    assert_eq!(d("14 AD"), "0014");
    assert_eq!(d("14 CE"), "0014");
    assert_eq!(d("A.D. 14"), "0014");
    assert_eq!(r("c. 194 BC"), "c -0193");
    assert!(parse_date("0 BC").is_err() && parse_date("0 AD").is_err());
    let bc = parse_date("194 BC").unwrap();
    assert_eq!((bc.year, bc.xsd_type()), (-193, "gYear"));
    assert_eq!(parse_date("1 BC").map(|d| d.xsd_type()), Ok("gYear"));
    assert!(
        bc < parse_date("1 BC").unwrap()
            && parse_date("1 BC").unwrap() < parse_date("AD 1").unwrap()
    );
    // 1 BC (year 0) is a leap year in the proleptic Gregorian calendar, as in XSD.
    assert_eq!(d("29 February 1 BC"), "0000-02-29");
}

#[test]
fn a_minus_before_a_year_is_a_bce_year_only_in_a_stored_form() {
    // The lexical forms themselves are tested in `crate::date`.
    assert!("-1945"
        .parse::<PartialDate>()
        .is_ok_and(|d| d.year == -1945));
    assert!(
        parse_date("-1945").is_err(),
        "a record's -1945 is not a BCE year"
    );
    assert_eq!(
        d("-0193"),
        "ERR `-0193` is not a date this parser understands"
    );
}

#[test]
fn short_years_stand_alone_only_in_date_cells() {
    assert!(parse_date("222").is_err() && parse_date("12").is_err());
    assert!(read_date("793").is_err());
    let loose = |s: &str| read_date_loose(s, None).map(|r| r.date.to_string());
    assert_eq!(loose("222"), Ok("0222".to_owned()));
    assert_eq!(loose("793"), Ok("0793".to_owned()));
    assert_eq!(loose("1945"), Ok("1945".to_owned()));
    assert!(loose("12").is_err() && loose("099").is_err());
    assert!(read_date_loose("c. 793", None).is_ok_and(|r| r.circa && r.date.year == 793));
}

#[test]
fn approximate_dates_keep_their_precision_and_a_flag() {
    for s in [
        "c. 1955",
        "c.1955",
        "ca. 1955",
        "ca 1955",
        "circa 1955",
        "Circa 1955",
        "1955?",
        "1955 ?",
        "1955 (?)",
        "about 1955",
        "~1955",
    ] {
        assert_eq!(r(s), "c 1955", "{s:?}");
        assert!(
            matches!(parse_date(s), Err(DateError::Approximate(_))),
            "{s:?} is not exact"
        );
    }
    assert_eq!(r("ca. April 2008"), "c 2008-04");
    assert_eq!(r("c. 3 May 1950[2]"), "c 1950-05-03");
    assert_eq!(r("1955"), "1955");
    assert!(read_date("c. 1970s").is_err());
    assert!(read_date("Cambodia").is_err());
}

#[test]
fn unknown_is_not_a_parse_failure() {
    for s in [
        "?", "??", "—", "–", "-", "unknown", "Unknown", "N/A", "n/a", "?[1]",
    ] {
        assert!(
            matches!(read_date(s), Err(DateError::Unknown(_))),
            "{s:?}: {:?}",
            read_date(s)
        );
        assert!(matches!(parse_date(s), Err(DateError::Unknown(_))), "{s:?}");
    }
    assert!(DateError::Unknown("?".into()).to_string().contains("date"));
}

#[test]
fn marks_around_dates_are_ignored() {
    assert_eq!(d("1945[1]"), "1945");
    assert_eq!(d("1945[a]"), "1945");
    assert_eq!(d("3 May 1945[note 2]"), "1945-05-03");
    assert_eq!(d("1872*"), "1872");
    assert_eq!(d("*1872"), "1872");
    assert_eq!(d("1872."), "1872");
    assert_eq!(d("May 3, 1945."), "1945-05-03");
    assert!(
        parse_date("1931†").is_err(),
        "† is the caller's: died in office"
    );
}

#[test]
fn splits_every_range_form() {
    let cases = [
        ("1945–1953", ("1945", "1953")),
        ("1945—1953", ("1945", "1953")),
        ("1945 - 1953", ("1945", "1953")),
        ("1976 to 1982", ("1976", "1982")),
        ("1976 until 1982", ("1976", "1982")),
        ("1990–present", ("1990", "present")),
        ("1990-present", ("1990", "present")),
        ("793-794", ("793", "794")),
        ("222-252", ("222", "252")),
        ("1869–1872*", ("1869", "1872*")),
        (
            "March 28, 1991 - January 20, 1993",
            ("March 28, 1991", "January 20, 1993"),
        ),
        (
            "1 January 1901 – 24 September 1903",
            ("1 January 1901", "24 September 1903"),
        ),
        ("30 BC–14 AD", ("30 BC", "14 AD")),
        ("30 BC – AD 14", ("30 BC", "AD 14")),
        ("194 BC-180 BC", ("194 BC", "180 BC")),
        ("c. 1955 – 1960", ("c. 1955", "1960")),
        ("1945–", ("1945", "")),
    ];
    for (text, want) in cases {
        assert_eq!(split_range(text), Some(want), "{text:?}");
    }
    for text in [
        "1930-10-27",
        "1986-12",
        "-0193",
        "1945",
        "12-14",
        "Jean-Pierre",
        "?",
    ] {
        assert_eq!(split_range(text), None, "{text:?}");
    }
    assert_eq!(start_era("194", "180 BC"), Some("BC"));
    assert_eq!(start_era("30 BC", "AD 14"), None);
    assert_eq!(start_era("1945", "1953"), None);
    assert_eq!(start_era("", "180 BC"), None);
}

mod prop {
    use super::super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_date(&s);
            let _ = read_date(&s);
            let _ = read_date_loose(&s, Some(1950));
            let _ = parse_date_near(&s, Some(i32::MIN));
            let _ = s.parse::<PartialDate>();
            let _ = split_range(&s);
        }

        #[test]
        fn never_panics_on_date_like_text(
            s in "[-–0-9 /.,?*()cabBCDEAa\\[\\]]{0,24}|(c\\. |ca\\. |circa )?[0-9]{1,4}(/[0-9]{1,4}){0,2}( BC| AD| CE)?",
            pivot in proptest::option::of(-5000i32..5000),
        ) {
            let _ = read_date_loose(&s, pivot);
            let _ = parse_date_near(&s, pivot);
            if let Some((a, b)) = split_range(&s) {
                let _ = start_era(a, b);
                let _ = read_date_loose(a, pivot);
                let _ = read_date_loose(b, pivot);
            }
        }

        #[test]
        fn lexical_form_round_trips(y in 1000i32..2100, m in 1u8..=12, day in 1u8..=28) {
            let date = PartialDate { year: y, month: Some(m), day: Some(day) };
            prop_assert_eq!(parse_date(&date.to_string()), Ok(date));
        }
    }
}
