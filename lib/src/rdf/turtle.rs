//! Foundation (RDF writer): Turtle and TriG — sorted, prefixed names where valid, `a`
//! for `rdf:type`, `true`/integers bare, everything else as in N-Triples.
//!
//! Own writer rather than oxttl's or sophia's serializer (measured in
//! `benches/notes.md`): neither keeps the exports' bytes (oxttl writes
//! `person:T\%C3\%B4`, sophia slows down faster than linearly on large graphs), and
//! this one streams a store subject by subject in bounded memory.
//!
//! Statements are written in a canonical order: subjects sorted by their N-Triples
//! form, `rdf:type` first, then the other predicates and all objects sorted.
//! A prefixed name is used only when its local part is valid `PN_LOCAL` without
//! backslash escapes: ASCII letters, digits, `_`, `-`, `.` (not last), and `%HH`
//! percent escapes (`person:T%C3%B4_L%C3%A2m`). A local part with `/`, `~` or any
//! other character is written as a full IRI (`<…/person/unnamed/x/1980>`), which
//! every Turtle reader understands.

use super::nquads::{push_literal, push_string, push_subject, Style};
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{
    GraphNameRef, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad,
    Term, TermRef, TripleRef,
};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Triples grouped for Turtle: subject → predicate → objects, each level keyed by its
/// sort key so iteration is the canonical order.
pub(crate) type Grouped = BTreeMap<
    String,
    (
        NamedOrBlankNode,
        BTreeMap<(bool, String), (NamedNode, BTreeMap<String, Term>)>,
    ),
>;

/// `triples` grouped (and so sorted, duplicates dropped) for [`Writer::write_triples`].
pub(crate) fn group<'a>(triples: impl Iterator<Item = TripleRef<'a>>) -> Grouped {
    let mut grouped = Grouped::new();
    for t in triples {
        let (_, predicates) = grouped
            .entry(t.subject.to_string())
            .or_insert_with(|| (t.subject.into_owned(), BTreeMap::new()));
        // `false` sorts first: rdf:type before every other predicate.
        let key = (t.predicate != rdf::TYPE, t.predicate.as_str().to_owned());
        let (_, objects) = predicates
            .entry(key)
            .or_insert_with(|| (t.predicate.into_owned(), BTreeMap::new()));
        objects
            .entry(t.object.to_string())
            .or_insert_with(|| t.object.into_owned());
    }
    grouped
}

/// How each term is spelled in Turtle/TriG (the declared prefixes, `a`, literal
/// shorthands), and the blocks of grouped triples.
#[derive(Debug)]
pub(crate) struct Writer {
    /// In the order they are declared.
    prefixes: Vec<(&'static str, String)>,
    /// Indexes into `prefixes`, longest namespace first, so the most specific wins.
    by_length: Vec<usize>,
}

impl Writer {
    pub(crate) fn new(base: &str) -> Self {
        Self::with_prefixes(crate::vocab::prefixes(base))
    }

    /// A writer declaring exactly `prefixes`, in that order.
    pub(crate) fn with_prefixes(prefixes: Vec<(&'static str, String)>) -> Self {
        let mut by_length: Vec<usize> = (0..prefixes.len()).collect();
        by_length.sort_by_key(|&i| std::cmp::Reverse(prefixes[i].1.len()));
        Self {
            prefixes,
            by_length,
        }
    }

    pub(crate) fn write_prefixes(&self, out: &mut impl Write) -> io::Result<()> {
        for (name, iri) in &self.prefixes {
            writeln!(out, "@prefix {name}: <{iri}> .")?;
        }
        Ok(())
    }

    /// Declares only the prefixes that `triples` are written with, in declaration order.
    pub(crate) fn write_used_prefixes(
        &self,
        out: &mut impl Write,
        triples: &Grouped,
    ) -> io::Result<()> {
        let mut used = vec![false; self.prefixes.len()];
        let mut mark = |iri: NamedNodeRef<'_>| {
            if let Some((i, _)) = self.prefixed(iri) {
                used[i] = true;
            }
        };
        for (subject, predicates) in triples.values() {
            if let NamedOrBlankNode::NamedNode(n) = subject {
                mark(n.as_ref());
            }
            for (predicate, objects) in predicates.values() {
                if predicate.as_ref() != rdf::TYPE {
                    mark(predicate.as_ref());
                }
                for object in objects.values() {
                    match object {
                        Term::NamedNode(n) => mark(n.as_ref()),
                        Term::Literal(l) if has_written_datatype(l.as_ref()) => mark(l.datatype()),
                        _ => {}
                    }
                }
            }
        }
        for ((name, iri), used) in self.prefixes.iter().zip(used) {
            if used {
                writeln!(out, "@prefix {name}: <{iri}> .")?;
            }
        }
        Ok(())
    }

