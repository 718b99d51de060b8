//! Corpus generation: the ground truth, `corpus.json`, written as records are made
//! (per-record entries stream out; only the shared pool's counters stay in memory).
//!
//! ```json
//! {"generator": "officegraph gen-corpus", "seed": 1, "records": 200,
//!  "per_record": [{"file": "0000/gen0000000.txt", "title": "…", "tenures": 12,
//!                  "people": 11, "planted_warnings": 0}, …],
//!  "tenures": 3100, "people": 2900, "people_in_several_records": 30,
//!  "planted_warnings": {"circa_start": 5, "unknown_end": 4}, "bytes": 812345}
//! ```

use super::record::POOL_SIZE;
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::{self, Write};

/// What one record holds, as the generator planned it.
#[derive(Debug)]
pub struct RecordTruth {
    /// The path under the corpus folder, `/`-separated.
    pub file: String,
    pub title: String,
    pub tenures: usize,
    /// The person number of each tenure's holder.
    pub people: Vec<u64>,
    pub circa_starts: usize,
    pub unknown_ends: usize,
    pub bytes: u64,
}

/// Totals over the corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub records: u64,
    pub tenures: u64,
    /// Distinct people (distinct names) over the corpus.
    pub people: u64,
    /// People who hold tenures in two or more records.
    pub people_in_several_records: u64,
    pub circa_starts: u64,
    pub unknown_ends: u64,
    pub bytes: u64,
}

#[derive(Serialize)]
struct Entry<'a> {
    file: &'a str,
    title: &'a str,
    tenures: usize,
    people: usize,
    planted_warnings: usize,
}

/// Streams `corpus.json`.
pub struct Truth<W: Write> {
    out: W,
    first: bool,
    summary: Summary,
    /// For each pool person: how many records they appear in.
    pool_records: Vec<u32>,
}

impl<W: Write> Truth<W> {
    pub fn new(mut out: W, seed: u64, records: u64) -> io::Result<Self> {
        write!(
            out,
            "{{\"generator\": \"officegraph gen-corpus\", \"seed\": {seed}, \"records\": {records},\n \"per_record\": ["
        )?;
        Ok(Truth {
            out,
            first: true,
            summary: Summary {
                records: 0,
                tenures: 0,
                people: 0,
                people_in_several_records: 0,
                circa_starts: 0,
                unknown_ends: 0,
                bytes: 0,
            },
            pool_records: vec![0; POOL_SIZE as usize],
        })
    }

    pub fn add(&mut self, record: &RecordTruth) -> io::Result<()> {
        let distinct: BTreeSet<u64> = record.people.iter().copied().collect();
        for &p in &distinct {
            match self.pool_records.get_mut(p as usize) {
                Some(n) => *n += 1,
                None => self.summary.people += 1,
            }
        }
        let s = &mut self.summary;
        s.records += 1;
        s.tenures += record.tenures as u64;
        s.circa_starts += record.circa_starts as u64;
        s.unknown_ends += record.unknown_ends as u64;
        s.bytes += record.bytes;
        let entry = Entry {
            file: &record.file,
            title: &record.title,
            tenures: record.tenures,
            people: distinct.len(),
            planted_warnings: record.circa_starts + record.unknown_ends,
        };
        let sep = if self.first { "\n  " } else { ",\n  " };
        self.first = false;
        self.out.write_all(sep.as_bytes())?;
        serde_json::to_writer(&mut self.out, &entry).map_err(io::Error::other)?;
        Ok(())
    }

    /// Writes the totals and returns them.
    pub fn finish(mut self) -> io::Result<Summary> {
        let used = self.pool_records.iter().filter(|&&n| n > 0).count() as u64;
        self.summary.people += used;
        self.summary.people_in_several_records =
            self.pool_records.iter().filter(|&&n| n > 1).count() as u64;
        let s = &self.summary;
        write!(
            self.out,
            "\n ],\n \"tenures\": {}, \"people\": {}, \"people_in_several_records\": {},\n \"planted_warnings\": {{\"circa_start\": {}, \"unknown_end\": {}}}, \"bytes\": {}}}\n",
            s.tenures, s.people, s.people_in_several_records, s.circa_starts, s.unknown_ends, s.bytes
        )?;
        self.out.flush()?;
        Ok(self.summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_shared_pool_people_once_per_record() {
        let mut buf = Vec::new();
        let mut t = Truth::new(&mut buf, 1, 2).unwrap();
        let rec = |people: Vec<u64>| RecordTruth {
            file: "0000/a.txt".into(),
            title: "A".into(),
            tenures: people.len(),
            people,
            circa_starts: 1,
            unknown_ends: 0,
            bytes: 10,
        };
        t.add(&rec(vec![3, 3, POOL_SIZE + 1])).unwrap();
        t.add(&rec(vec![3, 4, POOL_SIZE + 70])).unwrap();
        let s = t.finish().unwrap();
        assert_eq!(s.tenures, 6);
        assert_eq!(s.people, 4);
        assert_eq!(s.people_in_several_records, 1);
        let json: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(json["per_record"].as_array().map(Vec::len), Some(2));
        assert_eq!(json["people_in_several_records"], 1);
        assert_eq!(json["per_record"][0]["people"], 2);
    }
}
