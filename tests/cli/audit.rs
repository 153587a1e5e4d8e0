//! `folio requirements audit`, the revalidation pack's audit page, `cpd`
//! with hours reflected on, and the agenda's words for what would meet a
//! rule: a vet's year through the real binary.

use crate::TestEnv;

/// A vet's year: three courses, one reflected on with its certificate attached.
fn vets_year() -> TestEnv {
    let env = TestEnv::new();
    std::fs::write(env.path("cert.pdf"), b"%PDF-1.4 certificate").unwrap();
    env.add(&[
        "course",
        "Dental radiography",
        "--date",
        "2026-02-10",
        "--hours",
        "12",
        "--method",
        "webinar",
        "--attach",
        "cert.pdf",
    ]);
    env.add(&[
        "course",
        "Anaesthesia update",
        "--date",
        "2026-05-10",
        "--hours",
        "20",
        "--method",
        "workshop",
    ]);
    env.add(&["course", "Practice management", "--date", "2026-09", "--hours", "6"]);
    env.add(&[
        "reflection",
        "What the radiography webinar changed",
        "--date",
        "2026-02-12",
        "--about",
        "1",
        "--body",
        "Positioning.",
    ]);
    env
}

/// `folio requirements audit rcvs-vet` as of the year's end, with these flags.
fn run_audit(env: &TestEnv, flags: &[&str]) -> std::process::Output {
    let mut args = vec!["requirements", "audit", "rcvs-vet", "--as-of", "2026-12-31"];
    args.extend_from_slice(flags);
    env.run(&args)
}

#[test]
fn an_audit_draws_the_same_sample_from_a_seed_and_says_what_each_record_lacks() {
    let env = vets_year();
    let out = run_audit(&env, &["--sample", "3", "--json"]);
    assert_eq!(out.status.code(), Some(1), "records lack things");
    let audit: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((audit["population"].as_u64(), audit["seed"].as_u64()), (Some(3), Some(20261231)));
    let missing = |id: u64| -> Vec<String> {
        let item = audit["sample"].as_array().unwrap().iter().find(|i| i["id"] == id).unwrap();
        item["missing"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect()
    };
    assert!(missing(1).is_empty(), "dated, hours, method, certificate, reflected on");
    assert_eq!(
        missing(2),
        [
            "no evidence file (a certificate or proof of attendance)",
            "no reflection about it (`folio add reflection … --about 2`)"
        ]
    );
    assert_eq!(
        missing(3),
        [
            "no exact date (recorded as 2026-09)",
            "hours but no method (how you learned: workshop, reading…)",
            "no evidence file (a certificate or proof of attendance)",
            "no reflection about it (`folio add reflection … --about 3`)"
        ]
    );

    // A seed draws the same sample again; the text says how.
    let draw = |seed: &str| {
        let out = run_audit(&env, &["--sample", "1", "--seed", seed, "--json"]);
        let audit: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        audit["sample"][0]["id"].as_u64().unwrap()
    };
    let seeds: Vec<u64> = (1..=12).map(|s| draw(&s.to_string())).collect();
    assert_eq!(seeds, (1..=12).map(|s| draw(&s.to_string())).collect::<Vec<_>>(), "reproducible");
    assert!(seeds.iter().collect::<std::collections::BTreeSet<_>>().len() > 1, "and random: {seeds:?}");
    let text = String::from_utf8(run_audit(&env, &[]).stdout).unwrap();
    assert!(
        text.contains("3 of 3 activities drawn (seed 20261231; `--seed 20261231` draws them again)"),
        "{text}"
    );
    assert!(
        text.contains("  ✓ complete\n")
            && text.ends_with("2 of 3 records drawn lack something an auditor asks for\n"),
        "{text}"
    );

    // Complete records: exit 0.
    env.ok(&["attach", "2", "cert.pdf"]);
    env.ok(&[
        "add",
        "reflection",
        "Anaesthesia",
        "--date",
        "2026-05-11",
        "--about",
        "2",
        "--body",
        "Monitoring.",
    ]);
    let seed = seeds.iter().position(|id| *id == 2).map_or(1, |p| p + 1).to_string();
    let out = run_audit(&env, &["--sample", "1", "--seed", &seed]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn wrong_audit_input_is_one_line() {
    let env = vets_year();
    let stderr = env.fails(&["requirements", "audit", "rcvs-vet", "--sample", "0"], 1);
    assert_eq!(stderr, "error: --sample must be at least 1\nhint: for example --sample 5\n");
    assert!(
        env.fails(&["requirements", "audit", "nope"], 1).starts_with("error: no requirement set 'nope'\n")
    );
    env.fails(&["requirements", "audit", "rcvs-vet", "--seed", "x"], 2);
    assert!(
        env.fails(&["export", "pdf", "--profile", "interview", "--audit"], 1)
            .contains("--audit is for --profile revalidation")
    );
}

#[test]
fn cpd_and_the_agenda_show_hours_reflected_on_once_a_set_counts_them() {
    let env = vets_year();
    let plain = env.ok(&["cpd", "--since", "2026-01-01"]);
    assert!(!plain.contains("reflected"), "{plain}");
    env.ok(&["requirements", "track", "rcvs-vet", "--due", "2026-12-31"]);
    let cpd = env.ok(&["cpd", "--since", "2026-01-01", "--by", "year"]);
    assert!(
        cpd.starts_with("38 hours of CPD, 0 of them participatory, in 3 activities; 12 reflected on"),
        "{cpd}"
    );
    assert!(cpd.contains("Reflected on"), "{cpd}");
    let json = env.json(&["cpd", "--since", "2026-01-01", "--json"]);
    assert_eq!(json["reflected_hours"], 12.0);
    let agenda = env.ok(&["agenda"]);
    assert!(agenda.contains("  CPD hours, reflected on: 12 of 35, 23 to go\n"), "{agenda}");
    assert!(
        agenda.contains("to meet it: reflect on 2 courses already recorded (26 hours): 2, 3"),
        "{agenda}"
    );
}

#[test]
fn the_revalidation_pack_carries_an_audit_page_when_asked() {
    let env = vets_year();
    env.ok(&[
        "export",
        "pdf",
        "--profile",
        "revalidation",
        "--requirements",
        "rcvs-vet",
        "--as-of",
        "2026-12-31",
        "--audit",
        "2",
        "--out",
        "pack.pdf",
    ]);
    let text = crate::pdf::pdf_text(&std::fs::read(env.path("pack.pdf")).unwrap());
    assert!(text.contains("Audit rehearsal"), "{text}");
    assert!(text.contains("seed 20261231"), "{text}");
    assert!(text.contains("12 h of CPD reflected on in 2026, against 35 h a year."), "{text}");
    assert!(text.contains("Reflected on") && text.contains("not yet"), "the CPD log says which: {text}");
    assert!(
        text.contains("Reflections on CPD") && text.contains("On: Dental radiography (2026-02-10, 12 h)"),
        "{text}"
    );
    assert!(
        !text.contains("NMC") && !text.contains("Practice hours"),
        "a vet's pack has no NMC parts: {text}"
    );
    assert!(!text.contains("folio add reflection"), "no commands in a pack for others: {text}");
    env.ok(&[
        "export",
        "pdf",
        "--profile",
        "revalidation",
        "--requirements",
        "rcvs-vet",
        "--as-of",
        "2026-12-31",
        "--out",
        "plain.pdf",
    ]);
    assert!(
        !crate::pdf::pdf_text(&std::fs::read(env.path("plain.pdf")).unwrap()).contains("Audit rehearsal")
    );
}