    /// Writes one block per subject, blocks separated by a blank line, every line
    /// indented by `indent`. Returns the number of triples written.
    pub(crate) fn write_triples(
        &self,
        out: &mut impl Write,
        triples: &Grouped,
        indent: &str,
    ) -> io::Result<u64> {
        let mut count = 0;
        for (s_index, (subject, predicates)) in triples.values().enumerate() {
            let mut block = String::new();
            if s_index > 0 {
                block.push('\n');
            }
            let _ = write!(block, "{indent}{}", self.subject(subject.as_ref()));
            for (p_index, (predicate, objects)) in predicates.values().enumerate() {
                let sep = if p_index == 0 { " " } else { " ;\n" };
                let pad = if p_index == 0 { "" } else { "    " };
                let p_indent = if p_index == 0 { "" } else { indent };
                let _ = write!(
                    block,
                    "{sep}{p_indent}{pad}{}",
                    self.predicate(predicate.as_ref())
                );
                for (o_index, object) in objects.values().enumerate() {
                    let sep = if o_index == 0 { " " } else { " ,\n" };
                    let o_indent = if o_index == 0 {
                        String::new()
                    } else {
                        format!("{indent}        ")
                    };
                    let _ = write!(block, "{sep}{o_indent}{}", self.term(object.as_ref()));
                    count += 1;
                }
            }
            block.push_str(" .\n");
            out.write_all(block.as_bytes())?;
        }
        Ok(count)
    }

    pub(crate) fn subject(&self, subject: NamedOrBlankNodeRef<'_>) -> String {
        match subject {
            NamedOrBlankNodeRef::NamedNode(n) => self.iri(n),
            NamedOrBlankNodeRef::BlankNode(_) => {
                let mut out = String::new();
                push_subject(&mut out, subject);
                out
            }
        }
    }

    fn predicate(&self, predicate: NamedNodeRef<'_>) -> String {
        if predicate == rdf::TYPE {
            "a".to_owned()
        } else {
            self.iri(predicate)
        }
    }

    fn term(&self, term: TermRef<'_>) -> String {
        match term {
            TermRef::NamedNode(n) => self.iri(n),
            TermRef::BlankNode(b) => self.subject(b.into()),
            TermRef::Literal(l) => self.literal(l),
        }
    }

    fn literal(&self, literal: LiteralRef<'_>) -> String {
        let mut out = String::new();
        if literal.language().is_some() || literal.datatype() == xsd::STRING {
            // `"…"@lang` / `"…"`, escaped as in N-Triples
            push_literal(&mut out, literal, Style::Plain);
        } else if !has_written_datatype(literal) {
            out.push_str(literal.value());
        } else {
            push_string(&mut out, literal.value(), Style::Plain);
            out.push_str("^^");
            out.push_str(&self.iri(literal.datatype()));
        }
        out
    }

    /// The prefix (index) and local part that make `iri` a valid, escape-free
    /// prefixed name, the most specific prefix first.
    fn prefixed<'a>(&self, iri: NamedNodeRef<'a>) -> Option<(usize, &'a str)> {
        self.by_length.iter().find_map(|&i| {
            let local = iri.as_str().strip_prefix(self.prefixes[i].1.as_str())?;
            is_plain_local_name(local).then_some((i, local))
        })
    }

    /// `prefix:local` when some prefix makes a valid, escape-free prefixed name.
    pub(crate) fn iri(&self, iri: NamedNodeRef<'_>) -> String {
        match self.prefixed(iri) {
            Some((i, local)) => format!("{}:{local}", self.prefixes[i].0),
            None => format!("<{}>", iri.as_str()),
        }
    }

    /// Turtle of `triples`: the prefixes (only those used, when `used_only`), then one
    /// block per subject. Returns the number of triples written.
    pub(crate) fn write_graph(
        &self,
        out: &mut impl Write,
        triples: &Grouped,
        used_only: bool,
    ) -> io::Result<u64> {
        if used_only {
            self.write_used_prefixes(out, triples)?;
        } else {
            self.write_prefixes(out)?;
        }
        if !triples.is_empty() {
            out.write_all(b"\n")?;
        }
        self.write_triples(out, triples, "")
    }

