//! Parse stage: tests of the name-cell grammar, rule by rule, and its properties.

use super::honorific::HONORIFICS;
use super::*;
use proptest::prelude::*;

fn name(cell: &str) -> Option<String> {
    parse_name_cell(cell).name
}

#[test]
fn names_drop_lifespans_but_keep_other_parentheses() {
    let c = parse_name_cell("Hồ Chí Minh (1890–1969)[a] (acting)");
    assert_eq!(
        (c.name.as_deref(), c.acting, c.birth_year),
        (Some("Hồ Chí Minh"), true, Some(1890))
    );
    assert_eq!(parse_name_cell("Tô Lâm (born 1957)").birth_year, Some(1957));
    assert_eq!(parse_name_cell("X (b. 1957)").name.as_deref(), Some("X"));
    assert!(parse_name_cell("Y (Interim)").acting);
    assert_eq!(
        parse_name_cell("Nguyễn Văn A (Ba)").name.as_deref(),
        Some("Nguyễn Văn A (Ba)")
    );
    assert_eq!(
        parse_name_cell("İstanbul Bey (ACTING)").name.as_deref(),
        Some("İstanbul Bey")
    );
}

#[test]
fn names_drop_acting_and_footnotes() {
    assert_eq!(
        parse_name("Lê Duẩn (acting)[b]"),
        (Some("Lê Duẩn".into()), true)
    );
    assert_eq!(parse_name("  "), (None, false));
    assert_eq!(parse_name("Tô  Lâm"), (Some("Tô Lâm".into()), false));
}

#[test]
fn rule1_footnotes_marks_and_footnote_digits_go() {
    let c = parse_name_cell("Theodore R. Britton, Jr.[1]");
    assert_eq!(c.name.as_deref(), Some("Theodore R. Britton, Jr."));
    assert_eq!(c.written, "Theodore R. Britton, Jr.");
    assert_eq!(name("Harry Lawrence2").as_deref(), Some("Harry Lawrence"));
    assert_eq!(name("Jan Steytler 1").as_deref(), Some("Jan Steytler"));
    assert_eq!(name("Colin Eglin4").as_deref(), Some("Colin Eglin"));
    assert_eq!(name("Helen Zille6[3]").as_deref(), Some("Helen Zille"));
    assert_eq!(name("Harry Schwarz 3").as_deref(), Some("Harry Schwarz"));
    assert_eq!(
        name("Sydney E. Mudd II").as_deref(),
        Some("Sydney E. Mudd II")
    );
    assert_eq!(name("Louis XIV 2").as_deref(), Some("Louis XIV"));
    // Not footnotes: three digits, a single letter, a word alone.
    assert_eq!(name("G550").as_deref(), Some("G550"));
    assert_eq!(name("Type A4").as_deref(), Some("Type A4"));
    assert_eq!(name("Marc Garneau*").as_deref(), Some("Marc Garneau"));
    assert_eq!(name("John Smith†").as_deref(), Some("John Smith"));
    assert_eq!(
        name("John Smith † (1873–1960)").as_deref(),
        Some("John Smith")
    );
    assert_eq!(
        name("A [long remark that is no footnote at all] B").as_deref(),
        Some("A B")
    );
}

