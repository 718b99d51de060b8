//! Extract stage: which position a table or an infobox office is about, and its label
//! — generic labels (`Commander`, `Vice Presidents`) are made specific to their
//! organization or subject so two offices never share an IRI.

use super::words::{is_organization_word, is_position_word, singular};
use super::{first_paragraph, subject, Context, SubjectKind};
use crate::record::{strip_article, Block, Diagnostics, OfficeTable, Record};
use crate::vocab::og;

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

/// A list's name as the post it lists: `List of Ambassadors of Russia to Austria` →
/// `Ambassador of Russia to Austria`; trailing qualifiers go (`… by age`, `… by time in
/// office`), and so does a second topic (`Chiefs of the Air force, rank structure`).
/// Any other name is made singular (`Vice Presidents` → `Vice President`).
pub fn list_label(name: &str) -> String {
    delisted(name).unwrap_or_else(|| {
        let name = name.trim();
        singular(name.split_once(", ").map_or(name, |(first, _)| first))
    })
}

/// The post a list's title names, or `None` when the title is no list (neither `List
/// of …` nor a plural head before a ` by …` qualifier).
pub fn delisted(name: &str) -> Option<String> {
    let name = name.trim();
    let name = name.split_once(", ").map_or(name, |(first, _)| first);
    let rest = name
        .get(..8)
        .filter(|p| p.eq_ignore_ascii_case("list of "))
        .map(|_| name[8..].trim());
    // ` by age`, ` by length of reign`: a qualifier in lower case ends the name.
    let unqualified = |s: &str| -> Option<String> {
        let (head, tail) = s.rsplit_once(" by ")?;
        tail.chars()
            .next()
            .is_some_and(char::is_lowercase)
            .then(|| head.trim().to_owned())
    };
    match rest {
        Some(rest) => {
            let rest = unqualified(rest).unwrap_or_else(|| rest.to_owned());
            // `List of representatives` → `Representative`: a label starts with a capital.
            let label = strip_article(&singular(&rest)).to_owned();
            let mut chars = label.chars();
            Some(
                chars
                    .next()
                    .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect()),
            )
        }
        None => unqualified(name)
            .filter(|head| singular(head) != *head)
            .map(|head| singular(&head)),
    }
}

/// The head noun of a label: the last word before ` of `, ` for `, ` to `, ` in ` or a
/// parenthesis (`Minister for Development` → `Minister`).
pub fn head_word(label: &str) -> &str {
    let mut head = label;
    for sep in [" of ", " for ", " to ", " in ", " ("] {
        if let Some((h, _)) = head.split_once(sep) {
            head = h;
        }
    }
    head.split_whitespace()
        .last()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
}

/// What a heading or table title names: a post (`Members of the Tribunal`), the
/// organization whose post the record's subject is (`Liberal Party of Canada`), or
/// neither (`Seat A`, `1833 - present: One seat`, `Overview`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    Post,
    Scope,
    Neither,
}

pub fn names(text: &str) -> Names {
    let label = list_label(text);
    let head = head_word(&label);
    if is_position_word(head) {
        Names::Post
    } else if is_organization_word(head) {
        Names::Scope
    } else {
        Names::Neither
    }
}

/// `Australian Prime Minister` as `Prime Minister of Australia` when the record's prose
/// says so (`… Prime Ministers of Australia …`): a demonym becomes the country the
/// record itself names, never one guessed from a table.
pub fn of_country(label: &str, record: &Record) -> Option<String> {
    let (demonym, office) = label.split_once(' ')?;
    if label.contains(" of ")
        || !demonym.chars().next().is_some_and(char::is_uppercase)
        || !["an", "ese", "ish", "ic", "i"]
            .iter()
            .any(|e| demonym.ends_with(e))
    {
        return None;
    }
    let office_lower = office.to_ascii_lowercase();
    let plural = format!("{office_lower}s of ");
    let single = format!("{office_lower} of ");
    record.blocks.iter().find_map(|block| {
        let Block::Paragraph { text, .. } = block else {
            return None;
        };
        let lower = text.to_ascii_lowercase();
        [&plural, &single].iter().find_map(|needle| {
            let at = lower.find(needle.as_str())? + needle.len();
            let words: Vec<&str> = text[at..]
                .split_whitespace()
                .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
                .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
                .collect();
            let first = words.first()?.to_lowercase();
            let stem: String = first.chars().take(first.chars().count() - 1).collect();
            (stem.chars().count() >= 4 && demonym.to_lowercase().starts_with(&stem))
                .then(|| format!("{office} of {}", words.join(" ")))
        })
    })
}

/// The label of a position record's own post: the infobox `Post` when it names the
/// office (`Ambassador of the United States to Grenada`; the title when the title is
/// the `Post` made specific), else the title as a post (`List of Australian Prime
/// Ministers by age` → `Prime Minister of Australia`).
pub fn position_label(record: &Record, title: &str) -> String {
    if let Some((label, _, _)) = subject::post_label(record, title) {
        return label;
    }
    match delisted(title) {
        Some(label) => of_country(&label, record).unwrap_or(label),
        None => title.to_owned(),
    }
}

