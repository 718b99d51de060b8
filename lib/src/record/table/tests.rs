//! Unit tests of the table reader: realignment, eras, headers, bad rows.

use super::*;
use crate::record::rows::split_row;

fn table(lines: &[&str]) -> (OfficeTable, Vec<String>) {
    let mut d = Diagnostics::new("t.txt");
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, l)| split_row(i + 1, l, &mut d))
        .collect();
    let t = build_table(
        rows,
        None,
        &crate::record::lexicon::Lexicon::builtin(),
        &mut d,
    );
    (t, d.items().iter().map(ToString::to_string).collect())
}

#[test]
fn a_row_shifted_by_a_rowspan_is_realigned() {
    let (t, warnings) = table(&[
        "| | Name | Took office | Left office | | | Gender |",
        "| 1 | A | 20 December 1976 | 31 March 1982 | 4th CC (1976–1982) | 1910 | Male |",
        "| 2 | B | 30 April 1980 | 31 March 1982 | 1911 | Female | |",
    ]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let b = &t.rows[1];
    assert_eq!(b.birth_year, Some(1911));
    assert_eq!(b.gender.as_deref(), Some("Female"));
    assert_eq!(
        b.terms[0].value, "4th CC",
        "the skipped term cell inherits from above"
    );
    assert_eq!(b.terms[0].line, 2);
}

#[test]
fn a_full_row_with_an_empty_last_cell_is_not_shifted() {
    let (t, _) = table(&[
        "| No. | Name | Took office | Left office | Central Committee |",
        "| 12 | A | 19 January 2011 | 19 July 2024† | 11th Central Committee |",
        "| 13 | B | 3 August 2024 | Incumbent | |",
    ]);
    let b = &t.rows[1];
    assert_eq!(
        (b.ordinal, b.name.as_deref(), b.incumbent),
        (Some(13), Some("B"), true)
    );
    assert_eq!(
        b.terms.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(),
        vec!["11th Central Committee"]
    );
    assert!(t.rows[0].died_in_office);
}

#[test]
fn eras_continuations_and_repeated_headers() {
    let (t, _) = table(&[
        "| Chairman of X | | | |",
        "| # | Officeholder | Term start | Term end |",
        "| 1 | A | 1945 | 1950 |",
        "| 2nd Congress | | | |",
        "| Premier of X | | | |",
        "| # | Officeholder | Term start | Term end |",
        "| 2 | B (acting)[a] | May 1950 | present |",
    ]);
    assert_eq!(
        t.title.as_ref().map(|t| t.value.as_str()),
        Some("Chairman of X")
    );
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[0].era_title.as_deref(), Some("Chairman of X"));
    assert_eq!(t.rows[0].terms[0].value, "2nd Congress");
    let b = &t.rows[1];
    assert_eq!(
        (b.name.as_deref(), b.acting, b.incumbent),
        (Some("B"), true, true)
    );
    assert_eq!(b.era_title.as_deref(), Some("Premier of X"));
    assert_eq!(b.start.map(|d| d.to_string()).as_deref(), Some("1950-05"));
}

#[test]
fn bad_rows_are_reported_and_kept() {
    let (t, warnings) = table(&[
        "| No. | Name | From | To |",
        "| 1 | A | c. 1955 | 31 February 1960 |",
        "| 1 | A | c. 1955 | 31 February 1960 |",
        "| 2 | B | 1960 | 1965 | surplus |",
        "| 3 | C | 1970 | 1965",
    ]);
    assert_eq!(t.rows.len(), 3, "the duplicate is kept once");
    // An approximate date is read, at its precision, and flagged (`og:startCirca`).
    assert_eq!(
        t.rows[0].start.map(|d| d.to_string()).as_deref(),
        Some("1955")
    );
    assert!(t.rows[0].start_circa);
    assert!(t.rows[0]
        .extra
        .contains(&("To".into(), "31 February 1960".into())));
    assert!(t.rows[1]
        .extra
        .contains(&("column5".into(), "surplus".into())));
    let mut lines: Vec<&str> = warnings
        .iter()
        .map(|w| w.split(": warning").next().unwrap_or(""))
        .collect();
    lines.sort_unstable();
    assert_eq!(
        lines,
        vec!["t.txt:2", "t.txt:3", "t.txt:4", "t.txt:5", "t.txt:5"],
        "{warnings:#?}"
    );
}

