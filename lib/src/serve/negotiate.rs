//! Serve stage: content negotiation — which result format to answer in, from the
//! `Accept` header or a `format` parameter, per query form; and whether an entity IRI
//! is answered with its HTML page or its Turtle (linked-data negotiation).

use super::ServeError;
use crate::query::ResultFormat;

/// What a query yields, which decides the formats it can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// SELECT and ASK: SPARQL result formats.
    Results,
    /// CONSTRUCT and DESCRIBE: RDF syntaxes.
    Graph,
}

/// One format the endpoint writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    /// The `Content-Type` of the answer.
    pub media: &'static str,
    /// Other media types a client may ask for to get this one.
    aliases: &'static [&'static str],
    /// Names for the `format` parameter.
    names: &'static [&'static str],
    /// How [`crate::query::write_results`] is asked for it.
    pub format: ResultFormat,
}

/// SELECT / ASK formats, the default first.
const RESULTS: &[Offer] = &[
    Offer {
        media: "application/sparql-results+json",
        aliases: &["application/json"],
        names: &["json"],
        format: ResultFormat::Json,
    },
    Offer {
        media: "application/sparql-results+xml",
        aliases: &["application/xml", "text/xml"],
        names: &["xml"],
        format: ResultFormat::Xml,
    },
    Offer {
        media: "text/csv",
        aliases: &[],
        names: &["csv"],
        format: ResultFormat::Csv,
    },
    Offer {
        media: "text/tab-separated-values",
        aliases: &[],
        names: &["tsv"],
        format: ResultFormat::Tsv,
    },
];

/// CONSTRUCT / DESCRIBE formats, the default first. (`ResultFormat::Table` writes
/// graphs as prefixed, sorted Turtle; `Csv` as N-Triples.)
const GRAPH: &[Offer] = &[
    Offer {
        media: "text/turtle",
        aliases: &["application/x-turtle"],
        names: &["turtle", "ttl"],
        format: ResultFormat::Table,
    },
    Offer {
        media: "application/n-triples",
        aliases: &[],
        names: &["nt", "ntriples", "n-triples"],
        format: ResultFormat::Csv,
    },
    Offer {
        media: "application/rdf+xml",
        aliases: &[],
        names: &["rdfxml", "rdf+xml", "xml"],
        format: ResultFormat::Xml,
    },
    Offer {
        media: "application/ld+json",
        aliases: &[],
        names: &["jsonld", "json-ld", "json"],
        format: ResultFormat::Json,
    },
];

fn offers(form: Form) -> &'static [Offer] {
    match form {
        Form::Results => RESULTS,
        Form::Graph => GRAPH,
    }
}

/// The format to answer a `form` query in: the `format` parameter when given (a name
/// such as `csv` or a media type), else the best match for `accept` (q-values, the
/// most specific range deciding), else the default. 406 when nothing fits.
pub fn choose(form: Form, accept: Option<&str>, format: Option<&str>) -> Result<Offer, ServeError> {
    let offers = offers(form);
    if let Some(wanted) = format.map(|f| f.trim().to_ascii_lowercase()) {
        return offers
            .iter()
            .find(|o| {
                o.names.contains(&wanted.as_str())
                    || o.media == wanted
                    || o.aliases.contains(&wanted.as_str())
            })
            .copied()
            .ok_or_else(|| not_acceptable(form, &format!("format={wanted}")));
    }
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Ok(offers[0]);
    };
    let ranges = parse_accept(accept);
    let mut best: Option<(f32, Offer)> = None;
    for offer in offers {
        let q = quality(&ranges, offer.media, offer.aliases);
        if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, *offer));
        }
    }
    best.map(|(_, offer)| offer)
        .ok_or_else(|| not_acceptable(form, &format!("Accept: {accept}")))
}

fn not_acceptable(form: Form, asked: &str) -> ServeError {
    let what = match form {
        Form::Results => "SELECT and ASK results",
        Form::Graph => "CONSTRUCT and DESCRIBE results",
    };
    let list: Vec<String> = offers(form)
        .iter()
        .map(|o| format!("{} (format={})", o.media, o.names.join("|")))
        .collect();
    ServeError::NotAcceptable(format!(
        "cannot answer {asked}: {what} are available as {}",
        list.join(", ")
    ))
}

