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

/// The whole document, less the outbox (each export adds its own line).
fn export(env: &TestEnv, db: &str) -> String {
    let document = env.ok(&["--db", db, "export", "json", "--include-private"]);
    serde_json::to_string_pretty(&crate::without_outbox(&document)).unwrap()
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
fn the_same_field_changed_on_both_sides_is_one_conflict_kept_as_data() {
    let env = two_copies();
    env.ok(&["edit", "1", "--title", "Changed here"]);
    std::thread::sleep(std::time::Duration::from_millis(5));
    env.ok(&on_b(&["edit", "1", "--title", "Changed there"]));
    let out = env.run(&["sync", "b.db"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(
            "conflict 1: entry 'Changed there': title changed on both copies: kept 'Changed there' (b.db"
        ),
        "{said}"
    );
    for db in ["portfolio.db", "b.db"] {
        let listed = env.json(&["--db", db, "list", "--json"]);
        let titles: Vec<&str> =
            listed.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
        assert!(titles.contains(&"Changed there"), "the newer wins: {titles:?}");
        assert!(!titles.iter().any(|t| t.contains("conflict copy")), "no copy that counts: {titles:?}");
        assert_eq!(titles.len(), 4, "one entry each, no copies");
        let conflicts = env.json(&["--db", db, "conflicts", "--json"]);
        assert_eq!(conflicts.as_array().unwrap().len(), 1, "the conflict is on both copies");
        assert_eq!(conflicts[0]["field"], "title");
        assert_eq!(conflicts[0]["other"], "\"Changed here\"");
    }
    assert_eq!(export(&env, "portfolio.db"), export(&env, "b.db"));
    assert!(env.ok(&["agenda"]).contains("1 conflict waits to be settled"));
    // The JSON document with private records carries the conflict; a portfolio imported from it holds it.
    std::fs::write(env.path("all.json"), export(&env, "portfolio.db")).unwrap();
    assert!(!env.ok(&["export", "json"]).contains("\"conflicts\""), "conflicts hold private values");
    env.ok(&["--db", "fresh.db", "import", "all.json"]);
    assert_eq!(env.json(&["--db", "fresh.db", "conflicts", "--json"])[0]["other"], "\"Changed here\"");

    // Settled here with this copy's value; the next sync carries it, and settles it there too.
    let out = env.ok(&["conflicts", "resolve", "1", "--take", "here", "--json"]);
    assert!(out.contains("\"resolution\": \"\\\"Changed here\\\"\""), "{out}");
    env.fails(&["conflicts", "resolve", "1", "--take", "there"], 1);
    env.ok(&["sync", "b.db"]);
    assert_eq!(env.json(&on_b(&["show", "1", "--json"]))["title"], "Changed here");
    assert!(env.json(&on_b(&["conflicts", "--json"])).as_array().unwrap().is_empty());
    assert_eq!(env.json(&on_b(&["conflicts", "--all", "--json"])).as_array().unwrap().len(), 1);

    // A value of one's own, typed; a number where the field is one.
    env.ok(&["edit", "2", "--hours", "4"]);
    env.ok(&on_b(&["edit", "2", "--hours", "5"]));
    env.ok(&["sync", "b.db"]);
    env.fails(&["conflicts", "resolve", "2", "--take", "-1"], 1);
    env.ok(&["conflicts", "resolve", "2", "--take", "4.5"]);
    assert_eq!(env.json(&["show", "2", "--json"])["hours"], 4.5);
    env.fails(&["conflicts", "resolve", "99", "--take", "here"], 1);
}

/// The README's two-device recipe: a backup is the other copy, edited on both before any sync.
#[test]
fn the_first_sync_after_a_backup_keeps_an_edit_from_each_side() {
    let env = TestEnv::new();
    env.add(&["reflection", "T", "--body", "v0"]);
    env.ok(&["backup", "b.db"]);
    env.ok(&["edit", "1", "--title", "Title from laptop"]);
    env.ok(&on_b(&["edit", "1", "--body", "Body from work PC"]));
    let out = env.run(&on_b(&["sync", "portfolio.db"]));
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!said.contains("conflict"), "{said}");
    for db in ["portfolio.db", "b.db"] {
        let entry = env.json(&["--db", db, "show", "1", "--json"]);
        assert_eq!(
            (entry["title"].as_str(), entry["body"].as_str()),
            (Some("Title from laptop"), Some("Body from work PC"))
        );
    }
}

#[test]
fn different_fields_changed_on_each_side_make_one_entry_with_both() {
    let env = two_copies();
    env.ok(&["edit", "1", "--body", "Body written here", "--add-tag", "here"]);
    env.ok(&on_b(&["edit", "1", "--add-tag", "there", "--org", "RCN"]));
    let out = env.run(&["sync", "b.db"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("conflict"));
    let entry = env.json(&on_b(&["show", "1", "--json"]));
    assert_eq!(entry["body"], "Body written here");
    assert_eq!(entry["organisation"], "RCN");
    assert_eq!(entry["tags"], serde_json::json!(["here", "there"]));
    // A tag removed on one side and untouched on the other goes.
    env.ok(&on_b(&["edit", "1", "--remove-tag", "here"]));
    env.ok(&["edit", "1", "--title", "Retitled here"]);
    env.ok(&["sync", "b.db"]);
    let entry = env.json(&["show", "1", "--json"]);
    assert_eq!(
        (entry["title"].as_str(), entry["tags"].clone()),
        (Some("Retitled here"), serde_json::json!(["there"]))
    );
    assert_eq!(export(&env, "portfolio.db"), export(&env, "b.db"));
    assert!(env.json(&["conflicts", "--json"]).as_array().unwrap().is_empty());
}

#[test]
fn a_course_trashed_on_one_side_and_edited_on_the_other_stays_live_and_counts_once() {
    let env = TestEnv::new();
    env.add(&["course", "Study day", "--hours", "2"]);
    env.ok(&["backup", "b.db"]);
    env.ok(&["sync", "b.db"]);
    env.ok(&on_b(&["rm", "1"]));
    env.ok(&["edit", "1", "--hours", "3"]);
    let out = env.run(&["sync", "b.db"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("moved to the trash on b.db") && said.contains("kept live"), "{said}");
    for db in ["portfolio.db", "b.db"] {
        let cpd = env.json(&["--db", db, "cpd", "--json"]);
        assert_eq!(cpd["hours"], 3.0, "counted once: {cpd}");
        assert_eq!(env.json(&["--db", db, "list", "--json"]).as_array().unwrap().len(), 1);
    }
    // Settled by deleting it after all: take the side that trashed it.
    env.ok(&on_b(&["conflicts", "resolve", "1", "--take", "here"]));
    env.ok(&["sync", "b.db"]);
    assert_eq!(trash_uuids(&env, "portfolio.db").len(), 1);
    assert!(env.json(&["conflicts", "--json"]).as_array().unwrap().is_empty());
}

#[test]
fn an_entry_purged_on_one_side_and_edited_on_the_other_is_kept_and_reported() {
    let env = two_copies();
    env.ok(&["rm", "2"]);
    env.ok(&["trash", "--empty", "--yes"]);
    env.ok(&on_b(&["edit", "2", "--body", "Written after the purge"]));
    let out = env.run(&["sync", "b.db"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("entry 'Course two': deleted for good on this copy, edited on b.db"), "{said}");
    assert!(env.ok(&["list"]).contains("Course two"), "the edit is not dropped");
    assert_eq!(export(&env, "portfolio.db"), export(&env, "b.db"));
    // Deleted after all: the purge travels on the next sync.
    env.ok(&["conflicts", "resolve", "1", "--take", "here"]);
    env.ok(&["sync", "b.db"]);
    for db in ["portfolio.db", "b.db"] {
        assert!(!env.ok(&["--db", db, "list"]).contains("Course two"));
    }
}

#[test]
fn settings_travel_by_backup_sync_and_the_json_document() {
    let env = TestEnv::new();
    env.add(&["course", "Study day", "--hours", "2"]);
    env.ok(&["backup", "b.db"]);
    env.ok(&["requirements", "track", "nmc-revalidation", "--due", "2027-04-30"]);
    env.ok(&on_b(&["scan", "names", "add", "Mrs Patel"]));
    std::fs::write(env.path("set.toml"), "key = \"team-cpd\"\ntitle = \"Team CPD\"\nsource = \"our handbook\"\nyears = 1\n[[rule]]\nname = \"Hours\"\nsum = \"hours\"\nkinds = [\"course\"]\nat_least = 10\n").unwrap();
    env.ok(&on_b(&["requirements", "import", "set.toml"]));
    env.ok(&["sync", "b.db"]);
    for db in ["portfolio.db", "b.db"] {
        assert!(env.ok(&["--db", db, "scan", "names", "list"]).contains("Mrs Patel"), "{db}");
        let agenda = env.json(&["--db", db, "agenda", "--json"]);
        assert!(agenda["requirements_unmet"].to_string().contains("nmc-revalidation"), "{db}: {agenda}");
        let sets = env.json(&["--db", db, "requirements", "list", "--json"]).to_string();
        assert!(sets.contains("team-cpd"), "{db}: {sets}");
    }
    // Untracked on one side, untouched on the other: untracked on both.
    env.ok(&on_b(&["requirements", "untrack", "nmc-revalidation"]));
    env.ok(&["sync", "b.db"]);
    let agenda = env.json(&["agenda", "--json"]);
    assert!(!agenda["requirements_unmet"].to_string().contains("nmc-revalidation"), "{agenda}");

    // An export with private records carries them all; a fresh portfolio imported from it has them.
    let document = env.ok(&["export", "json", "--include-private"]);
    assert!(document.contains("Mrs Patel") && document.contains("\"requirement_sets\""));
    assert!(!env.ok(&["export", "json"]).contains("Mrs Patel"), "watched names are private");
    std::fs::write(env.path("all.json"), &document).unwrap();
    env.ok(&["--db", "fresh.db", "import", "all.json"]);
    assert!(env.ok(&["--db", "fresh.db", "scan", "names", "list"]).contains("Mrs Patel"));
    assert_eq!(env.ok(&["--db", "fresh.db", "export", "json", "--include-private"]), document);
}

#[test]
fn copies_that_share_no_base_report_every_difference_as_a_conflict() {
    let env = TestEnv::new();
    env.add(&["reflection", "T", "--body", "v0"]);
    std::fs::copy(env.db(), env.path("b.db")).unwrap();
    env.ok(&["edit", "1", "--title", "Title here"]);
    env.ok(&on_b(&["edit", "1", "--body", "Body there"]));
    let out = env.run(&["sync", "b.db"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("had never synced with each other"), "{said}");
    let conflicts = env.json(&["conflicts", "--json"]);
    let fields: Vec<&str> =
        conflicts.as_array().unwrap().iter().map(|c| c["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["body", "title"], "nothing dropped without a word");
    assert_eq!(export(&env, "portfolio.db"), export(&env, "b.db"));
    // From now on they share a base: a change on one side is simply taken.
    env.ok(&on_b(&["edit", "1", "--org", "RCN"]));
    let out = env.run(&["sync", "b.db"]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("conflict"));
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
