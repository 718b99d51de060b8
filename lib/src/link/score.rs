//! Reconcile stage (link): matching and scoring — which item of the dataset, if any,
//! each of our persons, positions and organizations is. Pure: no store, no files.
//!
//! Scores are in hundredths. A name gives 0.5 (a label of ours equals a label of
//! theirs, compared by [`label_key`]), 0.4 (a label or alias equals a label or alias)
//! or 0.2 (equal only without diacritics: such a candidate is dropped unless something
//! else corroborates it). Persons add 0.1 for a P39 statement of a position matching
//! the tenure's, 0.2 more when its dates overlap the tenure (0.2 alone when the
//! statement's position is unknown), and 0.2 for an equal birth year; a different
//! birth year, or a birth after the tenure began, rules the candidate out. Positions
//! add 0.1 per holder they share with ours (up to 0.5). The best candidate is linked
//! when it scores at least 0.4 and beats the runner-up by at least 0.2; otherwise
//! the case is ambiguous and nothing is linked.

use super::model::{Candidates, Item, Kind, Statement};
use super::normalize::{label_key, search_key};
use super::ours::{OurEntity, OurTenure, Ours};
use crate::date::PartialDate;
use std::collections::{BTreeMap, BTreeSet};

pub const NAME_LABEL: u32 = 50;
pub const NAME_ALIAS: u32 = 40;
pub const NAME_FOLDED: u32 = 20;
pub const HOLDS_POSITION: u32 = 10;
pub const DATES_OVERLAP: u32 = 20;
pub const BIRTH_YEAR: u32 = 20;
pub const SHARED_HOLDER: u32 = 10;
pub const SHARED_HOLDERS_MAX: u32 = 50;
/// The least score a link needs.
pub const ACCEPT: u32 = 40;
/// How far the best candidate must be ahead of the runner-up.
pub const MARGIN: u32 = 20;

/// A candidate with its score (hundredths) and the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scored {
    pub item: String,
    pub score: u32,
    pub evidence: Vec<String>,
}

/// What became of one of ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Matched(Scored),
    /// Several candidates and none clearly best: all of them, best first.
    Ambiguous(Vec<Scored>),
    Unmatched,
}

/// The decision for one of ours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub kind: Kind,
    pub ours: String,
    pub label: String,
    pub decision: Decision,
}

/// Finds candidates by name: identity keys of labels and aliases, and search keys.
struct NameIndex {
    exact: BTreeMap<String, BTreeSet<String>>,
    folded: BTreeMap<String, BTreeSet<String>>,
}

impl NameIndex {
    fn new(candidates: &Candidates) -> Self {
        let mut exact: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut folded: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for item in candidates.items.values() {
            for name in item.labels.iter().chain(&item.aliases) {
                exact
                    .entry(label_key(name))
                    .or_default()
                    .insert(item.iri.clone());
                folded
                    .entry(search_key(name))
                    .or_default()
                    .insert(item.iri.clone());
            }
        }
        Self { exact, folded }
    }

    fn find(&self, names: impl Iterator<Item = String>) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        for name in names {
            let exact = self.exact.get(&label_key(&name));
            let folded = self.folded.get(&search_key(&name));
            found.extend(exact.into_iter().chain(folded).flatten().cloned());
        }
        found
    }
}

/// How well the names of `ours` and `item` agree, with the evidence.
pub fn name_score(ours: &OurEntity, item: &Item) -> Option<(u32, String)> {
    let our_labels: BTreeSet<String> = ours.labels.iter().map(|n| label_key(n)).collect();
    let our_names = || ours.labels.iter().chain(&ours.aliases);
    let our_all: BTreeSet<String> = our_names().map(|n| label_key(n)).collect();
    if item
        .labels
        .iter()
        .any(|n| our_labels.contains(&label_key(n)))
    {
        return Some((NAME_LABEL, "label".to_owned()));
    }
    let their_all: Vec<&String> = item.labels.iter().chain(&item.aliases).collect();
    if let Some(name) = their_all.iter().find(|n| our_all.contains(&label_key(n))) {
        return Some((NAME_ALIAS, format!("alias \"{name}\"")));
    }
    let our_folded: BTreeSet<String> = our_names().map(|n| search_key(n)).collect();
    their_all
        .iter()
        .find(|n| our_folded.contains(&search_key(n)))
        .map(|name| (NAME_FOLDED, format!("label without diacritics \"{name}\"")))
}

