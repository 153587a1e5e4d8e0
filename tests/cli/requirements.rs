//! Requirements as code through the real binary: each built-in set against a
//! portfolio made to pass it exactly, and against one that misses each rule
//! by one; bad files and keys; CPD, expiry and the agenda.

use serde_json::{Value, json};

use crate::TestEnv;

/// An entry of the folio document, dated inside every window checked on 2026-03-15.
pub fn entry(n: usize, kind: &str, extra: Value) -> Value {
    let mut e = json!({
        "uuid": uuid(n), "kind": kind, "title": format!("{kind} {n}"),
        "date": "2025-06-01", "created_at": "2025-06-01T09:00:00Z", "updated_at": "2025-06-01T09:00:00Z"
    });
    for (k, v) in extra.as_object().unwrap() {
        e[k] = v.clone();
    }
    e
}

/// A portfolio holding these entries; the result of checking `key` on 2026-03-15.
fn check(key: &str, entries: Vec<Value>) -> (Option<i32>, Value) {
    check_on(key, entries, "2026-03-15")
}

/// A portfolio holding these entries; the result of checking `key` on `as_of`.
pub fn check_on(key: &str, entries: Vec<Value>, as_of: &str) -> (Option<i32>, Value) {
    let env = TestEnv::new();
    let doc = json!({"format": "folio-portfolio", "version": 1, "entries": entries});
    std::fs::write(env.path("doc.json"), doc.to_string()).unwrap();
    env.ok(&["import", "doc.json"]);
    let out = env.run(&["requirements", "check", key, "--as-of", as_of, "--json"]);
    (out.status.code(), serde_json::from_slice(&out.stdout).expect("the answer is JSON on stdout"))
}

/// The UUID `entry(n, …)` gives.
pub fn uuid(n: usize) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

pub fn rule<'a>(result: &'a Value, name: &str) -> &'a Value {
    result["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("{name}: {result}"))
}

/// NMC: exactly enough of everything.
fn nmc_exact() -> Vec<Value> {
    let mut e = vec![
        entry(1, "role", json!({"practice_hours": 450.0, "date": "2024-01"})),
        entry(2, "course", json!({"hours": 20.0, "participatory": true})),
        entry(3, "course", json!({"hours": 15.0})),
        entry(4, "meeting", json!({"tags": ["reflective-discussion"]})),
        entry(5, "evidence", json!({"tags": ["confirmation"]})),
    ];
    e.extend((10..15).map(|n| entry(n, "feedback", json!({}))));
    e.extend((20..25).map(|n| entry(n, "reflection", json!({"template": "nmc"}))));
    e
}

