//! The identifier check through the real binary: `folio scan` finds every
//! planted identifier and none of the look-alikes; every export and `share`
//! refuses while something is found, and writes with `--redact` (nothing
//! identifying in the output, the portfolio unchanged) or
//! `--allow-identifiers`.

use serde_json::Value;

use crate::pdf::pdf_text;
use crate::{TestEnv, without_outbox};

/// One of each kind, in a reflection; the owner's own details in another.
const PLANTED: &str = "Mrs Patel (NHS 943 476 5919, NI AB 12 34 56 C, DOB 12/03/1948, MRN 12345678) \
lives at LS1 4AP; her son is on 07700 900123 and j.smith@nhs.net.";
const LOOK_ALIKES: &str = "Course NURS-3001 (2019-2021), ISBN 9434765919, credential UC-9434765919, \
ref 943 476 5918, CS101, ISO 9001, version 1.2.3, record number 12, born in Leeds.";
const OWN: &str = "Write to me at amara@example.org or call +44 7700 900456; I live in LS6 2AB.";

fn portfolio() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&[
        "profile",
        "set",
        "--name",
        "Amara Okafor",
        "--email",
        "amara@example.org",
        "--phone",
        "07700 900456",
        "--location",
        "Leeds LS6 2AB",
    ]);
    env.add(&["reflection", "A difficult discharge", "--body", PLANTED]);
    env.add(&["course", "Safeguarding update", "--hours", "3", "--body", LOOK_ALIKES]);
    env.add(&["achievement", "Contact details", "--body", OWN]);
    env.ok(&["scan", "names", "add", "Mrs Patel"]);
    env
}

fn scan(env: &TestEnv, args: &[&str]) -> (Option<i32>, Vec<Value>) {
    let mut all = vec!["scan", "--json"];
    all.extend_from_slice(args);
    let out = env.run(&all);
    let found: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    (out.status.code(), found.as_array().unwrap().clone())
}

#[test]
fn scan_finds_every_planted_identifier_and_no_look_alike() {
    let env = portfolio();
    let (code, found) = scan(&env, &[]);
    assert_eq!(code, Some(1), "something found: exit 1");
    let mut kinds: Vec<&str> = found.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    kinds.sort();
    assert_eq!(
        kinds,
        ["date-of-birth", "email", "name", "nhs-number", "ni-number", "phone", "postcode", "record-number"],
        "{found:?}"
    );
    for f in &found {
        assert_eq!(
            (f["id"].as_i64(), f["record"].as_str(), f["field"].as_str()),
            (Some(1), Some("entry"), Some("body"))
        );
    }
    let nhs = found.iter().find(|f| f["kind"] == "nhs-number").unwrap();
    assert_eq!(nhs["masked"], "943 *** **19");
    let shown = String::from_utf8(env.run(&["scan"]).stdout).unwrap();
    assert!(!shown.contains("943 476 5919") && !shown.contains("j.smith"), "findings are masked: {shown}");
    assert!(shown.contains("entry 1, body: nhs-number 943 *** **19"), "{shown}");

    // Only the look-alikes and the owner's own: nothing, exit 0.
    let (code, found) = scan(&env, &["2", "3"]);
    assert_eq!((code, found.len()), (Some(0), 0), "{found:?}");
}

#[test]
fn names_come_from_the_watch_list_or_a_file() {
    let env = TestEnv::new();
    env.add(&["meeting", "Case review", "--body", "Discussed Jo Bloggs and mr khan with the team"]);
    let (code, found) = scan(&env, &[]);
    assert_eq!((code, found.len()), (Some(0), 0));
    std::fs::write(env.path("names.txt"), "# patients\nJo Bloggs\n\nMr Khan  # ward 4\n").unwrap();
    let (_, found) = scan(&env, &["--names-file", "names.txt"]);
    assert_eq!(
        found.iter().map(|f| f["masked"].as_str().unwrap()).collect::<Vec<_>>(),
        ["J* B*****", "m* k***"]
    );
    let stderr = env.fails(&["scan", "--names-file", "absent.txt"], 1);
    assert_eq!(stderr.lines().next(), Some("error: cannot read the names file absent.txt: no such file"));

    env.ok(&["scan", "names", "add", "Jo Bloggs", "jo  bloggs", "Mr Khan"]);
    assert_eq!(env.json(&["scan", "names", "list", "--json"]), serde_json::json!(["Jo Bloggs", "Mr Khan"]));
    let before = env.db_bytes();
    env.fails(&["scan", "names", "rm", "Mr Khan", "Nobody"], 1);
    assert!(env.db_bytes() == before, "a failed rm removes nothing");
    env.ok(&["scan", "names", "rm", "mr khan"]);
    assert_eq!(env.ok(&["scan", "names"]).trim(), "Jo Bloggs");
    env.fails(&["scan", "names", "add", "  "], 2);
}

