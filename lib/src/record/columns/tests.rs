//! Unit tests of column typing: header wording, cell shapes, unnamed columns.

use super::*;
use ColumnKind as K;

#[test]
fn headers_by_meaning() {
    for (h, k) in [
        ("No.", K::Ordinal),
        ("#", K::Ordinal),
        ("Portrait", K::Portrait),
        ("Name", K::Name),
        ("Officeholder", K::Name),
        ("Took office", K::Start),
        ("Term start", K::Start),
        ("From", K::Start),
        ("Assumed office", K::Start),
        ("Left office", K::End),
        ("Term end", K::End),
        ("To", K::End),
        ("Rank", K::Rank),
        ("Central Committee", K::Term),
        ("National Assembly", K::Term),
        ("Duration", K::Duration),
        ("Gender", K::Gender),
        ("Born", K::BirthYear),
        ("Birthplace", K::BirthPlace),
        ("Term of office", K::Range),
        ("Party", K::Party),
        ("Joined party", K::PartyJoinYear),
        ("Sex", K::Gender),
        ("Name (birth–death)", K::Name),
        ("Place of birth", K::BirthPlace),
    ] {
        assert_eq!(kind_from_header(h), Some(k), "{h}");
    }
    assert_eq!(kind_from_header(""), None);
    assert_eq!(kind_from_header("Remarks"), Some(K::Notes));
    assert_eq!(kind_from_header("Zebra crossing"), None);
}

#[test]
fn shapes() {
    assert_eq!(cell_shape("12"), CellShape::Ordinal);
    assert_eq!(cell_shape("*"), CellShape::Ordinal);
    assert_eq!(cell_shape("1911"), CellShape::Year);
    assert_eq!(cell_shape("6 September 1931†"), CellShape::Date);
    assert_eq!(cell_shape("Incumbent"), CellShape::Incumbent);
    assert_eq!(cell_shape("4th CC (1976–1982)"), CellShape::Term);
    assert_eq!(cell_shape("Nam Định province"), CellShape::Place);
    assert_eq!(cell_shape("Female"), CellShape::Gender);
    assert_eq!(cell_shape("1945–1953"), CellShape::Range);
    assert_eq!(cell_shape("Trần Phú"), CellShape::Text);
    for meant in ["?", "c. 1955", "1970s", "31 February 1968", "before 1990"] {
        assert_eq!(cell_shape(meant), CellShape::DateLike, "{meant}");
    }
    assert_eq!(
        cell_shape("Head of the Standing Committee"),
        CellShape::Text
    );
}

#[test]
fn unnamed_columns_by_content() {
    let known = [
        Some(K::Ordinal),
        Some(K::Name),
        Some(K::Start),
        Some(K::End),
        None,
        None,
        None,
        None,
        None,
    ];
    let row = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let rows = vec![
        row(&[
            "1",
            "",
            "20 December 1976",
            "31 March 1982",
            "4th CC (1976–1982)",
            "1910",
            "1930",
            "Nghệ An province",
            "Male",
        ]),
        row(&[
            "4",
            "",
            "31 March 1982",
            "21 June 1986",
            "5th CC (1982–1986)",
            "1912",
            "1935",
            "Quảng Nam province",
            "Male",
        ]),
    ];
    let kinds = infer_kinds(&known, &rows);
    assert_eq!(
        &kinds[4..],
        &[
            K::Term,
            K::BirthYear,
            K::PartyJoinYear,
            K::BirthPlace,
            K::Gender
        ]
    );
}

#[test]
fn header_rows() {
    let row = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(is_header_row(&row(&[
        "No.",
        "Portrait",
        "Name",
        "Took office",
        "Left office"
    ])));
    assert!(is_header_row(&row(&[
        "",
        "Portrait",
        "Name",
        "Took office",
        "",
        "Gender"
    ])));
    assert!(!is_header_row(&row(&[
        "1",
        "",
        "Trần Phú",
        "27 October 1930",
        ""
    ])));
    assert!(!is_header_row(&row(&["3rd Central Committee", "", ""])));
}
