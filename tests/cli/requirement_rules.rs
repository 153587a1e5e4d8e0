//! The finer rules of requirement sets through the real binary — hours that
//! count once reflected on, a rule for each role held, calendar years with a
//! carry from the year before, formal methods, once in every span — each met
//! exactly and missed by one, in the built-in sets that use them.

use serde_json::{Value, json};

use crate::requirements::{check_on, entry, rule, uuid};

/// A course of `hours` on `date`.
fn course(n: usize, date: &str, hours: f64, extra: Value) -> Value {
    let mut e = entry(n, "course", json!({"date": date, "hours": hours}));
    for (k, v) in extra.as_object().unwrap() {
        e[k] = v.clone();
    }
    e
}

/// A reflection about these entries.
fn reflection_about(n: usize, about: &[usize]) -> Value {
    let mut about: Vec<String> = about.iter().map(|a| uuid(*a)).collect();
    about.sort();
    entry(n, "reflection", json!({"date": "2026-06-01", "body": "What I learned.", "about": about}))
}

fn missed(result: &Value) -> Vec<String> {
    result["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["met"] == false)
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn rcvs_counts_hours_once_reflected_on_in_the_calendar_year() {
    for (key, hours) in [("rcvs-vet", 35.0), ("rcvs-vn", 15.0)] {
        let courses = |first: f64| {
            vec![
                course(1, "2026-02-01", first, json!({})),
                course(2, "2026-09-01", 5.0, json!({})),
                reflection_about(3, &[1, 2]),
            ]
        };
        let (code, met) = check_on(key, courses(hours - 5.0), "2026-12-31");
        assert_eq!((code, &met["rules"][0]["value"]), (Some(0), &json!(hours)), "{key}: {met}");
        assert_eq!(met["window"]["from"], "2026-01-01", "{key}: the calendar year");
        let (code, short) = check_on(key, courses(hours - 6.0), "2026-12-31");
        assert_eq!(
            (code, &short["rules"][0]["value"]),
            (Some(1), &json!(hours - 1.0)),
            "{key}: missed by one"
        );

        // Recorded but not reflected on: nothing counts, and the check says what to reflect on.
        let unreflected =
            vec![course(1, "2026-02-01", hours - 5.0, json!({})), course(2, "2026-09-01", 5.0, json!({}))];
        let (code, none) = check_on(key, unreflected, "2026-12-31");
        let r = &none["rules"][0];
        assert_eq!((code, &r["value"]), (Some(1), &json!(0.0)), "{key}");
        assert_eq!(r["unreflected"], json!([1, 2]));
        let words = r["would_meet"].as_str().unwrap();
        assert!(words.starts_with("reflect on 2 courses already recorded ("), "{key}: {words}");

        // Last year's hours never carry over, even reflected on.
        let last_year = vec![course(1, "2025-12-31", hours, json!({})), reflection_about(2, &[1])];
        assert_eq!(check_on(key, last_year, "2026-12-31").0, Some(1), "{key}: no carrying over");
    }
}

#[test]
fn gmc_appraisal_asks_for_reflected_cpd_about_every_role_held() {
    let year = |about_second_role: bool| {
        let mut entries = vec![
            entry(1, "role", json!({"title": "GP partner", "date": "2019-08"})),
            entry(2, "role", json!({"title": "Prison doctor", "date": "2025-09", "end_date": "2026-02"})),
            entry(
                3,
                "role",
                json!({"title": "Locum, before the year", "date": "2018-01", "end_date": "2024-12"}),
            ),
            course(4, "2025-11-01", 6.0, json!({"about": [uuid(1)]})),
            course(5, "2026-01-10", 2.0, json!({"about": [uuid(2)]})),
            reflection_about(6, if about_second_role { &[4, 5] } else { &[4] }),
            entry(7, "meeting", json!({"date": "2026-03-01", "tags": ["appraisal"]})),
        ];
        entries[5]["date"] = json!("2026-03-01");
        entries
    };
    let (code, met) = check_on("gmc-appraisal", year(true), "2026-03-15");
    assert_eq!(code, Some(0), "{met}");
    let names: Vec<&str> =
        met["rules"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "CPD reflected on, for each role held: GP partner",
            "CPD reflected on, for each role held: Prison doctor",
            "Appraisal meeting"
        ],
        "a role that ended before the year is not in it"
    );
    let (code, short) = check_on("gmc-appraisal", year(false), "2026-03-15");
    assert_eq!(code, Some(1));
    assert_eq!(missed(&short), ["CPD reflected on, for each role held: Prison doctor"]);
    let r = rule(&short, "CPD reflected on, for each role held: Prison doctor");
    assert_eq!(r["would_meet"], "add 1 more course reflected on about role 2 (`--about 2`)");
}

#[test]
fn gmc_revalidation_met_exactly_and_missed_by_one_in_each_rule() {
    let cycle = || {
        let mut entries = vec![
            entry(1, "role", json!({"title": "Consultant", "date": "2020-01"})),
            entry(2, "role", json!({"title": "Medical director", "date": "2024-01"})),
            course(3, "2023-05-01", 3.0, json!({"about": [uuid(1)]})),
            course(4, "2024-05-01", 3.0, json!({"about": [uuid(2)]})),
            entry(
                5,
                "evidence",
                json!({"date": "2024-06-01", "tags": ["quality-improvement"], "about": [uuid(1)]}),
            ),
            entry(
                6,
                "evidence",
                json!({"date": "2025-06-01", "tags": ["quality-improvement"], "about": [uuid(2)]}),
            ),
            entry(7, "reflection", json!({"date": "2025-02-01", "tags": ["significant-event"]})),
            entry(8, "feedback", json!({"date": "2024-03-01", "tags": ["patient"]})),
            entry(9, "feedback", json!({"date": "2024-04-01", "tags": ["colleague"]})),
            entry(10, "evidence", json!({"date": "2025-04-01", "tags": ["complaints-compliments"]})),
        ];
        for (n, date) in [
            (11, "2021-06-01"),
            (12, "2022-06-01"),
            (13, "2023-06-01"),
            (14, "2024-06-01"),
            (15, "2025-06-01"),
        ] {
            entries.push(entry(n, "meeting", json!({"date": date, "tags": ["appraisal"]})));
        }
        entries
    };
    let (code, met) = check_on("gmc-revalidation", cycle(), "2026-03-15");
    assert_eq!(code, Some(0), "{met}");
    let drop = |uuid_n: usize, rule_name: &str| {
        let entries: Vec<Value> = cycle().into_iter().filter(|e| e["uuid"] != uuid(uuid_n)).collect();
        let (code, result) = check_on("gmc-revalidation", entries, "2026-03-15");
        assert_eq!(code, Some(1), "{rule_name}");
        assert_eq!(missed(&result), [rule_name], "only {rule_name} is missed");
    };
    drop(4, "CPD across the whole scope of practice: Medical director");
    drop(5, "Quality improvement across the whole scope of practice: Consultant");
    drop(7, "Significant events");
    drop(8, "Feedback from patients");
    drop(9, "Feedback from colleagues");
    drop(10, "Compliments and complaints");
    drop(13, "Annual appraisals (year to 2024-03-15)");
}

#[test]
fn acca_carries_verifiable_units_into_the_next_calendar_year_up_to_21() {
    let years = |last: f64, this: f64| {
        vec![
            course(1, "2025-03-01", last, json!({"tags": ["verifiable"]})),
            course(2, "2026-03-01", this, json!({"tags": ["verifiable"]})),
            course(3, "2026-04-01", 40.0 - this, json!({})),
        ]
    };
    // 30 last year: 9 over 21 carried; 12 this year + 9 = 21.
    let (code, met) = check_on("acca-cpd", years(30.0, 12.0), "2026-12-31");
    assert_eq!(code, Some(0), "{met}");
    let verifiable = rule(&met, "Verifiable units (2026)");
    assert_eq!((&verifiable["value"], &verifiable["carried"]), (&json!(21.0), &json!(9.0)));
    let (code, short) = check_on("acca-cpd", years(30.0, 11.0), "2026-12-31");
    assert_eq!((code, missed(&short)), (Some(1), vec!["Verifiable units (2026)".to_string()]));
    assert_eq!(rule(&short, "Verifiable units (2026)")["value"], 20.0, "missed by one");
    // At most 21 are carried, however many were done.
    let (code, capped) = check_on("acca-cpd", years(50.0, 0.0), "2026-12-31");
    assert_eq!((code, &rule(&capped, "Verifiable units (2026)")["carried"]), (Some(0), &json!(21.0)));
    let (code, _) = check_on("acca-cpd", years(50.0, 0.0).into_iter().take(1).collect(), "2026-12-31");
    assert_eq!(code, Some(1), "the 40 units of the year are not carried");
}

#[test]
fn rics_asks_for_formal_hours_and_ethics_once_in_every_three_years() {
    let year = |formal: f64, ethics_on: &str| {
        vec![
            course(1, "2026-02-01", formal, json!({"method": "workshop"})),
            course(2, "2026-03-01", 20.0 - formal, json!({"method": "private reading"})),
            course(3, ethics_on, 1.0, json!({"method": "e-learning", "tags": ["ethics"]})),
        ]
    };
    let (code, met) = check_on("rics-cpd", year(10.0, "2024-01-01"), "2026-12-31");
    assert_eq!(code, Some(0), "{met}");
    let ethics = rule(&met, "Professional and ethical standards");
    assert_eq!(ethics["next_due"], "2027-01-01");
    assert_eq!(
        ethics["window"],
        json!({"from": "2024-01-01", "to": "2026-12-31"}),
        "its own span, named as written"
    );
    let (code, short) = check_on("rics-cpd", year(9.0, "2024-01-01"), "2026-12-31");
    assert_eq!((code, missed(&short)), (Some(1), vec!["Formal CPD hours".to_string()]));
    assert_eq!(rule(&short, "Formal CPD hours")["value"], 9.0);
    let (code, lapsed) = check_on("rics-cpd", year(10.0, "2023-12-31"), "2026-12-31");
    assert_eq!(code, Some(1), "three years and a day");
    let r = rule(&lapsed, "Professional and ethical standards");
    assert_eq!(r["shortfall"], "none in the last 3 years");
}

/// A mentor's last 12 months: a mentoring role with these contact hours, 16
/// hours of CPD, 5 feedback, 5 reflections, supervision every quarter.
fn emcc_year(contact_hours: f64) -> Vec<Value> {
    let mut entries = vec![
        entry(1, "role", json!({"date": "2023-01", "practice_hours": contact_hours, "tags": ["mentoring"]})),
        course(2, "2025-11-01", 16.0, json!({})),
    ];
    for n in 0..5 {
        entries.push(entry(10 + n, "feedback", json!({"date": "2025-09-01"})));
        entries.push(entry(20 + n, "reflection", json!({"date": "2025-10-01"})));
    }
    for (n, date) in [(30, "2025-04-01"), (31, "2025-07-01"), (32, "2025-10-01"), (33, "2026-01-01")] {
        entries.push(entry(n, "meeting", json!({"date": date, "tags": ["supervision"]})));
    }
    entries
}

#[test]
fn emcc_eia_practitioner_met_exactly_and_missed_by_one() {
    let year = || emcc_year(100.0);
    let (code, met) = check_on("emcc-eia-practitioner", year(), "2026-03-15");
    assert_eq!(code, Some(0), "{met}");
    let mut fewer = year();
    fewer[0]["practice_hours"] = json!(99.0);
    fewer[1]["hours"] = json!(15.0);
    fewer.retain(|e| e["uuid"] != uuid(14) && e["uuid"] != uuid(24) && e["uuid"] != uuid(31));
    let (code, short) = check_on("emcc-eia-practitioner", fewer, "2026-03-15");
    assert_eq!(code, Some(1));
    for name in ["Client contact hours", "Client feedback", "Reflections on practice", "CPD hours"] {
        let r = rule(&short, name);
        assert_eq!(r["value"].as_f64().unwrap() + 1.0, r["required"].as_f64().unwrap(), "{name}: {r}");
    }
    assert_eq!(rule(&short, "Supervision (no 3 months without)")["met"], false, "April to October");
}

#[test]
fn emcc_eia_foundation_asks_for_50_contact_hours() {
    let year = emcc_year;
    assert_eq!(check_on("emcc-eia-foundation", year(50.0), "2026-03-15").0, Some(0));
    let (code, short) = check_on("emcc-eia-foundation", year(49.0), "2026-03-15");
    assert_eq!((code, missed(&short)), (Some(1), vec!["Client contact hours".to_string()]));
}

#[test]
fn the_new_rule_keys_are_checked_on_import() {
    let env = crate::TestEnv::new();
    let head = "key = \"x\"\ntitle = \"X\"\nsource = \"https://example.org\"\nyears = 1\n";
    let cases = [
        (
            "[[rule]]\nname = \"F\"\nsum = \"hours\"\nformal = true\nat_least = 1\n",
            "formal = true needs the set's formal_methods",
        ),
        (
            "[[rule]]\nname = \"C\"\nsum = \"hours\"\ncarry_forward = { max = 5 }\nat_least = 1\n",
            "carry_forward needs per = \"year\"",
        ),
        (
            "[[rule]]\nname = \"O\"\ncount = \"entries\"\nonce_every = \"3x\"\n",
            "once_every '3x' must be a number of years or months",
        ),
        (
            "[[rule]]\nname = \"R\"\ncount = \"entries\"\neach_role = true\neach_tag = [\"a\"]\nat_least = 1\n",
            "give each_role or each_tag, not both",
        ),
        (
            "[[rule]]\nname = \"P\"\ncount = \"entries\"\nper = \"month\"\nat_least = 1\n",
            "unknown variant `month`",
        ),
    ];
    for (rule_text, expected) in cases {
        std::fs::write(env.path("set.toml"), format!("{head}{rule_text}")).unwrap();
        let stderr = env.fails(&["requirements", "import", "set.toml"], 1);
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
    let period = "key = \"x\"\ntitle = \"X\"\nsource = \"s\"\nperiod = \"2024-01-01..2024-12-31\"\ncalendar = true\n[[rule]]\nname = \"A\"\ncount = \"entries\"\nat_least = 1\n";
    std::fs::write(env.path("set.toml"), period).unwrap();
    assert!(
        env.fails(&["requirements", "import", "set.toml"], 1)
            .contains("calendar = true goes with `years = N`")
    );
}
