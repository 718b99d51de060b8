//! Parse stage: reading single cells and values — footnotes, `†`, `Incumbent`, body
//! terms, Vietnamese names, comma lists. Name cells are read in [`super::name`].

use super::date::{parse_date, DateError, PartialDate};

/// Name cells moved to [`super::name`]; `table.rs` still imports it from here.
pub(super) use super::name::parse_name_cell;

/// Collapses whitespace runs to one space and trims.
pub fn clean_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes footnote markers (`[a]`, `[1]`, `[note 2]`, `[citation needed]`) and
/// normalizes whitespace.
pub fn strip_footnotes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) if close <= 24 && !after[..close].contains('[') => {
                rest = &after[close + 1..]
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    clean_space(&out)
}

/// What an end-date cell says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EndCell {
    pub date: Option<PartialDate>,
    pub incumbent: bool,
    pub died_in_office: bool,
}

/// Whether a cell says the holder is still in office.
pub fn is_incumbent_marker(s: &str) -> bool {
    let lower = strip_footnotes(s).to_lowercase();
    let lower = lower.trim_end_matches(['.', ')']).trim();
    matches!(
        lower,
        "incumbent" | "present" | "current" | "in office" | "to date" | "now"
    ) || lower.starts_with("incumbent")
}

/// Reads a date cell (start or end): `6 September 1931†`, `Incumbent`, `present`.
pub fn parse_date_cell(cell: &str) -> Result<EndCell, DateError> {
    let text = strip_footnotes(cell);
    let died = text.contains('†');
    let text = clean_space(&text.replace('†', " "));
    if is_incumbent_marker(&text) {
        return Ok(EndCell {
            date: None,
            incumbent: true,
            died_in_office: died,
        });
    }
    let date = parse_date(&text)?;
    Ok(EndCell {
        date: Some(date),
        incumbent: false,
        died_in_office: died,
    })
}

/// Whether a text reads as a numbered body term: `5th Central Committee`, `14th
/// National Assembly`, `4th CC (1976–1982)`, `XII Congress`.
pub fn is_term_like(s: &str) -> bool {
    let s = s.trim();
    let first = s.split_whitespace().next().unwrap_or("");
    let rest = s[first.len()..].trim();
    if rest.is_empty() || !rest.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let lower = first.to_lowercase();
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &lower[digits.len()..];
    let ordinal_number = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits.len() <= 3
        && matches!(suffix, "st" | "nd" | "rd" | "th");
    ordinal_number
        || (first.len() <= 6 && first.chars().all(|c| "IVXLC".contains(c)) && !first.is_empty())
}

/// Splits a term cell that lists several terms (`2nd Central Committee 3rd Central
/// Committee`, or separated by `,`/`;`) and normalizes each label (a trailing
/// parenthesis such as `(1976–1982)` is dropped).
pub fn split_terms(cell: &str) -> Vec<String> {
    let text = strip_footnotes(cell);
    let mut pieces: Vec<String> = Vec::new();
    for part in text.split([',', ';']) {
        let words: Vec<&str> = part.split_whitespace().collect();
        let mut current: Vec<&str> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let starts_term =
                !current.is_empty() && is_term_like(&words[i..].join(" ")) && is_ordinal_word(w);
            if starts_term {
                pieces.push(current.join(" "));
                current.clear();
            }
            current.push(w);
        }
        if !current.is_empty() {
            pieces.push(current.join(" "));
        }
    }
    pieces
        .iter()
        .map(|p| term_label(p))
        .filter(|p| !p.is_empty())
        .collect()
}

fn is_ordinal_word(w: &str) -> bool {
    let lower = w.to_lowercase();
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(&lower[digits.len()..], "st" | "nd" | "rd" | "th")
}

/// A term's label: footnotes and a trailing parenthesis removed.
pub fn term_label(s: &str) -> String {
    let s = strip_footnotes(s);
    let s = match (s.rfind('('), s.ends_with(')')) {
        (Some(open), true) if open > 0 => s[..open].trim_end().to_owned(),
        _ => s,
    };
    clean_space(&s)
}

/// Whether a text is Vietnamese by its letters: đ ơ ư ă, a tone-marked Latin letter
/// (U+1EA0–U+1EF9), or another precomposed letter with two diacritics.
pub fn is_vietnamese(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(
            c,
            'đ' | 'Đ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'ă' | 'Ă' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ'
        ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
    })
}

