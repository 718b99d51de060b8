//! Scorer tests on hand-built candidates: no store, no files.

use super::*;
use crate::record::date::parse_date;

const GS: &str = "http://o/position/GS";
const Q_GS: &str = "http://w/Q100";
const Q_OTHER: &str = "http://w/Q120";

fn date(s: &str) -> Option<PartialDate> {
    parse_date(s).ok()
}

fn person(name: &str, born: Option<i32>, tenures: &[(&str, &str)]) -> OurEntity {
    OurEntity {
        iri: format!("http://o/person/{name}"),
        labels: [name.to_owned()].into(),
        aliases: BTreeSet::new(),
        birth_year: born,
        tenures: tenures
            .iter()
            .map(|(s, e)| OurTenure {
                position: GS.to_owned(),
                start: date(s),
                end: date(e),
            })
            .collect(),
    }
}

fn item(iri: &str, label: &str, born: Option<&str>, p39: &[(&str, &str, &str)]) -> Item {
    Item {
        iri: iri.to_owned(),
        labels: [label.to_owned()].into(),
        kinds: [Kind::Person].into(),
        births: born.and_then(date).into_iter().collect(),
        statements: p39
            .iter()
            .map(|(p, s, e)| Statement {
                position: Some((*p).to_owned()),
                start: date(s),
                end: date(e),
            })
            .collect(),
        ..Item::default()
    }
}

fn world(items: Vec<Item>) -> Candidates {
    let mut c = Candidates::default();
    let mut positions = vec![
        Item {
            iri: Q_GS.into(),
            labels: ["General Secretary".into()].into(),
            kinds: [Kind::Position].into(),
            ..Item::default()
        },
        Item {
            iri: Q_OTHER.into(),
            labels: ["Mayor".into()].into(),
            kinds: [Kind::Position].into(),
            ..Item::default()
        },
    ];
    positions.extend(items);
    for i in positions {
        c.items.insert(i.iri.clone(), i);
    }
    c
}

fn ours_with(persons: Vec<OurEntity>) -> Ours {
    let mut ours = Ours::default();
    ours.entities.insert(Kind::Person, persons);
    ours.entities.insert(
        Kind::Position,
        vec![OurEntity {
            iri: GS.into(),
            labels: ["General Secretary".into()].into(),
            ..OurEntity::default()
        }],
    );
    ours
}

fn decision_for<'a>(outcomes: &'a [Outcome], ours: &str) -> &'a Decision {
    &outcomes
        .iter()
        .find(|o| o.ours == ours)
        .expect("an outcome")
        .decision
}

