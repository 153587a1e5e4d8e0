//! The outbox through the real binary: every export, PDF, review file and
//! pack recorded with what was in it; nothing recorded for what was refused;
//! lines outliving the entries they list; carried by sync and by a private
//! JSON document, never by a public one.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::TestEnv;
use crate::review_files::mentee;

fn lines(env: &TestEnv) -> Vec<Value> {
    env.json(&["outbox", "--json"]).as_array().unwrap().clone()
}

#[test]
fn every_file_that_leaves_is_recorded_with_what_was_in_it() {
    let env = mentee();
    assert!(lines(&env).is_empty());
    let rapport = env.json(&["show", "1", "--json"])["uuid"].as_str().unwrap().to_string();
    let private = env.json(&["show", "3", "--json"])["uuid"].as_str().unwrap().to_string();

    env.ok(&["export", "pdf", "--profile", "evidence", "--out", "evidence.pdf"]);
    env.ok(&["share", "--for", "Dr Okubo", "--out", "review.folio"]);
    env.ok(&["share", "--html", "--for", "Dr Okubo", "--out", "pack.html"]);
    env.ok(&["export", "markdown", "--include-private"]);
    let sent = lines(&env);
    assert_eq!(sent.len(), 4);
    let pdf = &sent[0];
    assert_eq!(pdf["command"], "export pdf --profile evidence", "the command, less its paths");
    assert_eq!(pdf["format"], "pdf");
    assert_eq!(pdf["file_name"], "evidence.pdf");
    let bytes = std::fs::read(env.path("evidence.pdf")).unwrap();
    assert_eq!(pdf["sha256"], hex(&bytes), "the SHA-256 of the file as written");
    assert!(pdf["records"].as_array().unwrap().contains(&Value::from(rapport.as_str())));
    assert!(
        !pdf["records"].as_array().unwrap().contains(&Value::from(private.as_str())),
        "private stays out"
    );
    assert_eq!(pdf["include_private"], false);
    assert_eq!(sent[1]["format"], "review file");
    assert_eq!(sent[1]["recipients"], serde_json::json!(["Dr Okubo"]));
    assert_eq!(sent[1]["sha256"], hex(&std::fs::read(env.path("review.folio")).unwrap()));
    assert_eq!(sent[2]["format"], "review pack");
    assert_eq!(sent[3]["file_name"], Value::Null, "standard output");
    assert_eq!(sent[3]["include_private"], true);
    assert!(sent[3]["records"].as_array().unwrap().contains(&Value::from(private.as_str())));

    let table = env.ok(&["outbox"]);
    assert!(table.contains("export pdf --profile") && table.contains("evidence.pdf"), "{table}");
    assert!(table.contains("Dr Okubo") && table.contains("(standard output)"), "{table}");
    let shown = env.ok(&["outbox", "show", "1"]);
    assert!(shown.contains("#1 Rapport with a new mentee (reflection, 2026-03-15)"), "{shown}");
    assert!(shown.contains("private   left out; identifiers not redacted"), "{shown}");

    // A refused export records nothing.
    env.add(&["reflection", "Handover", "--body", "Patient NHS number 943 476 5919 on the ward"]);
    let before = env.db_bytes();
    env.fails(&["export", "markdown", "--out", "refused.md"], 1);
    assert!(env.db_bytes() == before, "nothing recorded, nothing changed");

    // The entry is deleted for good: the line stays, naming it by UUID.
    env.ok(&["rm", "1"]);
    assert!(env.ok(&["outbox", "show", "1"]).contains("(reflection, 2026-03-15, in the trash)"));
    env.ok(&["trash", "--empty", "--yes"]);
    let shown = env.ok(&["outbox", "show", "1"]);
    assert!(shown.contains(&format!("{rapport} (no longer in this portfolio)")), "{shown}");
    assert_eq!(lines(&env).len(), 4);
    let json = env.json(&["outbox", "show", "1", "--json"]);
    let gone = json["records"].as_array().unwrap().iter().find(|r| r["uuid"] == rapport.as_str()).unwrap();
    assert_eq!(gone["id"], Value::Null);
    assert_eq!(
        env.fails(&["outbox", "show", "99"], 1).lines().next(),
        Some("error: there is no outbox line 99")
    );
    assert!(
        String::from_utf8_lossy(&env.run(&["outbox", "--since", "2999-01-01"]).stderr)
            .contains("nothing left")
    );
}

#[test]
fn the_outbox_travels_with_sync_and_private_documents_only() {
    let env = mentee();
    env.ok(&["export", "csv", "--out", "entries.csv"]);
    // A public document leaves the outbox out (it names files and reviewers).
    let public: Value = serde_json::from_str(&env.ok(&["export", "json"])).unwrap();
    assert!(public.get("outbox").is_none());
    let private: Value = serde_json::from_str(&env.ok(&["export", "json", "--include-private"])).unwrap();
    assert_eq!(private["outbox"].as_array().unwrap().len(), 2, "the csv and the public json");

    // Imported elsewhere: the lines come along, once.
    std::fs::write(env.path("all.json"), serde_json::to_vec(&private).unwrap()).unwrap();
    let other = TestEnv::new();
    other.ok(&["import", env.path("all.json").to_str().unwrap()]);
    other.ok(&["import", env.path("all.json").to_str().unwrap()]);
    assert_eq!(lines(&other).len(), 2);

    // Synced with a copy: each side gets the other's lines, nothing lost.
    env.ok(&["backup", "copy.db"]);
    env.ok(&["--db", "copy.db", "export", "markdown", "--out", "notes.md"]);
    env.ok(&["export", "html", "--out", "page.html"]);
    env.ok(&["sync", "copy.db"]);
    let here: Vec<String> = lines(&env).iter().map(|l| l["command"].as_str().unwrap().to_string()).collect();
    let there = env.json(&["--db", "copy.db", "outbox", "--json"]);
    assert_eq!(here.len(), 5, "{here:?}");
    assert_eq!(there.as_array().unwrap().len(), 5);
    assert!(here.contains(&"export markdown".to_string()) && here.contains(&"export html".to_string()));
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