/// How an entity IRI (`/id/…`) is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Representation {
    /// Its web page (`text/html`).
    Html,
    /// Its triples (`text/turtle`).
    Turtle,
}

/// Entity representations: (representation, media type, aliases, `format` names), the
/// default first — a client that accepts anything (`*/*`, no `Accept`) gets the page.
const REPRESENTATIONS: &[(Representation, &str, &[&str], &[&str])] = &[
    (
        Representation::Html,
        "text/html",
        &["application/xhtml+xml"],
        &["html"],
    ),
    (
        Representation::Turtle,
        "text/turtle",
        &["application/x-turtle"],
        &["turtle", "ttl"],
    ),
];

/// The representation of an entity to answer with: the `format` parameter when given
/// (`html`, `turtle`/`ttl` or a media type), else the best match for `accept` (as
/// [`choose`] weighs it), else HTML. 406 when neither fits.
pub fn choose_representation(
    accept: Option<&str>,
    format: Option<&str>,
) -> Result<Representation, ServeError> {
    let refuse = |asked: String| {
        ServeError::NotAcceptable(format!(
            "cannot answer {asked}: entities are available as text/html (format=html) and text/turtle (format=turtle|ttl)"
        ))
    };
    if let Some(wanted) = format.map(|f| f.trim().to_ascii_lowercase()) {
        return REPRESENTATIONS
            .iter()
            .find(|(_, media, aliases, names)| {
                names.contains(&wanted.as_str())
                    || *media == wanted
                    || aliases.contains(&wanted.as_str())
            })
            .map(|(r, ..)| *r)
            .ok_or_else(|| refuse(format!("format={wanted}")));
    }
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return Ok(Representation::Html);
    };
    let ranges = parse_accept(accept);
    let mut best: Option<(f32, Representation)> = None;
    for (representation, media, aliases, _) in REPRESENTATIONS {
        let q = quality(&ranges, media, aliases);
        if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, *representation));
        }
    }
    best.map(|(_, r)| r)
        .ok_or_else(|| refuse(format!("Accept: {accept}")))
}

/// One media range of an `Accept` header.
#[derive(Debug, Clone, PartialEq)]
struct Range {
    kind: String,
    subtype: String,
    q: f32,
}

fn parse_accept(accept: &str) -> Vec<Range> {
    accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let media = parts.next()?.trim().to_ascii_lowercase();
            let (kind, subtype) = media.split_once('/')?;
            let mut q = 1.0;
            for param in parts {
                if let Some((name, value)) = param.split_once('=') {
                    if name.trim().eq_ignore_ascii_case("q") {
                        q = value.trim().parse::<f32>().unwrap_or(0.0).clamp(0.0, 1.0);
                    }
                }
            }
            Some(Range {
                kind: kind.trim().to_owned(),
                subtype: subtype.trim().to_owned(),
                q,
            })
        })
        .collect()
}

