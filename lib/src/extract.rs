//! Extract stage: a parsed record → the quads of its named graph (docs/design.md §3,
//! `docs/mapping.md`). Knows nothing of files or stores.

mod aliases;
mod draft;
mod graph;
mod naming;
mod offices;
mod positions;
mod processed;
mod prose;
mod structure;
mod subject;
mod tenures;
mod words;

/// Minting moved to [`crate::names`]; these names stay for callers of the extract API.
pub use crate::names::{date_key, slug, Minter};
pub use aliases::{AliasError, Aliases};
pub use draft::{apply_infobox, succession_order, InfoboxHolders, NameSource, TenureDraft};
pub use graph::{raw_property, Graph};
pub use naming::apply_prose;
pub use processed::{
    process_csv, process_graph, process_html, process_text, ProcessedGraph, ProcessedRecord,
    RecordKind,
};
pub use prose::{clues, Anchor, Clue};

use crate::record::lexicon::Lexicon;
use crate::record::{Block, Diagnostics, Record};
use crate::vocab::{ext, og};
use graph::GraphBuilder;
use oxigraph::model::{Literal, NamedNode, Quad};
use std::sync::Arc;

/// What the front stages (parse and extract) need to know; the pipeline's `Config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractConfig {
    /// Base of the data IRIs, ending in `/` or `#`.
    pub base: String,
    /// Abbreviations of bodies in term labels (`CC` → `Central Committee`).
    pub aliases: Aliases,
    /// What table headers mean (`data/columns.csv`, and a user's rows before it).
    pub columns: Arc<Lexicon>,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        Self {
            base: crate::vocab::DEFAULT_BASE.to_owned(),
            aliases: Aliases::builtin(),
            columns: Lexicon::builtin(),
        }
    }
}

/// The graph of one record.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The record's IRI, also the name of its graph.
    pub record_iri: NamedNode,
    /// The graph's quads, sorted and unique.
    pub quads: Vec<Quad>,
}

/// Whether the record is about a position or an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    Position,
    Organization,
    /// A country, island, province or electoral district: its tables list its posts.
    Place,
}

/// Shared state while one record is extracted.
pub(crate) struct Context<'r> {
    pub record: &'r Record,
    pub minter: Minter,
    pub out: GraphBuilder,
    pub subject: NamedNode,
    pub subject_label: String,
    pub subject_kind: SubjectKind,
    /// Positions made so far (label, IRI), the subject first when it is one.
    pub positions: Vec<(String, NamedNode)>,
    /// Abbreviations of bodies in term labels.
    pub aliases: &'r Aliases,
    /// The record's words (title, infobox, headings, prose, table headers), lower
    /// case: an abbreviation expands only where the record spells it out.
    pub vocabulary: String,
}

/// Extracts the graph of a record. Problems become diagnostics.
pub fn extract(
    record: &Record,
    config: &ExtractConfig,
    diagnostics: &mut Diagnostics,
) -> Extracted {
    let graph = extract_graph(record, config, diagnostics);
    Extracted {
        record_iri: graph.name().clone(),
        quads: graph.into_quads(),
    }
}

