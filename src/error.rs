//! One error type for what the user did wrong, and the one place exit codes
//! are decided.
//!
//! Commands return `anyhow::Result`; [`report`] walks the error chain to find
//! a [`UserError`] or a [`DbError`] and turns it into the one-line message,
//! the optional hint and the exit code: 0 ok, 1 user or data error, 2 usage,
//! 3 portfolio busy, locked or unreadable.

use std::fmt;

use crate::db::DbError;
use crate::ops::OpsError;

/// Exit codes with a meaning scripts can rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Ok = 0,
    User = 1,
    Usage = 2,
    Portfolio = 3,
}

/// A mistake the user can fix, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserError {
    pub message: String,
    pub hint: Option<String>,
    pub code: ExitCode,
}

impl UserError {
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into(), hint: None, code: ExitCode::User }
    }

    /// A mistake in how the command was called (exit code 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self { code: ExitCode::Usage, ..Self::new(message) }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UserError {}

/// Shorthand: `return Err(user_error("…"))`.
pub fn user_error(message: impl Into<String>) -> anyhow::Error {
    UserError::new(message).into()
}

/// What to print and which code to exit with.
#[derive(Debug, PartialEq, Eq)]
pub struct Report {
    pub message: String,
    pub hint: Option<String>,
    pub code: ExitCode,
}

/// Decides the message, hint and exit code of a failed command.
/// A command that answered "no" on stdout (a requirement not met) and exits
/// non-zero without an error line: what it printed is the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the answer is no")]
pub struct AnsweredNo;

/// Whether the error is [`AnsweredNo`]: exit 1, print nothing more.
pub fn answered_no(error: &anyhow::Error) -> bool {
    error.downcast_ref::<AnsweredNo>().is_some()
}

pub fn report(error: &anyhow::Error) -> Report {
    let message = cap_lines(&format!("{error:#}"));
    for cause in error.chain() {
        if let Some(user) = cause.downcast_ref::<UserError>() {
            return Report { message, hint: user.hint.clone(), code: user.code };
        }
        if let Some(db) = cause.downcast_ref::<DbError>() {
            let code = if db.is_file_problem() { ExitCode::Portfolio } else { ExitCode::User };
            return Report { message, hint: db.hint(), code };
        }
        if let Some(ops) = cause.downcast_ref::<OpsError>() {
            let code = if ops.is_file_problem() { ExitCode::Portfolio } else { ExitCode::User };
            return Report { message, hint: ops.hint(), code };
        }
    }
    Report { message, hint: None, code: ExitCode::User }
}

/// The longest line of an error message: a message may quote what the
/// user gave (a date, a line of a file), and a 10 MB line must not become
/// 10 MB on the terminal.
const MAX_LINE_CHARS: usize = 300;

fn cap_lines(message: &str) -> String {
    message
        .lines()
        .map(|line| match line.char_indices().nth(MAX_LINE_CHARS) {
            Some((cut, _)) => format!("{}… ({} characters in all)", &line[..cut], line.chars().count()),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether the error is a closed stdout (`folio list | head -1`), which is not a failure.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn user_errors_keep_their_context_and_hint() {
        let err = Err::<(), _>(UserError::new("no entry with id 4").hint("try folio list"))
            .context("cannot edit")
            .unwrap_err();
        let report = report(&err);
        assert_eq!(report.message, "cannot edit: no entry with id 4");
        assert_eq!(report.hint.as_deref(), Some("try folio list"));
        assert_eq!(report.code, ExitCode::User);
    }

    #[test]
    fn a_busy_portfolio_exits_3() {
        let err = anyhow::Error::from(DbError::Busy { path: "p.db".into() });
        assert_eq!(report(&err).code, ExitCode::Portfolio);
    }

    #[test]
    fn long_quoted_input_is_cut() {
        let err = anyhow::Error::from(UserError::new(format!("invalid date '{}'", "9".repeat(10_000_000))));
        let report = report(&err);
        assert!(report.message.len() < 400, "{} bytes", report.message.len());
        assert!(report.message.ends_with("(10000015 characters in all)"), "{}", &report.message[280..]);
    }

    #[test]
    fn broken_pipes_are_recognised() {
        let err = anyhow::Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(is_broken_pipe(&err));
    }
}