#[test]
fn rule2_trailing_parentheses_acting_life_dates_notes_other_script() {
    for cell in [
        "John Smith (acting)",
        "John Smith (interim)",
        "John Smith (ad interim)",
        "John Smith (Acting President)",
        "John Smith (Officer Administering the Government)",
        "John Smith (OAG)",
    ] {
        let c = parse_name_cell(cell);
        assert!(c.acting, "{cell}");
        assert_eq!(c.name.as_deref(), Some("John Smith"), "{cell}");
    }
    let c = parse_name_cell("John Smith (1873–1960)");
    assert_eq!(
        (c.name.as_deref(), c.birth_year),
        (Some("John Smith"), Some(1873))
    );
    assert_eq!(
        parse_name_cell("John Smith (born 1950)").birth_year,
        Some(1950)
    );
    assert_eq!(
        parse_name_cell("John Smith (born 5 May 1950)").birth_year,
        Some(1950)
    );
    assert_eq!(
        parse_name_cell("John Smith (b. 1950)").birth_year,
        Some(1950)
    );
    assert_eq!(parse_name_cell("John Smith (1950–)").birth_year, Some(1950));
    let c = parse_name_cell("John Smith (d. 1950)");
    assert_eq!(
        (c.name.as_deref(), c.birth_year),
        (Some("John Smith"), None)
    );

    let c = parse_name_cell("Benjamin Cardin (inc.)");
    assert_eq!(c.name.as_deref(), Some("Benjamin Cardin"));
    assert_eq!((c.note.as_deref(), c.ordinal), (Some("inc."), None));
    let c = parse_name_cell("Grover Cleveland (2nd term)");
    assert_eq!(c.name.as_deref(), Some("Grover Cleveland"));
    assert_eq!((c.note.as_deref(), c.ordinal), (Some("2nd term"), Some(2)));
    for (cell, note, ordinal) in [
        ("X Y (2nd time)", "2nd time", Some(2)),
        ("X Y (first time)", "first time", Some(1)),
        ("X Y (first rule)", "first rule", Some(1)),
        ("X Y (second reign)", "second reign", Some(2)),
        ("X Y (14)", "14", Some(14)),
    ] {
        let c = parse_name_cell(cell);
        assert_eq!(c.name.as_deref(), Some("X Y"), "{cell}");
        assert_eq!(
            (c.note.as_deref(), c.ordinal),
            (Some(note), ordinal),
            "{cell}"
        );
    }
    let c = parse_name_cell("Sun Quan (孫權)");
    assert_eq!(c.name.as_deref(), Some("Sun Quan"));
    assert_eq!(c.other_name.as_deref(), Some("孫權"));
    // Several at once, in any order.
    let c = parse_name_cell("Lê Duẩn (1907–1986) (acting) (2nd term)[4]");
    assert_eq!(c.name.as_deref(), Some("Lê Duẩn"));
    assert!(c.acting);
    assert_eq!((c.birth_year, c.ordinal), (Some(1907), Some(2)));
    // Other parentheses stay.
    assert_eq!(
        name("Bob S. Auerbach (write-in)").as_deref(),
        Some("Bob S. Auerbach (write-in)")
    );
    assert_eq!(
        name("AMX International AMX (Ghibli)").as_deref(),
        Some("AMX International AMX (Ghibli)")
    );
}

#[test]
fn rule3_acting_marks_before_and_after() {
    for cell in [
        "Acting John Smith",
        "Interim John Smith",
        "John Smith ad interim",
        "John Smith, ad interim",
        "John Smith (acting)",
    ] {
        let c = parse_name_cell(cell);
        assert!(c.acting, "{cell}");
        assert_eq!(c.name.as_deref(), Some("John Smith"), "{cell}");
    }
    // Kept simple: office words are not honorifics.
    let c = parse_name_cell("Acting Prime Minister John Smith");
    assert!(c.acting);
    assert_eq!(c.name.as_deref(), Some("Prime Minister John Smith"));
    // A cell that only says `Acting` is not a name taken off.
    assert_eq!(name("Acting").as_deref(), Some("Acting"));
    assert!(!parse_name_cell("Acting").acting);
}

