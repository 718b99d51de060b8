//! Vocabulary (all stages): the ontology's IRIs as constants, so no stage spells an IRI twice.

use oxigraph::model::NamedNodeRef;

/// `og:` — the officegraph ontology.
pub const OG: &str = "https://w3id.org/officegraph/ontology#";
/// `ogr:` — raw infobox keys and unmapped table columns, kept as literals.
pub const OGR: &str = "https://w3id.org/officegraph/raw#";
/// The default base of data IRIs (`--base` changes it).
pub const DEFAULT_BASE: &str = "https://w3id.org/officegraph/id/";

pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const SCHEMA: &str = "http://schema.org/";
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";

macro_rules! terms {
    ($ns:literal; $($name:ident = $local:literal),* $(,)?) => {
        $(pub const $name: NamedNodeRef<'static> =
            NamedNodeRef::new_unchecked(concat!($ns, $local));)*
    };
}

/// Ontology classes and properties (`og:`).
pub mod og {
    use super::*;
    terms!("https://w3id.org/officegraph/ontology#";
        RECORD = "Record", POSITION = "Position", ORGANIZATION = "Organization",
        PERSON = "Person", TENURE = "Tenure", TERM = "Term", PLACE = "Place",
        POSITION_PROP = "position", HOLDER = "holder", START = "start", END = "end",
        ORDINAL = "ordinal", TITLE = "title", ACTING = "acting",
        DIED_IN_OFFICE = "diedInOffice", INCUMBENT = "incumbent", RANK = "rank",
        TERM_PROP = "term", PREVIOUS = "previous", NEXT = "next",
        SOURCE_LINE = "sourceLine", FILE_NAME = "fileName",
        ORGANIZATION_PROP = "organization", APPOINTED_BY = "appointedBy",
        MEMBER_OF = "memberOf", TERM_LENGTH = "termLength", FORMER_TITLE = "formerTitle",
        BIRTH_YEAR = "birthYear", PARTY_JOIN_YEAR = "partyJoinYear",
        BIRTH_PLACE = "birthPlace", GENDER = "gender",
        SUB_ORGANIZATION_OF = "subOrganizationOf", FOUNDED = "founded",
        NAME_SOURCE_CLASS = "NameSource", NAME_SOURCE = "nameSource", METHOD = "method", QUOTE = "quote",
        START_CIRCA = "startCirca", END_CIRCA = "endCirca",
        NAME_AS_WRITTEN = "nameAsWritten", HONORIFIC = "honorific",
    );
    // Links to a Wikidata-style dataset (`link`).
    terms!("https://w3id.org/officegraph/ontology#";
        LINK = "Link", LINK_SUBJECT = "linkSubject", LINK_TARGET = "linkTarget",
        LINK_SCORE = "linkScore", LINK_EVIDENCE = "linkEvidence",
    );
}

/// Terms of other vocabularies the extraction writes.
pub mod ext {
    use super::*;
    terms!("http://www.w3.org/1999/02/22-rdf-syntax-ns#"; RDF_TYPE = "type");
    terms!("http://www.w3.org/2000/01/rdf-schema#"; RDFS_LABEL = "label");
    terms!("http://www.w3.org/2004/02/skos/core#"; SKOS_ALT_LABEL = "altLabel");
    terms!("http://www.w3.org/ns/prov#"; PROV_WAS_DERIVED_FROM = "wasDerivedFrom");
    terms!("http://schema.org/"; SCHEMA_DESCRIPTION = "description");
    terms!("http://xmlns.com/foaf/0.1/"; FOAF_PRIMARY_TOPIC = "primaryTopic");
}

