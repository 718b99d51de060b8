//! Serve stage: SPARQL 1.1 Protocol request parsing — from method, query string,
//! `Content-Type` and body to the operation asked for (a query with its dataset, or
//! an update, which the endpoint refuses).

use super::ServeError;

/// What a request to the SPARQL endpoint asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    Query(QueryRequest),
    /// `update=` or an `application/sparql-update` body: refused (read-only endpoint).
    Update,
}

/// A SPARQL query with the protocol's dataset parameters and format override.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryRequest {
    pub query: String,
    /// `default-graph-uri` values, in order.
    pub default_graphs: Vec<String>,
    /// `named-graph-uri` values, in order.
    pub named_graphs: Vec<String>,
    /// The `format` parameter, which overrides `Accept`.
    pub format: Option<String>,
}

/// Splits `url` (`/path?query`) into path and raw query string.
pub fn split_url(url: &str) -> (&str, &str) {
    match url.split_once('?') {
        Some((path, query)) => (path, query),
        None => (url, ""),
    }
}

/// Decodes `application/x-www-form-urlencoded` pairs (`+` is a space, `%XX` a byte).
pub fn decode_pairs(raw: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(raw)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The media type of a `Content-Type` value, lower-cased, without parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Parses a request to the SPARQL endpoint (SPARQL 1.1 Protocol §2.1 and §2.2).
///
/// - `GET ?query=…[&default-graph-uri=…][&named-graph-uri=…]`;
/// - `POST` with `application/x-www-form-urlencoded` (`query=…` or `update=…`);
/// - `POST` with `application/sparql-query` (the body is the query, dataset
///   parameters in the URL) or `application/sparql-update` (refused).
pub fn parse(
    method: &str,
    query_string: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Operation, ServeError> {
    let url_pairs = decode_pairs(query_string.as_bytes());
    match method {
        "GET" => from_pairs(url_pairs, None),
        "POST" => {
            let media = content_type.map(media_type).unwrap_or_default();
            match media.as_str() {
                "application/x-www-form-urlencoded" => {
                    let mut pairs = url_pairs;
                    pairs.extend(decode_pairs(body));
                    from_pairs(pairs, None)
                }
                "application/sparql-query" => {
                    let text = std::str::from_utf8(body)
                        .map_err(|_| ServeError::BadRequest("the query is not UTF-8".to_owned()))?;
                    from_pairs(url_pairs, Some(text.to_owned()))
                }
                "application/sparql-update" => Ok(Operation::Update),
                "" => Err(ServeError::UnsupportedMediaType(
                    "a POST needs a Content-Type: application/sparql-query or application/x-www-form-urlencoded".to_owned(),
                )),
                other => Err(ServeError::UnsupportedMediaType(format!(
                    "Content-Type {other} is not supported: use application/sparql-query or application/x-www-form-urlencoded"
                ))),
            }
        }
        other => Err(ServeError::MethodNotAllowed(format!(
            "{other} is not supported here: use GET or POST"
        ))),
    }
}

fn from_pairs(
    pairs: Vec<(String, String)>,
    body_query: Option<String>,
) -> Result<Operation, ServeError> {
    let mut request = QueryRequest::default();
    let mut queries = Vec::new();
    queries.extend(body_query);
    for (name, value) in pairs {
        match name.as_str() {
            "update" | "using-graph-uri" | "using-named-graph-uri" => return Ok(Operation::Update),
            "query" => queries.push(value),
            "default-graph-uri" => request.default_graphs.push(value),
            "named-graph-uri" => request.named_graphs.push(value),
            "format" | "output" => {
                request.format.get_or_insert(value);
            }
            // Other parameters (SPARQLWrapper's `results`, cache busters) are ignored.
            _ => {}
        }
    }
    match queries.len() {
        0 => Err(ServeError::BadRequest(
            "no query: give query=… (GET or a form POST) or POST an application/sparql-query body"
                .to_owned(),
        )),
        1 => {
            request.query = queries.remove(0);
            Ok(Operation::Query(request))
        }
        _ => Err(ServeError::BadRequest(
            "more than one query in the request".to_owned(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(op: Result<Operation, ServeError>) -> QueryRequest {
        match op {
            Ok(Operation::Query(q)) => q,
            other => panic!("expected a query, got {other:?}"),
        }
    }

    #[test]
    fn get_decodes_the_query_and_the_dataset() {
        let q = query(parse(
            "GET",
            "query=SELECT+%3Fs+WHERE+%7B%3Fs+%3Fp+%3Fo%7D&default-graph-uri=http%3A%2F%2Fa&named-graph-uri=http://b&named-graph-uri=http://c",
            None,
            b"",
        ));
        assert_eq!(q.query, "SELECT ?s WHERE {?s ?p ?o}");
        assert_eq!(q.default_graphs, ["http://a"]);
        assert_eq!(q.named_graphs, ["http://b", "http://c"]);
        assert_eq!(q.format, None);
        let q = query(parse("GET", "query=ASK%7B%7D&format=csv", None, b""));
        assert_eq!(
            (q.query.as_str(), q.format.as_deref()),
            ("ASK{}", Some("csv"))
        );
    }

    #[test]
    fn post_takes_a_form_or_a_raw_query() {
        let form = Some("application/x-www-form-urlencoded; charset=UTF-8");
        let q = query(parse("POST", "", form, b"query=ASK+%7B%7D"));
        assert_eq!(q.query, "ASK {}");
        let raw = Some("application/sparql-query");
        let q = query(parse(
            "POST",
            "default-graph-uri=http%3A%2F%2Fg",
            raw,
            "SELECT * { ?s ?p \"é\" }".as_bytes(),
        ));
        assert_eq!(q.query, "SELECT * { ?s ?p \"é\" }");
        assert_eq!(q.default_graphs, ["http://g"]);
    }

    #[test]
    fn updates_are_recognized_every_way() {
        for (method, qs, ct, body) in [
            ("GET", "update=DROP+ALL", None, &b""[..]),
            (
                "POST",
                "",
                Some("application/x-www-form-urlencoded"),
                &b"update=DROP+ALL"[..],
            ),
            (
                "POST",
                "",
                Some("application/sparql-update"),
                &b"DROP ALL"[..],
            ),
            (
                "POST",
                "",
                Some("Application/SPARQL-Update; charset=utf-8"),
                &b"CLEAR ALL"[..],
            ),
        ] {
            assert_eq!(
                parse(method, qs, ct, body).ok(),
                Some(Operation::Update),
                "{method} {qs} {ct:?}"
            );
        }
    }

    #[test]
    fn bad_requests_say_what_is_wrong() {
        assert!(matches!(
            parse("GET", "", None, b""),
            Err(ServeError::BadRequest(m)) if m.contains("no query")
        ));
        assert!(matches!(
            parse("GET", "query=ASK{}&query=ASK{}", None, b""),
            Err(ServeError::BadRequest(m)) if m.contains("more than one")
        ));
        assert!(matches!(
            parse("POST", "", Some("text/plain"), b"ASK{}"),
            Err(ServeError::UnsupportedMediaType(m)) if m.contains("text/plain")
        ));
        assert!(matches!(
            parse("POST", "", None, b"ASK{}"),
            Err(ServeError::UnsupportedMediaType(_))
        ));
        assert!(matches!(
            parse("POST", "", Some("application/sparql-query"), &[0xff, 0xfe]),
            Err(ServeError::BadRequest(m)) if m.contains("UTF-8")
        ));
        assert!(matches!(
            parse("DELETE", "", None, b""),
            Err(ServeError::MethodNotAllowed(_))
        ));
    }

    #[test]
    fn urls_split_at_the_first_question_mark() {
        assert_eq!(split_url("/sparql?query=a?b"), ("/sparql", "query=a?b"));
        assert_eq!(split_url("/queries"), ("/queries", ""));
        assert_eq!(media_type(" Text/CSV ; charset=utf-8"), "text/csv");
    }
}
