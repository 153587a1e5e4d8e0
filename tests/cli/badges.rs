//! Open Badges 2.0 and 3.0 in: baked PNG and SVG, JSON and JWS fixtures
//! (tests/fixtures/badges, made by its make.py).

use crate::{TestEnv, example, fixture};

fn badge(name: &str) -> String {
    fixture(&format!("badges/{name}"))
}

fn with_emcc() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["framework", "import", &example("emcc-mentoring.toml")]);
    env
}

#[test]
fn a_baked_2_0_png_becomes_a_certificate_with_its_files_and_claims() {
    let env = with_emcc();
    let out = env.run(&["import", &badge("badge-2.0.png")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("alignment 'zz-unknown' names no competency"));
    let entry = env.json(&["show", "1", "--json"]);
    assert_eq!(entry["kind"], "certificate");
    assert_eq!(entry["title"], "Mentoring Foundation");
    assert_eq!(entry["organisation"], "Northgate Mentoring Scheme");
    assert_eq!(entry["date"], "2025-11-20");
    assert_eq!(entry["expires"], "2028-11-20");
    assert_eq!(entry["credential_id"], "https://badges.example.org/assertions/1042");
    assert!(entry["body"].as_str().unwrap().contains("Criteria: Attend six sessions"));
    assert!(entry["body"].as_str().unwrap().contains("not verified online"));
    let files: Vec<&str> =
        entry["attachments"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(files, ["badge-2.0.png", "badge-image.png"], "the original file and the badge image");
    assert_eq!(entry["claims"][0]["ref"], "emcc/relationship", "the alignment became a claim");
    let again = env.run(&["import", &badge("badge-2.0.png")]);
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("0 added, 0 updated, 1 unchanged"),
        "re-import adds nothing"
    );
}

#[test]
fn every_carrier_of_a_badge_reads_the_same_and_3_0_credentials_too() {
    let env = with_emcc();
    let files =
        ["badge-2.0.svg", "assertion-2.0.json", "badge-3.0.png", "credential-3.0.json", "credential-3.0.jws"];
    let mut args = vec!["import".to_string(), "--from".into(), "badge".into()];
    args.extend(files.iter().map(|f| badge(f)));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let report = env.json(&[&args[..], &["--json"]].concat());
    assert_eq!(report["entries_added"], 2, "two badges, each carried more than once: {report}");
    let listed = env.json(&["list", "--json"]);
    let coaching = listed.as_array().unwrap().iter().find(|e| e["title"] == "Coaching Skills").unwrap();
    assert_eq!(coaching["organisation"], "Example Coaching Academy");
    assert_eq!(coaching["date"], "2026-01-15");
    assert_eq!(coaching["expires"], "2029-01-15");
    assert_eq!(coaching["credential_id"], "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58");
    assert!(coaching["body"].as_str().unwrap().contains("Open Badges 3.0"));
    assert_eq!(coaching["claims"][0]["ref"], "emcc/insight");
}

#[test]
fn a_file_without_a_badge_is_refused_and_nothing_changes() {
    let env = with_emcc();
    let before = env.db_bytes();
    std::fs::write(env.path("plain.png"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\x00IEND\xaeB`\x82").unwrap();
    let stderr = env.fails(&["import", "plain.png", "--from", "badge"], 1);
    assert!(stderr.contains("the PNG has no Open Badges data"), "{stderr}");
    std::fs::write(
        env.path("linked.json"),
        r#"{"type": "Assertion", "id": "x", "issuedOn": "2025-01-01", "badge": "https://example.org/class"}"#,
    )
    .unwrap();
    let stderr = env.fails(&["import", "linked.json", &badge("badge-2.0.png")], 1);
    assert!(stderr.contains("only linked") && stderr.contains("offline"), "{stderr}");
    assert!(env.db_bytes() == before, "all or nothing");
    env.fails(&["import", &badge("assertion-2.0.json"), &badge("credential-3.0.json"), "--from", "folio"], 2);
}

#[test]
fn signed_3_0_badges_are_verified_offline_and_a_changed_one_is_refused() {
    let env = with_emcc();
    for (file, said) in [
        ("signed-3.0.json", "verified (did:key:z6Mk"),
        ("signed-3.0-eddsa.jwt", "offline, VC-JWT EdDSA"),
        ("signed-3.0-es256.jwt", "verified (the key in its jwk) offline, VC-JWT ES256"),
        ("didweb-3.0.json", "not verifiable offline (the key is at did:web:academy.example.com)"),
        ("credential-3.0.jws", "not verifiable offline (RS256"),
    ] {
        let out = env.run(&["import", &badge(file)]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && stderr.contains(said), "{file}: {stderr}");
    }
    let certificates = env.json(&["list", "certificate", "--json"]);
    let bodies: Vec<String> = certificates
        .as_array()
        .unwrap()
        .iter()
        .map(|c| env.json(&["show", &c["id"].to_string(), "--json"])["body"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(bodies.len(), 5, "each credential its own certificate");
    assert_eq!(bodies.iter().filter(|b| b.contains("; verified (")).count(), 3, "{bodies:?}");
    assert_eq!(bodies.iter().filter(|b| b.contains("not verifiable offline")).count(), 2);

    // Changed after it was signed: refused, nothing imported, unless --force.
    let fresh = with_emcc();
    let before = fresh.db_bytes();
    let stderr = fresh.fails(&["import", &badge("tampered-3.0.json")], 1);
    assert!(stderr.contains("tampered-3.0.json: the signature does not verify"), "{stderr}");
    assert!(stderr.contains("hint: --force imports it anyway"), "{stderr}");
    assert!(fresh.db_bytes() == before);
    let out = fresh.run(&["import", "--force", &badge("tampered-3.0.json")]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("imported although the signature does not verify"));
    let listed = fresh.json(&["list", "certificate", "--json"]);
    let body =
        fresh.json(&["show", &listed[0]["id"].to_string(), "--json"])["body"].as_str().unwrap().to_string();
    assert!(body.ends_with("; signature invalid."), "{body}");
}
