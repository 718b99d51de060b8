#!/usr/bin/env python3
"""Flatten a Wikipedia article's rendered HTML (action=render) into the
plain-text record format (docs/design.md section 2), by the rules of
tests/realworld/pages/SOURCES.md ("How the HTML was flattened"). It reproduces the
29 flattened records of tests/realworld/pages/ byte for byte from their HTML, and made
the text records of tests/realworld/heldout/pages/.

Usage: python3 benches/flatten_wikipedia.py --title "Article Title" input.html > output.txt

Standard library only (html.parser).
"""
import argparse
import os
import re
import sys
from html.parser import HTMLParser

VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area",
        "base", "source", "param", "embed", "track"}


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag, attrs=None, parent=None):
        self.tag = tag
        self.attrs = dict(attrs or {})
        self.children = []
        self.parent = parent

    def get(self, k, d=""):
        v = self.attrs.get(k)
        return d if v is None else v

    @property
    def classes(self):
        return self.get("class").split()

    def elements(self):
        return [c for c in self.children if isinstance(c, Node)]

    def __repr__(self):
        return "<%s %r>" % (self.tag, self.attrs)


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def _close_to(self, idx):
        del self.stack[idx:]

    def _find_open(self, tags, stop=()):
        for i in range(len(self.stack) - 1, 0, -1):
            t = self.stack[i].tag
            if t in tags:
                return i
            if t in stop:
                return None
        return None

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        # implicit closes
        if tag in ("td", "th"):
            i = self._find_open(("td", "th"), stop=("tr", "table"))
            if i is not None:
                self._close_to(i)
        elif tag == "tr":
            i = self._find_open(("tr",), stop=("table",))
            if i is not None:
                self._close_to(i)
        elif tag == "li":
            i = self._find_open(("li",), stop=("ul", "ol"))
            if i is not None:
                self._close_to(i)
        elif tag in ("dd", "dt"):
            i = self._find_open(("dd", "dt"), stop=("dl",))
            if i is not None:
                self._close_to(i)
        elif tag == "p":
            i = self._find_open(("p",), stop=("div", "td", "th", "li", "table",
                                               "blockquote", "dd"))
            if i is not None:
                self._close_to(i)
        parent = self.stack[-1]
        node = Node(tag, attrs, parent)
        parent.children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        tag = tag.lower()
        parent = self.stack[-1]
        node = Node(tag, attrs, parent)
        parent.children.append(node)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                self._close_to(i)
                return
            # do not let a stray end tag close a table from inside a cell
            if tag not in ("table",) and self.stack[i].tag == "table":
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html):
    b = TreeBuilder()
    b.feed(html)
    b.close()
    return b.root


# ---------------------------------------------------------------- text

def hidden(node):
    style = node.get("style").replace(" ", "").lower()
    if "display:none" in style:
        return True
    cls = node.classes
    if "sortkey" in cls or "mw-editsection" in cls or "editsection" in cls:
        return True
    if node.tag in ("style", "script", "img"):
        return True
    return False


def raw_text(node, out):
    for c in node.children:
        if isinstance(c, str):
            out.append(c)
        elif c.tag == "br":
            out.append(" ")
        elif hidden(c):
            continue
        else:
            raw_text(c, out)


WS = re.compile(r"\s+")


def clean(s):
    return WS.sub(" ", s).strip()


def text(node):
    out = []
    raw_text(node, out)
    return clean("".join(out))


# ---------------------------------------------------------------- tables

def table_rows(table):
    """<tr> elements of this table (not of nested tables)."""
    rows = []
    for c in table.elements():
        if c.tag == "tr":
            rows.append(c)
        elif c.tag in ("tbody", "thead", "tfoot"):
            rows.extend(x for x in c.elements() if x.tag == "tr")
    return rows


def span(node, name):
    try:
        v = int(re.match(r"\s*(\d+)", node.get(name, "1")).group(1))
    except (AttributeError, ValueError):
        v = 1
    return max(v, 1)


def flatten_table(table):
    """Pipe rows of a wikitable, one per HTML row: the row's own cells in
    order, a colspan=n cell followed by n-1 empty cells; a cell covered by a
    rowspan from above is simply absent (the cells after it shift left), and
    every row is padded with empty cells at the end to the table's width,
    which is the widest row counted by its own cells (colspans included)."""
    out_rows = []
    width = 0
    for tr in table_rows(table):
        vals = []
        for cell in tr.elements():
            if cell.tag not in ("td", "th"):
                continue
            vals.append(text(cell))
            vals.extend([""] * (span(cell, "colspan") - 1))
        width = max(width, len(vals))
        out_rows.append(vals)
    lines = []
    for vals in out_rows:
        vals = vals + [""] * (width - len(vals))
        if not vals:
            continue
        # "| a | b |", an empty cell as "| |"
        lines.append("|" + "".join((" " + v + " |") if v else " |"
                                   for v in vals))
    return lines


# ---------------------------------------------------------------- infobox

KEYMAP = {
    "term length": "Termlength",
    "inaugural holder": "Inaugural",
    "member of": "Member Of",
}


