//! Export stage: Wikidata time values — officegraph's `xsd:date`, `xsd:gYearMonth` and
//! `xsd:gYear` as Wikibase's padded `xsd:dateTime` with precision 11, 10 or 9.

use crate::date::PartialDate;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, Term};

/// A date at the precision officegraph keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeValue {
    /// The og lexical form: `1930-10-27`, `1986-12`, `1945`.
    pub lexical: String,
    /// Wikibase precision: 11 day, 10 month, 9 year.
    pub precision: u8,
}

impl TimeValue {
    /// Wikidata's simple value: the date padded to a day, `…T00:00:00Z`.
    pub fn datetime(&self) -> Literal {
        let padded = match self.precision {
            9 => format!("{}-01-01", self.lexical),
            10 => format!("{}-01", self.lexical),
            _ => self.lexical.clone(),
        };
        Literal::new_typed_literal(format!("{padded}T00:00:00Z"), xsd::DATE_TIME)
    }
}

/// An `xsd:date`, `xsd:gYearMonth` or `xsd:gYear` literal without a time zone, as
/// officegraph writes them ([`PartialDate::from_literal`]); anything else is `None`.
pub fn time_value(term: &Term) -> Option<TimeValue> {
    let Term::Literal(literal) = term else {
        return None;
    };
    let date = PartialDate::from_literal(literal.as_ref())?;
    Some(TimeValue {
        lexical: literal.value().to_owned(),
        precision: date.precision().wikibase(),
    })
}
