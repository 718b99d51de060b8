//! Validate stage: the report as text (`file:line: severity: message`) and as a SHACL
//! validation report graph in sorted, byte-stable Turtle.

use super::quality::OGSH;
use super::shapes::{Path, SH};
use super::{Finding, Report};
use crate::rdf::{Format, RdfWriter};
use crate::vocab::og;
use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use std::io::{self, Write};

/// One line of text output for a finding:
/// `faulty.txt:14: violation: message (focus <iri>)`.
pub fn text_line(f: &Finding) -> String {
    let line = f.line.map(|l| format!("{l}:")).unwrap_or_default();
    let value = match &f.result.value {
        Some(v) if !f.result.message.contains(&shown(v)) => format!(", value {v}"),
        _ => String::new(),
    };
    format!(
        "{}:{line} {}: {} (focus {}{value})",
        f.file,
        f.result.severity.word(),
        f.result.message,
        f.result.focus
    )
}

fn shown(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}

/// Writes every finding as a text line, then a summary line.
pub fn write_text(out: &mut impl Write, report: &Report) -> io::Result<()> {
    for f in &report.findings {
        writeln!(out, "{}", text_line(f))?;
    }
    writeln!(
        out,
        "{} graphs validated: {} violations, {} warnings{}",
        report.graphs,
        report.count(super::Severity::Violation),
        report.count(super::Severity::Warning),
        if report.conforms() {
            ""
        } else {
            " (does not conform)"
        }
    )
}

fn sh(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{SH}{local}"))
}

/// The report as triples: `_:report a sh:ValidationReport ; sh:conforms …`, one
/// `_:rNNNN` result per finding in the report's order.
pub fn report_triples(report: &Report) -> Vec<Triple> {
    let root = NamedOrBlankNode::from(BlankNode::new_unchecked("report"));
    let mut t = vec![
        Triple::new(root.clone(), rdf::TYPE, sh("ValidationReport")),
        Triple::new(
            root.clone(),
            sh("conforms"),
            Literal::from(report.conforms()),
        ),
    ];
    for (i, f) in report.findings.iter().enumerate() {
        let r = NamedOrBlankNode::from(BlankNode::new_unchecked(format!("r{:04}", i + 1)));
        let res = &f.result;
        t.push(Triple::new(root.clone(), sh("result"), r.clone()));
        t.push(Triple::new(r.clone(), rdf::TYPE, sh("ValidationResult")));
        t.push(Triple::new(r.clone(), sh("focusNode"), res.focus.clone()));
        t.push(Triple::new(
            r.clone(),
            sh("resultSeverity"),
            res.severity.iri(),
        ));
        t.push(Triple::new(
            r.clone(),
            sh("sourceShape"),
            res.source_shape.clone(),
        ));
        let component = if res.component == "DataQualityCheck" {
            NamedNode::new_unchecked(format!("{OGSH}{}", res.component))
        } else {
            sh(res.component)
        };
        t.push(Triple::new(
            r.clone(),
            sh("sourceConstraintComponent"),
            component,
        ));
        t.push(Triple::new(
            r.clone(),
            sh("resultMessage"),
            Literal::new_language_tagged_literal_unchecked(&res.message, "en"),
        ));
        match &res.path {
            Some(Path::Predicate(p)) => t.push(Triple::new(r.clone(), sh("resultPath"), p.clone())),
            Some(Path::Inverse(p)) => {
                let path =
                    NamedOrBlankNode::from(BlankNode::new_unchecked(format!("r{:04}-path", i + 1)));
                t.push(Triple::new(r.clone(), sh("resultPath"), path.clone()));
                t.push(Triple::new(path, sh("inversePath"), p.clone()));
            }
            None => {}
        }
        if let Some(v) = &res.value {
            t.push(Triple::new(r.clone(), sh("value"), v.clone()));
        }
        t.push(Triple::new(
            r.clone(),
            crate::vocab::ext::PROV_WAS_DERIVED_FROM,
            f.graph.clone(),
        ));
        if let Some(line) = f.line {
            t.push(Triple::new(
                r.clone(),
                og::SOURCE_LINE,
                Literal::new_typed_literal(line.to_string(), xsd::INTEGER),
            ));
        }
    }
    t
}

/// Writes the report graph as sorted Turtle (prefixes of the data base IRI `base`
/// plus `sh:` and `ogsh:`).
pub fn write_turtle(out: &mut impl Write, report: &Report, base: &str) -> io::Result<()> {
    let mut prefixes = crate::vocab::prefixes(base);
    prefixes.push(("sh", SH.to_owned()));
    prefixes.push(("ogsh", OGSH.to_owned()));
    let triples = report_triples(report);
    RdfWriter::new(Format::Turtle)
        .with_prefixes(prefixes)
        .write_triples(out, triples.iter().map(Triple::as_ref))?;
    Ok(())
}
