//! Foundation (RDF writer): N-Quads and N-Triples lines — one statement a line, terms
//! separated by one space, ending in ` .` and `\n`.
//!
//! Own writer rather than a serializer (oxttl's N-Quads serializer writes the same
//! bytes as [`Style::Plain`]): one term writer for both the everyday form and the
//! RDFC-1.0 canonical form, which escapes differently, and lines built into reused
//! buffers for sorting.

use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphNameRef, LiteralRef, NamedOrBlankNodeRef, QuadRef, TermRef, TripleRef};
use std::fmt::Write as _;

/// How literals are escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// As Oxigraph writes N-Quads: `\b \t \n \f \r \" \\` and the other C0 controls,
    /// DEL, U+FFFE and U+FFFF as `\uXXXX`. What snapshots and exports hold.
    Plain,
    /// Canonical N-Quads of RDFC-1.0 (RDF 1.2 N-Triples §canonical): as `Plain`, but
    /// U+FFFE and U+FFFF written as themselves.
    Canonical,
}

/// `quad` as an N-Quads line, `\n` included.
pub fn quad_line(quad: QuadRef<'_>) -> String {
    let mut line = String::new();
    push_quad_line(&mut line, quad, Style::Plain);
    line
}

/// `triple` as an N-Triples line, `\n` included.
pub fn triple_line(triple: TripleRef<'_>) -> String {
    let mut line = String::new();
    push_triple_line(&mut line, triple, Style::Plain);
    line
}

/// Appends `quad` as an N-Quads line (`\n` included) to `out`.
pub fn push_quad_line(out: &mut String, quad: QuadRef<'_>, style: Style) {
    push_spo(
        out,
        quad.subject,
        quad.predicate.as_str(),
        quad.object,
        style,
    );
    match quad.graph_name {
        GraphNameRef::DefaultGraph => {}
        GraphNameRef::NamedNode(n) => {
            out.push(' ');
            push_iri(out, n.as_str());
        }
        GraphNameRef::BlankNode(b) => {
            out.push(' ');
            push_blank(out, b.as_str());
        }
    }
    out.push_str(" .\n");
}

/// Appends `triple` as an N-Triples line (`\n` included) to `out`.
pub fn push_triple_line(out: &mut String, triple: TripleRef<'_>, style: Style) {
    push_spo(
        out,
        triple.subject,
        triple.predicate.as_str(),
        triple.object,
        style,
    );
    out.push_str(" .\n");
}

fn push_spo(
    out: &mut String,
    subject: NamedOrBlankNodeRef<'_>,
    predicate: &str,
    object: TermRef<'_>,
    style: Style,
) {
    push_subject(out, subject);
    out.push(' ');
    push_iri(out, predicate);
    out.push(' ');
    push_term(out, object, style);
}

/// `<iri>` or `_:label`.
pub fn push_subject(out: &mut String, subject: NamedOrBlankNodeRef<'_>) {
    match subject {
        NamedOrBlankNodeRef::NamedNode(n) => push_iri(out, n.as_str()),
        NamedOrBlankNodeRef::BlankNode(b) => push_blank(out, b.as_str()),
    }
}

/// A term in N-Triples form.
pub fn push_term(out: &mut String, term: TermRef<'_>, style: Style) {
    match term {
        TermRef::NamedNode(n) => push_iri(out, n.as_str()),
        TermRef::BlankNode(b) => push_blank(out, b.as_str()),
        TermRef::Literal(l) => push_literal(out, l, style),
    }
}

/// `<iri>`: a valid IRI has no character N-Quads would escape, so it is written as is
/// (canonical form never uses `\u` escapes in IRIs).
fn push_iri(out: &mut String, iri: &str) {
    out.push('<');
    out.push_str(iri);
    out.push('>');
}

fn push_blank(out: &mut String, label: &str) {
    out.push_str("_:");
    out.push_str(label);
}

/// `"…"`, `"…"@lang` or `"…"^^<datatype>`; `xsd:string` literals never carry their
/// datatype.
pub fn push_literal(out: &mut String, literal: LiteralRef<'_>, style: Style) {
    push_string(out, literal.value(), style);
    if let Some(language) = literal.language() {
        out.push('@');
        out.push_str(language);
    } else if literal.datatype() != xsd::STRING {
        out.push_str("^^");
        push_iri(out, literal.datatype().as_str());
    }
}

/// A quoted string: `"` `\` and the controls BS, HT, LF, FF, CR as `\"` `\\` `\b` `\t`
/// `\n` `\f` `\r`; the other C0 controls and DEL (and, in [`Style::Plain`], U+FFFE and
/// U+FFFF) as `\uXXXX` (uppercase hex); every other character as itself.
pub fn push_string(out: &mut String, value: &str, style: Style) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{C}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\0'..='\u{1F}' | '\u{7F}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            '\u{FFFE}' | '\u{FFFF}' if style == Style::Plain => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, Literal, NamedNode, Quad, Term};

    /// The plain lines are exactly Oxigraph's N-Quads form, escapes included.
    #[test]
    fn plain_lines_are_oxigraphs_form() {
        let s = NamedNode::new_unchecked("http://ex.org/s");
        let p = NamedNode::new_unchecked("http://ex.org/p");
        let g = NamedNode::new_unchecked("http://ex.org/g");
        let objects: Vec<Term> = vec![
            Literal::new_simple_literal("a\"b\\c\u{8}\t\n\u{C}\r\u{1}\u{7F}\u{FFFE}\u{FFFF}ô")
                .into(),
            Literal::new_language_tagged_literal_unchecked("x", "vi").into(),
            Literal::new_typed_literal("1945", xsd::G_YEAR).into(),
            Literal::new_typed_literal("s", xsd::STRING).into(),
            BlankNode::new_unchecked("b1").into(),
            g.clone().into(),
        ];
        for object in objects {
            let quad = Quad::new(s.clone(), p.clone(), object, g.clone());
            assert_eq!(quad_line(quad.as_ref()), format!("{quad} .\n"));
            let triple = TripleRef::from(quad.as_ref());
            assert_eq!(triple_line(triple), format!("{triple} .\n"));
        }
    }

    #[test]
    fn canonical_strings_keep_nonchars() {
        let mut out = String::new();
        push_string(&mut out, "\u{FFFE}\u{7F}", Style::Canonical);
        assert_eq!(out, "\"\u{FFFE}\\u007F\"");
    }
}
