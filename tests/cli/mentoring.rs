//! The mentoring loop through the real binary: mentors, goals, actions
//! agreed in meetings, the agenda, prompts, and every refusal.

use serde_json::Value;

use crate::{TestEnv, example};

fn with_emcc() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["framework", "import", &example("emcc-mentoring.toml")]);
    env
}

fn id(text: &str) -> String {
    text.trim().to_string()
}

#[test]
fn a_month_of_mentoring_from_a_fresh_portfolio() {
    let env = with_emcc();
    std::fs::write(env.path("contract.pdf"), b"%PDF-1.4 signed contract").unwrap();
    env.ok(&[
        "mentor",
        "add",
        "Dr Sam Okafor",
        "--role",
        "supervisor",
        "--since",
        "2026-01-10",
        "--meet-every",
        "4w",
        "--contract",
        "contract.pdf",
        "--email",
        "sam@example.org",
    ]);
    let goal = id(&env.ok(&[
        "goal",
        "add",
        "Lead a group supervision session",
        "--due",
        "2026-06",
        "--competency",
        "emcc/relationship",
        "--date",
        "2026-01-10",
        "--body",
        "Three mentees, one hour",
    ]));
    assert_eq!(goal, "1", "the id alone on stdout");
    // The meeting names the mentor in another case: it is stored in theirs.
    let meeting = env.add(&[
        "meeting",
        "Supervision 1",
        "--date",
        "2026-01-20",
        "--with",
        "dr sam okafor",
        "--agreed",
        "Read Kline, chapters 1-3",
        "--agreed",
        "Draft a session plan",
        "--due",
        "2026-02-28",
    ]);
    let shown = env.json(&["show", &meeting.to_string(), "--json"]);
    assert_eq!(shown["with"], "Dr Sam Okafor");
    let agreed = shown["agreed_actions"].as_array().unwrap();
    assert_eq!(agreed.len(), 2);
    assert!(agreed.iter().all(|a| a["overdue"] == true), "due 2026-02-28, today is 2026-03-15");
    // Put the plan under the goal, and tick one off.
    env.ok(&["action", "edit", "2", "--goal", &goal]);
    env.ok(&["action", "done", "2", "--date", "2026-03-01", "--note", "Plan agreed with Sam"]);
    let extra = id(&env.ok(&["action", "add", "Book a room", "--goal", &goal, "--due", "2026-03-20"]));
    let goals = env.json(&["goal", "list", "--json"]);
    assert_eq!(goals[0]["progress"], serde_json::json!({"done": 1, "total": 2}));
    let table = env.ok(&["goal", "list"]);
    assert!(table.contains("1/2 actions done") && table.contains("emcc/relationship"), "{table}");

    // A reflection started from the framework's question, claimed as evidence.
    let reflection = env.add(&[
        "reflection",
        "What I bring to supervision",
        "--prompt",
        "emcc/relationship",
        "--date",
        "2026-03-02",
        "--claim",
        "emcc/relationship/practitioner/1",
        "--body",
        "Rapport first.",
    ]);
    let text = env.ok(&["show", &reflection.to_string()]);
    assert!(text.contains("Prompt: Reflecting on the capability indicators above"), "{text}");

    let show = env.json(&["goal", "show", &goal, "--json"]);
    assert_eq!(show["evidence"][0]["id"], reflection, "evidence since the goal was set");
    let room = show["actions"].as_array().unwrap().iter().find(|a| a["text"] == "Book a room").unwrap();
    assert_eq!(room["meeting_title"], Value::Null, "booked outside a meeting");
    assert_eq!(show["actions"][0]["meeting_title"], "Supervision 1", "by due date, the plan first");
    let text = env.ok(&["goal", "show", &goal]);
    assert!(text.contains("agreed in meeting 1: Supervision 1 (2026-01-20)"), "{text}");
    assert!(text.contains("What I bring to supervision"), "{text}");

    let agenda = env.ok(&["agenda"]);
    let overdue = agenda.find("Overdue actions").unwrap();
    let due = agenda.find("Actions due within 30d").unwrap();
    let meet = agenda.find("Meetings due").unwrap();
    assert!(overdue < due && due < meet, "{agenda}");
    assert!(agenda.contains("action 1    Read Kline, chapters 1-3"), "{agenda}");
    assert!(agenda.contains(&format!("action {extra:<4} Book a room")), "{agenda}");
    assert!(agenda.contains("supervisor Dr Sam Okafor  last met 2026-01-20 (entry 1)"), "{agenda}");
    let json = env.json(&["agenda", "--json"]);
    for key in ["actions_overdue", "actions_due", "goals_due", "certificates_expiring", "meetings_due"] {
        assert!(json[key].is_array(), "{key}: {json}");
        assert!(json[key].as_array().unwrap().iter().all(|item| item["id"].is_number()), "{key}");
    }
    assert_eq!(json["meetings_due"][0]["due"], "2026-02-17");

    // The next meeting shows what is still open from this one.
    let second = env.add(&["meeting", "Supervision 2", "--with", "Dr Sam Okafor", "--date", "2026-03-14"]);
    let text = env.ok(&["show", &second.to_string()]);
    assert!(text.contains("Still open from the last meeting (2026-01-20, entry 1)"), "{text}");
    assert!(text.contains("Read Kline") && !text.contains("Draft a session plan"), "{text}");
    let mentor = env.json(&["mentor", "show", "DR SAM OKAFOR", "--json"]);
    assert_eq!(mentor["meetings"].as_array().unwrap().len(), 2);
    assert_eq!(mentor["last_meeting"]["id"], second);
    assert_eq!(mentor["contract"]["name"], "contract.pdf");
    assert_eq!(mentor["next_meeting_due"], "2026-04-11");

    env.ok(&["goal", "done", &goal, "--date", "2026-03-15"]);
    assert_eq!(env.json(&["goal", "list", "--json"]), serde_json::json!([]));
    assert_eq!(env.json(&["goal", "list", "--status", "done", "--json"])[0]["closed_on"], "2026-03-15");

    let pdf = env.path("review.pdf");
    env.ok(&["export", "pdf", "--profile", "review", "--since", "2026-01", "--out", pdf.to_str().unwrap()]);
    let review = crate::pdf::pdf_text(&std::fs::read(pdf).unwrap());
    for expected in [
        "Objectives",
        "Lead a group supervision session (done 2026-03-15)",
        "1/2 actions done",
        "Meetings",
        "Supervision 1 — with Dr Sam Okafor",
        "overdue by 15 days",
        "done 2026-03-01",
    ] {
        assert!(review.contains(expected), "{expected}: {review}");
    }
}

