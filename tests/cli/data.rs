//! Data in and out: the folio JSON document, jrnl and JSON Resume imports,
//! Markdown and JSON Resume exports, backup and check.

use serde_json::Value;

use crate::without_outbox;
use crate::{TestEnv, example, fixture};

/// A small portfolio with every kind of record, one private entry and an attachment.
fn rich() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["framework", "import", &example("emcc-mentoring.toml")]);
    env.ok(&["framework", "import", &example("mentor-audit.toml")]);
    env.ok(&[
        "profile",
        "set",
        "--name",
        "Zofia Łukasiewicz",
        "--headline",
        "Staff nurse",
        "--job-skill",
        "audit",
    ]);
    env.add(&[
        "role",
        "Ward mentor",
        "--date",
        "2021-09",
        "--end",
        "2023",
        "--org",
        "City Hospital",
        "--body",
        "Mentored students.\n- Ran weekly huddles",
    ]);
    env.add(&["qualification", "BSc Nursing", "--date", "2019", "--grade", "First", "--org", "UJ"]);
    env.add(&[
        "certificate",
        "First aid",
        "--date",
        "2024-01-10",
        "--url",
        "https://example.test/c",
        "--expires",
        "2027-01",
    ]);
    env.add(&[
        "achievement",
        "Cut waiting times",
        "--template",
        "star",
        "--section",
        "result=20% shorter",
        "--claim",
        "emcc/outcome",
    ]);
    env.add(&["reflection", "Secret worries", "--private", "--body", "PRIVATE-MARKER"]);
    let id = env.add(&[
        "course",
        "Coaching day",
        "--hours",
        "6.5",
        "--participatory",
        "--claim",
        "emcc/relationship/foundation/2",
    ]);
    std::fs::write(env.path("photo.png"), [0x89, b'P', b'N', b'G', 1, 2, 3]).unwrap();
    env.ok(&["attach", &id.to_string(), "photo.png"]);
    env.ok(&[
        "verdict",
        &id.to_string(),
        "accepted",
        "--by",
        "Dr Okubo",
        "--claim",
        "emcc/relationship/foundation/2",
    ]);
    env.ok(&["rate", "mentor-audit/communication/2", "--expertise", "3", "--frequency", "4"]);
    env
}

