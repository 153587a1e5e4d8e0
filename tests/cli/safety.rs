//! Nothing is lost, nothing leaks: regression tests for the data-safety
//! defects, each reproducing what once went wrong.

use crate::{TestEnv, read_bytes, unprivileged};

/// Whether `needle` occurs anywhere in the bytes of the file (and its WAL).
fn file_contains(path: &std::path::Path, needle: &str) -> bool {
    let mut bytes = read_bytes(path);
    let wal = path.with_extension("db-wal");
    if wal.exists() {
        bytes.extend(read_bytes(&wal));
    }
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn entry(env: &TestEnv, id: &str) -> folio::model::Entry {
    serde_json::from_str(&env.ok(&["show", id, "--json"])).unwrap()
}

#[test]
fn concurrent_edits_and_adds_keep_every_change() {
    let env = TestEnv::new();
    env.add(&["reflection", "Shared"]);
    // Two processes tag entry 1 while two others add entries.
    let workers: Vec<_> = (0..4)
        .map(|w| {
            let mut commands = Vec::new();
            for n in 0..25 {
                let mut cmd = env.std_command();
                if w < 2 {
                    cmd.args(["edit", "1", "--add-tag", &format!("w{w}n{n}"), "--quiet"]);
                } else {
                    cmd.args(["add", "meeting", &format!("Added by {w}, {n}"), "--quiet"]);
                }
                commands.push(cmd);
            }
            std::thread::spawn(move || {
                commands.into_iter().fold(true, |all_ok, mut c| {
                    let out = c.output().unwrap();
                    if !out.status.success() {
                        eprintln!("a worker's command failed: {}", String::from_utf8_lossy(&out.stderr));
                    }
                    all_ok && out.status.success()
                })
            })
        })
        .collect();
    for worker in workers {
        assert!(worker.join().unwrap(), "every edit reported success");
    }
    assert_eq!(entry(&env, "1").fields.tags.len(), 50, "no edit was lost");
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 51, "no entry was lost");
}

/// `--edit` while another command changes the entry: nothing is overwritten,
/// and the text written in the editor is kept in a file the message names.
#[test]
fn an_entry_changed_while_the_editor_is_open_is_not_overwritten() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let env = TestEnv::new();
    env.add(&["reflection", "Sensitive", "--body", "first draft"]);
    let folio = env!("CARGO_BIN_EXE_folio");
    // The "editor" makes the entry private from another process, then saves new text.
    let editor = env.path("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nFOLIO_DB='{}' '{folio}' edit 1 --private --add-tag confidential --quiet\n\
             printf 'rewritten in the editor\\n' > \"$1\"\n",
            env.db().display()
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = env
        .std_command_for("script")
        .args(["-qec", &format!("{folio} edit 1 --edit"), "/dev/null"])
        .env("EDITOR", &editor)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("was changed by another folio command while the editor was open"), "{said}");
    let after = entry(&env, "1");
    assert!(after.fields.private, "the concurrent --private stands");
    assert_eq!(after.fields.tags, ["confidential"]);
    assert_eq!(after.fields.body, "first draft");
    let kept = said.split("kept in ").nth(1).and_then(|rest| rest.split(';').next()).unwrap().trim();
    let text = std::fs::read_to_string(kept).unwrap();
    assert!(text.contains("rewritten in the editor"), "{text}");
    std::fs::remove_file(kept).unwrap();
    assert!(!env.ok(&["export", "json"]).contains("Sensitive"), "private stays private");
}

#[test]
fn an_import_without_attachments_never_deletes_them() {
    let env = TestEnv::new();
    std::fs::write(env.path("photo.png"), b"\x89PNG not really").unwrap();
    env.add(&["evidence", "Observation", "--attach", "photo.png"]);
    env.ok(&["export", "json", "--no-attachments", "--out", "light.json"]);
    // Elsewhere: imported without the bytes, then changed, then sent back.
    let other = TestEnv::new();
    other.ok(&["import", env.path("light.json").to_str().unwrap()]);
    other.ok(&["edit", "1", "--add-tag", "seen"]);
    other.ok(&["export", "json", "--out", "back.json"]);
    env.ok(&["import", other.path("back.json").to_str().unwrap()]);
    let back = entry(&env, "1");
    assert_eq!(back.fields.tags, ["seen"], "the newer edit came back");
    assert_eq!(back.attachments.len(), 1, "and the file stayed");
    env.ok(&["extract", "1", "--out", "out"]);
    assert_eq!(read_bytes(&env.path("out/photo.png")), b"\x89PNG not really");
    env.ok(&["check"]);
}

