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
        reflected: false,
        about: Vec::new(),
        title: String::new(),
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
        each_role: false,
        per_year: false,
        carry_forward: None,
        once_every_months: None,
    }
}

fn set(rules: Vec<Rule>, window: Window) -> RequirementSet {
    RequirementSet {
        key: "t".into(),
        title: "T".into(),
        source: "s".into(),
        notes: None,
        window,
        calendar: false,
        rules,
    }
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
    assert!(!Selection { written: true, ..selection.clone() }.matches(&reflection), "no written text");
    assert!(!Selection { reflected: true, ..selection }.matches(&reflection), "no reflection about it");
}

#[test]
fn reflected_hours_count_only_once_a_reflection_is_about_them_and_say_which_to_reflect_on() {
    let reflected = |mut e: EntryFacts| {
        e.reflected = true;
        e
    };
    let entries = [
        reflected(course(1, "2026-01", 30.0)),
        course(2, "2026-02", 1.5),
        course(3, "2026-03", 3.0),
        course(4, "2026-04", 2.0),
    ];
    let mut hours = rule("Reflected hours", Measure::Hours, Some(35.0), None);
    hours.selection.reflected = true;
    let result = set(vec![hours], Window::Years(1)).check(&entries, day("2026-12-31"));
    let r = &result.rules[0];
    assert_eq!((r.value, r.met, r.entries.as_slice()), (30.0, false, [EntryId(1)].as_slice()));
    assert_eq!(r.unreflected, [EntryId(2), EntryId(3), EntryId(4)]);
    assert_eq!(
        r.would_meet.as_deref(),
        Some("reflect on 2 courses already recorded (5 hours): 3, 4"),
        "the largest first, as few as meet it"
    );
}

#[test]
fn calendar_years_each_checked_with_a_capped_carry_from_the_year_before() {
    let entries = [
        course(1, "2023-06", 50.0), // 10 over 40: carries 5 (the most) into 2024
        course(2, "2024-06", 36.0), // 36 + 5 = 41: met; its own surplus is none
        course(3, "2025-06", 39.0), // 39 + 0: one short
    ];
    let mut units = rule("Units", Measure::Hours, Some(40.0), None);
    units.per_year = true;
    units.carry_forward = Some(5.0);
    let mut acca = set(vec![units], Window::Years(2));
    acca.calendar = true;
    let result = acca.check(&entries, day("2025-12-31"));
    let years: Vec<(&str, f64, Option<f64>, bool)> =
        result.rules.iter().map(|r| (r.name.as_str(), r.value, r.carried, r.met)).collect();
    assert_eq!(years, [("Units (2024)", 41.0, Some(5.0), true), ("Units (2025)", 39.0, Some(0.0), false)]);
    assert_eq!(result.rules[0].figure(), "41 of 40 (5 carried from the year before)");
    assert_eq!(result.window.from, day("2024-01-01"), "two calendar years from 1 January");
    assert_eq!(acca.load_span(day("2025-12-31")).from, day("2023-01-01"), "the year before is read too");
    assert_eq!(result.rules[1].window.map(|w| (w.from, w.to)), Some((day("2025-01-01"), day("2025-12-31"))));
}

#[test]
fn once_every_looks_back_its_own_span_and_says_when_the_next_is_due() {
    let mut ethics = rule("Ethics", Measure::Count, Some(1.0), None);
    ethics.once_every_months = Some(36);
    ethics.selection.tags = vec!["ethics".into()];
    let rics = set(vec![ethics], Window::Years(1));
    let tagged = |mut e: EntryFacts| {
        e.tags = vec!["ethics".into()];
        e
    };
    let met = rics.check(&[tagged(course(1, "2024-03-16", 1.0))], day("2026-12-31"));
    assert!(met.met, "two years ago is within three, whatever the one-year window");
    assert_eq!(met.rules[0].next_due, Some(day("2027-03-16")));
    let missed = rics.check(&[tagged(course(1, "2023-12-31", 1.0))], day("2026-12-31"));
    assert!(!missed.met, "three years and a day");
    assert_eq!(missed.rules[0].shortfall.as_deref(), Some("none in the last 3 years"));
}

#[test]
fn each_role_holds_for_every_role_held_counting_entries_about_it() {
    let role =
        |id, title: &str, from: &str| EntryFacts { title: title.into(), ..facts(id, EntryKind::Role, from) };
    let about = |mut e: EntryFacts, role: i64| {
        e.about = vec![EntryId(role)];
        e
    };
    let entries = [
        role(1, "GP partner", "2020-01"),
        role(2, "Prison doctor", "2024-05"),
        about(facts(3, EntryKind::Feedback, "2025-01"), 1),
        facts(4, EntryKind::Feedback, "2025-02"),
    ];
    let mut feedback = rule("Feedback", Measure::Count, Some(1.0), None);
    feedback.selection.kinds = vec![EntryKind::Feedback];
    feedback.each_role = true;
    let result = set(vec![feedback.clone()], Window::Years(5)).check(&entries, day("2026-01-01"));
    let roles: Vec<(&str, bool)> = result.rules.iter().map(|r| (r.name.as_str(), r.met)).collect();
    assert_eq!(roles, [("Feedback: GP partner", true), ("Feedback: Prison doctor", false)]);
    assert_eq!(result.rules[1].would_meet.as_deref(), Some("add 1 more feedback about role 2 (`--about 2`)"));
    let none = set(vec![feedback], Window::Years(5)).check(&entries[2..], day("2026-01-01"));
    assert_eq!(none.rules[0].shortfall.as_deref(), Some("no role recorded in the window"));
}
