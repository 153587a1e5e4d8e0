//! Entries about entries (`add --about`, `edit --about/--no-about`): shown
//! both ways, carried by the JSON document, review files and sync, and never
//! naming a private entry in what is shared.

use crate::TestEnv;

fn uuid_of(env: &TestEnv, db: &str, id: i64) -> String {
    let shown = env.json(&["--db", db, "show", &id.to_string(), "--json"]);
    shown["uuid"].as_str().unwrap().to_string()
}

/// A course, a private role, and a reflection about both.
fn linked() -> (TestEnv, String, String) {
    let env = TestEnv::new();
    let course = env.add(&["course", "Audit course", "--date", "2026-03", "--hours", "6"]);
    let role = env.add(&["role", "Night sister", "--date", "2025-01", "--private"]);
    env.add(&["reflection", "What the audit changed", "--about", &course.to_string(), "--about", "2"]);
    let (course_uuid, role_uuid) =
        (uuid_of(&env, "portfolio.db", course), uuid_of(&env, "portfolio.db", role));
    (env, course_uuid, role_uuid)
}

#[test]
fn show_lists_both_directions_and_edit_changes_the_links() {
    let (env, course_uuid, _) = linked();
    let reflection = env.ok(&["show", "3"]);
    assert!(
        reflection.contains("About\n  role 2  Night sister (2025-01)\n  course 1  Audit course (2026-03)\n"),
        "{reflection}"
    );
    let course = env.ok(&["show", "1"]);
    assert!(course.contains("Written about it\n  reflection 3  What the audit changed"), "{course}");
    let json = env.json(&["show", "1", "--json"]);
    assert_eq!(json["written_about"][0]["id"], 3);
    let json = env.json(&["show", "3", "--json"]);
    assert_eq!(json["about_entries"][1]["uuid"], course_uuid.as_str(), "oldest first");
    assert_eq!(json["about_entries"][1]["entry"]["title"], "Audit course");

    env.ok(&["edit", "3", "--no-about", "2"]);
    env.ok(&["edit", "3", "--no-about", &course_uuid, "--about", "2"]);
    let json = env.json(&["show", "3", "--json"]);
    assert_eq!(json["about_entries"].as_array().unwrap().len(), 1);
    assert_eq!(json["about_entries"][0]["entry"]["title"], "Night sister");
    assert!(!env.ok(&["show", "1"]).contains("Written about it"));

    // A link to an entry in the trash is kept, and shown as not here until it is restored.
    env.ok(&["rm", "2"]);
    assert!(env.ok(&["show", "3"]).contains("an entry not in this portfolio"));
    env.ok(&["restore", "2"]);
    assert!(env.ok(&["show", "3"]).contains("role 2  Night sister"));
}

#[test]
fn wrong_links_are_refused_and_change_nothing() {
    let (env, _, _) = linked();
    let before = env.db_bytes();
    let stderr = env.fails(&["add", "reflection", "x", "--about", "99"], 1);
    assert!(stderr.starts_with("error: no entry with id 99\nhint: "), "{stderr}");
    let stderr = env.fails(&["add", "reflection", "x", "--about", "not-a-uuid"], 1);
    assert!(stderr.contains("no entry with id or UUID 'not-a-uuid'"), "{stderr}");
    let stderr = env.fails(&["edit", "3", "--about", "3"], 1);
    assert!(stderr.contains("entry 3 cannot be about itself"), "{stderr}");
    let stderr = env.fails(&["edit", "1", "--no-about", "2"], 1);
    assert!(stderr.contains("this entry is not about 2"), "{stderr}");
    env.ok(&["rm", "1"]);
    let after_rm = env.db_bytes();
    let stderr = env.fails(&["edit", "3", "--about", "1"], 1);
    assert!(stderr.contains("no entry with id 1"), "a trashed entry cannot be linked: {stderr}");
    assert_eq!(env.db_bytes(), after_rm, "a refused command leaves the file as it was");
    assert_ne!(before, after_rm);
}

