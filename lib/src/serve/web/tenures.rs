//! Serve stage (web view): the tenures of one position or of one person, read from the
//! store with their sources (the record each came from, `prov:wasDerivedFrom`, and its
//! line there, `og:sourceLine`), a page of [`PAGE_SIZE`] at a time, and written as one
//! HTML table with links to the other pages.

use super::data::{self, link, select_bounded, select_values, Budget, Labels};
use super::escape;
use crate::serve::ServeError;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::QuerySolution;

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

/// Most tenures one page of a table shows.
pub const PAGE_SIZE: usize = 500;

/// The tenures of one page and what the page needs to say where it is.
#[derive(Default)]
pub struct Page {
    /// 1-based.
    pub number: usize,
    /// Tenures in all pages.
    pub total: usize,
    /// The tenures shown, in table order.
    pub tenures: Vec<Tenure>,
    /// The labels of the positions and holders the tenures name.
    pub labels: Labels,
}

impl Page {
    /// How many pages the tenures fill (1 when there are none).
    pub fn count(&self, size: usize) -> usize {
        self.total.div_ceil(size.max(1)).max(1)
    }
}

const COUNT: &str = "SELECT (COUNT(DISTINCT ?tenure) AS ?n) WHERE {
  ?tenure a og:Tenure ; og:position ?position ; og:holder ?holder .
}";

