//! The help text is the manual: a change to any command's `--help` must be
//! seen and accepted. Run with `UPDATE_HELP=1` to rewrite the snapshots in
//! `tests/cli/help/`.

use std::path::PathBuf;

use crate::TestEnv;

/// Every command path, found by walking the command tree (so a new command
/// cannot be missed): `[]` for `folio` itself, `["framework", "import"]`…
fn command_paths() -> Vec<Vec<String>> {
    fn walk(command: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        out.push(prefix.to_vec());
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_string());
            walk(sub, &path, out);
        }
    }
    let mut paths = Vec::new();
    walk(&folio::cli::full_command(), &[], &mut paths);
    paths
}

#[test]
fn help_texts_match_their_snapshots() {
    let env = TestEnv::new();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cli/help");
    let update = std::env::var_os("UPDATE_HELP").is_some();
    let mut stale = Vec::new();
    let paths = command_paths();
    assert!(paths.len() > 30, "the walk found only {} commands", paths.len());
    for path in &paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = env.ok(&args);
        let name = if path.is_empty() { "folio".to_string() } else { path.join("-") };
        let path = dir.join(format!("{name}.txt"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &help).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(help.as_str()) {
            stale.push(name);
        }
    }
    if !update {
        let expected: std::collections::BTreeSet<String> = paths
            .iter()
            .map(|p| if p.is_empty() { "folio.txt".to_string() } else { format!("{}.txt", p.join("-")) })
            .collect();
        let on_disk: std::collections::BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let orphans: Vec<_> = on_disk.difference(&expected).collect();
        assert!(orphans.is_empty(), "snapshots of commands that no longer exist: {orphans:?}");
    }
    assert!(stale.is_empty(), "--help changed for {stale:?}; review and rerun with UPDATE_HELP=1");
}
