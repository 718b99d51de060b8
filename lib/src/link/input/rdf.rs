//! Reconcile stage (link): the RDF reader — Wikidata N-Triples or Turtle, as written.

use super::{bad, Format};
use crate::link::LinkError;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;

pub fn read(file: &str, content: &str, format: Format) -> Result<Vec<Triple>, LinkError> {
    let rdf_format = match format {
        Format::NTriples => RdfFormat::NTriples,
        _ => RdfFormat::Turtle,
    };
    RdfParser::from_format(rdf_format)
        .for_slice(content.as_bytes())
        .map(|quad| {
            quad.map(Triple::from).map_err(|e| {
                let line = e.location().map_or(1, |l| l.start.line + 1);
                bad(file, line, format!("invalid {}: {e}", format.name()))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_locates_errors() {
        let ok = "<http://x/a> <http://x/p> \"v\"@en .\n";
        assert_eq!(read("f.nt", ok, Format::NTriples).unwrap().len(), 1);
        let broken = format!("{ok}<http://x/a> <http://x/p> oops .\n");
        let err = read("f.nt", &broken, Format::NTriples).unwrap_err();
        assert!(err.to_string().starts_with("f.nt:2: "), "{err}");
    }
}
