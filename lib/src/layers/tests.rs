//! Foundation (test only): the stage-order and circle checks run on this tree, and
//! the checker's own tests on small made-up trees.

use super::*;

fn tree() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    read_tree(&root).unwrap_or_default()
}

fn file(module: &str, text: &str) -> SourceFile {
    SourceFile {
        module: module.split('/').map(String::from).collect(),
        path: PathBuf::from(format!("{module}.rs")),
        text: text.to_string(),
    }
}

#[test]
fn no_stage_imports_a_later_stage() {
    let files = tree();
    assert!(files.len() > 50, "the source tree was not found");
    let violations = stage_violations(&files);
    assert!(
        violations.is_empty(),
        "stage order broken:\n{}",
        violations.join("\n")
    );
}

#[test]
fn every_known_exception_is_still_needed() {
    let files = tree();
    let edges = file_edges(&files);
    for (from, to, why) in KNOWN {
        let used = edges.iter().any(|(a, b)| {
            a.first().is_some_and(|m| m == from) && b.first().is_some_and(|m| m == to)
        });
        assert!(
            used,
            "{from} no longer imports {to} ({why}): drop it from layers::KNOWN"
        );
    }
}

#[test]
fn no_circles_between_files_of_a_module() {
    let found = circles(&tree());
    assert!(found.is_empty(), "import circles: {found:?}");
}

#[test]
fn the_checker_sees_a_later_stage_and_a_circle() {
    let files = [
        file(
            "record/table",
            "use super::realign::align;\nfn f() { crate::pipeline::run(); }",
        ),
        file(
            "record/realign",
            "use crate::record::{table::{RawRow, X as Y}, Column};",
        ),
        file(
            "record",
            "pub mod table; pub mod realign; pub struct Column;",
        ),
        file(
            "pipeline",
            "// crate::export::x in a comment\nlet s = \"crate::serve::y\";",
        ),
        file("extract/a", "mod tests { use super::super::b::f; }"),
        file("extract/b", "fn g() { crate::extract::a::h() }"),
    ];
    assert_eq!(
        stage_violations(&files),
        ["record/table (stage 1) imports pipeline (stage 11, later)"]
    );
    assert_eq!(
        circles(&files),
        [
            vec!["extract/a".to_string(), "extract/b".to_string()],
            vec!["record/realign".to_string(), "record/table".to_string()]
        ]
    );
}

#[test]
fn use_trees_expand() {
    assert_eq!(
        expand("crate::a::{b,c::{d,e as f}}"),
        ["crate::a::b", "crate::a::c::d", "crate::a::c::e"]
    );
    let refs = references(&strip(
        "use crate::x::{y, z};\nlet a = 'a'; let s = r#\"crate::q::r\"#; super::w::v();",
    ));
    let paths: Vec<&str> = refs.iter().map(|(_, p)| p.as_str()).collect();
    assert_eq!(paths, ["crate::x::y", "crate::x::z", "super::w::v"]);
}

/// One module convention: `foo.rs` plus a folder `foo/` for its children, never
/// `foo/mod.rs`; and every file opens with a `//!` line saying its stage.
#[test]
fn modules_are_foo_rs_and_every_file_says_its_stage() {
    let files = tree();
    assert!(files.len() > 100, "the source tree was not found");
    let mod_rs: Vec<_> = files
        .iter()
        .filter(|f| f.path.file_name().is_some_and(|n| n == "mod.rs"))
        .map(|f| f.path.display().to_string())
        .collect();
    assert!(mod_rs.is_empty(), "mod.rs files: {mod_rs:?}");
    let silent: Vec<_> = files
        .iter()
        .filter(|f| !f.text.trim_start().starts_with("//!"))
        .map(|f| f.path.display().to_string())
        .collect();
    assert!(silent.is_empty(), "files without a `//!` line: {silent:?}");
}
