//! Signed verdicts through the real binary: a reviewer's key, verdicts
//! signed in a review file and in a pack's verdicts file, merged with their
//! signatures checked (a changed one refuses the whole file, the portfolio
//! unchanged), and `folio verify` of PDFs, JSON documents, review files and
//! credentials — before and after the judged entry is edited.

use std::process::Output;

use serde_json::Value;

use crate::TestEnv;
use crate::review_files::mentee;

const REVIEW: &str = "review.folio";
const KEY: &str = "okubo-key.json";

/// folio as Dr Okubo, with her own key file.
fn as_reviewer(env: &TestEnv, args: &[&str]) -> Output {
    env.folio().env("FOLIO_KEY_FILE", env.path(KEY)).args(args).output().unwrap()
}

fn reviewer_ok(env: &TestEnv, args: &[&str]) -> String {
    let out = as_reviewer(env, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap() + &String::from_utf8_lossy(&out.stderr)
}

/// A mentee who shared a review file that Dr Okubo, with a key, judged:
/// a signed verdict on the claim of entry 1, an unsigned one on entry 2.
/// Returns her did:key.
fn judged(env: &TestEnv) -> String {
    env.ok(&["share", "--for", "Dr Okubo", "--out", REVIEW]);
    let did = reviewer_ok(env, &["key", "new", "--name", "Dr Okubo"]).lines().next().unwrap().to_string();
    assert!(did.starts_with("did:key:z6Mk"), "{did}");
    let said = reviewer_ok(
        env,
        &[
            "--db",
            REVIEW,
            "verdict",
            "1",
            "accepted",
            "--claim",
            "emcc/relationship/foundation/3",
            "--comment",
            "Clear",
        ],
    );
    assert!(said.contains(&format!("signed by Dr Okubo ({did})")), "{said}");
    let said = reviewer_ok(env, &["--db", REVIEW, "verdict", "2", "needs-more", "--unsigned"]);
    assert!(said.contains(", unsigned"), "{said}");
    let said = reviewer_ok(
        env,
        &["--db", REVIEW, "add", "feedback", "Before your assessment", "--body", "Two more pieces."],
    );
    assert!(said.contains(&format!("signed by Dr Okubo ({did})")), "the feedback is signed too: {said}");
    let id = env.json(&["--db", REVIEW, "list", "feedback", "--json"])[0]["id"].to_string();
    let said = reviewer_ok(env, &["--db", REVIEW, "edit", &id, "--body", "Two more pieces, on evaluation."]);
    assert!(
        said.contains(&format!("signed again by Dr Okubo ({did})")),
        "a typo fixed is signed again: {said}"
    );
    did
}

fn verify(env: &TestEnv, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["verify"];
    all.extend_from_slice(args);
    let out = env.run(&all);
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_signed_verdict_goes_into_the_pdf_and_verifies_until_the_entry_changes() {
    let env = mentee();
    let did = judged(&env);
    let said = String::from_utf8_lossy(&env.run(&["merge", REVIEW]).stderr).into_owned();
    assert!(said.contains("took 2 verdicts, 1 feedback entry from Dr Okubo"), "{said}");
    assert!(said.contains("verified 1 signature; 1 unsigned"), "{said}");
    assert!(said.contains("verified the signature of 1 feedback entry"), "{said}");

    env.ok(&["export", "pdf", "--profile", "evidence", "--out", "before.pdf"]);
    let (code, out, err) = verify(&env, &["before.pdf"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!(
            "✓ Accepted on 'Rapport with a new mentee' (emcc/relationship/foundation/3) by Dr Okubo, 2026-03-15: signed by Dr Okubo ({did}) on "
        )),
        "{out}"
    );
    assert!(out.contains("Needs more on 'Coaching day' by Dr Okubo, 2026-03-15: unsigned"), "{out}");
    let (code, mine, err_all) = verify(&env, &[]);
    assert_eq!(code, 0, "{err_all}");
    assert!(
        mine.contains(&format!(
            "✓ Feedback 'Before your assessment' from Dr Okubo, 2026-03-15: signed by Dr Okubo ({did})"
        )),
        "{mine}"
    );
    assert!(
        err_all.contains("3 verdicts and feedback entries: 2 signed and verified, 1 unsigned"),
        "{err_all}"
    );
    assert!(err.contains("2 verdicts: 1 signed and verified, 1 unsigned"), "{err}");
    let text = crate::pdf::pdf_text(&std::fs::read(env.path("before.pdf")).unwrap());
    assert!(text.contains("signed by Dr Okubo (did:key:z6Mk"), "the PDF says who signed");
    assert!(text.contains("unsigned"), "and what is unsigned");

    // The mentee edits the judged entry: the verdict no longer covers it.
    std::thread::sleep(std::time::Duration::from_millis(20));
    env.ok(&["edit", "1", "--body", "Rewritten after the verdict."]);
    env.ok(&["export", "pdf", "--profile", "evidence", "--out", "after.pdf"]);
    let (code, out, err) = verify(&env, &["after.pdf"]);
    assert_eq!(code, 1);
    assert!(out.contains("! Accepted on 'Rapport with a new mentee'"), "{out}");
    assert!(out.contains("evidence changed since the verdict (entry edited on "), "{out}");
    assert!(
        err.starts_with("error: 2 verdicts: 0 signed and verified, 1 over evidence changed since"),
        "{err}"
    );
    assert!(
        crate::pdf::pdf_text(&std::fs::read(env.path("after.pdf")).unwrap())
            .contains("over an earlier version of the entry")
    );
    let (code, ..) = verify(&env, &["before.pdf"]);
    assert_eq!(code, 0, "the PDF made before the edit still verifies");
    env.ok(&["export", "json", "--out", "now.json"]);
    assert_eq!(verify(&env, &["now.json"]).0, 1, "so does a JSON document: evidence changed");
    assert_eq!(verify(&env, &[]).0, 1, "and the portfolio itself");
    assert_eq!(verify(&env, &[REVIEW]).0, 0, "the review file holds the entry as judged");

    // The credentials alone, for a wallet: the signature holds.
    env.ok(&["export", "credentials", "--out", "credentials.json"]);
    let credentials: Value =
        serde_json::from_str(&std::fs::read_to_string(env.path("credentials.json")).unwrap()).unwrap();
    assert_eq!(credentials.as_array().unwrap().len(), 1, "unsigned verdicts have no credential");
    let credential = &credentials[0];
    assert_eq!(credential["type"], serde_json::json!(["VerifiableCredential", "EndorsementCredential"]));
    assert_eq!(credential["issuer"]["id"], did.as_str());
    assert_eq!(credential["proof"]["cryptosuite"], "eddsa-jcs-2022");
    assert_eq!(credential["credentialSubject"]["claim"]["framework"], "emcc");
    assert_eq!(credential["credentialSubject"]["verdict"], "accepted");
    let (code, out, _) = verify(&env, &["credentials.json"]);
    assert_eq!(code, 0);
    assert!(out.contains("✓ Accepted on 'Rapport with a new mentee'"), "{out}");
    let json = env.json(&["verify", "credentials.json", "--json"]);
    assert_eq!(json[0]["status"], "signed");
    assert_eq!(json[0]["did"], did.as_str());

    // One changed word in a credential: ✗, exit 1.
    let changed =
        std::fs::read_to_string(env.path("credentials.json")).unwrap().replace("\"Clear\"", "\"Unclear\"");
    std::fs::write(env.path("changed.json"), changed).unwrap();
    let (code, out, _) = verify(&env, &["changed.json"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("✗ Accepted on 'Rapport with a new mentee'")
            && out.contains("the signature does not verify"),
        "{out}"
    );
}

#[test]
fn a_review_file_with_a_changed_signature_is_refused_whole_and_changes_nothing() {
    let env = mentee();
    judged(&env);
    // Flip one character of the signature inside the review file.
    let conn = rusqlite::Connection::open(env.path(REVIEW)).unwrap();
    let credential: String = conn
        .query_row("SELECT credential FROM verdicts WHERE credential IS NOT NULL", [], |r| r.get(0))
        .unwrap();
    let mut value: Value = serde_json::from_str(&credential).unwrap();
    let signature = value["proof"]["proofValue"].as_str().unwrap().to_string();
    let flipped: String = signature
        .char_indices()
        .map(|(i, c)| if i == 10 { if c == 'a' { 'b' } else { 'a' } } else { c })
        .collect();
    value["proof"]["proofValue"] = flipped.into();
    conn.execute("UPDATE verdicts SET credential = ? WHERE credential IS NOT NULL", [value.to_string()])
        .unwrap();
    drop(conn);
    let before = env.db_bytes();
    let stderr = env.fails(&["merge", REVIEW], 1);
    assert!(
        stderr.contains("the verdict on 'Rapport with a new mentee'")
            && stderr.contains("signature does not verify"),
        "{stderr}"
    );
    assert!(env.db_bytes() == before, "nothing taken, not even the unsigned verdict");
    assert_eq!(env.json(&["show", "2", "--json"])["verdicts"].as_array().unwrap().len(), 0);

    // A credential moved onto another verdict is refused the same way.
    let conn = rusqlite::Connection::open(env.path(REVIEW)).unwrap();
    conn.execute("UPDATE verdicts SET credential = ? WHERE credential IS NOT NULL", [credential.as_str()])
        .unwrap();
    conn.execute("UPDATE verdicts SET comment = 'Changed after signing' WHERE credential IS NOT NULL", [])
        .unwrap();
    drop(conn);
    let stderr = env.fails(&["merge", REVIEW], 1);
    assert!(stderr.contains("another comment than the verdict's"), "{stderr}");
    assert!(env.db_bytes() == before);
}

/// The attribute `name` of the element that judges `item` in a pack.
fn attribute_of(html: &str, item: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("=\"{item}\""))?;
    let tag = &html[at..at + html[at..].find('>')?];
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(tag[start..start + tag[start..].find('"')?].replace("&#39;", "'").replace("&amp;", "&"))
}

#[test]
fn a_verdicts_file_signed_with_folio_sign_merges_and_verifies() {
    let env = mentee();
    env.ok(&["share", "--html", "--for", "Dr Okubo", "--out", "pack.html"]);
    let html = std::fs::read_to_string(env.path("pack.html")).unwrap();
    assert!(html.contains("Verdicts from this page are <strong>unsigned</strong>"));
    let data =
        |name: &str| html.split(&format!("{name}=\"")).nth(1).unwrap().split('"').next().unwrap().to_string();
    let claim = env.json(&["show", "1", "--json"])["claims"][0]["uuid"].as_str().unwrap().to_string();
    let said = |name: &str| attribute_of(&html, &claim, name).unwrap();
    // What the page's Download verdicts button writes (tests/browser checks the page does).
    let file = serde_json::json!({
        "format": "folio-verdicts", "version": 1, "share_id": data("data-share"), "reviewer": "Dr Okubo",
        "pack_sha256": data("data-pack"), "date": "2026-03-16", "feedback": "A good start.",
        "verdicts": [{"claim": claim, "verdict": "accepted", "comment": "Clear evidence", "date": "2026-03-16",
            "of_entry": said("data-of"), "title": said("data-title"), "ref": said("data-ref"), "evidence": said("data-evidence")}]
    });
    std::fs::write(env.path("verdicts.json"), serde_json::to_vec_pretty(&file).unwrap()).unwrap();

    let out = as_reviewer(&env, &["sign", "verdicts.json"]);
    assert_eq!(out.status.code(), Some(1), "no key yet");
    assert!(String::from_utf8_lossy(&out.stderr).contains("hint: make one with `folio key new"));
    let did = reviewer_ok(&env, &["key", "new", "--name", "Dr Okubo"]).lines().next().unwrap().to_string();
    let said = reviewer_ok(&env, &["sign", "verdicts.json"]);
    assert!(
        said.contains(&format!("signed 1 verdict and the feedback as Dr Okubo ({did}) in verdicts.json")),
        "{said}"
    );
    assert!(reviewer_ok(&env, &["sign", "verdicts.json"]).contains("signed already"));
    assert_eq!(verify(&env, &["verdicts.json"]).0, 0);

    // Edited after signing: refused whole, nothing changed.
    let text = std::fs::read_to_string(env.path("verdicts.json")).unwrap();
    std::fs::write(env.path("edited.json"), text.replace("\"accepted\"", "\"not-accepted\"")).unwrap();
    let before = env.db_bytes();
    let stderr = env.fails(&["merge", "edited.json"], 1);
    assert!(stderr.contains("does not verify"), "{stderr}");
    assert!(env.db_bytes() == before);
    std::fs::write(
        env.path("feedback.json"),
        text.replace("\"feedback\": \"A good start.\"", "\"feedback\": \"An excellent start.\""),
    )
    .unwrap();
    let stderr = env.fails(&["merge", "feedback.json"], 1);
    assert!(stderr.contains("its feedback is not what its signature covers"), "{stderr}");
    assert!(env.db_bytes() == before);

    let said = String::from_utf8_lossy(&env.run(&["merge", "verdicts.json"]).stderr).into_owned();
    assert!(
        said.contains("verified its signature") && said.contains("signature of 1 feedback entry"),
        "{said}"
    );
    let (code, out, _) = verify(&env, &[]);
    assert_eq!(code, 0);
    assert!(out.contains(&format!("✓ Accepted on 'Rapport with a new mentee' (emcc/relationship/foundation/3) by Dr Okubo, 2026-03-16: signed by Dr Okubo ({did})")), "{out}");
}

#[test]
fn keys_are_made_once_kept_private_and_sealed_when_asked() {
    let env = TestEnv::new();
    let stderr = env.fails(&["key", "show"], 1);
    assert!(stderr.contains("you have no signing key"), "{stderr}");
    let did = env.ok(&["key", "new", "--name", "Dr Okubo"]).trim().to_string();
    let path = env.path("data/folio/key.json");
    use std::os::unix::fs::PermissionsExt as _;
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    let shown = env.json(&["key", "show", "--json"]);
    assert_eq!(shown["did"], did.as_str());
    assert_eq!(shown["sealed"], false);
    let public = env.ok(&["key", "export", "--public"]);
    assert!(public.contains(&did) && !public.contains("secret"), "{public}");
    let stderr = env.fails(&["key", "new", "--name", "Someone"], 1);
    assert!(
        stderr.contains(&format!("you already have a signing key ({did})")) && stderr.contains("--replace")
    );
    assert_eq!(env.fails(&["key", "new", "--name", " "], 2).lines().count(), 1);

    // Sealed under a passphrase: signing asks for it, a wrong one signs nothing.
    std::fs::write(env.path("pass"), "correct horse\n").unwrap();
    let out = env
        .folio()
        .env("FOLIO_PASSPHRASE_FILE", env.path("pass"))
        .args(["key", "new", "--name", "Dr Okubo", "--replace", "--passphrase"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("sealed_secret") && !text.contains("\"secret\""), "{text}");
    env.ok(&["framework", "import", &crate::example("emcc-mentoring.toml")]);
    env.add(&["reflection", "Contracting", "--claim", "emcc/contract"]);
    std::fs::write(env.path("wrong"), "wrong horse\n").unwrap();
    let before = env.db_bytes();
    let out = env
        .folio()
        .env("FOLIO_PASSPHRASE_FILE", env.path("wrong"))
        .args(["verdict", "1", "accepted", "--by", "Dr Okubo"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrong passphrase"));
    assert!(env.db_bytes() == before, "no verdict without its signature");
    let out = env
        .folio()
        .env("FOLIO_PASSPHRASE_FILE", env.path("pass"))
        .args(["verdict", "1", "accepted", "--by", "Dr Okubo"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("signed by Dr Okubo"), "{out:?}");
    // Someone else's verdict recorded by the mentee is never signed with her key.
    let said = env.run(&["verdict", "1", "accepted", "--by", "Prof Lee"]);
    assert!(String::from_utf8_lossy(&said.stderr).contains("by Prof Lee, unsigned"));
}
