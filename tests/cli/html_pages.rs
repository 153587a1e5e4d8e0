//! `folio export html` and `folio share --html` through the real binary:
//! what goes in the page and what never does, and the verdicts file that
//! comes back merged — or refused, with the portfolio unchanged. The page
//! in a real browser is tested by `tests/browser/review-pack.test.mjs`.

use serde_json::json;

use crate::TestEnv;
use crate::review_files::mentee;

fn read(env: &TestEnv, name: &str) -> String {
    std::fs::read_to_string(env.path(name)).unwrap()
}

/// The value of the first `attribute="…"` in the page.
fn attribute<'a>(html: &'a str, attribute: &str) -> &'a str {
    let start = html.find(&format!("{attribute}=\"")).unwrap() + attribute.len() + 2;
    &html[start..start + html[start..].find('"').unwrap()]
}

#[test]
fn export_html_is_one_page_without_the_private_entries_and_the_same_each_time() {
    let env = mentee();
    env.ok(&["goal", "add", "Run a supervision group", "--due", "2026-06", "--competency", "emcc/contract"]);
    env.ok(&["action", "add", "Draft ground rules", "--goal", "1", "--due", "2026-03-01"]);
    env.ok(&["goal", "add", "A private aim", "--private"]);
    env.ok(&["export", "html", "--out", "page.html"]);
    let page = read(&env, "page.html");
    assert!(
        page.contains("<h3 dir=\"auto\">Run a supervision group</h3>") && page.contains("0/1 action done"),
        "objectives"
    );
    assert!(
        page.contains("<li class=\"overdue\">") && page.contains("Draft ground rules"),
        "the overdue action marked"
    );
    assert!(!page.contains("A private aim"), "private goals stay out");
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("Rapport with a new mentee"));
    assert!(!page.contains("Private thoughts"), "private entries stay out");
    assert!(
        page.contains("data:text/plain;base64,c2Vzc2lvbiBub3Rlcw==\" download=\"notes.txt\""),
        "files are in the page"
    );
    assert!(page.contains("id=\"cov-emcc\""), "the coverage of the framework claimed");
    env.ok(&["export", "html", "--out", "again.html"]);
    assert_eq!(read(&env, "again.html"), page, "same portfolio, same bytes");
    assert_eq!(env.ok(&["export", "html"]), page, "to standard output without --out");

    env.ok(&["export", "html", "--include-private", "--out", "all.html"]);
    let all = read(&env, "all.html");
    assert!(all.contains("A private aim"), "with --include-private");
    assert!(
        all.contains("Private thoughts")
            && all.contains("This page includes <strong>private entries</strong>")
    );

    env.ok(&["export", "html", "--no-attachments", "--kind", "reflection", "--out", "small.html"]);
    let small = read(&env, "small.html");
    assert!(
        !small.contains("data:text/plain") && small.contains("notes.txt · 13 bytes"),
        "named, not included"
    );
    assert!(!small.contains("Coaching day"), "--kind chooses");
}

#[test]
fn export_html_refuses_what_it_cannot_do_and_writes_nothing() {
    let env = mentee();
    env.add(&["reflection", "Handover", "--body", "Patient NHS number 943 476 5919 on the ward"]);
    let stderr = env.fails(&["export", "html", "--out", "page.html"], 1);
    assert!(stderr.contains("nhs-number 943 *** **19"), "{stderr}");
    assert!(!env.path("page.html").exists());
    env.ok(&["export", "html", "--redact", "--out", "page.html"]);
    assert!(!read(&env, "page.html").contains("943 476 5919"));

    let stderr = env.fails(&["export", "html", "--framework", "nope"], 1);
    assert!(stderr.starts_with("error: ") && stderr.contains("nope"), "{stderr}");
    std::fs::write(env.path("big.bin"), vec![7u8; 50_000_001]).unwrap();
    env.ok(&["attach", "1", "big.bin"]);
    let stderr = env.fails(&["export", "html", "--out", "big.html"], 1);
    assert!(
        stderr.contains("51 MB, too much for one page") && stderr.contains("--no-attachments"),
        "{stderr}"
    );
    assert!(!env.path("big.html").exists());
    env.ok(&["export", "html", "--no-attachments", "--redact", "--out", "big.html"]);
}

