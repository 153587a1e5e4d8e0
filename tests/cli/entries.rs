//! add, list, show, edit, rm, trash and restore.

use std::process::Stdio;

use crate::TestEnv;

#[test]
fn add_prints_only_the_id_and_show_has_every_field() {
    let env = TestEnv::new();
    let out = env
        .folio()
        .args(["add", "course", "Coaching skills", "--date", "2024-03", "--hours", "6.5"])
        .args(["--participatory", "--org", "NHS Leadership Academy", "--tag", "cpd"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("added course 1: Coaching skills"));

    let entry = env.json(&["show", "1", "--json"]);
    assert_eq!(entry["kind"], "course");
    assert_eq!(entry["date"], "2024-03");
    assert_eq!(entry["hours"], 6.5);
    assert_eq!(entry["participatory"], true);
    assert_eq!(entry["organisation"], "NHS Leadership Academy");
    assert_eq!(entry["tags"], serde_json::json!(["cpd"]));
    for key in ["uuid", "end_date", "body", "private", "credential_id", "url", "expires", "grade", "from"] {
        assert!(entry.get(key).is_some(), "missing {key}");
    }
    for key in ["template", "sections", "attachments", "created_at", "updated_at"] {
        assert!(entry.get(key).is_some(), "missing {key}");
    }
}

#[test]
fn every_kind_and_its_own_fields_are_accepted() {
    let env = TestEnv::new();
    env.add(&[
        "certificate",
        "First aid",
        "--credential-id",
        "FA-1",
        "--url",
        "https://x.test",
        "--expires",
        "2027-01",
    ]);
    env.add(&["qualification", "BSc Nursing", "--grade", "First", "--date", "2019"]);
    env.add(&["feedback", "After the audit", "--from", "Dr Ōkubo"]);
    env.add(&["achievement", "Cut waiting times", "--template", "star", "--section", "result=20% shorter"]);
    env.add(&["role", "Ward mentor", "--date", "2021-09", "--end", "2023"]);
    env.add(&["reflection", "Night shift", "--section", "feelings=tired", "--section", "action plan=sleep"]);
    env.add(&["meeting", "Mentoring session 3", "--date", "yesterday"]);
    env.add(&["evidence", "Observation record", "--date", "2 weeks ago"]);
    env.add(&["course", "Equality and diversity"]);
    let list = env.json(&["list", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 9);
    let reflection = env.json(&["show", "6", "--json"]);
    assert_eq!(reflection["template"], "gibbs");
    assert_eq!(reflection["sections"][1]["name"], "action-plan");
    assert_eq!(env.json(&["show", "7", "--json"])["date"], "2026-03-14");
    assert_eq!(env.json(&["show", "8", "--json"])["date"], "2026-03-01");
    assert_eq!(env.json(&["show", "9", "--json"])["date"], "2026-03-15");
    let shown = env.ok(&["show", "6"]);
    assert!(shown.contains("Action plan\nsleep"), "{shown}");
}

#[test]
fn bad_input_is_refused_and_changes_nothing() {
    let env = TestEnv::new();
    env.add(&["role", "Existing"]);
    let before = env.db_bytes();
    let cases: &[(&[&str], i32, &str)] = &[
        (&["add", "reflecton", "x"], 2, "invalid value 'reflecton'"),
        (&["add", "role", "x", "--date", "2024-13-01"], 1, "there is no month 13"),
        (&["add", "role", "x", "--date", "2024-02-30"], 1, "2024-02 has no day 30"),
        (&["add", "role", "x", "--date", "2024", "--end", "2023"], 1, "before the start date"),
        (&["add", "role", "x", "--hours", "3"], 1, "--hours does not apply to a role entry"),
        (&["add", "course", "x", "--hours", "-2"], 1, "hours must be a number from 0 to 10,000"),
        (&["add", "reflection", "x", "--section", "nonsense"], 1, "--section needs NAME=TEXT"),
        (&["add", "reflection", "x", "--template", "star", "--section", "feelings=x"], 1, "not a section"),
        (&["add", "role", "   "], 1, "the title is empty"),
        (&["add", "role", "x", "--tag", "two words"], 1, "cannot be empty or contain spaces"),
        (&["add", "role", "x", "--attach", "missing.pdf"], 1, "cannot read attachment 'missing.pdf'"),
        (&["add", "role", "x", "--edit"], 1, "--edit needs a terminal"),
        (&["show", "42"], 1, "no entry with id 42"),
        (&["edit", "42", "--title", "y"], 1, "no entry with id 42"),
        (&["edit", "1", "--grade", "A"], 1, "--grade does not apply to a role entry"),
        (&["edit", "1", "--remove-tag", "nope"], 1, "has no tag 'nope'"),
        (&["rm", "1", "42"], 1, "no entry with id 42"),
        (&["restore", "1"], 1, "entry 1 is not in the trash"),
        (&["list", "--since", "last tuesday"], 1, "invalid date 'last tuesday'"),
    ];
    for (args, code, message) in cases {
        let stderr = env.fails(args, *code);
        assert!(stderr.contains(message), "folio {args:?}: expected '{message}' in {stderr}");
        assert!(stderr.lines().count() <= 6, "too long: {stderr}");
    }
    assert_eq!(env.db_bytes(), before, "a failed command changed the portfolio");
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 1, "entry 1 still live");
}

#[test]
fn body_can_come_from_stdin() {
    let env = TestEnv::new();
    let out = env
        .folio()
        .args(["add", "reflection", "Long one", "--body", "-"])
        .write_stdin("Line one\nLine two\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(env.json(&["show", "1", "--json"])["body"], "Line one\nLine two");
}

#[test]
fn list_filters_and_orders() {
    let env = TestEnv::new();
    env.add(&["course", "Old course", "--date", "2022-05", "--tag", "cpd"]);
    env.add(&["course", "New course", "--date", "2025-01-10", "--tag", "cpd", "--tag", "nhs", "--private"]);
    env.add(&["role", "Mentor", "--date", "2024", "--body", "supporting students on placement"]);
    let titles = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        env.json(&all).as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(titles(&[]), ["New course", "Mentor", "Old course"]);
    assert_eq!(titles(&["course"]), ["New course", "Old course"]);
    assert_eq!(titles(&["--tag", "cpd", "--tag", "NHS"]), ["New course"]);
    assert_eq!(titles(&["--since", "2024", "--until", "2024"]), ["Mentor"]);
    assert_eq!(titles(&["--until", "2022"]), ["Old course"]);
    assert_eq!(titles(&["--private"]), ["New course"]);
    assert_eq!(titles(&["--public", "-n", "1"]), ["Mentor"]);
    assert_eq!(titles(&["--text", "placement students"]), ["Mentor"]);
    assert_eq!(titles(&["--sort", "created", "-n", "1"]), ["Mentor"]);
    let table = env.ok(&["list"]);
    assert!(table.contains("New course [private]"), "{table}");
    assert!(table.lines().all(|l| l.chars().count() <= 100), "{table}");
    env.fails(&["list", "--private", "--public"], 2);
}

#[test]
fn list_into_a_closed_pipe_exits_quietly() {
    let env = TestEnv::new();
    env.add(&["role", "One"]);
    let mut child =
        env.std_command().arg("list").stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn edit_changes_only_what_is_given() {
    let env = TestEnv::new();
    env.add(&["certificate", "First aid", "--org", "Red Cross", "--tag", "safety", "--expires", "2026-09"]);
    env.ok(&[
        "edit",
        "1",
        "--title",
        "First aid at work",
        "--org",
        "",
        "--add-tag",
        "cpd",
        "--remove-tag",
        "SAFETY",
    ]);
    env.ok(&["edit", "1", "--private", "--url", "https://example.test/cert"]);
    let entry = env.json(&["show", "1", "--json"]);
    assert_eq!(entry["title"], "First aid at work");
    assert_eq!(entry["organisation"], serde_json::Value::Null);
    assert_eq!(entry["tags"], serde_json::json!(["cpd"]));
    assert_eq!(entry["expires"], "2026-09");
    assert_eq!(entry["private"], true);
    assert_eq!(entry["url"], "https://example.test/cert");
    let unchanged = env.run(&["edit", "1", "--public", "--private"]);
    assert_eq!(unchanged.status.code(), Some(2));
}

#[test]
fn trash_keeps_entries_until_emptied() {
    let env = TestEnv::new();
    env.add(&["meeting", "Session 1"]);
    env.add(&["meeting", "Session 2"]);
    env.ok(&["rm", "1", "2"]);
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 0);
    assert_eq!(env.json(&["trash", "--json"]).as_array().unwrap().len(), 2);
    env.ok(&["restore", "2"]);
    assert_eq!(env.json(&["list", "--json"])[0]["title"], "Session 2");
    // Emptying needs confirmation; without a terminal, --yes.
    let stderr = env.fails(&["trash", "--empty"], 2);
    assert!(stderr.contains("--yes"), "{stderr}");
    assert_eq!(env.json(&["trash", "--json"]).as_array().unwrap().len(), 1);
    env.ok(&["trash", "--empty", "--yes"]);
    assert_eq!(env.json(&["trash", "--json"]).as_array().unwrap().len(), 0);
    env.fails(&["show", "1"], 1);
    env.fails(&["restore", "1"], 1);
}

/// `--edit` through a real pseudo-terminal (`script` from util-linux), with an
/// editor that fills in the template.
#[test]
fn edit_opens_the_editor_on_a_template_when_there_is_a_terminal() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let env = TestEnv::new();
    let editor = env.path("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nsed -i 's/^## Situation$/## Situation\\nThe ward was short-staffed/' \"$1\"\necho 'Closing thought' >> \"$1\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let folio = env!("CARGO_BIN_EXE_folio");
    let command = format!("{folio} add achievement 'Handled the night' --template star --edit");
    let out = env
        .std_command_for("script")
        .args(["-qec", &command, "/dev/null"])
        .env("EDITOR", &editor)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let entry = env.json(&["show", "1", "--json"]);
    assert_eq!(entry["sections"][0]["name"], "situation");
    assert_eq!(entry["sections"][0]["text"], "The ward was short-staffed");
    assert_eq!(entry["sections"].as_array().unwrap().len(), 2, "{entry}");
}

/// `--since` after `--until` is a mistake in how the command was called, wherever it is taken.
#[test]
fn since_after_until_is_refused_everywhere() {
    let env = TestEnv::new();
    env.add(&["course", "Study day", "--date", "2026-02", "--hours", "2"]);
    let before = env.db_bytes();
    for command in [
        vec!["list"],
        vec!["cpd"],
        vec!["export", "csv"],
        vec!["export", "pdf", "--profile", "review", "--out", "r.pdf"],
    ] {
        let mut args = command.clone();
        args.extend(["--since", "2026-06", "--until", "2026-01"]);
        let stderr = env.fails(&args, 2);
        assert!(stderr.contains("--since 2026-06 is after --until 2026-01"), "{command:?}: {stderr}");
    }
    assert!(!env.path("r.pdf").exists());
    assert!(env.db_bytes() == before);
    // The same month on both ends is a range of one month.
    env.ok(&["list", "--since", "2026-02", "--until", "2026-02"]);
}

/// Feedback comes from anyone: only a meeting's `--with` suggests adding a mentor.
#[test]
fn feedback_from_someone_is_not_a_mentor_to_add() {
    let env = TestEnv::new();
    let out = env.run(&["add", "feedback", "Thank-you card", "--from", "a patient"]);
    assert!(out.status.success());
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("mentor add"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = env.run(&["add", "meeting", "Supervision", "--with", "Dr Sam Okafor"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("mentor add"), "a meeting's companion may be one");
    let listed = env.ok(&["requirements", "list"]);
    assert!(listed.lines().nth(1).is_some_and(|header| header.contains("Status")), "{listed}");
}

#[test]
fn a_publication_keeps_its_venue_doi_and_authors_everywhere() {
    let env = TestEnv::new();
    let id = env.add(&[
        "publication",
        "Early warning scores on a surgical ward",
        "--date",
        "2025-03",
        "--venue",
        "BMJ Open Quality",
        "--doi",
        "https://doi.org/10.1136/bmjoq-2024-003001",
        "--author",
        "Okafor A",
        "--author",
        "Smith B",
    ]);
    env.add(&[
        "publication",
        "Handover with SBAR (poster)",
        "--date",
        "2024-10",
        "--url",
        "https://x.test/p.pdf",
    ]);
    env.add(&["course", "Sepsis update", "--hours", "2"]);
    let entry = env.json(&["show", &id.to_string(), "--json"]);
    assert_eq!(entry["doi"], "10.1136/bmjoq-2024-003001", "a doi.org link is kept as the DOI");
    assert_eq!(entry["authors"], serde_json::json!(["Okafor A", "Smith B"]));
    assert_eq!(entry["venue"], "BMJ Open Quality");
    let shown = env.ok(&["show", &id.to_string()]);
    assert!(
        shown.contains("venue:         BMJ Open Quality")
            && shown.contains("authors:       Okafor A; Smith B")
    );

    // A field of another kind is refused, and the file is untouched.
    let before = env.db_bytes();
    let err = env.fails(&["add", "course", "Audit", "--doi", "10.1/x"], 1);
    assert!(err.contains("--doi does not apply to a course entry (it is for: publication)"), "{err}");
    assert!(env.fails(&["edit", "3", "--venue", "BMJ"], 1).contains("it is for: publication"));
    assert_eq!(env.db_bytes(), before);

    // Editing: one empty --author clears the authors; the rest stays.
    env.ok(&["edit", &id.to_string(), "--author", "", "--doi", "doi:10.1136/bmj.n71"]);
    let edited = env.json(&["show", &id.to_string(), "--json"]);
    assert!(edited.get("authors").is_none(), "a field added since is written only when set");
    assert_eq!(edited["doi"], "10.1136/bmj.n71");
    assert_eq!(edited["venue"], "BMJ Open Quality");
    env.ok(&["edit", &id.to_string(), "--author", "Okafor A"]);

    // The JSON document: a publication's fields, and none on other kinds.
    let out = env.path("p.json");
    env.ok(&["export", "json", "-o", out.to_str().unwrap()]);
    let document: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let course = document["entries"].as_array().unwrap().iter().find(|e| e["kind"] == "course").unwrap();
    assert!(course.get("venue").is_none() && course.get("doi").is_none() && course.get("authors").is_none());
    let again = TestEnv::new();
    again.ok(&["import", out.to_str().unwrap()]);
    let back = again.path("back.json");
    again.ok(&["export", "json", "-o", back.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(&back).unwrap(),
        "a document read back is the same bytes"
    );

    // CSV has a column per field; list filters by the kind.
    let csv = env.ok(&["export", "csv"]);
    assert!(csv.lines().next().unwrap().contains(",venue,doi,authors,"));
    assert_eq!(env.json(&["list", "publication", "--json"]).as_array().unwrap().len(), 2);

    // The interview document cites them, newest first, the DOI linked.
    let pdf = env.path("i.pdf");
    env.ok(&["export", "pdf", "--profile", "interview", "-o", pdf.to_str().unwrap()]);
    let bytes = std::fs::read(&pdf).unwrap();
    let text = crate::pdf::pdf_text(&bytes);
    assert!(text.contains("Publications"), "{text}");
    assert!(
        text.contains("1. Okafor A (2025). Early warning scores on a surgical ward. BMJ Open Quality. doi:10.1136/bmj.n71"),
        "{text}"
    );
    assert!(text.contains("2. Handover with SBAR (poster). 2024. https://x.test/p.pdf"), "{text}");
    let links = crate::pdf::link_targets(&bytes);
    assert!(links.contains(&"https://doi.org/10.1136/bmj.n71".to_string()), "{links:?}");
}

#[test]
fn a_portfolio_from_before_publications_takes_one() {
    let env = TestEnv::new();
    std::fs::copy(crate::fixture("portfolio/written-by-plain-sqlite-schema-11.db"), env.db()).unwrap();
    let before = env.json(&["list", "--json"]).as_array().unwrap().len();
    let id = env.add(&["publication", "A chapter", "--venue", "Oxford Handbook", "--author", "Okafor A"]);
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), before + 1);
    assert_eq!(env.json(&["show", "--json", &id.to_string()])["venue"], "Oxford Handbook");
}