#[test]
fn rule4_leading_honorifics_longest_first_and_repeated() {
    let cases = [
        ("Dr Abdus Salam", "Abdus Salam", "Dr"),
        (
            "Air Commodore Dr Władysław Turowicz",
            "Władysław Turowicz",
            "Air Commodore Dr",
        ),
        ("Air Commodore K. M. Ahmad", "K. M. Ahmad", "Air Commodore"),
        ("Engr.Sikandar Zaman", "Sikandar Zaman", "Engr."),
        ("Engr. Sikandar Zaman", "Sikandar Zaman", "Engr."),
        (
            "Major General Raza Hussain",
            "Raza Hussain",
            "Major General",
        ),
        (
            "Sir George-Étienne Cartier",
            "George-Étienne Cartier",
            "Sir",
        ),
        ("Otumfuo Nana Osei Tutu II", "Osei Tutu II", "Otumfuo Nana"),
        ("Tuanku Syed Sirajuddin", "Syed Sirajuddin", "Tuanku"),
        ("Tunku Muhriz", "Muhriz", "Tunku"),
        (
            "The Right Honourable Sir John Smith",
            "John Smith",
            "The Right Honourable Sir",
        ),
        (
            "Generale di Squadra Aerea Mario Rossi",
            "Mario Rossi",
            "Generale di Squadra Aerea",
        ),
        ("Lt. Gen. A B", "A B", "Lt. Gen."),
        ("COL Jane Doe", "Jane Doe", "COL"),
        (
            "Mom Rajawongse Seni Pramoj",
            "Seni Pramoj",
            "Mom Rajawongse",
        ),
    ];
    for (cell, n, h) in cases {
        let c = parse_name_cell(cell);
        assert_eq!(c.name.as_deref(), Some(n), "{cell}");
        assert_eq!(c.honorific.as_deref(), Some(h), "{cell}");
        assert_eq!(c.written, cell);
    }
    // Real given names stay: a lower-case word next, or nothing left.
    let c = parse_name_cell("Sultan bin Mohamed Al-Qassimi III");
    assert_eq!(c.name.as_deref(), Some("Sultan bin Mohamed Al-Qassimi III"));
    assert_eq!(c.honorific, None);
    assert_eq!(name("King").as_deref(), Some("King"));
    // A rank needs two name words after it: before one it names a surname.
    assert_eq!(name("Major Lee").as_deref(), Some("Major Lee"));
    assert_eq!(
        name("General Phan Văn Giang").as_deref(),
        Some("Phan Văn Giang")
    );
    assert_eq!(name("Sir").as_deref(), Some("Sir"));
    // Words are matched whole and case-sensitively.
    assert_eq!(name("Kingsley Amis").as_deref(), Some("Kingsley Amis"));
    assert_eq!(name("Drake Bell").as_deref(), Some("Drake Bell"));
    assert!(honorifics().iter().any(|h| h == "Air Vice-Marshal"));
}

#[test]
fn rule5_post_nominals_and_title_tails() {
    for (cell, n, p) in [
        ("John Smith, M.D.", "John Smith", "M.D."),
        ("John Smith, Ph.D.", "John Smith", "Ph.D."),
        ("John Smith Ph.D.", "John Smith", "Ph.D."),
        ("Sir John Smith, KCMG, QC", "John Smith", "KCMG, QC"),
        ("Jane Doe, MP", "Jane Doe", "MP"),
        ("Jane Doe, OBE", "Jane Doe", "OBE"),
        ("John Smith, Esq.", "John Smith", "Esq."),
        ("John Smith, Jr., M.D.", "John Smith, Jr.", "M.D."),
    ] {
        let c = parse_name_cell(cell);
        assert_eq!(c.name.as_deref(), Some(n), "{cell}");
        assert_eq!(c.post_nominals.as_deref(), Some(p), "{cell}");
    }
    for kept in [
        "Theodore R. Britton, Jr.",
        "Charles Curtis McPeek, Sr.",
        "Harry G. Barnes, Jr.",
        "Sydney E. Mudd II",
        "John Smith, III",
        "Zach de Beer, Denis Worrall",
    ] {
        let c = parse_name_cell(kept);
        assert_eq!(c.name.as_deref(), Some(kept));
        assert_eq!((c.post_nominals, c.note), (None, None), "{kept}");
    }
    let c = parse_name_cell("Krairerk Kasemsan, Mom Luang");
    assert_eq!(c.name.as_deref(), Some("Krairerk Kasemsan"));
    assert_eq!(c.note.as_deref(), Some("Mom Luang"));
    let c = parse_name_cell("Marc Garneau*, Leader's Representative");
    assert_eq!(c.name.as_deref(), Some("Marc Garneau"));
    assert_eq!(c.note.as_deref(), Some("Leader's Representative"));
    // The name before a title tail has two words or more.
    assert_eq!(
        name("Garneau, Leader's Representative").as_deref(),
        Some("Garneau, Leader's Representative")
    );
}

#[test]
fn rule6_a_name_in_another_script() {
    let c = parse_name_cell("Sun Quan 孫權");
    assert_eq!(
        (c.name.as_deref(), c.other_name.as_deref()),
        (Some("Sun Quan"), Some("孫權"))
    );
    let c = parse_name_cell("Ackaratorn Chularat อักขราทร จุฬารัตน");
    assert_eq!(c.name.as_deref(), Some("Ackaratorn Chularat"));
    assert_eq!(c.other_name.as_deref(), Some("อักขราทร จุฬารัตน"));
    let c = parse_name_cell("孫權 Sun Quan");
    assert_eq!(
        (c.name.as_deref(), c.other_name.as_deref()),
        (Some("Sun Quan"), Some("孫權"))
    );
    // A name only in another script is the name.
    let c = parse_name_cell("孫權");
    assert_eq!((c.name.as_deref(), c.other_name), (Some("孫權"), None));
    assert_eq!(name("Иван Петров").as_deref(), Some("Иван Петров"));
}

