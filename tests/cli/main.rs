//! End-to-end tests through the real `folio` binary.
//!
//! Every test runs in a [`TestEnv`]: its own temporary folder as HOME and
//! XDG data dir and TMPDIR, its own portfolio via FOLIO_DB, a pinned FOLIO_TODAY, fixed
//! COLUMNS and NO_COLOR — so nothing touches the real home directory and
//! output does not depend on the terminal.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

mod about;
mod attachments;
mod audit;
mod badges;
mod crash;
mod data;
mod ecosystem;
mod encryption;
mod entries;
mod frameworks;
mod golden;
mod help;
mod html_pages;
mod identifiers;
mod jot;
mod json_everywhere;
mod markdown;
mod mentoring;
mod mentoring_data;
mod outbox;
mod pdf;
mod portfolio_file;
mod profile_tags_search;
mod requirement_rules;
mod requirements;
mod review_files;
mod safety;
mod sealed;
mod stories;
mod sync;
mod trust;
mod working_life;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl Default for TestEnv {
    fn default() -> Self {
        Self::new()
    }
}

impl TestEnv {
    pub fn new() -> Self {
        Self { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("portfolio.db")
    }

    /// A `folio` command with a hermetic environment.
    pub fn folio(&self) -> Command {
        Command::from_std(self.std_command())
    }

    /// The same, as a plain `std::process::Command` (for spawning).
    pub fn std_command(&self) -> std::process::Command {
        self.std_command_for(env!("CARGO_BIN_EXE_folio"))
    }

    /// Any program, in the same hermetic environment.
    pub fn std_command_for(&self, program: &str) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        cmd.current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("TMPDIR", self.dir.path())
            .env("XDG_DATA_HOME", self.path("data"))
            .env("FOLIO_DB", self.db())
            .env("FOLIO_TODAY", "2026-03-15")
            .env("COLUMNS", "100")
            .env("NO_COLOR", "1")
            .env("RUST_BACKTRACE", "1");
        cmd
    }

    /// Runs folio with arguments and returns its output, whatever the exit code.
    pub fn run(&self, args: &[&str]) -> Output {
        self.folio().args(args).output().expect("run folio")
    }

    /// Runs folio, asserts success, and returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "folio {args:?} failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Runs folio, asserts it failed with `code`, and returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(code), "folio {args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "a failure printed data: {}", String::from_utf8_lossy(&out.stdout));
        assert!(!stderr.contains("panicked") && !stderr.contains("stack backtrace"), "{stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        stderr
    }

    /// Adds an entry and returns its id.
    pub fn add(&self, args: &[&str]) -> i64 {
        let mut all = vec!["add"];
        all.extend_from_slice(args);
        self.ok(&all).trim().parse().expect("add prints the id")
    }

    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON")
    }

    /// The portfolio file's bytes, to prove a failed command changed nothing.
    pub fn db_bytes(&self) -> Vec<u8> {
        read_bytes(&self.db())
    }
}

/// Runs a command line on a pseudo-terminal through script(1), typing
/// `input` at it; its output (what the terminal showed is on stdout).
pub fn on_terminal(env: &TestEnv, command: &str, input: &str) -> Output {
    env.std_command_for("script")
        .args(["-qec", command, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("piped stdin").write_all(input.as_bytes())?;
            child.wait_with_output()
        })
        .expect("run script")
}

pub fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

/// A file under `tests/fixtures/`.
pub fn fixture(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path).to_string_lossy().into_owned()
}

/// A framework file under `examples/frameworks/`.
pub fn example(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/frameworks")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

pub fn is_root() -> bool {
    std::process::Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// folio as an unprivileged user (root ignores file permissions), in a
/// folder that user may write to.
pub fn unprivileged(env: &TestEnv, args: &[&str]) -> std::process::Output {
    let mut cmd = if is_root() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        let mut cmd = env.std_command_for("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_folio")]);
        cmd
    } else {
        env.std_command()
    };
    cmd.args(args).output().unwrap()
}

/// A folio JSON document without its outbox: every export adds a line
/// to it, so two exports of the same portfolio differ only there.
pub fn without_outbox(text: &str) -> Value {
    let mut value: Value = serde_json::from_str(text).expect("a JSON document");
    if let Some(map) = value.as_object_mut() {
        map.remove("outbox");
    }
    value
}
