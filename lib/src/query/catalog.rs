//! Query stage: the stored-query catalog — `queries/*.rq` files and the header comment block each one
//! opens with (`# title:`, `# description:`, `# param:`, `# columns:`, `# note:`).

use super::QueryError;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The queries compiled into the binary: (file name, text) of every `queries/*.rq`.
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_queries.rs"));

/// One parameter a stored query declares (`# param: name [= default] — description`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParam {
    /// The SPARQL variable it binds (without `?`).
    pub name: String,
    pub description: String,
    /// Used when the caller gives no value; `None` makes the parameter required.
    pub default: Option<String>,
}

/// A stored query: its header and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredQuery {
    /// The file name without `.rq`.
    pub name: String,
    pub title: String,
    pub description: String,
    pub params: Vec<QueryParam>,
    /// The result columns, as declared (SELECT queries).
    pub columns: Vec<String>,
    /// The whole file, header included: it is valid SPARQL as is.
    pub text: String,
}

/// The header of a query text; every part optional (ad-hoc queries have none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub title: Option<String>,
    pub description: Option<String>,
    pub params: Vec<QueryParam>,
    pub columns: Vec<String>,
    pub notes: Vec<String>,
}

const KEYS: &[&str] = &["title", "description", "param", "columns", "note"];

impl Header {
    /// Parses the leading `#` comment block of `text`; `origin` names it in errors.
    ///
    /// `# key: value` sets a key (an unknown lower-case `word:` is an error), a line
    /// indented by two or more spaces after `#` continues the previous value, any other
    /// comment line is free text. The block ends at the first line that is neither a
    /// comment nor blank.
    pub fn parse(text: &str, origin: &str) -> Result<Self, QueryError> {
        Self::parse_with(text, origin, true)
    }

    /// Like [`parse`](Self::parse), but an unknown `word:` line is free text: for
    /// ad-hoc queries, whose comments were not written for this catalog.
    pub fn parse_lenient(text: &str, origin: &str) -> Result<Self, QueryError> {
        Self::parse_with(text, origin, false)
    }

    fn parse_with(text: &str, origin: &str, strict: bool) -> Result<Self, QueryError> {
        let mut header = Header::default();
        // The value being built, so continuation lines can extend it.
        let mut last: Option<&'static str> = None;
        for (index, raw) in text.lines().enumerate() {
            let line_no = index + 1;
            let err = |message: String| QueryError::Header {
                origin: origin.to_owned(),
                line: line_no,
                message,
            };
            let line = raw.trim_end();
            let line = line.strip_prefix('\u{feff}').unwrap_or(line);
            if line.trim().is_empty() {
                last = None;
                continue;
            }
            let Some(comment) = line.trim_start().strip_prefix('#') else {
                break;
            };
            if comment.starts_with("  ") && !comment.trim().is_empty() {
                let more = comment.trim();
                match last {
                    Some("title") => append(header.title.as_mut(), more),
                    Some("description") => append(header.description.as_mut(), more),
                    Some("note") => append(header.notes.last_mut(), more),
                    Some("param") => {
                        append(header.params.last_mut().map(|p| &mut p.description), more)
                    }
                    Some("columns") => header.columns.extend(split_columns(more)),
                    _ => {}
                }
                continue;
            }
            let comment = comment.trim();
            let Some((key, value)) = key_value(comment) else {
                last = None;
                continue;
            };
            let value = value.trim();
            let Some(&key) = KEYS.iter().find(|k| **k == key) else {
                if !strict {
                    last = None;
                    continue;
                }
                return Err(err(format!(
                    "unknown header key `{key}` (known: {})",
                    KEYS.join(", ")
                )));
            };
            if value.is_empty() {
                return Err(err(format!("`# {key}:` needs a value")));
            }
            match key {
                "title" | "description" => {
                    let slot = if key == "title" {
                        &mut header.title
                    } else {
                        &mut header.description
                    };
                    if slot.is_some() {
                        return Err(err(format!("`# {key}:` given twice")));
                    }
                    *slot = Some(value.to_owned());
                }
                "param" => {
                    let param = parse_param(value).map_err(err)?;
                    if header.params.iter().any(|p| p.name == param.name) {
                        return Err(err(format!("parameter `{}` declared twice", param.name)));
                    }
                    header.params.push(param);
                }
                "columns" => header.columns.extend(split_columns(value)),
                _ => header.notes.push(value.to_owned()),
            }
            last = Some(key);
        }
        Ok(header)
    }

    /// The declared parameter called `name`.
    pub fn param(&self, name: &str) -> Option<&QueryParam> {
        self.params.iter().find(|p| p.name == name)
    }
}

fn append(slot: Option<&mut String>, more: &str) {
    if let Some(value) = slot {
        value.push(' ');
        value.push_str(more);
    }
}

fn split_columns(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| c.trim_start_matches(['?', '$']).to_owned())
}