/// [`extract`], the graph kept compact (each term once, each quad three ids): what
/// a large record is held as until its quads are written out.
pub fn extract_graph(
    record: &Record,
    config: &ExtractConfig,
    diagnostics: &mut Diagnostics,
) -> Graph {
    let minter = Minter::new(&config.base);
    let stem = record
        .file_name
        .rsplit_once('.')
        .map_or(record.file_name.as_str(), |(s, _)| s);
    let record_iri = minter.record(stem);
    let title = record
        .title
        .as_ref()
        .map_or_else(|| stem.to_owned(), |t| t.value.clone());
    let subject_kind = subject::kind(record);
    // The record is labelled by its title; its subject by what the title is about: a
    // post (`List of Ambassadors of Russia to Austria` → `Ambassador of Russia to
    // Austria`, or the infobox `Post`), or the organization or place.
    let subject_label = match subject_kind {
        SubjectKind::Position => positions::position_label(record, &title),
        SubjectKind::Organization | SubjectKind::Place => subject::subject_name(&title),
    };
    let subject = match subject_kind {
        SubjectKind::Position => minter.position(&subject_label),
        SubjectKind::Organization => minter.organization(&subject_label),
        SubjectKind::Place => minter.place(&subject_label),
    };
    let mut out = GraphBuilder::new(record_iri.clone());
    out.add(&record_iri, ext::RDF_TYPE, og::RECORD.into_owned());
    out.label(&record_iri, &title);
    out.add(
        &record_iri,
        og::FILE_NAME,
        Literal::new_simple_literal(&record.file_name),
    );
    if !record.is_table_file {
        out.add(&record_iri, ext::FOAF_PRIMARY_TOPIC, subject.clone());
    }

    let positions = match subject_kind {
        SubjectKind::Position => vec![(subject_label.clone(), subject.clone())],
        SubjectKind::Organization | SubjectKind::Place => Vec::new(),
    };
    let mut cx = Context {
        record,
        minter,
        out,
        subject,
        subject_label,
        subject_kind,
        positions,
        aliases: &config.aliases,
        vocabulary: vocabulary(record),
    };
    // A table file (CSV) has no subject: its rows name their positions.
    let holders = if record.is_table_file {
        Default::default()
    } else {
        subject::extract_subject(&mut cx, diagnostics)
    };
    tenures::extract_tenures(&mut cx, &holders, diagnostics);
    structure::extract_structure(&mut cx);
    cx.out.finish_graph()
}

/// Everything a record says in words, lower case, for alias expansion.
fn vocabulary(record: &Record) -> String {
    let mut text = String::new();
    let mut push = |s: &str| {
        text.push_str(&s.to_lowercase());
        text.push('\n');
    };
    if let Some(title) = &record.title {
        push(&title.value);
    }
    for entry in &record.infobox {
        push(&entry.value);
    }
    for block in &record.blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => push(text),
            Block::Table(table) => {
                table.columns.iter().for_each(|c| push(&c.header));
                table.eras.iter().for_each(|e| push(&e.value));
                if let Some(caption) = &table.caption {
                    push(&caption.value);
                }
            }
            Block::List { .. } | Block::Definition { .. } => {}
        }
    }
    text
}

/// The record's first prose paragraph, if any.
pub(crate) fn first_paragraph(record: &Record) -> Option<&str> {
    record.blocks.iter().find_map(|b| match b {
        Block::Paragraph { text, .. } => Some(text.as_str()),
        _ => None,
    })
}

impl Context<'_> {
    /// Declares a position (type, label, line) and remembers it.
    pub fn position(&mut self, label: &str, line: usize) -> NamedNode {
        let iri = self.minter.position(label);
        self.out.node(&iri, og::POSITION, line);
        self.out.label(&iri, label);
        if !self.positions.iter().any(|(_, p)| *p == iri) {
            self.positions.push((label.to_owned(), iri.clone()));
        }
        iri
    }

    /// Declares an organization (type, label, line).
    pub fn organization(&mut self, label: &str, line: usize) -> NamedNode {
        let iri = self.minter.organization(label);
        self.out.node(&iri, og::ORGANIZATION, line);
        self.out.label(&iri, label);
        iri
    }
}

#[cfg(test)]
mod tests {
    use super::{process_csv, process_text, ExtractConfig as Config};

    fn nt(quads: &[oxigraph::model::Quad]) -> String {
        quads
            .iter()
            .map(|q| crate::rdf::nquads::triple_line(q.as_ref().into()))
            .collect()
    }

    #[test]
    fn infobox_names_are_read_like_table_names() {
        let text = "= Governor of X =\n\nInfobox\n- Incumbent: Ann Bee[1] (acting)\n- Incumbentsince: 2 May 2020[2]\n\nProse.\n\n| No. | Name | Took office | Left office |\n| 1 | | 2 May 2020 | Incumbent |\n";
        let r = process_text("t.txt", "t.txt", text.as_bytes(), &Config::default());
        let out = nt(&r.quads);
        assert!(
            out.contains(
                "person/Ann_Bee> <http://www.w3.org/2000/01/rdf-schema#label> \"Ann Bee\"@en"
            ),
            "{out}"
        );
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    }

