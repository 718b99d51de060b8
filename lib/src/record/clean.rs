//! Parse stage: cleaning cell text before it is read — whitespace runs and footnote
//! markers. Below cells and dates, which both read cleaned text.

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
