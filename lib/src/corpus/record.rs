//! Corpus generation: the plan of one record (who held the office when, and how the
//! table is laid out), drawn from the record's own random stream.

use super::dates::{Day, Precision};
use super::names::{person_name, place_name, Script};
use super::office::{fill, OfficeKind, FOREIGN_OFFICES, VIETNAMESE_OFFICES};
use super::rng::Rng;

/// How many people the shared pool holds: they hold offices in several records.
pub const POOL_SIZE: u64 = 5_000;
/// The most table rows a record has; fresh person numbers of record `r` are
/// `POOL_SIZE + r * ROW_STRIDE + row`.
pub const MAX_ROWS: u64 = 60;
pub const ROW_STRIDE: u64 = 64;
/// The last day any tenure may reach, fixed so the corpus never depends on today.
pub const LAST_DAY: Day = Day {
    year: 2025,
    month: 6,
    day: 30,
};

/// One row of the officeholder table: one tenure.
#[derive(Debug, Clone)]
pub struct Tenure {
    /// The holder's person number (names are a bijection of it).
    pub person: u64,
    pub name: String,
    pub start: Day,
    pub start_precision: Precision,
    /// `None`: the incumbent.
    pub end: Option<Day>,
    pub end_precision: Precision,
    pub acting: bool,
    pub died_in_office: bool,
    pub ordinal: Option<u32>,
    /// Index into [`RecordPlan::eras`].
    pub era: usize,
    /// First and last body term the tenure spans.
    pub terms: (u32, u32),
    /// A footnote marker after the name, and one after the start date.
    pub name_note: Option<&'static str>,
    pub start_note: Option<&'static str>,
    pub party: usize,
}

/// The table's columns, by the header wording a record uses.
#[derive(Debug, Clone)]
pub struct Layout {
    pub ordinal: &'static str,
    pub portrait: bool,
    pub name: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    pub term: bool,
    pub party: bool,
    pub notes: bool,
}

/// Everything a record says, before it is written out.
#[derive(Debug, Clone)]
pub struct RecordPlan {
    pub index: u64,
    pub script: Script,
    pub place: String,
    pub office: &'static OfficeKind,
    pub title: String,
    pub eras: Vec<String>,
    pub layout: Layout,
    pub tenures: Vec<Tenure>,
    /// The year of the body's first numbered term.
    pub first_term_year: i32,
}

const NOTES: &[&str] = &["[a]", "[b]", "[c]", "[1]", "[2]", "[3]", "[note 2]"];

/// The record's file stem: unique per index, sortable.
pub fn stem(index: u64) -> String {
    format!("gen{index:07}")
}

/// Plans record `index` of the corpus with `seed`. The plan depends only on
/// `(seed, index)`, never on the corpus size, so corpora are prefix-stable.
pub fn plan(seed: u64, index: u64) -> RecordPlan {
    let mut rng = Rng::for_stream(seed, index);
    let script = match rng.below(100) {
        0..=91 => Script::Vietnamese,
        92..=94 => Script::European,
        95..=97 => Script::Cyrillic,
        _ => Script::Chinese,
    };
    let place = place_name(index);
    let offices = if script == Script::Vietnamese {
        VIETNAMESE_OFFICES
    } else {
        FOREIGN_OFFICES
    };
    let office = &offices[rng.below(offices.len() as u64) as usize % offices.len()];
    let title = fill(office.title, &place);
    let rows = draw_rows(&mut rng);
    let layout = draw_layout(&mut rng);
    let eras = draw_eras(&mut rng, office, &place, rows);
    let tenures = draw_tenures(&mut rng, index, script, rows, eras.len());
    let first_term_year = tenures.first().map_or(1950, |t| t.start.year) + rng.range(0, 4) as i32;
    let mut plan = RecordPlan {
        index,
        script,
        place,
        office,
        title,
        eras,
        layout,
        tenures,
        first_term_year,
    };
    let spans: Vec<(u32, u32)> = plan
        .tenures
        .iter()
        .map(|t| {
            (
                plan.term_of(t.start),
                plan.term_of(t.end.unwrap_or(LAST_DAY)),
            )
        })
        .collect();
    for (t, span) in plan.tenures.iter_mut().zip(spans) {
        t.terms = span;
    }
    plan
}

impl RecordPlan {
    /// The body term in force on `day` (terms last five years).
    pub fn term_of(&self, day: Day) -> u32 {
        ((day.year - self.first_term_year).max(0) / 5 + 1) as u32
    }

