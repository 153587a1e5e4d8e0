//! The mentor's side: a review file shared, worked on with the ordinary
//! commands (and `review` on a pseudo-terminal), and merged back.

use crate::{TestEnv, example};

const FILE: &str = "review.folio";

/// A mentee with two public claimed entries (one with a file) and a private one.
pub(crate) fn mentee() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["framework", "import", &example("emcc-mentoring.toml")]);
    env.ok(&["profile", "set", "--name", "Ada Mentee"]);
    std::fs::write(env.path("notes.txt"), b"session notes").unwrap();
    env.add(&[
        "reflection",
        "Rapport with a new mentee",
        "--claim",
        "emcc/relationship/foundation/3",
        "--attach",
        "notes.txt",
    ]);
    env.add(&["course", "Coaching day", "--claim", "emcc/insight"]);
    env.add(&["reflection", "Private thoughts on my mentor", "--private", "--claim", "emcc/self"]);
    env
}

/// Runs folio on the review file.
fn on_file<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--db", FILE];
    all.extend_from_slice(args);
    all
}

fn share(env: &TestEnv) {
    let path = env.ok(&["share", "--for", "Dr Okubo", "--out", FILE]);
    assert_eq!(path.trim(), FILE);
}

#[test]
fn the_whole_round_share_review_merge() {
    let env = mentee();
    share(&env);
    let listed = env.json(&on_file(&["list", "--json"]));
    let titles: Vec<&str> = listed.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(!titles.iter().any(|t| t.contains("Private")), "private entries never go in");
    let bytes = std::fs::read(env.path(FILE)).unwrap();
    assert!(!bytes.windows(7).any(|w| w == b"Private"), "not even in the file's bytes");
    assert!(!env.path(&format!("{FILE}-wal")).exists(), "one file, no write-ahead log");

    let pending = env.json(&on_file(&["pending", "--json"]));
    assert_eq!(pending.as_array().unwrap().len(), 2);
    // The mentor's own commands: a verdict (by defaults to the reviewer), feedback, coverage.
    // Entries keep the mentee's order (not always their numbers).
    assert_eq!(titles, ["Coaching day", "Rapport with a new mentee"], "newest first, same day: by id");
    env.ok(&on_file(&[
        "verdict",
        "1",
        "accepted",
        "--claim",
        "emcc/relationship/foundation/3",
        "--comment",
        "Good rapport",
    ]));
    env.ok(&on_file(&["add", "feedback", "Notes from our review", "--body", "Keep going"]));
    assert_eq!(env.json(&on_file(&["show", "3", "--json"]))["from"], "Dr Okubo");
    assert!(env.ok(&on_file(&["coverage", "emcc"])).contains("relationship"));
    let pdf = env.path("evidence.pdf");
    env.ok(&on_file(&["export", "pdf", "--profile", "evidence", "--out", pdf.to_str().unwrap()]));

    // `review` walks what is left on a terminal: needs more, with a comment.
    let cmd = format!("{} --db {FILE} review", env!("CARGO_BIN_EXE_folio"));
    let out = crate::on_terminal(&env, &cmd, "n\nShow the outcome too\n");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Coaching day #2") && said.contains("recorded 1 verdict by Dr Okubo"), "{said}");
    assert!(env.json(&on_file(&["pending", "--json"])).as_array().unwrap().is_empty());

    let before = env.db_bytes();
    env.fails(&["merge", "missing.folio"], 1);
    assert!(env.db_bytes() == before);
    let out = env.run(&["merge", FILE]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("took 2 verdicts, 1 feedback entry from Dr Okubo"), "{said}");
    let coverage = env.json(&["coverage", "emcc", "--json"]);
    let relationship =
        coverage[0]["competencies"].as_array().unwrap().iter().find(|c| c["code"] == "relationship").unwrap();
    assert_eq!(relationship["levels"][0]["accepted"], 1, "the accepted claim counts");
    let shown = env.json(&["show", "2", "--json"]);
    assert_eq!(shown["verdicts"][0]["verdict"], "needs-more");
    assert_eq!(shown["verdicts"][0]["comment"], "Show the outcome too");
    let after = env.ok(&["export", "json", "--include-private"]);
    let again = env.run(&["merge", FILE]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing new from Dr Okubo"));
    let last = env.ok(&["export", "json", "--include-private"]);
    assert_eq!(crate::without_outbox(&last), crate::without_outbox(&after), "merging again changes nothing");
}

#[test]
fn the_mentees_records_are_read_only_in_a_review_file() {
    let env = mentee();
    share(&env);
    // The first command on the file turns on its write-ahead log (a header byte).
    env.ok(&on_file(&["pending"]));
    let before = std::fs::read(env.path(FILE)).unwrap();
    for args in [
        &["edit", "1", "--title", "Changed"][..],
        &["rm", "1"],
        &["claim", "2", "emcc/self"],
        &["unclaim", "1", "emcc/relationship/foundation/3"],
        &["detach", "1", "notes.txt"],
        &["profile", "set", "--name", "Someone else"],
        &["framework", "rm", "emcc", "--force"],
    ] {
        let stderr = env.fails(&on_file(args), 1);
        assert!(stderr.contains("is the mentee's, shared for review"), "{args:?}: {stderr}");
    }
    assert!(std::fs::read(env.path(FILE)).unwrap() == before, "nothing changed");
    // The reviewer's own feedback is theirs to change.
    env.ok(&on_file(&["add", "feedback", "First thoughts"]));
    env.ok(&on_file(&["edit", "3", "--body", "Second thoughts"]));
}

#[test]
fn merge_refuses_what_this_portfolio_did_not_share() {
    let env = mentee();
    share(&env);
    let before = env.db_bytes();
    // A plain portfolio is not a review file.
    let other = TestEnv::new();
    other.ok(&["add", "course", "Something"]);
    let stderr = env.fails(&["merge", other.db().to_str().unwrap()], 1);
    assert!(stderr.contains("is not a review file"), "{stderr}");
    // Not a portfolio at all, and a damaged one.
    std::fs::write(env.path("notes.folio"), b"just some text").unwrap();
    env.fails(&["merge", "notes.folio"], 1);
    let mut damaged = std::fs::read(env.path(FILE)).unwrap();
    let len = damaged.len();
    damaged.truncate(len / 3);
    std::fs::write(env.path("damaged.folio"), damaged).unwrap();
    env.fails(&["merge", "damaged.folio"], 1);
    // A review file of another portfolio needs --force.
    let stranger = mentee();
    stranger.ok(&["share", "--for", "Dr Okubo", "--out", "theirs.folio"]);
    stranger.ok(&["--db", "theirs.folio", "verdict", "2", "accepted"]);
    std::fs::copy(stranger.path("theirs.folio"), env.path("theirs.folio")).unwrap();
    let stderr = env.fails(&["merge", "theirs.folio"], 1);
    assert!(
        stderr.contains("not shared from this portfolio but from another portfolio (Ada Mentee)"),
        "{stderr}"
    );
    assert!(env.db_bytes() == before, "every refusal left the portfolio as it was");
    // With --force its verdicts are still refused: this portfolio has no record of what it shared.
    let out = env.run(&["merge", "theirs.folio", "--force"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("has no record of what that review file shared"));
}

#[test]
fn share_refuses_bad_input_and_changes_nothing() {
    let env = mentee();
    let before = env.db_bytes();
    let stderr = env.fails(&["share", "--for", "Dr Okubo", "--framework", "nope"], 1);
    assert!(stderr.contains("no framework with key 'nope'"), "{stderr}");
    env.fails(&["share", "--for", "Dr Okubo", "--tag", "absent"], 1);
    env.fails(&["share", "--for", " "], 1);
    assert!(env.db_bytes() == before);
    assert_eq!(
        std::fs::read_dir(env.dir.path()).unwrap().count(),
        2,
        "no review file written: {:?}",
        std::fs::read_dir(env.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect::<Vec<_>>()
    );
    // --framework keeps only those claims, and --no-attachments the files.
    env.ok(&["share", "--for", "Dr Okubo", "--framework", "emcc", "--no-attachments", "--out", FILE]);
    let shown = env.json(&on_file(&["show", "1", "--json"]));
    assert!(shown["attachments"].as_array().unwrap().is_empty());
}

#[test]
fn cohort_compares_mentees_and_skips_what_it_cannot_read() {
    let env = mentee();
    share(&env);
    env.ok(&on_file(&["verdict", "1", "accepted", "--claim", "emcc/relationship/foundation/3"]));
    std::fs::write(env.path("notes.txt"), b"not a portfolio").unwrap();
    let out = env.run(&["cohort", FILE, "portfolio.db", "notes.txt", "--framework", "emcc", "--csv"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("skipped notes.txt"), "{stderr}");
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[0].starts_with("mentee,file,framework,self evidenced,self accepted"), "{csv}");
    // The review file: relationship evidenced and accepted, one claim still waiting.
    assert!(lines[1].starts_with("Ada Mentee,review.folio,emcc,0,0,"), "{csv}");
    assert!(lines[1].contains(",1,1,1,0,"), "relationship 1/1, insight 1/0: {csv}");
    let rows = env.json(&["cohort", FILE, "--json"]);
    assert_eq!(rows[0]["pending"], 1);
    let private_counts = env.json(&["cohort", "portfolio.db", "--json"]);
    assert_eq!(
        private_counts[0]["competencies"][0]["evidenced"], 0,
        "the private claim on emcc/self is not counted"
    );
    let nothing = env.run(&["cohort", "notes.txt"]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("error: none of the files could be compared"));
    env.fails(&["cohort", FILE, "--level", "nope"], 1);
}

/// A review file that lists an entry it was never given cannot bring a verdict onto it.
#[test]
fn merge_trusts_what_this_portfolio_shared_not_the_files_own_list() {
    let env = mentee();
    share(&env);
    let private = env.json(&["show", "3", "--json"])["uuid"].as_str().unwrap().to_string();
    let listed = env.json(&on_file(&["list", "--json"]));
    let shared_id = listed[0]["id"].as_i64().unwrap().to_string();
    env.ok(&on_file(&["verdict", &shared_id, "accepted", "--comment", "forged onto a private entry"]));
    // The file is edited so that entry claims to be the private one, and lists it as shared.
    let file = rusqlite::Connection::open(env.path(FILE)).unwrap();
    file.execute("UPDATE entries SET uuid = ?1 WHERE id = ?2", rusqlite::params![private, shared_id])
        .unwrap();
    file.execute("INSERT INTO review_shared (uuid) VALUES (?1)", [&private]).unwrap();
    drop(file);
    let before = env.db_bytes();
    let out = env.run(&["merge", FILE]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains(&private) && said.contains("did not share that entry"),
        "the record is named: {said}"
    );
    assert!(said.contains("nothing new"), "{said}");
    assert!(env.json(&["show", "3", "--json"])["verdicts"].as_array().is_none_or(|v| v.is_empty()));
    assert!(env.db_bytes() == before, "nothing taken");
}

/// A verdict the reviewer records `--by` someone else is reported as theirs.
#[test]
fn merge_names_who_gave_the_verdicts() {
    let env = mentee();
    share(&env);
    env.ok(&on_file(&["verdict", "1", "accepted", "--by", "Prof Adeyemi"]));
    let out = env.run(&["merge", FILE]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("took 1 verdict (by Prof Adeyemi) from Dr Okubo"), "{said}");
}

/// A comment or a feedback body no person writes is refused, named, and nothing is taken.
#[test]
fn merge_refuses_text_past_its_limits() {
    let env = mentee();
    share(&env);
    env.ok(&on_file(&["verdict", "1", "accepted", "--comment", "short, for now"]));
    // Longer than a command line can carry: written into the file as a tampered one would be.
    let file = rusqlite::Connection::open(env.path(FILE)).unwrap();
    file.execute("UPDATE verdicts SET comment = ?1", ["word ".repeat(30_000)]).unwrap();
    drop(file);
    let before = env.db_bytes();
    let stderr = env.fails(&["merge", FILE], 1);
    assert!(
        stderr.contains("the comment of a verdict on") && stderr.contains("(at most 100.0 KB is taken)"),
        "{stderr}"
    );
    assert!(env.db_bytes() == before, "nothing taken");

    let env = mentee();
    share(&env);
    env.folio()
        .args(on_file(&["add", "feedback", "A long letter", "--body", "-"]))
        .write_stdin("word ".repeat(250_000))
        .assert()
        .success();
    let before = env.db_bytes();
    let stderr = env.fails(&["merge", FILE], 1);
    assert!(stderr.contains("the feedback 'A long letter' is 1.2 MB (at most 1.0 MB is taken)"), "{stderr}");
    assert!(env.db_bytes() == before, "nothing taken");
}

/// In a review file a verdict on a claim the entry lacks cannot be fixed by claiming it.
#[test]
fn a_reviewer_is_not_told_to_claim_in_a_review_file() {
    let env = mentee();
    share(&env);
    let stderr = env.fails(&on_file(&["verdict", "1", "accepted", "--claim", "emcc/self"]), 1);
    assert!(stderr.contains("does not claim") && !stderr.contains("folio claim"), "{stderr}");
    assert!(stderr.contains("leave out --claim"), "{stderr}");
}
