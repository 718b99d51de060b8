//! Extract stage: the record's subject — its kind, label, description, Vietnamese
//! names and infobox (mapped keys, `ogr:` raw keys, `CommanderN` positions).

use super::draft::InfoboxHolders;
use super::graph::{en, raw_property, vi};
use super::words::{ORGANIZATION_WORDS, POSITION_WORDS};
use super::{first_paragraph, Context, SubjectKind};
use crate::record::date::parse_date;
use crate::record::{
    parse_name_cell, split_list, strip_article, strip_footnotes, vietnamese_names, Diagnostics,
    InfoboxEntry, Record,
};
use crate::vocab::{ext, og};
use oxigraph::model::{Literal, NamedNodeRef};

pub use post::{post_label, split_post};

mod post;

/// An infobox `CommanderN` group: a position of the subject organization and its holder.
#[derive(Debug, Clone, Default)]
pub struct OfficeEntry {
    pub label: Option<(String, usize)>,
    pub holder: Option<(String, usize)>,
}

/// What the infobox says about holders, for the tenure stage.
#[derive(Debug, Clone, Default)]
pub struct SubjectHolders {
    pub infobox: InfoboxHolders,
    pub offices: Vec<OfficeEntry>,
}

fn norm_key(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

const ORGANIZATION_KEYS: [&str; 10] = [
    "unitname",
    "startdate",
    "garrison",
    "headquarters",
    "commandstructure",
    "agencyname",
    "parentagency",
    "founded",
    "established",
    "jurisdiction",
];
const POSITION_KEYS: [&str; 8] = [
    "incumbent",
    "incumbentsince",
    "appointer",
    "termlength",
    "inaugural",
    "post",
    "style",
    "formation",
];

/// Infobox keys of a place (a country, island, province, electoral district): its
/// geography and population. A key counts when it starts with one (`Population (2000)`).
const PLACE_KEYS: [&str; 11] = [
    "capital",
    "area",
    "population",
    "demonym",
    "currency",
    "timezone",
    "callingcode",
    "iso3166code",
    "internettld",
    "coordinates",
    "elevation",
];
/// Head nouns of a place's name (`Płock Governorate`, `Transcona (electoral district)`).
const PLACE_WORDS: [&str; 12] = [
    "district",
    "constituency",
    "riding",
    "governorate",
    "province",
    "county",
    "oblast",
    "prefecture",
    "municipality",
    "island",
    "islands",
    "territory",
];

/// The words a title's kind is read from: the head (before ` of `) and, for a
/// disambiguated title (`Transcona (electoral district)`), the qualifier's.
fn title_heads(title: &str) -> Vec<String> {
    let subject = subject_name(title);
    let (name, qualifier) = split_qualifier(&subject);
    let mut heads = Vec::new();
    let head = name.split(" of ").next().unwrap_or("").to_lowercase();
    heads.extend(head.split_whitespace().last().map(str::to_owned));
    if let Some(q) = qualifier {
        heads.extend(
            q.to_lowercase()
                .split_whitespace()
                .last()
                .map(str::to_owned),
        );
    }
    heads
}

/// `Name (qualifier)` as the name and the qualifier (Wikipedia's disambiguation).
pub fn split_qualifier(title: &str) -> (&str, Option<&str>) {
    match title
        .trim_end()
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once(" ("))
    {
        Some((name, q)) if !name.trim().is_empty() => (name.trim(), Some(q.trim())),
        _ => (title.trim(), None),
    }
}

/// What a title is about: `History of the Democratic Alliance` is about the
/// Democratic Alliance (also `Timeline of`).
pub fn subject_name(title: &str) -> String {
    let lower = title.to_lowercase();
    for prefix in ["history of ", "timeline of "] {
        if lower.starts_with(prefix) && title.len() > prefix.len() {
            return strip_article(&title[prefix.len()..]).to_owned();
        }
    }
    title.trim().to_owned()
}