    /// A term's label: `3rd Provincial Party Congress`.
    pub fn term_label(&self, term: u32) -> String {
        let suffix = match (term % 10, term % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        format!("{term}{suffix} {}", self.office.term_body)
    }

    /// The person numbers of the table's holders, one per tenure.
    pub fn people(&self) -> impl Iterator<Item = u64> + '_ {
        self.tenures.iter().map(|t| t.person)
    }
}

/// 5–60 rows, skewed to the small end so a 100k corpus stays a workable size:
/// 90% of tables have 5–8 rows, 8% have 9–30, 2% have 31–60 (mean about 8.3).
fn draw_rows(rng: &mut Rng) -> usize {
    let (lo, hi) = match rng.below(100) {
        0..=89 => (5, 8),
        90..=97 => (9, 30),
        _ => (31, MAX_ROWS as i64),
    };
    rng.range(lo, hi) as usize
}

fn draw_layout(rng: &mut Rng) -> Layout {
    let (start, end) = rng
        .choose(&[
            ("Took office", "Left office"),
            ("Took office", "Left office"),
            ("Term start", "Term end"),
            ("From", "To"),
            ("Assumed office", "Left office"),
        ])
        .unwrap_or(("Took office", "Left office"));
    let term = rng.chance(0.45);
    Layout {
        ordinal: rng.pick(&["No.", "No.", "#", "No"]),
        portrait: rng.chance(0.5),
        name: rng.pick(&["Name", "Name", "Officeholder"]),
        start,
        end,
        term,
        party: rng.chance(if term { 0.6 } else { 0.2 }),
        notes: !term && rng.chance(0.25),
    }
}

fn draw_eras(rng: &mut Rng, office: &OfficeKind, place: &str, rows: usize) -> Vec<String> {
    let current = office.eras.len().saturating_sub(1);
    if rows < 6 || !rng.chance(0.4) {
        return vec![fill(office.eras[current], place)];
    }
    let count = rng.range(1, office.eras.len() as i64) as usize;
    office.eras[office.eras.len() - count..]
        .iter()
        .map(|e| fill(e, place))
        .collect()
}

fn draw_tenures(
    rng: &mut Rng,
    index: u64,
    script: Script,
    rows: usize,
    eras: usize,
) -> Vec<Tenure> {
    let incumbent = rng.chance(0.6);
    // Boundaries: rows + 1 days, the first start to the last end.
    let first = Day {
        year: rng.range(1930, 1990) as i32,
        month: rng.range(1, 12) as u32,
        day: rng.range(1, 28) as u32,
    };
    let span = (LAST_DAY.ordinal() - first.ordinal()) as f64;
    let weights: Vec<f64> = (0..=rows).map(|_| 0.3 + 1.4 * rng.unit()).collect();
    let total: f64 = weights.iter().sum();
    let mut at = first.ordinal() as f64;
    let mut days = Vec::with_capacity(rows + 1);
    days.push(first.ordinal());
    for w in weights.iter().take(rows) {
        at += span * w / total;
        let next = (at as i64).max(days.last().copied().unwrap_or(0) + 60);
        days.push(next);
    }
    let days: Vec<Day> = days.into_iter().map(Day::from_ordinal).collect();
    let precisions = draw_precisions(rng, &days);
    // Era changes at sorted random rows.
    let mut era_starts: Vec<usize> = (1..eras)
        .map(|_| rng.range(1, rows as i64 - 1) as usize)
        .collect();
    era_starts.sort_unstable();
    let parties = super::office::parties(script);
    let mut party = rng.below(parties.len() as u64) as usize;

    let mut tenures: Vec<Tenure> = Vec::with_capacity(rows);
    let mut ordinal = 0u32;
    for row in 0..rows {
        let last = row + 1 == rows;
        let previous = tenures.last().map(|t| t.person);
        let returning = (row >= 2 && rng.chance(0.06))
            .then(|| {
                let earlier = &tenures[rng.below(row as u64 - 1) as usize];
                (!earlier.acting && Some(earlier.person) != previous)
                    .then_some((earlier.person, earlier.ordinal))
            })
            .flatten();
        let acting = !last && row > 0 && returning.is_none() && rng.chance(0.05);
        let person = match returning {
            Some((p, _)) => p,
            None if script == Script::Vietnamese && rng.chance(0.12) => {
                let p = rng.below(POOL_SIZE);
                if Some(p) == previous || tenures.iter().any(|t| t.person == p) {
                    POOL_SIZE + index * ROW_STRIDE + row as u64
                } else {
                    p
                }
            }
            None => POOL_SIZE + index * ROW_STRIDE + row as u64,
        };
        let ordinal_here = if acting {
            None
        } else if let Some((_, Some(old))) = returning.filter(|_| rng.chance(0.5)) {
            Some(old)
        } else {
            ordinal += 1;
            Some(ordinal)
        };
        let ends = !(last && incumbent);
        let mut end_precision = precisions[row + 1];
        if ends && !last && rng.chance(0.006) {
            end_precision = Precision::Unknown;
        }
        let died = ends && !last && end_precision != Precision::Unknown && rng.chance(0.05);
        if rng.chance(0.08) {
            party = rng.below(parties.len() as u64) as usize;
        }
        let start_precision = if row == 0 && rng.chance(0.03) {
            Precision::Circa
        } else {
            precisions[row]
        };
        tenures.push(Tenure {
            person,
            name: person_name(script, person),
            start: days[row],
            start_precision,
            end: ends.then_some(days[row + 1]),
            end_precision,
            acting,
            died_in_office: died,
            ordinal: ordinal_here,
            era: era_starts.iter().filter(|&&s| s <= row).count(),
            terms: (0, 0),
            name_note: rng.chance(0.03).then(|| rng.pick(NOTES)),
            start_note: rng.chance(0.02).then(|| rng.pick(NOTES)),
            party,
        });
    }
    tenures
}

