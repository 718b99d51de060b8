//! Foundation (test only): checks the stage order of the library — a stage imports only
//! earlier stages — and that the files of one module do not import each other in a circle.
//!
//! It reads the source tree (`src/` of this crate) and collects, per file, every
//! `use crate::…`, `use super::…`, `use self::…` tree and every inline
//! `crate::…`/`super::…` path outside comments and string literals, resolved to the
//! file that defines it. [`STAGES`] is the order (docs/design.md §5: a stage imports only earlier stages).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stage of each top-level module: a module may import modules of its own stage or
/// of an earlier (smaller) one, never a later one. Every top-level module must be listed.
pub(crate) const STAGES: &[(&str, u8)] = &[
    // foundation: shared by every stage, import nothing but each other
    ("vocab", 0),
    ("names", 0),
    ("date", 0),
    ("rdf", 0),
    ("escape", 0),
    ("percent", 0),
    ("parallel", 0),
    ("layers", 0),
    ("record", 1),
    ("extract", 2),
    ("reconcile", 3),
    ("store", 4),
    ("query", 5),
    ("export", 6),
    ("validate", 7),
    ("link", 8),
    ("timeline", 9),
    ("serve", 10),
    ("push", 10),
    // on top: the use cases, the synthetic corpus and the fidelity harness
    ("pipeline", 11),
    ("corpus", 11),
    ("fidelity", 11),
];

/// Known imports of a later stage, each waiting for its own fix: (importing top-level
/// module, imported top-level module, why). Keep it short; an entry no longer needed
/// fails [`tests::every_known_exception_is_still_needed`].
pub(crate) const KNOWN: &[(&str, &str, &str)] = &[];

/// One source file: its module path (`record/table.rs` → `["record", "table"]`) and the
/// module paths it references, each with the module path of the code that referenced it.
#[derive(Debug)]
pub(crate) struct SourceFile {
    pub module: Vec<String>,
    pub path: PathBuf,
    pub text: String,
}

/// Every `.rs` file under `root`, with its module path.
pub(crate) fn read_tree(root: &Path) -> std::io::Result<Vec<SourceFile>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(root).unwrap_or(&path);
                let mut module: Vec<String> = rel
                    .iter()
                    .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
                    .collect();
                if module.last().is_some_and(|m| m == "mod" || m == "lib") {
                    module.pop();
                }
                let text = std::fs::read_to_string(&path)?;
                out.push(SourceFile { module, path, text });
            }
        }
    }
    out.sort_by(|a, b| a.module.cmp(&b.module));
    Ok(out)
}