/// The span of days a date denotes, as comparable (year, month, day) bounds.
fn lower(d: &PartialDate) -> (i32, u8, u8) {
    (d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
}
fn upper(d: &PartialDate) -> (i32, u8, u8) {
    (d.year, d.month.unwrap_or(12), d.day.unwrap_or(31))
}

/// Whether a tenure and a statement overlap in time; both need a known start (or the
/// statement an end), an unknown end is open.
pub fn overlaps(tenure: &OurTenure, statement: &Statement) -> bool {
    let Some(t_start) = &tenure.start else {
        return false;
    };
    if statement.start.is_none() && statement.end.is_none() {
        return false;
    }
    let far = (i32::MAX, 12, 31);
    let t_lo = lower(t_start);
    let t_hi = tenure.end.as_ref().map_or(far, upper);
    let s_lo = statement.start.as_ref().map_or((i32::MIN, 1, 1), lower);
    let s_hi = statement.end.as_ref().map_or(far, upper);
    t_lo <= s_hi && s_lo <= t_hi
}

fn span(s: &Statement) -> String {
    let show = |d: &Option<PartialDate>| d.map(|d| d.to_string()).unwrap_or_default();
    format!("{}..{}", show(&s.start), show(&s.end))
}

/// Scores one person candidate; `None` when it is ruled out or uncorroborated.
/// `positions` maps each of our positions to the items whose names match it.
pub fn score_person(
    ours: &OurEntity,
    item: &Item,
    positions: &BTreeMap<String, BTreeSet<String>>,
    candidates: &Candidates,
) -> Option<Scored> {
    let (mut score, name) = name_score(ours, item)?;
    let mut evidence = vec![name];
    let earliest = ours.tenures.iter().filter_map(|t| t.start).min();
    if let Some(born) = item.births.iter().map(|d| d.year).min() {
        if let Some(year) = ours.birth_year {
            if !item.births.iter().any(|d| d.year == year) {
                return None; // a conflicting birth year
            }
            score += BIRTH_YEAR;
            evidence.push(format!("born {year}"));
        }
        if earliest.is_some_and(|start| start.year < born) {
            return None; // born after the tenure began
        }
    }
    let mut best: Option<(u32, String)> = None;
    for tenure in &ours.tenures {
        let matching = positions.get(&tenure.position);
        for statement in &item.statements {
            let known = statement
                .position
                .as_ref()
                .and_then(|p| candidates.items.get(p));
            let same = statement
                .position
                .as_ref()
                .is_some_and(|p| matching.is_some_and(|m| m.contains(p)));
            let unknown = known.is_none_or(|i| i.labels.is_empty() && i.aliases.is_empty());
            let found = match (same, unknown, overlaps(tenure, statement)) {
                (true, _, true) => Some((
                    HOLDS_POSITION + DATES_OVERLAP,
                    format!("P39 dates overlap {}", span(statement)),
                )),
                (true, _, false) => Some((HOLDS_POSITION, "P39 of the same position".into())),
                (false, true, true) => Some((
                    DATES_OVERLAP,
                    format!("P39 (position unknown) dates overlap {}", span(statement)),
                )),
                _ => None,
            };
            if let Some(found) = found {
                if best.as_ref().is_none_or(|b| found.0 > b.0) {
                    best = Some(found);
                }
            }
        }
    }
    if let Some((points, text)) = best {
        score += points;
        evidence.push(text);
    }
    if evidence.len() == 1 && score == NAME_FOLDED {
        return None; // found without diacritics and nothing corroborates it
    }
    Some(Scored {
        item: item.iri.clone(),
        score: score.min(100),
        evidence,
    })
}

/// Picks the best of `scored` if it clearly beats the runner-up.
pub fn decide(mut scored: Vec<Scored>) -> Decision {
    scored.retain(|s| s.score >= ACCEPT);
    scored.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.item.cmp(&b.item)));
    match scored.as_slice() {
        [] => Decision::Unmatched,
        [only] => Decision::Matched(only.clone()),
        [best, second, ..] if best.score >= second.score + MARGIN => {
            Decision::Matched(best.clone())
        }
        _ => Decision::Ambiguous(scored),
    }
}

