//! Query stage: the nesting-depth limit, checked on the text before it is parsed.
//! SPARQL's parser and evaluator recurse once per nested group, expression or
//! collection, so a short query of a few thousand `(` or `{` overflows a thread's stack
//! and aborts the whole process; a limit far above what real queries use refuses it
//! with a clear error instead.

use super::QueryError;

/// The deepest nesting of `(`, `{` and `[` a query may have. Real queries stay under
/// 20; an evaluation thread's stack holds well over this many levels.
pub const MAX_NESTING: usize = 100;

/// Checks that `text` nests no deeper than `max` levels, counting brackets outside
/// strings, IRIs and comments. The error names the line and column of the first
/// bracket past the limit.
pub fn check_nesting(text: &str, max: usize) -> Result<(), QueryError> {
    let chars: Vec<char> = text.chars().collect();
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        column += 1;
        match c {
            '\n' => {
                line += 1;
                column = 0;
            }
            '#' => {
                while i + 1 < chars.len() && chars[i + 1] != '\n' {
                    i += 1;
                }
            }
            '"' | '\'' => {
                let skipped = skip_string(&chars, i);
                for &s in &chars[i + 1..skipped.min(chars.len())] {
                    if s == '\n' {
                        line += 1;
                        column = 0;
                    } else {
                        column += 1;
                    }
                }
                i = skipped;
                continue;
            }
            '<' => {
                if let Some(end) = iri_end(&chars, i) {
                    column += end - i;
                    i = end + 1;
                    continue;
                }
            }
            '(' | '{' | '[' => {
                depth += 1;
                if depth > max {
                    return Err(QueryError::TooDeep { max, line, column });
                }
            }
            ')' | '}' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// The index just past the string literal opening at `start` (`'…'`, `"…"`, `'''…'''`
/// or `"""…"""`, with `\` escapes), or the end of the text if it is not closed.
fn skip_string(chars: &[char], start: usize) -> usize {
    let quote = chars[start];
    let long = chars.get(start + 1) == Some(&quote) && chars.get(start + 2) == Some(&quote);
    let mut i = start + if long { 3 } else { 1 };
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 2,
            c if c == quote => {
                if !long {
                    return i + 1;
                }
                if chars.get(i + 1) == Some(&quote) && chars.get(i + 2) == Some(&quote) {
                    return i + 3;
                }
                i += 1;
            }
            '\n' if !long => return i,
            _ => i += 1,
        }
    }
    chars.len()
}

/// The index of the `>` closing an IRI reference opening at `start`, or `None` when
/// the `<` is a comparison (an IRI holds no space, quote, brace or `<`).
fn iri_end(chars: &[char], start: usize) -> Option<usize> {
    for (offset, &c) in chars[start + 1..].iter().enumerate() {
        match c {
            '>' => return Some(start + 1 + offset),
            '<' | '"' | '{' | '}' | '|' | '^' | '`' | '\\' => return None,
            c if c <= ' ' => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_queries_pass() {
        let text = "PREFIX og: <https://w3id.org/officegraph/ontology#>\n\
                    SELECT ?x WHERE { ?x og:start ?s FILTER (?s < \"2000\" && (?s > \"1900\")) }";
        assert!(check_nesting(text, MAX_NESTING).is_ok());
        for catalog_query in crate::query::Catalog::builtin().unwrap().iter() {
            assert!(
                check_nesting(&catalog_query.text, 10).is_ok(),
                "{}",
                catalog_query.name
            );
        }
    }

    #[test]
    fn deep_nesting_is_refused_with_its_place() {
        let text = format!(
            "SELECT * WHERE {{\n  FILTER ({}1{})\n}}",
            "(".repeat(900),
            ")".repeat(900)
        );
        match check_nesting(&text, MAX_NESTING) {
            Err(QueryError::TooDeep { max, line, column }) => {
                assert_eq!((max, line, column), (MAX_NESTING, 2, 11 + MAX_NESTING - 2));
            }
            other => panic!("{other:?}"),
        }
        let braces = format!("SELECT * {}{}", "{".repeat(1000), "}".repeat(1000));
        assert!(check_nesting(&braces, MAX_NESTING).is_err());
    }

    #[test]
    fn brackets_in_strings_iris_and_comments_do_not_count() {
        let many = "(".repeat(500);
        for text in [
            format!("SELECT * {{ ?s ?p \"{many}\" }}"),
            format!("SELECT * {{ ?s ?p '''{many}\n{many}''' }}"),
            format!("SELECT * {{ ?s <http://ex.org/{many}> ?o }}"),
            format!("# {many}\nSELECT * {{ ?s ?p ?o }}"),
        ] {
            assert!(check_nesting(&text, MAX_NESTING).is_ok(), "{text}");
        }
    }

    #[test]
    fn a_query_at_the_limit_parses_and_runs_on_a_small_stack() {
        let text = format!(
            "SELECT * WHERE {{ BIND ({}1{} AS ?x) }}",
            "(".repeat(MAX_NESTING - 2),
            ")".repeat(MAX_NESTING - 2)
        );
        assert!(check_nesting(&text, MAX_NESTING).is_ok());
        // The stack of a serve worker (Rust's default for spawned threads).
        let ran = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let store = oxigraph::store::Store::new().unwrap();
                crate::query::run_to_writer(
                    &store,
                    &text,
                    &[],
                    crate::query::ResultFormat::Csv,
                    &mut Vec::new(),
                )
            })
            .unwrap()
            .join();
        assert!(matches!(ran, Ok(Ok(()))), "{ran:?}");
    }
}
