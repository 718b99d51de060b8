//! Serve stage (web view) tests: a position with more tenures than a page holds — the
//! page shows one page of them with links to the others and the total, every query of
//! the page stays under the endpoint's row cap, and the page answers within the
//! endpoint's timeout. The records are generated here (one table of N tenure rows).

use super::{get, html, links};
use crate::extract::{process_text, ExtractConfig as Config};
use crate::query::Catalog;
use crate::serve::web::tenures::PAGE_SIZE;
use crate::serve::{App, Limits};
use oxigraph::store::Store;
use std::time::Duration;

const FIRST: [&str; 20] = [
    "Anna", "Boris", "Clara", "David", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas",
    "Karin", "Lukas", "Maria", "Nikol", "Olga", "Pavel", "Rosa", "Stefan", "Tomas", "Vera",
];
const LAST: [&str; 20] = [
    "Adler", "Becker", "Castro", "Dorn", "Eber", "Falk", "Graf", "Hahn", "Ivanov", "Jung", "Kraus",
    "Lang", "Moser", "Nagel", "Ortiz", "Pohl", "Quast", "Roth", "Stein", "Vogel",
];

const SEAL: &str = "/id/position/Keeper_of_the_Big_Seal";

/// The name of the `i`th holder (0-based): distinct for the first 8,000.
fn holder(i: usize) -> String {
    format!(
        "{} {}a {}",
        FIRST[i % 20],
        FIRST[(i / 20) % 20],
        LAST[(i / 400) % 20]
    )
}

/// A record of the one position "Keeper of the Big Seal" held `n` times, a month each
/// from January 1500, by `n` different people, numbered 1 to `n`.
pub fn record(n: usize) -> String {
    let mut text = String::from(
        "= Keeper of the Big Seal =\n\n==List==\n| No. | Name | Took office | Left office |\n",
    );
    let date = |i: usize| format!("1 {} {}", crate::date::MONTH_NAMES[i % 12], 1500 + i / 12);
    for i in 0..n {
        text.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            i + 1,
            holder(i),
            date(i),
            date(i + 1)
        ));
    }
    text
}

fn app(n: usize, limits: Limits) -> App {
    let store = Store::new().expect("store");
    let out = process_text(
        "seal.txt",
        "seal.txt",
        record(n).as_bytes(),
        &Config::default(),
    );
    store.extend(out.quads).expect("load");
    App::new(store, Catalog::builtin().expect("catalog"), limits)
}

/// The ordinals (first cell) of the tenure rows of a page, in order.
fn ordinals(page: &str) -> Vec<usize> {
    page.split("<tr data-tenure=")
        .skip(1)
        .filter_map(|row| row.split("<td>").nth(1)?.split('<').next()?.parse().ok())
        .collect()
}

/// The page of a position held more often than a page holds: quadratic before (every
/// tenure joined with every label in the store: 1,000 tenures took 3.7 s and 1.5 GB),
/// now a fixed number of queries each under the row cap, which here is below the
/// number of tenures.
#[test]
fn a_long_succession_is_shown_a_page_at_a_time() {
    let n = 2 * PAGE_SIZE + 7;
    let limits = Limits {
        max_rows: PAGE_SIZE + 10,
        ..Limits::default()
    };
    let app = app(n, limits);
    let first = get(&app, SEAL, Some("text/html"));
    assert_eq!(
        first.status,
        200,
        "{}",
        String::from_utf8_lossy(&first.body)
    );
    let first = html(&first);
    assert!(
        first.contains(&format!("<h2>Tenures ({n})</h2>")),
        "the total"
    );
    let rows = ordinals(&first);
    assert_eq!(rows.len(), PAGE_SIZE, "one page of rows, not all {n}");
    assert_eq!(rows, (1..=PAGE_SIZE).collect::<Vec<_>>());
    assert!(first.contains(&format!("Tenures 1–{PAGE_SIZE} of {n}, page 1 of 3")));
    let hrefs = links(&first);
    assert!(hrefs.contains(&format!("{SEAL}?page=2")), "next");
    assert!(hrefs.contains(&format!("{SEAL}?page=3")), "last");
    assert!(
        !hrefs.contains(&format!("{SEAL}?page=1")),
        "no previous on page 1"
    );
    assert!(
        first.contains(&format!(">{}</a>", holder(0))),
        "holders named"
    );
    assert!(
        first.contains("<td>1500-01-01</td><td>1500-02-01</td>"),
        "dates"
    );

    let second = html(&get(&app, &format!("{SEAL}?page=2"), None));
    assert_eq!(
        ordinals(&second),
        (PAGE_SIZE + 1..=2 * PAGE_SIZE).collect::<Vec<_>>()
    );
    let hrefs = links(&second);
    for target in [1, 3] {
        assert!(hrefs.contains(&format!("{SEAL}?page={target}")), "{target}");
    }
    assert!(second.contains(&format!(">{}</a>", holder(PAGE_SIZE))));

    let last = html(&get(&app, &format!("{SEAL}?page=3"), None));
    assert_eq!(ordinals(&last), (2 * PAGE_SIZE + 1..=n).collect::<Vec<_>>());
    assert!(last.contains(&format!(
        "Tenures {}–{n} of {n}, page 3 of 3",
        2 * PAGE_SIZE + 1
    )));
    assert!(!links(&last).contains(&format!("{SEAL}?page=4")), "no next");

    assert_eq!(get(&app, &format!("{SEAL}?page=4"), None).status, 404);
    for bad in ["0", "x", "-1", "1.5", ""] {
        let reply = get(&app, &format!("{SEAL}?page={bad}"), None);
        assert_eq!(reply.status, 400, "page={bad}");
    }
    // A holder's page names the position, with no page links for one tenure.
    let person = html(&get(&app, &first_person(&first), None));
    assert!(person.contains("<h2>Tenures (1)</h2>"), "{person}");
    assert!(!person.contains("?page="), "{person}");
}

fn first_person(page: &str) -> String {
    links(page)
        .into_iter()
        .find(|href| href.starts_with("/id/person/"))
        .expect("a person link")
}

/// A short succession has one page and no page links; its table is whole.
#[test]
fn a_short_succession_has_no_page_links() {
    let app = app(3, Limits::default());
    let page = html(&get(&app, SEAL, None));
    assert_eq!(ordinals(&page), [1, 2, 3]);
    assert!(page.contains("<h2>Tenures (3)</h2>"));
    assert!(!page.contains("class=\"pages\""), "{page}");
    assert_eq!(get(&app, &format!("{SEAL}?page=1"), None).status, 200);
    assert_eq!(get(&app, &format!("{SEAL}?page=2"), None).status, 404);
}

/// The page is built under the endpoint's timeout, as a query is: past it the answer
/// is 503 at once (it used to run to the end, however long).
#[test]
fn the_position_page_runs_under_the_timeout() {
    let limits = Limits {
        timeout: Duration::from_nanos(1),
        ..Limits::default()
    };
    let app = app(50, limits);
    let reply = get(&app, SEAL, None);
    assert_eq!(
        reply.status,
        503,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert!(String::from_utf8_lossy(&reply.body).contains("timeout"));
}