/// One row per tenure, grouped in the store: the least of each field when records disagree
/// (the same on every request), each flag any record sets, and the sources as
/// `record line` lines; ordered by start (as stored; undated last), ordinal, IRI.
/// `LIMIT`/`OFFSET` are appended.
const PAGE: &str = "SELECT ?tenure (MIN(?position) AS ?thePosition) (MIN(?holder) AS ?theHolder)
       (MIN(?o) AS ?ordinal) (MIN(STR(?s)) AS ?start) (MIN(STR(?e)) AS ?end)
       (MIN(STR(?t)) AS ?title)
       (MAX(IF(STR(?i) IN (\"true\", \"1\"), 1, 0)) AS ?incumbent)
       (MAX(IF(STR(?a) IN (\"true\", \"1\"), 1, 0)) AS ?acting)
       (MAX(IF(STR(?d) IN (\"true\", \"1\"), 1, 0)) AS ?diedInOffice)
       (GROUP_CONCAT(DISTINCT CONCAT(STR(?record), \" \", COALESCE(STR(?line), \"\"));
                     SEPARATOR=\"\\n\") AS ?sources)
WHERE {
  ?tenure a og:Tenure ; og:position ?position ; og:holder ?holder .
  OPTIONAL { ?tenure og:ordinal ?o }
  OPTIONAL { ?tenure og:start ?s }
  OPTIONAL { ?tenure og:end ?e }
  OPTIONAL { ?tenure og:title ?t }
  OPTIONAL { ?tenure og:incumbent ?i }
  OPTIONAL { ?tenure og:acting ?a }
  OPTIONAL { ?tenure og:diedInOffice ?d }
  OPTIONAL { GRAPH ?g { ?tenure prov:wasDerivedFrom ?record
                        OPTIONAL { ?tenure og:sourceLine ?line } } }
}
GROUP BY ?tenure
ORDER BY (IF(BOUND(?start), 0, 1)) ?start ?ordinal (STR(?tenure))";

const LABELS: &str = "SELECT ?node ?label WHERE { ?node rdfs:label ?label }";

/// Page `number` (1-based) of the tenures of a position or a person (`?position` or
/// `?holder` bound to its IRI), `size` to a page, by start date (as stored; undated
/// last), then ordinal, then IRI; and the labels of the positions and holders they
/// name. Three queries whatever the number of tenures — the count, the page (at most
/// `size` rows), the labels of the page's nodes — each under `budget`. A page past the
/// last is [`ServeError::NotFound`].
pub fn read(
    store: &oxigraph::store::Store,
    of: Of<'_>,
    number: usize,
    size: usize,
    budget: &Budget,
) -> Result<Page, ServeError> {
    let bound = [match of {
        Of::Position(iri) => ("position", iri),
        Of::Holder(iri) => ("holder", iri),
    }];
    let size = size.max(1);
    let total = select_bounded(store, COUNT, &bound, budget)?
        .first()
        .and_then(|row| data::literal(row.get("n")))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut page = Page {
        number,
        total,
        ..Page::default()
    };
    if number == 0 || number > page.count(size) {
        return Err(ServeError::NotFound(format!(
            "no page {number} of tenures: there are {total} tenures, {} to a page, in {} pages",
            size,
            page.count(size)
        )));
    }
    if total == 0 {
        return Ok(page);
    }
    let offset = (number - 1).saturating_mul(size);
    let text = format!("{PAGE}\nLIMIT {size} OFFSET {offset}");
    page.tenures = select_bounded(store, &text, &bound, budget)?
        .iter()
        .filter_map(tenure)
        .collect();
    let mut nodes: Vec<NamedNode> = page
        .tenures
        .iter()
        .flat_map(|t| [&t.position, &t.holder])
        .filter_map(|iri| NamedNode::new(iri).ok())
        .collect();
    nodes.sort_unstable();
    nodes.dedup();
    for row in select_values(store, LABELS, "node", &nodes, budget)? {
        if let Some(Term::NamedNode(node)) = row.get("node") {
            page.labels.offer(node.as_str(), row.get("label"));
        }
    }
    Ok(page)
}

/// A row of [`PAGE`] as a tenure; `None` for a row with no tenure IRI.
fn tenure(row: &QuerySolution) -> Option<Tenure> {
    let Some(Term::NamedNode(iri)) = row.get("tenure") else {
        return None;
    };
    let node = |name: &str| match row.get(name) {
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let text = |name: &str| data::literal(row.get(name));
    let flag = |name: &str| text(name).is_some_and(|v| v == "1");
    let mut sources: Vec<(String, Option<i64>)> = text("sources")
        .unwrap_or_default()
        .lines()
        .filter_map(|source| {
            let (record, line) = source.split_once(' ')?;
            Some((record.to_owned(), line.parse().ok()))
        })
        .collect();
    sources.sort();
    sources.dedup();
    Some(Tenure {
        iri: iri.as_str().to_owned(),
        position: node("thePosition"),
        holder: node("theHolder"),
        ordinal: text("ordinal").and_then(|v| v.parse().ok()),
        start: text("start"),
        end: text("end"),
        title: text("title"),
        incumbent: flag("incumbent"),
        acting: flag("acting"),
        died_in_office: flag("diedInOffice"),
        sources,
    })
}

/// The heading (with the count of all tenures), the links between pages (none when one
/// page holds them all), and the table of `page`. Pages are `{path}?page=N`.
pub fn section(base: &str, path: &str, of: Of<'_>, page: &Page, size: usize) -> String {
    let pager = pager(path, page, size);
    format!(
        "<h2>Tenures ({})</h2>\n{pager}{}{pager}",
        page.total,
        table(base, of, &page.tenures, &page.labels)
    )
}

/// "Tenures 501–1000 of 5000, page 2 of 10 · previous · next", each linked when it
/// exists; empty when one page holds them all.
fn pager(path: &str, page: &Page, size: usize) -> String {
    let pages = page.count(size);
    if pages <= 1 {
        return String::new();
    }
    let first = (page.number - 1) * size + 1;
    let last = first + page.tenures.len().max(1) - 1;
    let go = |number: usize, rel: &str, text: &str| {
        format!(
            "<a href=\"{}?page={number}\" rel=\"{rel}\">{text}</a>",
            escape(path)
        )
    };
    let mut html = format!(
        "<p class=\"pages\">Tenures {first}–{last} of {}, page {} of {pages}",
        page.total, page.number
    );
    if page.number > 1 {
        html.push_str(" · ");
        html.push_str(&go(1, "first", "first"));
        html.push_str(" · ");
        html.push_str(&go(page.number - 1, "prev", "previous"));
    }
    if page.number < pages {
        html.push_str(" · ");
        html.push_str(&go(page.number + 1, "next", "next"));
        html.push_str(" · ");
        html.push_str(&go(pages, "last", "last"));
    }
    html.push_str("</p>\n");
    html
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
