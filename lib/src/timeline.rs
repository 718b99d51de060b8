//! Timeline stage (output): succession timelines — an SVG Gantt-style chart of the
//! tenures of one or more positions on one shared time axis.
//!
//! `data` reads the facts from the store by SPARQL, `axis` and `bars` turn dates into
//! pixels (a date known to the month or year becomes a faded edge over that span, never
//! an invented day), `layout` packs bars into lanes with era bands and term ticks, and
//! `svg` writes the document.
//!
//! ```
//! use officegraph::pipeline::{process_text, Config};
//! use officegraph::timeline::{positions, render_svg, TimelineOptions};
//!
//! let record = "= Mayor of Hải Phòng =\n\nInfobox\n- Incumbent: Lê Văn Thành\n\n\
//!               | No. | Name | Took office | Left office |\n\
//!               | 1 | Lê Văn Thành | May 2016 | Incumbent |\n";
//! let out = process_text("mayor.txt", "mayor.txt", record.as_bytes(), &Config::default());
//! let store = oxigraph::store::Store::new().unwrap();
//! store.extend(out.quads).unwrap();
//! let all = positions(&store).unwrap();
//! let options = TimelineOptions {
//!     today: officegraph::record::date::parse_date("2026-01-01").unwrap(),
//!     ..TimelineOptions::default()
//! };
//! let svg = render_svg(&store, &[all[0].0.clone()], &options).unwrap();
//! assert!(svg.contains("data-holder=\"Lê Văn Thành\""));
//! assert!(svg.contains("data-open=\"true\""));
//! ```

mod axis;

pub use crate::date::{civil_from_days, today_utc};
pub use chart::Chart;
mod bars;
mod chart;
mod data;
mod layout;
mod svg;

use crate::date::PartialDate;
use crate::query::QueryError;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryEvaluationError, SparqlSyntaxError};
use oxigraph::store::Store;

/// What can go wrong drawing a timeline.
#[derive(Debug, thiserror::Error)]
pub enum TimelineError {
    #[error("no timeline without a position")]
    NoPositions,
    #[error("no position <{0}> in the store (see `officegraph query positions`)")]
    UnknownPosition(String),
    #[error("{0}")]
    Label(#[from] QueryError),
    #[error("the timeline query does not parse: {0}")]
    Syntax(#[from] SparqlSyntaxError),
    #[error("the timeline query failed: {0}")]
    Evaluation(#[from] QueryEvaluationError),
}

/// How a chart is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineOptions {
    /// The day incumbent bars run to (default: today, UTC). Set it for output that is
    /// the same on every day.
    pub today: PartialDate,
    /// The chart's width in pixels (clamped to 320..=20000; default 1200). The height
    /// follows from the number of positions and lanes.
    pub width: u32,
    /// Prefix of every id in the document (letters, digits, `-`, `_`; default `ogtl`),
    /// so that several charts can sit inline in one HTML page.
    pub id_prefix: String,
}

impl Default for TimelineOptions {
    fn default() -> Self {
        TimelineOptions {
            today: today_utc(),
            width: 1200,
            id_prefix: "ogtl".to_owned(),
        }
    }
}

/// Every position of the store with its label (its IRI when it has none), sorted by
/// label then IRI: what `--position` and [`render_svg`] accept.
pub fn positions(store: &Store) -> Result<Vec<(NamedNode, String)>, TimelineError> {
    data::positions(store)
}

/// The chart of `positions` (in that order, stacked on one time axis; a position given
/// twice is drawn once) as a standalone SVG document. Every tenure is a
/// `<g class="tenure …">` with `data-tenure`, `data-holder`, `data-holder-iri`,
/// `data-start`/`data-end` (as stored) with `data-start-precision`/`data-end-precision`
/// (`day`, `month`, `year`, `unreadable`, `none`), and `data-acting`, `data-died-in-office`,
/// `data-open` (`"true"` when set); see the README for the whole picture.
pub fn render_svg(
    store: &Store,
    positions: &[NamedNode],
    options: &TimelineOptions,
) -> Result<String, TimelineError> {
    if positions.is_empty() {
        return Err(TimelineError::NoPositions);
    }
    let known = data::positions(store)?;
    let mut facts: Vec<data::PositionFacts> = Vec::new();
    for position in positions {
        if facts.iter().all(|f| &f.iri != position) {
            facts.push(data::position_facts(store, &known, position)?);
        }
    }
    let width = f64::from(options.width.clamp(320, 20_000));
    let chart = layout::layout(&facts, width, &options.today);
    Ok(svg::write(&chart, &id_prefix(&options.id_prefix)))
}

/// The position a `--position` value names: an IRI (`<…>` or bare `http(s)://…`), or
/// a label resolved as the stored queries' `position` parameter is (exact, then
/// ignoring case; an ambiguous label is an error listing the candidates).
pub fn resolve_position(store: &Store, value: &str) -> Result<NamedNode, TimelineError> {
    match crate::query::term_for(store, "position", value)? {
        Term::NamedNode(node) => Ok(node),
        // `position` values resolve to IRIs or fail; anything else is not a position.
        other => Err(TimelineError::UnknownPosition(other.to_string())),
    }
}

/// A file name stem for a position's chart: the IRI's last path segment,
/// percent-decoded, with every character but letters, digits, `-`, `_` and `.` turned
/// into `_`, never starting with `.`, at most 120 bytes (`position` when nothing is
/// left). Two positions may share a stem; callers that write many files add a suffix.
pub fn file_stem(position: &NamedNode) -> String {
    let iri = position.as_str().trim_end_matches('/');
    let segment = iri.rsplit(['/', '#']).next().unwrap_or(iri);
    let decoded = crate::percent::decode_lossy(segment);
    let mut stem = String::new();
    for c in decoded.chars() {
        let c = if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
            c
        } else {
            '_'
        };
        if stem.len() + c.len_utf8() > 120 {
            break;
        }
        stem.push(c);
    }
    let stem = stem.trim_start_matches('.');
    if stem.is_empty() {
        "position".to_owned()
    } else {
        stem.to_owned()
    }
}

/// `prefix` reduced to letters, digits, `-` and `_`, starting with a letter.
fn id_prefix(prefix: &str) -> String {
    let clean: String = prefix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    if clean.starts_with(|c: char| c.is_ascii_alphabetic()) {
        clean
    } else {
        format!("ogtl{clean}")
    }
}

#[cfg(test)]
mod tests;
