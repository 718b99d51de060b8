//! Extract stage: the alias table for body terms — `4th CC` is `4th Central
//! Committee` when the record says what `CC` stands for. The table is data
//! (`data/aliases.csv`), embedded as the default and extensible by users.

use crate::record::clean_space;

/// The table shipped with officegraph (`data/aliases.csv`).
const BUILTIN: &str = include_str!("../../../data/aliases.csv");

/// Abbreviation → expansion pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aliases {
    entries: Vec<(String, String)>,
}

/// A malformed alias table.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}:{line}: {message}")]
pub struct AliasError {
    pub source_name: String,
    pub line: u64,
    pub message: String,
}

impl Aliases {
    /// The table shipped with officegraph.
    pub fn builtin() -> Self {
        // The shipped table is checked by a unit test; a broken one yields no aliases.
        Self::from_csv("data/aliases.csv", BUILTIN).unwrap_or_default()
    }

    /// Reads a table: a header row, then `abbreviation,expansion` rows; `#` comments.
    pub fn from_csv(source_name: &str, text: &str) -> Result<Self, AliasError> {
        let error = |line: u64, message: String| AliasError {
            source_name: source_name.to_owned(),
            line,
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .comment(Some(b'#'))
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut entries = Vec::new();
        for row in reader.records() {
            let row =
                row.map_err(|e| error(e.position().map_or(0, |p| p.line()), e.to_string()))?;
            let line = row.position().map_or(0, |p| p.line());
            match (row.get(0), row.get(1)) {
                (Some(a), Some(e)) if !a.is_empty() && !e.is_empty() && !a.contains(' ') => {
                    entries.push((a.to_owned(), clean_space(e)));
                }
                _ => {
                    return Err(error(
                        line,
                        "expected `abbreviation,expansion` (one word, then text)".to_owned(),
                    ))
                }
            }
        }
        Ok(Self { entries })
    }

    /// Adds another table's rows after this one's (earlier rows win on a clash).
    pub fn extend(&mut self, other: Aliases) {
        self.entries.extend(other.entries);
    }

    /// The canonical label of a body term: an abbreviated body word whose expansion the
    /// record spells out (`record_text` is searched case-insensitively) is expanded.
    /// `4th CC` → `4th Central Committee`; anything else is returned as it is.
    pub fn canonical_term(&self, label: &str, record_text_lower: &str) -> String {
        let words: Vec<&str> = label.split(' ').collect();
        let expanded: Vec<String> = words
            .iter()
            .map(|word| {
                let found = self
                    .entries
                    .iter()
                    .find(|(abbreviation, _)| abbreviation == word);
                match found {
                    Some((_, expansion))
                        if record_text_lower.contains(&expansion.to_lowercase()) =>
                    {
                        expansion.clone()
                    }
                    _ => (*word).to_owned(),
                }
            })
            .collect();
        expanded.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_parses() {
        let table =
            Aliases::from_csv("data/aliases.csv", BUILTIN).expect("data/aliases.csv is valid");
        assert!(table
            .entries
            .iter()
            .any(|(a, e)| a == "CC" && e == "Central Committee"));
        assert_eq!(Aliases::builtin(), table);
    }

    #[test]
    fn abbreviations_expand_only_where_the_record_spells_them_out() {
        let table = Aliases::builtin();
        let party = "permanent member of the party central committee's secretariat";
        assert_eq!(
            table.canonical_term("4th CC", party),
            "4th Central Committee"
        );
        assert_eq!(
            table.canonical_term("4th CC", "a record about a cricket club"),
            "4th CC"
        );
        assert_eq!(
            table.canonical_term("5th Central Committee", party),
            "5th Central Committee"
        );
    }

    #[test]
    fn bad_rows_name_their_line() {
        let err = Aliases::from_csv(
            "mine.csv",
            "abbreviation,expansion\nCC,Central Committee\nNA\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "mine.csv:3: expected `abbreviation,expansion` (one word, then text)"
        );
        let table = Aliases::from_csv(
            "mine.csv",
            "abbreviation,expansion\n# a comment\nPB, Politburo \n",
        )
        .unwrap();
        assert_eq!(
            table.canonical_term("9th PB", "the politburo"),
            "9th Politburo"
        );
    }
}