#[test]
fn emptying_the_trash_removes_the_text_and_files_from_the_portfolio_file() {
    let env = TestEnv::new();
    std::fs::write(env.path("scan.txt"), "ATTACHEDSECRETBYTES").unwrap();
    env.add(&["reflection", "Zanzibarquux title", "--body", "Xylophonic secret body", "--private"]);
    env.ok(&["attach", "1", "scan.txt"]);
    env.add(&["role", "Kept"]);
    for needle in ["Zanzibarquux", "Xylophonic", "ATTACHEDSECRETBYTES"] {
        assert!(file_contains(&env.db(), needle), "{needle} is stored to begin with");
    }
    env.ok(&["rm", "1"]);
    env.ok(&["trash", "--empty", "--yes"]);
    for needle in ["Zanzibarquux", "Xylophonic", "ATTACHEDSECRETBYTES"] {
        assert!(!file_contains(&env.db(), needle), "{needle} is still in the file");
    }
    env.ok(&["backup", "copy.db"]);
    assert!(!file_contains(&env.path("copy.db"), "Xylophonic"));
    assert_eq!(env.json(&["search", "zanzibarquux", "--json"]).as_array().unwrap().len(), 0);
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_backup_leaves_nothing_behind_but_the_copy() {
    let env = TestEnv::new();
    env.add(&["role", "One"]);
    std::fs::create_dir(env.path("backups")).unwrap();
    env.ok(&["backup", "backups/copy.db"]);
    let names: Vec<String> = std::fs::read_dir(env.path("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["copy.db"]);
    let listed = env.folio().env("FOLIO_DB", env.path("backups/copy.db")).args(["list", "--json"]).output();
    assert!(listed.unwrap().status.success());
}

#[test]
fn extract_refuses_damaged_bytes_and_writes_nothing() {
    let env = TestEnv::new();
    std::fs::write(env.path("a.txt"), "first file").unwrap();
    std::fs::write(env.path("b.txt"), "second file").unwrap();
    env.add(&["evidence", "Two files", "--attach", "a.txt", "--attach", "b.txt"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute(
        "UPDATE blobs SET data = CAST('tampered' AS BLOB) WHERE data = CAST('second file' AS BLOB)",
        [],
    )
    .unwrap();
    drop(conn);
    let stderr = env.fails(&["extract", "1", "--out", "out"], 1);
    assert!(stderr.contains("the stored bytes of 'b.txt' are damaged"), "{stderr}");
    let written = std::fs::read_dir(env.path("out")).map(|d| d.count()).unwrap_or(0);
    assert_eq!(written, 0, "no file, whole or partial");
}

#[test]
fn a_public_export_does_not_point_at_a_private_meeting() {
    let env = TestEnv::new();
    let private_meeting = "11111111-1111-4111-8111-111111111111";
    let document = serde_json::json!({
        "format": "folio-portfolio", "version": 1,
        "entries": [{"uuid": private_meeting, "kind": "meeting", "title": "Private session", "date": "2026-01",
                     "private": true, "created_at": "2026-01-05T10:00:00Z", "updated_at": "2026-01-05T10:00:00Z"}],
        "goals": [{"uuid": "22222222-2222-4222-8222-222222222222", "title": "Chair a meeting", "status": "open",
                   "actions": [{"uuid": "33333333-3333-4333-8333-333333333333", "text": "Observe one first",
                                "meeting": private_meeting, "created_at": "2026-01-05T10:00:00Z"}],
                   "created_at": "2026-01-05T10:00:00Z", "updated_at": "2026-01-05T10:00:00Z"}]
    });
    std::fs::write(env.path("in.json"), document.to_string()).unwrap();
    env.ok(&["import", "in.json"]);
    let public = env.ok(&["export", "json"]);
    assert!(public.contains("Chair a meeting"), "the public goal is exported");
    // An action agreed in a private meeting is as private as the meeting.
    assert!(!public.contains("Observe one first"), "{public}");
    assert!(!public.contains(private_meeting), "{public}");
    let everything = env.ok(&["export", "json", "--include-private"]);
    assert!(everything.contains(private_meeting) && everything.contains("Observe one first"));
}

#[test]
fn importing_an_older_document_keeps_the_newer_profile_and_frameworks() {
    let other = TestEnv::new();
    other.ok(&["profile", "set", "--headline", "Student"]);
    let env = TestEnv::new();
    env.ok(&["profile", "set", "--name", "Ada", "--headline", "Staff nurse", "--email", "old@example.test"]);
    env.ok(&["framework", "import", &crate::example("emcc-mentoring.toml")]);
    env.ok(&["export", "json", "--out", "last-week.json"]);
    // Later: a new headline and email, and a retitled framework.
    env.ok(&["profile", "set", "--headline", "Charge nurse", "--email", "new@example.test"]);
    let toml = std::fs::read_to_string(crate::example("emcc-mentoring.toml")).unwrap();
    let retitled =
        toml.replacen("title = \"EMCC mentor competence framework\"", "title = \"EMCC (2026 edition)\"", 1);
    assert_ne!(retitled, toml, "the fixture's title line");
    std::fs::write(env.path("emcc-new.toml"), retitled).unwrap();
    env.ok(&["framework", "import", "emcc-new.toml"]);
    let out = env.run(&["import", "last-week.json"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("kept profile: the portfolio's is newer"), "{said}");
    assert!(said.contains("kept framework emcc: the portfolio's is newer"), "{said}");
    let profile = env.json(&["profile", "show", "--json"]);
    assert_eq!(
        (profile["headline"].as_str(), profile["email"].as_str()),
        (Some("Charge nurse"), Some("new@example.test"))
    );
    assert_eq!(env.json(&["framework", "show", "emcc", "--json"])["title"], "EMCC (2026 edition)");
    // The other way round, the newer document wins.
    env.ok(&["export", "json", "--out", "now.json"]);
    other.ok(&["import", env.path("now.json").to_str().unwrap()]);
    assert_eq!(other.json(&["profile", "show", "--json"])["headline"], "Charge nurse");
}

#[test]
fn reading_a_read_only_portfolio_does_not_leave_it_stuck_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    assert!(unprivileged(&env, &["add", "role", "One"]).status.success());
    let db = env.db();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let listed = unprivileged(&env, &["list", "--json"]);
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    for side in ["portfolio.db-wal", "portfolio.db-shm"] {
        assert!(!env.path(side).exists(), "reading left {side} behind");
    }
    let refused = unprivileged(&env, &["add", "role", "Two"]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("portfolio.db is read-only"), "{stderr}");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    let added = unprivileged(&env, &["add", "role", "Two"]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
}

#[test]
fn a_read_only_write_ahead_log_is_named_as_what_blocks() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    assert!(unprivileged(&env, &["add", "role", "One"]).status.success());
    std::fs::write(env.path("portfolio.db-shm"), b"").unwrap();
    std::fs::set_permissions(env.path("portfolio.db-shm"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let refused = unprivileged(&env, &["add", "role", "Two"]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("portfolio.db-shm is read-only"), "{stderr}");
}

#[test]
fn processes_creating_one_new_portfolio_at_once_all_succeed() {
    let env = TestEnv::new();
    for round in 0..40 {
        let db = env.path(&format!("new-{round}/portfolio.db"));
        let children: Vec<_> = (0..4)
            .map(|n| {
                env.std_command()
                    .env("FOLIO_DB", &db)
                    .args(["add", "role", &format!("Role {n}"), "--quiet"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}: {}", String::from_utf8_lossy(&out.stderr));
        }
        let listed = env.folio().env("FOLIO_DB", &db).args(["list", "--json"]).output().unwrap();
        let entries: Vec<folio::model::Entry> = serde_json::from_slice(&listed.stdout).unwrap();
        assert_eq!(entries.len(), 4, "round {round}");
    }
}

#[test]
fn an_empty_file_given_as_the_portfolio_becomes_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    std::fs::write(env.db(), b"").unwrap();
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    env.add(&["role", "One"]);
    assert_eq!(std::fs::metadata(env.db()).unwrap().permissions().mode() & 0o777, 0o600);
}

#[test]
fn absurd_input_is_refused_briefly() {
    let env = TestEnv::new();
    let stderr = env.fails(&["add", "course", "Forever", "--hours", "1e308"], 1);
    assert!(stderr.contains("hours must be a number from 0 to 10,000"), "{stderr}");
    let huge = "9".repeat(100_000);
    let stderr = env.fails(&["add", "role", "Long", "--date", &huge], 1);
    assert!(stderr.len() < 1_000, "{} bytes of error", stderr.len());
    std::fs::write(env.path("bad.toml"), format!("key = \"{}\n", "x".repeat(10_000_000))).unwrap();
    let stderr = env.fails(&["framework", "import", "bad.toml"], 1);
    assert!(stderr.len() < 2_000, "{} bytes of error", stderr.len());
    env.add(&["role", "One"]);
    let query = (0..1000).map(|n| format!("w{n}")).collect::<Vec<_>>().join(" OR ");
    let started = std::time::Instant::now();
    let stderr = env.fails(&["search", &query], 1);
    assert!(stderr.contains("the query is too long"), "{stderr}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn a_half_written_export_from_a_killed_run_is_cleaned_up() {
    let env = TestEnv::new();
    env.add(&["role", "One"]);
    let stale = env.path(".folio-writing-AbC123.partial");
    std::fs::write(&stale, "half a document").unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    std::fs::File::options().write(true).open(&stale).unwrap().set_modified(old).unwrap();
    env.ok(&["export", "json", "--out", "doc.json"]);
    assert!(!stale.exists(), "the stale partial file is removed");
    assert!(env.path("doc.json").exists());
}

#[test]
fn one_unreadable_entry_is_left_out_named_and_fails_the_command_at_the_end() {
    let env = TestEnv::new();
    env.add(&["role", "Readable"]);
    env.add(&["role", "Soon broken"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute("UPDATE entries SET title = CAST(x'426164c3' AS TEXT) WHERE id = 2", []).unwrap();
    drop(conn);
    let out = env.run(&["list", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let entries: Vec<folio::model::Entry> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(entries.len(), 1, "the readable entry is still listed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("left out entry 2: its title is not valid UTF-8 text"), "{stderr}");
    assert!(stderr.contains("error: 1 entry could not be read and was left out"), "{stderr}");
    let out = env.run(&["export", "json", "--out", "doc.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(std::fs::read_to_string(env.path("doc.json")).unwrap().contains("Readable"));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("wrote doc.json (1 entry, 0 frameworks)"),
        "only what was written is counted: {said}"
    );
    let stderr = env.fails(&["show", "2"], 1);
    assert!(stderr.contains("entry 2: its title is not valid UTF-8 text"), "{stderr}");
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("entry 2: title is not valid UTF-8 text"));
}

#[test]
fn a_truncated_portfolio_is_reported_as_damaged() {
    let env = TestEnv::new();
    let body = "words ".repeat(2000);
    for n in 0..40 {
        env.add(&["reflection", &format!("Entry {n}"), "--body", &body]);
    }
    env.ok(&["check"]);
    let bytes = read_bytes(&env.db());
    std::fs::write(env.db(), &bytes[..bytes.len() / 2]).unwrap();
    let out = env.run(&["list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("the portfolio file is damaged"), "{stderr}");
    assert!(stderr.contains("hint: run `folio check`"), "{stderr}");
    let out = env.run(&["check"]);
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_ne!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("damaged") || said.contains("integrity"), "{said}");
}

/// A title that would clear the screen, retitle the window or reverse the line reaches a person's
/// terminal escaped, in tables, `show` and status lines; `--json` keeps it exact.
#[test]
fn control_characters_in_text_reach_the_terminal_escaped() {
    let env = TestEnv::new();
    let title = "Audit\u{1b}[2J\u{1b}]0;owned\u{7} done\u{202e}sdrawkcab";
    env.add(&["role", title, "--tag", "x\u{1b}[31m"]);
    for args in [vec!["list"], vec!["show", "1"], vec!["tags"]] {
        let out = env.run(&args);
        let shown =
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}') && !shown.contains('\u{202e}'),
            "{args:?}: {shown:?}"
        );
    }
    assert!(env.ok(&["show", "1"]).contains("Audit\\u{1b}[2J"), "shown escaped, not dropped");
    let out = env.run(&["edit", "1", "--org", "RCN"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'), "status lines too");
    assert_eq!(env.json(&["show", "1", "--json"])["title"], title, "the data itself is kept exact");
}

/// A portfolio you may write, in a folder you may not (SQLite could not make its log there):
/// it is read, and a write says it cannot.
#[test]
fn a_writable_portfolio_in_a_read_only_folder_can_still_be_read() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    std::fs::create_dir(env.path("ro")).unwrap();
    env.ok(&["--db", "ro/p.db", "add", "course", "Study day"]);
    for side in ["ro/p.db-wal", "ro/p.db-shm"] {
        let _ = std::fs::remove_file(env.path(side));
    }
    if crate::is_root() {
        std::os::unix::fs::chown(env.path("ro/p.db"), Some(65534), Some(65534)).unwrap();
    }
    std::fs::set_permissions(env.path("ro"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let listed = unprivileged(&env, &["--db", "ro/p.db", "list"]);
    let wrote = unprivileged(&env, &["--db", "ro/p.db", "add", "course", "Another"]);
    std::fs::set_permissions(env.path("ro"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Study day"));
    assert_eq!(wrote.status.code(), Some(3), "{}", String::from_utf8_lossy(&wrote.stderr));
    assert!(
        String::from_utf8_lossy(&wrote.stderr).contains("read-only"),
        "{}",
        String::from_utf8_lossy(&wrote.stderr)
    );
}
