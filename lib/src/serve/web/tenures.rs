//! Serve stage (web view): the tenures of one position or of one person, read from the
//! store with their sources (the record each came from, `prov:wasDerivedFrom`, and its
//! line there, `og:sourceLine`), and written as one HTML table.

use super::data::{self, link, select, Labels};
use super::escape;
use crate::serve::ServeError;
use oxigraph::model::{NamedNode, Term};
use std::collections::BTreeMap;

/// Whose tenures.
#[derive(Debug, Clone, Copy)]
pub enum Of<'a> {
    Position(&'a NamedNode),
    Holder(&'a NamedNode),
}

/// One tenure as a row of the table. When two records give a field different values,
/// the least is shown (the same on every request).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tenure {
    pub iri: String,
    pub position: String,
    pub holder: String,
    pub ordinal: Option<i64>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub title: Option<String>,
    pub incumbent: bool,
    pub acting: bool,
    pub died_in_office: bool,
    /// (record IRI, line), sorted, one per record graph that describes the tenure.
    pub sources: Vec<(String, Option<i64>)>,
}

const FIELDS: &str = "SELECT ?tenure ?position ?holder ?ordinal ?start ?end ?title
       ?incumbent ?acting ?diedInOffice WHERE {
  ?tenure a og:Tenure ; og:position ?position ; og:holder ?holder .
  OPTIONAL { ?tenure og:ordinal ?ordinal }
  OPTIONAL { ?tenure og:start ?start }
  OPTIONAL { ?tenure og:end ?end }
  OPTIONAL { ?tenure og:title ?title }
  OPTIONAL { ?tenure og:incumbent ?incumbent }
  OPTIONAL { ?tenure og:acting ?acting }
  OPTIONAL { ?tenure og:diedInOffice ?diedInOffice }
}";

const SOURCES: &str = "SELECT ?tenure ?record ?line WHERE {
  ?tenure a og:Tenure ; og:position ?position ; og:holder ?holder .
  GRAPH ?g { ?tenure prov:wasDerivedFrom ?record . OPTIONAL { ?tenure og:sourceLine ?line } }
}";

