//! Parse stage: the record text format, line by line, into a [`Record`]: title,
//! infobox, headings, paragraphs, lists, `;Key` blocks and tables.

use super::cell::{clean_space, strip_footnotes};
use super::lexicon::Lexicon;
use super::rows::{split_row, RawRow};
use super::table::build_table;
use super::text::decode;
use super::{Block, Diagnostics, InfoboxEntry, Located, Record};

/// Parses a record in the text format with the built-in column lexicon. Never fails:
/// problems are diagnostics.
pub fn parse_text(source: &str, file_name: &str, bytes: &[u8]) -> (Record, Diagnostics) {
    parse_text_with(source, file_name, bytes, &Lexicon::builtin())
}

/// [`parse_text`] with a column lexicon of the caller's (`--columns`).
pub fn parse_text_with(
    source: &str,
    file_name: &str,
    bytes: &[u8],
    lexicon: &Lexicon,
) -> (Record, Diagnostics) {
    let mut diagnostics = Diagnostics::new(source);
    let text = decode(bytes, &mut diagnostics);
    let lines: Vec<&str> = text.split('\n').collect();
    let mut record = Record {
        source: source.to_owned(),
        file_name: file_name.to_owned(),
        ..Record::default()
    };
    let mut parser = Parser {
        lines: &lines,
        at: 0,
        lexicon,
        diagnostics: &mut diagnostics,
    };
    parser.read(&mut record);
    (record, diagnostics)
}

struct Parser<'a, 'd> {
    lines: &'a [&'a str],
    at: usize,
    lexicon: &'a Lexicon,
    diagnostics: &'d mut Diagnostics,
}

fn heading(line: &str) -> Option<(usize, String)> {
    let t = line.trim();
    let lead = t.chars().take_while(|c| *c == '=').count();
    let trail = t.chars().rev().take_while(|c| *c == '=').count();
    if lead == 0 || trail == 0 || t.len() <= lead + trail {
        return None;
    }
    let inner = clean_space(&t[lead..t.len() - trail]);
    (!inner.is_empty()).then(|| (lead.min(trail), strip_footnotes(&inner)))
}

fn list_item(line: &str) -> Option<&str> {
    let t = line.trim_start();
    t.strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("• "))
        .map(str::trim)
}

