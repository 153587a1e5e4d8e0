//! Encrypted sharing with age through the real binary: exports and review
//! files encrypted to public keys or a passphrase, read back by `import`,
//! `merge` and `--db` with `--identity`; bad keys and files refused with
//! nothing changed; and interoperability with the `age` tool both ways
//! (when it is installed; `.ci/run` installs it and sets FOLIO_NEED_AGE).

use age::x25519::Identity;

use crate::{TestEnv, read_bytes};

const MARKER: &str = "quokka-marker-text";

fn key(env: &TestEnv, name: &str) -> String {
    let identity = Identity::generate();
    let public = identity.to_public().to_string();
    use age::secrecy::ExposeSecret;
    std::fs::write(
        env.path(name),
        format!("# public key: {public}\n{}\n", identity.to_string().expose_secret()),
    )
    .unwrap();
    public
}

fn mentee() -> TestEnv {
    let env = TestEnv::new();
    env.add(&["reflection", "Shared reflection", "--body", MARKER]);
    env
}

fn sealed(env: &TestEnv, name: &str) -> bool {
    let bytes = read_bytes(&env.path(name));
    bytes.starts_with(b"age-encryption.org/v1\n")
        && !bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes())
}

#[test]
fn exports_encrypted_to_a_key_or_a_passphrase_import_back() {
    let env = mentee();
    let public = key(&env, "mentor.key");
    key(&env, "stranger.key");
    env.ok(&["export", "json", "--encrypt-to", &public, "--out", "doc.age"]);
    assert!(sealed(&env, "doc.age"));

    let other = "other.db";
    let import = |extra: &[&str]| {
        let mut args = vec!["--db", other, "import", "doc.age"];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    let stderr = env.fails(&["--db", other, "import", "doc.age"], 1);
    assert!(stderr.contains("hint: give the matching secret key with --identity FILE"), "{stderr}");
    let stderr = env.fails(&["--db", other, "--identity", "stranger.key", "import", "doc.age"], 1);
    assert!(stderr.starts_with("error: none of the --identity keys opens doc.age"), "{stderr}");
    let stderr = env.fails(&["--db", other, "--identity", "absent.key", "import", "doc.age"], 1);
    assert!(stderr.starts_with("error: cannot read the identity file absent.key"), "{stderr}");
    let stderr = env.fails(&["--db", other, "--identity", "doc.age", "import", "doc.age"], 1);
    assert!(stderr.contains("is not an age identity file"), "{stderr}");
    let out = import(&["--identity", "mentor.key"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(env.ok(&["--db", other, "show", "1"]).contains(MARKER));

    // A key file of several recipients, and a passphrase.
    let second = key(&env, "second.key");
    std::fs::write(env.path("panel.txt"), format!("# the panel\n{public}\n{second}\n")).unwrap();
    env.ok(&["export", "markdown", "--encrypt-to", "panel.txt", "--out", "doc.md.age"]);
    assert!(sealed(&env, "doc.md.age"));
    std::fs::write(env.path("pass.txt"), "shared secret\n").unwrap();
    let out = env
        .folio()
        .env("FOLIO_PASSPHRASE_FILE", env.path("pass.txt"))
        .args(["export", "json", "--passphrase", "--out", "pass.age"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(sealed(&env, "pass.age"));
    std::fs::write(env.path("wrong.txt"), "not it\n").unwrap();
    let before = read_bytes(&env.path(other));
    let out = env
        .folio()
        .env("FOLIO_PASSPHRASE_FILE", env.path("wrong.txt"))
        .args(["--db", other, "import", "pass.age"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: wrong passphrase for pass.age"));
    assert!(read_bytes(&env.path(other)) == before, "nothing changed");
    let out = env
        .folio()
        .env("FOLIO_PASSPHRASE_FILE", env.path("pass.txt"))
        .args(["--db", other, "import", "pass.age"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let stderr = env.fails(&["export", "json", "--encrypt-to", "age1nope", "--out", "x.age"], 1);
    assert!(stderr.contains("is not an age public key"), "{stderr}");
    assert!(!env.path("x.age").exists());
}

#[test]
fn a_review_file_shared_encrypted_comes_back_encrypted_and_merges() {
    let env = mentee();
    let mentor = key(&env, "mentor.key");
    let me = key(&env, "me.key");
    let out = env.ok(&[
        "share",
        "--for",
        "Dr Okubo",
        "--encrypt-to",
        &mentor,
        "--encrypt-to",
        &me,
        "--out",
        "review.age",
    ]);
    assert_eq!(out.trim(), "review.age");
    assert!(sealed(&env, "review.age"));
    let stray: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(stray.is_empty(), "no plain copy left behind");

    // The mentor reads it (nothing changes), then records a verdict.
    let before = read_bytes(&env.path("review.age"));
    let pending = env.json(&["--db", "review.age", "--identity", "mentor.key", "pending", "--json"]);
    assert_eq!(pending.as_array().unwrap().len(), 1);
    assert!(read_bytes(&env.path("review.age")) == before, "reading does not rewrite it");
    env.ok(&[
        "--db",
        "review.age",
        "--identity",
        "mentor.key",
        "verdict",
        "1",
        "accepted",
        "--comment",
        "Well argued",
    ]);
    assert!(sealed(&env, "review.age"), "still encrypted after the change");
    env.fails(&["--db", "review.age", "pending"], 1);

    // Back with the mentee, who opens it with their own key.
    env.ok(&["--identity", "me.key", "merge", "review.age"]);
    let shown = env.json(&["show", "1", "--json"]);
    assert_eq!(shown["verdicts"][0]["comment"], "Well argued");
}

#[test]
fn files_that_are_not_what_they_claim_are_refused() {
    let env = mentee();
    let public = key(&env, "mentor.key");
    std::fs::write(env.path("notes.txt"), "just some notes").unwrap();
    let notes = age::encrypt(&public.parse::<age::x25519::Recipient>().unwrap(), b"just some notes").unwrap();
    std::fs::write(env.path("notes.age"), notes).unwrap();
    let before = env.db_bytes();
    let stderr = env.fails(&["--identity", "mentor.key", "import", "notes.age"], 1);
    assert!(stderr.contains("none of the formats folio imports"), "{stderr}");
    assert_eq!(stderr.lines().filter(|l| !l.starts_with("hint: ")).count(), 1, "{stderr}");
    let stderr = env.fails(&["--identity", "mentor.key", "merge", "notes.age"], 1);
    assert!(stderr.starts_with("error: cannot merge notes.age"), "{stderr}");
    assert!(env.db_bytes() == before, "nothing changed by what was refused");
    env.ok(&["export", "json", "--encrypt-to", &public, "--out", "doc.age"]);
    let sent = env.json(&["outbox", "--json"]);
    let last = sent.as_array().unwrap().last().unwrap();
    assert_eq!(last["recipients"], serde_json::json!([public]), "the outbox names whom it was sealed to");
    let before = env.db_bytes();
    let mut damaged = read_bytes(&env.path("doc.age"));
    damaged.truncate(damaged.len() - 40);
    std::fs::write(env.path("damaged.age"), damaged).unwrap();
    let stderr = env.fails(&["--identity", "mentor.key", "import", "damaged.age"], 1);
    assert!(stderr.contains("damaged"), "{stderr}");
    std::fs::write(env.path("header.age"), "age-encryption.org/v1\n-> nonsense\n").unwrap();
    let stderr = env.fails(&["--identity", "mentor.key", "import", "header.age"], 1);
    assert!(stderr.contains("is not a readable age file"), "{stderr}");
    assert!(env.db_bytes() == before);
}

#[test]
fn the_age_tool_reads_what_folio_writes_and_folio_reads_what_it_writes() {
    if std::process::Command::new("age").arg("--version").output().is_err() {
        assert!(std::env::var_os("FOLIO_NEED_AGE").is_none(), "the age tool is needed here");
        eprintln!("skipped: the age tool is not installed");
        return;
    }
    let env = mentee();
    let public = key(&env, "mentor.key");
    env.ok(&["export", "json", "--encrypt-to", &public, "--out", "doc.age"]);
    let out = env.std_command_for("age").args(["-d", "-i", "mentor.key", "doc.age"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["entries"][0]["body"], MARKER);

    env.ok(&["share", "--for", "Dr Okubo", "--encrypt-to", &public, "--out", "review.age"]);
    let out = env
        .std_command_for("age")
        .args(["-d", "-i", "mentor.key", "-o", "review.folio", "review.age"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(env.json(&["--db", "review.folio", "pending", "--json"]).as_array().unwrap().len(), 1);

    env.ok(&["export", "json", "--out", "plain.json"]);
    for armor in [false, true] {
        let mut cmd = env.std_command_for("age");
        cmd.args(["-r", &public, "-o", "from-age.age"]);
        if armor {
            cmd.arg("--armor");
        }
        assert!(cmd.arg("plain.json").output().unwrap().status.success());
        let _ = std::fs::remove_file(env.path("other.db"));
        env.ok(&["--db", "other.db", "--identity", "mentor.key", "import", "from-age.age"]);
        assert!(env.ok(&["--db", "other.db", "show", "1"]).contains(MARKER), "armored: {armor}");
    }
}

/// A reviewer works in an encrypted review file as in a plain one: the change is sealed
/// again, the mentee's merge takes it, and no plaintext copy was ever written.
#[test]
fn a_verdict_given_in_an_encrypted_review_file_is_sealed_again_and_merged() {
    let env = mentee();
    let public = key(&env, "mentor.key");
    env.ok(&["share", "--for", "Dr Okubo", "--encrypt-to", &public, "--out", "review.age"]);
    let before = read_bytes(&env.path("review.age"));
    let listed = env.json(&["--identity", "mentor.key", "--db", "review.age", "list", "--json"]);
    assert!(read_bytes(&env.path("review.age")) == before, "reading changes nothing");
    let id = listed[0]["id"].as_i64().unwrap().to_string();
    let out = env.run(&["--identity", "mentor.key", "--db", "review.age", "verdict", &id, "accepted"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("encrypted review.age again with the changes"));
    assert!(read_bytes(&env.path("review.age")) != before);
    let out = env.run(&["--identity", "mentor.key", "merge", "review.age"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("took 1 verdict"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
