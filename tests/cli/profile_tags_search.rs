//! profile, tags and search.

use crate::TestEnv;

#[test]
fn profile_set_and_show() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    assert_eq!(env.json(&["profile", "show", "--json"])["name"], serde_json::Value::Null);
    env.ok(&["init", "--name", "Zofia Łukasiewicz"]);
    env.ok(&[
        "profile",
        "set",
        "--headline",
        "Staff nurse",
        "--attribute",
        "good communicator",
        "--attribute",
        "calm",
    ]);
    env.ok(&["profile", "set", "--job-skill", "good with computers", "--email", "z@example.test"]);
    let profile = env.json(&["profile", "show", "--json"]);
    assert_eq!(profile["name"], "Zofia Łukasiewicz");
    assert_eq!(profile["headline"], "Staff nurse");
    assert_eq!(profile["attributes"], serde_json::json!(["good communicator", "calm"]));
    assert_eq!(profile["job_skills"], serde_json::json!(["good with computers"]));
    let text = env.ok(&["profile"]);
    assert!(text.contains("Zofia Łukasiewicz") && text.contains("• calm"), "{text}");
    env.ok(&["profile", "set", "--attribute", "", "--email", ""]);
    let profile = env.json(&["profile", "show", "--json"]);
    assert_eq!(profile["attributes"], serde_json::json!([]));
    assert_eq!(profile["email"], serde_json::Value::Null);
    env.fails(&["profile", "set"], 1);
}

#[test]
fn tags_are_counted_over_live_entries() {
    let env = TestEnv::new();
    env.add(&["course", "a", "--tag", "cpd", "--tag", "nhs"]);
    env.add(&["course", "b", "--tag", "CPD"]);
    env.add(&["course", "c", "--tag", "nhs"]);
    env.ok(&["rm", "3"]);
    let tags = env.json(&["tags", "--json"]);
    assert_eq!(tags, serde_json::json!([{"tag": "cpd", "count": 2}, {"tag": "nhs", "count": 1}]));
}

#[test]
fn search_ranks_marks_and_reports_bad_syntax() {
    let env = TestEnv::new();
    env.add(&["reflection", "Long day", "--body", "we talked about contracting and boundaries"]);
    env.add(&["course", "Contracting workshop", "--private"]);
    env.add(&["reflection", "Gone", "--body", "contracting"]);
    env.ok(&["rm", "3"]);
    let hits = env.json(&["search", "contracting", "--json"]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 2, "the trashed entry is not found");
    assert_eq!(hits[0]["title"], "Contracting workshop");
    assert!(hits[1]["snippet"].as_str().unwrap().contains("[contracting]"));
    let text = env.ok(&["search", "contracting", "--kind", "reflection"]);
    assert!(
        text.contains("1 Long day") && text.contains("[contracting]") && !text.contains("workshop"),
        "{text}"
    );
    let stderr = env.fails(&["search", "\"unclosed"], 1);
    assert!(stderr.contains("invalid search query") && stderr.contains("hint:"), "{stderr}");
    assert_eq!(env.json(&["search", "nothing-like-this", "--json"]), serde_json::json!([]));

    let out = env.run(&["search", "contracting", "--limit", "1"]);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && stdout.contains("Contracting workshop"), "{stdout}");
    assert_eq!(stderr.trim(), "1 of 2 matches shown; --limit shows more");
    let out = env.run(&["search", "contracting"]);
    assert!(out.stderr.is_empty(), "every match shown, nothing to say: {out:?}");
    for limit in [["search", "contracting", "--limit", "0"], ["list", "--limit", "0", "--json"]] {
        assert!(env.fails(&limit, 2).contains("0 is not in 1.."), "{limit:?}");
    }
}