/// The tenures of a position or a person (`?position` or `?holder` bound to its IRI),
/// by start date (as stored; undated last), then ordinal, then IRI; and the labels of
/// the positions, holders and records they name.
pub fn read(
    store: &oxigraph::store::Store,
    of: Of<'_>,
) -> Result<(Vec<Tenure>, Labels), ServeError> {
    let bound = [match of {
        Of::Position(iri) => ("position", iri),
        Of::Holder(iri) => ("holder", iri),
    }];
    let mut tenures: BTreeMap<String, Tenure> = BTreeMap::new();
    for row in select(store, FIELDS, &bound)? {
        let Some(Term::NamedNode(iri)) = row.get("tenure") else {
            continue;
        };
        let node = |name: &str| match row.get(name) {
            Some(Term::NamedNode(n)) => n.as_str().to_owned(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        let text = |name: &str| data::literal(row.get(name));
        let flag = |name: &str| text(name).is_some_and(|v| v == "true" || v == "1");
        let fresh = Tenure {
            iri: iri.as_str().to_owned(),
            position: node("position"),
            holder: node("holder"),
            ordinal: text("ordinal").and_then(|v| v.parse().ok()),
            start: text("start"),
            end: text("end"),
            title: text("title"),
            incumbent: flag("incumbent"),
            acting: flag("acting"),
            died_in_office: flag("diedInOffice"),
            sources: Vec::new(),
        };
        tenures
            .entry(fresh.iri.clone())
            .and_modify(|kept| merge(kept, &fresh))
            .or_insert(fresh);
    }
    for row in select(store, SOURCES, &bound)? {
        let (Some(Term::NamedNode(iri)), Some(Term::NamedNode(record))) =
            (row.get("tenure"), row.get("record"))
        else {
            continue;
        };
        if let Some(tenure) = tenures.get_mut(iri.as_str()) {
            let line = data::literal(row.get("line")).and_then(|v| v.parse().ok());
            tenure.sources.push((record.as_str().to_owned(), line));
        }
    }
    let mut list: Vec<Tenure> = tenures.into_values().collect();
    for tenure in &mut list {
        tenure.sources.sort();
        tenure.sources.dedup();
    }
    list.sort_by(|a, b| {
        (a.start.is_none(), &a.start, a.ordinal, &a.iri).cmp(&(
            b.start.is_none(),
            &b.start,
            b.ordinal,
            &b.iri,
        ))
    });
    let labels = Labels::read(
        store,
        "SELECT ?node ?label WHERE {
           ?tenure a og:Tenure ; og:position ?position ; og:holder ?holder .
           { BIND(?position AS ?node) } UNION { BIND(?holder AS ?node) }
           ?node rdfs:label ?label .
         }",
        &bound,
    )?;
    Ok((list, labels))
}

/// Keeps the least of each field two records disagree on, and every flag either sets.
fn merge(kept: &mut Tenure, other: &Tenure) {
    fn least<T: Ord + Clone>(a: &mut Option<T>, b: &Option<T>) {
        if let Some(b) = b {
            if a.as_ref().is_none_or(|a| b < a) {
                *a = Some(b.clone());
            }
        }
    }
    least(&mut kept.ordinal, &other.ordinal);
    least(&mut kept.start, &other.start);
    least(&mut kept.end, &other.end);
    least(&mut kept.title, &other.title);
    kept.incumbent |= other.incumbent;
    kept.acting |= other.acting;
    kept.died_in_office |= other.died_in_office;
}

/// The table: No., holder (or position, for a person's page), start, end, title,
/// notes, sources. Every cell escaped; people, positions and records linked.
pub fn table(base: &str, of: Of<'_>, tenures: &[Tenure], labels: &Labels) -> String {
    if tenures.is_empty() {
        return "<p class=\"note\">No tenures in the store.</p>\n".to_owned();
    }
    let who = match of {
        Of::Position(_) => "Holder",
        Of::Holder(_) => "Position",
    };
    let mut html = format!(
        "<table class=\"tenures\">\n<thead><tr><th>No.</th><th>{who}</th><th>Start</th>\
         <th>End</th><th>Title</th><th>Notes</th><th>Sources (record, line)</th></tr></thead>\n<tbody>\n"
    );
    for tenure in tenures {
        let other = match of {
            Of::Position(_) => &tenure.holder,
            Of::Holder(_) => &tenure.position,
        };
        let name = labels
            .get(other)
            .map_or_else(|| data::short_name(base, other), str::to_owned);
        let mut notes = Vec::new();
        if tenure.incumbent {
            notes.push("<span class=\"flag\">incumbent</span>");
        }
        if tenure.acting {
            notes.push("<span class=\"flag\">acting</span>");
        }
        if tenure.died_in_office {
            notes.push("<span class=\"flag\">† died in office</span>");
        }
        let sources: Vec<String> = tenure
            .sources
            .iter()
            .map(|(record, line)| {
                let name = data::short_name(base, record);
                let name = name
                    .strip_prefix(crate::names::RECORD_SPACE)
                    .unwrap_or(&name)
                    .to_owned();
                match line {
                    Some(line) => format!("{}, line {line}", link(base, record, &name)),
                    None => link(base, record, &name),
                }
            })
            .collect();
        let end = match (&tenure.end, tenure.incumbent) {
            (Some(end), _) => escape(end),
            (None, true) => "present".to_owned(),
            (None, false) => String::new(),
        };
        html.push_str(&format!(
            "<tr data-tenure=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{end}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&tenure.iri),
            tenure.ordinal.map(|n| n.to_string()).unwrap_or_default(),
            link(base, other, &name),
            escape(tenure.start.as_deref().unwrap_or("")),
            escape(tenure.title.as_deref().unwrap_or("")),
            notes.join(" "),
            sources.join("<br>"),
        ));
    }
    html.push_str("</tbody>\n</table>\n");
    html
}
