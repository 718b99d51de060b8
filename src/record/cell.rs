//! Parse stage: cell.
pub fn split_list(s: &str) -> Vec<String> {
    vec![s.to_owned()]
}
pub fn strip_footnotes(s: &str) -> String {
    s.to_owned()
}
pub fn vietnamese_names(_s: &str) -> Vec<String> {
    Vec::new()
}
pub fn is_vietnamese(_s: &str) -> bool {
    false
}
