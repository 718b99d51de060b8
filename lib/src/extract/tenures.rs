//! Extract stage: officeholder tables (and infobox holders) → tenures, people, places,
//! terms and the succession chain of each position.

use super::draft::{apply_infobox, succession_order, TenureDraft};
use super::graph::{en, raw_property, yes};
use super::naming::apply_prose;
use super::prose::{clues, Clue};
use super::subject::SubjectHolders;
use super::{offices, positions, Context, SubjectKind};
use crate::date::PartialDate;
use crate::names::{date_key, slug};
use crate::record::{Block, ColumnKind, Diagnostics};
use crate::vocab::{ext, og};
use oxigraph::model::{Literal, NamedNode};
use std::collections::HashMap;

/// Collects the drafts of every table and infobox office, reconciles them, and writes
/// the tenures.
pub fn extract_tenures(
    cx: &mut Context<'_>,
    holders: &SubjectHolders,
    diagnostics: &mut Diagnostics,
) {
    let mut drafts = table_drafts(cx, diagnostics);
    if cx.subject_kind == SubjectKind::Position {
        let subject_label = cx.subject_label.clone();
        apply_infobox(&mut drafts, &subject_label, &holders.infobox, diagnostics);
        let clues: Vec<Clue> = cx
            .record
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text, line } => Some(clues(text, *line)),
                _ => None,
            })
            .flatten()
            .collect();
        apply_prose(&mut drafts, &subject_label, &clues, diagnostics);
    }
    offices::office_drafts(cx, &holders.offices, &mut drafts, diagnostics);
    write_tenures(cx, &drafts, diagnostics);
}

/// Which position each officeholder table lists, and its rows as drafts.
fn table_drafts(cx: &mut Context<'_>, diagnostics: &mut Diagnostics) -> Vec<TenureDraft> {
    let record = cx.record;
    let mut drafts = Vec::new();
    // The headings the current block stands under, outermost first.
    let mut headings: Vec<(usize, &str)> = Vec::new();
    let mut first_table_eras: Option<Vec<String>> = None;
    for block in &record.blocks {
        let table = match block {
            Block::Heading { text, level, .. } => {
                headings.retain(|(l, _)| l < level);
                headings.push((*level, text));
                continue;
            }
            Block::Table(table) => table,
            _ => continue,
        };
        if !table.is_officeholder_table {
            let has = |k: ColumnKind| table.columns.iter().any(|c| c.kind == k);
            let why = match (
                has(ColumnKind::Name),
                has(ColumnKind::Start) || has(ColumnKind::Range),
            ) {
                (false, false) => "no column of holders and no column of term dates",
                (false, true) => "no column of holders",
                _ => "no column of term starts",
            };
            diagnostics.note(
                table.line,
                format!("table is not a list of tenures ({why}); not read as tenures"),
            );
            continue;
        }
        let raw: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind == ColumnKind::Other)
            .filter(|(i, _)| table.rows.iter().any(|r| !r.extra.is_empty()) && *i < 64)
            .map(|(i, c)| {
                if c.header.is_empty() {
                    format!("column {}", i + 1)
                } else {
                    format!("`{}`", c.header)
                }
            })
            .collect();
        if !raw.is_empty() {
            diagnostics.note(
                table.line,
                format!(
                    "table columns not interpreted, kept as written (ogr:…): {}",
                    raw.join(", ")
                ),
            );
        }
        if record.is_table_file {
            for row in &table.rows {
                let label = row
                    .position
                    .clone()
                    .unwrap_or_else(|| cx.subject_label.clone());
                cx.position(&label, row.line);
                drafts.push(TenureDraft {
                    position: label,
                    row: row.clone(),
                    name_line: None,
                    name_source: None,
                });
            }
            continue;
        }
        let under: Vec<&str> = headings.iter().map(|(_, h)| *h).collect();
        let Some(named) =
            positions::table_position(cx, table, &under, &mut first_table_eras, diagnostics)
        else {
            continue;
        };
        let label = named.label;
        // A table that is a position of its own is named by its title row: that row
        // is the position's name, not an era title of its rows.
        let own_title = table
            .title
            .as_ref()
            .filter(|t| named.from_title || t.value == label)
            .map(|t| t.value.clone());
        drafts.extend(table.rows.iter().map(|row| {
            let mut row = row.clone();
            if own_title.is_some() && row.era_title == own_title && label != cx.subject_label {
                row.era_title = None;
            }
            TenureDraft {
                position: label.clone(),
                row,
                name_line: None,
                name_source: None,
            }
        }));
    }
    drafts
}

