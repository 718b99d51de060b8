//! Foundation (date): tests of the date type — lexical forms, literals, day arithmetic.

use super::*;

fn lexical(s: &str) -> PartialDate {
    s.parse().expect("a lexical date")
}

#[test]
fn lexical_forms_round_trip_bce_and_year_zero_included() {
    for form in [
        "-0193",
        "0000",
        "0014",
        "1930-10-27",
        "1986-12",
        "-0043-03-15",
        "12345",
    ] {
        assert_eq!(lexical(form).to_string(), form);
    }
    assert_eq!(lexical("-0193").year, -193);
    assert_eq!(lexical("-1945").year, -1945);
    assert_eq!(lexical(" 1945 ").to_string(), "1945");
    assert_eq!(PartialDate::year(-5).to_string(), "-0005");
}

#[test]
fn shapes_and_impossible_days_are_told_apart() {
    for bad in [
        "12",
        "1986-1",
        "1986-123",
        "1986-12-1",
        "+1986",
        "1986-12-01-02",
        "",
    ] {
        assert!(
            matches!(bad.parse::<PartialDate>(), Err(DateError::Unparseable(_))),
            "{bad:?}"
        );
    }
    for impossible in [
        "1950-02-30",
        "1986-13",
        "1986-00",
        "1986-12-00",
        "1900-02-29",
    ] {
        assert!(
            matches!(
                impossible.parse::<PartialDate>(),
                Err(DateError::Impossible(_))
            ),
            "{impossible:?}"
        );
    }
}

#[test]
fn leap_years_and_month_ends() {
    assert!(is_leap_year(2000) && is_leap_year(2024) && is_leap_year(0) && is_leap_year(-4));
    assert!(!is_leap_year(1900) && !is_leap_year(2023) && !is_leap_year(-1));
    assert_eq!(days_in_month(2024, 2), 29);
    assert_eq!(days_in_month(1900, 2), 28);
    assert_eq!(days_in_month(0, 2), 29); // 1 BC
    assert_eq!(
        (1..=12)
            .map(|m| u32::from(days_in_month(2023, m)))
            .sum::<u32>(),
        365
    );
    assert_eq!(lexical("2000-02-29").to_string(), "2000-02-29");
    assert_eq!(lexical("0000-02-29").to_string(), "0000-02-29");
    assert!("2023-04-31".parse::<PartialDate>().is_err());
    assert!(lexical("2023-12-31").is_real());
    let month = lexical("2024-02");
    assert_eq!(month.last_day() - month.first_day(), 28);
    assert_eq!(civil_from_days(month.last_day()).to_string(), "2024-02-29");
    let december = lexical("1999-12");
    assert_eq!(
        civil_from_days(december.last_day() + 1).to_string(),
        "2000-01-01"
    );
}

#[test]
fn day_numbers_round_trip() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(2024, 2, 29), 19_782);
    for days in [-800_000, -1, 0, 59, 19_782, 20_781, 2_000_000] {
        let d = civil_from_days(days);
        let (m, dd) = (d.month.unwrap_or(0), d.day.unwrap_or(0));
        assert_eq!(days_from_civil(d.year, m, dd), days, "{d}");
    }
    assert_eq!(civil_from_days(20_781).to_string(), "2026-11-24");
    assert_eq!(civil_from_days(-1).to_string(), "1969-12-31");
    // 1 BC (year 0) is a leap year, and follows straight on to AD 1.
    let bc1 = lexical("0000-12-31");
    assert_eq!(bc1.first_day() + 1, lexical("0001-01-01").first_day());
    assert_eq!(
        civil_from_days(lexical("-0043-03-15").first_day()).to_string(),
        "-0043-03-15"
    );
    assert_eq!(today_utc().precision(), Precision::Day);
}

#[test]
fn a_date_spans_its_precision() {
    let day = DaySpan::of(&lexical("1930-10-27"));
    assert_eq!(day.end - day.first, 1);
    assert!(day.is_exact());
    let month = DaySpan::of(&lexical("1986-12"));
    assert_eq!(month.first, days_from_civil(1986, 12, 1));
    assert_eq!(month.end, days_from_civil(1987, 1, 1));
    assert!(!month.is_exact());
    let february = lexical("2024-02").day_span();
    assert_eq!(february.end - february.first, 29);
    let year = DaySpan::of(&lexical("1945"));
    assert_eq!(year.first, days_from_civil(1945, 1, 1));
    assert_eq!(year.end - year.first, 365);
    let bce = lexical("-0193").day_span();
    assert_eq!(bce.end, lexical("-0192").first_day());
}

#[test]
fn touching_dates_meet_or_overlap() {
    assert!(lexical("1973").touches(&lexical("1973-06-01")));
    assert!(lexical("1973-05-31").touches(&lexical("1973-06-01")));
    assert!(lexical("1973-05").touches(&lexical("1973-06")));
    assert!(!lexical("1973-05-30").touches(&lexical("1973-06-01")));
    assert!(!lexical("1972").touches(&lexical("1974")));
    assert!(lexical("1972").touches(&lexical("1973")));
}