#[test]
fn nmc_revalidation_exactly_met_and_missed_by_one_in_each_rule() {
    let (code, met) = check("nmc-revalidation", nmc_exact());
    assert_eq!(code, Some(0), "{met}");
    assert_eq!(met["met"], true);
    assert_eq!(met["window"], json!({"from": "2023-03-16", "to": "2026-03-15"}));
    let change = |n: usize, field: &str, value: Value| {
        let mut entries = nmc_exact();
        let at =
            entries.iter().position(|e| e["uuid"].as_str().unwrap().ends_with(&format!("{n:012}"))).unwrap();
        if value.is_null() {
            entries.remove(at);
        } else {
            entries[at][field] = value;
        }
        entries
    };
    let misses = [
        ("Practice hours", change(1, "practice_hours", json!(449.0))),
        ("CPD hours", change(3, "hours", json!(14.0))),
        ("Participatory CPD hours", {
            let mut e = change(2, "hours", json!(19.0));
            e[2]["hours"] = json!(16.0);
            e
        }),
        ("Practice-related feedback", change(10, "", Value::Null)),
        ("Written reflective accounts (NMC form)", change(20, "template", json!("rolfe"))),
        ("Reflective discussion", change(4, "tags", json!(["supervision"]))),
        ("Confirmation", change(5, "", Value::Null)),
    ];
    for (name, entries) in misses {
        let (code, result) = check("nmc-revalidation", entries);
        assert_eq!(code, Some(1), "{name}: {result}");
        let missed: Vec<&str> = result["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["met"] == false)
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        assert_eq!(missed, [name], "only {name} is missed, by one");
        let r = rule(&result, name);
        assert_eq!(r["value"].as_f64().unwrap() + 1.0, r["required"].as_f64().unwrap(), "{name}: {r}");
    }
}

#[test]
fn pmi_pdus_with_the_talent_triangle_and_giving_back_capped() {
    let pdus = |ways: f64, power: f64, business: f64, giving: f64| {
        vec![
            entry(1, "course", json!({"hours": ways, "tags": ["ways-of-working"]})),
            entry(2, "course", json!({"hours": power, "tags": ["power-skills"]})),
            entry(3, "course", json!({"hours": business, "tags": ["business-acumen"]})),
            entry(4, "course", json!({"hours": giving, "tags": ["giving-back"]})),
        ]
    };
    let (code, exact) = check("pmi-pmp", pdus(8.0, 8.0, 19.0, 25.0));
    assert_eq!(code, Some(0), "{exact}");
    let (_, capped) = check("pmi-pmp", pdus(8.0, 8.0, 19.0, 40.0));
    assert_eq!(rule(&capped, "PDUs in all (Giving Back counts up to 25)")["value"], 60.0);
    let (code, total) = check("pmi-pmp", pdus(8.0, 8.0, 19.0, 24.0));
    assert_eq!(code, Some(1));
    assert_eq!(rule(&total, "PDUs in all (Giving Back counts up to 25)")["value"], 59.0);
    assert_eq!(rule(&total, "Education PDUs")["met"], true);
    let (_, education) = check("pmi-pmp", pdus(8.0, 8.0, 18.0, 30.0));
    assert_eq!(rule(&education, "Education PDUs")["value"], 34.0);
    assert_eq!(rule(&education, "Education PDUs")["met"], false);
    let (_, area) = check("pmi-pmp", pdus(8.0, 7.0, 20.0, 25.0));
    assert_eq!(rule(&area, "Education PDUs in each Talent Triangle area: power-skills")["met"], false);
    assert_eq!(rule(&area, "Education PDUs")["met"], true);
}

#[test]
fn hcpc_asks_for_a_continuous_mixed_record() {
    let course = |n: usize, date: &str, method: &str| {
        entry(n, "course", json!({"date": date, "method": method, "hours": 1.0}))
    };
    let dates = [
        "2024-04-10",
        "2024-06-10",
        "2024-08-10",
        "2024-10-10",
        "2024-12-10",
        "2025-02-10",
        "2025-04-10",
        "2025-06-10",
        "2025-08-10",
        "2025-10-10",
        "2025-12-10",
        "2026-02-10",
    ];
    let steady: Vec<Value> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| course(i, d, if i % 2 == 0 { "reading" } else { "course" }))
        .collect();
    let (code, result) = check("hcpc-cpd", steady.clone());
    assert_eq!(code, Some(0), "{result}");
    let mut gap = steady.clone();
    gap.retain(|e| !["2025-04-10", "2025-06-10"].contains(&e["date"].as_str().unwrap()));
    let (code, result) = check("hcpc-cpd", gap);
    assert_eq!(code, Some(1), "{result}");
    assert_eq!(rule(&result, "A continuous record (no 3-month gap)")["value"], 5.0);
    let one_kind: Vec<Value> = steady
        .into_iter()
        .map(|mut e| {
            e["method"] = json!("reading");
            e
        })
        .collect();
    let (_, result) = check("hcpc-cpd", one_kind);
    assert_eq!(rule(&result, "A mixture of learning activities")["value"], 1.0);
}

