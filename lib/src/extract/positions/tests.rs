//! Extract stage: tests of position labels — list titles, headings, generic and specific labels.

use super::*;

#[test]
fn list_titles_name_their_post() {
    assert_eq!(
        list_label("List of Ambassadors of Russia to Austria"),
        "Ambassador of Russia to Austria"
    );
    assert_eq!(
        list_label("List of Australian Prime Ministers by age"),
        "Australian Prime Minister"
    );
    assert_eq!(
        list_label("List of Presidents of Finland by time in office"),
        "President of Finland"
    );
    assert_eq!(
        list_label("Current reigning monarchs by length of reign"),
        "Current reigning monarch"
    );
    assert_eq!(list_label("List of Directors"), "Director");
    assert_eq!(
        list_label("Chiefs of the Air force, rank structure"),
        "Chief of the Air force"
    );
    assert_eq!(delisted("Killed by Lightning"), None);
    assert_eq!(list_label("Vice Presidents"), "Vice President");
    assert_eq!(list_label("Governor of X"), "Governor of X");
}

#[test]
fn headings_name_a_post_a_scope_or_neither() {
    assert_eq!(names("Members of the Tribunal"), Names::Post);
    assert_eq!(names("List of representatives"), Names::Post);
    assert_eq!(names("List of Ministers for Development"), Names::Post);
    assert_eq!(names("Liberal Party of Canada (since 1867)"), Names::Scope);
    assert_eq!(
        names("Canadian Alliance (from 2000 until 2004)"),
        Names::Scope
    );
    assert_eq!(names("Seat A"), Names::Neither);
    assert_eq!(names("1833 - present: One seat"), Names::Neither);
}

