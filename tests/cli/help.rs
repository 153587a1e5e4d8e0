//! The help text is the manual: a change to any command's `--help` must be
//! seen and accepted. Run with `UPDATE_HELP=1` to rewrite the snapshots in
//! `tests/cli/help/`.

use std::path::PathBuf;

use crate::TestEnv;

const COMMANDS: &[&str] = &[
    "",
    "init",
    "add",
    "list",
    "show",
    "edit",
    "rm",
    "trash",
    "restore",
    "search",
    "tags",
    "profile",
    "profile set",
    "attach",
    "detach",
    "extract",
    "framework",
    "framework import",
    "framework list",
    "framework show",
    "framework rm",
    "framework export",
    "claim",
    "unclaim",
    "coverage",
    "gaps",
    "rate",
    "ratings",
    "verdict",
    "import",
    "export",
    "export json",
    "export markdown",
    "export json-resume",
    "export pdf",
    "backup",
    "check",
];

#[test]
fn help_texts_match_their_snapshots() {
    let env = TestEnv::new();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cli/help");
    let update = std::env::var_os("UPDATE_HELP").is_some();
    let mut stale = Vec::new();
    for command in COMMANDS {
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.push("--help");
        let help = env.ok(&args);
        let name = if command.is_empty() { "folio".to_string() } else { command.replace(' ', "-") };
        let path = dir.join(format!("{name}.txt"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &help).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(help.as_str()) {
            stale.push(name);
        }
    }
    assert!(stale.is_empty(), "--help changed for {stale:?}; review and rerun with UPDATE_HELP=1");
}
