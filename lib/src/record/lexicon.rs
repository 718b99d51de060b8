//! Parse stage: the column lexicon — which header words name which column role —
//! read from `data/columns.csv` (built in) and from a user's file of the same shape.

use super::cell::strip_footnotes;
use std::sync::{Arc, OnceLock};

/// The meaning of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnKind {
    Ordinal,
    Portrait,
    Name,
    Start,
    End,
    /// A whole term of office in one cell (`1945–1953`).
    Range,
    Duration,
    Rank,
    /// Body terms (`5th Central Committee`), a rowspan column.
    Term,
    Party,
    BirthYear,
    PartyJoinYear,
    BirthPlace,
    Gender,
    /// An age (`51 years, 348 days`): never a term date.
    Age,
    /// A date of death or a life span: never a term date.
    Death,
    /// The post's title in that row (`Ambassador`, `Chargé d'Affaires ad interim`).
    Title,
    /// The government, ministry or cabinet the holder served in.
    Government,
    /// Who appointed the holder, or under whom the holder served.
    Appointer,
    /// A country, nation or state: never a person.
    Country,
    /// An election date or result: never a term date.
    Election,
    /// Notes, remarks, reasons.
    Notes,
    /// Dates that are not the term's (an appointment beside the credentials, a
    /// marriage): kept as written, but a date fits there when rows are realigned.
    OtherDate,
    /// Kept raw under its header (or `columnN` when unnamed).
    Other,
}

impl ColumnKind {
    /// Whether an empty cell of this column takes the value above (a rowspan column).
    pub fn inherits(self) -> bool {
        matches!(self, ColumnKind::Term | ColumnKind::Party)
    }
}

/// What a header's words say of its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeaderRole {
    /// A plain role.
    Kind(ColumnKind),
    /// The header names the office itself ("Governor", "Representative"): the holder
    /// when the table has no name column, else whom the holder served under.
    Post,
    /// A start that gives way to a plain start column ("Appointment" beside
    /// "Credentials presented").
    WeakStart,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Phrase {
    /// The whole header.
    Exact(String),
    /// Whole words anywhere in the header.
    Words(String),
}

/// An ordered list of header phrases and their roles; the first match wins.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lexicon {
    rows: Vec<(Phrase, HeaderRole)>,
}

/// A lexicon file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct LexiconError {
    pub line: usize,
    pub message: String,
}

const BUILTIN: &str = include_str!("../../../data/columns.csv");

/// Words of posts' titles that are no header on their own.
const TITLE_WORDS: [&str; 16] = [
    "extraordinary",
    "plenipotentiary",
    "resident",
    "ad",
    "interim",
    "acting",
    "deputy",
    "vice",
    "general",
    "special",
    "envoy",
    "chargé",
    "charge",
    "affaires",
    "d",
    "first",
];

fn role_named(name: &str) -> Option<HeaderRole> {
    use ColumnKind as K;
    Some(match name {
        "holder" => HeaderRole::Kind(K::Name),
        "post" => HeaderRole::Post,
        "start" => HeaderRole::Kind(K::Start),
        "start-weak" => HeaderRole::WeakStart,
        "end" => HeaderRole::Kind(K::End),
        "range" => HeaderRole::Kind(K::Range),
        "ordinal" => HeaderRole::Kind(K::Ordinal),
        "portrait" => HeaderRole::Kind(K::Portrait),
        "duration" => HeaderRole::Kind(K::Duration),
        "age" => HeaderRole::Kind(K::Age),
        "rank" => HeaderRole::Kind(K::Rank),
        "term" => HeaderRole::Kind(K::Term),
        "party" => HeaderRole::Kind(K::Party),
        "birth" => HeaderRole::Kind(K::BirthYear),
        "death" => HeaderRole::Kind(K::Death),
        "party-join" => HeaderRole::Kind(K::PartyJoinYear),
        "birthplace" => HeaderRole::Kind(K::BirthPlace),
        "gender" => HeaderRole::Kind(K::Gender),
        "title" => HeaderRole::Kind(K::Title),
        "government" => HeaderRole::Kind(K::Government),
        "appointer" => HeaderRole::Kind(K::Appointer),
        "country" => HeaderRole::Kind(K::Country),
        "election" => HeaderRole::Kind(K::Election),
        "notes" => HeaderRole::Kind(K::Notes),
        "other" => HeaderRole::Kind(K::Other),
        _ => return None,
    })
}