#[test]
fn bad_files_keys_and_dates_are_errors_not_answers() {
    let env = TestEnv::new();
    env.add(&["course", "Something to keep"]);
    let before = env.db_bytes();
    let cases = [
        (
            "unknown field",
            "key = \"x\"\ntitle = \"X\"\nsource = \"s\"\nyears = 1\nhours = 3\n[[rule]]\nname = \"A\"\ncount = \"entries\"\nat_least = 1\n",
            "unknown field `hours`",
        ),
        (
            "unknown kind",
            "key = \"x\"\ntitle = \"X\"\nsource = \"s\"\nyears = 1\n[[rule]]\nname = \"A\"\ncount = \"entries\"\nkinds = [\"diary\"]\nat_least = 1\n",
            "diary",
        ),
        (
            "negative",
            "key = \"x\"\ntitle = \"X\"\nsource = \"s\"\nyears = 1\n[[rule]]\nname = \"A\"\nsum = \"hours\"\nat_least = -3\n",
            "must be a number of 0 or more",
        ),
        (
            "backwards",
            "key = \"x\"\ntitle = \"X\"\nsource = \"s\"\nperiod = \"2027-01-01..2026-01-01\"\n[[rule]]\nname = \"A\"\ncount = \"entries\"\nat_least = 1\n",
            "ends before it starts",
        ),
    ];
    for (name, text, message) in cases {
        std::fs::write(env.path("set.toml"), text).unwrap();
        let stderr = env.fails(&["requirements", "import", "set.toml"], 1);
        assert!(stderr.contains(message), "{name}: {stderr}");
    }
    let stderr = env.fails(&["requirements", "check", "nmc-revalidaton"], 1);
    assert!(
        stderr.contains("no requirement set 'nmc-revalidaton'") && stderr.contains("nmc-revalidation"),
        "{stderr}"
    );
    env.fails(&["requirements", "check", "nmc-revalidation", "--as-of", "someday"], 1);
    assert!(env.db_bytes() == before, "nothing changed");
}

