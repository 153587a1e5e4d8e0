//! A line in the diary in one breath (`jot`, and `add` with words), the home
//! screen, `on-this-day` and the help by task.

use super::{TestEnv, example, on_terminal};

fn with_emcc() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["framework", "import", &example("emcc-mentoring.toml")]);
    env
}

#[test]
fn jot_takes_a_title_a_body_tags_and_claims_from_one_line() {
    let env = with_emcc();
    let id =
        env.ok(&["jot", "Met my mentor today.", "We talked about #feedback", "and", "+emcc/insight", "too."]);
    assert_eq!(id.trim(), "1");
    let entry = env.json(&["show", "1", "--json"]);
    assert_eq!(entry["kind"], "reflection");
    assert_eq!(entry["title"], "Met my mentor today");
    assert_eq!(entry["body"], "We talked about feedback and too.");
    assert_eq!(entry["tags"], serde_json::json!(["feedback"]));
    assert_eq!(entry["claims"][0]["ref"], "emcc/insight");
    assert_eq!(entry["date"], "2026-03-15");
    // From a pipe, with --date and --private.
    let out = env
        .folio()
        .args(["jot", "--date", "yesterday", "--private"])
        .write_stdin("Audit meeting went well. Next: the action plan #audit\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let piped = env.json(&["show", "2", "--json"]);
    assert_eq!(
        (piped["title"].as_str(), piped["date"].as_str()),
        (Some("Audit meeting went well"), Some("2026-03-14"))
    );
    assert_eq!(piped["private"], true);
}

#[test]
fn a_wrong_reference_writes_nothing_and_says_what_was_meant() {
    let env = with_emcc();
    let before = env.db_bytes();
    let stderr = env.fails(&["jot", "Rapport", "+emcc/insigth"], 1);
    assert!(stderr.starts_with("error: unknown reference 'emcc/insigth'"), "{stderr}");
    assert!(stderr.contains("did you mean emcc/insight?"), "{stderr}");
    assert!(env.db_bytes() == before, "nothing written");
    let stderr = env.fails(&["jot", "--", "# only a comment"], 1);
    assert!(stderr.contains("nothing to jot"), "{stderr}");
}

#[test]
fn add_with_words_that_are_no_kind_jots_them_and_says_so() {
    let env = TestEnv::new();
    let out = env.run(&["add", "Supervised", "Sam", "on", "the", "drug", "round"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("note: 'Supervised' is not a kind of entry: written as a reflection"),
        "{stderr}"
    );
    assert_eq!(env.json(&["show", "1", "--json"])["title"], "Supervised Sam on the drug round");
    // A kind is still a kind.
    env.ok(&["add", "course", "Moving and handling", "--hours", "2"]);
}

#[test]
fn jot_on_a_terminal_opens_the_editor_with_a_prompt_to_start_from() {
    let env = with_emcc();
    // The "editor" keeps what it was given (the comments) and adds a note.
    let editor = env.path("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\ncp \"$1\" seen.txt\nprintf 'Quiet ward round. Used #silence well +emcc/relationship\\n' >> \"$1\"\n").unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let command = format!("EDITOR={} {} jot", editor.display(), env!("CARGO_BIN_EXE_folio"));
    let out = on_terminal(&env, &command, "");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let seen = std::fs::read_to_string(env.path("seen.txt")).unwrap();
    assert!(seen.contains("# A question to start from: "), "{seen}");
    let entry = env.json(&["show", "1", "--json"]);
    assert_eq!(entry["title"], "Quiet ward round");
    assert_eq!(entry["tags"], serde_json::json!(["silence"]));
    assert_eq!(entry["claims"][0]["ref"], "emcc/relationship");
}

#[test]
fn folio_alone_is_a_home_screen_on_a_terminal_and_a_usage_error_elsewhere() {
    let env = with_emcc();
    env.ok(&["jot", "First line of the diary", "+emcc/self/foundation/1"]);
    env.ok(&["action", "add", "Book the ILS update", "--due", "2026-03-01"]);
    let out = on_terminal(&env, env!("CARGO_BIN_EXE_folio"), "");
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    for part in [
        "Your portfolio · 1 entry",
        "Needs attention  1 overdue action",
        "action 1: Book the ILS update (due 2026-03-01)",
        "Written lately",
        "First line of the diary",
        "EMCC mentor competence framework: 1 of 27 foundation indicators evidenced, 0 accepted",
        "folio gaps emcc",
    ] {
        assert!(screen.contains(part), "home lacks {part:?}: {screen}");
    }
    let stderr = env.fails(&[], 2);
    assert!(stderr.starts_with("error: folio needs a command"), "{stderr}");
}

#[test]
fn on_this_day_brings_back_earlier_years() {
    let env = TestEnv::new();
    env.add(&["reflection", "A year ago today", "--date", "2025-03-15"]);
    env.add(&["reflection", "Two years ago today", "--date", "2024-03-15"]);
    env.add(&["reflection", "Only the month", "--date", "2025-03"]);
    env.add(&["reflection", "Today itself", "--date", "2026-03-15"]);
    env.add(&["reflection", "Another day", "--date", "2025-03-16"]);
    let found = env.json(&["on-this-day", "--json"]);
    let titles: Vec<&str> = found.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["A year ago today", "Two years ago today"]);
    let listed = env.json(&["list", "--on-this-day", "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

#[test]
fn help_lists_the_commands_by_task() {
    let env = TestEnv::new();
    let help = env.ok(&["--help"]);
    let tasks: Vec<&str> = [
        "Write:",
        "Look back:",
        "Competencies:",
        "Mentoring:",
        "Share and review:",
        "Documents:",
        "Requirements:",
        "Your data:",
        "Set-up:",
    ]
    .to_vec();
    let mut at = 0;
    for task in tasks {
        let found = help[at..].find(task).unwrap_or_else(|| panic!("{task} missing or out of order: {help}"));
        at += found;
    }
    assert!(help.contains("    jot           Write a line in your diary"), "{help}");
    assert!(!help.contains("\nCommands:\n"), "one list, by task: {help}");
}

#[test]
fn a_long_import_on_a_terminal_shows_its_progress_and_ends_with_the_summary() {
    let env = TestEnv::new();
    // Enough entries for more than a second's work in a test build.
    let entries: Vec<serde_json::Value> = (0..40_000)
        .map(|n| {
            serde_json::json!({
                "uuid": format!("00000000-0000-4000-8000-{n:012}"),
                "kind": "reflection",
                "title": format!("Diary line {n}"),
                "date": "2025-06-01",
                "body": "A day on the ward.",
                "created_at": "2025-06-01T18:00:00Z",
                "updated_at": "2025-06-01T18:00:00Z"
            })
        })
        .collect();
    // In the order `export json` writes it, which import reads as a stream.
    let entries = serde_json::to_string(&entries).unwrap();
    let document =
        format!(r#"{{"format": "folio-portfolio", "version": 1, "frameworks": [], "entries": {entries}}}"#);
    std::fs::write(env.path("big.json"), document).unwrap();
    // A terminal that says what it is (a bar is not drawn on a "dumb" one).
    let command = format!("env TERM=xterm-256color {} import big.json", env!("CARGO_BIN_EXE_folio"));
    let out = on_terminal(&env, &command, "");
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    assert!(screen.contains("importing entries "), "a bar on the terminal: {screen}");
    let summary = screen.rfind("imported — entries: 40000 added").expect("the summary");
    assert!(summary > screen.rfind("importing entries").unwrap_or(0), "the summary comes last");
    // Not on a terminal: no bar at all.
    let quiet = env.run(&["import", "big.json"]);
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("importing entries"));
}