    /// TriG of `quads`: the prefixes, then the default graph (if any) unwrapped, then
    /// each named graph in the order of its N-Quads form.
    pub(crate) fn write_dataset(&self, out: &mut impl Write, quads: &[Quad]) -> io::Result<u64> {
        self.write_prefixes(out)?;
        let mut graphs: BTreeMap<String, (Option<NamedOrBlankNode>, Vec<TripleRef<'_>>)> =
            BTreeMap::new();
        for quad in quads {
            let (key, name) = match quad.graph_name.as_ref() {
                GraphNameRef::DefaultGraph => (String::new(), None),
                GraphNameRef::NamedNode(n) => (n.to_string(), Some(n.into_owned().into())),
                GraphNameRef::BlankNode(b) => (b.to_string(), Some(b.into_owned().into())),
            };
            graphs
                .entry(key)
                .or_insert_with(|| (name, Vec::new()))
                .1
                .push(TripleRef::from(quad.as_ref()));
        }
        let mut count = 0;
        for (name, triples) in graphs.values() {
            count += self.write_named(
                out,
                name.as_ref().map(|n| n.as_ref()),
                &group(triples.iter().copied()),
            )?;
        }
        Ok(count)
    }

    /// One TriG graph block, led by a blank line: the default graph (`None`) unwrapped,
    /// a named graph as `name {` … `}` with its statements indented.
    pub(crate) fn write_named(
        &self,
        out: &mut impl Write,
        name: Option<NamedOrBlankNodeRef<'_>>,
        triples: &Grouped,
    ) -> io::Result<u64> {
        match name {
            None => {
                out.write_all(b"\n")?;
                self.write_triples(out, triples, "")
            }
            Some(name) => {
                write!(out, "\n{} {{\n", self.subject(name))?;
                let count = self.write_triples(out, triples, "    ")?;
                out.write_all(b"}\n")?;
                Ok(count)
            }
        }
    }
}

/// Whether `literal` is written with `^^datatype` (not a plain or language-tagged
/// string, nor a `true`/`false` or integer Turtle reads back as the same literal).
fn has_written_datatype(literal: LiteralRef<'_>) -> bool {
    let (value, datatype) = (literal.value(), literal.datatype());
    !(literal.language().is_some()
        || datatype == xsd::STRING
        || (datatype == xsd::BOOLEAN && matches!(value, "true" | "false"))
        || (datatype == xsd::INTEGER && is_bare_integer(value)))
}

/// `[0-9]+` with an optional `-`: read back by Turtle as the same `xsd:integer` lexical form.
fn is_bare_integer(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A conservative subset of Turtle's `PN_LOCAL` that needs no backslash escapes.
pub(crate) fn is_plain_local_name(local: &str) -> bool {
    let bytes = local.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        let ok = match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' => true,
            // Not first, and `.` not last either.
            b'-' => i > 0,
            b'.' => i > 0 && i + 1 < bytes.len(),
            _ => false,
        };
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_names() {
        for ok in [
            "",
            "Tenure",
            "T%C3%B4_L%C3%A2m",
            "000_e4a9c8e7bf582234",
            "a.b",
            "1945",
            "a-b",
        ] {
            assert!(is_plain_local_name(ok), "{ok}");
        }
        for bad in [
            "unnamed/x/1980",
            "a.",
            ".a",
            "-a",
            "a~b",
            "%C",
            "a%3",
            "%G0x",
            "a b",
            "a#b",
            "ô",
        ] {
            assert!(!is_plain_local_name(bad), "{bad}");
        }
    }

    #[test]
    fn iris_use_the_longest_valid_prefix() {
        let w = Writer::new("http://ex.org/id/");
        let person = NamedNodeRef::new_unchecked("http://ex.org/id/person/T%C3%B4_L%C3%A2m");
        assert_eq!(w.iri(person), "person:T%C3%B4_L%C3%A2m");
        let unnamed = NamedNodeRef::new_unchecked("http://ex.org/id/person/unnamed/x/1980");
        assert_eq!(w.iri(unnamed), "<http://ex.org/id/person/unnamed/x/1980>");
        assert_eq!(w.iri(crate::vocab::og::TENURE), "og:Tenure");
        assert_eq!(w.predicate(rdf::TYPE), "a");
    }

    #[test]
    fn literal_shorthands_only_where_lossless() {
        let w = Writer::new("http://ex.org/id/");
        let int = |v: &str| {
            w.literal(oxigraph::model::LiteralRef::new_typed_literal(
                v,
                xsd::INTEGER,
            ))
        };
        assert_eq!(int("12"), "12");
        assert_eq!(int("-3"), "-3");
        assert_eq!(int("+3"), "\"+3\"^^xsd:integer");
        assert_eq!(int("012x"), "\"012x\"^^xsd:integer");
        let year = oxigraph::model::LiteralRef::new_typed_literal("1945", xsd::G_YEAR);
        assert_eq!(w.literal(year), "\"1945\"^^xsd:gYear");
        let t = oxigraph::model::LiteralRef::new_typed_literal("true", xsd::BOOLEAN);
        assert_eq!(w.literal(t), "true");
    }
}