fn labels(text: &str) -> Vec<String> {
    use crate::extract::{process_text, ExtractConfig as Config};
    let r = process_text("t.txt", "t.txt", text.as_bytes(), &Config::default());
    let mut out: Vec<String> = r
        .quads
        .iter()
        .filter(|q| q.predicate.as_str() == og::POSITION_PROP.as_str())
        .filter_map(|q| {
            let position = q.object.to_string();
            r.quads.iter().find_map(|l| {
                (l.subject.to_string() == position && l.predicate.as_str().ends_with("#label"))
                    .then(|| match &l.object {
                        oxigraph::model::Term::Literal(l) => l.value().to_owned(),
                        other => other.to_string(),
                    })
            })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

const TABLE: &str =
    "| Name | Took office | Left office |\n| Ann Bee | 1990 | 1995 |\n| Cy Dee | 1995 | 2000 |\n";

#[test]
fn a_list_title_names_its_post() {
    let text = format!("= List of Ambassadors of Russia to Austria =\n\n==Ambassadors==\n{TABLE}");
    assert_eq!(labels(&text), ["Ambassador of Russia to Austria"]);
}

#[test]
fn a_demonym_becomes_the_country_the_prose_names() {
    let text = format!("= List of Australian Prime Ministers by age =\n\nThis is a list of Prime Ministers of Australia by age.\n\n==Overview==\n{TABLE}");
    assert_eq!(labels(&text), ["Prime Minister of Australia"]);
    let unsaid = format!("= List of Australian Prime Ministers by age =\n\n==Overview==\n{TABLE}");
    assert_eq!(labels(&unsaid), ["Australian Prime Minister"]);
}

#[test]
fn an_infobox_post_naming_the_office_is_the_label() {
    let text = format!("= United States Ambassador to Grenada =\n\nInfobox\n- Post: Ambassador of the United States to Grenada\n\n==List==\n{TABLE}");
    assert_eq!(
        labels(&text),
        ["Ambassador of the United States to Grenada"]
    );
    // A Post the title makes specific gives the title.
    let text = format!(
        "= Senior Advisor to the President =\n\nInfobox\n- Post: Senior Advisor\n\n{TABLE}"
    );
    assert_eq!(labels(&text), ["Senior Advisor to the President"]);
}

#[test]
fn a_native_name_after_the_post_is_an_alternative_label() {
    use crate::extract::{process_text, ExtractConfig as Config};
    let text = format!("= Spouse of the President of China =\n\nInfobox\n- Post: Spouse of the President of China 中华人民共和国主席配偶\n\n{TABLE}");
    assert_eq!(labels(&text), ["Spouse of the President of China"]);
    let r = process_text("t.txt", "t.txt", text.as_bytes(), &Config::default());
    assert!(r
        .quads
        .iter()
        .any(|q| q.predicate.as_str().ends_with("#altLabel")
            && q.object.to_string() == "\"中华人民共和国主席配偶\""));
}

#[test]
fn an_organization_post_is_not_the_label_of_its_tables() {
    let text = format!("= Royal Bahamas Defence Force =\n\nInfobox\n- Post: Royal Bahamas Defence Force\n- Founded: 1980\n\n==Commodores==\n{TABLE}");
    assert_eq!(
        labels(&text),
        ["Commodore of the Royal Bahamas Defence Force"]
    );
    let place = format!("= Saint Helena =\n\nInfobox\n- Post: Saint Helena\n- Capital: Jamestown\n- Currency: Pound\n\n==Governors==\n{TABLE}");
    assert_eq!(labels(&place), ["Governor of Saint Helena"]);
}

#[test]
fn tables_under_different_headings_list_different_posts() {
    let text = format!("= History of the Democratic Alliance =\n\n==Leaders==\n{TABLE}\n===Parliamentary Leaders===\n{TABLE}\n===Chief Executive Officers===\n{TABLE}");
    assert_eq!(
        labels(&text),
        [
            "Chief Executive Officer of the Democratic Alliance",
            "Leader of the Democratic Alliance",
            "Parliamentary Leader of the Democratic Alliance"
        ]
    );
    let court = format!("= Constitutional Court of Thailand =\n\nInfobox\n- Post: Constitutional Court ศาลรัฐธรรมนูญ\n- Established: 1997\n\n==Composition==\n===2006===\n====Members of the Tribunal====\n{TABLE}\n===2007===\n====Members of the Court====\n{TABLE}");
    assert_eq!(
        labels(&court),
        [
            "Member of the Constitutional Court of Thailand",
            "Member of the Tribunal of the Constitutional Court of Thailand"
        ]
    );
}

#[test]
fn one_table_per_party_gives_the_post_in_each_party() {
    let text = format!("= Quebec lieutenant =\n\nProse.\n\n==Notable Quebec lieutenants==\n===Liberal Party of Canada (since 1867)===\n{TABLE}\n===Reform Party (from 1987 until 2000)===\n{TABLE}");
    assert_eq!(
        labels(&text),
        [
            "Quebec lieutenant of the Liberal Party of Canada (since 1867)",
            "Quebec lieutenant of the Reform Party (from 1987 until 2000)"
        ]
    );
}

#[test]
fn tables_under_one_heading_list_one_post_and_merge() {
    use crate::extract::{process_text, ExtractConfig as Config};
    let text = format!("= Transcona (electoral district) =\n\nProse.\n\n==Members of the Legislative Assembly==\n{TABLE}\n{TABLE}");
    assert_eq!(
        labels(&text),
        ["Member of the Legislative Assembly for Transcona"]
    );
    let r = process_text("t.txt", "t.txt", text.as_bytes(), &Config::default());
    let tenures = r
        .quads
        .iter()
        .filter(|q| q.predicate.as_str() == og::POSITION_PROP.as_str())
        .count();
    assert_eq!(
        tenures, 2,
        "the second table's rows are the first's tenures"
    );
    // Sub-headings that name no post (`Seat A`) leave the table to the list's.
    let text = format!("= Maryland's 5th congressional district =\n\nInfobox\n- Post: Maryland's 5th congressional district\n- Area: 1 mi²\n- Population (2000): 2\n\n==List of representatives==\n===1803 - 1833: Two seats===\n====Seat A====\n{TABLE}\n====Seat B====\n{TABLE}");
    assert_eq!(
        labels(&text),
        ["Representative for Maryland's 5th congressional district"]
    );
}

#[test]
fn an_abbreviation_the_record_defines_is_its_organization() {
    let text = format!("= Space Research Commission =\n\nInfobox\n- Established: 1961\n\nThe Space Research Commission (SUPARCO) is an agency.\n\n==Administrators of SUPARCO==\n{TABLE}");
    assert_eq!(
        labels(&text),
        ["Administrator of the Space Research Commission"]
    );
}

#[test]
fn generic_headings() {
    let subject = "President of the Vietnamese Fatherland Front";
    for h in [
        "List",
        "Officeholders",
        "List of presidents",
        "Presidents",
        "History",
    ] {
        assert!(heading_is_generic(h, subject), "{h}");
    }
    assert!(!heading_is_generic("Vice Presidents", subject));
}
