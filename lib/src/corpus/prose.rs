//! Corpus generation: prose paragraphs and section lists around the table. They
//! never name a holder, so prose never adds or contradicts a tenure.

use super::office::fill;
use super::record::RecordPlan;
use super::rng::Rng;

const SENTENCES: &[&str] = &[
    "The office was created after the administrative reorganisation of the province.",
    "The holder is elected by the council at its first session and serves a five-year term.",
    "Several holders later rose to national office.",
    "During the war years the office was held from a base outside the provincial capital.",
    "The office is supported by a standing committee and a permanent secretariat.",
    "Its powers were defined anew in the local government law of 2015.",
    "The holder reports to the council and, on matters of security, to the central government.",
    "Records of the early holders are incomplete, and some dates are approximate.",
    "The office was briefly merged with a neighbouring province's and then restored.",
    "Acting holders served during vacancies until the council elected a successor.",
];

/// The first paragraph: the title, its Vietnamese name in parentheses, one line of
/// what the office is.
pub fn lead(plan: &RecordPlan) -> String {
    format!(
        "The {} ({}) is the head of the {}.\n",
        lowercase_first(&plan.title),
        fill(plan.office.vietnamese, &plan.place),
        fill(plan.office.body, &plan.place)
    )
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A paragraph of one to four sentences.
pub fn paragraph(rng: &mut Rng) -> String {
    let n = rng.range(1, 4) as usize;
    let mut words: Vec<&str> = Vec::with_capacity(n);
    for _ in 0..n {
        words.push(rng.pick(SENTENCES));
    }
    let mut p = words.join(" ");
    p.push('\n');
    p
}

/// A `See also` list naming the offices of neighbouring records.
pub fn see_also(plan: &RecordPlan, rng: &mut Rng) -> String {
    let mut out = String::from("== See also ==\n\n");
    let n = rng.range(1, 4);
    for k in 1..=n as u64 {
        let place = super::names::place_name(plan.index.wrapping_add(k * 7919));
        out.push_str("- ");
        out.push_str(&fill(plan.office.title, &place));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::record::plan;
    use super::*;

    #[test]
    fn the_lead_has_the_vietnamese_name_in_parentheses() {
        let p = plan(2, 3);
        let lead = lead(&p);
        assert!(lead.contains(&format!("({})", fill(p.office.vietnamese, &p.place))));
        assert!(lead.starts_with("The "));
    }

    #[test]
    fn prose_never_names_a_holder() {
        for index in 0..50 {
            let p = plan(2, index);
            let mut rng = Rng::for_stream(2, index);
            let text = format!(
                "{}{}{}",
                lead(&p),
                paragraph(&mut rng),
                see_also(&p, &mut rng)
            );
            for t in &p.tenures {
                assert!(!text.contains(&t.name), "{}", t.name);
            }
        }
    }
}