/// The text with comments, string and char literals blanked out (newlines kept).
pub(crate) fn strip(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
        } else if c[i] == 'r'
            && (c.get(i + 1) == Some(&'"') || c.get(i + 1) == Some(&'#'))
            && (i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_'))
        {
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            while j < c.len() {
                if c[j] == '"' && (1..=hashes).all(|k| c.get(j + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                blank(&mut out, c[j]);
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                if let Some(&ch) = c.get(i) {
                    blank(&mut out, ch);
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else if c[i] == '\'' {
            // a char literal ('x', '\n', '\u{..}') or a lifetime ('a)
            if c.get(i + 1) == Some(&'\\') {
                let mut j = i + 2;
                while j < c.len() && c[j] != '\'' {
                    j += 1;
                }
                out.push_str("' '");
                i = j + 1;
            } else if c.get(i + 2) == Some(&'\'') {
                out.push_str("' '");
                i += 3;
            } else {
                out.push('\'');
                i += 1;
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// Expands a use tree (`a::{b, c::{d, e}}`, whitespace removed) into its paths.
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or(tree).trim().to_string()];
    };
    let prefix = &tree[..open];
    let inner = tree[open + 1..]
        .strip_suffix('}')
        .unwrap_or(&tree[open + 1..]);
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(p).into_iter().map(move |s| format!("{prefix}{s}")))
        .collect()
}

/// The paths (as written, `crate::…`/`super::…`/`self::…`) referenced by stripped
/// source text, each with the inline-module path (`mod tests { … }`) it was written in.
pub(crate) fn references(stripped: &str) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let bytes = stripped.as_bytes();
    let word_at = |i: usize, w: &str| {
        stripped[i..].starts_with(w)
            && (i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric()
                    || bytes[i - 1] == b'_'
                    || bytes[i - 1] == b':'))
            && bytes
                .get(i + w.len())
                .is_some_and(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
    };
    let ident_end = |mut j: usize| {
        while j < bytes.len()
            && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b':')
        {
            j += 1;
        }
        j
    };
    let mut i = 0;
    while i < bytes.len() {
        let here = || inline.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            _ if word_at(i, "mod") => {
                let rest = &stripped[i + 3..];
                let name: String = rest
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let after = rest.trim_start()[name.len()..].trim_start();
                if !name.is_empty() && after.starts_with('{') {
                    inline.push((name, depth));
                }
            }
            _ if word_at(i, "use") => {
                let end = stripped[i..].find(';').map_or(bytes.len(), |e| i + e);
                let tree: String = stripped[i + 3..end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let tree = tree
                    .replace(" :: ", "::")
                    .replace(":: ", "::")
                    .replace(" ::", "::");
                let tree = tree
                    .replace("{ ", "{")
                    .replace(" }", "}")
                    .replace(" {", "{");
                for path in expand(tree.trim()) {
                    if path.starts_with("crate::")
                        || path.starts_with("super::")
                        || path.starts_with("self::")
                    {
                        out.push((here(), path));
                    }
                }
                i = end;
                continue;
            }
            _ if word_at(i, "crate") || word_at(i, "super") || word_at(i, "self") => {
                let end = ident_end(i);
                let path = stripped[i..end].trim_end_matches(':');
                if path.contains("::") {
                    out.push((here(), path.to_string()));
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The module path a reference points at, resolved against the module it is written in.
fn resolve(within: &[String], path: &str) -> Vec<String> {
    let mut segs = path.split("::").filter(|s| !s.is_empty()).peekable();
    let mut base: Vec<String> = match segs.peek() {
        Some(&"crate") => {
            segs.next();
            Vec::new()
        }
        _ => within.to_vec(),
    };
    for s in segs {
        match s {
            "super" => {
                base.pop();
            }
            "self" => {}
            "*" => {}
            other => base.push(other.to_string()),
        }
    }
    base
}

/// Edges between files: (from file module path, to file module path).
pub(crate) fn file_edges(files: &[SourceFile]) -> BTreeSet<(Vec<String>, Vec<String>)> {
    let modules: BTreeSet<&Vec<String>> = files.iter().map(|f| &f.module).collect();
    let mut edges = BTreeSet::new();
    for f in files {
        for (inline, path) in references(&strip(&f.text)) {
            let mut within = f.module.clone();
            within.extend(inline);
            let mut target = resolve(&within, path.as_str());
            while !target.is_empty() && !modules.contains(&target) {
                target.pop();
            }
            if target != f.module {
                edges.insert((f.module.clone(), target));
            }
        }
    }
    edges
}

fn known(from: &str, to: &str) -> bool {
    KNOWN.iter().any(|(a, b, _)| *a == from && *b == to)
}

fn stage(module: &str) -> Option<u8> {
    STAGES.iter().find(|(m, _)| *m == module).map(|(_, s)| *s)
}

/// Imports of a later stage, and top-level modules missing from [`STAGES`].
pub(crate) fn stage_violations(files: &[SourceFile]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        if let Some(top) = f.module.first() {
            if stage(top).is_none() {
                out.push(format!(
                    "{}: module `{top}` is not in layers::STAGES",
                    f.path.display()
                ));
            }
        }
    }
    for (from, to) in file_edges(files) {
        let (Some(a), Some(b)) = (from.first(), to.first()) else {
            continue;
        };
        if let (Some(sa), Some(sb)) = (stage(a), stage(b)) {
            if sb > sa && !known(a, b) {
                out.push(format!(
                    "{} (stage {sa}) imports {} (stage {sb}, later)",
                    from.join("/"),
                    to.join("/")
                ));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The node a file counts as in the circle check: test files count as the file they test.
fn node(module: &[String]) -> Vec<String> {
    let cut = module
        .iter()
        .position(|s| s == "tests")
        .unwrap_or(module.len());
    module[..cut].to_vec()
}

/// Circles between files of one top-level module. A module file (`mod.rs`, `foo.rs`) and
/// the files under it may use each other (declarations, re-exports, shared types); files
/// that are not above one another may not import each other in a circle.
pub(crate) fn circles(files: &[SourceFile]) -> Vec<Vec<String>> {
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (from, to) in file_edges(files) {
        let (from, to) = (node(&from), node(&to));
        if from.first() != to.first() || from.starts_with(&to) || to.starts_with(&from) {
            continue;
        }
        graph.entry(from).or_default().insert(to);
    }
    // strongly connected components (Tarjan), sizes above one are circles
    struct Tarjan<'g> {
        graph: &'g BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<Vec<String>, (usize, usize)>,
        stack: Vec<Vec<String>>,
        on_stack: BTreeSet<Vec<String>>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    impl Tarjan<'_> {
        fn visit(&mut self, v: &Vec<String>) {
            self.index.insert(v.clone(), (self.next, self.next));
            self.next += 1;
            self.stack.push(v.clone());
            self.on_stack.insert(v.clone());
            let graph = self.graph;
            for w in graph.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.index[w].1;
                    let e = self.index.entry(v.clone()).or_default();
                    e.1 = e.1.min(low);
                } else if self.on_stack.contains(w) {
                    let wi = self.index[w].0;
                    let e = self.index.entry(v.clone()).or_default();
                    e.1 = e.1.min(wi);
                }
            }
            let (vi, vl) = self.index[v];
            if vi == vl {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(&w);
                    let done = &w == v;
                    component.push(w.join("/"));
                    if done {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut t = Tarjan {
        graph: &graph,
        index: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v) {
            t.visit(v);
        }
    }
    t.found.sort();
    t.found
}

#[cfg(test)]
mod tests;