/// The Vietnamese names given in parentheses in a paragraph or list item: each
/// parenthesis split at `;` and `,`, abbreviations (no lower-case letter) dropped, a
/// leading `Vietnamese:` dropped.
pub fn vietnamese_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    for inner in parentheses(text) {
        for piece in inner.split([';', ',']) {
            let piece = piece.trim();
            let piece = piece
                .strip_prefix("Vietnamese:")
                .or_else(|| piece.strip_prefix("vi:"))
                .unwrap_or(piece)
                .trim();
            let piece = clean_space(piece);
            if piece.chars().any(char::is_lowercase)
                && is_vietnamese(&piece)
                && !is_english_phrase(&piece)
                && !names.contains(&piece)
            {
                names.push(piece);
            }
        }
    }
    names
}

/// Whether a parenthesis reads as an English remark that merely mentions a
/// Vietnamese name (`born 1957 in Hà Tĩnh`) rather than being one.
fn is_english_phrase(piece: &str) -> bool {
    piece.split_whitespace().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "born"
                | "died"
                | "in"
                | "of"
                | "the"
                | "and"
                | "since"
                | "until"
                | "from"
                | "b."
                | "d."
        )
    })
}

/// The contents of top-level parentheses, in order.
pub fn parentheses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    start = i + 1;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(&text[start..i]);
                }
            }
            _ => {}
        }
    }
    out
}

/// Splits an infobox value into items: at `, `, and the last item of a comma list at
/// ` and ` (`Central Committee, Political Bureau and the Secretariat`). Text inside
/// parentheses is never split.
pub fn split_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth <= 0 && chars.peek().is_none_or(|n| n.is_whitespace()) {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    items.push(current);
    let mut items: Vec<String> = items
        .iter()
        .map(|s| strip_footnotes(s))
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() >= 2 {
        if let Some(last) = items.pop() {
            match last.split_once(" and ") {
                Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                    items.push(a.trim().to_owned());
                    items.push(b.trim().to_owned());
                }
                _ => items.push(last),
            }
        }
    }
    items
}

/// Drops a leading article from an organization name (`the Party Central Committee`).
pub fn strip_article(name: &str) -> &str {
    name.strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name)
        .trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_go_but_brackets_with_long_text_stay() {
        assert_eq!(strip_footnotes("Trần Phú[a]"), "Trần Phú");
        assert_eq!(strip_footnotes("1945[1][note 2] "), "1945");
        assert_eq!(
            strip_footnotes("[this is not a footnote marker at all]"),
            "[this is not a footnote marker at all]"
        );
        assert_eq!(strip_footnotes("a [b"), "a [b");
    }

    #[test]
    fn date_cells_know_death_and_incumbency() {
        let c = parse_date_cell("6 September 1931†").unwrap();
        assert!(c.died_in_office && c.date.unwrap().to_string() == "1931-09-06");
        assert!(parse_date_cell("Incumbent").unwrap().incumbent);
        assert!(parse_date_cell("present[3]").unwrap().incumbent);
        assert!(parse_date_cell("c. 1955").is_err());
    }

    #[test]
    fn terms_are_recognised_and_split() {
        assert!(is_term_like("12th Central Committee"));
        assert!(is_term_like("4th CC (1976–1982)"));
        assert!(!is_term_like("Provisional Central Committee"));
        assert!(!is_term_like(
            "General Secretary of the Indochinese Communist Party Central Committee"
        ));
        assert!(!is_term_like("1911"));
        assert_eq!(
            split_terms("2nd Central Committee 3rd Central Committee"),
            vec!["2nd Central Committee", "3rd Central Committee"]
        );
        assert_eq!(split_terms("4th CC (1976–1982)"), vec!["4th CC"]);
        assert_eq!(
            split_terms("Provisional Central Committee"),
            vec!["Provisional Central Committee"]
        );
    }

    #[test]
    fn vietnamese_names_come_from_parentheses() {
        let p = "The General Staff (GS; Bộ Tổng Tham mưu) is … (Tổng bí thư, TBT) (CPV)";
        assert_eq!(vietnamese_names(p), vec!["Bộ Tổng Tham mưu", "Tổng bí thư"]);
        assert_eq!(
            vietnamese_names("(Vietnamese: Tổng tham mưu trưởng)"),
            vec!["Tổng tham mưu trưởng"]
        );
        assert!(vietnamese_names("Tô Lâm (born 1957 in Hưng Yên)").is_empty());
        assert!(is_vietnamese("Lữ đoàn 144") && !is_vietnamese("Office of the General Staff"));
    }

    #[test]
    fn lists_split_at_commas_and_a_final_and() {
        assert_eq!(
            split_list("Central Committee, Political Bureau and the Secretariat"),
            vec!["Central Committee", "Political Bureau", "the Secretariat"]
        );
        assert_eq!(
            split_list("Department of Disaster Response and SAR"),
            vec!["Department of Disaster Response and SAR"]
        );
        assert_eq!(split_list("30,420,000₫ monthly ($1,186 USD)").len(), 1);
    }
}
