//! Export stage: Wikidata time values — officegraph's `xsd:date`, `xsd:gYearMonth` and
//! `xsd:gYear` as Wikibase's padded `xsd:dateTime` with precision 11, 10 or 9.

use oxigraph::model::vocab::xsd;
use oxigraph::model::{Literal, LiteralRef, Term};

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
/// officegraph writes them; anything else is `None`.
pub fn time_value(term: &Term) -> Option<TimeValue> {
    let Term::Literal(literal) = term else {
        return None;
    };
    let literal: LiteralRef<'_> = literal.as_ref();
    let (precision, parts) = match literal.datatype() {
        d if d == xsd::DATE => (11, 3),
        d if d == xsd::G_YEAR_MONTH => (10, 2),
        d if d == xsd::G_YEAR => (9, 1),
        _ => return None,
    };
    let value = literal.value();
    let unsigned = value.strip_prefix('-').unwrap_or(value);
    let fields: Vec<&str> = unsigned.split('-').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let in_range =
        |s: &str, max: u32| s.len() == 2 && s.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n));
    let ok = fields.len() == parts
        && fields[0].len() >= 4
        && digits(fields[0])
        && fields.get(1).is_none_or(|m| in_range(m, 12))
        && fields.get(2).is_none_or(|d| in_range(d, 31));
    ok.then(|| TimeValue {
        lexical: value.to_owned(),
        precision,
    })
}
