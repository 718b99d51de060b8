//! Extract stage: the record's body beyond tables — departments listed under a
//! structure section, and sections that describe a position the record made.

use super::graph::{en, vi};
use super::{Context, SubjectKind};
use crate::record::{clean_space, parentheses, strip_footnotes, vietnamese_names, Block, Located};
use crate::vocab::{ext, og};

const STRUCTURE_WORDS: [&str; 10] = [
    "structure",
    "organisation",
    "organization",
    "departments",
    "units",
    "subordinate",
    "components",
    "agencies",
    "composition",
    "subdivisions",
];
const INTRO_WORDS: [&str; 4] = ["consists of", "comprises", "composed of", "is made up of"];

/// Writes sub-organizations and position descriptions.
pub fn extract_structure(cx: &mut Context<'_>) {
    let record = cx.record;
    let mut heading: Option<&str> = None;
    let mut last_paragraph: Option<&str> = None;
    let mut described: Vec<String> = Vec::new();
    for block in &record.blocks {
        match block {
            Block::Heading { text, .. } => {
                heading = Some(text);
                last_paragraph = None;
            }
            Block::Paragraph { text, .. } => {
                if let Some(h) = heading {
                    describe_position(cx, h, text, &mut described);
                }
                last_paragraph = Some(text);
            }
            Block::List { items } if cx.subject_kind == SubjectKind::Organization => {
                let in_structure = heading.is_some_and(|h| {
                    let h = h.to_lowercase();
                    STRUCTURE_WORDS.iter().any(|w| h.contains(w))
                }) || last_paragraph.is_some_and(|p| {
                    let p = p.to_lowercase();
                    INTRO_WORDS.iter().any(|w| p.contains(w))
                });
                if in_structure {
                    for item in items {
                        sub_organization(cx, item);
                    }
                }
            }
            _ => {}
        }
    }
}

fn describe_position(
    cx: &mut Context<'_>,
    heading: &str,
    paragraph: &str,
    described: &mut Vec<String>,
) {
    let found = cx
        .positions
        .iter()
        .find(|(label, iri)| label.eq_ignore_ascii_case(heading) && *iri != cx.subject)
        .cloned();
    let Some((label, iri)) = found else { return };
    if described.contains(&label) {
        return;
    }
    described.push(label);
    cx.out.add(&iri, ext::SCHEMA_DESCRIPTION, en(paragraph));
    for name in vietnamese_names(paragraph) {
        cx.out.add(&iri, ext::SKOS_ALT_LABEL, vi(&name));
    }
}

/// `Department of Operations (Cục Tác chiến)` → an organization of the subject.
fn sub_organization(cx: &mut Context<'_>, item: &Located<String>) {
    let text = strip_footnotes(&item.value);
    let (name, rest) = match text.find('(') {
        Some(open) => (clean_space(&text[..open]), Some(&text[open..])),
        None => (clean_space(&text), None),
    };
    let name = name.trim_end_matches([':', '.', ',']).trim().to_owned();
    if name.is_empty() {
        return;
    }
    let org = cx.organization(&name, item.line);
    let subject = cx.subject.clone();
    cx.out.add(&org, og::SUB_ORGANIZATION_OF, subject);
    if let Some(rest) = rest {
        if let Some(first) = parentheses(rest).first() {
            for vietnamese in vietnamese_names(&format!("({first})")) {
                cx.out.add(&org, ext::SKOS_ALT_LABEL, vi(&vietnamese));
            }
            let after = rest.find(')').map_or("", |close| &rest[close + 1..]);
            let description = after.trim_start_matches(['.', ',', ';', ':', ' ']).trim();
            if !description.is_empty() {
                cx.out.add(&org, ext::SCHEMA_DESCRIPTION, en(description));
            }
        }
    }
}
