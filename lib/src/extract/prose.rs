//! Extract stage (within one record): clues in a record's prose that name a holder the table leaves
//! unnamed — "appointed … on 25 October 2024 to replace Lương Cường" says Lương
//! Cường held the tenure that ends on 25 October 2024.
//!
//! Only clauses that carry their own date or name a neighbour are read; a pronoun
//! (`He was succeeded by …`) is not a name. The reader is deliberately narrow: a clue
//! it cannot place exactly is reported, never guessed.

use crate::date::PartialDate;
use crate::record::clean_space;
use crate::record::date::parse_date;

/// What a clue says about the tenure it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// The named person's tenure ended on this date (`… on D to replace X`).
    EndsOn(PartialDate),
    /// The named person's tenure started on this date (`X was appointed … on D`).
    StartsOn(PartialDate),
    /// The named person came right after this holder (`Y was succeeded by X`).
    After(String),
    /// The named person came right before this holder (`X was succeeded by Y`).
    Before(String),
}

/// One clue: a name, where it points, and the words it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clue {
    pub name: String,
    pub anchor: Anchor,
    pub line: usize,
    pub quote: String,
}

const PREDECESSOR: [&str; 6] = [
    "to replace ",
    "replacing ",
    "in place of ",
    "succeeding ",
    "who succeeded ",
    "who replaced ",
];
const SUCCESSOR: [&str; 2] = ["was succeeded by ", "was replaced by "];
const STARTED: [&str; 6] = [
    "was appointed",
    "was elected",
    "took office",
    "assumed office",
    "was sworn in",
    "was named",
];
/// Words of a title or rank that may stand before a name (`General Secretary Tô Lâm`).
const TITLE_WORDS: [&str; 24] = [
    "General",
    "Secretary",
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Comrade",
    "Major",
    "Lieutenant",
    "Colonel",
    "Senior",
    "Deputy",
    "Premier",
    "Marshal",
    "Admiral",
    "Mr.",
    "Mrs.",
    "Dr.",
    "Governor",
    "Mayor",
    "Chief",
];
/// Words ending in a full stop that do not end a sentence.
const ABBREVIATIONS: [&str; 14] = [
    "No.", "Mr.", "Mrs.", "Dr.", "Gen.", "Lt.", "Col.", "St.", "Jr.", "Sr.", "c.", "ca.", "e.g.",
    "i.e.",
];
/// Capitalized words that never start a name.
const NOT_NAMES: [&str; 12] = [
    "He", "She", "They", "His", "Her", "The", "This", "It", "In", "On", "After", "Before",
];

