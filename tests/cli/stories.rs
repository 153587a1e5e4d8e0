//! The interview story bank through the real binary: stories per
//! competency best first, gaps named, and a job advert weighed.

use crate::{TestEnv, example};

fn portfolio() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["framework", "import", &example("emcc-mentoring.toml")]);
    let star = ["--template", "star", "--section", "situation=A ward audit", "--section", "task=Lead it"];
    let complete =
        [&star[..], &["--section", "action=Ran the safeguarding audit", "--section", "result=Fewer falls"]]
            .concat();
    let mut args =
        vec!["achievement", "Led the safeguarding audit", "--claim", "emcc/outcome", "--date", "2024-05"];
    args.extend_from_slice(&complete);
    env.add(&args);
    let mut args =
        vec!["achievement", "Started a journal club", "--claim", "emcc/outcome", "--date", "2025-05"];
    args.extend_from_slice(&star);
    env.add(&args);
    env.add(&["reflection", "Feedback that did not land", "--claim", "emcc/insight", "--date", "2024-01"]);
    env.ok(&["verdict", "3", "accepted", "--by", "Dr Okubo", "--claim", "emcc/insight"]);
    env.add(&["course", "Audit skills", "--claim", "emcc/outcome"]);
    env
}

#[test]
fn stories_come_best_first_and_competencies_without_one_are_named() {
    let env = portfolio();
    let bank = env.json(&["stories", "--framework", "emcc", "--json"]);
    let of = |code: &str| bank.as_array().unwrap().iter().find(|c| c["code"] == code).unwrap().clone();
    let outcome: Vec<i64> =
        of("outcome")["stories"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    assert_eq!(outcome, [1, 2], "the complete STAR before the newer partial one; a course is no story");
    assert_eq!(of("insight")["stories"][0]["accepted"], true);
    assert!(of("contract")["stories"].as_array().unwrap().is_empty());
    let text = env.run(&["stories"]);
    let (stdout, stderr) = (String::from_utf8_lossy(&text.stdout), String::from_utf8_lossy(&text.stderr));
    assert!(stdout.contains("✓ #3 Feedback that did not land"), "{stdout}");
    assert!(stdout.contains("no story yet"), "{stdout}");
    assert!(stderr.contains("2 of 8 competencies have a story"), "{stderr}");
}

#[test]
fn a_job_advert_is_weighed_and_its_unevidenced_words_listed() {
    let env = portfolio();
    std::fs::write(env.path("advert.txt"), "Safeguarding lead. Safeguarding audits; budget management.")
        .unwrap();
    let report = env.json(&["stories", "--job", "advert.txt", "--json"]);
    let words: Vec<(&str, i64, i64)> = report["key_words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| (k["word"].as_str().unwrap(), k["uses"].as_i64().unwrap(), k["entries"].as_i64().unwrap()))
        .collect();
    assert_eq!(words[0], ("safeguarding", 2, 1), "{words:?}");
    assert!(words.contains(&("audits", 1, 3)), "audits finds the three audit entries: {words:?}");
    assert_eq!(report["missing"], serde_json::json!(["budget", "management"]));
    assert_eq!(report["entries"][0]["id"], 1, "the entry that mentions the most advert words first");
    // Forms of one word count once; words of any advert are not key words.
    std::fs::write(
        env.path("forms.txt"),
        "Band 7 in the city. Audit, audits and auditing: key to build the team.",
    )
    .unwrap();
    let report = env.json(&["stories", "--job", "forms.txt", "--json"]);
    let words: Vec<(&str, i64)> = report["key_words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| (k["word"].as_str().unwrap(), k["uses"].as_i64().unwrap()))
        .collect();
    assert_eq!(words, [("audit", 3)], "{words:?}");
    // The interview says which of the advert's words it answers.
    let out = env.run(&["export", "pdf", "--profile", "interview", "--job", "advert.txt", "--out", "cv.pdf"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = super::pdf::pdf_text(&std::fs::read(env.path("cv.pdf")).unwrap());
    assert!(text.contains("From the advert Key words Answered here safeguarding · audits"), "{text}");
    assert!(text.contains("Not yet evidenced budget · management"), "{text}");
    let stderr = env.fails(&["stories", "--job", "absent.txt"], 1);
    assert!(stderr.starts_with("error: cannot read the job advert absent.txt"), "{stderr}");
    let empty = TestEnv::new();
    empty.ok(&["init"]);
    let stderr = empty.fails(&["stories"], 1);
    assert!(stderr.contains("no entry claims a competency yet"), "{stderr}");
}

/// folio rehearse on a pseudo-terminal, fed `answers`; what it printed.
fn rehearse(env: &TestEnv, answers: &str) -> String {
    let cmd = format!("{} rehearse --framework emcc", env!("CARGO_BIN_EXE_folio"));
    String::from_utf8_lossy(&crate::on_terminal(env, &cmd, answers).stdout).into_owned()
}

#[test]
fn rehearse_asks_shows_the_story_and_starts_next_time_with_the_oldest() {
    if std::process::Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let env = portfolio();
    // The first competency (never rehearsed, by reference): emcc/insight.
    let said = rehearse(&env, "\nq\n");
    assert!(said.contains("[1/2] Enabling insight and learning (emcc/insight)"), "{said}");
    assert!(said.contains("#3 Feedback that did not land"), "{said}");
    assert!(said.contains("rehearsed for the first time"), "{said}");
    // Next time the one not yet rehearsed comes first, with its STAR parts.
    let said = rehearse(&env, "\n\ns\n");
    assert!(said.contains("[1/2] Outcome and action orientation (emcc/outcome)"), "{said}");
    assert!(said.contains("Situation: A ward audit"), "the best story's STAR parts: {said}");
    assert!(said.contains("[2/2] Enabling insight and learning"), "{said}");
    // Then the one rehearsed longest ago; skipping recorded nothing.
    let said = rehearse(&env, "\nq\n");
    assert!(said.contains("[1/2] Enabling insight and learning"), "{said}");
    assert!(said.contains("rehearsed 2 times"), "{said}");
    let stderr = env.fails(&["rehearse"], 2);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
}
