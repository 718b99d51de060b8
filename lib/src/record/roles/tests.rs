//! Parse stage: tests of column roles, one per rule of the role assignment.

use super::*;
use ColumnKind as K;

fn kinds(header: &[&str], rows: &[&[&str]]) -> (Vec<ColumnKind>, Vec<String>) {
    let owned: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    let cells = header_cells(&owned, None, &[], header.len());
    let sample: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
        .collect();
    let mut d = Diagnostics::new("t");
    let columns = assign_roles(
        &cells,
        header.len(),
        &sample,
        &Lexicon::builtin(),
        1,
        &mut d,
    );
    (
        columns.into_iter().map(|c| c.kind).collect(),
        d.items().iter().map(|d| d.message.clone()).collect(),
    )
}

#[test]
fn rule_1_headers_give_roles_if_the_cells_agree() {
    let (k, w) = kinds(
        &["Name", "Took office", "Left office"],
        &[
            &["Ann Lee", "Smith Town", "1990"],
            &["Bo Chan", "Jones Hill", "1995"],
        ],
    );
    assert_eq!(k, [K::Name, K::Other, K::End]);
    assert!(
        w[0].contains("`Took office` is headed as a term start"),
        "{w:?}"
    );
}

#[test]
fn rule_2_a_header_naming_the_post_is_the_holder_unless_a_name_column_is() {
    let rows: &[&[&str]] = &[
        &["Jiang Qing", "Mao Zedong", "1954"],
        &["Wang Guangmei", "Liu Shaoqi", "1959"],
    ];
    let (k, _) = kinds(&["Representative", "President", "Took office"], rows);
    assert_eq!(k, [K::Name, K::Appointer, K::Start]);
    let (k, _) = kinds(&["Name", "President", "Took office"], rows);
    assert_eq!(k, [K::Name, K::Appointer, K::Start]);
}

#[test]
fn rule_2_a_spanning_header_lends_its_role_to_the_names_under_it() {
    let (k, _) = kinds(
        &["Parliament", "Years", "Member", "", "Party"],
        &[&["29th", "1969–1973", "", "Russell Paulley", "New Democratic"]],
    );
    assert_eq!(k[3], K::Name);
    assert_ne!(k[2], K::Name);
}

#[test]
fn rule_3_a_term_header_over_two_date_columns_is_start_and_end() {
    let (k, _) = kinds(
        &["Name", "Tenure", ""],
        &[&["Jiang Qing", "27 September 1954", "27 April 1959"]],
    );
    assert_eq!(k, [K::Name, K::Start, K::End]);
}

#[test]
fn rule_4_a_weak_start_gives_way() {
    let row: &[&str] = &["Ann Lee", "Apr 10, 1947", "Jul 1, 1947", "Jun 22, 1948"];
    let (k, _) = kinds(
        &[
            "Name",
            "Appointment",
            "Credentials Presented",
            "Termination of Mission",
        ],
        &[row],
    );
    assert_eq!(k, [K::Name, K::OtherDate, K::Start, K::End]);
    let (k, _) = kinds(
        &["Name", "Appointment", "Left office"],
        &[&["Ann Lee", "1947", "1948"]],
    );
    assert_eq!(k, [K::Name, K::Start, K::End]);
}

#[test]
fn rule_5_unnamed_columns_by_content_with_a_warning_for_the_holder() {
    let (k, w) = kinds(
        &["", "", "Entered office", "Left office"],
        &[&["1", "Jan Steytler", "1959", "1970"]],
    );
    assert_eq!(k, [K::Ordinal, K::Name, K::Start, K::End]);
    assert!(
        w.iter()
            .any(|m| m.contains("read as the holder from its content")),
        "{w:?}"
    );
}

#[test]
fn rule_6_one_column_per_meaning() {
    let (k, w) = kinds(
        &["Name", "Start", "End", "Start", "End"],
        &[&["Ann Lee", "2008", "2011", "2013", "2014"]],
    );
    assert_eq!(k, [K::Name, K::Start, K::End, K::Other, K::Other]);
    assert_eq!(w.iter().filter(|m| m.contains("second term")).count(), 2);
}

#[test]
fn an_election_column_starts_holdings_only_without_term_dates() {
    let (k, _) = kinds(
        &["Election", "Member", "Party"],
        &[&["1892", "Thomas Usborne", "Conservative"]],
    );
    assert_eq!(k, [K::Start, K::Name, K::Party]);
    let (k, _) = kinds(
        &["Elected", "Name", "Took office"],
        &[&["1990", "Ann Lee", "1991"]],
    );
    assert_eq!(k, [K::Election, K::Name, K::Start]);
}
