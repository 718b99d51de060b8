//! Serve stage (web view): the page shell — doctype, title, the stylesheet link and the
//! navigation around every page body — and the stylesheet itself, embedded in the
//! binary so the server needs no files and fetches nothing from elsewhere.

use super::escape;
use crate::serve::Reply;

/// The stylesheet served at [`STYLESHEET_PATH`].
pub const STYLESHEET: &str = include_str!("style.css");

/// Where the stylesheet is served.
pub const STYLESHEET_PATH: &str = "/web/style.css";

/// The stylesheet as a reply.
pub fn stylesheet() -> Reply {
    Reply::new(
        200,
        "text/css; charset=utf-8".to_owned(),
        STYLESHEET.as_bytes().to_vec(),
    )
}

/// A whole HTML page: `title` (plain text, escaped here) and `body` (HTML, already
/// escaped by whoever built it), answered with `status`.
pub fn page(status: u16, title: &str, body: &str) -> Reply {
    let title = escape(title);
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · officegraph</title>\n\
         <link rel=\"stylesheet\" href=\"{STYLESHEET_PATH}\">\n</head>\n<body>\n\
         <header><nav><a href=\"/\" class=\"home\">officegraph</a> \
         <a href=\"/web/query\">Query</a> <a href=\"/queries\">Stored queries (JSON)</a> \
        </nav></header>\n\
         <main>\n<h1>{title}</h1>\n{body}</main>\n</body>\n</html>\n"
    );
    Reply::new(
        status,
        "text/html; charset=utf-8".to_owned(),
        html.into_bytes(),
    )
}
