//! Export stage: the Turtle/TriG term writer — prefixed names where valid, `a` for
//! `rdf:type`, `true`/integers bare, everything else as in N-Triples.
//!
//! A prefixed name is used only when its local part is valid `PN_LOCAL` without
//! backslash escapes: ASCII letters, digits, `_`, `-`, `.` (not last), and `%HH`
//! percent escapes (`person:T%C3%B4_L%C3%A2m`). A local part with `/`, `~` or any
//! other character is written as a full IRI (`<…/person/unnamed/x/1980>`), which
//! every Turtle reader understands.

use super::Grouped;
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{Literal, NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use std::fmt::Write as _;
use std::io::{self, Write};

pub(super) struct Writer {
    /// In the order they are declared.
    prefixes: Vec<(&'static str, String)>,
    /// Indexes into `prefixes`, longest namespace first, so the most specific wins.
    by_length: Vec<usize>,
}

impl Writer {
    pub(super) fn new(base: &str) -> Self {
        Self::with_prefixes(crate::vocab::prefixes(base))
    }

    /// A writer declaring exactly `prefixes`, in that order.
    pub(super) fn with_prefixes(prefixes: Vec<(&'static str, String)>) -> Self {
        let mut by_length: Vec<usize> = (0..prefixes.len()).collect();
        by_length.sort_by_key(|&i| std::cmp::Reverse(prefixes[i].1.len()));
        Self {
            prefixes,
            by_length,
        }
    }

    pub(super) fn write_prefixes(&self, out: &mut impl Write) -> io::Result<()> {
        for (name, iri) in &self.prefixes {
            writeln!(out, "@prefix {name}: <{iri}> .")?;
        }
        Ok(())
    }

    /// Writes one block per subject, blocks separated by a blank line, every line
    /// indented by `indent`. Returns the number of triples written.
    pub(super) fn write_triples(
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

    pub(super) fn subject(&self, subject: NamedOrBlankNodeRef<'_>) -> String {
        match subject {
            NamedOrBlankNodeRef::NamedNode(n) => self.iri(n),
            NamedOrBlankNodeRef::BlankNode(b) => b.to_string(),
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
            TermRef::BlankNode(b) => b.to_string(),
            TermRef::Literal(l) => self.literal(l),
        }
    }

    fn literal(&self, literal: oxigraph::model::LiteralRef<'_>) -> String {
        let value = literal.value();
        let datatype = literal.datatype();
        if literal.language().is_some() || datatype == xsd::STRING {
            return literal.to_string(); // `"…"@lang` / `"…"`, escaped as in N-Triples
        }
        if (datatype == xsd::BOOLEAN && matches!(value, "true" | "false"))
            || (datatype == xsd::INTEGER && is_bare_integer(value))
        {
            return value.to_owned();
        }
        format!(
            "{}^^{}",
            Literal::new_simple_literal(value),
            self.iri(datatype)
        )
    }

    /// `prefix:local` when some prefix makes a valid, escape-free prefixed name.
    pub(super) fn iri(&self, iri: NamedNodeRef<'_>) -> String {
        for &i in &self.by_length {
            let (name, namespace) = &self.prefixes[i];
            if let Some(local) = iri.as_str().strip_prefix(namespace.as_str()) {
                if is_plain_local_name(local) {
                    return format!("{name}:{local}");
                }
            }
        }
        iri.to_string()
    }
}

/// `[0-9]+` with an optional `-`: read back by Turtle as the same `xsd:integer` lexical form.
fn is_bare_integer(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A conservative subset of Turtle's `PN_LOCAL` that needs no backslash escapes.
pub(super) fn is_plain_local_name(local: &str) -> bool {
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
