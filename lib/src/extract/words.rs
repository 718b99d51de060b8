//! Extract stage: the words that tell what a title or heading is about — head nouns
//! of offices and of organizations, and the singular of a plural heading. Used by the
//! subject and positions readers.

/// The singular of a heading's head noun: `Vice Presidents` → `Vice President`,
/// `Chiefs of Staff` → `Chief of Staff`, `Secretaries` → `Secretary`, `Ministers for
/// Development` → `Minister for Development`.
pub fn singular(heading: &str) -> String {
    let split = [" of ", " for ", " to "]
        .iter()
        .filter_map(|sep| heading.find(sep).map(|i| (i, *sep)))
        .min();
    let (head, tail) = split.map_or((heading, None), |(i, sep)| {
        (&heading[..i], Some((sep, &heading[i + sep.len()..])))
    });
    let mut words: Vec<String> = head.split_whitespace().map(str::to_owned).collect();
    if let Some(last) = words.last_mut() {
        let lower = last.to_lowercase();
        if let Some(stem) = last.strip_suffix("ies").filter(|_| lower.len() > 4) {
            *last = format!("{stem}y");
        } else if ["ches", "shes", "sses", "xes"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            last.truncate(last.len() - 2);
        } else if lower.ends_with('s') && !lower.ends_with("ss") && lower.len() > 3 {
            last.truncate(last.len() - 1);
        }
    }
    let head = words.join(" ");
    tail.map_or(head.clone(), |(sep, t)| format!("{head}{sep}{t}"))
}

/// Head nouns of organizations (lower case).
pub(super) const ORGANIZATION_WORDS: [&str; 31] = [
    "staff",
    "force",
    "forces",
    "navy",
    "chamber",
    "alliance",
    "office",
    "tribunal",
    "union",
    "front",
    "league",
    "parliament",
    "senate",
    "congress",
    "board",
    "authority",
    "ministry",
    "department",
    "committee",
    "commission",
    "army",
    "agency",
    "bureau",
    "council",
    "party",
    "assembly",
    "court",
    "corps",
    "command",
    "academy",
    "secretariat",
];

/// Head nouns of offices (lower case).
pub(super) const POSITION_WORDS: [&str; 31] = [
    "secretary",
    "representative",
    "judge",
    "justice",
    "lieutenant",
    "advisor",
    "adviser",
    "spouse",
    "monarch",
    "emperor",
    "sovereign",
    "officer",
    "chairperson",
    "administrator",
    "chairman",
    "chair",
    "chairwoman",
    "president",
    "minister",
    "chief",
    "member",
    "director",
    "governor",
    "mayor",
    "commander",
    "premier",
    "speaker",
    "head",
    "leader",
    "ambassador",
    "marshal",
];

/// Whether a word (any case, singular or plural) is the head noun of an office.
pub fn is_position_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    let singular = singular(&lower);
    POSITION_WORDS.contains(&lower.as_str()) || POSITION_WORDS.contains(&singular.as_str())
}

/// Whether a word (any case, singular or plural) is the head noun of an organization.
pub fn is_organization_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    let singular = singular(&lower);
    ORGANIZATION_WORDS.contains(&lower.as_str())
        || ORGANIZATION_WORDS.contains(&singular.as_str())
        || lower == "party"
        || lower == "parties"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        assert_eq!(singular("Vice Presidents"), "Vice President");
        assert_eq!(singular("Chiefs of Staff"), "Chief of Staff");
        assert_eq!(singular("General Secretaries"), "General Secretary");
        assert_eq!(singular("Commanders"), "Commander");
        assert_eq!(
            singular("Chief of the General Staff"),
            "Chief of the General Staff"
        );
        assert_eq!(singular("Bosses"), "Boss");
        assert_eq!(
            singular("Ministers for Development"),
            "Minister for Development"
        );
        assert_eq!(
            singular("Senior Advisors to the President"),
            "Senior Advisor to the President"
        );
    }
}
