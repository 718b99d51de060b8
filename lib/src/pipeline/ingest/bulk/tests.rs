//! Pipeline (use cases): tests of the bulk path of `ingest` — what one large record
//! costs on its way to lines, counted by an allocator that tallies this thread's
//! live bytes (a count, not a timing or an RSS reading).

use super::Formatted;
use crate::extract::{process_graph, RecordKind};
use crate::pipeline::Config;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting the bytes live on each thread and their peak.
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn change(bytes: isize) {
    // `try_with`: a thread being torn down has no counters left, and needs none.
    let _ = LIVE.try_with(|live| {
        let now = live.get() + bytes;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every call is passed to `System` unchanged; the counters only read sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        change(layout.size() as isize);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        change(-(layout.size() as isize));
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        change(new_size as isize - layout.size() as isize);
        // SAFETY: the caller's contract, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The most bytes live on this thread while `f` runs, above those live before it.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let start = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(start));
    let out = f();
    let peak = PEAK.with(Cell::get) - start;
    (out, usize::try_from(peak).unwrap_or(0))
}

/// A record of `rows` tenure rows, every one with its own holder and dates (as
/// `scripts/big-record.py` writes them).
fn big_record(rows: usize) -> String {
    let mut text = String::from(
        "= Mayor of Bigtown =\n\n== List of mayors ==\n| No. | Name | Took office | Left office | Party |\n",
    );
    let syllable = |n: usize| ["an", "bo", "ca", "da", "el", "fa", "gi", "ha"][n % 8];
    let capital = |n: usize| ["An", "Bo", "Ca", "Da", "El", "Fa", "Gi", "Ha"][n % 8];
    for i in 0..rows {
        let name = format!(
            "{}{}{} {}{}",
            capital(i),
            syllable(i / 8),
            syllable(i / 64),
            capital(i / 512),
            syllable(i / 4096),
        );
        let (year, day) = (1800 + i / 300, 1 + i % 28);
        text.push_str(&format!(
            "| {} | {name} | {day} May {year} | {day} June {year} | Whig |\n",
            i + 1
        ));
    }
    text
}

/// A record's quads are never all held as owned values on their way into the
/// snapshot: parsing, extraction and formatting together stay within a small
/// multiple of the lines they produce (the snapshot's own bytes). Holding the quads
/// as `Vec<Quad>` (four owned strings each), as before, or a second sorted copy of
/// the lines, goes past it.
#[test]
fn a_large_record_costs_little_more_than_its_lines() {
    let text = big_record(3000);
    let config = Config::default();
    let (formatted, peak) = peak_during(|| {
        let graph = process_graph(
            RecordKind::Text,
            "big.txt",
            "big.txt",
            text.as_bytes(),
            &config,
        );
        Formatted::new(graph)
    });
    let lines = formatted.lines.expect("lines");
    assert!(lines.len() > 3000 * 14, "{} quads", lines.len());
    let line_bytes = lines.text_len();
    let per_quad = peak / lines.len();
    assert!(
        peak < 3 * line_bytes,
        "peak {peak} B for {} quads ({per_quad} B/quad) against {line_bytes} B of lines",
        lines.len()
    );
}
