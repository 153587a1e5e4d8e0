//! `folio sync`: two copies edited, trashed and purged on both sides end up
//! equal, with conflicts kept and reported; bad input changes nothing.

use std::path::Path;

use crate::TestEnv;

/// Runs folio on the other copy, `b.db`.
fn on_b<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--db", "b.db"];
    all.extend_from_slice(args);
    all
}

fn export(env: &TestEnv, db: &str) -> String {
    env.ok(&["--db", db, "export", "json", "--include-private"])
}

fn trash_uuids(env: &TestEnv, db: &str) -> Vec<String> {
    let listed = env.json(&["--db", db, "trash", "--json"]);
    let mut uuids: Vec<String> =
        listed.as_array().unwrap().iter().map(|e| e["uuid"].as_str().unwrap().to_string()).collect();
    uuids.sort();
    uuids
}

/// A portfolio and a copy of it (`b.db`), synced once.
fn two_copies() -> TestEnv {
    let env = TestEnv::new();
    for title in ["Course one", "Course two", "Course three", "Course four"] {
        env.add(&["course", title, "--hours", "2"]);
    }
    env.ok(&["goal", "add", "Finish the portfolio"]);
    std::fs::copy(env.db(), env.path("b.db")).unwrap();
    env.ok(&["sync", "b.db"]);
    env
}

#[test]
fn edits_trash_and_purges_on_both_sides_end_equal() {
    let env = two_copies();
    // Here: an edit, a new entry, a trashed one and a purged one.
    env.ok(&["edit", "1", "--title", "Course one, edited here"]);
    env.add(&["reflection", "Written here"]);
    env.ok(&["rm", "2"]);
    env.ok(&["rm", "3"]);
    env.ok(&["trash", "--empty", "--yes"]);
    // There: another edit, a new entry, a goal done, a trashed entry.
    env.ok(&on_b(&["edit", "4", "--hours", "3.5"]));
    env.add(&on_b(&["meeting", "Held there"]));
    env.ok(&on_b(&["goal", "done", "1"]));
    env.ok(&on_b(&["action", "add", "Send it in", "--goal", "1"]));

    env.ok(&["sync", "b.db"]);
    let here = export(&env, "portfolio.db");
    assert_eq!(here, export(&env, "b.db"), "both copies hold the same");
    for expected in ["Course one, edited here", "Written here", "Held there", "\"hours\": 3.5", "Send it in"]
    {
        assert!(here.contains(expected), "{expected}");
    }
    assert!(!here.contains("Course two") && !here.contains("Course three"));
    assert_eq!(trash_uuids(&env, "portfolio.db"), trash_uuids(&env, "b.db"));
    assert_eq!(env.json(&on_b(&["trash", "--json"])).as_array().unwrap().len(), 0, "the purge went too");
    let bytes = crate::read_bytes(&env.path("b.db"));
    assert!(!bytes.windows(12).any(|w| w == b"Course three"), "purged from the other copy's file");

    // The trash travels: restored there, it is restored here.
    env.ok(&["rm", "4"]);
    env.ok(&["sync", "b.db"]);
    assert_eq!(trash_uuids(&env, "b.db").len(), 1);
    env.ok(&on_b(&["restore", "4"]));
    env.ok(&["sync", "b.db"]);
    assert!(trash_uuids(&env, "portfolio.db").is_empty());

    // Syncing again changes nothing.
    let (a, b) = (export(&env, "portfolio.db"), export(&env, "b.db"));
    let out = env.run(&["sync", "b.db"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("here no change; there no change"));
    assert_eq!((export(&env, "portfolio.db"), export(&env, "b.db")), (a, b));
}

#[test]
fn a_record_changed_on_both_sides_is_kept_twice_and_reported() {
    let env = two_copies();
    env.ok(&["edit", "1", "--title", "Changed here"]);
    std::thread::sleep(std::time::Duration::from_millis(5));
    env.ok(&on_b(&["edit", "1", "--title", "Changed there"]));
    let out = env.run(&["sync", "b.db"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("entry 'Changed here': changed on both copies"), "{said}");
    for db in ["portfolio.db", "b.db"] {
        let listed = env.json(&["--db", db, "list", "--json"]);
        let titles: Vec<&str> =
            listed.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
        assert!(titles.contains(&"Changed there"), "the newer wins: {titles:?}");
        assert!(titles.contains(&"Changed here (conflict copy)"), "the older is kept: {titles:?}");
    }
    assert_eq!(export(&env, "portfolio.db"), export(&env, "b.db"));
    assert_eq!(env.json(&["list", "--tag", "conflict", "--json"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_read_only_copy_is_synced_into_this_one_only() {
    let env = two_copies();
    env.ok(&on_b(&["add", "course", "Only there"]));
    env.ok(&["add", "course", "Only here"]);
    let b = env.path("b.db");
    let before = crate::read_bytes(&b);
    // Root ignores permissions: the files go to the unprivileged user who runs the sync.
    if crate::is_root() {
        for file in [env.db(), b.clone()] {
            std::os::unix::fs::chown(&file, Some(65534), Some(65534)).unwrap();
        }
    }
    set_read_only(&b, true);
    let out = crate::unprivileged(&env, &["sync", "b.db"]);
    set_read_only(&b, false);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there nothing (it is read-only)"));
    assert!(env.ok(&["list"]).contains("Only there"));
    assert!(crate::read_bytes(&b) == before, "the read-only copy is untouched");
    assert!(!env.path("b.db-wal").exists() && !env.path("b.db-shm").exists());
}

fn set_read_only(path: &Path, read_only: bool) {
    let mut permissions = std::fs::metadata(path).unwrap().permissions();
    permissions.set_readonly(read_only);
    std::fs::set_permissions(path, permissions).unwrap();
}

#[test]
fn bad_input_changes_nothing_on_either_side() {
    let env = two_copies();
    let (a, b) = (env.db_bytes(), crate::read_bytes(&env.path("b.db")));
    let stderr = env.fails(&["sync", "portfolio.db"], 1);
    assert!(stderr.contains("this portfolio itself"), "{stderr}");
    env.fails(&["sync", "missing.db"], 1);
    std::fs::write(env.path("notes.txt"), b"not a portfolio").unwrap();
    env.fails(&["sync", "notes.txt"], 1);
    assert_eq!(std::fs::read(env.path("notes.txt")).unwrap(), b"not a portfolio");
    let stranger = TestEnv::new();
    stranger.add(&["course", "Someone else's"]);
    let stderr = env.fails(&["sync", stranger.db().to_str().unwrap()], 1);
    assert!(stderr.contains("is another portfolio"), "{stderr}");
    env.ok(&["share", "--for", "Dr Okubo", "--out", "review.folio"]);
    assert!(env.db_bytes() != a, "the share is recorded here: compare from now on");
    let a = env.db_bytes();
    let stderr = env.fails(&["sync", "review.folio"], 1);
    assert!(stderr.contains("is a review file"), "{stderr}");
    // A copy written by a newer folio.
    std::fs::copy(env.path("b.db"), env.path("newer.db")).unwrap();
    let conn = rusqlite::Connection::open(env.path("newer.db")).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let stderr = env.fails(&["sync", "newer.db"], 1);
    assert!(stderr.contains("newer folio"), "{stderr}");
    assert!(env.db_bytes() == a, "this copy unchanged");
    assert!(crate::read_bytes(&env.path("b.db")) == b, "the other copy unchanged");
}