/// Whether the record is about a position, an organization or a place: by infobox
/// keys, then by the head of the title (the words before ` of `, and a
/// disambiguating qualifier's). Place evidence must outweigh position evidence.
pub fn kind(record: &Record) -> SubjectKind {
    let mut score = 0i32; // > 0: organization
    let mut place = 0i32;
    for entry in &record.infobox {
        let key = norm_key(&entry.key);
        if ORGANIZATION_KEYS.contains(&key.as_str()) || office_key(&entry.key).is_some() {
            score += 2;
        }
        if POSITION_KEYS.contains(&key.as_str()) {
            score -= 2;
        }
        if PLACE_KEYS.iter().any(|k| key.starts_with(k)) {
            place += 2;
        }
    }
    if let Some(title) = &record.title {
        for last in title_heads(&title.value) {
            let last = last.as_str();
            if ORGANIZATION_WORDS.contains(&last) || last == "party" {
                score += 3;
            }
            if POSITION_WORDS.contains(&last) {
                score -= 3;
            }
            if PLACE_WORDS.contains(&last) {
                place += 3;
            }
        }
    }
    if place > 0 && place > score && place > -score {
        SubjectKind::Place
    } else if score > 0 {
        SubjectKind::Organization
    } else {
        SubjectKind::Position
    }
}

/// `Commander1` / `Commander1 Label` (also Chief, Leader, Head; Label, Position, Title,
/// Name): the group number and whether the key names the position (true) or holder.
fn office_key(key: &str) -> Option<(String, bool)> {
    let lower = key.to_lowercase();
    let mut words = lower.split_whitespace();
    let first = words.next()?;
    let base = first.trim_end_matches(|c: char| c.is_ascii_digit());
    let number = &first[base.len()..];
    if number.is_empty() || !["commander", "chief", "leader", "head"].contains(&base) {
        return None;
    }
    let is_label = match (words.next(), words.next()) {
        (None, _) => false,
        (Some("name"), None) => false,
        (Some("label" | "position" | "title"), None) => true,
        _ => return None,
    };
    Some((format!("{base}{number}"), is_label))
}

/// Writes the subject's triples; returns what the tenure stage needs.
pub fn extract_subject(cx: &mut Context<'_>, diagnostics: &mut Diagnostics) -> SubjectHolders {
    let record = cx.record;
    let subject = cx.subject.clone();
    let class = match cx.subject_kind {
        SubjectKind::Position => og::POSITION,
        SubjectKind::Organization => og::ORGANIZATION,
        SubjectKind::Place => og::PLACE,
    };
    cx.out
        .node(&subject, class, record.title.as_ref().map_or(1, |t| t.line));
    let label = cx.subject_label.clone();
    cx.out.label(&subject, &label);
    if let Some(paragraph) = first_paragraph(record) {
        cx.out.add(&subject, ext::SCHEMA_DESCRIPTION, en(paragraph));
        for name in vietnamese_names(paragraph) {
            cx.out.add(&subject, ext::SKOS_ALT_LABEL, vi(&name));
        }
    }
    // The infobox title's names in other languages (`Constitutional Court ศาลรัฐธรรมนูญ`).
    if let Some(post) = record.infobox.iter().find(|e| norm_key(&e.key) == "post") {
        let title = record.title.as_ref().map_or("", |t| t.value.as_str());
        for name in split_post(&post.value, title).1 {
            cx.out.add(
                &subject,
                ext::SKOS_ALT_LABEL,
                Literal::new_simple_literal(&name),
            );
        }
    }
    let mut holders = SubjectHolders::default();
    let mut offices: Vec<(String, OfficeEntry)> = Vec::new();
    for entry in &record.infobox {
        if entry.value.is_empty() {
            continue;
        }
        if let Some((group, is_label)) = office_key(&entry.key) {
            let slot = match offices.iter().position(|(g, _)| *g == group) {
                Some(i) => &mut offices[i].1,
                None => {
                    offices.push((group, OfficeEntry::default()));
                    &mut offices.last_mut().expect("just pushed").1
                }
            };
            let text = if is_label {
                Some(strip_footnotes(&entry.value))
            } else {
                holder_name(&entry.value)
            };
            let value = text.map(|t| (t, entry.line));
            if is_label {
                slot.label = value
            } else {
                slot.holder = value
            }
            continue;
        }
        map_entry(cx, entry, &mut holders, diagnostics);
    }
    holders.offices = offices.into_iter().map(|(_, o)| o).collect();
    holders
}