/// A precision per boundary day: mostly days; months or years only where the
/// neighbouring boundaries fall in another month or year, so no tenure ever reads
/// as ending before it starts.
fn draw_precisions(rng: &mut Rng, days: &[Day]) -> Vec<Precision> {
    (0..days.len())
        .map(|i| {
            let want = match rng.below(100) {
                0..=77 => Precision::Day,
                78..=90 => Precision::Month,
                _ => Precision::Year,
            };
            let neighbours = [i.checked_sub(1), Some(i + 1)];
            let clear = |same: &dyn Fn(Day, Day) -> bool| {
                neighbours
                    .iter()
                    .flatten()
                    .filter_map(|&j| days.get(j))
                    .all(|&d| !same(d, days[i]))
            };
            match want {
                Precision::Year if clear(&|a, b| a.year == b.year) => Precision::Year,
                Precision::Month | Precision::Year
                    if clear(&|a, b| (a.year, a.month) == (b.year, b.month)) =>
                {
                    Precision::Month
                }
                _ => Precision::Day,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_depends_only_on_seed_and_index() {
        let a = plan(7, 42);
        let b = plan(7, 42);
        assert_eq!(a.title, b.title);
        assert_eq!(
            a.people().collect::<Vec<_>>(),
            b.people().collect::<Vec<_>>()
        );
        assert_ne!(
            plan(7, 42).people().collect::<Vec<_>>(),
            plan(8, 42).people().collect::<Vec<_>>()
        );
    }

    #[test]
    fn tenures_are_ordered_and_within_bounds() {
        for index in 0..300 {
            let p = plan(1, index);
            let n = p.tenures.len() as u64;
            assert!((5..=MAX_ROWS).contains(&n), "{n}");
            for w in p.tenures.windows(2) {
                assert!(w[0].start < w[1].start);
                assert_ne!(w[0].person, w[1].person, "the same holder twice in a row");
            }
            for t in &p.tenures {
                assert!(t.end.is_none_or(|e| e > t.start && e <= LAST_DAY));
                assert!(t.person < POOL_SIZE + (index + 1) * ROW_STRIDE);
            }
            assert!(p.tenures[..p.tenures.len() - 1]
                .iter()
                .all(|t| t.end.is_some()));
        }
    }

    #[test]
    fn the_mix_has_every_feature() {
        let plans: Vec<RecordPlan> = (0..400).map(|i| plan(3, i)).collect();
        let tenures = || plans.iter().flat_map(|p| p.tenures.iter());
        assert!(tenures().any(|t| t.acting));
        assert!(tenures().any(|t| t.died_in_office));
        assert!(tenures().any(|t| t.person < POOL_SIZE));
        assert!(tenures().any(|t| t.start_precision == Precision::Circa));
        assert!(tenures().any(|t| t.end_precision == Precision::Unknown));
        assert!(tenures().any(|t| t.start_precision == Precision::Month));
        assert!(tenures().any(|t| t.start_precision == Precision::Year));
        assert!(plans.iter().any(|p| p.eras.len() > 1));
        assert!(plans.iter().any(|p| p.script != Script::Vietnamese));
        assert!(plans
            .iter()
            .any(|p| p.tenures.last().is_some_and(|t| t.end.is_none())));
        let mean = tenures().count() as f64 / plans.len() as f64;
        assert!((6.5..10.5).contains(&mean), "mean rows {mean}");
        assert!(plans.iter().any(|p| p.tenures.len() > 30));
    }
}
