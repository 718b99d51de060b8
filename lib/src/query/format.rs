//! Query stage: result output — an aligned text table for terminals, the W3C SPARQL result formats
//! (CSV, TSV, JSON, XML, via sparesults) and RDF syntaxes for CONSTRUCT / DESCRIBE.

use super::QueryError;
use crate::rdf::nquads::{push_triple_line, Style};
use crate::rdf::{self, RdfWriter};
use crate::vocab;
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, QuerySolutionIter, QueryTripleIter};
use std::io::Write;

/// How results are written.
///
/// | format | SELECT | ASK | CONSTRUCT / DESCRIBE |
/// |---|---|---|---|
/// | `Table` | aligned columns, short IRIs, literal values | `true` / `false` | sorted Turtle with the officegraph prefixes used, as `export` writes it |
/// | `Csv`, `Tsv` | SPARQL 1.1 CSV / TSV results | same | N-Triples |
/// | `Json` | SPARQL 1.1 JSON results | same | JSON-LD |
/// | `Xml` | SPARQL XML results | same | RDF/XML |
///
/// Every format except `Table` streams: rows and triples are written as the query
/// yields them, so memory does not grow with the size of the result. `Table` sizes its
/// columns from the first [`TABLE_SIZING_ROWS`] rows and streams the rest; its graph
/// results are sorted Turtle, held in memory for sorting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
}

impl ResultFormat {
    fn sparql(self) -> Option<QueryResultsFormat> {
        match self {
            ResultFormat::Table => None,
            ResultFormat::Csv => Some(QueryResultsFormat::Csv),
            ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
            ResultFormat::Json => Some(QueryResultsFormat::Json),
            ResultFormat::Xml => Some(QueryResultsFormat::Xml),
        }
    }

    fn rdf(self) -> RdfFormat {
        match self {
            ResultFormat::Table => RdfFormat::Turtle,
            ResultFormat::Csv | ResultFormat::Tsv => RdfFormat::NTriples,
            ResultFormat::Json => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            ResultFormat::Xml => RdfFormat::RdfXml,
        }
    }
}

/// Writes evaluated results in `format`.
pub fn write_results(
    results: QueryResults<'_>,
    format: ResultFormat,
    writer: &mut dyn Write,
) -> Result<(), QueryError> {
    match results {
        QueryResults::Boolean(value) => match format.sparql() {
            Some(f) => {
                QueryResultsSerializer::from_format(f)
                    .serialize_boolean_to_writer(&mut *writer, value)?;
            }
            None => writeln!(writer, "{value}")?,
        },
        QueryResults::Solutions(solutions) => match format.sparql() {
            Some(f) => {
                let variables = solutions.variables().to_vec();
                let mut out = QueryResultsSerializer::from_format(f)
                    .serialize_solutions_to_writer(&mut *writer, variables)?;
                for solution in solutions {
                    out.serialize(&solution?)?;
                }
                out.finish()?;
            }
            None => write_table(solutions, &mut *writer)?,
        },
        QueryResults::Graph(triples) => write_graph(triples, format.rdf(), &mut *writer)?,
    }
    writer.flush()?;
    Ok(())
}

/// Graph results: the table format shows sorted, prefixed Turtle, written by the
/// shared RDF writer so names read exactly as in `export` (it holds the triples, for
/// sorting); N-Triples streams lines from the same writer in the order the store
/// yields them; JSON-LD and RDF/XML are Oxigraph's serializers, streamed.
fn write_graph(
    triples: QueryTripleIter<'_>,
    format: RdfFormat,
    mut writer: &mut dyn Write,
) -> Result<(), QueryError> {
    match format {
        RdfFormat::Turtle => {
            let all: Vec<Triple> = triples.collect::<Result<_, _>>()?;
            RdfWriter::new(rdf::Format::Turtle)
                .with_prefixes(vocab::prefixes(vocab::DEFAULT_BASE))
                .only_used_prefixes()
                .write_triples(&mut writer, all.iter().map(Triple::as_ref))?;
        }
        RdfFormat::NTriples => {
            let mut line = String::new();
            for triple in triples {
                line.clear();
                push_triple_line(&mut line, triple?.as_ref(), Style::Plain);
                writer.write_all(line.as_bytes())?;
            }
        }
        _ => {
            let mut serializer = RdfSerializer::from_format(format);
            if format == RdfFormat::RdfXml {
                for (name, iri) in vocab::prefixes(vocab::DEFAULT_BASE) {
                    serializer = serializer
                        .with_prefix(name, iri)
                        .map_err(|e| QueryError::Output(std::io::Error::other(e)))?;
                }
            }
            let mut out = serializer.for_writer(&mut *writer);
            for triple in triples {
                out.serialize_triple(&triple?)?;
            }
            out.finish()?;
        }
    }
    Ok(())
}