/// A pack shared for Dr Okubo, and its share id, digest and the claim UUID of 'Rapport'.
fn pack(env: &TestEnv) -> (String, String, String) {
    let path = env.ok(&["share", "--html", "--for", "Dr Okubo", "--out", "pack.html"]);
    assert_eq!(path.trim(), "pack.html");
    let html = read(env, "pack.html");
    assert!(!html.contains("Private thoughts"), "never private in a pack");
    let rapport = env.json(&["show", "1", "--json"]);
    let claim = rapport["claims"][0]["uuid"].as_str().unwrap().to_string();
    assert!(html.contains(&format!("data-claim=\"{claim}\"")));
    (attribute(&html, "data-share").to_string(), attribute(&html, "data-pack").to_string(), claim)
}

fn verdicts(share: &str, digest: &str, claim: &str, verdict: &str) -> serde_json::Value {
    json!({
        "format": "folio-verdicts", "version": 1, "share_id": share, "reviewer": "Dr Okubo",
        "pack_sha256": digest, "date": "2026-03-16", "feedback": "A good start.",
        "verdicts": [{"claim": claim, "verdict": verdict, "comment": "Clear evidence", "date": "2026-03-16"}]
    })
}

fn write_json(env: &TestEnv, name: &str, value: &serde_json::Value) {
    std::fs::write(env.path(name), serde_json::to_vec_pretty(value).unwrap()).unwrap();
}

