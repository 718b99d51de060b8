//! Parse stage: CSV input — one officeholder per row, columns named by a header row
//! (spreadsheets, Wikidata query results). Rows become a table of the record.
use super::{Diagnostics, Record};
pub fn parse_csv(source: &str, file_name: &str, _bytes: &[u8]) -> (Record, Diagnostics) {
    let record = Record {
        source: source.to_owned(),
        file_name: file_name.to_owned(),
        ..Record::default()
    };
    (record, Diagnostics::new(source))
}
