//! Parse stage: rendered article HTML (Wikipedia's `action=render`) read into the same
//! [`Record`] the text format gives for its flattened version (SOURCES.md): title,
//! infobox, headings, paragraphs, lists, definitions and tables, each at its source line.
//!
//! scraper (html5ever) parses; nothing here reads HTML by hand. Tables keep what the
//! text format loses: their rows carry the exact rowspan/colspan layout.

mod grid;
mod infobox;
mod sink;
mod text;

use super::lexicon::Lexicon;
use super::table::build_table;
use super::text::decode;
use super::{Block, Diagnostics, Located, Record};
use scraper::{ElementRef, Html, Selector};
use sink::Lines;
use text::{has_class, is_furniture, Skip, MAX_DEPTH};

/// Parses a record given as rendered HTML. Never fails: problems are diagnostics.
pub fn parse_html(source: &str, file_name: &str, bytes: &[u8]) -> (Record, Diagnostics) {
    parse_html_with(source, file_name, bytes, &Lexicon::builtin())
}

/// [`parse_html`] with a column lexicon of the caller's (`--columns`).
pub fn parse_html_with(
    source: &str,
    file_name: &str,
    bytes: &[u8],
    lexicon: &Lexicon,
) -> (Record, Diagnostics) {
    let mut diagnostics = Diagnostics::new(source);
    let text = decode(bytes, &mut diagnostics);
    let mut record = Record {
        source: source.to_owned(),
        file_name: file_name.to_owned(),
        ..Record::default()
    };
    let (html, lines) = sink::parse_document(&text);
    let mut walker = Walker {
        lines: &lines,
        lexicon,
        diagnostics: &mut diagnostics,
        last_line: 1,
        warned_deep: false,
        infobox_seen: false,
        open_definition: false,
    };
    record.title = title(&html, &lines);
    walker.walk(html.root_element(), 0, &mut record);
    if record.title.is_none() && !text.trim().is_empty() {
        // `action=render` HTML has no `<title>`: the page's own metadata, else its name.
        if let Some(title) = meta_title(&html, &lines) {
            diagnostics.warn(
                title.line,
                format!(
                    "record has no `<title>` or `<h1>`; title `{}` taken from the page's canonical link or og:title",
                    title.value
                ),
            );
            record.title = Some(title);
        } else if let Some(value) = title_from_file_name(file_name) {
            diagnostics.warn(
                1,
                format!("record has no `<title>` or `<h1>`; title `{value}` taken from the file name (`_` read as a space)"),
            );
            record.title = Some(Located { value, line: 1 });
        } else {
            diagnostics.warn(1, "record has no title (no `<title>` or `<h1>`)");
        }
    }
    if record.title.is_some() && record.infobox.is_empty() {
        diagnostics.warn(1, "record has no infobox (`table.infobox`)");
    }
    (record, diagnostics)
}

const WIKIPEDIA_SUFFIXES: [&str; 2] = [" - Wikipedia, the free encyclopedia", " - Wikipedia"];

/// The page's `<title>` (without Wikipedia's suffix), else its first `<h1>`.
fn title(html: &Html, lines: &Lines) -> Option<Located<String>> {
    ["title", "h1"].iter().find_map(|name| {
        let selector = Selector::parse(name).ok()?;
        let el = html.select(&selector).next()?;
        let mut value = text::text(el, Skip::Nothing);
        for suffix in WIKIPEDIA_SUFFIXES {
            if let Some(s) = value.strip_suffix(suffix) {
                value = s.trim().to_owned();
            }
        }
        (!value.is_empty()).then(|| Located {
            value,
            line: lines.of(el.id()).unwrap_or(1),
        })
    })
}

/// The title a page's metadata gives when it has no `<title>`: `<meta property="og:title">`,
/// else the last path segment of `<link rel="canonical">` (`…/wiki/Saint_Helena`).
fn meta_title(html: &Html, lines: &Lines) -> Option<Located<String>> {
    let located = |el: ElementRef<'_>, value: String| {
        let value = value.trim().to_owned();
        (!value.is_empty()).then(|| Located {
            value,
            line: lines.of(el.id()).unwrap_or(1),
        })
    };
    let og = Selector::parse(r#"meta[property="og:title"]"#).ok()?;
    if let Some(found) = html.select(&og).find_map(|el| {
        let content = el.value().attr("content")?;
        located(el, content.to_owned())
    }) {
        return Some(found);
    }
    let canonical = Selector::parse(r#"link[rel="canonical"]"#).ok()?;
    html.select(&canonical).find_map(|el| {
        let href = el.value().attr("href")?;
        let path = href.split(['?', '#']).next()?;
        let segment = path.trim_end_matches('/').rsplit('/').next()?;
        located(el, wiki_title(segment)?)
    })
}

/// A title from the file's name by Wikipedia's URL convention: `Saint_Helena.html` →
/// `Saint Helena` (`_` is a space, `%XX` an escaped byte). Nothing else is read into
/// the name: a prefix such as `w24_` stays part of it.
pub fn title_from_file_name(file_name: &str) -> Option<String> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    wiki_title(stem)
}

/// A URL path segment as a page title: `%XX` decoded (when the result is UTF-8),
/// `_` read as a space, spaces collapsed.
fn wiki_title(segment: &str) -> Option<String> {
    let text = percent_encoding::percent_decode_str(segment)
        .decode_utf8()
        .map_or_else(|_| segment.to_owned(), |t| t.into_owned());
    let title = text
        .replace('_', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!title.is_empty()).then_some(title)
}

