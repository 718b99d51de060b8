//! Reconcile stage (link): the links graph writer — `owl:sameAs` plus one `og:Link`
//! node per link with its score and evidence.
//!
//! ```text
//! GRAPH <{base}links> {
//!   <ours> owl:sameAs <theirs> .
//!   <{base}link/{ours without base}> a og:Link ; og:linkSubject <ours> ;
//!       og:linkTarget <theirs> ; og:linkScore "0.8"^^xsd:decimal ;
//!       og:linkEvidence "label; P39 dates overlap 1986-12-18..1991-06-28"@en ;
//!       prov:wasDerivedFrom <{base}dataset/{file}> .
//! }
//! ```

use super::model::Candidates;
use super::score::{Decision, Outcome};
use crate::names::{link_node, links_graph};
use crate::vocab::{ext, og, wikidata as wd};
use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

/// A score in hundredths as a canonical `xsd:decimal` (as Oxigraph stores it):
/// 80 → `0.8`, 75 → `0.75`, 100 → `1`.
pub fn score_text(hundredths: u32) -> String {
    let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The quads of the links graph for the matched outcomes, sorted.
pub fn links_quads(base: &str, outcomes: &[Outcome], candidates: &Candidates) -> Vec<Quad> {
    let graph = GraphName::NamedNode(NamedNode::new_unchecked(links_graph(base)));
    let mut quads = Vec::new();
    for o in outcomes {
        let Decision::Matched(m) = &o.decision else {
            continue;
        };
        let (Ok(ours), Ok(theirs)) = (NamedNode::new(&o.ours), NamedNode::new(&m.item)) else {
            continue;
        };
        let node = link_node(base, &o.ours);
        let mut add = |s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, obj: Term| {
            quads.push(Quad::new(s.clone(), p.into_owned(), obj, graph.clone()));
        };
        add(&ours, wd::OWL_SAME_AS, theirs.clone().into());
        add(&node, ext::RDF_TYPE, og::LINK.into_owned().into());
        add(&node, og::LINK_SUBJECT, ours.clone().into());
        add(&node, og::LINK_TARGET, theirs.clone().into());
        let score = Literal::new_typed_literal(score_text(m.score), xsd::DECIMAL);
        add(&node, og::LINK_SCORE, score.into());
        let evidence = Literal::new_language_tagged_literal_unchecked(m.evidence.join("; "), "en");
        add(&node, og::LINK_EVIDENCE, evidence.into());
        for source in candidates
            .items
            .get(&m.item)
            .into_iter()
            .flat_map(|i| &i.sources)
        {
            if let Ok(source) = NamedNode::new(source) {
                add(&node, ext::PROV_WAS_DERIVED_FROM, source.into());
            }
        }
    }
    quads.sort_by_cached_key(ToString::to_string);
    quads.dedup();
    quads
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::model::Kind;
    use crate::link::score::Scored;

    #[test]
    fn scores_and_nodes() {
        assert_eq!(score_text(80), "0.8");
        assert_eq!(score_text(75), "0.75");
        assert_eq!(score_text(100), "1");
        assert_eq!(score_text(0), "0");
        assert_eq!(
            link_node("http://b/", "http://b/person/T%C3%B4_L%C3%A2m").as_str(),
            "http://b/link/person/T%C3%B4_L%C3%A2m"
        );
        assert_eq!(
            link_node("http://b/", "http://o/x").as_str(),
            "http://b/link/other/http%3A%2F%2Fo%2Fx"
        );
    }

    #[test]
    fn only_matches_are_written() {
        let matched = Outcome {
            kind: Kind::Person,
            ours: "http://b/person/A".into(),
            label: "A".into(),
            decision: Decision::Matched(Scored {
                item: "http://www.wikidata.org/entity/Q1".into(),
                score: 80,
                evidence: vec!["label".into(), "born 1900".into()],
            }),
        };
        let ambiguous = Outcome {
            ours: "http://b/person/B".into(),
            decision: Decision::Ambiguous(vec![]),
            ..matched.clone()
        };
        let quads = links_quads("http://b/", &[matched, ambiguous], &Candidates::default());
        assert_eq!(quads.len(), 6);
        let text: Vec<String> = quads.iter().map(ToString::to_string).collect();
        assert!(text.contains(&"<http://b/person/A> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/Q1> <http://b/links>".to_owned()));
        assert!(text.iter().any(|q| q.contains("\"label; born 1900\"@en")));
    }
}
