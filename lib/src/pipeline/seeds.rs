//! Pipeline (use cases): the seed records built into the library from the workspace's
//! `data/records/` (see `lib/build.rs`): the main job's input when no records folder is
//! found, as [`Records::InMemory`](super::Records::InMemory).

/// The seed records as (file name, bytes), sorted by file name.
pub const SEED_RECORDS: &[(&str, &[u8])] =
    include!(concat!(env!("OUT_DIR"), "/embedded_records.rs"));

#[cfg(test)]
mod tests {
    #[test]
    fn seeds_are_embedded_sorted() {
        let names: Vec<&str> = super::SEED_RECORDS.iter().map(|(n, _)| *n).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        assert!(super::SEED_RECORDS
            .iter()
            .all(|(n, b)| !b.is_empty() && (n.ends_with(".txt") || n.ends_with(".csv"))));
    }
}