fn map_entry(
    cx: &mut Context<'_>,
    entry: &InfoboxEntry,
    holders: &mut SubjectHolders,
    diagnostics: &mut Diagnostics,
) {
    let subject = cx.subject.clone();
    let is_org = cx.subject_kind == SubjectKind::Organization;
    let key = norm_key(&entry.key);
    let organizations = |cx: &mut Context<'_>, predicate: NamedNodeRef<'_>| {
        for (name, alias) in organization_items(&entry.value) {
            let org = cx.organization(&name, entry.line);
            if let Some(alias) = alias {
                cx.out.add(&org, ext::SKOS_ALT_LABEL, en(&alias));
            }
            cx.out.add(&subject, predicate, org);
        }
    };
    match key.as_str() {
        "body" | "department" | "organization" | "organisation" => {
            organizations(cx, og::ORGANIZATION_PROP)
        }
        "memberof" => organizations(cx, og::MEMBER_OF),
        "appointer" | "appointedby" => organizations(cx, og::APPOINTED_BY),
        "commandstructure" | "parentagency" | "partof" | "parentorganization"
        | "parentorganisation"
            if is_org =>
        {
            organizations(cx, og::SUB_ORGANIZATION_OF)
        }
        "termlength" => cx.out.add(&subject, og::TERM_LENGTH, en(&entry.value)),
        "precursor" | "formername" | "formertitle" => {
            for item in split_list(&entry.value) {
                cx.out.add(&subject, og::FORMER_TITLE, en(&item));
            }
        }
        "unofficialnames" | "othernames" | "nickname" => {
            for item in split_list(&entry.value) {
                cx.out.add(&subject, ext::SKOS_ALT_LABEL, en(&item));
            }
        }
        "startdate" | "formation" | "founded" | "established" if is_org => {
            match parse_date(&strip_footnotes(&entry.value)) {
                Ok(date) => cx.out.add(&subject, og::FOUNDED, date.to_literal()),
                Err(e) => {
                    diagnostics.warn(entry.line, format!("{}: {e}; kept as written", entry.key));
                    keep_raw(cx, entry);
                }
            }
        }
        "incumbent" => {
            holders.infobox.incumbent = holder_name(&entry.value).map(|n| (n, entry.line))
        }
        // Also kept raw (tests/cases/README.md decision 6): `validate` compares the
        // infobox's claim with the incumbent row, so the claim must be in the graph.
        "incumbentsince" => {
            match parse_date(&strip_footnotes(&entry.value)) {
                Ok(date) => holders.infobox.incumbent_since = Some(date),
                Err(e) => {
                    diagnostics.warn(entry.line, format!("Incumbentsince: {e}; kept as written"))
                }
            }
            keep_raw(cx, entry);
        }
        "inaugural" => {
            holders.infobox.inaugural = holder_name(&entry.value).map(|n| (n, entry.line))
        }
        _ => keep_raw(cx, entry),
    }
}

fn keep_raw(cx: &mut Context<'_>, entry: &InfoboxEntry) {
    let subject = cx.subject.clone();
    cx.out.add(
        &subject,
        raw_property(&entry.key).as_ref(),
        Literal::new_simple_literal(&entry.value),
    );
}

/// A holder's name in an infobox value: footnotes, `(acting)` and lifespans removed.
fn holder_name(value: &str) -> Option<String> {
    let name = parse_name_cell(value).name?;
    // `Lieutenant General Nguyễn Hồng Thái` is Nguyễn Hồng Thái.
    let words: Vec<&str> = name.split(' ').collect();
    let ranks = words.iter().take_while(|w| RANKS.contains(w)).count();
    Some(if ranks > 0 && words.len() - ranks >= 2 {
        words[ranks..].join(" ")
    } else {
        name
    })
}

/// Ranks and forms of address that may stand before a name in an infobox.
const RANKS: [&str; 16] = [
    "General",
    "Lieutenant",
    "Major",
    "Colonel",
    "Senior",
    "Admiral",
    "Marshal",
    "Rear",
    "Brigadier",
    "Captain",
    "Comrade",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Vice",
];

/// The organizations named by an infobox value: (name, short label). A list
/// `A, a, B, b` where every first item has ` of ` and every second is shorter and has
/// none is a flattened `[[A|a]]` link list: one organization per pair.
pub fn organization_items(value: &str) -> Vec<(String, Option<String>)> {
    let items: Vec<String> = split_list(value)
        .iter()
        .map(|s| strip_article(s).to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let paired = items.len() >= 2
        && items.len().is_multiple_of(2)
        && items
            .chunks(2)
            .all(|p| p[0].contains(" of ") && !p[1].contains(" of ") && p[1].len() < p[0].len());
    if paired {
        items
            .chunks(2)
            .map(|p| (p[0].clone(), Some(p[1].clone())))
            .collect()
    } else {
        items.into_iter().map(|i| (i, None)).collect()
    }
}

#[cfg(test)]
mod tests;
