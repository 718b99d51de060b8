//! Extract stage: tests of the subject — organizations, ranks, posts, kinds, office keys.

use super::*;

#[test]
fn link_pairs_become_one_organization_each() {
    let v = "Central Committee of the Communist Party of Vietnam, Central Committee, Politburo of the Communist Party of Vietnam, Political Bureau";
    let items = organization_items(v);
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[1],
        (
            "Politburo of the Communist Party of Vietnam".into(),
            Some("Political Bureau".into())
        )
    );
    assert_eq!(
        organization_items("Central Committee, Political Bureau and the Secretariat").len(),
        3
    );
    assert_eq!(
        organization_items("the Party Central Committee's Secretariat")[0].0,
        "Party Central Committee's Secretariat"
    );
}

#[test]
fn ranks_are_not_part_of_a_name() {
    assert_eq!(
        holder_name("Lieutenant General Nguyễn Hồng Thái[1]").as_deref(),
        Some("Nguyễn Hồng Thái")
    );
    assert_eq!(
        holder_name("General Phan Văn Giang").as_deref(),
        Some("Phan Văn Giang")
    );
    assert_eq!(
        holder_name("Major Lee").as_deref(),
        Some("Major Lee"),
        "one word left is not a name"
    );
}

#[test]
fn posts_split_into_english_and_other_names() {
    assert_eq!(
        split_post(
            "Constitutional Court ศาลรัฐธรรมนูญ",
            "Constitutional Court of Thailand"
        ),
        ("Constitutional Court".into(), vec!["ศาลรัฐธรรมนูญ".into()])
    );
    assert_eq!(
            split_post(
                "Chamber of Representatives Dutch: Kamer van Volksvertegenwoordigers French: Chambre des Représentants",
                "Chamber of Representatives (Belgium)"
            ),
            (
                "Chamber of Representatives".into(),
                vec![
                    "Kamer van Volksvertegenwoordigers".into(),
                    "Chambre des Représentants".into()
                ]
            )
        );
    assert_eq!(
        split_post(
            "Italian Air Force Aeronautica Militare",
            "Italian Air Force"
        ),
        (
            "Italian Air Force".into(),
            vec!["Aeronautica Militare".into()]
        )
    );
    assert_eq!(
        split_post("General Secretary", "General Secretary of the Party"),
        ("General Secretary".into(), vec![])
    );
}

fn kind_of(text: &str) -> SubjectKind {
    let (record, _) = crate::record::parse_text("t.txt", "t.txt", text.as_bytes());
    kind(&record)
}

#[test]
fn places_are_told_from_positions_and_organizations() {
    assert_eq!(
            kind_of("= Maryland's 3rd congressional district =\n\nInfobox\n- Post: Maryland's 3rd congressional district\n- Area: 292 mi²\n- Population (2000): 662,062\n"),
            SubjectKind::Place
        );
    assert_eq!(
        kind_of("= Transcona (electoral district) =\n"),
        SubjectKind::Place
    );
    assert_eq!(kind_of("= Płock Governorate =\n"), SubjectKind::Place);
    assert_eq!(
        kind_of("= Governor of Lâm Đồng Province =\n\nInfobox\n- Post: Governor\n"),
        SubjectKind::Position
    );
    assert_eq!(
        kind_of("= Italian Air Force =\n\nInfobox\n- Post: Italian Air Force\n- Founded: 1923\n"),
        SubjectKind::Organization
    );
    assert_eq!(
        kind_of("= History of the Democratic Alliance (South Africa) =\n"),
        SubjectKind::Organization
    );
}

#[test]
fn office_keys() {
    assert_eq!(office_key("Commander1"), Some(("commander1".into(), false)));
    assert_eq!(
        office_key("Commander1 Label"),
        Some(("commander1".into(), true))
    );
    assert_eq!(office_key("Chief2 Position"), Some(("chief2".into(), true)));
    assert_eq!(office_key("Commander"), None);
    assert_eq!(office_key("Incumbent"), None);
}
