//! The demo portfolio's exports, pinned byte for byte.
//!
//! These files are the contract of folio's formats: a refactoring that
//! changes one byte of the folio JSON document, the Markdown, the JSON Resume
//! or the `--json` shapes fails here. Regenerate them only for a deliberate
//! format change (`FOLIO_BLESS=1 cargo test golden`), and say so in the commit.

use crate::{TestEnv, fixture};

fn demo() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["demo", "--dir", "demo"]);
    env
}

/// Compares `actual` with `tests/fixtures/demo/<name>`, or rewrites it when blessing.
fn check_golden(name: &str, actual: &str) {
    check_fixture(&format!("demo/{name}"), actual);
}

/// Compares `actual` with `tests/fixtures/<name>`, or rewrites it when blessing.
pub(crate) fn check_fixture(name: &str, actual: &str) {
    let path = fixture(name);
    if std::env::var_os("FOLIO_BLESS").is_some() {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{name} differs from its golden file at line {}:\n  expected: {}\n  actual:   {}",
            line + 1,
            expected.lines().nth(line).unwrap_or(""),
            actual.lines().nth(line).unwrap_or("")
        );
    }
}

#[test]
fn the_demo_exports_are_byte_identical_to_their_golden_files() {
    let env = demo();
    let db = env.path("demo/portfolio.db");
    let db = db.to_str().unwrap();
    let cases: [(&str, &[&str]); 10] = [
        ("portfolio.json", &["export", "json", "--include-private"]),
        ("portfolio-public.json", &["export", "json"]),
        ("portfolio.md", &["export", "markdown", "--include-private"]),
        ("resume.json", &["export", "json-resume"]),
        ("list.json", &["list", "--json"]),
        ("show-1.json", &["show", "1", "--json"]),
        ("coverage-emcc.json", &["coverage", "emcc", "--json"]),
        ("agenda.json", &["agenda", "--within", "90d", "--json"]),
        ("goals.json", &["goal", "list", "--status", "all", "--json"]),
        ("mentors.json", &["mentor", "list", "--json"]),
    ];
    for (name, args) in cases {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        check_golden(name, &env.ok(&all));
    }
}

/// The demo reads the same on any day: built a year after its data stands, its dates move
/// with it (the CPD of its last three years, its agenda), instead of going stale.
#[test]
fn the_demo_built_later_is_as_fresh() {
    let env = TestEnv::new();
    let on = |day: &str, args: &[&str]| -> String {
        let out = env.folio().env("FOLIO_TODAY", day).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?} on {day}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let mut seen = Vec::new();
    for (day, dir) in [("2026-09-10", "then"), ("2027-09-10", "later")] {
        on(day, &["demo", "--dir", dir, "--quiet"]);
        let db = format!("{dir}/portfolio.db");
        let cpd: serde_json::Value = serde_json::from_str(&on(day, &["--db", &db, "cpd", "--json"])).unwrap();
        let agenda: serde_json::Value =
            serde_json::from_str(&on(day, &["--db", &db, "agenda", "--json"])).unwrap();
        seen.push((cpd["hours"].clone(), agenda["actions_overdue"].as_array().unwrap().len()));
    }
    assert_eq!(seen[0], seen[1], "the same CPD hours and overdue actions a year later");
}