#[test]
fn an_imported_set_is_listed_checked_and_followed_in_the_agenda() {
    let env = TestEnv::new();
    std::fs::write(env.path("set.toml"), "key = \"team-cpd\"\ntitle = \"Team CPD\"\nsource = \"our handbook\"\nyears = 1\n[[rule]]\nname = \"Hours\"\nsum = \"hours\"\nkinds = [\"course\"]\nat_least = 10\n").unwrap();
    env.ok(&["requirements", "import", "set.toml"]);
    let listed = env.json(&["requirements", "list", "--json"]);
    let keys: Vec<&str> = listed.as_array().unwrap().iter().map(|s| s["key"].as_str().unwrap()).collect();
    assert_eq!(
        keys,
        [
            "acca-cpd",
            "emcc-eia-foundation",
            "emcc-eia-practitioner",
            "gmc-appraisal",
            "gmc-revalidation",
            "hcpc-cpd",
            "nmc-revalidation",
            "pmi-pmp",
            "rcvs-vet",
            "rcvs-vn",
            "rics-cpd",
            "team-cpd"
        ]
    );
    env.add(&[
        "course",
        "Ward teaching",
        "--hours",
        "6",
        "--participatory",
        "--method",
        "study day",
        "--relevance",
        "Teaching students",
        "--standard",
        "Practise effectively",
    ]);
    let out = env.run(&["requirements", "check", "team-cpd"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("✗ Hours: 6 of 10, 4 to go") && said.contains("0 of 1 rules met"), "{said}");
    assert!(out.stderr.is_empty(), "not met is an answer, not an error");
    env.ok(&["requirements", "track", "team-cpd", "--due", "2026-12-31"]);
    let agenda = env.json(&["agenda", "--json"]);
    assert_eq!(agenda["requirements_unmet"][0]["id"], "team-cpd");
    assert_eq!(agenda["requirements_unmet"][0]["figure"], "6 of 10");
    let csv = env.ok(&["cpd", "--csv"]);
    assert!(
        csv.contains("study day,Ward teaching,2026-03-15,6,6,Teaching students,Practise effectively,"),
        "{csv}"
    );
    let summary = env.json(&["cpd", "--by", "method", "--json"]);
    assert_eq!(summary["hours"], 6.0);
    assert_eq!(summary["groups"][0]["name"], "study day");
    env.add(&["certificate", "First aid", "--expires", "2026-05"]);
    env.add(&["certificate", "Fire safety", "--expires", "2028-01"]);
    let expiring = env.json(&["list", "--expiring", "--json"]);
    assert_eq!(expiring.as_array().unwrap().len(), 1, "only the one within 90 days: {expiring}");
    env.ok(&["requirements", "untrack", "team-cpd"]);
    env.fails(&["requirements", "untrack", "team-cpd"], 1);
}

#[test]
fn the_revalidation_pack_shows_the_check_and_the_accounts_and_keeps_private_out() {
    let env = TestEnv::new();
    env.ok(&["profile", "set", "--name", "Ada Nurse"]);
    env.add(&[
        "role",
        "Staff nurse",
        "--date",
        "2024-01",
        "--practice-hours",
        "1200",
        "--org",
        "City Hospital",
    ]);
    env.add(&[
        "course",
        "Sepsis update",
        "--date",
        "2025-02-01",
        "--hours",
        "7.5",
        "--participatory",
        "--method",
        "study day",
    ]);
    env.add(&[
        "reflection",
        "A fall on the ward",
        "--template",
        "nmc",
        "--section",
        "nature=A patient fell at night",
        "--section",
        "learned=Rounding matters",
        "--section",
        "changed=Hourly checks",
        "--section",
        "code=Preserve safety",
    ]);
    env.add(&[
        "reflection",
        "A private account",
        "--template",
        "nmc",
        "--private",
        "--section",
        "nature=Private",
    ]);
    let pdf = env.path("pack.pdf");
    env.ok(&[
        "export",
        "pdf",
        "--profile",
        "revalidation",
        "--as-of",
        "2026-03-15",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let text = crate::pdf::pdf_text(&std::fs::read(&pdf).unwrap());
    for expected in [
        "Requirements: NMC revalidation",
        "Practice hours 1,200 of 450",
        "CPD hours 7.5 of 35",
        "Written reflective accounts (NMC form) 1 of 5",
        "Sepsis update",
        "study day",
        "City Hospital",
        "Reflective account 1: A fall on the ward",
        "How did you change or improve your practice as a result?",
        "Hourly checks",
        "Reflective discussion",
        "Confirmation",
        "Signature",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    assert!(!text.contains("A private account") && !text.contains("Private"), "private left out: {text}");
    let again = env.path("again.pdf");
    env.ok(&[
        "export",
        "pdf",
        "--profile",
        "revalidation",
        "--as-of",
        "2026-03-15",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&pdf).unwrap() == std::fs::read(&again).unwrap(), "the same bytes");
    // At home, the check counts the private account too.
    let out = env.run(&["requirements", "check", "nmc-revalidation", "--as-of", "2026-03-15", "--json"]);
    assert_eq!(out.status.code(), Some(1), "not met yet");
    let home: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rule(&home, "Written reflective accounts (NMC form)")["value"], 2.0);
}

#[test]
fn requirements_show_prints_a_set_as_json() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    env.ok(&["requirements", "track", "nmc-revalidation"]);
    let set = env.json(&["requirements", "show", "NMC-revalidation", "--json"]);
    assert_eq!(
        (set["key"].as_str(), set["built_in"].as_bool(), set["tracked"].as_bool()),
        (Some("nmc-revalidation"), Some(true), Some(true))
    );
    assert!(set["rules"].as_array().unwrap().len() >= 5, "{set}");
    assert!(
        set["text"].as_str().unwrap().contains("[[rule]]") || set["text"].as_str().unwrap().contains("rule")
    );
    assert!(env.fails(&["requirements", "show", "nope", "--json"], 1).contains("no requirement set 'nope'"));
}
