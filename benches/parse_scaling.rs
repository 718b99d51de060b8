//! Benchmark of the parse and extract stages: time against input size, for the
//! shapes that could go quadratic (long tables, tables whose rows lack leading cells
//! and need realignment, long lines, wide rows, long prose). Run with
//! `cargo bench --bench parse_scaling`; it prints a Markdown section for
//! BENCHMARKS.md. Not part of `cargo test`.
//!
//! Each shape is built at doubling sizes; the time per MB at the largest size divided
//! by the time per MB at the smallest is the figure that matters: about 1 means
//! linear, about 16 (the size ratio) would mean quadratic.

use officegraph::pipeline::{process_text, Config};
use std::hint::black_box;
use std::time::{Duration, Instant};

const HEAD: &str = "= Minister of Benchmarks =

Infobox
- Body: Government of Benchland
- Incumbent: Trần Văn Bảy
- Incumbentsince: 3 August 2024

== Officeholders ==
| No. | Name | Took office | Left office | Term |
";

const MB: usize = 1 << 20;
/// Sizes in bytes: 16 times apart from first to last.
const SIZES: [usize; 5] = [MB / 2, MB, 2 * MB, 4 * MB, 8 * MB];
const RUNS: usize = 3;

/// One shape: its name, what it stresses, and a builder of a record of about `n` bytes.
struct Shape {
    name: &'static str,
    what: &'static str,
    build: fn(usize) -> String,
}

fn row(i: usize) -> String {
    let year = 1900 + i % 120;
    format!(
        "| {i} | Nguyễn Văn Số {i} | {d} March {year} | {d} April {next} | {t}th |\n",
        d = 1 + i % 28,
        next = year + 1,
        t = 1 + i % 13,
    )
}

fn long_table(n: usize) -> String {
    let mut s = String::from(HEAD);
    let mut i = 1;
    while s.len() < n {
        s.push_str(&row(i));
        i += 1;
    }
    s
}

/// Every other row has lost its first two cells (a flattened rowspan).
fn shifted_rows(n: usize) -> String {
    let mut s = String::from(HEAD);
    let mut i = 1;
    while s.len() < n {
        let line = row(i);
        if i % 2 == 0 {
            let cut = line.match_indices('|').nth(2).map_or(0, |(at, _)| at);
            s.push_str(&line[cut..]);
        } else {
            s.push_str(&line);
        }
        i += 1;
    }
    s
}

fn long_line(n: usize) -> String {
    let mut s = String::from(HEAD);
    s.push_str("| 1 | Lê Một | 1 May 1950 | 2 May 1960 | ");
    let before = s.len();
    s.push_str(&"Tổng Bí thư ".repeat((n.saturating_sub(before)) / 15 + 1));
    s.push_str("|\n");
    s
}

fn wide_row(n: usize) -> String {
    let mut s = String::from(HEAD);
    s.push_str("| 1 | Lê Một | 1 May 1950 | 2 May 1960 |");
    while s.len() < n {
        s.push_str(" x |");
    }
    s.push('\n');
    s
}

fn long_prose(n: usize) -> String {
    let head_end = HEAD.find("== Officeholders").unwrap_or(HEAD.len());
    let mut s = String::from(&HEAD[..head_end]);
    let sentence = "Trần Phú was succeeded by Lê Hồng Phong on 27 October 1931, and the Secretariat met in Hà Nội. ";
    while s.len() < n {
        s.push_str(&sentence.repeat(10));
        s.push_str("\n\n");
    }
    s.push_str(&HEAD[head_end..]);
    s.push_str(&row(1));
    s
}

const SHAPES: [Shape; 5] = [
    Shape {
        name: "long table",
        what: "rows of five typed cells",
        build: long_table,
    },
    Shape {
        name: "shifted rows",
        what: "every other row lacks its first two cells (realignment)",
        build: shifted_rows,
    },
    Shape {
        name: "long line",
        what: "one table cell of the whole size",
        build: long_line,
    },
    Shape {
        name: "wide row",
        what: "one row with ever more cells",
        build: wide_row,
    },
    Shape {
        name: "long prose",
        what: "paragraphs full of names and dates (prose clues)",
        build: long_prose,
    },
];

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument picks shapes by name.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let config = Config::default();
    println!("## Parse time against input size\n");
    println!("`cargo bench --bench parse_scaling`: parse, extract and reconcile one record");
    println!("in memory (`pipeline::process_text`), median of {RUNS} runs per size. The last");
    println!("column divides the time per MB at the largest size by the time per MB at the");
    println!(
        "smallest: 1.0 is linear, {} would be quadratic.\n",
        SIZES[4] / SIZES[0]
    );
    println!(
        "| shape | stresses | 0.5 MB | 1 MB | 2 MB | 4 MB | 8 MB | MB/s at 8 MB | per-MB growth |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for shape in SHAPES
        .iter()
        .filter(|s| filter.is_empty() || filter.iter().any(|f| s.name.contains(f.as_str())))
    {
        let mut per_mb = Vec::new();
        let mut cells = Vec::new();
        let mut last_rate = 0.0;
        for &size in &SIZES {
            let text = (shape.build)(size);
            let bytes = text.as_bytes();
            let times: Vec<Duration> = (0..RUNS)
                .map(|_| {
                    let start = Instant::now();
                    let processed =
                        process_text("bench.txt", "bench.txt", black_box(bytes), &config);
                    black_box(processed.quads.len());
                    start.elapsed()
                })
                .collect();
            let t = median(times);
            let mb = bytes.len() as f64 / MB as f64;
            per_mb.push(t.as_secs_f64() / mb);
            last_rate = mb / t.as_secs_f64();
            cells.push(format!("{:.0} ms", t.as_secs_f64() * 1000.0));
        }
        let growth = per_mb[per_mb.len() - 1] / per_mb[0];
        println!(
            "| {} | {} | {} | {last_rate:.1} | {growth:.2} |",
            shape.name,
            shape.what,
            cells.join(" | ")
        );
    }
    println!();
}