def cap_key(k):
    low = k.lower()
    if low in KEYMAP:
        return KEYMAP[low]
    return " ".join(w[:1].upper() + w[1:] for w in k.split(" "))


INCUMBENT = re.compile(r"^Incumbent\s+(.*?)\s+since\s+(.*)$", re.S)
INCUMBENT_ONLY = re.compile(r"^Incumbent\s+(.+)$", re.S)


def flatten_infobox(table):
    lines = []
    rows = table_rows(table)
    for idx, tr in enumerate(rows):
        cells = [c for c in tr.elements() if c.tag in ("td", "th")]
        if not cells:
            continue
        if len(cells) == 1:
            c = cells[0]
            t = text(c)
            if not t:
                continue
            if idx == 0 and c.tag == "th":
                lines.append("- Post: " + t)
                continue
            m = INCUMBENT.match(t)
            if m:
                lines.append("- Incumbent: " + m.group(1))
                lines.append("- Incumbentsince: " + m.group(2))
            else:
                m = INCUMBENT_ONLY.match(t)
                if m:  # "Incumbent Vacant": no "since" line rendered
                    lines.append("- Incumbent: " + m.group(1))
            continue
        key = text(cells[0])
        val = text(cells[1])
        if not key or not val:
            continue
        lines.append("- %s: %s" % (cap_key(key), val))
    return lines


# ---------------------------------------------------------------- body

SKIP_CLASSES = {"navbox", "vertical-navbox", "toc", "thumb", "reflist",
                "references", "metadata", "ambox", "mbox-small", "hatnote",
                "dablink", "noprint", "sidebar", "cquote",
                "rellink", "printfooter", "catlinks", "navbox-inner",
                "thumbinner", "portal", "sistersitebox",
                "mw-references-wrap", "shortdescription", "mw-empty-elt",
                "sisterproject", "succession-box", "mw-editsection"}

# elements left out wholesale
SKIP_TAGS = {"blockquote", "figure", "figcaption", "style", "script",
             "noscript", "pre", "math", "img", "audio", "video", "map"}


class Flattener:
    def __init__(self):
        self.blocks = []  # list of (kind, lines)
        self.infobox = None

    def emit(self, kind, lines):
        if lines:
            self.blocks.append((kind, lines))

    def walk(self, node):
        for c in node.children:
            if isinstance(c, str):
                # loose text outside any block element is not a paragraph
                continue
            self.block(c)

    def block(self, n):
        tag = n.tag
        cls = set(n.classes)
        if hidden(n):
            return
        if n.get("id") in ("toc",):
            return
        if tag in SKIP_TAGS:
            return
        if tag == "table":
            if "infobox" in cls:
                # only the article's first infobox becomes the Infobox block
                if self.infobox is None:
                    self.infobox = flatten_infobox(n)
                return
            if cls & SKIP_CLASSES:
                return
            if "wikitable" in cls:
                self.emit_table(n)
                return
            # any other table (layout, navbox, sidebar, banner...) is left
            # out with everything inside it, wikitables included (as in w27)
            return
        if cls & SKIP_CLASSES:
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            lvl = int(tag[1])
            t = text(n)
            self.emit("h", ["=" * lvl + t + "=" * lvl])
            return
        if tag == "p":
            t = text(n)
            if t:
                self.emit("p", [t])
            return
        if tag in ("ul", "ol"):
            items = []
            for li in n.elements():
                if li.tag == "li":
                    t = text(li)
                    if t:
                        items.append("- " + t)
            if items:
                self.emit("list", items)
            return
        if tag == "dl":
            items = []
            for d in n.elements():
                if d.tag in ("dd", "dt"):
                    t = text(d)
                    if t:
                        items.append((";" if d.tag == "dt" else "") + t)
            if items:
                self.emit("dl", items)
            return
        # any other element (div, center, section, ...): look inside it for
        # blocks; loose inline text outside paragraphs is left out
        self.walk(n)

    def emit_table(self, t):
        lines = flatten_table(t)
        if lines:
            self.emit("table", lines)

    def render(self, title):
        out = ["= %s =" % title, ""]
        if self.infobox:
            out.append("Infobox")
            out.extend(self.infobox)
            out.append("")
        for kind, lines in self.blocks:
            out.extend(lines)
            if kind in ("p", "list", "table"):
                out.append("")
        while out and out[-1] == "":
            out.pop()
        return "\n".join(out) + "\n"


def flatten(html, title):
    root = parse(html)
    f = Flattener()
    f.walk(root)
    return f.render(title)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--title", help="the article title (default: the input "
                    "file's name, underscores read as spaces)")
    ap.add_argument("input", help="HTML file, or - for standard input")
    a = ap.parse_args(argv)
    if a.input == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(a.input, "rb") as fh:
            data = fh.read()
    html = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    title = a.title
    if title is None:
        title = os.path.splitext(os.path.basename(a.input))[0].replace("_", " ")
    out = flatten(html, title.strip())
    sys.stdout.buffer.write(out.encode("utf-8"))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