#[test]
fn a_two_row_wiki_header_is_merged() {
    let (t, warnings) = table(&[
        "| No. | Name | Term of office | | Political party |",
        "| | | Took office | Left office | |",
        "| 1 | A | 2 September 1945 | 2 September 1969† | Workers' Party |",
    ]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let kinds: Vec<ColumnKind> = t.columns.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ColumnKind::Ordinal,
            ColumnKind::Name,
            ColumnKind::Start,
            ColumnKind::End,
            ColumnKind::Party
        ]
    );
    assert_eq!(
        t.rows[0].end.map(|d| d.to_string()).as_deref(),
        Some("1969-09-02")
    );
    assert_eq!(
        t.rows[0].extra,
        vec![("Political party".to_owned(), "Workers' Party".to_owned())]
    );
}

#[test]
fn a_bad_date_before_an_empty_last_cell_stays_in_its_column() {
    let (t, warnings) = table(&[
        "| No. | Name | Rank | From | To | Notes |",
        "| 1 | Chu Văn Tấn | Major General | September 1945 | March 1946 | x |",
        "| 3 | Carl Dunn | | 1960 | ? | |",
        "| 4 | Tạ Quang Bửu | | July 1947 | c. 1948 | |",
        "| 5 | Lê Trọng Tấn | | 1949 | 31 February 1950 | |",
    ]);
    for row in &t.rows[1..] {
        assert!(row.start.is_some() && row.rank.is_none(), "{row:?}");
    }
    // `?` is an unknown end, kept as written without a warning; `c. 1948` is read
    // and flagged; an impossible date is kept as written with a warning.
    assert!(t.rows[1].end.is_none() && t.rows[1].extra.iter().any(|(k, _)| k == "To"));
    assert_eq!(
        t.rows[2].end.map(|d| d.to_string()).as_deref(),
        Some("1948")
    );
    assert!(t.rows[2].end_circa && t.rows[2].extra.is_empty());
    assert!(t.rows[3].end.is_none() && t.rows[3].extra.iter().any(|(k, _)| k == "To"));
    assert_eq!(t.rows[2].name.as_deref(), Some("Tạ Quang Bửu"));
    assert_eq!(
        warnings.len(),
        2,
        "a note for `?`, a warning for 31 February: {warnings:?}"
    );
}

#[test]
fn a_spanning_term_of_office_header_over_a_short_sub_row() {
    let (t, warnings) = table(&[
        "| No. | Name | Term of office | Party |",
        "| Took office | Left office |",
        "| 1 | Nguyễn Tường Tam | 2 March 1946 | 5 May 1946 | Vietnamese Nationalist Party |",
    ]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let kinds: Vec<ColumnKind> = t.columns.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            ColumnKind::Ordinal,
            ColumnKind::Name,
            ColumnKind::Start,
            ColumnKind::End,
            ColumnKind::Party
        ]
    );
    assert_eq!(t.rows[0].name.as_deref(), Some("Nguyễn Tường Tam"));
}

#[test]
fn text_shifted_into_a_term_column_is_realigned() {
    let (t, _) = table(&[
        "| No. | Name | Took office | Left office | National Assembly | Notes |",
        "| 1 | A | 2 March 1946 | 8 November 1946 | 1st National Assembly | Head of the Standing Committee |",
        "| 2 | B | 8 November 1946 | 13 April 1955 | Head of the Standing Committee | |",
    ]);
    let b = &t.rows[1];
    assert_eq!(
        b.terms.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(),
        ["1st National Assembly"]
    );
    assert_eq!(
        b.extra,
        [(
            "Notes".to_owned(),
            "Head of the Standing Committee".to_owned()
        )]
    );
}

#[test]
fn content_corrects_header_wording() {
    let (t, warnings) = table(&[
        "| # | Name | From | To | Provincial Party Committee | Tenure |",
        "| 1 | A | 1960 | 1970 | 5th Congress 6th Congress | 10 years |",
        "| – | B | 1970 | 1971 | 7th Congress | 1 year |",
    ]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(t.columns[4].kind, ColumnKind::Term);
    assert_eq!(t.columns[5].kind, ColumnKind::Duration);
    assert_eq!(t.rows[0].terms.len(), 2);
    assert!(
        t.rows[1].extra.contains(&("No".to_owned(), "–".to_owned())),
        "{:?}",
        t.rows[1].extra
    );
}

#[test]
fn unknown_named_headers_stay_raw() {
    let (t, _) = table(&[
        "| No. | Name | From | To | Province |",
        "| 1 | A | 1945 | 1950 | Hà Nam province |",
    ]);
    assert_eq!(t.columns[4].kind, ColumnKind::Other);
    assert_eq!(t.rows[0].birth_place, None);
    assert_eq!(
        t.rows[0].extra,
        vec![("Province".to_owned(), "Hà Nam province".to_owned())]
    );
}

#[test]
fn very_wide_rows_stay_linear() {
    let header = format!("| No. | Name | From | To |{}", " |".repeat(20_000));
    let row = format!("| 1 | A | 1945 | 1950 |{}", " |".repeat(30_000));
    let (t, warnings) = table(&[&header, &row]);
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].start.map(|d| d.year), Some(1945));
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_table_without_header_is_guessed_and_reported() {
    let (t, warnings) = table(&["| 1 | A | 1945 | 1950 |", "| 2 | B | 1950 | 1955 |"]);
    assert!(
        t.is_officeholder_table,
        "its columns are typed by content: No., name, dates"
    );
    assert_eq!(t.rows[1].name.as_deref(), Some("B"));
    assert_eq!(t.rows[1].start.map(|d| d.year), Some(1950));
    assert_eq!(t.rows.len(), 2);
    assert!(warnings[0].contains("no header row"));
}