    #[test]
    fn csv_rows_make_tenures_of_their_positions() {
        let csv =
            "position,name,start,end\nMayor of Y,Ann Bee,1990,1995\nMayor of Y,Cy Dee,1995,\n";
        let r = process_csv("m.csv", "m.csv", csv.as_bytes(), &Config::default());
        let out = nt(&r.quads);
        assert!(
            out.contains(
                "tenure/Mayor_of_Y/1990/Ann_Bee> <https://w3id.org/officegraph/ontology#next>"
            ),
            "{out}"
        );
        assert!(!out.contains("primaryTopic"), "a table file has no subject");
    }

    #[test]
    fn organizations_are_told_from_positions() {
        let org = process_text(
            "o.txt",
            "o.txt",
            b"= Ministry of Z =\n\nInfobox\n- Founded: 1945\n",
            &Config::default(),
        );
        assert!(nt(&org.quads).contains(
            "organization/Ministry_of_Z> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
        ));
        let pos = process_text(
            "p.txt",
            "p.txt",
            b"= Minister of Z =\n\nInfobox\n- Appointer: President\n",
            &Config::default(),
        );
        assert!(nt(&pos.quads)
            .contains("position/Minister_of_Z> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"));
    }

    #[test]
    fn rows_never_share_a_tenure_silently() {
        let text = "= Mayor of Q =\n\n| No. | Name | Took office | Left office |\n| 2 | | 1980 | 1982 |\n| | | 1980 | 1981 |\n| 3 | Ann Bee | 1990 | 1991 |\n| 4 | Ann Bee | 1990 | 1992 |\n";
        let r = process_text("q.txt", "q.txt", text.as_bytes(), &Config::default());
        let out = nt(&r.quads);
        assert!(out.contains("tenure/Mayor_of_Q/1980/unnamed-1>"), "{out}");
        assert!(out.contains("tenure/Mayor_of_Q/1980/unnamed-2>"), "{out}");
        let merged: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| {
                d.message.contains("same tenure") || d.message.contains("continues the holding")
            })
            .collect();
        assert_eq!(merged.len(), 1, "{:?}", r.diagnostics);
        assert_eq!(merged[0].line, 7);
    }

    #[test]
    fn a_base_ending_in_a_hash_still_mints_valid_iris() {
        let config = Config {
            base: "http://ex.org/x#".into(),
            ..Config::default()
        };
        let seed = include_bytes!("../../data/records/001_a7df8237591a9512.txt");
        let r = process_text("s.txt", "001.txt", seed, &config);
        let iris = r.quads.iter().flat_map(|q| {
            let object = match &q.object {
                oxigraph::model::Term::NamedNode(n) => Some(n.as_str().to_owned()),
                _ => None,
            };
            [
                Some(q.subject.to_string().trim_matches(['<', '>']).to_owned()),
                object,
            ]
        });
        for iri in iris.flatten() {
            assert!(oxigraph::model::NamedNode::new(&iri).is_ok(), "{iri}");
        }
    }

    #[test]
    fn tenure_iris_come_from_content() {
        use crate::names::{date_key, slug, Minter};
        let m = Minter::new("http://x/");
        let start = crate::record::date::parse_date("27 October 1930").ok();
        assert_eq!(
            m.tenure("P", &date_key(start.as_ref()), &slug("Trần Phú"))
                .as_str(),
            "http://x/tenure/P/1930-10-27/Tr%E1%BA%A7n_Ph%C3%BA"
        );
        assert_eq!(date_key::<crate::date::PartialDate>(None), "undated");
    }

    #[test]
    fn the_base_iri_is_configurable() {
        let config = Config {
            base: "http://example.org/og/".into(),
            ..Config::default()
        };
        let r = process_text("p.txt", "p.txt", b"= Minister of Z =\n", &config);
        assert_eq!(r.record_iri.as_str(), "http://example.org/og/record/p");
        assert!(nt(&r.quads).contains("<http://example.org/og/position/Minister_of_Z>"));
    }
}