/// Wikidata's RDF vocabulary, as `link` reads and writes it.
pub mod wikidata {
    use super::*;
    /// `wd:` — items.
    pub const WD: &str = "http://www.wikidata.org/entity/";
    /// `wds:` — statement nodes.
    pub const WDS: &str = "http://www.wikidata.org/entity/statement/";
    /// `wdt:` — direct ("truthy") properties.
    pub const WDT: &str = "http://www.wikidata.org/prop/direct/";
    /// `p:` — item to statement node.
    pub const P: &str = "http://www.wikidata.org/prop/";
    /// `ps:` — statement node to its value.
    pub const PS: &str = "http://www.wikidata.org/prop/statement/";
    /// `pq:` — statement qualifiers.
    pub const PQ: &str = "http://www.wikidata.org/prop/qualifier/";
    terms!("http://www.wikidata.org/prop/direct/";
        WDT_P31 = "P31", WDT_P39 = "P39", WDT_P569 = "P569");
    terms!("http://www.wikidata.org/prop/"; P_P39 = "P39");
    terms!("http://www.wikidata.org/prop/statement/"; PS_P39 = "P39");
    terms!("http://www.wikidata.org/prop/qualifier/"; PQ_P580 = "P580", PQ_P582 = "P582");
    terms!("http://schema.org/"; SCHEMA_NAME = "name");
    terms!("http://www.w3.org/2004/02/skos/core#"; SKOS_PREF_LABEL = "prefLabel");
    terms!("http://www.w3.org/2002/07/owl#"; OWL_SAME_AS = "sameAs");
}

/// The prefixes every serialization and stored query uses, in a stable order.
/// Data prefixes (`position:`, `person:`, …) are derived from the base IRI.
pub fn prefixes(base: &str) -> Vec<(&'static str, String)> {
    let mut list = vec![
        ("og", OG.to_owned()),
        ("ogr", OGR.to_owned()),
        ("rdf", RDF.to_owned()),
        ("rdfs", RDFS.to_owned()),
        ("xsd", XSD.to_owned()),
        ("skos", SKOS.to_owned()),
        ("prov", PROV.to_owned()),
        ("schema", SCHEMA.to_owned()),
        ("foaf", FOAF.to_owned()),
        ("owl", OWL.to_owned()),
    ];
    for kind in crate::names::KINDS {
        list.push((kind, format!("{base}{kind}/")));
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_live_in_their_namespace() {
        assert!(og::TENURE.as_str().starts_with(OG));
        assert_eq!(og::DIED_IN_OFFICE.as_str(), format!("{OG}diedInOffice"));
        assert_eq!(ext::SKOS_ALT_LABEL.as_str(), format!("{SKOS}altLabel"));
    }

    #[test]
    fn the_ontology_declares_the_tenure_terms_with_their_ranges() {
        use oxigraph::io::{RdfFormat, RdfParser};
        use oxigraph::model::{NamedNode, Term};
        let ttl = include_str!("../../ontology/officegraph.ttl");
        let triples: Vec<_> = RdfParser::from_format(RdfFormat::Turtle)
            .for_reader(ttl.as_bytes())
            .map(|q| q.expect("officegraph.ttl parses"))
            .collect();
        let object = |s: NamedNodeRef<'_>, p: &str| -> Vec<Term> {
            triples
                .iter()
                .filter(|q| q.subject == s.into_owned().into() && q.predicate.as_str() == p)
                .map(|q| q.object.clone())
                .collect()
        };
        for (term, range) in [
            (og::START_CIRCA, format!("{XSD}boolean")),
            (og::END_CIRCA, format!("{XSD}boolean")),
            (og::NAME_AS_WRITTEN, format!("{XSD}string")),
            (og::HONORIFIC, format!("{RDF}langString")),
        ] {
            let node = |iri: &str| Term::from(NamedNode::new_unchecked(iri));
            assert_eq!(
                object(term, &format!("{RDFS}domain")),
                vec![node(og::TENURE.as_str())]
            );
            assert_eq!(object(term, &format!("{RDFS}range")), vec![node(&range)]);
            assert_eq!(object(term, &format!("{RDFS}label")).len(), 1, "{term}");
            assert_eq!(object(term, &format!("{RDFS}comment")).len(), 1, "{term}");
        }
    }

    #[test]
    fn data_prefixes_follow_the_base() {
        let p = prefixes("http://example.org/x/");
        assert!(p.contains(&("person", "http://example.org/x/person/".to_owned())));
    }
}