#[test]
fn a_one_cell_row_is_an_era_or_a_continuation() {
    let (t, warnings) = table(&[
        "| No. | Name | Took office | Left office | Assembly |",
        "| Prime Minister of the Provisional Government |",
        "| 1 | A | 1945 | 1946 | 1st National Assembly |",
        "| 2nd National Assembly |",
        "| Chairman of the Council of Ministers |",
        "| 2 | B | 1981 | 1987 | 7th National Assembly |",
    ]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(t.rows.len(), 2, "{:?}", t.rows);
    assert_eq!(
        t.rows[0].era_title.as_deref(),
        Some("Prime Minister of the Provisional Government")
    );
    assert_eq!(t.rows[0].terms.len(), 2);
    assert_eq!(
        t.rows[1].era_title.as_deref(),
        Some("Chairman of the Council of Ministers")
    );
}

#[test]
fn reigns_in_the_name_cells_make_a_list_of_tenures() {
    let (t, _) = table(&[
        "| Name | Notes |",
        "| Rudolf I 1276–1286 (first rule) | x |",
        "| Albert 1286–1290 | y |",
        "| Rudolf I 1290–1295 | |",
        "| Wenceslaus 1295–1300 | z |",
    ]);
    assert!(t.is_officeholder_table);
    let starts: Vec<String> = t
        .rows
        .iter()
        .filter_map(|r| r.start.map(|d| d.to_string()))
        .collect();
    assert_eq!(starts, ["1276", "1286", "1290", "1295"]);
    assert_eq!(t.rows[0].name.as_deref(), Some("Rudolf I"));
}

#[test]
fn several_terms_in_one_cell_are_several_tenures() {
    let (t, _) = table(&[
        "| Representative | Years | State |",
        "| John A. Kasson | 1863–1867 1873–1877 1881–1884 | Iowa |",
        "| Julius Kahn | 1899–1903, 1905–1924 | California |",
    ]);
    let got: Vec<(String, String)> = t
        .rows
        .iter()
        .map(|r| {
            (
                r.name.clone().unwrap_or_default(),
                r.start.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(got.len(), 5, "{got:?}");
    assert_eq!(got[2], ("John A. Kasson".into(), "1881".into()));
    assert_eq!(got[4], ("Julius Kahn".into(), "1905".into()));
}

#[test]
fn an_election_column_starts_holdings_only_without_term_dates() {
    let (t, w) = table(&[
        "| Election | Member | Party |",
        "| 1892 by-election | Thomas Usborne | Conservative |",
        "| 1900 | Carne Rasch | Conservative |",
    ]);
    assert!(t.is_officeholder_table, "{w:?}");
    assert_eq!(
        t.rows[0].start.map(|d| d.to_string()).as_deref(),
        Some("1892")
    );
    assert!(
        w.iter().any(|m| m.contains("is read as the start")),
        "{w:?}"
    );
    let (t, _) = table(&[
        "| Elected | Name | Took office | Left office |",
        "| 1990 | Ann Lee | 1991 | 1995 |",
    ]);
    assert_eq!(
        t.rows[0].start.map(|d| d.to_string()).as_deref(),
        Some("1991")
    );
}

#[test]
fn an_unsure_question_mark_leaves_the_name_and_marks_the_date() {
    let (t, _) = table(&[
        "| Title | Name | Entered office |",
        "| President of Assembly | Pedro Váldez ? | 1966 ? |",
        "| President of the Senate | Ann Lee | 1967 |",
    ]);
    assert_eq!(t.rows[0].name.as_deref(), Some("Pedro Váldez"));
    assert_eq!(
        t.rows[0].start.map(|d| d.to_string()).as_deref(),
        Some("1966")
    );
    assert!(t.rows[0].start_circa);
}
