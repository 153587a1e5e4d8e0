//! Goals, actions and mentors in the folio document and the exports:
//! a lossless round trip, merges that lose nothing, and privacy kept.

use serde_json::{Value, json};

use crate::TestEnv;
use crate::without_outbox;

/// A portfolio with a public and a private goal, a private meeting, and a mentor with a contract.
fn planned() -> TestEnv {
    let env = TestEnv::new();
    std::fs::write(env.path("contract.pdf"), b"%PDF-1.4 the signed contract").unwrap();
    env.ok(&["mentor", "add", "Dr Sam Okafor", "--meet-every", "1m", "--contract", "contract.pdf"]);
    env.ok(&["goal", "add", "Present at the regional conference", "--due", "2026-09"]);
    env.ok(&["goal", "add", "Secret career move", "--private"]);
    env.add(&["meeting", "Open supervision", "--with", "Dr Sam Okafor", "--agreed", "Submit the abstract"]);
    env.add(&["meeting", "Confidential chat", "--private", "--agreed", "Call the recruiter quietly"]);
    env.ok(&["action", "add", "Update my CV in confidence", "--goal", "2"]);
    env.ok(&["action", "add", "Rehearse the talk", "--goal", "1", "--owner", "me"]);
    env
}

#[test]
fn goals_actions_and_mentors_round_trip_losslessly() {
    let env = planned();
    let first = env.ok(&["export", "json", "--include-private"]);
    let document: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(document["goals"].as_array().unwrap().len(), 2);
    assert_eq!(document["actions"].as_array().unwrap().len(), 2, "the actions of no goal");
    assert!(document["mentors"][0]["contract"]["data"].is_string(), "the contract's bytes travel");
    std::fs::write(env.path("all.json"), &first).unwrap();
    let other = TestEnv::new();
    other.ok(&["import", env.path("all.json").to_str().unwrap()]);
    assert_eq!(other.ok(&["export", "json", "--include-private"]), first, "byte for byte");
    let again = other.run(&["import", env.path("all.json").to_str().unwrap()]);
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(!said.contains("goals:") && !said.contains("actions:") && !said.contains("mentors:"), "{said}");
    let last = other.ok(&["export", "json", "--include-private"]);
    assert_eq!(without_outbox(&last), without_outbox(&first), "importing again changes nothing");
}

#[test]
fn private_goals_their_actions_and_private_meetings_actions_stay_out() {
    let env = planned();
    let public = env.ok(&["export", "json"]);
    let markdown = env.ok(&["export", "markdown"]);
    let pdf = env.path("review.pdf");
    env.ok(&["export", "pdf", "--profile", "review", "--out", pdf.to_str().unwrap()]);
    let review = crate::pdf::pdf_text(&std::fs::read(&pdf).unwrap());
    for secret in ["Secret career move", "Update my CV", "Call the recruiter", "Confidential chat"] {
        assert!(!public.contains(secret), "{secret} in the JSON export");
        assert!(!markdown.contains(secret), "{secret} in the Markdown export");
        assert!(!review.contains(secret), "{secret} in the review PDF");
    }
    for shown in ["Present at the regional conference", "Rehearse the talk", "Submit the abstract"] {
        assert!(public.contains(shown) && markdown.contains(shown) && review.contains(shown), "{shown}");
    }
    let everything = env.ok(&["export", "markdown", "--include-private"]);
    assert!(everything.contains("Secret career move") && everything.contains("Call the recruiter quietly"));
    // The owner still sees everything at home.
    let agenda_and_lists = env.ok(&["action", "list"]) + &env.ok(&["goal", "list"]);
    assert!(agenda_and_lists.contains("Secret career move [private]"), "{agenda_and_lists}");
}

#[test]
fn a_merge_keeps_what_the_other_side_lacks_and_takes_what_is_newer() {
    let env = planned();
    std::fs::write(env.path("old.json"), env.ok(&["export", "json", "--include-private"])).unwrap();
    // Here: one action done, one added after the export.
    env.ok(&["action", "done", "4", "--note", "Rehearsed twice"]);
    env.ok(&["action", "add", "Print the poster", "--goal", "1"]);
    env.ok(&["import", "old.json"]);
    let after = env.json(&["action", "list", "--all", "--json"]);
    let texts: Vec<&str> = after.as_array().unwrap().iter().map(|a| a["text"].as_str().unwrap()).collect();
    assert!(texts.contains(&"Print the poster"), "an action the document lacks survives: {texts:?}");
    let rehearse = after.as_array().unwrap().iter().find(|a| a["text"] == "Rehearse the talk").unwrap();
    assert_eq!(rehearse["note"], "Rehearsed twice", "the older document does not revert it");
    assert!(rehearse["done"].is_string());

    // A newer action from elsewhere replaces the stored one.
    let mut document: Value =
        serde_json::from_str(&env.ok(&["export", "json", "--include-private"])).unwrap();
    let goal = document["goals"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|g| g["title"] == "Present at the regional conference")
        .unwrap();
    let action =
        goal["actions"].as_array_mut().unwrap().iter_mut().find(|a| a["text"] == "Print the poster").unwrap();
    action["done"] = json!("2026-03-14");
    action["updated_at"] = json!("2999-01-01T00:00:00.000Z");
    std::fs::write(env.path("newer.json"), document.to_string()).unwrap();
    let other = TestEnv::new();
    other.ok(&["import", env.path("old.json").to_str().unwrap()]);
    other.ok(&["import", env.path("newer.json").to_str().unwrap()]);
    let printed = other.json(&["action", "list", "--done", "--json"]);
    assert!(
        printed
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["text"] == "Print the poster" && a["done"] == "2026-03-14")
    );
}

#[test]
fn a_document_with_a_bad_action_imports_nothing() {
    let env = TestEnv::new();
    env.ok(&["goal", "add", "Keep me"]);
    let before = env.db_bytes();
    let document = json!({
        "format": "folio-portfolio", "version": 1,
        "goals": [{"uuid": "g-1", "title": "Ok", "status": "open", "created_at": "2026-01-01T00:00:00Z",
                   "updated_at": "2026-01-01T00:00:00Z",
                   "actions": [{"uuid": "a-1", "text": "  ", "created_at": "2026-01-01T00:00:00Z"}]}]
    });
    std::fs::write(env.path("bad.json"), document.to_string()).unwrap();
    let stderr = env.fails(&["import", "bad.json"], 1);
    assert!(stderr.contains("goals[0] (g-1).actions[0]") && stderr.contains("empty"), "{stderr}");
    assert_eq!(env.db_bytes(), before);
}

#[test]
fn search_finds_goals_and_actions_beside_entries() {
    let env = planned();
    let text = env.ok(&["search", "conference"]);
    assert!(text.contains("goal 1 Present at the regional conference"), "{text}");
    let json = env.json(&["search", "abstract", "--json"]);
    assert_eq!(json[0]["kind"], "action");
    assert_eq!(json[0]["title"], "Submit the abstract");
    // A kind filter is about entries: goals and actions are left out.
    assert!(env.ok(&["search", "conference", "--kind", "course"]).is_empty());
}