/// The holder part of each draft's IRIs: `None` for a named holder, else the unnamed
/// key suffix (`""`, or `-{ordinal}` when unnamed holders of one position share a start).
fn unnamed_suffixes(drafts: &[TenureDraft]) -> Vec<Option<String>> {
    let mut groups: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (i, d) in drafts
        .iter()
        .enumerate()
        .filter(|(_, d)| d.row.name.is_none())
    {
        groups
            .entry((d.position.clone(), date_key(d.row.start.as_ref())))
            .or_default()
            .push(i);
    }
    let mut suffixes = vec![None; drafts.len()];
    for members in groups.values() {
        // Ordinals tell the holders apart only when every one has a different one;
        // otherwise all are counted in table order, so two suffixes never collide.
        let mut ordinals: Vec<Option<u64>> =
            members.iter().map(|&i| drafts[i].row.ordinal).collect();
        ordinals.sort_unstable();
        ordinals.dedup();
        let by_ordinal = ordinals.len() == members.len() && ordinals.iter().all(Option::is_some);
        for (n, &i) in members.iter().enumerate() {
            suffixes[i] = Some(match (members.len(), by_ordinal, drafts[i].row.ordinal) {
                (1, _, _) => String::new(),
                (_, true, Some(ordinal)) => format!("-{ordinal}"),
                _ => format!("-{}", n + 1),
            });
        }
    }
    suffixes
}

/// For named holders with no start: `-{n}` on the start key of the second and later
/// undated tenures of one holder in one position that end differently, so two
/// different holdings never merge for lack of a start (`undated`, `undated-2`).
fn undated_suffixes(drafts: &[TenureDraft]) -> Vec<String> {
    let mut seen: HashMap<(&str, &str), Vec<Option<String>>> = HashMap::new();
    drafts
        .iter()
        .map(|d| {
            let (Some(name), None) = (d.row.name.as_deref(), d.row.start) else {
                return String::new();
            };
            let end = d.row.end.map(|e| e.to_string());
            let ends = seen.entry((d.position.as_str(), name)).or_default();
            let n = match ends.iter().position(|e| *e == end) {
                Some(i) => i,
                None => {
                    ends.push(end);
                    ends.len() - 1
                }
            };
            if n == 0 {
                String::new()
            } else {
                format!("-{}", n + 1)
            }
        })
        .collect()
}

fn write_tenures(cx: &mut Context<'_>, drafts: &[TenureDraft], diagnostics: &mut Diagnostics) {
    let suffixes = unnamed_suffixes(drafts);
    let undated = undated_suffixes(drafts);
    let mut iris: Vec<NamedNode> = Vec::with_capacity(drafts.len());
    let mut seen: HashMap<NamedNode, usize> = HashMap::new();
    for ((draft, suffix), undated) in drafts.iter().zip(&suffixes).zip(&undated) {
        let iri = write_tenure(cx, draft, suffix.as_deref(), undated);
        // Same position, holder and start: one tenure IRI, so the rows' facts merge.
        if let Some(first) = seen.insert(iri.clone(), draft.row.line) {
            diagnostics.warn(
                draft.row.line,
                format!("this row and the row at line {first} are the same tenure (same position, holder and start); their facts are merged"),
            );
        }
        iris.push(iri);
    }
    let positions: Vec<String> = {
        let mut p: Vec<String> = drafts.iter().map(|d| d.position.clone()).collect();
        p.sort();
        p.dedup();
        p
    };
    for position in positions {
        let order = succession_order(drafts, &position);
        for pair in order.windows(2) {
            let (before, after) = (&iris[pair[0]], &iris[pair[1]]);
            if before != after {
                cx.out.add(before, og::NEXT, after.clone());
                cx.out.add(after, og::PREVIOUS, before.clone());
            }
        }
    }
}