/// Reconciles all of ours against the candidates: positions and organizations by
/// name, persons by name and corroboration, then positions again with shared holders.
pub fn reconcile(ours: &Ours, candidates: &Candidates) -> Vec<Outcome> {
    let index = NameIndex::new(candidates);
    let named = |kind: Kind| ours.of(kind).iter().filter(|e| !e.labels.is_empty());
    let name_candidates = |entity: &OurEntity, kind: Kind| -> Vec<&Item> {
        index
            .find(entity.labels.iter().chain(&entity.aliases).cloned())
            .iter()
            .filter_map(|iri| candidates.items.get(iri))
            .filter(|item| item.may_be(kind))
            .collect()
    };
    let by_name = |entity: &OurEntity, item: &Item| -> Option<Scored> {
        let (score, evidence) = name_score(entity, item)?;
        (score > NAME_FOLDED).then(|| Scored {
            item: item.iri.clone(),
            score,
            evidence: vec![evidence],
        })
    };
    // Positions by name, for corroborating persons.
    let mut position_names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for position in named(Kind::Position) {
        let items = name_candidates(position, Kind::Position)
            .into_iter()
            .filter(|item| by_name(position, item).is_some())
            .map(|item| item.iri.clone());
        position_names.insert(position.iri.clone(), items.collect());
    }
    let mut outcomes = Vec::new();
    let mut person_links: BTreeMap<String, String> = BTreeMap::new();
    for person in named(Kind::Person) {
        let scored = name_candidates(person, Kind::Person)
            .into_iter()
            .filter_map(|item| score_person(person, item, &position_names, candidates))
            .collect();
        let decision = decide(scored);
        if let Decision::Matched(m) = &decision {
            person_links.insert(person.iri.clone(), m.item.clone());
        }
        outcomes.push(outcome(Kind::Person, person, decision));
    }
    for position in named(Kind::Position) {
        let holders: Vec<&String> = ours
            .of(Kind::Person)
            .iter()
            .filter(|p| p.tenures.iter().any(|t| t.position == position.iri))
            .filter_map(|p| person_links.get(&p.iri))
            .collect();
        let scored = name_candidates(position, Kind::Position)
            .into_iter()
            .filter_map(|item| {
                let mut s = by_name(position, item)?;
                let shared = holders
                    .iter()
                    .filter_map(|h| candidates.items.get(*h))
                    .filter(|h| {
                        h.statements
                            .iter()
                            .any(|st| st.position.as_deref() == Some(item.iri.as_str()))
                    })
                    .count();
                if shared > 0 {
                    let n = u32::try_from(shared).unwrap_or(u32::MAX);
                    s.score += (n.saturating_mul(SHARED_HOLDER)).min(SHARED_HOLDERS_MAX);
                    s.evidence.push(format!(
                        "{shared} shared holder{}",
                        if shared == 1 { "" } else { "s" }
                    ));
                }
                Some(s)
            })
            .collect();
        outcomes.push(outcome(Kind::Position, position, decide(scored)));
    }
    for org in named(Kind::Organization) {
        let scored = name_candidates(org, Kind::Organization)
            .into_iter()
            .filter_map(|item| by_name(org, item))
            .collect();
        outcomes.push(outcome(Kind::Organization, org, decide(scored)));
    }
    one_of_ours_per_item(&mut outcomes);
    outcomes.sort_by(|a, b| (a.kind, &a.label, &a.ours).cmp(&(b.kind, &b.label, &b.ours)));
    outcomes
}

fn outcome(kind: Kind, entity: &OurEntity, decision: Decision) -> Outcome {
    Outcome {
        kind,
        ours: entity.iri.clone(),
        label: entity.display_label().to_owned(),
        decision,
    }
}

/// An item linked from several of ours of one kind stays with the clearly best one;
/// the others (or all, when none is clearly best) become ambiguous.
fn one_of_ours_per_item(outcomes: &mut [Outcome]) {
    let mut by_item: BTreeMap<(Kind, String), Vec<usize>> = BTreeMap::new();
    for (i, o) in outcomes.iter().enumerate() {
        if let Decision::Matched(m) = &o.decision {
            by_item.entry((o.kind, m.item.clone())).or_default().push(i);
        }
    }
    for mut claims in by_item.into_values().filter(|c| c.len() > 1) {
        let score = |i: usize| match &outcomes[i].decision {
            Decision::Matched(m) => m.score,
            _ => 0,
        };
        claims.sort_by_key(|&i| std::cmp::Reverse(score(i)));
        let keep = score(claims[0]) >= score(claims[1]) + MARGIN;
        for &i in claims.iter().skip(usize::from(keep)) {
            if let Decision::Matched(m) = &outcomes[i].decision {
                let mut m = m.clone();
                m.evidence
                    .push("also the best match of another entity".to_owned());
                outcomes[i].decision = Decision::Ambiguous(vec![m]);
            }
        }
    }
}

#[cfg(test)]
mod tests;
