//! Encryption at rest through the real binary: an encrypted portfolio's
//! round trip, wrong passphrases refused with nothing changed, re-keying,
//! encrypted backups, encrypting an existing portfolio in place, a plain
//! copy, and a portfolio written before the SQLCipher engine still opening.

use std::path::Path;

use crate::{TestEnv, read_bytes};

const MARKER: &str = "zebra-okapi-marker";

fn write(env: &TestEnv, name: &str, text: &str) -> String {
    std::fs::write(env.path(name), text).unwrap();
    name.to_string()
}

/// Runs folio with FOLIO_PASSPHRASE_FILE set to `file`.
fn with_pass(env: &TestEnv, file: &str, args: &[&str]) -> std::process::Output {
    env.folio().env("FOLIO_PASSPHRASE_FILE", env.path(file)).args(args).output().unwrap()
}

fn ok_with(env: &TestEnv, file: &str, args: &[&str]) -> String {
    let out = with_pass(env, file, args);
    assert!(out.status.success(), "folio {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn holds_plaintext(path: &Path) -> bool {
    let bytes = read_bytes(path);
    bytes.starts_with(b"SQLite format 3") || bytes.windows(MARKER.len()).any(|w| w == MARKER.as_bytes())
}

/// No file beside the portfolio but those named.
fn files_in(env: &TestEnv) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_encrypted_portfolio_round_trip() {
    let env = TestEnv::new();
    let pass = write(&env, "pass.txt", "correct horse battery\n");
    let wrong = write(&env, "wrong.txt", "correct horse\n");
    let out = with_pass(&env, &pass, &["init", "--encrypt", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((said["created"].as_bool(), said["encrypted"].as_bool()), (Some(true), Some(true)));
    ok_with(&env, &pass, &["add", "reflection", "A hard shift", "--body", MARKER, "--tag", "ward"]);
    assert!(!holds_plaintext(&env.db()), "the file holds no plain text and no SQLite header");
    let exported = ok_with(&env, &pass, &["export", "json"]);
    assert!(exported.contains(MARKER), "exports are in the clear: the user asked for them");

    // Wrong, missing or empty passphrases: exit 3, one line, nothing changed.
    let before = env.db_bytes();
    let out = with_pass(&env, &wrong, &["list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr.starts_with("error: wrong passphrase or not a folio portfolio"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "SQLCipher's own log stays quiet: {stderr}");
    let stderr = env.fails(&["list"], 3);
    assert!(stderr.contains("is encrypted and no passphrase was given"), "{stderr}");
    let empty = write(&env, "empty.txt", "\n");
    assert_eq!(
        with_pass(&env, &empty, &["list"]).status.code(),
        Some(1),
        "an empty passphrase file is the user's to fix"
    );
    let out = with_pass(&env, "absent.txt", &["list"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(env.db_bytes() == before, "a refused passphrase changes nothing");

    // --passphrase-fd for scripts.
    let mut cmd = env.std_command_for("sh");
    cmd.args(["-c", &format!("{} --passphrase-fd 3 list --json 3<pass.txt", env!("CARGO_BIN_EXE_folio"))]);
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("A hard shift"));

    // Re-key: the old passphrase stops working, the new one opens it.
    let new = write(&env, "new.txt", "a new passphrase\n");
    let out = with_pass(&env, &pass, &["passphrase", "--new-passphrase-file", "new.txt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(with_pass(&env, &pass, &["list"]).status.code(), Some(3));
    assert!(ok_with(&env, &new, &["show", "1"]).contains(MARKER));
    assert!(!holds_plaintext(&env.db()));

    // The backup is encrypted with the same passphrase; check works.
    ok_with(&env, &new, &["backup", "copy.db"]);
    assert!(!holds_plaintext(&env.path("copy.db")));
    assert!(ok_with(&env, &new, &["--db", "copy.db", "show", "1"]).contains(MARKER));
    ok_with(&env, &new, &["check"]);
    let stray: Vec<String> = files_in(&env).into_iter().filter(|n| n.starts_with('.')).collect();
    assert!(stray.is_empty(), "no temporary files left: {stray:?}");
}

#[test]
fn an_existing_portfolio_is_encrypted_in_place_and_a_plain_copy_can_be_made() {
    let env = TestEnv::new();
    let pass = write(&env, "pass.txt", "s3cret phrase\n");
    std::fs::write(env.path("notes.txt"), MARKER).unwrap();
    env.add(&["reflection", "Before encryption", "--body", MARKER, "--attach", "notes.txt"]);
    let listed = env.ok(&["export", "json", "--include-private"]);
    assert!(holds_plaintext(&env.db()));

    let out = with_pass(&env, &pass, &["encrypt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!holds_plaintext(&env.db()), "the old bytes do not survive in the file");
    assert_eq!(
        files_in(&env),
        ["notes.txt", "pass.txt", "portfolio.db"],
        "no journal, log or copy left beside it"
    );
    let now = ok_with(&env, &pass, &["export", "json", "--include-private"]);
    assert_eq!(crate::without_outbox(&now), crate::without_outbox(&listed), "nothing lost");
    ok_with(&env, &pass, &["extract", "1", "--out", "back"]);
    assert_eq!(std::fs::read_to_string(env.path("back/notes.txt")).unwrap(), MARKER);

    let out = with_pass(&env, &pass, &["encrypt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is encrypted already"));

    ok_with(&env, &pass, &["decrypt", "--out", "plain.db"]);
    assert!(read_bytes(&env.path("plain.db")).starts_with(b"SQLite format 3"));
    let plain = env.ok(&["--db", "plain.db", "export", "json", "--include-private"]);
    assert_eq!(crate::without_outbox(&plain), crate::without_outbox(&listed));
    let out = with_pass(&env, &pass, &["decrypt", "--out", "plain.db"]);
    assert_eq!(out.status.code(), Some(1), "an existing file is never overwritten");
    let stderr = env.fails(&["--db", "plain.db", "decrypt", "--out", "again.db"], 1);
    assert!(stderr.contains("is not encrypted"), "{stderr}");
    let stderr = env.fails(&["--db", "plain.db", "passphrase"], 1);
    assert!(stderr.contains("is not encrypted"), "{stderr}");
}

#[test]
fn init_encrypt_refuses_an_existing_file_and_a_missing_terminal() {
    let env = TestEnv::new();
    env.add(&["course", "Plain one"]);
    let before = env.db_bytes();
    let pass = write(&env, "pass.txt", "whatever\n");
    let out = with_pass(&env, &pass, &["init", "--encrypt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("hint: encrypt an existing portfolio with `folio encrypt`")
    );
    assert!(env.db_bytes() == before);
    // No FOLIO_PASSPHRASE_FILE and no terminal: nothing is created.
    let stderr = env.fails(&["--db", "new.db", "init", "--encrypt"], 1);
    assert!(stderr.contains("there is no terminal to type it at"), "{stderr}");
    assert!(!env.path("new.db").exists() || read_bytes(&env.path("new.db")).is_empty());
}

#[test]
fn a_portfolio_written_before_the_sqlcipher_engine_still_opens_and_encrypts() {
    let env = TestEnv::new();
    std::fs::copy(crate::fixture("portfolio/written-by-plain-sqlite-schema-11.db"), env.db()).unwrap();
    let listed = env.json(&["list", "--json"]);
    let titles: Vec<&str> = listed.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Old course", "Written by plain SQLite"], "newest first, same day: by id");
    env.ok(&["check"]);
    let pass = write(&env, "pass.txt", "later\n");
    ok_with(&env, &pass, &["encrypt"]);
    assert!(ok_with(&env, &pass, &["show", "1"]).contains("before the SQLCipher engine"));
}

/// A passphrase file that is missing or empty is named, as what it is.
#[test]
fn a_missing_or_empty_passphrase_file_is_named() {
    let env = TestEnv::new();
    let pass = write(&env, "pass", "correct horse\n");
    env.add(&["course", "Study day"]);
    env.folio().env("FOLIO_PASSPHRASE_FILE", &pass).args(["encrypt"]).assert().success();
    for (file, said) in [("missing", "does not exist"), ("empty", "is empty")] {
        if file == "empty" {
            write(&env, "empty", "");
        }
        let out = with_pass(&env, file, &["list"]);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!(
                "error: the passphrase file {} (FOLIO_PASSPHRASE_FILE) {said}",
                env.path(file).display()
            )),
            "{stderr}"
        );
        assert!(!stderr.contains("os error") && !stderr.contains("cannot open the portfolio"), "{stderr}");
    }
}

/// Whether this machine lets folio keep a key in the kernel's session keyring.
fn keyring_usable(env: &TestEnv) -> bool {
    let pass = write(env, "probe-pass.txt", "probe passphrase\n");
    let probe = env.path("probe.db");
    let probe = probe.to_str().unwrap();
    ok_with(env, &pass, &["--db", probe, "init", "--encrypt"]);
    let out = with_pass(env, &pass, &["--db", probe, "unlock", "--for", "5s"]);
    let usable = out.status.success();
    env.run(&["--db", probe, "lock"]);
    usable
}

#[test]
fn unlock_opens_a_portfolio_without_its_passphrase_until_lock_or_timeout() {
    let env = TestEnv::new();
    if !keyring_usable(&env) {
        eprintln!("the kernel keyring is not usable on this machine: unlock is not tested here");
        return;
    }
    let pass = write(&env, "pass.txt", "correct horse battery\n");
    ok_with(&env, &pass, &["init", "--encrypt"]);
    ok_with(&env, &pass, &["add", "course", "Sepsis update", "--hours", "2"]);
    // Without a passphrase source: refused.
    assert!(env.fails(&["list"], 3).contains("is encrypted and no passphrase was given"));
    let said =
        String::from_utf8_lossy(&with_pass(&env, &pass, &["unlock", "--for", "10m"]).stderr).into_owned();
    assert!(said.contains("unlocked") && said.contains("folio lock"), "{said}");
    // A hundred commands, no passphrase anywhere.
    for n in 0..100 {
        if n % 10 == 0 {
            env.ok(&["add", "reflection", &format!("Note {n}")]);
        } else {
            env.ok(&["list", "--limit", "3"]);
        }
    }
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 11);
    let status = env.json(&["unlock", "--status", "--json"]);
    let mine = env.db().to_string_lossy().into_owned();
    assert!(status.as_array().unwrap().iter().any(|u| u["path"] == mine.as_str()), "{status}");
    assert!(!holds_plaintext(&env.db()), "still encrypted on disk");

    // Another portfolio is not opened by this one's key.
    let other = env.path("other.db");
    let other = other.to_str().unwrap();
    ok_with(&env, &pass, &["--db", other, "init", "--encrypt"]);
    assert!(env.fails(&["--db", other, "list"], 3).contains("no passphrase was given"));

    // lock forgets it at once.
    env.ok(&["lock"]);
    assert!(env.fails(&["list"], 3).contains("no passphrase was given"));

    // A timeout ends it.
    with_pass(&env, &pass, &["unlock", "--for", "1s"]);
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert!(env.fails(&["list"], 3).contains("no passphrase was given"));

    // A new passphrase forgets the key derived from the old one.
    with_pass(&env, &pass, &["unlock", "--for", "10m"]);
    let new = write(&env, "new.txt", "a new passphrase\n");
    let out = env.run(&["passphrase", "--new-passphrase-file", "new.txt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(env.fails(&["list"], 3).contains("no passphrase was given"));
    assert_eq!(ok_with(&env, &new, &["list", "--json"]).matches("\"uuid\"").count(), 11);

    // A wrong passphrase unlocks nothing; a plain portfolio has nothing to unlock.
    let wrong = write(&env, "wrong.txt", "not it\n");
    assert_eq!(with_pass(&env, &wrong, &["unlock"]).status.code(), Some(3));
    assert!(env.fails(&["list"], 3).contains("no passphrase was given"));
    let plain = env.path("plain.db");
    env.ok(&["--db", plain.to_str().unwrap(), "add", "role", "Plain"]);
    assert!(env.fails(&["--db", plain.to_str().unwrap(), "unlock"], 1).contains("is not encrypted"));
    assert!(env.fails(&["unlock", "--for", "9d"], 2).contains("from 1 second to 7 days"));
}

/// Runs folio with the keys kept by the agent (as where the kernel keyring is forbidden).
fn with_agent(env: &TestEnv, pass: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut cmd = env.folio();
    cmd.env("FOLIO_KEY_STORE", "agent");
    if let Some(file) = pass {
        cmd.env("FOLIO_PASSPHRASE_FILE", env.path(file));
    }
    cmd.args(args).output().unwrap()
}

/// The agent started for this test's environment (its TMPDIR), by /proc.
fn agent_pid(env: &TestEnv) -> Option<u32> {
    let tmpdir = format!("TMPDIR={}", env.dir.path().display());
    std::fs::read_dir("/proc").ok()?.filter_map(Result::ok).find_map(|entry| {
        let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
        let cmdline = std::fs::read(entry.path().join("cmdline")).ok()?;
        let environ = std::fs::read(entry.path().join("environ")).ok()?;
        let is_agent = cmdline.split(|b| *b == 0).any(|a| a == b"agent");
        let ours = environ.split(|b| *b == 0).any(|v| v == tmpdir.as_bytes());
        (is_agent && ours).then_some(pid)
    })
}

#[test]
fn without_the_kernel_keyring_an_agent_keeps_the_key_and_a_killed_agent_forgets_it() {
    let env = TestEnv::new();
    let pass = write(&env, "pass.txt", "correct horse battery\n");
    ok_with(&env, &pass, &["init", "--encrypt"]);
    ok_with(&env, &pass, &["add", "course", "Sepsis update"]);
    let out = with_agent(&env, Some(&pass), &["unlock", "--for", "10m"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for _ in 0..5 {
        let out = with_agent(&env, None, &["list", "--json"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    // Its socket is the owner's alone, in a folder that is too.
    let folder = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("folio-agent-"))
        .expect("the agent's folder")
        .path();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&folder).unwrap().permissions().mode() & 0o777, 0o700);
    assert_eq!(std::fs::metadata(folder.join("agent.sock")).unwrap().permissions().mode() & 0o777, 0o600);
    let status = with_agent(&env, None, &["unlock", "--status", "--json"]);
    assert!(String::from_utf8_lossy(&status.stdout).contains("portfolio.db"));

    // Killed, it takes the key with it: asked again, not hung.
    let pid = agent_pid(&env).expect("the agent runs");
    std::process::Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let out = with_agent(&env, None, &["list"]);
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    // A new one starts over the stale socket; lock forgets the key.
    assert!(with_agent(&env, Some(&pass), &["unlock", "--for", "10m"]).status.success());
    assert!(with_agent(&env, None, &["list"]).status.success());
    // A mistyped passphrase at unlock leaves it unlocked as it was.
    let wrong = write(&env, "wrong.txt", "not it\n");
    assert_eq!(with_agent(&env, Some(&wrong), &["unlock"]).status.code(), Some(3));
    assert!(with_agent(&env, None, &["list"]).status.success());
    assert!(with_agent(&env, None, &["lock"]).status.success());
    assert_eq!(with_agent(&env, None, &["list"]).status.code(), Some(3));
    // With no key left, the agent leaves (within its ten seconds of grace).
    let gone = (0..60).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(250));
        agent_pid(&env).is_none()
    });
    assert!(gone, "the agent exits when it holds no key");
}
