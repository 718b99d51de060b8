//! Command line: `queries` — list the stored queries, one block each.

use super::Outcome;
use officegraph::query::{Catalog, StoredQuery};
use std::io::Write;

pub fn run() -> anyhow::Result<Outcome> {
    let catalog = Catalog::builtin()?;
    let text = render(&catalog);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(err.into()),
        _ => Ok(Outcome::Ok),
    }
}

/// Every stored query: name and title, description, parameters, columns, a usage line.
fn render(catalog: &Catalog) -> String {
    let mut out = String::new();
    for (i, query) in catalog.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        render_one(query, &mut out);
    }
    out
}

fn render_one(query: &StoredQuery, out: &mut String) {
    out.push_str(&format!("{} — {}\n", query.name, query.title));
    for line in wrap(&query.description, 84) {
        out.push_str(&format!("    {line}\n"));
    }
    if query.params.is_empty() {
        out.push_str("    parameters: none\n");
    } else {
        out.push_str("    parameters:\n");
        for param in &query.params {
            let status = match &param.default {
                Some(default) => format!("default {default}"),
                None => "required".to_owned(),
            };
            out.push_str(&format!(
                "      {} ({status}): {}\n",
                param.name, param.description
            ));
        }
    }
    if !query.columns.is_empty() {
        out.push_str(&format!("    columns: {}\n", query.columns.join(", ")));
    }
    let mut usage = format!("    usage: officegraph query {} --store DIR", query.name);
    for param in query.params.iter().filter(|p| p.default.is_none()) {
        usage.push_str(&format!(" --param {0}=…", param.name));
    }
    out.push_str(&usage);
    out.push('\n');
}

/// Greedy word wrap at `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_stored_query_with_its_parameters() {
        let catalog = Catalog::builtin().expect("builtin");
        let text = render(&catalog);
        for query in catalog.iter() {
            assert!(
                text.contains(&format!("{} — {}\n", query.name, query.title)),
                "{text}"
            );
        }
        assert!(
            text.contains("      position (required): the position's IRI"),
            "{text}"
        );
        assert!(text.contains("usage: officegraph query holder-on-date --store DIR --param position=… --param date=…"), "{text}");
        assert!(text.contains("    parameters: none\n"), "{text}");
    }

    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
    }
}