fn is_table_line(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

impl<'a> Parser<'a, '_> {
    fn line_no(&self) -> usize {
        self.at + 1
    }

    fn current(&self) -> Option<&'a str> {
        self.lines.get(self.at).copied()
    }

    fn skip_blank(&mut self) {
        while self.current().is_some_and(|l| l.trim().is_empty()) {
            self.at += 1;
        }
    }

    fn read(&mut self, record: &mut Record) {
        self.skip_blank();
        match self.current().and_then(heading) {
            Some((1, title)) => {
                record.title = Some(Located {
                    value: title,
                    line: self.line_no(),
                });
                self.at += 1;
            }
            // An empty file: `decode` has said so.
            _ if self.at >= self.lines.len() => {}
            _ => {
                let line = self.line_no().min(self.lines.len().max(1));
                self.diagnostics
                    .warn(line, "record has no `= Title =` line");
            }
        }
        self.skip_blank();
        if self
            .current()
            .is_some_and(|l| l.trim().eq_ignore_ascii_case("infobox"))
        {
            self.at += 1;
            self.read_infobox(record);
        } else if record.title.is_some() {
            let line = self.line_no().min(self.lines.len());
            self.diagnostics.warn(line, "record has no `Infobox`");
        }
        while self.at < self.lines.len() {
            self.read_block(record);
        }
    }

    fn read_infobox(&mut self, record: &mut Record) {
        while let Some(line) = self.current() {
            if line.trim().is_empty() {
                break;
            }
            let Some(item) = list_item(line) else { break };
            match item.split_once(':') {
                Some((key, value)) if !key.trim().is_empty() => record.infobox.push(InfoboxEntry {
                    key: clean_space(key),
                    value: clean_space(value),
                    line: self.line_no(),
                }),
                _ => self.diagnostics.warn(
                    self.line_no(),
                    format!("infobox line `{item}` is not `Key: Value`; ignored"),
                ),
            }
            self.at += 1;
        }
    }

    fn read_block(&mut self, record: &mut Record) {
        let Some(line) = self.current() else { return };
        let line_no = self.line_no();
        if line.trim().is_empty() {
            self.at += 1;
        } else if is_table_line(line) {
            self.read_table(record, None);
        } else if let Some((level, text)) = heading(line) {
            record.blocks.push(Block::Heading {
                level,
                text,
                line: line_no,
            });
            self.at += 1;
        } else if let Some(term) = line.trim_start().strip_prefix(';') {
            self.at += 1;
            let mut lines = Vec::new();
            while let Some(l) = self
                .current()
                .filter(|l| !l.trim().is_empty() && !is_table_line(l) && heading(l).is_none())
            {
                lines.push(Located {
                    value: clean_space(l),
                    line: self.line_no(),
                });
                self.at += 1;
            }
            record.blocks.push(Block::Definition {
                term: clean_space(term),
                lines,
                line: line_no,
            });
        } else if list_item(line).is_some() {
            self.read_list(record);
        } else {
            let mut text = Vec::new();
            while let Some(l) = self.current() {
                if l.trim().is_empty()
                    || is_table_line(l)
                    || heading(l).is_some()
                    || list_item(l).is_some()
                {
                    break;
                }
                text.push(l.trim());
                self.at += 1;
            }
            record.blocks.push(Block::Paragraph {
                text: clean_space(&text.join(" ")),
                line: line_no,
            });
        }
    }

    fn read_list(&mut self, record: &mut Record) {
        let mut items = Vec::new();
        while let Some(line) = self.current() {
            let Some(item) = list_item(line) else { break };
            let indented = line.starts_with(char::is_whitespace);
            let caption = Located {
                value: clean_space(item),
                line: self.line_no(),
            };
            self.at += 1;
            if indented && items.is_empty() && self.next_non_blank_is_table() {
                self.skip_blank();
                self.read_table(record, Some(caption));
                return;
            }
            items.push(caption);
        }
        record.blocks.push(Block::List { items });
    }

    fn next_non_blank_is_table(&self) -> bool {
        self.lines[self.at..]
            .iter()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| is_table_line(l))
    }

    fn read_table(&mut self, record: &mut Record, caption: Option<Located<String>>) {
        let mut rows: Vec<RawRow> = Vec::new();
        while let Some(line) = self.current().filter(|l| is_table_line(l)) {
            rows.push(split_row(self.line_no(), line, self.diagnostics));
            self.at += 1;
        }
        record.blocks.push(Block::Table(build_table(
            rows,
            caption,
            self.lexicon,
            self.diagnostics,
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Block;
    use proptest::prelude::*;

    #[test]
    fn reads_every_kind_of_block() {
        let text = "= T =\n\nInfobox\n- Key: Value, other\n- bad line\n\nProse one\ncontinues.\n\n== H ==\n- item (Tên)\n\n  - Caption\n\n| No. | Name | Took office | Left office |\n| 1 | A | 1945 | 1950 |\n\n;Key\n† Died\n";
        let (r, d) = parse_text("t.txt", "t.txt", text.as_bytes());
        assert_eq!(
            r.title.as_ref().map(|t| (t.value.as_str(), t.line)),
            Some(("T", 1))
        );
        assert_eq!(r.infobox.len(), 1);
        assert_eq!(d.items()[0].line, 5);
        assert!(
            matches!(&r.blocks[0], Block::Paragraph { text, line: 7 } if text == "Prose one continues.")
        );
        assert!(matches!(&r.blocks[1], Block::Heading { level: 2, .. }));
        assert!(matches!(&r.blocks[2], Block::List { items } if items.len() == 1));
        assert!(
            matches!(&r.blocks[3], Block::Table(t) if t.caption.as_ref().is_some_and(|c| c.value == "Caption") && t.rows.len() == 1)
        );
        assert!(matches!(&r.blocks[4], Block::Definition { term, .. } if term == "Key"));
    }

    #[test]
    fn missing_title_and_infobox_are_reported() {
        let (r, d) = parse_text("t.txt", "t.txt", b"just prose\n");
        assert!(r.title.is_none());
        assert_eq!(d.items().len(), 1);
        let (_, d) = parse_text("t.txt", "t.txt", b"= T =\nprose\n");
        assert!(d.items()[0].message.contains("Infobox"));
        let (_, d) = parse_text("t.txt", "t.txt", b"");
        assert_eq!(d.items()[0].line, 1);
    }

    fn record_line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            "\\PC{0,30}",
            "= \\PC{0,10} =",
            "== \\PC{0,10} ==",
            "- [A-Za-z ]{0,8}: \\PC{0,10}",
            "(\\| ?(\\PC{0,6}|[0-9]{1,2} [A-Z][a-z]+ 19[0-9]{2}†?|Incumbent|[0-9]+th CC)? ?){0,9}\\|?",
        ]
    }

    proptest! {
        #[test]
        fn any_lines_parse_without_panic_and_rows_keep_their_lines(lines in proptest::collection::vec(record_line(), 0..40)) {
            let text = lines.join("\n");
            let (record, diagnostics) = parse_text("p.txt", "p.txt", text.as_bytes());
            let n = lines.len().max(1);
            for d in diagnostics.items() {
                prop_assert!(d.line >= 1 && d.line <= n, "diagnostic line {} of {n}", d.line);
            }
            for block in &record.blocks {
                if let Block::Table(t) = block {
                    for row in &t.rows {
                        prop_assert!(lines[row.line - 1].trim_start().starts_with('|'));
                    }
                }
            }
        }

        #[test]
        fn any_bytes_parse_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_text("b.txt", "b.txt", &bytes);
            let _ = crate::record::parse_csv("b.csv", "b.csv", &bytes);
        }
    }
}