/// Reads the clues of one paragraph that starts at `line`.
pub fn clues(paragraph: &str, line: usize) -> Vec<Clue> {
    let mut out = Vec::new();
    for sentence in sentences(paragraph) {
        let clauses: Vec<&str> = sentence.split([',', ';']).map(str::trim).collect();
        for (i, clause) in clauses.iter().enumerate() {
            let lower = clause.to_ascii_lowercase(); // ASCII only: byte offsets stay valid for `clause`
            let date = date_in(clause);
            let quote = clean_space(clause);
            // `appointed on D, replacing Y`: a clause that opens with the phrase takes
            // the date of the clause before it.
            let opens_with_phrase = PREDECESSOR.iter().any(|p| lower.starts_with(p));
            let predecessor_date = date.or_else(|| {
                let previous = i.checked_sub(1).map(|j| clauses[j])?;
                let started = STARTED
                    .iter()
                    .any(|v| previous.to_ascii_lowercase().contains(v));
                if opens_with_phrase && started {
                    date_in(previous)
                } else {
                    None
                }
            });
            for phrase in PREDECESSOR {
                if let (Some(at), Some(date)) = (lower.find(phrase), predecessor_date) {
                    if let Some(name) = name_at(&clause[at + phrase.len()..]) {
                        out.push(Clue {
                            name,
                            anchor: Anchor::EndsOn(date),
                            line,
                            quote: quote.clone(),
                        });
                    }
                }
            }
            for phrase in SUCCESSOR {
                let Some(at) = lower.find(phrase) else {
                    continue;
                };
                let Some(name) = name_at(&clause[at + phrase.len()..]) else {
                    continue;
                };
                if let Some(date) = date {
                    out.push(Clue {
                        name,
                        anchor: Anchor::StartsOn(date),
                        line,
                        quote: quote.clone(),
                    });
                } else if let Some(before) = subject_of(&clauses, i, at) {
                    out.push(Clue {
                        name,
                        anchor: Anchor::After(before),
                        line,
                        quote: quote.clone(),
                    });
                }
            }
            if let Some(date) = date {
                if let Some(at) = STARTED.iter().filter_map(|v| lower.find(v)).min() {
                    if let Some(name) = subject_of(&clauses, i, at) {
                        out.push(Clue {
                            name,
                            anchor: Anchor::StartsOn(date),
                            line,
                            quote: quote.clone(),
                        });
                    }
                }
            }
        }
        // `Y succeeded X` / `Y replaced X` without a date: neighbours.
        for verb in [" succeeded ", " replaced "] {
            for (at, _) in sentence.match_indices(verb) {
                let before = &sentence[..at];
                let after = &sentence[at + verb.len()..];
                let already = before.to_ascii_lowercase().ends_with("who")
                    || before.to_ascii_lowercase().ends_with(" was");
                if let (false, Some(successor), Some(predecessor)) =
                    (already, last_name(before), name_at(after))
                {
                    out.push(Clue {
                        name: successor,
                        anchor: Anchor::After(predecessor),
                        line,
                        quote: clean_space(&sentence),
                    });
                }
            }
        }
    }
    out
}

fn sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = paragraph.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        current.push(*c);
        let ends = *c == '.' && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        let next_upper = chars.get(i + 2).is_none_or(|n| n.is_uppercase());
        // Only at a candidate end, and from the back: scanning `current` from its start
        // at every character was quadratic in the sentence length.
        let abbreviation = || {
            current
                .split_whitespace()
                .next_back()
                .is_some_and(|w| ABBREVIATIONS.contains(&w))
        };
        if ends && next_upper && !abbreviation() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

/// A date written in a clause (`on 25 October 2024`, `in December 1986`).
fn date_in(clause: &str) -> Option<PartialDate> {
    let words: Vec<&str> = clause
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c == '.' || c == ')' || c == '('))
        .collect();
    for len in [3, 2] {
        // Every date this parser reads has a year: windows without a digit are skipped
        // (on long prose, joining and parsing every window dominated the run time).
        let dated = |w: &&[&str]| w.iter().any(|w| w.bytes().any(|b| b.is_ascii_digit()));
        for window in words.windows(len).filter(dated) {
            if let Ok(date) = parse_date(&window.join(" ")) {
                return Some(date);
            }
        }
    }
    None
}

/// The name that starts `text` (after any title words): capitalized words in a row.
fn name_at(text: &str) -> Option<String> {
    let mut words = text.split_whitespace().peekable();
    while words.peek().is_some_and(|w| TITLE_WORDS.contains(w)) {
        words.next();
    }
    let mut name = Vec::new();
    for word in words {
        let trimmed = word.trim_end_matches([',', '.', ';', ':', ')', '\'']);
        let capitalized = trimmed.chars().next().is_some_and(char::is_uppercase);
        if !capitalized || (name.is_empty() && NOT_NAMES.contains(&trimmed)) {
            break;
        }
        name.push(trimmed.trim_end_matches("'s"));
        if trimmed.len() != word.len() {
            break; // punctuation ends the name
        }
    }
    (!name.is_empty()).then(|| name.join(" "))
}

