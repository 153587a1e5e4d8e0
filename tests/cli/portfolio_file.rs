//! The portfolio file: where it lives, what it refuses, and locking.

use crate::TestEnv;

#[test]
fn init_creates_a_private_file_where_asked_and_says_so() {
    let env = TestEnv::new();
    let out = env.folio().env_remove("FOLIO_DB").arg("init").output().unwrap();
    assert!(out.status.success());
    let default = env.path("data/folio/portfolio.db");
    assert!(default.exists(), "created in the XDG data dir");
    assert!(String::from_utf8_lossy(&out.stderr).contains(&*default.to_string_lossy()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&default).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let custom = env.path("elsewhere/mine.db");
    env.folio().env_remove("FOLIO_DB").args(["--db", custom.to_str().unwrap(), "init"]).assert().success();
    assert!(custom.exists());
    let again =
        env.folio().env_remove("FOLIO_DB").args(["--db", custom.to_str().unwrap(), "init"]).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let env = TestEnv::new();
    std::fs::write(env.db(), "just some notes\n").unwrap();
    let stderr = env.fails(&["list"], 3);
    assert!(stderr.contains("is not a folio portfolio"), "{stderr}");
    assert_eq!(std::fs::read_to_string(env.db()).unwrap(), "just some notes\n");
}

#[test]
fn another_apps_database_is_refused_untouched() {
    let env = TestEnv::new();
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("CREATE TABLE notes (x); INSERT INTO notes VALUES (1);").unwrap();
    drop(conn);
    let before = env.db_bytes();
    env.fails(&["add", "role", "x"], 3);
    assert_eq!(env.db_bytes(), before);
}

#[test]
fn a_newer_schema_is_refused() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let before = env.db_bytes();
    let stderr = env.fails(&["list"], 3);
    assert!(stderr.contains("newer folio") && stderr.contains("hint: upgrade folio"), "{stderr}");
    assert_eq!(env.db_bytes(), before);
}

#[test]
fn a_busy_portfolio_waits_then_fails_cleanly() {
    let env = TestEnv::new();
    env.add(&["role", "One"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; INSERT INTO tags (name) VALUES ('held');").unwrap();
    let out = env.folio().env("FOLIO_BUSY_TIMEOUT_MS", "200").args(["add", "role", "Two"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("is busy"), "{stderr}");
    // Reading still works while another process writes (WAL).
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 1);
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);
    env.add(&["role", "Two"]);
}

#[test]
fn a_read_only_portfolio_can_be_read_but_not_written() {
    let env = TestEnv::new();
    env.add(&["role", "One"]);
    let db = env.db();
    let mut permissions = std::fs::metadata(&db).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&db, permissions).unwrap();
    // Root ignores permissions: run folio as an unprivileged user instead,
    // in a folder that user may write to (so the refusal is the file's).
    let as_root = std::fs::OpenOptions::new().write(true).open(&db).is_ok();
    let run = |args: &[&str]| {
        let mut cmd = if as_root {
            let mut cmd = env.std_command_for("setpriv");
            cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_folio")]);
            cmd
        } else {
            env.std_command()
        };
        cmd.args(args).output().expect("run folio")
    };
    if as_root {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    }
    let before = env.db_bytes();
    let listed = run(&["list", "--json"]);
    assert!(listed.status.success(), "{}", String::from_utf8_lossy(&listed.stderr));
    let entries: Vec<folio::model::Entry> = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(entries.len(), 1);
    let added = run(&["add", "role", "Two"]);
    let stderr = String::from_utf8_lossy(&added.stderr);
    assert_eq!(added.status.code(), Some(3), "{stderr}");
    assert!(stderr.starts_with("error: ") && stderr.contains("read-only"), "{stderr}");
    assert_eq!(env.db_bytes(), before);
}

#[test]
fn errors_are_one_clean_line_even_with_backtraces_on() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let out = env.run(&["show", "7"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[0], "error: no entry with id 7");
    assert!(lines[1].starts_with("hint: "));
    assert_eq!(lines.len(), 2, "{stderr}");
}

#[test]
fn a_portfolio_written_by_the_current_release_opens_and_upgrades() {
    // Written by folio 0.1 at schema version 6 (see tests/fixtures/portfolio/);
    // when the schema moves on, this file is what proves the upgrade.
    let env = TestEnv::new();
    std::fs::copy(crate::fixture("portfolio/written-by-0.1-schema-6.db"), env.db()).unwrap();
    let entries: Vec<folio::model::Entry> = serde_json::from_str(&env.ok(&["list", "--json"])).unwrap();
    let titles: Vec<&str> = entries.iter().map(|e| e.fields.title.as_str()).collect();
    assert_eq!(titles, ["Private session", "First aid", "First solo", "Coaching day"]);
    assert_eq!(entries[3].fields.details.hours(), Some(6.5));
    assert_eq!(entries[1].attachments[0].name, "note.txt");
    assert_eq!(entries[2].claims[0].reference, "emcc/relationship/foundation/2");
    assert_eq!(entries[2].verdicts.len(), 1);
    env.ok(&["check"]);
    let version = rusqlite::Connection::open(env.db())
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
        .unwrap();
    assert_eq!(version, folio::db::LATEST_VERSION);
    // The evidence counts (migration 16) were worked out for the old claims.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let noted: i64 = conn.query_row("SELECT count(*) FROM evidence_stale", [], |r| r.get(0)).unwrap();
    let kept: i64 = conn.query_row("SELECT sum(entries) FROM evidence_counts", [], |r| r.get(0)).unwrap();
    assert_eq!((noted, kept), (0, 2), "the claim's cell and its indicator");
    let table = env.ok(&["coverage", "emcc"]);
    let relationship = table.lines().find(|l| l.contains("relationship")).unwrap();
    assert!(relationship.contains("1 ✓1"), "one entry, accepted, at foundation: {table}");
}

/// Only a command that adds something creates a portfolio, and says so; a read on a
/// mistyped file is an error naming it; a failed first command leaves no file.
#[test]
fn a_missing_portfolio_is_named_not_created_by_a_read() {
    let env = TestEnv::new();
    for args in [
        vec!["--db", "review-typo.folio", "pending"],
        vec!["list"],
        vec!["agenda"],
        vec!["edit", "1", "--title", "x"],
    ] {
        let stderr = env.fails(&args, 1);
        assert!(stderr.starts_with("error: there is no portfolio at"), "{args:?}: {stderr}");
    }
    assert!(!env.path("review-typo.folio").exists() && !env.db().exists(), "nothing created");
    env.fails(&["add", "course", "Study day", "--claim", "nope/x"], 1);
    assert!(!env.db().exists(), "a failed first add leaves no file behind");
    let out = env.run(&["add", "course", "Study day"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("created portfolio"), "said once");
    let out = env.run(&["add", "course", "Another"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("created portfolio"));
}
