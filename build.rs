//! Build script (query branch stand-in — MERGE: keep the store/CLI branch's build.rs,
//! which must also write `$OUT_DIR/embedded_queries.rs` in exactly this shape):
//! embeds `queries/*.rq` as a `&[(&str, &str)]` of (file name, text), sorted by name.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "rq"));
    files.sort();
    let mut out = String::from("&[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("]\n");
    let target =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_queries.rs");
    fs::write(target, out).expect("write embedded_queries.rs");
}
