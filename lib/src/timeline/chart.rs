//! Timeline stage: [`Chart`], the builder-style entry point to [`render_svg`] —
//! which positions, how wide, up to which day.

use super::{render_svg, TimelineError, TimelineOptions};
use crate::record::PartialDate;
use oxigraph::model::NamedNode;
use oxigraph::store::Store;

/// A succession chart of one or more positions, drawn as SVG.
///
/// ```
/// use officegraph::pipeline::{process_text, Config};
/// use officegraph::record::date::parse_date;
/// use officegraph::timeline::{self, Chart};
///
/// let record = "= Mayor of A =\n\n| Name | Took office | Left office |\n| Ann Lee | 1990 | 1994 |\n";
/// let out = process_text("mayor.txt", "mayor.txt", record.as_bytes(), &Config::default());
/// let store = oxigraph::store::Store::new()?;
/// store.extend(out.quads)?;
/// let positions: Vec<_> = timeline::positions(&store)?.into_iter().map(|(iri, _)| iri).collect();
/// let svg = Chart::of(&positions).width(800).today(parse_date("2000-01-01")?).render(&store)?;
/// assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
/// assert!(svg.contains("Ann Lee"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Chart<'a> {
    positions: &'a [NamedNode],
    options: TimelineOptions,
}

impl<'a> Chart<'a> {
    /// The chart of `positions`, stacked in that order on one time axis.
    pub fn of(positions: &'a [NamedNode]) -> Self {
        Self {
            positions,
            options: TimelineOptions::default(),
        }
    }

    /// The width in pixels (clamped to 320..=20000; default 1200).
    pub fn width(mut self, width: u32) -> Self {
        self.options.width = width;
        self
    }

    /// The day incumbent bars run to (default: today, UTC).
    pub fn today(mut self, day: PartialDate) -> Self {
        self.options.today = day;
        self
    }

    /// The prefix of every id in the document (default `ogtl`).
    pub fn id_prefix(mut self, prefix: &str) -> Self {
        prefix.clone_into(&mut self.options.id_prefix);
        self
    }

    /// The standalone SVG document.
    pub fn render(&self, store: &Store) -> Result<String, TimelineError> {
        render_svg(store, self.positions, &self.options)
    }
}
