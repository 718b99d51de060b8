//! Corpus generation: a record's text, and the corpus written record by record into
//! folders of [`RECORDS_PER_FOLDER`] files.

use super::dates::Precision;
use super::infobox::write_infobox;
use super::names::min_capacity;
use super::prose::{lead, paragraph, see_also};
use super::record::{plan, stem, RecordPlan, POOL_SIZE, ROW_STRIDE};
use super::rng::Rng;
use super::table::write_table;
use super::truth::{RecordTruth, Truth};
use std::fs;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

/// How many record files one folder holds.
pub const RECORDS_PER_FOLDER: u64 = 1_000;

/// Why a corpus could not be written.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "{records} records is more than the generator can give distinct names to (at most {max})"
    )]
    TooMany { records: u64, max: u64 },
}

/// The most records a corpus may have while every person keeps a distinct name.
pub fn max_records() -> u64 {
    (min_capacity() - POOL_SIZE) / ROW_STRIDE
}

/// The text of `plan` as a record file.
pub fn record_text(plan: &RecordPlan, seed: u64) -> String {
    // Cosmetic choices draw from a stream of their own, so the plan's stream (and
    // with it who held what when) does not depend on how the text is laid out.
    let mut rng = Rng::for_stream(seed ^ 0x7E87_C0DE_5EED_0001, plan.index);
    let mut out = String::with_capacity(4096);
    out.push_str("= ");
    out.push_str(&plan.title);
    out.push_str(" =\n\n");
    write_infobox(plan, &mut rng, &mut out);
    out.push('\n');
    out.push_str(&lead(plan));
    if rng.chance(0.6) {
        out.push('\n');
        out.push_str(&paragraph(&mut rng));
    }
    if rng.chance(0.5) {
        out.push_str(rng.pick(&["\n== History ==\n", "\n==History==\n"]));
        for _ in 0..rng.range(1, 3) {
            out.push_str(&paragraph(&mut rng));
            out.push('\n');
        }
    } else {
        out.push('\n');
    }
    let heading = match rng.below(3) {
        0 => "==List==".to_owned(),
        1 => "== Officeholders ==".to_owned(),
        _ => format!("=={}==", plan.office.holders_heading),
    };
    out.push_str(&heading);
    out.push('\n');
    write_table(plan, &mut rng, &mut out);
    if plan.tenures.iter().any(|t| t.died_in_office) {
        out.push_str("\n;Key\n† Died in office\n");
    }
    if rng.chance(0.4) {
        out.push('\n');
        out.push_str(&see_also(plan, &mut rng));
    }
    out
}

/// The path of record `index` under the corpus folder: `0001/gen0001234.txt`.
pub fn record_path(index: u64) -> PathBuf {
    PathBuf::from(format!("{:04}", index / RECORDS_PER_FOLDER)).join(format!("{}.txt", stem(index)))
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> CorpusError + '_ {
    move |source| CorpusError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes `records` records with `seed` into `out_dir` (created when missing), and
/// `corpus.json`, the ground truth. Returns the summary.
pub fn generate(records: u64, seed: u64, out_dir: &Path) -> Result<super::Summary, CorpusError> {
    let max = max_records();
    if records > max {
        return Err(CorpusError::TooMany { records, max });
    }
    fs::create_dir_all(out_dir).map_err(io_err(out_dir))?;
    let truth_path = out_dir.join("corpus.json");
    let truth_file = fs::File::create(&truth_path).map_err(io_err(&truth_path))?;
    let mut truth =
        Truth::new(BufWriter::new(truth_file), seed, records).map_err(io_err(&truth_path))?;
    for index in 0..records {
        if index % RECORDS_PER_FOLDER == 0 {
            let folder = out_dir.join(format!("{:04}", index / RECORDS_PER_FOLDER));
            fs::create_dir_all(&folder).map_err(io_err(&folder))?;
        }
        let plan = plan(seed, index);
        let text = record_text(&plan, seed);
        let relative = record_path(index);
        let path = out_dir.join(&relative);
        fs::write(&path, text.as_bytes()).map_err(io_err(&path))?;
        let record = RecordTruth {
            file: relative.to_string_lossy().replace('\\', "/"),
            title: plan.title.clone(),
            tenures: plan.tenures.len(),
            people: plan.people().collect(),
            circa_starts: count(&plan, |t| t.start_precision == Precision::Circa),
            unknown_ends: count(&plan, |t| {
                t.end_precision == Precision::Unknown && t.end.is_some()
            }),
            bytes: text.len() as u64,
        };
        truth.add(&record).map_err(io_err(&truth_path))?;
    }
    truth.finish().map_err(io_err(&truth_path))
}

fn count(plan: &RecordPlan, f: impl Fn(&super::record::Tenure) -> bool) -> usize {
    plan.tenures.iter().filter(|t| f(t)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_text_is_stable_and_has_every_part() {
        let p = plan(9, 4);
        let a = record_text(&p, 9);
        assert_eq!(a, record_text(&plan(9, 4), 9));
        assert!(a.starts_with(&format!("= {} =\n\nInfobox\n", p.title)));
        assert!(a.contains("\n| "));
    }

    #[test]
    fn paths_shard_by_thousands() {
        assert_eq!(record_path(0), PathBuf::from("0000/gen0000000.txt"));
        assert_eq!(record_path(12_345), PathBuf::from("0012/gen0012345.txt"));
    }

    #[test]
    fn too_many_records_is_an_error_not_a_panic() {
        let dir = std::env::temp_dir().join("officegraph-corpus-too-many");
        let err = generate(max_records() + 1, 1, &dir);
        assert!(matches!(err, Err(CorpusError::TooMany { .. })));
    }
}