/// `word: rest` where `word` is lower-case ASCII letters.
fn key_value(comment: &str) -> Option<(&str, &str)> {
    let (key, value) = comment.split_once(':')?;
    (!key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase())).then_some((key, value))
}

/// `name [= default] — description` (the dash may also be ` - ` or ` -- `).
fn parse_param(value: &str) -> Result<QueryParam, String> {
    let (head, description) = [" — ", " -- ", " - "]
        .iter()
        .find_map(|sep| value.split_once(sep))
        .ok_or_else(|| format!("expected `# param: name — description`, got `{value}`"))?;
    let (name, default) = match head.split_once('=') {
        Some((name, default)) => (name.trim(), Some(default.trim().to_owned())),
        None => (head.trim(), None),
    };
    if !is_variable_name(name) {
        return Err(format!(
            "parameter name `{name}` is not a SPARQL variable name (letters, digits, `_`)"
        ));
    }
    if default.as_deref() == Some("") {
        return Err(format!("parameter `{name}` has an empty default"));
    }
    Ok(QueryParam {
        name: name.to_owned(),
        description: description.trim().to_owned(),
        default,
    })
}

pub(crate) fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `?name` or `$name` occurs in `text` outside the header comments.
pub(crate) fn uses_variable(text: &str, name: &str) -> bool {
    let body = text
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    let bytes = body.as_bytes();
    body.match_indices(name).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + name.len()).copied();
        matches!(before, Some(b'?' | b'$'))
            && !after.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
    })
}

/// The variable names (`?x`, `$x`) used in `text` outside comment lines.
pub(crate) fn variables_in(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
        let mut rest = line;
        while let Some(at) = rest.find(['?', '$']) {
            let tail = &rest[at + 1..];
            let end = tail
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(tail.len());
            if end > 0 {
                names.insert(tail[..end].to_owned());
            }
            rest = &tail[end..];
        }
    }
    names
}

/// A stored query name: letters, digits, `-`, `_` — never a path.
pub fn check_name(name: &str) -> Result<(), QueryError> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(QueryError::InvalidName(name.to_owned()))
    }
}

impl StoredQuery {
    /// Parses a stored query; `file` names it in errors. Title and description are
    /// required, and every declared parameter must be used by the query.
    pub fn parse(file: &str, text: &str) -> Result<Self, QueryError> {
        let name = file.strip_suffix(".rq").unwrap_or(file);
        check_name(name)?;
        let header = Header::parse(text, file)?;
        let header_end = text
            .lines()
            .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
            .count()
            .max(1);
        let missing = |key: &str| QueryError::Header {
            origin: file.to_owned(),
            line: header_end,
            message: format!("the header has no `# {key}:` line"),
        };
        let title = header.title.clone().ok_or_else(|| missing("title"))?;
        let description = header
            .description
            .clone()
            .ok_or_else(|| missing("description"))?;
        for param in &header.params {
            if !uses_variable(text, &param.name) {
                let line = text
                    .lines()
                    .position(|l| l.contains("param:") && l.contains(param.name.as_str()))
                    .map_or(1, |i| i + 1);
                return Err(QueryError::Header {
                    origin: file.to_owned(),
                    line,
                    message: format!(
                        "parameter `{}` is not used as ?{0} in the query",
                        param.name
                    ),
                });
            }
        }
        Ok(StoredQuery {
            name: name.to_owned(),
            title,
            description,
            params: header.params,
            columns: header.columns,
            text: text.to_owned(),
        })
    }
}

/// The stored queries, by name.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    queries: BTreeMap<String, StoredQuery>,
}

impl Catalog {
    /// The queries embedded at build time from `queries/*.rq`.
    pub fn builtin() -> Result<Self, QueryError> {
        Self::from_files(EMBEDDED.iter().map(|(file, text)| (*file, *text)))
    }

    /// Every `*.rq` file in `dir` (not recursive).
    pub fn from_dir(dir: &Path) -> Result<Self, QueryError> {
        let io = |source| QueryError::Io {
            path: dir.display().to_string(),
            source,
        };
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if path.extension().is_some_and(|e| e == "rq") && path.is_file() {
                let text = std::fs::read_to_string(&path).map_err(|source| QueryError::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                let file = path.file_name().map(|n| n.to_string_lossy().into_owned());
                files.push((file.unwrap_or_default(), text));
            }
        }
        Self::from_files(files.iter().map(|(f, t)| (f.as_str(), t.as_str())))
    }