#[test]
fn a_verdicts_file_merges_once_and_counts_in_coverage() {
    let env = mentee();
    let (share, digest, claim) = pack(&env);
    write_json(&env, "verdicts.json", &verdicts(&share, &digest, &claim, "accepted"));
    let out = env.run(&["merge", "verdicts.json"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("took 1 verdict, 1 feedback entry from Dr Okubo"), "{said}");
    let shown = env.json(&["show", "1", "--json"]);
    assert_eq!(shown["verdicts"][0]["verdict"], "accepted");
    assert_eq!(shown["verdicts"][0]["assessor"], "Dr Okubo");
    assert_eq!(shown["verdicts"][0]["comment"], "Clear evidence");
    assert_eq!(shown["verdicts"][0]["claim"], "emcc/relationship/foundation/3");
    let feedback = env.json(&["list", "feedback", "--json"]);
    assert_eq!(feedback[0]["title"], "Review feedback from Dr Okubo");
    assert_eq!(feedback[0]["from"], "Dr Okubo");
    let coverage = env.json(&["coverage", "emcc", "--json"]);
    let row =
        coverage[0]["competencies"].as_array().unwrap().iter().find(|c| c["code"] == "relationship").unwrap();
    assert_eq!(row["levels"][0]["accepted"], 1);

    let before = env.db_bytes();
    let again = env.run(&["merge", "verdicts.json"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing new from Dr Okubo"));
    assert!(env.db_bytes() == before, "merging again changes nothing");

    // A change of mind, downloaded again: only the new verdict comes in.
    write_json(&env, "changed.json", &verdicts(&share, &digest, &claim, "needs-more"));
    let out = env.run(&["merge", "changed.json", "--json"]);
    let taken: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        taken,
        json!({"reviewer": "Dr Okubo", "verdicts": 1, "signed": 0, "signed_feedback": 0, "assessors": ["Dr Okubo"], "feedback": 0, "left": []})
    );
    assert_eq!(env.json(&["show", "1", "--json"])["verdicts"].as_array().unwrap().len(), 2);

    // The next pack for the same reviewer (any case) asks only what is left,
    // and shows what they judged, to change.
    env.ok(&["share", "--html", "--for", "dr okubo", "--out", "second.html"]);
    let second = read(&env, "second.html");
    let judged = format!("<div class=\"judge judged\" data-claim=\"{claim}\"");
    assert!(second.contains(&judged), "judged already, offered to change");
    assert!(second.contains("data-previous=\"needs-more\""), "with the verdict given");
    assert!(second.contains("Your verdict of 2026-03-16: <strong>Needs more</strong>. Choose another"));
    assert!(second.contains("0 of 1 judged"), "the course's claim is still open");
    assert!(second.contains("1 item you judged before is shown with your verdict"));

    // Work revised after "needs more" waits for the reviewer again.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    env.ok(&["edit", "1", "--body", "Revised: the contract covered confidentiality and frequency."]);
    env.ok(&["share", "--html", "--for", "Dr Okubo", "--out", "third.html"]);
    let third = read(&env, "third.html");
    assert!(third.contains(&format!("<div class=\"judge\" data-claim=\"{claim}\"")), "waiting again");
    assert!(third.contains("The work was revised since."));
    assert!(third.contains("0 of 2 judged"), "{third}");
    let pending = env.json(&["pending", "--by", "Dr Okubo", "--json"]);
    let waiting: Vec<&str> = pending.as_array().unwrap().iter().filter_map(|p| p["claim"].as_str()).collect();
    assert!(waiting.contains(&"emcc/relationship/foundation/3"), "pending agrees: {waiting:?}");
}

#[test]
fn edited_or_foreign_verdicts_files_are_refused_and_change_nothing() {
    let env = mentee();
    let (share, digest, claim) = pack(&env);
    let good = verdicts(&share, &digest, &claim, "accepted");
    let entry_uuid = env.json(&["show", "2", "--json"])["uuid"].as_str().unwrap().to_string();
    let private_claim = env.json(&["show", "3", "--json"])["claims"][0]["uuid"].as_str().unwrap().to_string();
    let mut not_asked = good.clone();
    not_asked["verdicts"][0]["claim"] = json!(private_claim);
    let mut other_digest = good.clone();
    other_digest["pack_sha256"] = json!("ab".repeat(32));
    let mut foreign = good.clone();
    foreign["share_id"] = json!("5b0c3f5e-9d7e-4b7a-8a51-1e2f3a4b5c6d");
    let mut bad_verdict = good.clone();
    bad_verdict["verdicts"][0]["verdict"] = json!("brilliant");
    let mut on_entry = good.clone();
    on_entry["verdicts"][0] = json!({"entry": entry_uuid, "verdict": "accepted", "date": "2026-03-16"});
    let before = env.db_bytes();
    for (name, file, said) in [
        ("not-asked.json", &not_asked, "which the review pack did not ask about"),
        ("on-entry.json", &on_entry, "which the review pack did not ask about"),
        ("digest.json", &other_digest, "names a different review pack"),
        ("foreign.json", &foreign, "is not from a review pack this portfolio shared"),
        ("bad.json", &bad_verdict, "not a verdicts file"),
    ] {
        write_json(&env, name, file);
        let stderr = env.fails(&["merge", name], 1);
        assert!(stderr.starts_with("error: ") && stderr.contains(said), "{name}: {stderr}");
        assert!(env.db_bytes() == before, "{name}: nothing changed");
    }
    std::fs::write(env.path("broken.json"), b"{\"format\": \"folio-verdicts\", ").unwrap();
    let stderr = env.fails(&["merge", "broken.json"], 1);
    assert!(stderr.contains("cannot merge broken.json: not a verdicts file"), "{stderr}");
    assert!(env.db_bytes() == before);

    // --force takes a file from a share another copy made, but still only what exists.
    let out = env.run(&["merge", "foreign.json", "--force"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("took 1 verdict, 1 feedback entry"));
}

#[test]
fn a_pack_of_nothing_public_is_refused() {
    let env = TestEnv::new();
    env.add(&["reflection", "Only mine", "--private"]);
    let stderr = env.fails(&["share", "--html", "--for", "Dr Okubo"], 1);
    assert!(stderr.contains("no public entry matches"), "{stderr}");
    let stderr = env.fails(&["share", "--html", "--for", "  "], 1);
    assert!(stderr.contains("--for needs the reviewer's name"), "{stderr}");
}
