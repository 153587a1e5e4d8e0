//! Every command that takes `--json` prints JSON that parses: each one is
//! run on the demo portfolio, and the list is checked against the command
//! line itself, so a new `--json` cannot go untested.

use std::collections::BTreeSet;

use clap::CommandFactory;

use crate::TestEnv;

/// Every command path (`goal list`) that has a `--json` flag.
fn commands_with_json(command: &clap::Command, path: &str, found: &mut BTreeSet<String>) {
    if command.get_arguments().any(|a| a.get_id() == "json") {
        found.insert(path.trim().to_string());
    }
    for sub in command.get_subcommands() {
        commands_with_json(sub, &format!("{path} {}", sub.get_name()), found);
    }
}

#[test]
fn every_json_flag_prints_json_that_parses() {
    let env = TestEnv::new();
    env.ok(&["demo", "--dir", "demo"]);
    let db = env.path("demo/portfolio.db");
    let db = db.to_str().unwrap();
    std::fs::write(env.path("set.toml"), "key = \"t\"\ntitle = \"T\"\nsource = \"s\"\nyears = 1\n[[rule]]\nname = \"A\"\ncount = \"entries\"\nat_least = 1\n").unwrap();
    std::fs::write(env.path("empty.json"), r#"{"format": "folio-portfolio", "version": 1}"#).unwrap();
    // Each command once, in an order where what one needs exists (e.g. `share` before `merge`).
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("init", vec!["init"]),
        ("add", vec!["add", "course", "One more", "--hours", "2"]),
        ("jot", vec!["jot", "A line in the diary #json"]),
        ("on-this-day", vec!["on-this-day"]),
        ("list", vec!["list", "--limit", "3"]),
        ("show", vec!["show", "1"]),
        ("trash", vec!["trash"]),
        ("search", vec!["search", "mentoring"]),
        ("tags", vec!["tags"]),
        ("profile", vec!["profile"]),
        ("profile show", vec!["profile", "show"]),
        ("framework list", vec!["framework", "list"]),
        ("framework show", vec!["framework", "show", "emcc"]),
        ("claim", vec!["claim", "1", "emcc/self"]),
        ("coverage", vec!["coverage", "emcc"]),
        ("gaps", vec!["gaps", "emcc"]),
        ("rate", vec!["rate", "emcc/self", "--expertise", "3", "--frequency", "2"]),
        ("ratings", vec!["ratings"]),
        ("verdict", vec!["verdict", "1", "accepted", "--by", "Dr Test"]),
        ("key show", vec!["key", "show"]),
        ("outbox", vec!["outbox"]),
        ("outbox show", vec!["outbox", "show", "1"]),
        ("verify", vec!["verify"]),
        ("goal add", vec!["goal", "add", "A goal"]),
        ("goal list", vec!["goal", "list", "--status", "all"]),
        ("goal show", vec!["goal", "show", "1"]),
        ("goal done", vec!["goal", "done", "4"]),
        ("goal reopen", vec!["goal", "reopen", "4"]),
        ("goal drop", vec!["goal", "drop", "4", "--reason", "not now"]),
        ("action add", vec!["action", "add", "Do a thing", "--goal", "1"]),
        ("action list", vec!["action", "list", "--all"]),
        ("action done", vec!["action", "done", "1"]),
        ("action reopen", vec!["action", "reopen", "1"]),
        ("action edit", vec!["action", "edit", "1", "--note", "noted"]),
        ("mentor add", vec!["mentor", "add", "Dr Test", "--meet-every", "4w"]),
        ("mentor list", vec!["mentor", "list"]),
        ("mentor show", vec!["mentor", "show", "Dr Helen Price"]),
        ("agenda", vec!["agenda"]),
        ("prompts", vec!["prompts", "emcc"]),
        ("pending", vec!["pending"]),
        ("cohort", vec!["cohort", "PORTFOLIO"]),
        ("cpd", vec!["cpd", "--since", "2021"]),
        ("requirements list", vec!["requirements", "list"]),
        ("requirements show", vec!["requirements", "show", "nmc-revalidation"]),
        ("requirements check", vec!["requirements", "check", "pmi-pmp"]),
        ("scan", vec!["scan"]),
        ("stories", vec!["stories"]),
        ("scan names list", vec!["scan", "names", "list"]),
        ("unlock", vec!["unlock", "--status"]),
        ("import", vec!["import", "EMPTY"]),
        ("backup", vec!["backup", "BACKUP"]),
        ("check", vec!["check"]),
        ("sync", vec!["sync", "BACKUP"]),
        ("conflicts", vec!["conflicts"]),
        ("conflicts resolve", vec!["conflicts", "resolve", "1", "--take", "here"]),
        ("merge", vec!["merge", "REVIEW", "--force"]),
        ("demo", vec!["demo", "--dir", "demo2"]),
    ];
    env.ok(&["key", "new", "--name", "Dr Test"]);
    let review = env.path("review.folio");
    env.ok(&["--db", db, "share", "--for", "Dr Test", "--out", review.to_str().unwrap()]);
    let (empty, backup, review) = (env.path("empty.json"), env.path("backup.db"), review);
    // A conflict to list and settle: one title changed on a copy and here.
    let copy = env.path("copy.db");
    env.ok(&["--db", db, "backup", copy.to_str().unwrap()]);
    env.ok(&["--db", db, "edit", "1", "--title", "Changed here"]);
    env.ok(&["--db", copy.to_str().unwrap(), "edit", "1", "--title", "Changed on the copy"]);
    env.ok(&["--db", db, "sync", copy.to_str().unwrap()]);
    let mut covered = BTreeSet::new();
    for (name, args) in &runs {
        let mut all = vec!["--db", db];
        for arg in args {
            all.push(match *arg {
                "PORTFOLIO" => db,
                "EMPTY" => empty.to_str().unwrap(),
                "BACKUP" => backup.to_str().unwrap(),
                "REVIEW" => review.to_str().unwrap(),
                other => other,
            });
        }
        all.push("--json");
        let out = env.run(&all);
        let json: Result<serde_json::Value, _> = serde_json::from_slice(&out.stdout);
        assert!(
            json.is_ok(),
            "{name}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        // A "no" answer (a requirement not met, an identifier found) exits 1 with JSON;
        // nothing else may fail.
        assert!(
            out.status.success() || ["requirements check", "scan"].contains(name),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        covered.insert(name.to_string());
    }
    let mut declared = BTreeSet::new();
    commands_with_json(&folio::Cli::command(), "", &mut declared);
    let untested: Vec<&String> = declared.difference(&covered).collect();
    assert!(untested.is_empty(), "commands with --json not run here: {untested:?}");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let env = TestEnv::new();
    let entries: Vec<serde_json::Value> = (0..400)
        .map(|n| {
            serde_json::json!({
                "uuid": format!("00000000-0000-4000-8000-{n:012}"), "kind": "reflection",
                "title": format!("Entry {n}"), "date": "2025-06-01", "body": "words ".repeat(100),
                "created_at": "2025-06-01T09:00:00Z", "updated_at": "2025-06-01T09:00:00Z"
            })
        })
        .collect();
    let doc = serde_json::json!({"format": "folio-portfolio", "version": 1, "entries": entries});
    std::fs::write(env.path("doc.json"), doc.to_string()).unwrap();
    env.ok(&["import", "doc.json"]);
    for args in [&["list", "--json"][..], &["export", "json"][..], &["list"][..]] {
        let mut child = env
            .std_command()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
