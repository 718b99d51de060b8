//! Parse stage: whether a holder cell names a person at all. A header word repeated in
//! the body (`Name`, `Representative`), a post's title (`Chargé d'Affaires`), a note
//! (`District created`, `Vacant`), a date or a number never becomes a person.

use super::lexicon::Lexicon;
use super::roles::is_name_like;

/// Why a holder cell is not a person, or `None` when it may be one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAPerson {
    /// `Vacant`, `None`, `Position abolished`: the row says nobody held the post.
    Nobody,
    /// A header word or a post's title, a date, a number, a phrase of lower-case words.
    NotAName,
}

/// Words that say the post had no holder.
const NOBODY: [&str; 14] = [
    "vacant",
    "vacancy",
    "none",
    "no one",
    "nobody",
    "n/a",
    "unknown",
    "abolished",
    "position abolished",
    "office abolished",
    "seat abolished",
    "post abolished",
    "tba",
    "tbd",
];

/// Words of parties and groupings: a holder cell made only of them (`Coalition
/// Conservative`, `Liberal Democrat`, `Independent`), or naming a `Party`, is a party.
const POLITICAL: [&str; 26] = [
    "party",
    "parties",
    "alliance",
    "coalition",
    "front",
    "league",
    "movement",
    "bloc",
    "caucus",
    "conservative",
    "conservatives",
    "liberal",
    "liberals",
    "labour",
    "labor",
    "democrat",
    "democrats",
    "democratic",
    "republican",
    "republicans",
    "socialist",
    "communist",
    "independent",
    "unionist",
    "nationalist",
    "national",
];

fn is_political(name: &str) -> bool {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.iter().any(|w| w == "party")
        || (!words.is_empty()
            && words.iter().all(|w| {
                POLITICAL.contains(&w.as_str()) || matches!(w.as_str(), "and" | "the" | "of")
            }))
}

/// Lower-case words that may stand inside a person's name.
const PARTICLES: [&str; 40] = [
    "de", "da", "di", "do", "dos", "das", "del", "della", "der", "den", "du", "la", "le", "van",
    "von", "zu", "y", "e", "bin", "binti", "ibn", "bint", "al", "el", "ben", "of", "the", "and",
    "ten", "ter", "te", "dei", "degli", "af", "av", "zur", "vom", "st", "mac", "ap",
];

/// Whether `name` (a holder cell, footnotes and marks already taken off) names a person.
pub fn not_a_person(name: &str, lexicon: &Lexicon) -> Option<NotAPerson> {
    let lower = name.trim().to_lowercase();
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if NOBODY.contains(&bare) || bare.starts_with("vacant") {
        return Some(NotAPerson::Nobody);
    }
    if !is_name_like(name)
        || lexicon.names_a_column(name)
        || lexicon.is_post_title(name)
        || is_political(name)
    {
        return Some(NotAPerson::NotAName);
    }
    // `District created`, `Seat re-established`: a phrase, not a name. A name's later
    // words are capitalised but for particles (`Gustav von Stackelberg`) and prefixes
    // before a capital (`kaBhekuzulu`); a remark in parentheses does not count.
    let outside: String = super::cell::parentheses(name)
        .iter()
        .fold(name.to_owned(), |s, inner| {
            s.replace(&format!("({inner})"), " ")
        });
    let later: Vec<&str> = outside.split_whitespace().skip(1).collect();
    let lower_words = later
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()) && !w.chars().any(char::is_uppercase))
        .filter(|w| {
            let stem = w.split(['-', '\'', '’']).next().unwrap_or(w);
            !PARTICLES.contains(&stem) && !w.contains('\'') && !w.contains('’')
        })
        .count();
    (lower_words > 0 && lower_words * 2 >= later.len()).then_some(NotAPerson::NotAName)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str) -> Option<NotAPerson> {
        not_a_person(name, &Lexicon::builtin())
    }

    #[test]
    fn people_pass() {
        for name in [
            "Gustav Ernst Graf von Stackelberg",
            "Valéry Giscard d'Estaing",
            "Sultan bin Mohamed Al-Qassimi III",
            "Tô Lâm",
            "Sun Quan",
            "Theodore R. Britton, Jr.",
            "Mario de la Rosa",
            "Goodwill Zwelithini kaBhekuzulu",
            "John Smith (died in office)",
            "Ann Marie Lee Foo acting",
            "A",
        ] {
            assert_eq!(check(name), None, "{name}");
        }
    }

    #[test]
    fn header_words_notes_dates_and_numbers_do_not() {
        assert_eq!(check("Vacant"), Some(NotAPerson::Nobody));
        assert_eq!(check("(vacant)"), Some(NotAPerson::Nobody));
        assert_eq!(check("Position abolished"), Some(NotAPerson::Nobody));
        for text in [
            "Name",
            "Representative",
            "District created",
            "1,234",
            "1990",
            "Chargé d'Affaires",
            "Envoy Extraordinary and Minister Plenipotentiary",
            "Ambassador Extraordinary and Plenipotentiary",
            "Vice President",
            "Coalition Conservative",
            "Octobrist Party",
            "Independent",
        ] {
            assert_eq!(check(text), Some(NotAPerson::NotAName), "{text}");
        }
    }
}