#[test]
fn the_namesake_is_told_apart_by_dates_whatever_the_order() {
    let linh = person("Nguyễn Văn Linh", None, &[("1986-12-18", "1991-06-28")]);
    let wrong = item(
        "http://w/Q3",
        "Nguyễn Văn Linh",
        Some("1962"),
        &[(Q_OTHER, "2016", "2021")],
    );
    let right = item(
        "http://w/Q4",
        "Nguyễn Văn Linh",
        Some("1915"),
        &[(Q_GS, "1986-12-18", "1991-06-28")],
    );
    for items in [
        vec![wrong.clone(), right.clone()],
        vec![right.clone(), wrong.clone()],
    ] {
        let outcomes = reconcile(&ours_with(vec![linh.clone()]), &world(items));
        match decision_for(&outcomes, &linh.iri) {
            Decision::Matched(m) => {
                assert_eq!(m.item, "http://w/Q4");
                assert_eq!(m.score, NAME_LABEL + HOLDS_POSITION + DATES_OVERLAP);
                assert_eq!(
                    m.evidence,
                    vec!["label", "P39 dates overlap 1986-12-18..1991-06-28"]
                );
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn equal_candidates_are_ambiguous_never_picked() {
    let phong = person("Lê Hồng Phong", None, &[("1931-10-27", "1936-07-26")]);
    let a = item("http://w/Q9", "Lê Hồng Phong", None, &[]);
    let b = item("http://w/Q10", "Lê Hồng Phong", None, &[]);
    let outcomes = reconcile(&ours_with(vec![phong.clone()]), &world(vec![a, b]));
    match decision_for(&outcomes, &phong.iri) {
        Decision::Ambiguous(c) => {
            let items: Vec<&str> = c.iter().map(|s| s.item.as_str()).collect();
            assert_eq!(items, ["http://w/Q10", "http://w/Q9"]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_conflicting_birth_year_rules_out_and_an_equal_one_counts() {
    let trinh = person("Nguyễn Duy Trinh", Some(1910), &[]);
    let candidates = world(vec![]);
    let positions = BTreeMap::new();
    let born_1950 = item("http://w/Q11", "Nguyễn Duy Trinh", Some("1950-01-01"), &[]);
    let born_1910 = item("http://w/Q12", "Nguyễn Duy Trinh", Some("1910-07"), &[]);
    assert_eq!(
        score_person(&trinh, &born_1950, &positions, &candidates),
        None
    );
    let s = score_person(&trinh, &born_1910, &positions, &candidates).expect("scored");
    assert_eq!(s.score, NAME_LABEL + BIRTH_YEAR);
    assert_eq!(s.evidence, vec!["label", "born 1910"]);
}

#[test]
fn born_after_the_tenure_began_rules_out() {
    let linh = person("Nguyễn Văn Linh", None, &[("1986-12-18", "1991-06-28")]);
    let later = item("http://w/Q3", "Nguyễn Văn Linh", Some("1990"), &[]);
    let s = score_person(&linh, &later, &BTreeMap::new(), &world(vec![]));
    assert_eq!(s, None);
}

#[test]
fn names_without_diacritics_need_corroboration() {
    let phieu = person("Lê Khả Phiêu", None, &[("1997-12-26", "2001-04-22")]);
    let bare = item("http://w/Q8", "Le Kha Phieu", None, &[]);
    let held = item(
        "http://w/Q8",
        "Le Kha Phieu",
        None,
        &[(Q_GS, "1997-12", "2001")],
    );
    let outcomes = reconcile(&ours_with(vec![phieu.clone()]), &world(vec![bare]));
    assert_eq!(decision_for(&outcomes, &phieu.iri), &Decision::Unmatched);
    let outcomes = reconcile(&ours_with(vec![phieu.clone()]), &world(vec![held]));
    match decision_for(&outcomes, &phieu.iri) {
        Decision::Matched(m) => assert_eq!(m.score, NAME_FOLDED + 30),
        other => panic!("{other:?}"),
    }
}

#[test]
fn aliases_match_on_either_side() {
    let ho = person("Hồ Chí Minh", None, &[]);
    let mut q7 = item("http://w/Q7", "Ho Chi Minh", None, &[]);
    q7.aliases.insert("Hồ Chí Minh".into());
    let s = name_score(&ho, &q7).expect("matches");
    assert_eq!(s, (NAME_ALIAS, "alias \"Hồ Chí Minh\"".to_owned()));
}

#[test]
fn overlap_is_judged_at_the_coarser_precision() {
    let t = |s: &str, e: &str| OurTenure {
        position: GS.into(),
        start: date(s),
        end: date(e),
    };
    let st = |s: &str, e: &str| Statement {
        position: None,
        start: date(s),
        end: date(e),
    };
    assert!(overlaps(&t("1940-11-09", "1945-11-11"), &st("1940-11", "")));
    assert!(overlaps(&t("2024-08-03", ""), &st("2024", "")));
    assert!(overlaps(
        &t("1986-12-18", "1991-06-28"),
        &st("1991", "1997")
    ));
    assert!(!overlaps(
        &t("1986-12-18", "1991-06-28"),
        &st("2016", "2021")
    ));
    assert!(!overlaps(&t("", ""), &st("1986", "1991")));
    assert!(!overlaps(&t("1986", "1991"), &st("", "")));
}

#[test]
fn decisions_need_a_clear_margin() {
    let s = |item: &str, score: u32| Scored {
        item: item.into(),
        score,
        evidence: vec![],
    };
    assert_eq!(decide(vec![]), Decision::Unmatched);
    assert_eq!(decide(vec![s("a", 30)]), Decision::Unmatched);
    assert_eq!(decide(vec![s("a", 40)]), Decision::Matched(s("a", 40)));
    assert_eq!(
        decide(vec![s("a", 50), s("b", 70)]),
        Decision::Matched(s("b", 70))
    );
    assert!(matches!(
        decide(vec![s("a", 50), s("b", 60)]),
        Decision::Ambiguous(c) if c.len() == 2
    ));
}

#[test]
fn one_item_claimed_twice_goes_to_the_clearly_better_claim() {
    let mut outcomes = vec![
        Outcome {
            kind: Kind::Organization,
            ours: "http://o/a".into(),
            label: "A".into(),
            decision: Decision::Matched(Scored {
                item: "http://w/Q1".into(),
                score: 40,
                evidence: vec![],
            }),
        },
        Outcome {
            kind: Kind::Organization,
            ours: "http://o/b".into(),
            label: "B".into(),
            decision: Decision::Matched(Scored {
                item: "http://w/Q1".into(),
                score: 60,
                evidence: vec![],
            }),
        },
    ];
    one_of_ours_per_item(&mut outcomes);
    assert!(matches!(outcomes[0].decision, Decision::Ambiguous(_)));
    assert!(matches!(outcomes[1].decision, Decision::Matched(_)));
}

#[test]
fn p39_dates_of_an_unknown_position_corroborate_any_tenure() {
    let muoi = person("Đỗ Mười", None, &[("1991-06-28", "1997-12-26")]);
    let mut q5 = item("http://w/Q5", "Đỗ Mười", None, &[]);
    q5.statements.push(Statement {
        position: None,
        start: date("1991"),
        end: date("1997"),
    });
    // A position item with no name is unknown too.
    q5.statements.push(Statement {
        position: Some("http://w/Q999".into()),
        start: date("1991-06-28"),
        end: None,
    });
    let s = score_person(&muoi, &q5, &BTreeMap::new(), &world(vec![])).expect("scored");
    assert_eq!(s.score, NAME_LABEL + DATES_OVERLAP);
    assert_eq!(
        s.evidence[1],
        "P39 (position unknown) dates overlap 1991..1997"
    );
    // A known, different position does not corroborate.
    let mut other = item("http://w/Q6", "Đỗ Mười", None, &[(Q_OTHER, "1991", "1997")]);
    other.statements.truncate(1);
    let s = score_person(&muoi, &other, &BTreeMap::new(), &world(vec![])).expect("scored");
    assert_eq!(s.score, NAME_LABEL);
}