struct Walker<'a, 'd> {
    lines: &'a Lines,
    lexicon: &'a Lexicon,
    diagnostics: &'d mut Diagnostics,
    /// The line of the latest element read (for an element with no recorded line).
    last_line: usize,
    warned_deep: bool,
    infobox_seen: bool,
    /// The latest block is a `;Term` with no lines yet: a paragraph right after it is
    /// its text (as in the flattened record, where no blank line separates them).
    open_definition: bool,
}

impl Walker<'_, '_> {
    fn line(&mut self, el: ElementRef<'_>) -> usize {
        if let Some(line) = self.lines.of(el.id()) {
            self.last_line = line;
        }
        self.last_line.clamp(1, self.lines.last())
    }

    fn walk(&mut self, el: ElementRef<'_>, depth: usize, record: &mut Record) {
        for child in el.children().filter_map(ElementRef::wrap) {
            self.block(child, depth + 1, record);
        }
    }

    fn block(&mut self, el: ElementRef<'_>, depth: usize, record: &mut Record) {
        if depth > MAX_DEPTH {
            if !self.warned_deep {
                let line = self.line(el);
                self.diagnostics.warn(
                    line,
                    format!("elements nested deeper than {MAX_DEPTH} levels are not read"),
                );
                self.warned_deep = true;
            }
            return;
        }
        let name = el.value().name();
        if is_furniture(el) || name == "title" {
            return;
        }
        let line = self.line(el);
        let was_open = std::mem::take(&mut self.open_definition);
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let text = text::text(el, Skip::Nothing);
                let is_title = name == "h1"
                    && record
                        .title
                        .as_ref()
                        .is_some_and(|t| t.line == line && t.value == text);
                if !text.is_empty() && !is_title {
                    let level = usize::from(name.as_bytes()[1] - b'0');
                    record.blocks.push(Block::Heading { level, text, line });
                }
            }
            "p" | "pre" => {
                let text = text::text(el, Skip::Nothing);
                if text.is_empty() {
                    self.open_definition = was_open;
                } else if let (true, Some(Block::Definition { lines, .. })) =
                    (was_open, record.blocks.last_mut())
                {
                    lines.push(Located { value: text, line });
                } else {
                    record.blocks.push(Block::Paragraph { text, line });
                }
            }
            "ul" | "ol" => {
                let mut items = Vec::new();
                self.list_items(el, depth, &mut items);
                if !items.is_empty() {
                    record.blocks.push(Block::List { items });
                }
            }
            "dl" => self.definitions(el, line, record),
            "table" if has_class(el, "infobox") => {
                if !self.infobox_seen {
                    self.infobox_seen = true;
                    record
                        .infobox
                        .extend(infobox::read_infobox(el, self.lines, line));
                }
            }
            "table" if has_class(el, "wikitable") => {
                let rows = grid::grid(el, self.lines, line, self.diagnostics);
                if rows.is_empty() {
                    self.diagnostics.warn(line, "table has no rows; left out");
                } else {
                    let caption = grid::caption_of(el, self.lines);
                    record.blocks.push(Block::Table(build_table(
                        rows,
                        caption,
                        self.lexicon,
                        self.diagnostics,
                    )));
                }
            }
            // Layout tables, divs, sections and the like: read what they hold.
            _ => self.walk(el, depth, record),
        }
    }

    /// Every item of a list, nested lists' items after their parent's.
    fn list_items(&mut self, list: ElementRef<'_>, depth: usize, items: &mut Vec<Located<String>>) {
        if depth > MAX_DEPTH {
            return;
        }
        for li in list.children().filter_map(ElementRef::wrap) {
            if li.value().name() != "li" || is_furniture(li) {
                continue;
            }
            let line = self.line(li);
            let value = text::text(li, Skip::NestedLists);
            if !value.is_empty() {
                items.push(Located { value, line });
            }
            for sub in li.children().filter_map(ElementRef::wrap) {
                if matches!(sub.value().name(), "ul" | "ol") && !is_furniture(sub) {
                    self.list_items(sub, depth + 1, items);
                }
            }
        }
    }

    /// `<dt>` starts a `;Term` block, each `<dd>` is one of its lines; `<dd>`s before any
    /// `<dt>` (an indented line) are paragraphs.
    fn definitions(&mut self, dl: ElementRef<'_>, line: usize, record: &mut Record) {
        let mut open = false;
        for child in dl.children().filter_map(ElementRef::wrap) {
            let value = text::text(child, Skip::Nothing);
            let at = self.lines.of(child.id()).unwrap_or(line);
            match child.value().name() {
                "dt" if value.is_empty() => open = false,
                "dt" => {
                    record.blocks.push(Block::Definition {
                        term: value,
                        lines: Vec::new(),
                        line: at,
                    });
                    open = true;
                }
                "dd" if value.is_empty() => {}
                "dd" => match (open, record.blocks.last_mut()) {
                    (true, Some(Block::Definition { lines, .. })) => {
                        lines.push(Located { value, line: at })
                    }
                    _ => record.blocks.push(Block::Paragraph {
                        text: value,
                        line: at,
                    }),
                },
                _ => {}
            }
        }
        self.open_definition = matches!(
            record.blocks.last(),
            Some(Block::Definition { lines, .. }) if open && lines.is_empty()
        );
    }
}

#[cfg(test)]
mod tests;
