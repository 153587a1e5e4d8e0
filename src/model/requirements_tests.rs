//! Tests of the requirement rules in `requirements.rs`.

use super::*;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn facts(id: i64, kind: EntryKind, date: &str) -> EntryFacts {
    EntryFacts {
        id: EntryId(id),
        kind,
        date: date.parse().unwrap(),
        end_date: None,
        tags: Vec::new(),
        template: None,
        participatory: false,
        hours: None,
        practice_hours: None,
        method: None,
        has_text: false,
        competencies: Vec::new(),
    }
}

fn course(id: i64, date: &str, hours: f64) -> EntryFacts {
    EntryFacts { hours: Some(hours), ..facts(id, EntryKind::Course, date) }
}

fn rule(name: &str, measure: Measure, at_least: Option<f64>, at_most: Option<f64>) -> Rule {
    Rule {
        name: name.into(),
        measure,
        selection: Selection { kinds: vec![EntryKind::Course], ..Default::default() },
        at_least,
        at_most,
        each_tag: Vec::new(),
        cap: None,
    }
}

fn set(rules: Vec<Rule>, window: Window) -> RequirementSet {
    RequirementSet { key: "t".into(), title: "T".into(), source: "s".into(), notes: None, window, rules }
}

#[test]
fn a_rolling_window_ends_on_the_day_checked() {
    let span = Window::Years(3).span(day("2026-03-15"));
    assert_eq!((span.from, span.to), (day("2023-03-16"), day("2026-03-15")));
    let fixed = Window::Period(day("2024-04-01"), day("2027-03-31")).span(day("2026-01-01"));
    assert_eq!(fixed.from, day("2024-04-01"));
}

#[test]
fn hours_count_only_inside_the_window_and_say_what_is_left() {
    let entries = [course(1, "2023-03-15", 10.0), course(2, "2024-05", 20.5), course(3, "2026-03-15", 8.0)];
    let result = set(vec![rule("CPD hours", Measure::Hours, Some(35.0), None)], Window::Years(3))
        .check(&entries, day("2026-03-15"));
    let r = &result.rules[0];
    assert_eq!((r.value, r.met), (28.5, false), "the first course is a day too old");
    assert_eq!(r.entries, [EntryId(2), EntryId(3)]);
    assert_eq!(r.shortfall.as_deref(), Some("6.5 to go"));
    assert!(!result.met);
}

#[test]
fn a_capped_tag_adds_at_most_its_cap_and_each_tag_splits_a_rule() {
    let tag = |mut e: EntryFacts, t: &str| {
        e.tags = vec![t.into()];
        e
    };
    let entries = [
        tag(course(1, "2025-01", 40.0), "giving-back"),
        tag(course(2, "2025-02", 30.0), "power-skills"),
        tag(course(3, "2025-03", 5.0), "business-acumen"),
    ];
    let mut total = rule("PDUs", Measure::Hours, Some(60.0), None);
    total.cap = Some(("giving-back".into(), 25.0));
    let mut each = rule("Each area", Measure::Hours, Some(8.0), None);
    each.each_tag = vec!["power-skills".into(), "business-acumen".into()];
    let result = set(vec![total, each], Window::Years(3)).check(&entries, day("2026-01-01"));
    assert_eq!(result.rules[0].value, 60.0, "35 of education and 25 of the 40 giving-back hours");
    assert!(result.rules[0].met);
    let names: Vec<(&str, bool)> = result.rules[1..].iter().map(|r| (r.name.as_str(), r.met)).collect();
    assert_eq!(names, [("Each area: power-skills", true), ("Each area: business-acumen", false)]);
}

#[test]
fn a_gap_of_three_empty_months_breaks_a_continuous_record() {
    let gap = rule("No gap", Measure::GapMonths, None, Some(3.0));
    let check = |dates: &[&str]| {
        let entries: Vec<EntryFacts> =
            dates.iter().enumerate().map(|(i, d)| course(i as i64, d, 1.0)).collect();
        set(vec![gap.clone()], Window::Period(day("2025-01-01"), day("2025-12-31")))
            .check(&entries, day("2025-12-31"))
    };
    let steady = check(&["2025-01-10", "2025-03-10", "2025-05-10", "2025-07-10", "2025-09-10", "2025-11-10"]);
    assert!(steady.met, "{:?}", steady.rules);
    let broken = check(&["2025-01-10", "2025-05-10", "2025-07-10", "2025-09-10", "2025-11-10"]);
    assert_eq!((broken.rules[0].value, broken.met), (3.0, false), "February to April is empty");
    let late_start = check(&["2025-04-10", "2025-06-10", "2025-08-10", "2025-10-10", "2025-12-10"]);
    assert!(!late_start.met, "January to March before the first entry counts too");
}

#[test]
fn selections_combine_every_condition() {
    let mut reflection = facts(1, EntryKind::Reflection, "2025-01");
    reflection.template = Some(Template::Nmc);
    reflection.competencies = vec!["emcc/self".into()];
    let selection = Selection {
        kinds: vec![EntryKind::Reflection],
        template: Some(Template::Nmc),
        claims: Some("EMCC".into()),
        ..Default::default()
    };
    assert!(selection.matches(&reflection));
    assert!(Selection { claims: Some("emcc/self".into()), ..selection.clone() }.matches(&reflection));
    assert!(!Selection { claims: Some("emcc/sel".into()), ..selection.clone() }.matches(&reflection));
    assert!(!Selection { reflected: true, ..selection }.matches(&reflection), "no written text");
}