#[test]
fn rule7_a_year_range_is_a_reign() {
    let c = parse_name_cell("Rudolf I 1276–1286");
    assert_eq!(c.name.as_deref(), Some("Rudolf I"));
    assert_eq!(c.reign, Some(("1276".into(), "1286".into())));
    let c = parse_name_cell("Sun Quan 孫權 222-252");
    assert_eq!(
        (c.name.as_deref(), c.other_name.as_deref()),
        (Some("Sun Quan"), Some("孫權"))
    );
    assert_eq!(c.reign, Some(("222".into(), "252".into())));
    let c = parse_name_cell("Rudolf I 1276 — 1286 (first rule)");
    assert_eq!(c.name.as_deref(), Some("Rudolf I"));
    assert_eq!(c.reign, Some(("1276".into(), "1286".into())));
    assert_eq!(
        (c.note.as_deref(), c.ordinal),
        (Some("first rule"), Some(1))
    );
    // A range alone is not a name taken off; a hyphenated word is no range.
    assert_eq!(name("1276–1286").as_deref(), Some("1276–1286"));
    assert_eq!(name("Lockheed F-2000").as_deref(), Some("Lockheed F-2000"));
}

#[test]
fn rule8_nfc_whitespace_and_empty_cells() {
    // `e` + combining acute is composed.
    let c = parse_name_cell("Ren\u{0065}\u{0301}  Lévesque ");
    assert_eq!(c.name.as_deref(), Some("René Lévesque"));
    assert_eq!(c.written, "René Lévesque");
    assert_eq!(parse_name_cell("").name, None);
    assert_eq!(parse_name_cell(" [1] ").name, None);
    assert_eq!(parse_name_cell("(acting)").name, None);
    assert_eq!(parse_name_cell("†").name, None);
}

/// What the proptest checks: no honorific that would come off is left in front.
fn starts_with_strippable_honorific(name: &str) -> bool {
    HONORIFICS.iter().any(|h| {
        name.strip_prefix(h.words.join(" ").as_str())
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| {
                rest.starts_with(char::is_uppercase)
                    && rest.split_whitespace().count() >= h.min_rest()
            })
    })
}

proptest! {
    #[test]
    fn any_cell_parses_and_the_name_is_clean(cell in "\\PC{0,60}") {
        let c = parse_name_cell(&cell);
        if let Some(n) = &c.name {
            prop_assert!(!n.contains('[') && !n.contains('†'), "{n:?}");
            prop_assert!(!starts_with_strippable_honorific(n), "{n:?}");
            prop_assert!(!n.is_empty() && n.trim() == n);
        }
    }

    #[test]
    fn name_like_cells_parse_and_the_name_is_clean(
        cell in "((Sir|Dr|Air Commodore|Acting|King|Engr\\.|孫權|\\(|\\)|\\[1\\]|†|\\*|, |–|1|22|1276|II|Jr\\.|QC|M\\.D\\.|Ab|bin|ad interim|acting|2nd term) ?){0,10}"
    ) {
        let c = parse_name_cell(&cell);
        if let Some(n) = &c.name {
            prop_assert!(!n.contains('[') && !n.contains('†'), "{n:?}");
            prop_assert!(!starts_with_strippable_honorific(n), "{n:?}");
        }
    }
}

#[test]
fn words_after_life_dates_are_a_title() {
    for (cell, name) in [
        ("Oum Chheang Sun (1900–?) Prime Minister", "Oum Chheang Sun"),
        (
            "Samdach Hun Sen (1951– ) Chairman of the Council of Ministers",
            "Hun Sen",
        ),
        (
            "Son Ngoc Thanh (1908–1977) Prime Minister",
            "Son Ngoc Thanh",
        ),
        (
            "Oum Chheang Sun (1900–?) Prime Minister (2nd term)",
            "Oum Chheang Sun",
        ),
    ] {
        assert_eq!(parse_name_cell(cell).name.as_deref(), Some(name), "{cell}");
    }
}
