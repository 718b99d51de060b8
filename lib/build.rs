//! Build support for the library: embeds the seed records (the workspace's
//! `data/records/*.txt|csv`, the main job's default input) and the stored queries
//! (`queries/*.rq`) into the library, as sorted lists in `OUT_DIR`
//! (`embedded_records.rs`, `embedded_queries.rs`), each a `&[(&str, &[u8] | &str)]` of
//! (file name, contents) sorted by file name. A missing folder gives an empty list.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");

    let records = files(&root.join("../data/records"), &["txt", "csv"]);
    let mut code = String::from("&[\n");
    for (name, path) in &records {
        let _ = writeln!(code, "    ({name:?}, include_bytes!({path:?}) as &[u8]),");
    }
    code.push(']');
    write(&out.join("embedded_records.rs"), &code);

    let queries = files(&root.join("../queries"), &["rq"]);
    let mut code = String::from("&[\n");
    for (name, path) in &queries {
        let _ = writeln!(code, "    ({name:?}, include_str!({path:?})),");
    }
    code.push(']');
    write(&out.join("embedded_queries.rs"), &code);
}

/// The files of `dir` with one of `extensions`, sorted by name, as (name, absolute
/// path). Registers the folder and each file with cargo so edits rebuild.
fn files(dir: &Path, extensions: &[&str]) -> Vec<(String, String)> {
    // Only watch folders that exist: cargo reruns the script on every build for a
    // missing path. (Creating the folder later needs a touch of build.rs.)
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let ext_ok = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)));
        if !ext_ok || !path.is_file() {
            continue;
        }
        match (path.file_name().and_then(|n| n.to_str()), path.to_str()) {
            (Some(name), Some(full)) => {
                println!("cargo:rerun-if-changed={full}");
                found.push((name.to_owned(), full.to_owned()));
            }
            _ => println!(
                "cargo:warning=skipping {} (file name is not UTF-8)",
                path.display()
            ),
        }
    }
    found.sort();
    found
}

fn write(path: &Path, code: &str) {
    // Leave an unchanged file alone so its timestamp does not trigger rebuilds.
    if fs::read_to_string(path).ok().as_deref() != Some(code) {
        fs::write(path, code).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
}