fn write_tenure(
    cx: &mut Context<'_>,
    draft: &TenureDraft,
    unnamed_suffix: Option<&str>,
    undated_suffix: &str,
) -> NamedNode {
    let row = &draft.row;
    let position = cx.minter.position(&draft.position);
    let start_key = date_key(row.start.as_ref());
    let (holder, holder_part) = match (&row.name, unnamed_suffix) {
        (Some(name), _) => (cx.minter.person(name), slug(name)),
        (None, suffix) => {
            let suffix = suffix.unwrap_or("");
            (
                cx.minter
                    .unnamed_person(&draft.position, &format!("{start_key}{suffix}")),
                format!("unnamed{suffix}"),
            )
        }
    };
    let tenure = cx.minter.tenure(
        &draft.position,
        &format!("{start_key}{undated_suffix}"),
        &holder_part,
    );
    let out = &mut cx.out;
    out.node(&tenure, og::TENURE, row.line);
    if let Some(source) = &draft.name_source {
        // The evidence for a name the table left out: its line and words.
        let evidence = cx
            .minter
            .name_source(&draft.position, &start_key, &holder_part);
        out.node(&evidence, og::NAME_SOURCE_CLASS, source.line);
        out.add(
            &evidence,
            og::METHOD,
            Literal::new_simple_literal(&source.method),
        );
        out.add(
            &evidence,
            og::QUOTE,
            Literal::new_simple_literal(&source.quote),
        );
        out.add(&tenure, og::NAME_SOURCE, evidence);
    }
    out.add(&tenure, og::POSITION_PROP, position);
    out.add(&tenure, og::HOLDER, holder.clone());
    let end_text = if row.incumbent {
        "present".to_owned()
    } else {
        row.end.map_or("?".to_owned(), |d| d.to_string())
    };
    let label = format!(
        "{}, {}, {} to {end_text}",
        row.name.as_deref().unwrap_or("unnamed holder"),
        draft.position,
        row.start.map_or("?".to_owned(), |d| d.to_string()),
    );
    out.label(&tenure, &label);
    if let Some(start) = &row.start {
        out.add(&tenure, og::START, start.to_literal());
    }
    if let Some(end) = &row.end {
        out.add(&tenure, og::END, end.to_literal());
    }
    // Approximate dates (`c. 1955`): only `true` is written, like og:acting.
    if row.start_circa {
        out.add(&tenure, og::START_CIRCA, yes());
    }
    if row.end_circa {
        out.add(&tenure, og::END_CIRCA, yes());
    }
    if row.incumbent {
        out.add(&tenure, og::INCUMBENT, yes());
    }
    if row.died_in_office {
        out.add(&tenure, og::DIED_IN_OFFICE, yes());
    }
    if row.acting {
        out.add(&tenure, og::ACTING, yes());
    }
    if let Some(ordinal) = row.ordinal {
        out.add(
            &tenure,
            og::ORDINAL,
            Literal::from(i64::try_from(ordinal).unwrap_or(i64::MAX)),
        );
    }
    if let Some(title) = &row.era_title {
        out.add(&tenure, og::TITLE, en(title));
    }
    // The holder cell as written is the source's text, in no particular language: a
    // plain string. The honorific (`Sir`, `Gen.`) is English wording: @en.
    if let Some(written) = &row.name_as_written {
        out.add(
            &tenure,
            og::NAME_AS_WRITTEN,
            Literal::new_simple_literal(written),
        );
    }
    if let Some(honorific) = &row.honorific {
        out.add(&tenure, og::HONORIFIC, en(honorific));
    }
    if let Some(rank) = &row.rank {
        let literal = match rank.parse::<i64>() {
            Ok(n) => Literal::from(n),
            Err(_) => Literal::new_simple_literal(rank),
        };
        out.add(&tenure, og::RANK, literal);
    }
    for term in &row.terms {
        // A term is its body and number: `4th CC` is `4th Central Committee` where the
        // record says what CC stands for; the label as written stays an altLabel.
        let canonical = cx.aliases.canonical_term(&term.value, &cx.vocabulary);
        let iri = cx.minter.term(&canonical);
        out.node(&iri, og::TERM, term.line);
        out.label(&iri, &canonical);
        if canonical != term.value {
            out.add(&iri, ext::SKOS_ALT_LABEL, en(&term.value));
        }
        out.add(&tenure, og::TERM_PROP, iri);
    }
    for (key, value) in &row.extra {
        out.add(
            &tenure,
            raw_property(key).as_ref(),
            Literal::new_simple_literal(value),
        );
    }
    out.node(
        &holder,
        og::PERSON,
        draft.name_line.map_or(row.line, |l| l.min(row.line)),
    );
    if let Some(name) = &row.name {
        out.label(&holder, name);
    }
    if let Some(year) = row.birth_year {
        out.add(
            &holder,
            og::BIRTH_YEAR,
            PartialDate::year(year).to_literal(),
        );
    }
    if let Some(year) = row.party_join_year {
        out.add(
            &holder,
            og::PARTY_JOIN_YEAR,
            PartialDate::year(year).to_literal(),
        );
    }
    if let Some(place) = &row.birth_place {
        let iri = cx.minter.place(place);
        out.node(&iri, og::PLACE, row.line);
        out.label(&iri, place);
        out.add(&holder, og::BIRTH_PLACE, iri);
    }
    if let Some(gender) = &row.gender {
        out.add(&holder, og::GENDER, Literal::new_simple_literal(gender));
    }
    tenure
}

#[cfg(test)]
mod tests;