/// The last name in a text (`The current officeholder is Trần Cẩm Tú`).
fn last_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut start = words.len();
    while start > 0 {
        let w = words[start - 1].trim_end_matches([',', '.']);
        if w.chars().next().is_some_and(char::is_uppercase)
            && !TITLE_WORDS.contains(&w)
            && !NOT_NAMES.contains(&w)
        {
            start -= 1;
        } else {
            break;
        }
    }
    (start < words.len()).then(|| {
        words[start..]
            .join(" ")
            .trim_end_matches([',', '.'])
            .to_owned()
    })
}

/// Who a clause's verb is about: the name just before it in the clause, or — for a
/// clause that starts with `who` — the last name of the clause before.
fn subject_of(clauses: &[&str], index: usize, verb_at: usize) -> Option<String> {
    let clause = clauses[index];
    let before = clause[..verb_at].trim();
    if before.eq_ignore_ascii_case("who") {
        return index.checked_sub(1).and_then(|i| last_name(clauses[i]));
    }
    last_name(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn the_seed_sentence_names_the_predecessor_and_the_incumbent() {
        let p = "The current officeholder is Trần Cẩm Tú, who was appointed by a decision of the 13th Politburo on 25 October 2024 to replace Lương Cường, who was appointed as President of Vietnam, succeeding General Secretary Tô Lâm.";
        let found = clues(p, 25);
        assert!(found.contains(&Clue {
            name: "Lương Cường".into(),
            anchor: Anchor::EndsOn(date("25 October 2024")),
            line: 25,
            quote: "who was appointed by a decision of the 13th Politburo on 25 October 2024 to replace Lương Cường".into(),
        }), "{found:#?}");
        assert!(
            found.iter().any(|c| c.name == "Trần Cẩm Tú"
                && c.anchor == Anchor::StartsOn(date("25 October 2024"))),
            "{found:#?}"
        );
        assert!(
            !found.iter().any(|c| c.name == "Tô Lâm"),
            "no date in that clause: {found:#?}"
        );
    }

    #[test]
    fn pronouns_are_not_names() {
        assert!(clues("He was succeeded by Trường Chinh.", 1).is_empty());
        assert!(clues(
            "Nông Đức Mạnh succeeded him, and he came to be considered a modernizer.",
            1
        )
        .is_empty());
    }

    #[test]
    fn neighbours_without_dates() {
        let found = clues(
            "Lê Khả Phiêu succeeded Đỗ Mười. Trần Phú was succeeded by Lê Hồng Phong.",
            3,
        );
        assert!(
            found
                .iter()
                .any(|c| c.name == "Lê Khả Phiêu" && c.anchor == Anchor::After("Đỗ Mười".into())),
            "{found:#?}"
        );
        assert!(
            found
                .iter()
                .any(|c| c.name == "Lê Hồng Phong" && c.anchor == Anchor::After("Trần Phú".into())),
            "{found:#?}"
        );
    }

    #[test]
    fn letters_that_change_length_in_lower_case_do_not_shift_names() {
        let p =
            "Ann Bee was appointed by the İİİİİİİİİİİİ Council on 2 May 2020 to replace Carl Dee.";
        let found = clues(p, 3);
        assert!(
            found
                .iter()
                .any(|c| c.name == "Carl Dee" && c.anchor == Anchor::EndsOn(date("2 May 2020"))),
            "{found:#?}"
        );
        assert!(found.iter().any(|c| c.name == "Ann Bee"), "{found:#?}");
    }

    #[test]
    fn dated_appointments() {
        let found = clues(
            "Võ Văn Kiệt was appointed on 8 August 1991, replacing Đỗ Mười.",
            7,
        );
        assert!(
            found
                .iter()
                .any(|c| c.name == "Võ Văn Kiệt"
                    && c.anchor == Anchor::StartsOn(date("8 August 1991"))),
            "{found:#?}"
        );
        let found = clues(
            "On 2 March 2018 Nguyễn Văn A was succeeded by Trần Quốc Vượng.",
            7,
        );
        assert!(
            found.iter().any(|c| c.name == "Trần Quốc Vượng"
                && c.anchor == Anchor::StartsOn(date("2 March 2018"))),
            "{found:#?}"
        );
    }
}