/// The q-value `ranges` give `offer`: that of the most specific matching range.
/// Wildcards match the offer's own media type only, never an alias (`text/*` is not
/// a request for XML results because `text/xml` is an alias of them).
fn quality(ranges: &[Range], media: &str, aliases: &[&str]) -> f32 {
    let (kind, subtype) = media.split_once('/').unwrap_or((media, ""));
    let mut best: Option<(u8, f32)> = None;
    for range in ranges {
        let asked = format!("{}/{}", range.kind, range.subtype);
        let specificity = if (range.kind == kind && range.subtype == subtype)
            || aliases.contains(&asked.as_str())
        {
            2
        } else if range.kind == kind && range.subtype == "*" {
            1
        } else if range.kind == "*" && range.subtype == "*" {
            0
        } else {
            continue;
        };
        if best.is_none_or(|(s, q)| specificity > s || (specificity == s && range.q > q)) {
            best = Some((specificity, range.q));
        }
    }
    best.map_or(0.0, |(_, q)| q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn media(form: Form, accept: Option<&str>, format: Option<&str>) -> Option<&'static str> {
        choose(form, accept, format).ok().map(|o| o.media)
    }

    #[test]
    fn defaults_are_json_results_and_turtle() {
        assert_eq!(
            media(Form::Results, None, None),
            Some("application/sparql-results+json")
        );
        assert_eq!(
            media(Form::Results, Some("*/*"), None),
            Some("application/sparql-results+json")
        );
        assert_eq!(media(Form::Graph, None, None), Some("text/turtle"));
        assert_eq!(media(Form::Graph, Some("*/*"), None), Some("text/turtle"));
    }

    #[test]
    fn accept_picks_each_format() {
        for (accept, want) in [
            (
                "application/sparql-results+xml",
                "application/sparql-results+xml",
            ),
            ("text/csv", "text/csv"),
            ("text/tab-separated-values", "text/tab-separated-values"),
            ("application/json", "application/sparql-results+json"),
            ("text/*", "text/csv"),
            // rdflib's SPARQLStore asks for XML results (and RDF/XML for graphs).
            (
                "application/sparql-results+xml, application/rdf+xml",
                "application/sparql-results+xml",
            ),
            (
                "text/csv;q=0.5, application/sparql-results+xml;q=0.9, */*;q=0.1",
                "application/sparql-results+xml",
            ),
            ("text/csv;q=0, */*", "application/sparql-results+json"),
        ] {
            assert_eq!(
                media(Form::Results, Some(accept), None),
                Some(want),
                "{accept}"
            );
        }
        for (accept, want) in [
            ("application/n-triples", "application/n-triples"),
            (
                "text/turtle;q=0.2, application/n-triples;q=0.8",
                "application/n-triples",
            ),
            (
                "application/sparql-results+xml, application/rdf+xml",
                "application/rdf+xml",
            ),
            ("application/ld+json", "application/ld+json"),
        ] {
            assert_eq!(
                media(Form::Graph, Some(accept), None),
                Some(want),
                "{accept}"
            );
        }
    }

    #[test]
    fn the_format_parameter_overrides_accept() {
        assert_eq!(
            media(Form::Results, Some("text/csv"), Some("tsv")),
            Some("text/tab-separated-values")
        );
        assert_eq!(
            media(Form::Results, None, Some("application/sparql-results+xml")),
            Some("application/sparql-results+xml")
        );
        assert_eq!(
            media(Form::Graph, None, Some("nt")),
            Some("application/n-triples")
        );
        assert_eq!(
            media(Form::Graph, None, Some("json")),
            Some("application/ld+json")
        );
    }

    #[test]
    fn entities_negotiate_html_or_turtle() {
        use Representation::{Html, Turtle};
        let chrome =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
        for (accept, format, want) in [
            (None, None, Some(Html)),
            (Some("*/*"), None, Some(Html)),
            (Some(chrome), None, Some(Html)),
            (Some("text/turtle"), None, Some(Turtle)),
            (
                Some("text/turtle;q=0.9, text/html;q=0.5"),
                None,
                Some(Turtle),
            ),
            (Some("application/x-turtle"), None, Some(Turtle)),
            (Some("text/*"), None, Some(Html)),
            (Some("text/html"), Some("ttl"), Some(Turtle)),
            (None, Some("text/html"), Some(Html)),
            (Some("application/ld+json"), None, None),
            (Some("text/turtle;q=0"), None, None),
            (Some("image/png"), None, None),
            (None, Some("json"), None),
        ] {
            let got = choose_representation(accept, format);
            match want {
                Some(want) => assert_eq!(got.ok(), Some(want), "{accept:?} {format:?}"),
                None => assert!(
                    matches!(&got, Err(ServeError::NotAcceptable(m)) if m.contains("text/turtle")),
                    "{accept:?} {format:?}: {got:?}"
                ),
            }
        }
    }

    #[test]
    fn unsupported_formats_are_406_with_the_list() {
        for (form, accept, format) in [
            (Form::Results, Some("text/turtle"), None),
            (Form::Results, Some("image/png"), None),
            (Form::Results, Some("text/csv;q=0"), None),
            (Form::Graph, Some("text/csv"), None),
            (Form::Results, None, Some("yaml")),
            (Form::Graph, None, Some("csv")),
        ] {
            match choose(form, accept, format) {
                Err(ServeError::NotAcceptable(message)) => {
                    assert!(message.contains("available as"), "{message}")
                }
                other => panic!("{accept:?} {format:?}: expected 406, got {other:?}"),
            }
        }
    }
}