    fn from_files<'a>(files: impl Iterator<Item = (&'a str, &'a str)>) -> Result<Self, QueryError> {
        let mut queries = BTreeMap::new();
        for (file, text) in files {
            let query = StoredQuery::parse(file, text)?;
            queries.insert(query.name.clone(), query);
        }
        Ok(Catalog { queries })
    }

    /// The query called `name`, if any (a name that is a path never matches).
    pub fn get(&self, name: &str) -> Option<&StoredQuery> {
        self.queries.get(name)
    }

    /// Like [`get`](Self::get), with errors for an invalid or unknown name.
    pub fn resolve(&self, name: &str) -> Result<&StoredQuery, QueryError> {
        check_name(name)?;
        self.get(name).ok_or_else(|| QueryError::UnknownQuery {
            name: name.to_owned(),
            known: self.queries.keys().cloned().collect::<Vec<_>>().join(", "),
        })
    }

    /// The queries in name order.
    pub fn iter(&self) -> impl Iterator<Item = &StoredQuery> {
        self.queries.values()
    }

    pub fn len(&self) -> usize {
        self.queries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "# title: T\n# description: D\n#   more D\n# param: position — the post\n# param: date = 1975 - a date\n# columns: a, ?b,\n#   c\n# Some free text: fine.\n\nSELECT ?position ?date ?a ?b ?c WHERE {}\n";

    #[test]
    fn parses_a_full_header() {
        let q = StoredQuery::parse("x.rq", GOOD).expect("parses");
        assert_eq!(q.name, "x");
        assert_eq!(q.title, "T");
        assert_eq!(q.description, "D more D");
        assert_eq!(q.columns, ["a", "b", "c"]);
        assert_eq!(q.params.len(), 2);
        assert_eq!(q.params[0].name, "position");
        assert_eq!(q.params[0].default, None);
        assert_eq!(q.params[1].default.as_deref(), Some("1975"));
        assert_eq!(q.params[1].description, "a date");
    }

    fn header_error(text: &str) -> (String, usize, String) {
        match StoredQuery::parse("bad.rq", text) {
            Err(QueryError::Header {
                origin,
                line,
                message,
            }) => (origin, line, message),
            other => panic!("expected a header error, got {other:?}"),
        }
    }

    #[test]
    fn header_errors_name_file_and_line() {
        let (file, line, msg) = header_error("# title: T\n# descripton: D\nASK {}");
        assert_eq!((file.as_str(), line), ("bad.rq", 2));
        assert!(msg.contains("descripton"), "{msg}");
        let (_, line, msg) = header_error("# title: T\n# description: D\n# param: x\nASK {}");
        assert_eq!(line, 3);
        assert!(msg.contains("param"), "{msg}");
        let (_, line, _) = header_error("# title: T\n# description: D\n# param: a-b — no\nASK{}");
        assert_eq!(line, 3);
        let (_, line, msg) = header_error("# title: T\n\nASK {}");
        assert_eq!(line, 2);
        assert!(msg.contains("description"), "{msg}");
        let (_, _, msg) = header_error("# title: T\n# title: U\n# description: D\nASK {}");
        assert!(msg.contains("twice"), "{msg}");
    }

    #[test]
    fn declared_params_must_be_used() {
        let (_, line, msg) = header_error(
            "# title: T\n# description: D\n# param: position — p\nSELECT ?positions {}",
        );
        assert_eq!(line, 3);
        assert!(msg.contains("?position"), "{msg}");
        assert!(uses_variable("SELECT $position {}", "position"));
        assert!(!uses_variable("# ?position\nSELECT ?x {}", "position"));
    }

    #[test]
    fn names_never_escape_the_folder() {
        for bad in ["../x", "a/b", "..", "", "x.rq/..", "a\\b", "/etc/passwd"] {
            assert!(
                matches!(check_name(bad), Err(QueryError::InvalidName(_))),
                "{bad}"
            );
        }
        let catalog = Catalog::builtin().expect("builtin");
        assert!(matches!(
            catalog.resolve("../x"),
            Err(QueryError::InvalidName(_))
        ));
        assert!(catalog.get("../officeholders").is_none());
        assert!(matches!(
            catalog.resolve("nope"),
            Err(QueryError::UnknownQuery { .. })
        ));
        assert!(StoredQuery::parse("../x.rq", GOOD).is_err());
    }

    #[test]
    fn builtin_embeds_every_file_of_the_queries_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../queries");
        let on_disk = Catalog::from_dir(&dir).expect("queries/ loads");
        let builtin = Catalog::builtin().expect("builtin");
        assert_eq!(on_disk.queries, builtin.queries);
        for name in [
            "officeholders",
            "incumbents",
            "holder-on-date",
            "succession",
            "died-in-office",
            "multiple-positions",
            "longest-tenures",
            "tenures-by-term",
        ] {
            assert!(builtin.get(name).is_some(), "{name} is missing");
        }
    }

    #[test]
    fn from_dir_reads_rq_files_and_reports_bad_ones() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("good.rq"), GOOD).expect("write");
        std::fs::write(dir.path().join("notes.txt"), "ignored").expect("write");
        let catalog = Catalog::from_dir(dir.path()).expect("loads");
        assert_eq!(
            catalog.iter().map(|q| q.name.as_str()).collect::<Vec<_>>(),
            ["good"]
        );
        std::fs::write(dir.path().join("bad.rq"), "# title: T\n# oops: x\nASK {}").expect("write");
        let err = Catalog::from_dir(dir.path())
            .expect_err("bad header")
            .to_string();
        assert!(err.contains("bad.rq:2"), "{err}");
    }
}