/// A header as the lexicon compares it: footnotes dropped, lower case, every
/// character but letters, digits and `#` read as a space, spaces folded.
pub fn header_key(header: &str) -> String {
    strip_footnotes(header)
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '#' {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Lexicon {
    /// The built-in lexicon, `data/columns.csv`.
    pub fn builtin() -> Arc<Lexicon> {
        static BUILT: OnceLock<Arc<Lexicon>> = OnceLock::new();
        BUILT
            .get_or_init(|| Arc::new(Lexicon::parse(BUILTIN).unwrap_or_default()))
            .clone()
    }

    /// Reads a lexicon file: `role,phrase` rows under that header line; `#` lines
    /// are comments.
    pub fn parse(text: &str) -> Result<Lexicon, LexiconError> {
        let mut rows = Vec::new();
        let mut seen_header = false;
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((role, phrase)) = line.split_once(',') else {
                return Err(LexiconError {
                    line: line_no,
                    message: format!("`{line}` is not `role,phrase`"),
                });
            };
            let (role, phrase) = (role.trim(), phrase.trim());
            if !seen_header && role == "role" && phrase == "phrase" {
                seen_header = true;
                continue;
            }
            let role = role_named(role).ok_or_else(|| LexiconError {
                line: line_no,
                message: format!("`{role}` is not a column role"),
            })?;
            let phrase = match phrase.strip_prefix('=') {
                Some(exact) => Phrase::Exact(header_key(exact)),
                None => Phrase::Words(header_key(phrase)),
            };
            if matches!(&phrase, Phrase::Exact(p) | Phrase::Words(p) if p.is_empty()) {
                return Err(LexiconError {
                    line: line_no,
                    message: "empty phrase".into(),
                });
            }
            rows.push((phrase, role));
        }
        Ok(Lexicon { rows })
    }

    /// This lexicon with `first`'s rows tried before its own.
    pub fn extended_by(&self, first: &Lexicon) -> Lexicon {
        Lexicon {
            rows: first.rows.iter().chain(&self.rows).cloned().collect(),
        }
    }

    /// The role a header names, or `None` when it is empty or names nothing known.
    pub fn role(&self, header: &str) -> Option<HeaderRole> {
        let key = header_key(header);
        if key.is_empty() {
            return None;
        }
        self.rows
            .iter()
            .find(|(phrase, _)| match phrase {
                Phrase::Exact(p) => *p == key,
                Phrase::Words(p) => contains_phrase(&key, p),
            })
            .map(|(_, role)| *role)
    }
}

impl Lexicon {
    /// Whether every word of `text` (but `and`, `of`, `the`) is a word of a phrase
    /// naming a post (`Envoy Extraordinary and Minister Plenipotentiary`): a title,
    /// not a person.
    pub fn is_post_title(&self, text: &str) -> bool {
        let post_words: std::collections::HashSet<&str> = self
            .rows
            .iter()
            .filter(|(_, role)| {
                matches!(role, HeaderRole::Post | HeaderRole::Kind(ColumnKind::Title))
            })
            .flat_map(|(phrase, _)| match phrase {
                Phrase::Exact(p) | Phrase::Words(p) => p.split(' '),
            })
            .chain(TITLE_WORDS)
            .collect();
        let key = header_key(text);
        let words: Vec<&str> = key
            .split(' ')
            .filter(|w| !matches!(*w, "and" | "of" | "the" | "to" | "for"))
            .collect();
        !words.is_empty() && words.iter().all(|w| post_words.contains(w))
    }

    /// Whether the whole of `text` is one of the lexicon's phrases (a header word or a
    /// post's title such as `Name`, `Representative`, `Chargé d'Affaires`).
    pub fn names_a_column(&self, text: &str) -> bool {
        let key = header_key(text);
        !key.is_empty()
            && self.rows.iter().any(
                |(phrase, _)| matches!(phrase, Phrase::Exact(p) | Phrase::Words(p) if *p == key),
            )
    }
}

/// Whether `phrase` occurs in `text` as whole words (space-separated), without
/// allocating: this runs for every cell of every header candidate.
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColumnKind as K;

    #[test]
    fn the_builtin_file_reads_whole() {
        assert!(Lexicon::parse(BUILTIN).is_ok());
        assert!(Lexicon::builtin().rows.len() > 100);
    }

    #[test]
    fn first_match_wins_and_exact_phrases_need_the_whole_header() {
        let l = Lexicon::builtin();
        let kind = |h: &str| l.role(h);
        assert_eq!(kind("Age at inauguration"), Some(HeaderRole::Kind(K::Age)));
        assert_eq!(
            kind("Date of inauguration"),
            Some(HeaderRole::Kind(K::Start))
        );
        assert_eq!(kind("Date of birth"), Some(HeaderRole::Kind(K::BirthYear)));
        assert_eq!(kind("No."), Some(HeaderRole::Kind(K::Ordinal)));
        assert_eq!(kind("No. of counties"), None);
        assert_eq!(kind("Term of Office"), Some(HeaderRole::Kind(K::Range)));
        assert_eq!(
            kind("Presentation of Credentials"),
            Some(HeaderRole::Kind(K::Start))
        );
        assert_eq!(
            kind("Termination of Mission"),
            Some(HeaderRole::Kind(K::End))
        );
        assert_eq!(kind("Appointment"), Some(HeaderRole::WeakStart));
        assert_eq!(kind("Representative"), Some(HeaderRole::Post));
        assert_eq!(
            kind("Federal (National) Chairperson"),
            Some(HeaderRole::Post)
        );
        assert_eq!(
            kind("President(s) served under"),
            Some(HeaderRole::Kind(K::Appointer))
        );
        assert_eq!(kind("Nation(s)"), Some(HeaderRole::Kind(K::Country)));
        assert_eq!(kind("Years reigned"), Some(HeaderRole::Kind(K::Duration)));
        assert_eq!(kind("Took office[1]"), Some(HeaderRole::Kind(K::Start)));
        assert_eq!(kind("Remarks about it"), Some(HeaderRole::Kind(K::Notes)));
        assert_eq!(kind("Zebra"), None);
        assert_eq!(kind(""), None);
    }

    #[test]
    fn a_users_rows_come_first() {
        let mine = Lexicon::parse("role,phrase\nholder,zebra\nend,=appointment\n").unwrap();
        let l = Lexicon::builtin().extended_by(&mine);
        assert_eq!(l.role("Zebra"), Some(HeaderRole::Kind(K::Name)));
        assert_eq!(l.role("Appointment"), Some(HeaderRole::Kind(K::End)));
    }

    #[test]
    fn bad_rows_name_their_line() {
        assert_eq!(
            Lexicon::parse("role,phrase\nwizard,x\n").unwrap_err().line,
            2
        );
        assert_eq!(Lexicon::parse("# c\nholder\n").unwrap_err().line, 2);
        assert_eq!(Lexicon::parse("holder,=\n").unwrap_err().line, 1);
    }
}