#[test]
fn order_and_containment_follow_precision() {
    let (a, b, c) = (lexical("1986"), lexical("1986-12"), lexical("1986-12-18"));
    assert!(a < b && b < c && lexical("-0001") < lexical("0000"));
    assert!(a.contains(&c) && b.contains(&c) && !c.contains(&b));
    assert!(c.agrees_with(&b) && !lexical("1986-11").agrees_with(&c));
}

#[test]
fn literals_carry_the_precision_both_ways() {
    for (form, datatype) in [
        ("1930-10-27", xsd::DATE),
        ("1986-12", xsd::G_YEAR_MONTH),
        ("1945", xsd::G_YEAR),
        ("-0193", xsd::G_YEAR),
    ] {
        let date = lexical(form);
        let literal = date.to_literal();
        assert_eq!(literal, Literal::new_typed_literal(form, datatype));
        assert_eq!(PartialDate::from_literal(literal.as_ref()), Some(date));
    }
    let wrong = Literal::new_typed_literal("1986", xsd::DATE);
    assert_eq!(PartialDate::from_literal(wrong.as_ref()), None);
    let plain = Literal::new_simple_literal("1986");
    assert_eq!(PartialDate::from_literal(plain.as_ref()), None);
    for (form, datatype) in [
        ("1986-12-18Z", xsd::DATE),
        ("01986", xsd::G_YEAR),
        (" 1986", xsd::G_YEAR),
        ("1950-02-30", xsd::DATE),
        ("1986-12", xsd::DATE_TIME),
    ] {
        let odd = Literal::new_typed_literal(form, datatype);
        assert_eq!(PartialDate::from_literal(odd.as_ref()), None, "{form}");
    }
    let precisions = [Precision::Year, Precision::Month, Precision::Day];
    assert_eq!(precisions.map(Precision::wikibase), [9, 10, 11]);
    for p in precisions {
        assert_eq!(Precision::from_wikibase(p.wikibase().into()), Some(p));
    }
}

#[test]
fn timezones_are_ignored_by_the_xsd_reader() {
    for (form, date) in [
        ("1930-10-27Z", Some("1930-10-27")),
        ("1930-10-27+07:00", Some("1930-10-27")),
        ("1986-12-05:00", Some("1986-12")),
        ("1945", Some("1945")),
        ("c. 1955", None),
    ] {
        let read = PartialDate::from_xsd(form).ok().map(|d| d.to_string());
        assert_eq!(read.as_deref(), date, "{form}");
    }
    assert!("1930-10-27Z".parse::<PartialDate>().is_err());
}

#[test]
fn wikidata_dates_keep_their_precision() {
    let d = |s: &str| PartialDate::from_wikidata(s).map(|d| d.to_string());
    assert_eq!(d("+1904-00-00T00:00:00Z").as_deref(), Some("1904"));
    assert_eq!(d("+1986-12-00T00:00:00Z").as_deref(), Some("1986-12"));
    assert_eq!(d("1986-12-18T00:00:00Z").as_deref(), Some("1986-12-18"));
    assert_eq!(d("1945").as_deref(), Some("1945"));
    assert_eq!(d("1950-02-30"), None);
    assert_eq!(d("soon"), None);
    assert_eq!(d("+2147483647-01-01T00:00:00Z"), None);
    let at = |s: &str, p: u64| {
        PartialDate::from_wikidata(s)
            .zip(Precision::from_wikibase(p))
            .map(|(d, p)| d.truncated(p).to_string())
    };
    assert_eq!(at("+1915-07-01T00:00:00Z", 9).as_deref(), Some("1915"));
    assert_eq!(at("+1915-07-01T00:00:00Z", 10).as_deref(), Some("1915-07"));
    assert_eq!(
        at("+1915-07-01T00:00:00Z", 11).as_deref(),
        Some("1915-07-01")
    );
    assert_eq!(
        at("+1915-07-01T00:00:00Z", 14).as_deref(),
        Some("1915-07-01")
    );
    assert_eq!(at("+1915-07-01T00:00:00Z", 8), None);
}

mod prop {
    use super::super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lexical_form_round_trips_bce_too(y in -9999i32..=9999, m in 1u8..=12, day in 1u8..=28) {
            let date = PartialDate { year: y, month: Some(m), day: Some(day) };
            prop_assert_eq!(date.to_string().parse::<PartialDate>(), Ok(date));
            let year = PartialDate::year(y);
            prop_assert_eq!(year.to_string().parse::<PartialDate>(), Ok(year));
            prop_assert_eq!(PartialDate::from_literal(date.to_literal().as_ref()), Some(date));
        }

        #[test]
        fn day_numbers_round_trip_everywhere(days in -5_000_000i64..5_000_000) {
            let d = civil_from_days(days);
            prop_assert!(d.is_real());
            prop_assert_eq!(d.first_day(), days);
            prop_assert_eq!(d.last_day(), days);
        }

        #[test]
        fn a_month_ends_the_day_before_the_next_begins(y in -3000i32..3000, m in 1u8..=12) {
            let month = PartialDate { year: y, month: Some(m), day: None };
            let last = civil_from_days(month.last_day());
            prop_assert_eq!(last.day, Some(days_in_month(y, m)));
            prop_assert_eq!(civil_from_days(month.last_day() + 1).day, Some(1));
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = s.parse::<PartialDate>();
            let _ = PartialDate::from_xsd(&s);
            let _ = PartialDate::from_wikidata(&s);
        }
    }
}
