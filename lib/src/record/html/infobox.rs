//! Parse stage (HTML): the infobox table read into `Key: Value` entries as SOURCES.md
//! flattens it — the title cell is `Post`, "Incumbent X since D" is `Incumbent` and
//! `Incumbentsince`, every other labelled row keeps its label, words capitalised.

use super::super::InfoboxEntry;
use super::grid::{caption_of, cells_of, rows_of};
use super::sink::Lines;
use super::text::{has_class, text, Skip};
use scraper::ElementRef;

/// A label's words capitalised (`Term length` → `Term Length`), then the seeds' names
/// for the common ones (`Termlength`, `Inaugural`).
pub(super) fn infobox_key(label: &str) -> String {
    let label = label.trim().trim_end_matches(':').trim();
    let words: Vec<String> = label
        .split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    let key = words.join(" ");
    match key.as_str() {
        "Term Length" => "Termlength".to_owned(),
        "Inaugural Holder" => "Inaugural".to_owned(),
        _ => key,
    }
}

/// `Incumbent X since D` (the rendered incumbent line) as (X, D).
fn incumbent(text: &str) -> Option<(String, Option<String>)> {
    let at = text
        .match_indices("Incumbent")
        .find(|(i, _)| *i == 0 || text[..*i].ends_with(' '))?
        .0;
    let rest = text[at + "Incumbent".len()..].trim();
    if rest.is_empty() {
        return None;
    }
    Some(match rest.rfind(" since ") {
        Some(i) => (
            rest[..i].trim().to_owned(),
            Some(rest[i + " since ".len()..].trim().to_owned()),
        ),
        None => (rest.to_owned(), None),
    })
}

/// Whether a single-cell row is the infobox's title: a header spanning the table, or a
/// cell marked (or holding a mark) `fn`/`org`.
fn is_title_cell(cell: ElementRef<'_>) -> bool {
    let spans = cell
        .value()
        .attr("colspan")
        .and_then(|c| c.trim().parse::<usize>().ok())
        .is_some_and(|n| n >= 2);
    let marked = |e: ElementRef<'_>| has_class(e, "fn") || has_class(e, "org");
    (cell.value().name() == "th" && spans) || marked(cell) || cell.descendent_elements().any(marked)
}

/// The entries of an infobox table, in order, each at its row's line.
pub(super) fn read_infobox(
    table: ElementRef<'_>,
    lines: &Lines,
    fallback_line: usize,
) -> Vec<InfoboxEntry> {
    let mut entries: Vec<InfoboxEntry> = Vec::new();
    let mut has_post = false;
    if let Some(caption) = caption_of(table, lines) {
        entries.push(InfoboxEntry {
            key: "Post".to_owned(),
            value: caption.value,
            line: caption.line,
        });
        has_post = true;
    }
    let mut last_line = fallback_line;
    for tr in rows_of(table) {
        let line = lines.of(tr.id()).unwrap_or(last_line);
        last_line = line;
        let cells = cells_of(tr);
        let texts: Vec<String> = cells.iter().map(|c| text(*c, Skip::Nothing)).collect();
        let mut push = |key: String, value: String| {
            entries.push(InfoboxEntry { key, value, line });
        };
        match (cells.first(), texts.as_slice()) {
            (None, _) | (_, []) => {}
            (Some(cell), [only]) => {
                if let Some((name, since)) = incumbent(only) {
                    push("Incumbent".to_owned(), name);
                    if let Some(since) = since {
                        push("Incumbentsince".to_owned(), since);
                    }
                } else if !has_post && !only.is_empty() && is_title_cell(*cell) {
                    push("Post".to_owned(), only.clone());
                    has_post = true;
                }
                // Otherwise an image, its caption or a section header: left out.
            }
            (_, [first, second, rest @ ..]) => {
                // `- | Monarch | Elizabeth II`: a sub-row whose label is the second cell.
                let bullet = matches!(first.as_str(), "" | "-" | "•" | "–" | "·");
                let (key, value) = if bullet && !rest.is_empty() {
                    (second.clone(), rest.join(" "))
                } else {
                    let value: Vec<&str> = std::iter::once(second)
                        .chain(rest)
                        .map(String::as_str)
                        .filter(|t| !t.is_empty())
                        .collect();
                    (first.clone(), value.join(" "))
                };
                let key = infobox_key(&key);
                let value = value.trim().to_owned();
                if !key.is_empty() && !value.is_empty() {
                    push(key, value);
                }
            }
        }
    }
    entries
}