#[test]
fn bad_input_is_one_line_and_changes_nothing() {
    let env = with_emcc();
    let course = env.add(&["course", "Coaching day"]);
    env.ok(&["goal", "add", "A goal"]);
    let before = env.db_bytes();
    let cases: [(&[&str], &str); 12] = [
        (&["goal", "add", "X", "--due", "soonish"], "--due: invalid date 'soonish'"),
        (&["goal", "add", "X", "--competency", "emcc/relationshp"], "did you mean emcc/relationship?"),
        (&["goal", "add", "  "], "the title is empty"),
        (&["goal", "show", "9"], "no goal with id 9"),
        (&["goal", "done", "9"], "no goal with id 9"),
        (&["action", "add", "Read", "--goal", "9"], "no goal with id 9"),
        (&["action", "add", "Read", "--meeting", "99"], "no entry with id 99"),
        (&["action", "add", "Read", "--meeting", &course.to_string()], "is a course, not a meeting"),
        (&["action", "done", "5"], "no action with id 5"),
        (&["mentor", "add", "Sam", "--meet-every", "0"], "it must be at least 1"),
        (&["mentor", "add", "Sam", "--meet-every", "0w"], "it must be at least 1"),
        (&["add", "course", "Talk", "--agreed", "Follow up"], "--agreed is for meetings"),
    ];
    for (args, message) in cases {
        let stderr = env.fails(args, 1);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().filter(|l| l.starts_with("error:")).count(), 1, "{stderr}");
        assert_eq!(env.db_bytes(), before, "{args:?} changed the portfolio");
    }
    env.fails(&["agenda", "--within", "soon"], 1);
    env.fails(&["mentor", "show", "Nobody"], 1);
    env.fails(&["add", "reflection", "R", "--prompt", "emcc/slf"], 1);
    env.fails(&["add", "course", "C", "--prompt", "emcc/self"], 1);
    env.fails(&["add", "course", "C", "--with", "Sam"], 1);
    env.fails(&["goal", "edit", "1"], 2);
    assert_eq!(env.db_bytes(), before);
}

