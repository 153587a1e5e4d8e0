//! Meeting other tools: shell completion, man pages, CSV and calendar exports.

use crate::TestEnv;

fn has(program: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn bash_completes_subcommands_kinds_and_flags() {
    let env = TestEnv::new();
    std::fs::write(env.path("folio.bash"), env.ok(&["completions", "bash"])).unwrap();
    let script = "source folio.bash; COMP_WORDS=(folio add ''); COMP_CWORD=2; _folio folio '' add; printf '%s\\n' \"${COMPREPLY[@]}\"";
    let out = env.std_command_for("bash").args(["-c", script]).output().unwrap();
    let candidates = String::from_utf8_lossy(&out.stdout);
    for expected in ["course", "reflection", "--hours", "--agreed", "--prompt"] {
        assert!(candidates.lines().any(|l| l == expected), "{expected} in {candidates}");
    }
    let script = "source folio.bash; COMP_WORDS=(folio go); COMP_CWORD=1; _folio folio go folio; printf '%s\\n' \"${COMPREPLY[@]}\"";
    let out = env.std_command_for("bash").args(["-c", script]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).lines().any(|l| l == "goal"), "subcommands complete");
}

#[test]
fn zsh_loads_the_completion_with_compinit() {
    if !has("zsh") {
        eprintln!("zsh is not installed here; .ci/run installs it");
        return;
    }
    let env = TestEnv::new();
    std::fs::create_dir_all(env.path("fn")).unwrap();
    std::fs::write(env.path("fn/_folio"), env.ok(&["completions", "zsh"])).unwrap();
    let script = "fpath=(./fn $fpath); autoload -U compinit; compinit -u -D; autoload -U _folio; print -r -- ${_comps[folio]}; whence -w _folio";
    let out = env.std_command_for("zsh").args(["-f", "-c", script]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("_folio") && said.contains("function"),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(env.path("fn/_folio")).unwrap();
    assert!(
        text.contains("achievement") && text.contains("--practice-hours"),
        "kinds and flags are in the script"
    );
}

#[test]
fn man_pages_are_written_for_every_command_and_render() {
    let env = TestEnv::new();
    env.ok(&["man", "--out", "man"]);
    let pages: Vec<String> = std::fs::read_dir(env.path("man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for page in
        ["folio.1", "folio-add.1", "folio-goal-add.1", "folio-requirements-check.1", "folio-export-ics.1"]
    {
        assert!(pages.iter().any(|p| p == page), "{page} in {pages:?}");
    }
    if has("man") {
        let out = env
            .std_command_for("man")
            .args(["--warnings", "-l", "man/folio-goal-add.1"])
            .env("MANWIDTH", "100")
            .env("LC_ALL", "C.UTF-8")
            .output()
            .unwrap();
        assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("Set a goal and print its id"));
    }
}

#[test]
fn csv_has_a_header_and_one_quoted_row_per_entry() {
    let env = TestEnv::new();
    env.add(&[
        "course",
        "Coaching, advanced",
        "--hours",
        "6",
        "--method",
        "workshop",
        "--body",
        "line one\nline \"two\"",
    ]);
    env.add(&["reflection", "Private", "--private"]);
    let csv = env.ok(&["export", "csv"]);
    let mut lines = csv.split("\r\n");
    assert!(lines.next().unwrap().starts_with("id,uuid,kind,title,date,"));
    assert!(csv.contains(",course,\"Coaching, advanced\",2026-03-15,"), "{csv}");
    assert!(csv.contains("\"line one\nline \"\"two\"\"\""), "a body with a line break and quotes: {csv}");
    assert!(!csv.contains("Private"), "private left out");
    assert!(env.ok(&["export", "csv", "--include-private"]).contains("Private"));
}

#[test]
fn the_calendar_has_stable_uids_and_keeps_private_goals_out() {
    let env = TestEnv::new();
    env.ok(&["goal", "add", "Public goal", "--due", "2026-06"]);
    env.ok(&["goal", "add", "Secret goal", "--due", "2026-07", "--private"]);
    env.ok(&["action", "add", "Book the room", "--due", "2026-04-01"]);
    env.add(&["certificate", "First aid", "--expires", "2027-01"]);
    env.ok(&["mentor", "add", "Sam", "--meet-every", "4w", "--since", "2026-03-01"]);
    let first = env.ok(&["export", "ics"]);
    assert!(first.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && first.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(first.matches("BEGIN:VEVENT").count(), 4, "{first}");
    for expected in [
        "SUMMARY:Goal due: Public goal",
        "DTSTART;VALUE=DATE:20260630",
        "SUMMARY:Due: Book the room",
        "SUMMARY:Certificate expires: First aid",
        "DTSTART;VALUE=DATE:20270131",
        "SUMMARY:Meeting due with Sam (mentor)",
    ] {
        assert!(first.contains(expected), "{expected}: {first}");
    }
    assert!(!first.contains("Secret"));
    env.ok(&["action", "edit", "1", "--text", "Book the big room"]);
    let second = env.ok(&["export", "ics"]);
    let uids =
        |text: &str| text.lines().filter(|l| l.starts_with("UID:")).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(uids(&first), uids(&second), "a changed action keeps its UID");
    assert!(second.contains("Book the big room"));
}
