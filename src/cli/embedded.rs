//! Input stage (records for `run`): the seed records built into the binary from `data/records/`
//! (see `build.rs`), used when no records folder is found.

/// The seed records as (file name, bytes), sorted by file name.
pub const RECORDS: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/embedded_records.rs"));

#[cfg(test)]
mod tests {
    #[test]
    fn seeds_are_embedded_sorted() {
        let names: Vec<&str> = super::RECORDS.iter().map(|(n, _)| *n).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        assert!(super::RECORDS
            .iter()
            .all(|(n, b)| !b.is_empty() && (n.ends_with(".txt") || n.ends_with(".csv"))));
    }
}