/// How many rows the table format reads before it fixes its column widths; later rows
/// are written as they come (a wider cell pushes its line out), so a large result is
/// never held whole in memory.
pub const TABLE_SIZING_ROWS: usize = 1000;

fn write_table(solutions: QuerySolutionIter<'_>, writer: &mut dyn Write) -> Result<(), QueryError> {
    let prefixes = sorted_prefixes();
    let header: Vec<String> = solutions
        .variables()
        .iter()
        .map(|v| v.as_str().to_owned())
        .collect();
    let mut solutions = solutions.map(|solution| {
        solution.map(|solution| {
            solution
                .values()
                .iter()
                .map(|v| {
                    v.as_ref()
                        .map_or_else(String::new, |t| display_term(t, &prefixes))
                })
                .collect::<Vec<_>>()
        })
    });
    let mut first = Vec::new();
    for row in solutions.by_ref().take(TABLE_SIZING_ROWS) {
        first.push(row?);
    }
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for row in &first {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    write_row(writer, &header, &widths)?;
    write_row(writer, &rule, &widths)?;
    let mut n = 0usize;
    for row in first.drain(..) {
        write_row(writer, &row, &widths)?;
        n += 1;
    }
    for row in solutions {
        write_row(writer, &row?, &widths)?;
        n += 1;
    }
    writeln!(writer, "({n} row{})", if n == 1 { "" } else { "s" })?;
    Ok(())
}

fn write_row(writer: &mut dyn Write, cells: &[String], widths: &[usize]) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            line.push_str("  ");
        }
        line.push_str(cell);
        line.extend(std::iter::repeat_n(' ', w.saturating_sub(width(cell))));
    }
    writeln!(writer, "{}", line.trim_end())
}

/// Columns a text takes in a terminal: characters, not bytes, and combining marks
/// (a decomposed `ầ`) take none.
pub fn width(text: &str) -> usize {
    text.chars()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .count()
}

/// The officegraph prefixes, longest namespace first so the most specific one wins.
pub(super) fn sorted_prefixes() -> Vec<(&'static str, String)> {
    let mut prefixes = vocab::prefixes(vocab::DEFAULT_BASE);
    prefixes.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    prefixes
}

/// A term as a person reads it: `prefix:local` for IRIs (non-ASCII percent-escapes
/// decoded), the value of a literal, `_:id` for a blank node; control characters
/// become spaces so a cell stays on its line.
pub(super) fn display_term(term: &Term, prefixes: &[(&'static str, String)]) -> String {
    let text = match term {
        Term::NamedNode(node) => short_iri(node.as_str(), prefixes),
        Term::Literal(literal) => literal.value().to_owned(),
        other => other.to_string(),
    };
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn short_iri(iri: &str, prefixes: &[(&'static str, String)]) -> String {
    for (name, ns) in prefixes {
        if let Some(local) = iri.strip_prefix(ns.as_str()) {
            return format!("{name}:{}", decode_non_ascii(local));
        }
    }
    format!("<{iri}>")
}

/// Decodes the percent-escapes that spell non-ASCII UTF-8 (`T%C3%B4` → `Tô`); ASCII
/// escapes such as `%5F` stay, so the text still says which IRI it is.
fn decode_non_ascii(local: &str) -> String {
    let bytes = local.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) if byte >= 0x80 => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    match String::from_utf8(out) {
        Ok(text) => text,
        Err(_) => local.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, NamedNode};

    #[test]
    fn width_counts_characters_not_bytes() {
        assert_eq!(width("Lê Duẩn"), 7);
        assert_eq!(width("Le\u{302} Du\u{327}"), 5);
        assert_eq!(width("abc"), 3);
    }

    #[test]
    fn iris_are_shortened_and_readable() {
        let prefixes = sorted_prefixes();
        let show = |iri: &str| display_term(&NamedNode::new_unchecked(iri).into(), &prefixes);
        assert_eq!(
            show("https://w3id.org/officegraph/id/person/T%C3%B4_L%C3%A2m"),
            "person:Tô_Lâm"
        );
        assert_eq!(
            show("https://w3id.org/officegraph/id/person/a%5Fb"),
            "person:a%5Fb"
        );
        assert_eq!(
            show("https://w3id.org/officegraph/ontology#Tenure"),
            "og:Tenure"
        );
        assert_eq!(show("http://example.org/x"), "<http://example.org/x>");
        let lit = Literal::new_language_tagged_literal_unchecked("a\nb", "en");
        assert_eq!(display_term(&lit.into(), &prefixes), "a b");
        assert_eq!(decode_non_ascii("%C3"), "%C3");
    }
}