#[test]
fn every_export_refuses_while_identifiers_are_found_and_writes_nothing() {
    let env = portfolio();
    let mut before = env.db_bytes();
    for format in ["json", "markdown", "csv", "json-resume"] {
        let args = ["export", format, "--out", "out.txt"];
        let stderr = if format == "json-resume" {
            // A resume holds no reflection: nothing to find.
            env.ok(&args);
            std::fs::remove_file(env.path("out.txt")).unwrap();
            assert_eq!(
                env.json(&["outbox", "--json"]).as_array().unwrap().len(),
                1,
                "what was written is recorded"
            );
            before = env.db_bytes();
            continue;
        } else {
            env.fails(&args, 1)
        };
        assert!(stderr.starts_with("error: 8 possible identifiers of other people"), "{format}: {stderr}");
        assert!(stderr.contains("entry 1, body: nhs-number 943 *** **19"), "{stderr}");
        assert!(stderr.contains("hint: give --redact"), "{stderr}");
        assert!(!env.path("out.txt").exists(), "{format}: nothing written");
    }
    env.fails(&["export", "json"], 1);
    // The review document prints the reflection (the evidence one, with no claim, does not).
    env.fails(&["export", "pdf", "--profile", "review", "--out", "out.pdf"], 1);
    assert!(!env.path("out.pdf").exists());
    env.fails(&["share", "--for", "Dr Okubo", "--out", "review.folio"], 1);
    assert!(!env.path("review.folio").exists());
    assert!(env.db_bytes() == before, "the portfolio is byte for byte as it was");
}

#[test]
fn redacted_exports_hold_no_identifier_and_leave_the_portfolio_alone() {
    let env = portfolio();
    let secrets = [
        "943 476 5919",
        "AB 12 34 56 C",
        "12/03/1948",
        "12345678",
        "LS1 4AP",
        "07700 900123",
        "j.smith",
        "Patel",
    ];
    let clean = |what: &str, text: &str| {
        for secret in secrets {
            assert!(!text.contains(secret), "{what} still holds {secret}");
        }
        assert!(text.contains("[redacted NHS number]"), "{what}: {text}");
    };
    for format in ["json", "markdown", "csv"] {
        let out = env.run(&["export", format, "--redact"]);
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("redacted 8 possible identifiers"));
        clean(format, &String::from_utf8_lossy(&out.stdout));
    }
    env.ok(&["export", "pdf", "--profile", "review", "--redact", "--out", "out.pdf"]);
    clean("pdf", &pdf_text(&std::fs::read(env.path("out.pdf")).unwrap()));
    // The owner's own details are not redacted.
    let json = env.ok(&["export", "json", "--redact"]);
    assert!(json.contains("amara@example.org or call +44 7700 900456"), "{json}");

    env.ok(&["share", "--for", "Dr Okubo", "--redact", "--out", "review.folio"]);
    let shared = env.ok(&["--db", "review.folio", "show", "1", "--json"]);
    clean("review file", &shared);
    assert!(!std::fs::read(env.path("review.folio")).unwrap().windows(12).any(|w| w == b"943 476 5919"));
    // The mentor's verdict comes back onto the unredacted entry.
    env.ok(&["--db", "review.folio", "verdict", "1", "accepted", "--comment", "Handled with care"]);
    env.ok(&["merge", "review.folio"]);
    let entry = env.json(&["show", "1", "--json"]);
    assert_eq!(entry["body"], PLANTED, "the portfolio keeps the full text");
    assert_eq!(entry["verdicts"][0]["comment"], "Handled with care");
}

