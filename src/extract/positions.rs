//! Extract stage: which position a table or an infobox office is about, and its label
//! — generic labels (`Commander`, `Vice Presidents`) are made specific to their
//! organization or subject so two offices never share an IRI.

use super::{Context, SubjectKind};
use crate::record::{Diagnostics, OfficeTable};
use crate::vocab::og;

/// The singular of a heading's head noun: `Vice Presidents` → `Vice President`,
/// `Chiefs of Staff` → `Chief of Staff`, `Secretaries` → `Secretary`.
pub fn singular(heading: &str) -> String {
    let (head, tail) = heading
        .split_once(" of ")
        .map_or((heading, None), |(h, t)| (h, Some(t)));
    let mut words: Vec<String> = head.split_whitespace().map(str::to_owned).collect();
    if let Some(last) = words.last_mut() {
        let lower = last.to_lowercase();
        if let Some(stem) = last.strip_suffix("ies").filter(|_| lower.len() > 4) {
            *last = format!("{stem}y");
        } else if ["ches", "shes", "sses", "xes"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            last.truncate(last.len() - 2);
        } else if lower.ends_with('s') && !lower.ends_with("ss") && lower.len() > 3 {
            last.truncate(last.len() - 1);
        }
    }
    let head = words.join(" ");
    tail.map_or(head.clone(), |t| format!("{head} of {t}"))
}

/// Whether a section heading just says "the holders" of the record's own position.
fn heading_is_generic(heading: &str, subject_label: &str) -> bool {
    let lower = heading.to_lowercase();
    let generic = [
        "list",
        "officeholder",
        "office holder",
        "holders",
        "incumbents",
        "history",
        "timeline",
        "tenure",
    ];
    generic.iter().any(|g| lower.contains(g))
        || subject_label
            .to_lowercase()
            .contains(&singular(heading).to_lowercase())
}

/// A label specific to the record: in an organization record a label that does not
/// name the organization gets it appended (`Commander of Military Region 1`); in
/// a position record a label without ` of …` borrows the subject's (`Vice President`
/// of the `President of the Fatherland Front` record → `Vice President of the
/// Fatherland Front`).
pub fn specific_label(cx: &Context<'_>, label: &str) -> String {
    let subject = cx.subject_label.as_str();
    match cx.subject_kind {
        SubjectKind::Organization => {
            let head = subject.split(" of ").next().unwrap_or(subject);
            if label.to_lowercase().contains(&head.to_lowercase()) {
                label.to_owned()
            } else {
                format!("{label} of {subject}")
            }
        }
        SubjectKind::Position => match (label.contains(" of "), subject.split_once(" of ")) {
            (false, Some((_, tail))) => format!("{label} of {tail}"),
            _ => label.to_owned(),
        },
    }
}

/// The position a table lists (declaring it when new), or `None` when it cannot tell.
pub fn table_position(
    cx: &mut Context<'_>,
    table: &OfficeTable,
    section: Option<&str>,
    first_table_eras: &mut Option<Vec<String>>,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let title = table.title.as_ref();
    if cx.subject_kind == SubjectKind::Position {
        let Some(eras) = first_table_eras else {
            *first_table_eras = Some(table.eras.iter().map(|e| e.value.clone()).collect());
            return Some(cx.subject_label.clone());
        };
        return match title {
            Some(t) if t.value != cx.subject_label && !eras.contains(&t.value) => {
                cx.position(&t.value, t.line);
                Some(t.value.clone())
            }
            Some(_) => Some(cx.subject_label.clone()),
            // A later table under a heading of its own (`== Vice Presidents ==`) lists
            // another position; under `== List ==` or `== Presidents ==`, the subject.
            None => match section.filter(|h| !heading_is_generic(h, &cx.subject_label)) {
                Some(heading) => {
                    let label = specific_label(cx, &singular(heading));
                    cx.position(&label, table.line);
                    Some(label)
                }
                None => Some(cx.subject_label.clone()),
            },
        };
    }
    let named = title
        .or(table.caption.as_ref())
        .map(|t| (t.value.clone(), t.line));
    let named = named.or_else(|| section.map(|s| (singular(s), table.line)));
    match named {
        Some((label, line)) => {
            let label = specific_label(cx, &label);
            let position = cx.position(&label, line);
            let subject = cx.subject.clone();
            cx.out.add(&position, og::ORGANIZATION_PROP, subject);
            Some(label)
        }
        None => {
            diagnostics.warn(table.line, "cannot tell which position this table lists (no title, caption or section); skipped");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        assert_eq!(singular("Vice Presidents"), "Vice President");
        assert_eq!(singular("Chiefs of Staff"), "Chief of Staff");
        assert_eq!(singular("General Secretaries"), "General Secretary");
        assert_eq!(singular("Commanders"), "Commander");
        assert_eq!(
            singular("Chief of the General Staff"),
            "Chief of the General Staff"
        );
        assert_eq!(singular("Bosses"), "Boss");
    }

    #[test]
    fn generic_headings() {
        let subject = "President of the Vietnamese Fatherland Front";
        for h in [
            "List",
            "Officeholders",
            "List of presidents",
            "Presidents",
            "History",
        ] {
            assert!(heading_is_generic(h, subject), "{h}");
        }
        assert!(!heading_is_generic("Vice Presidents", subject));
    }
}
