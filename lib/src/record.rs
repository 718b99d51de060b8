//! Parse stage: the record format (docs/design.md §2), CSV and rendered HTML read into a typed
//! [`Record`].
//!
//! Parsing knows nothing of RDF. Every element keeps its 1-based source line, and
//! every problem becomes a [`Diagnostic`]; no input makes the parser panic.

mod cell;
mod clean;
mod columns;
mod continuation;
mod csv_input;
pub mod date;
mod day_first;
mod diagnostic;
mod holder;
mod html;
mod lexer;
pub mod lexicon;
mod name;
mod realign;
mod roles;
mod rows;
mod table;
mod text;

pub use cell::{clean_space, parentheses, strip_article, term_label};
pub use cell::{is_vietnamese, split_list, strip_footnotes, vietnamese_names};
pub use cell::{parse_date_cell, read_date_cell, read_range_cell, EndCell, RangeCell};
pub use columns::ColumnKind;
pub use csv_input::parse_csv;
pub use date::{DateError, DateReading, PartialDate, Precision};
pub use diagnostic::{Diagnostic, Diagnostics, Severity};
pub use html::{parse_html, parse_html_with};
pub use lexer::{parse_text, parse_text_with};
pub use name::{honorifics, parse_name, parse_name_cell, NameCell};
pub use text::decode;

/// A record: one source document about one subject (a position or an organization).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// The source's display name (a path or a file name), used in diagnostics.
    pub source: String,
    /// The file name without folders, e.g. `000_e4a9c8e7bf582234.txt`.
    pub file_name: String,
    /// `= Title =`, or `None` when the record has no title line.
    pub title: Option<Located<String>>,
    /// `Infobox` entries in order.
    pub infobox: Vec<InfoboxEntry>,
    /// Everything after the infobox, in order.
    pub blocks: Vec<Block>,
    /// A table file (CSV): no subject, every row names its own position.
    pub is_table_file: bool,
}

/// A value with the 1-based line it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub line: usize,
}

/// `- Key: Value` inside the infobox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InfoboxEntry {
    pub key: String,
    pub value: String,
    pub line: usize,
}

/// One element of the record body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `== Heading ==` (level 2) or `===Sub===` (level 3)…
    Heading {
        level: usize,
        text: String,
        line: usize,
    },
    /// A prose paragraph (consecutive text lines joined by a space).
    Paragraph { text: String, line: usize },
    /// `- item` lines.
    List { items: Vec<Located<String>> },
    /// `;Key` followed by its lines.
    Definition {
        term: String,
        lines: Vec<Located<String>>,
        line: usize,
    },
    /// A pipe table, realigned and typed.
    Table(OfficeTable),
}

/// A pipe table read as a list of officeholders.
#[derive(Debug, Clone, PartialEq)]
pub struct OfficeTable {
    /// Line of the first table row.
    pub line: usize,
    /// A caption line just above the table (`  - Caption`), if any.
    pub caption: Option<Located<String>>,
    /// The title row before the first header row, if any (an era heading that names
    /// the table's post, e.g. seed 000's Chairman table).
    pub title: Option<Located<String>>,
    /// The columns, typed by header wording and content.
    pub columns: Vec<Column>,
    /// Every era heading of the table, in order (the title included).
    pub eras: Vec<Located<String>>,
    /// One entry per data row, in table order.
    pub rows: Vec<HolderRow>,
    /// Whether the table has a header row and at least one date column: a table that
    /// is not a list of officeholders keeps its rows but has `is_officeholder_table`
    /// false.
    pub is_officeholder_table: bool,
}

/// A column of a table: its header text as written (may be empty) and its meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub header: String,
    pub kind: ColumnKind,
}

/// One holder row of a table (or one CSV row), realigned, inherited and parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HolderRow {
    pub line: usize,
    /// The position this row is about when the input names it per row (CSV).
    pub position: Option<String>,
    /// The era heading in force (the post's title at that time).
    pub era_title: Option<String>,
    pub ordinal: Option<u64>,
    /// Holder name: the name cell read by [`parse_name_cell`] (NFC; footnotes, acting
    /// marks, life dates, honorifics, notes and post-nominals taken off); `None` if empty.
    pub name: Option<String>,
    pub acting: bool,
    /// The holder cell as written (footnotes dropped), when the name was separated
    /// from more (life dates, honorific, term note, post-nominals): `og:nameAsWritten`.
    pub name_as_written: Option<String>,
    /// An honorific or rank written before the name (`Sir`, `Gen.`): `og:honorific`.
    pub honorific: Option<String>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// The start or end is approximate (`c. 1955`, `1955?`): `og:startCirca` / `og:endCirca`.
    pub start_circa: bool,
    pub end_circa: bool,
    /// Later holdings written in the same term cell (`1899–1903 1905–1924`): each
    /// `(start, end, incumbent)` becomes a tenure of its own.
    pub later_terms: Vec<(Option<PartialDate>, Option<PartialDate>, bool)>,
    pub incumbent: bool,
    pub died_in_office: bool,
    pub rank: Option<String>,
    /// Every body term the row spans, in order, labels normalized.
    pub terms: Vec<Located<String>>,
    pub birth_year: Option<i32>,
    pub party_join_year: Option<i32>,
    pub birth_place: Option<String>,
    pub gender: Option<String>,
    /// Cells that map to nothing, or could not be parsed: (raw key, text).
    pub extra: Vec<(String, String)>,
}