#[test]
fn allow_identifiers_writes_them_as_they_are_with_a_warning() {
    let env = portfolio();
    let out = env.run(&["export", "markdown", "--allow-identifiers"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("943 476 5919"));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("warning: 8 possible identifiers written as they are")
    );
    let stderr = env.fails(&["export", "markdown", "--allow-identifiers", "--redact"], 2);
    assert!(stderr.contains("cannot be used with"), "{stderr}");
    // A private entry left out of the export is not a finding.
    env.ok(&["edit", "1", "--private"]);
    env.ok(&["export", "json", "--out", "public.json"]);
    env.fails(&["export", "json", "--include-private", "--out", "all.json"], 1);
    assert!(!env.path("all.json").exists(), "refused after the entries were streamed: no file");
    assert!(
        std::fs::read_dir(env.dir.path()).unwrap().all(|f| !f
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".partial")),
        "no half-written file left"
    );
    env.ok(&["export", "json", "--include-private", "--redact", "--out", "all.json"]);
    let redacted = std::fs::read_to_string(env.path("all.json")).unwrap();
    assert!(!redacted.contains("943 476 5919") && redacted.contains("[redacted NHS number]"));
    let whole = env.ok(&["export", "json", "--include-private", "--redact"]);
    assert_eq!(without_outbox(&redacted), without_outbox(&whole), "streamed = whole");
    let outbox = serde_json::from_str::<serde_json::Value>(&whole).unwrap()["outbox"].clone();
    assert_eq!(
        outbox.as_array().unwrap().last().unwrap()["redacted"],
        true,
        "the outbox says it was redacted"
    );
}

/// The text inside attached files is what goes out too: it is scanned, and a file with
/// identifiers stops the export or, with --redact, is left out and said so.
#[test]
fn identifiers_in_attached_files_are_found_and_kept_out() {
    let env = TestEnv::new();
    std::fs::write(env.path("note.txt"), "Seen on the ward: NHS number 943 476 5919.").unwrap();
    std::fs::write(env.path("clean.txt"), "Nothing about anyone.").unwrap();
    env.add(&["reflection", "Ward round", "--attach", "note.txt", "--attach", "clean.txt"]);
    let scan = env.run(&["scan"]);
    assert!(
        String::from_utf8_lossy(&scan.stdout).contains("attachment:note.txt"),
        "{}",
        String::from_utf8_lossy(&scan.stdout)
    );
    let stderr = env.fails(&["export", "json", "--out", "all.json"], 1);
    assert!(stderr.contains("attachment:note.txt") && stderr.contains("nothing written"), "{stderr}");
    assert!(!env.path("all.json").exists());
    let stderr = env.fails(&["share", "--for", "Dr Okubo", "--out", "review.folio"], 1);
    assert!(stderr.contains("attachment:note.txt"), "{stderr}");
    let out = env.run(&["export", "json", "--out", "all.json", "--redact"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("left out note.txt of 'Ward round'"), "{said}");
    let written = std::fs::read_to_string(env.path("all.json")).unwrap();
    assert!(!written.contains("note.txt") && written.contains("clean.txt"), "only the clean file goes out");
}

/// The summary of `scan` counts the records that hold findings, of those looked at.
#[test]
fn scan_says_how_many_records_hold_the_findings() {
    let env = TestEnv::new();
    env.add(&["reflection", "A", "--body", "NHS 943 476 5919, again 943 476 5919"]);
    env.add(&["reflection", "B", "--body", "nothing here"]);
    let out = env.run(&["scan"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("2 possible identifiers in 1 record of 2 entries"), "{said}");
}

/// A document is checked for what it prints, not for all it loads: the interview PDF
/// shows no reflection's body, so an identifier there does not stop it; the review does.
#[test]
fn a_pdf_is_checked_for_what_it_prints() {
    let env = TestEnv::new();
    env.add(&["role", "Staff nurse", "--date", "2025-01", "--org", "Leeds General"]);
    env.add(&["reflection", "A hard shift", "--body", "Mr X, NHS number 943 476 5919, was upset."]);
    let out = env.run(&["export", "pdf", "--profile", "interview", "--out", "interview.pdf"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stderr = env.fails(&["export", "pdf", "--profile", "review", "--out", "review.pdf"], 1);
    assert!(stderr.contains("nhs-number"), "{stderr}");
    assert!(!env.path("review.pdf").exists());
    // A title the interview does print still stops it.
    env.add(&["achievement", "Helped patient 943 476 5919"]);
    let stderr = env.fails(&["export", "pdf", "--profile", "interview", "--out", "again.pdf"], 1);
    assert!(stderr.contains("nhs-number"), "{stderr}");
}