#[test]
fn the_json_document_carries_links_but_not_to_private_entries() {
    let (env, course_uuid, role_uuid) = linked();
    let public = env.json(&["export", "json"]);
    let reflection = |doc: &serde_json::Value| -> serde_json::Value {
        doc["entries"].as_array().unwrap().iter().find(|e| e["kind"] == "reflection").unwrap().clone()
    };
    assert_eq!(reflection(&public)["about"], serde_json::json!([course_uuid]));
    assert!(!public.to_string().contains(&role_uuid), "the private role is not even named");
    // Streamed to a file, a page at a time: the same rule.
    env.ok(&["export", "json", "--out", "public.json"]);
    let streamed = std::fs::read_to_string(env.path("public.json")).unwrap();
    assert!(streamed.contains(&course_uuid) && !streamed.contains(&role_uuid));

    env.ok(&["export", "json", "--include-private", "--out", "all.json"]);
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(env.path("all.json")).unwrap()).unwrap();
    let mut both = vec![course_uuid.clone(), role_uuid.clone()];
    both.sort();
    assert_eq!(reflection(&all)["about"], serde_json::json!(both));
    // Into an empty portfolio and back: the links hold, both ways.
    env.ok(&["--db", "copy.db", "import", "all.json"]);
    let copy = env.ok(&["--db", "copy.db", "show", "1"]);
    assert!(copy.contains("Written about it\n  reflection 3  What the audit changed"), "{copy}");
}

#[test]
fn a_review_file_names_only_what_it_holds() {
    let (env, course_uuid, role_uuid) = linked();
    env.add(&["course", "Another course", "--date", "2026-04", "--tag", "later"]);
    env.ok(&["edit", "3", "--about", "4"]);
    env.ok(&[
        "share",
        "--for",
        "Dr Okubo",
        "--kind",
        "reflection",
        "--kind",
        "course",
        "--since",
        "2026-03-01",
        "--out",
        "review.folio",
    ]);
    let shared = env.json(&["--db", "review.folio", "export", "json"]);
    let text = shared.to_string();
    assert!(text.contains(&course_uuid) && !text.contains(&role_uuid), "{text}");
    let review = env.ok(&["--db", "review.folio", "show", "1"]);
    assert!(review.contains("Written about it"), "the reviewer sees the link: {review}");
    env.ok(&["share", "--for", "Dr Okubo", "--kind", "reflection", "--out", "only.folio"]);
    let only = env.json(&["--db", "only.folio", "export", "json"]);
    assert!(only["entries"][0].get("about").is_none(), "no link to an entry left out: {only}");
}

#[test]
fn sync_keeps_a_link_added_on_each_copy() {
    let env = TestEnv::new();
    for title in ["Course one", "Course two", "Reflection"] {
        env.add(&["course", title]);
    }
    std::fs::copy(env.db(), env.path("b.db")).unwrap();
    env.ok(&["sync", "b.db"]);
    env.ok(&["edit", "3", "--about", "1"]);
    env.ok(&["--db", "b.db", "edit", "3", "--about", "2"]);
    env.ok(&["sync", "b.db"]);
    for db in ["portfolio.db", "b.db"] {
        let about = env.json(&["--db", db, "show", "3", "--json"])["about"].clone();
        assert_eq!(about.as_array().unwrap().len(), 2, "{db}: {about}");
    }
    // One copy drops a link while the other leaves it: the drop holds.
    env.ok(&["edit", "3", "--no-about", "1"]);
    env.ok(&["sync", "b.db"]);
    let about = env.json(&["--db", "b.db", "show", "3", "--json"])["about"].clone();
    assert_eq!(about, serde_json::json!([uuid_of(&env, "b.db", 2)]));
}

#[test]
fn markdown_and_html_link_what_they_hold_and_name_no_private_entry() {
    let (env, _, _) = linked();
    let markdown = env.ok(&["export", "markdown"]);
    assert!(markdown.contains("About: Audit course (course, 2026-03)\n"), "{markdown}");
    assert!(markdown.contains("Written about it: What the audit changed (reflection,"), "{markdown}");
    assert!(!markdown.contains("Night sister"), "the private role is not named");
    let all = env.ok(&["export", "markdown", "--include-private"]);
    assert!(all.contains("About: Night sister (role, 2025-01); Audit course (course, 2026-03)\n"), "{all}");
    env.ok(&["export", "html", "--out", "page.html"]);
    let html = std::fs::read_to_string(env.path("page.html")).unwrap();
    assert!(
        html.contains("<strong>About:</strong> <a href=\"#e1\">Audit course (course, 2026-03)</a></p>"),
        "{html}"
    );
    assert!(!html.contains("Night sister"));
}

#[test]
fn a_jot_can_say_what_it_is_about() {
    let env = TestEnv::new();
    env.add(&["course", "Sepsis study day", "--date", "2026-02-04", "--hours", "7"]);
    env.ok(&["jot", "--about", "1", "The sepsis day changed how I escalate. I call earlier now"]);
    let course = env.ok(&["show", "1"]);
    assert!(
        course.contains("Written about it\n  reflection 2  The sepsis day changed how I escalate"),
        "{course}"
    );
    env.fails(&["jot", "--about", "9", "About nothing"], 1);
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 2, "the refused jot wrote nothing");
}
