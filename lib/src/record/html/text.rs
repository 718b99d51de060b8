//! Parse stage (HTML): what an element says — its visible text, with footnote markers,
//! hidden sort keys and edit links dropped — and which elements are page furniture
//! (navboxes, banners, the table of contents, thumbnails, the reference list).

use super::super::cell::clean_space;
use scraper::ElementRef;
use unicode_normalization::UnicodeNormalization;

/// Elements nested deeper than this are not read (recursion stays far from the stack's
/// end on any input); the walk warns once.
pub(super) const MAX_DEPTH: usize = 160;

pub(super) fn has_class(el: ElementRef<'_>, class: &str) -> bool {
    el.value().classes().any(|c| c.eq_ignore_ascii_case(class))
}

fn has_any_class(el: ElementRef<'_>, classes: &[&str]) -> bool {
    el.value()
        .classes()
        .any(|c| classes.iter().any(|k| c.eq_ignore_ascii_case(k)))
}

/// `style="display: none"` in any spelling.
fn is_display_none(el: ElementRef<'_>) -> bool {
    el.value().attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none")
    })
}

/// Text nobody reads on the page: footnote markers, sort keys, edit links, scripts.
pub(super) fn is_hidden(el: ElementRef<'_>) -> bool {
    let name = el.value().name();
    matches!(name, "style" | "script" | "noscript" | "template" | "head")
        || (name == "sup" && has_class(el, "reference"))
        || has_any_class(el, &["sortkey", "mw-editsection", "reference"])
        || is_display_none(el)
}

/// Page furniture left out of the record (SOURCES.md): navboxes, sidebars, banners,
/// the table of contents, image thumbnails and galleries, the reference list, hatnotes.
pub(super) fn is_furniture(el: ElementRef<'_>) -> bool {
    is_hidden(el)
        || el.value().id() == Some("toc")
        || has_any_class(
            el,
            &[
                "navbox",
                "vertical-navbox",
                "sidebar",
                "metadata",
                "ambox",
                "mbox-small",
                "toc",
                "thumb",
                "gallery",
                "reflist",
                "references",
                "dablink",
                "hatnote",
                "rellink",
                "NavFrame",
                "portal",
                "catlinks",
                "printfooter",
            ],
        )
}

/// Elements whose text is set apart from its neighbours' (a space on each side).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "blockquote"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

/// What to leave out of an element's text besides hidden text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Skip {
    Nothing,
    /// Nested `ul`/`ol`/`dl`: a list item's own text, without its sub-list.
    NestedLists,
}

/// The element's visible text: `<br>` and block boundaries become spaces, whitespace is
/// collapsed, and the result is NFC (entities may decode to decomposed characters).
pub(super) fn text(el: ElementRef<'_>, skip: Skip) -> String {
    let mut out = String::new();
    collect(el, skip, 0, &mut out);
    let clean = clean_space(&out);
    if clean.is_ascii() {
        clean
    } else {
        clean.nfc().collect()
    }
}

fn collect(el: ElementRef<'_>, skip: Skip, depth: usize, out: &mut String) {
    if depth > MAX_DEPTH {
        return;
    }
    for child in el.children() {
        if let Some(text) = child.value().as_text() {
            out.push_str(text);
            continue;
        }
        let Some(child) = ElementRef::wrap(child) else {
            continue;
        };
        let name = child.value().name();
        if is_hidden(child) || (skip == Skip::NestedLists && matches!(name, "ul" | "ol" | "dl")) {
            continue;
        }
        if name == "br" {
            out.push(' ');
        } else if is_block(name) {
            out.push(' ');
            collect(child, skip, depth + 1, out);
            out.push(' ');
        } else {
            collect(child, skip, depth + 1, out);
        }
    }
}