#[test]
fn mentors_are_matched_by_name_and_unknown_names_are_kept_with_a_hint() {
    let env = TestEnv::new();
    env.ok(&["mentor", "add", "Priya Shah", "--meet-every", "2w", "--since", "2026-03-01"]);
    let out = env.folio().args(["add", "feedback", "Notes", "--from", "priya shah"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).lines().all(|l| !l.starts_with("hint:")));
    assert_eq!(env.json(&["show", "1", "--json"])["from"], "Priya Shah");
    let out = env.folio().args(["add", "meeting", "Chat", "--with", "Jo Bloggs"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("hint: 'Jo Bloggs' is not one of your mentors"), "{stderr}");
    assert_eq!(env.json(&["show", "2", "--json"])["with"], "Jo Bloggs");
    env.fails(&["mentor", "add", "PRIYA SHAH"], 1);
    env.ok(&["mentor", "end", "priya shah", "--date", "2026-03-10"]);
    let listed = env.json(&["mentor", "list", "--json"]);
    assert_eq!(listed[0]["until"], "2026-03-10");
    assert_eq!(listed[0]["current"], false);
    assert!(env.json(&["agenda", "--json"])["meetings_due"].as_array().unwrap().is_empty(), "ended");
}

#[test]
fn prompts_list_the_framework_questions_and_start_reflections() {
    let env = with_emcc();
    let listed = env.json(&["prompts", "--json"]);
    let refs: Vec<&str> = listed.as_array().unwrap().iter().map(|p| p["ref"].as_str().unwrap()).collect();
    assert!(refs.contains(&"emcc/self") && refs.contains(&"emcc:1") && refs.contains(&"emcc:21"), "{refs:?}");
    let text = env.ok(&["prompts", "emcc:7"]);
    assert!(text.contains("What makes an effective mentor?"), "{text}");
    let id = env.add(&["reflection", "Before I start", "--prompt", "emcc:1"]);
    let shown = env.json(&["show", &id.to_string(), "--json"]);
    assert!(shown["prompt"].as_str().unwrap().starts_with("Reflecting on the outline above"));
    let stderr = env.fails(&["prompts", "emcc:99"], 1);
    assert!(stderr.contains("emcc has no prompt 99 (it has 21)"), "{stderr}");
    env.ok(&["edit", &id.to_string(), "--prompt", ""]);
    assert_eq!(env.json(&["show", &id.to_string(), "--json"])["prompt"], Value::Null);
}

#[test]
fn goals_and_actions_go_to_the_trash_and_come_back() {
    let env = TestEnv::new();
    env.ok(&["goal", "add", "Publish a poster", "--due", "2026-05"]);
    env.ok(&["action", "add", "Draft the abstract", "--goal", "1"]);
    env.ok(&["action", "add", "Ask Sam to review it"]);
    env.ok(&["goal", "rm", "1"]);
    assert_eq!(env.json(&["goal", "list", "--json"]), serde_json::json!([]));
    let open = env.json(&["action", "list", "--json"]);
    assert_eq!(open.as_array().unwrap().len(), 1, "the goal's action went with it: {open}");
    let trash = env.ok(&["trash"]);
    assert!(trash.contains("Publish a poster"), "{trash}");
    assert!(env.ok(&["search", "abstract"]).is_empty(), "not found while in the trash");
    env.ok(&["goal", "restore", "1"]);
    assert!(env.ok(&["search", "abstract"]).contains("action 1 Draft the abstract"));
    env.ok(&["action", "rm", "2"]);
    env.ok(&["goal", "rm", "1"]);
    env.ok(&["trash", "--empty", "--yes"]);
    env.fails(&["goal", "restore", "1"], 1);
    env.fails(&["action", "restore", "2"], 1);
    let bytes = env.db_bytes();
    for word in ["Publish a poster", "Draft the abstract", "Ask Sam"] {
        assert!(!bytes.windows(word.len()).any(|w| w == word.as_bytes()), "{word} is still in the file");
    }
}

#[test]
fn a_long_agenda_section_shows_ten_and_names_the_command_for_the_rest() {
    let env = TestEnv::new();
    for n in 1..=13 {
        env.ok(&["action", "add", &format!("Task {n}"), "--due", &format!("2020-01-{n:02}")]);
    }
    let agenda = env.ok(&["agenda"]);
    assert!(agenda.contains("Task 10") && !agenda.contains("Task 11"), "oldest first: {agenda}");
    assert!(agenda.contains("… and 3 more: folio action list --overdue"), "{agenda}");
    let json = env.json(&["agenda", "--json"]);
    assert_eq!(json["actions_overdue"].as_array().unwrap().len(), 13, "JSON gives every one");
    let listed = env.ok(&["action", "list", "--overdue"]);
    assert!(listed.contains("Task 13"), "the named command lists the rest: {listed}");
}

/// The actions agreed in a meeting recorded later are due counting from the meeting.
#[test]
fn actions_agreed_in_a_past_meeting_are_due_from_its_date() {
    let env = TestEnv::new();
    env.add(&[
        "meeting",
        "Supervision",
        "--date",
        "2026-02-10",
        "--agreed",
        "Draft the plan",
        "--due",
        "in 3 weeks",
    ]);
    let actions = env.json(&["action", "list", "--json"]);
    assert_eq!(actions[0]["due"], "2026-03-03", "three weeks after 10 February, not after today");
}
