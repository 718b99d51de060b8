//! Validate stage: [`Validator`], the builder-style entry point — shapes and options
//! set once, then any number of stores validated.

use super::{validate, Options, Report, Shapes, ShapesError, ValidateError};
use crate::store::GraphStore;

/// Validates stores against SHACL shapes and the data-quality checks.
///
/// ```
/// use officegraph::pipeline::{self, Config, Silent};
/// use officegraph::validate::Validator;
/// use officegraph::store::GraphStore;
///
/// let dir = tempfile::tempdir()?;
/// let record = dir.path().join("mayor.txt");
/// std::fs::write(&record, "= Mayor of A =\n\n| Name | Took office | Left office |\n| Ann Lee | 1990 | 1994 |\n")?;
/// pipeline::ingest(&dir.path().join("store"), None, &[record], &Config::default(), &mut Silent)?;
/// let store = GraphStore::open_existing(&dir.path().join("store"))?;
/// let report = Validator::builtin()?.max_gap_days(30).validate(&store)?;
/// assert_eq!(report.graphs, 1);
/// assert!(report.conforms());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Validator {
    shapes: Shapes,
    options: Options,
}

impl Validator {
    /// A validator with the shapes shipped in `ontology/shapes.ttl`.
    pub fn builtin() -> Result<Self, ShapesError> {
        Ok(Self::new(Shapes::builtin()?))
    }

    /// A validator with `shapes` and the default options.
    pub fn new(shapes: Shapes) -> Self {
        Self {
            shapes,
            options: Options::default(),
        }
    }

    /// The longest gap, in days, between a post's holders before it is a warning.
    pub fn max_gap_days(mut self, days: i64) -> Self {
        self.options.max_gap_days = days;
        self
    }

    /// Every record graph of `store` (and its links graph), validated.
    pub fn validate(&self, store: &GraphStore) -> Result<Report, ValidateError> {
        validate(store, &self.shapes, &self.options)
    }
}