/// A label specific to the record: in an organization record a label that does not
/// name the organization gets it appended (`Commander of the Military Region 1`) or
/// put in place of its short name (`Member of the Court` of the Constitutional Court
/// of Thailand → `Member of the Constitutional Court of Thailand`; `Administrator of
/// SUPARCO` where the record writes `… Commission (SUPARCO…`); in a place record the
/// place is appended (`for` an electoral district: `Member of the Legislative Assembly
/// for Transcona`); in a position record a label without ` of …` borrows the
/// subject's (`Vice President` of the `President of the Fatherland Front` record →
/// `Vice President of the Fatherland Front`).
pub fn specific_label(cx: &Context<'_>, label: &str) -> String {
    let subject = cx.subject_label.as_str();
    match cx.subject_kind {
        SubjectKind::Organization => {
            let head = subject.split(" of ").next().unwrap_or(subject);
            let lower = label.to_lowercase();
            if lower.contains(&head.to_lowercase()) {
                return label.to_owned();
            }
            let org = strip_article(subject);
            if let Some((office, short)) = label.rsplit_once(" of ") {
                let short = strip_article(short);
                let (head_lower, short_lower) = (head.to_lowercase(), short.to_lowercase());
                let defined = first_paragraph(cx.record)
                    .is_some_and(|p| p.contains(&format!("{subject} ({short}")));
                // `Court` is the head of `Constitutional Court`: the short name.
                let is_head = head_lower == short_lower
                    || head_lower
                        .strip_suffix(&short_lower)
                        .is_some_and(|before| before.ends_with(' '));
                if defined || is_head {
                    return format!("{office} of the {org}");
                }
            }
            format!("{label} of the {org}")
        }
        SubjectKind::Place => {
            let (name, _) = subject::split_qualifier(subject);
            if label.to_lowercase().contains(&name.to_lowercase()) {
                return label.to_owned();
            }
            let constituency = ["district", "constituency", "riding"]
                .iter()
                .any(|w| subject.to_lowercase().contains(w));
            let of = if constituency { "for" } else { "of" };
            format!("{label} {of} {name}")
        }
        SubjectKind::Position => match (label.contains(" of "), subject.split_once(" of ")) {
            (false, Some((_, tail))) => format!("{label} of {tail}"),
            _ => label.to_owned(),
        },
    }
}

/// The position a table lists, and whether the table's own title row names it.
#[derive(Debug, Clone)]
pub struct TablePosition {
    pub label: String,
    pub from_title: bool,
}

/// The position a table lists (declaring it when new), or `None` when it cannot tell.
/// `headings` are the headings the table stands under, outermost first: the nearest
/// one naming a post or an organization names the table (`Seat A` under `List of
/// representatives` lists representatives). Tables under the same heading list the
/// same post, so their equal tenures merge.
pub fn table_position(
    cx: &mut Context<'_>,
    table: &OfficeTable,
    headings: &[&str],
    first_table_eras: &mut Option<Vec<String>>,
    diagnostics: &mut Diagnostics,
) -> Option<TablePosition> {
    let title = table.title.as_ref();
    let naming = headings
        .iter()
        .rev()
        .find(|h| names(h) != Names::Neither)
        .copied();
    let nearest = headings.last().copied();
    let plain = |label: String| {
        Some(TablePosition {
            label,
            from_title: false,
        })
    };
    if cx.subject_kind == SubjectKind::Position {
        // Under an organization's heading (one table per party), the subject's post
        // in that organization: `Quebec lieutenant of the Liberal Party of Canada`.
        let scoped = |cx: &Context<'_>, scope: &str| {
            format!("{} of the {}", cx.subject_label, strip_article(scope))
        };
        let Some(eras) = first_table_eras else {
            *first_table_eras = Some(table.eras.iter().map(|e| e.value.clone()).collect());
            return match naming.filter(|h| names(h) == Names::Scope) {
                Some(scope) => {
                    let label = scoped(cx, scope);
                    cx.position(&label, table.line);
                    plain(label)
                }
                None => plain(cx.subject_label.clone()),
            };
        };
        return match title {
            Some(t) if t.value != cx.subject_label && !eras.contains(&t.value) => {
                let label = match names(&t.value) {
                    Names::Scope => scoped(cx, &t.value),
                    _ => t.value.clone(),
                };
                cx.position(&label, t.line);
                Some(TablePosition {
                    label,
                    from_title: true,
                })
            }
            Some(_) => plain(cx.subject_label.clone()),
            // A later table under a heading of its own (`== Vice Presidents ==`) lists
            // another position; under `== List ==` or `== Presidents ==`, the subject.
            None => match naming.filter(|h| !heading_is_generic(h, &cx.subject_label)) {
                Some(heading) if names(heading) == Names::Scope => {
                    let label = scoped(cx, heading);
                    cx.position(&label, table.line);
                    plain(label)
                }
                Some(heading) => {
                    let label = specific_label(cx, &list_label(heading));
                    cx.position(&label, table.line);
                    plain(label)
                }
                None => plain(cx.subject_label.clone()),
            },
        };
    }
    // A title row names the table's post only when it names a post (`Seat A` does not).
    let titled = title
        .filter(|t| names(&t.value) == Names::Post)
        .map(|t| (t.value.clone(), t.line, true));
    // So does a caption: a sentence (`As from the coming into force of the 2007
    // Constitution…`) leaves the table to its heading.
    let named = titled.or_else(|| {
        table
            .caption
            .as_ref()
            .filter(|c| names(&c.value) == Names::Post)
            .map(|c| (list_label(&c.value), c.line, false))
    });
    let named = named.or_else(|| {
        naming
            .or(nearest)
            .map(|h| (list_label(h), table.line, false))
    });
    match named {
        Some((label, line, from_title)) => {
            let label = specific_label(cx, &label);
            let position = cx.position(&label, line);
            if cx.subject_kind == SubjectKind::Organization {
                let subject = cx.subject.clone();
                cx.out.add(&position, og::ORGANIZATION_PROP, subject);
            }
            Some(TablePosition { label, from_title })
        }
        None => {
            diagnostics.warn(table.line, "cannot tell which position this table lists (no title, caption or section); skipped");
            None
        }
    }
}

#[cfg(test)]
mod tests;