#[test]
fn export_import_export_gives_the_same_bytes() {
    let env = rich();
    let first = env.ok(&["export", "json", "--include-private"]);
    // Each export adds a line to the outbox, which a private document carries: the rest is the same.
    let second = env.ok(&["export", "json", "--include-private"]);
    assert_eq!(without_outbox(&first), without_outbox(&second), "exporting twice is stable");
    assert_eq!(without_outbox(&second)["outbox"], Value::Null);
    assert_eq!(serde_json::from_str::<Value>(&second).unwrap()["outbox"].as_array().unwrap().len(), 1);
    env.ok(&["export", "json", "--include-private", "--out", "streamed.json"]);
    let streamed = std::fs::read_to_string(env.path("streamed.json")).unwrap();
    assert_eq!(without_outbox(&streamed), without_outbox(&first), "written as read = whole");
    assert_eq!(streamed, export_as_it_was(&env), "streamed and whole give the same bytes");
    env.ok(&["export", "json", "--no-attachments", "--out", "public.json"]);
    assert_eq!(
        std::fs::read_to_string(env.path("public.json")).unwrap(),
        env.ok(&["export", "json", "--no-attachments"])
    );
    std::fs::write(env.path("doc.json"), &first).unwrap();
    let other = TestEnv::new();
    let out = other.run(&["import", env.path("doc.json").to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("6 added")
            && stderr.contains("2 claims added")
            && stderr.contains("1 verdicts added"),
        "{stderr}"
    );
    assert_eq!(other.ok(&["export", "json", "--include-private"]), first);
    let again = other.run(&["import", env.path("doc.json").to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 added, 0 updated, 6 unchanged"));
    let doc: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(doc["format"], "folio-portfolio");
    let course = doc["entries"].as_array().unwrap().iter().find(|e| e["kind"] == "course").unwrap();
    assert_eq!(course["attachments"][0]["data"], "iVBORwECAw==");
}

#[test]
fn a_document_in_any_key_order_imports_the_same() {
    let env = rich();
    let first = env.ok(&["export", "json", "--include-private"]);
    // serde_json's Value sorts keys: "entries" before "format" and "frameworks".
    let sorted: Value = serde_json::from_str(&first).unwrap();
    std::fs::write(env.path("sorted.json"), serde_json::to_vec(&sorted).unwrap()).unwrap();
    std::fs::write(env.path("doc.json"), &first).unwrap();
    let streamed = TestEnv::new();
    streamed.ok(&["import", env.path("doc.json").to_str().unwrap()]);
    let whole = TestEnv::new();
    whole.ok(&["import", env.path("sorted.json").to_str().unwrap()]);
    assert_eq!(whole.ok(&["export", "json", "--include-private"]), first);
    assert_eq!(streamed.ok(&["export", "json", "--include-private"]), first);
    let stderr = streamed.fails(
        &["import", "--from", "folio", env.path("sorted.json").to_str().unwrap(), "--kind", "role"],
        2,
    );
    assert!(stderr.contains("--kind applies to jrnl and Day One imports only"), "{stderr}");
}

#[test]
fn private_entries_never_leave_without_asking() {
    let env = rich();
    for args in [&["export", "json"][..], &["export", "markdown"], &["export", "json-resume"]] {
        let out = env.ok(args);
        assert!(!out.contains("PRIVATE-MARKER") && !out.contains("Secret worries"), "{args:?} leaked: {out}");
    }
    assert!(env.ok(&["export", "json", "--include-private"]).contains("PRIVATE-MARKER"));
    assert!(env.ok(&["export", "markdown", "--include-private"]).contains("PRIVATE-MARKER"));
    env.ok(&["export", "json", "--out", "shared.json"]);
    assert!(!std::fs::read_to_string(env.path("shared.json")).unwrap().contains("PRIVATE-MARKER"));
}

#[test]
fn a_mentors_verdicts_merge_back() {
    let mentee = rich();
    mentee.ok(&["export", "json", "--out", "for-mentor.json"]);
    let mentor = TestEnv::new();
    mentor.ok(&["import", mentee.path("for-mentor.json").to_str().unwrap()]);
    // Ids are local: find the entry by title in the mentor's copy.
    let listed = mentor.json(&["list", "--json"]);
    let theirs = listed.as_array().unwrap().iter().find(|e| e["title"] == "Cut waiting times").unwrap()["id"]
        .to_string();
    mentor.ok(&["verdict", &theirs, "needs-more", "--by", "Dr Okubo", "--comment", "Add the numbers"]);
    mentor.ok(&["export", "json", "--out", "back.json"]);
    let out = mentee.run(&["import", mentor.path("back.json").to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 verdicts added"));
    let entry = mentee.json(&["show", "4", "--json"]);
    assert_eq!(entry["verdicts"][0]["comment"], "Add the numbers");
    assert_eq!(mentee.json(&["show", "5", "--json"])["title"], "Secret worries", "private entry untouched");
}

#[test]
fn a_bad_document_changes_nothing_and_says_where() {
    let env = rich();
    let doc: Value = serde_json::from_str(&env.ok(&["export", "json", "--include-private"])).unwrap();
    let target = TestEnv::new();
    target.add(&["role", "Already here"]);
    let before = target.db_bytes();
    let write = |name: &str, value: &Value| {
        std::fs::write(target.path(name), serde_json::to_string(value).unwrap()).unwrap();
        target.path(name).to_string_lossy().into_owned()
    };
    let course = doc["entries"].as_array().unwrap().iter().position(|e| e["kind"] == "course").unwrap();
    let mut tampered = doc.clone();
    tampered["entries"][course]["attachments"][0]["data"] = Value::from("AAAA");
    let mut version = doc.clone();
    version["version"] = Value::from(99);
    let mut claim = doc.clone();
    claim["frameworks"] = Value::from(Vec::<Value>::new());
    let mut kind = doc.clone();
    kind["entries"][0]["kind"] = Value::from("diary");
    let cases = [
        (write("tampered.json", &tampered), "SHA-256 does not match"),
        (write("version.json", &version), "format version 99"),
        (write("claim.json", &claim), "claims[0]: unknown reference"),
        (write("kind.json", &kind), "entries[0].kind"),
    ];
    for (path, message) in cases {
        let stderr = target.fails(&["import", &path], 1);
        assert!(stderr.contains(message), "{path}: {stderr}");
    }
    std::fs::write(target.path("broken.json"), "{\"format\": \"folio-portfolio\", ").unwrap();
    target.fails(&["import", "broken.json"], 1);
    assert_eq!(target.db_bytes(), before);
}

#[test]
fn jrnl_text_and_json_import_the_same_entries() {
    let env = TestEnv::new();
    let out = env.run(&["import", "--from", "jrnl", &fixture("jrnl/jrnl-journal-20.txt")]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("20 added"));
    let out = env.run(&["import", &fixture("jrnl/jrnl-export.json")]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("0 added, 0 updated, 20 unchanged"),
        "same entries, same UUIDs"
    );
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("jrnl/jrnl-export.json")).unwrap()).unwrap();
    let mut entries = env.json(&["list", "--json"]).as_array().unwrap().clone();
    entries.reverse();
    for (jrnl, ours) in expected["entries"].as_array().unwrap().iter().zip(&entries) {
        assert_eq!(ours["title"], jrnl["title"]);
        assert_eq!(ours["body"], jrnl["body"]);
        assert_eq!(ours["date"], jrnl["date"]);
        assert_eq!(ours["kind"], "reflection");
        assert!(
            ours["created_at"].as_str().unwrap().contains(&format!("T{}:00", jrnl["time"].as_str().unwrap()))
        );
        let mut tags: Vec<String> = jrnl["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().trim_start_matches('@').to_string())
            .collect();
        if jrnl["starred"] == true {
            tags.push("starred".into());
        }
        tags.sort();
        let mut our_tags: Vec<String> =
            ours["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect();
        our_tags.sort();
        assert_eq!(our_tags, tags, "{}", jrnl["title"]);
    }
    let other = TestEnv::new();
    other.ok(&["import", "--from", "jrnl", "--kind", "meeting", &fixture("jrnl/jrnl-export.json")]);
    assert_eq!(other.json(&["list", "meeting", "--json"]).as_array().unwrap().len(), 20);
}

#[test]
fn json_resume_in_and_out() {
    let env = TestEnv::new();
    let resume = serde_json::json!({
        "basics": {"name": "Ada Nurse", "label": "Charge nurse", "email": "ada@example.test"},
        "work": [{"name": "City Hospital", "position": "Charge nurse", "startDate": "2020-02", "highlights": ["Led audits"]}],
        "education": [{"institution": "UJ", "area": "Nursing", "studyType": "BSc", "endDate": "2019", "score": "First"}],
        "certificates": [{"name": "ALS", "date": "2024-05-01", "issuer": "Resus Council", "url": "https://example.test/als"}],
        "awards": [{"title": "Team award", "date": "2023", "awarder": "Trust"}],
        "projects": [{"name": "Falls audit", "startDate": "2022-01", "description": "Cut falls by a third"}],
        "skills": [{"name": "Mentoring", "keywords": ["feedback"]}],
        "languages": [{"language": "Polish", "fluency": "Native"}],
        "interests": [{"name": "Running"}]
    });
    std::fs::write(env.path("resume.json"), resume.to_string()).unwrap();
    let out = env.run(&["import", "--from", "json-resume", "resume.json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.contains("5 added") && stderr.contains("interests not mapped"),
        "{stderr}"
    );
    let again = env.run(&["import", "resume.json"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("0 added, 0 updated, 5 unchanged"));
    let profile = env.json(&["profile", "show", "--json"]);
    assert_eq!(profile["headline"], "Charge nurse");
    assert_eq!(profile["personal_skills"], serde_json::json!(["Polish (Native)"]));
    assert_eq!(env.json(&["list", "achievement", "--json"]).as_array().unwrap().len(), 2);

    env.add(&["reflection", "Private", "--private"]);
    env.add(&[
        "publication",
        "Falls audit",
        "--date",
        "2025-03-15",
        "--venue",
        "BMJ Open Quality",
        "--doi",
        "10.1136/x",
    ]);
    let exported: Value = serde_json::from_str(&env.ok(&["export", "json-resume"])).unwrap();
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("jsonresume/schema.json")).unwrap()).unwrap();
    let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
    let problems: Vec<String> = validator.iter_errors(&exported).map(|e| e.to_string()).collect();
    assert!(problems.is_empty(), "{problems:?}");
    let mut broken = exported.clone();
    broken["basics"]["email"] = Value::from(42);
    assert!(!validator.is_valid(&broken), "the validator is really checking");
    assert_eq!(exported["work"][0]["highlights"], serde_json::json!(["Led audits"]));
    assert_eq!(exported["education"][0]["score"], "First");
    assert_eq!(exported["certificates"][0]["url"], "https://example.test/als");
    assert_eq!(exported["publications"][0]["url"], "https://doi.org/10.1136/x");
    assert_eq!(exported["publications"][0]["publisher"], "BMJ Open Quality");
}

#[test]
fn markdown_has_sections_claims_and_verdicts() {
    let env = rich();
    let md = env.ok(&["export", "markdown"]);
    assert!(md.starts_with("# Zofia Łukasiewicz\n"), "{md}");
    for needle in [
        "## Roles",
        "## Courses",
        "### Coaching day",
        "6.5 hours, participatory",
        "**Result** 20% shorter",
        "`emcc/relationship/foundation/2`",
        "**accepted**",
        "photo.png",
    ] {
        assert!(md.contains(needle), "missing {needle}:\n{md}");
    }
    let courses = env.ok(&["export", "markdown", "--kind", "course"]);
    assert!(courses.contains("## Courses") && !courses.contains("## Roles"));
    env.ok(&["export", "markdown", "--out", "p.md"]);
    assert_eq!(std::fs::read_to_string(env.path("p.md")).unwrap(), md);
}

#[test]
fn backup_copies_and_check_finds_damage() {
    let env = rich();
    env.ok(&["backup", "copy.db"]);
    let stderr = env.fails(&["backup", "copy.db"], 1);
    assert!(stderr.contains("--force"), "{stderr}");
    env.ok(&["backup", "copy.db", "--force"]);
    let copy = env.path("copy.db");
    let listed = env.folio().env("FOLIO_DB", &copy).args(["list", "--json"]).output().unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&listed.stdout).unwrap().as_array().unwrap().len(), 6);
    env.ok(&["check"]);
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute("UPDATE blobs SET data = x'00'", []).unwrap();
    drop(conn);
    let out = env.folio().env("FOLIO_DB", &copy).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("no longer matches its SHA-256"), "{stdout}");
}

#[test]
fn check_finds_evidence_counts_that_disagree_and_repair_works_them_out_again() {
    let env = rich();
    let before = env.ok(&["coverage", "emcc"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let kept: i64 = conn.query_row("SELECT count(*) FROM evidence_counts", [], |r| r.get(0)).unwrap();
    assert!(kept > 0, "the rich portfolio has claims");
    conn.execute("UPDATE evidence_counts SET entries = entries + 5", []).unwrap();
    drop(conn);
    assert_ne!(env.ok(&["coverage", "emcc"]), before, "the table reads the kept counts");
    let out = env.folio().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!("the evidence counts of {kept} cells or indicators differ")),
        "{stdout}"
    );
    assert!(stdout.contains("folio check --repair"), "{stdout}");
    let out = env.folio().args(["check", "--repair"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(env.ok(&["coverage", "emcc"]), before);
    env.ok(&["check"]);
}

/// A file's format is told by its content; when nothing fits, the error says what was tried.
#[test]
fn formats_are_told_by_content_and_a_misfit_says_what_was_tried() {
    let env = TestEnv::new();
    std::fs::copy(crate::fixture("badges/credential-3.0.jws"), env.path("credential.jws")).unwrap();
    let out = env.run(&["import", "credential.jws"]);
    assert!(
        out.status.success(),
        "a JWS is a badge, without --from: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(env.path("photo.png"), "not an image").unwrap();
    let stderr = env.fails(&["import", "photo.png"], 1);
    assert!(stderr.contains("photo.png is named .png but is not a PNG image"), "{stderr}");
    std::fs::write(env.path("notes.txt"), "some notes, no dates").unwrap();
    let stderr = env.fails(&["import", "notes.txt"], 1);
    assert!(
        stderr.contains("none of the formats folio imports") && stderr.contains("JSON Resume"),
        "{stderr}"
    );
    std::fs::write(env.path("bad.matrix"), r#"{"title": "not a matrix"}"#).unwrap();
    let stderr = env.fails(&["framework", "import", "bad.matrix"], 1);
    assert!(
        stderr.contains("none of the framework formats folio reads") && stderr.contains("Mahara"),
        "{stderr}"
    );
}

/// A file read whole to import it is refused past 64 MB, before it is read.
#[test]
fn an_import_too_large_to_read_whole_is_refused() {
    let env = TestEnv::new();
    let file = std::fs::File::create(env.path("resume.json")).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    let stderr = env.fails(&["import", "resume.json"], 1);
    assert!(stderr.contains("resume.json is 65.0 MB") && stderr.contains("up to 64.0 MB"), "{stderr}");
    assert!(!env.db().exists(), "nothing created");
}

/// A badge image whose compressed text would inflate to gigabytes is refused within the
/// limit, in bounded memory (measured by /usr/bin/time where the machine has it).
#[test]
fn a_badge_bomb_is_refused_in_bounded_memory() {
    let env = TestEnv::new();
    // 100 MB of spaces compress to about 100 KB.
    let text = vec![b' '; 100 * 1024 * 1024];
    let mut data = b"openbadges\0\x01\x00\0\0".to_vec();
    data.extend(miniz_oxide::deflate::compress_to_vec_zlib(&text, 6));
    drop(text);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((data.len() as u32).to_be_bytes());
    png.extend(b"iTXt");
    png.extend(&data);
    png.extend([0; 4]);
    png.extend(0u32.to_be_bytes());
    png.extend(b"IEND");
    png.extend([0; 4]);
    std::fs::write(env.path("bomb.png"), &png).unwrap();
    let stderr = env.fails(&["import", "bomb.png"], 1);
    assert!(stderr.contains("inflates past 64.0 MB"), "{stderr}");
    if std::path::Path::new("/usr/bin/time").exists() {
        let out = env
            .std_command_for("/usr/bin/time")
            .args(["-f", "%M", env!("CARGO_BIN_EXE_folio"), "import", "bomb.png"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let peak_kb: u64 = stderr.lines().last().and_then(|l| l.trim().parse().ok()).unwrap();
        assert!(peak_kb < 200 * 1024, "peak memory {peak_kb} KB: {stderr}");
    }
}

/// Framework and requirement files past the limit are refused before they are read.
#[test]
fn framework_and_requirement_files_too_large_are_refused() {
    let env = TestEnv::new();
    for name in ["big.toml", "set.toml"] {
        std::fs::File::create(env.path(name)).unwrap().set_len(65 * 1024 * 1024).unwrap();
    }
    let stderr = env.fails(&["framework", "import", "big.toml"], 1);
    assert!(stderr.contains("big.toml is 65.0 MB"), "{stderr}");
    let stderr = env.fails(&["requirements", "import", "set.toml"], 1);
    assert!(stderr.contains("set.toml is 65.0 MB"), "{stderr}");
}

/// The document the last export streamed, exported whole: the portfolio as
/// it was before that export, on a copy, its outbox line removed.
fn export_as_it_was(env: &TestEnv) -> String {
    let copy = env.path("as-it-was.db");
    env.ok(&["backup", copy.to_str().unwrap()]);
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute("DELETE FROM outbox WHERE id = (SELECT max(id) FROM outbox)", []).unwrap();
    drop(conn);
    env.ok(&["--db", copy.to_str().unwrap(), "export", "json", "--include-private"])
}
