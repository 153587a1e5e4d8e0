//! The `--allow-identifiers` / `--redact` flags every export and share takes,
//! and how their findings are reported (see `ops::identifiers`).

use clap::Args;

use crate::Context;
use crate::db::Conn;
use crate::error::UserError;
use crate::ops::identifiers::{Check, Finding, Policy};
use crate::output::count;

/// What to do when the identifier check finds NHS numbers, emails, phone
/// numbers or names of other people in what is about to be written.
#[derive(Debug, Clone, Default, Args)]
pub struct IdentifierArgs {
    /// Write even though the identifier check found something (see `folio scan`)
    #[arg(long, conflicts_with = "redact")]
    pub allow_identifiers: bool,
    /// Replace each identifier found with "[redacted <kind>]" in what is written (the portfolio is unchanged)
    #[arg(long)]
    pub redact: bool,
}

impl IdentifierArgs {
    pub fn policy(&self) -> Policy {
        match (self.allow_identifiers, self.redact) {
            (true, _) => Policy::Allow,
            (_, true) => Policy::Redact,
            _ => Policy::Refuse,
        }
    }

    /// A check for this command's flags, knowing the portfolio's owner and
    /// watched names.
    pub fn check(&self, conn: &Conn) -> crate::db::Result<Check> {
        Check::new(conn, self.policy(), &[])
    }
}

/// How many findings a refusal lists.
const SHOWN: usize = 20;

/// One finding as a line: `entry 12, body: nhs-number 943 *** **19`.
pub fn describe(finding: &Finding) -> String {
    let record = match finding.id {
        Some(id) => format!("{} {id}", finding.record),
        None => finding.record.to_string(),
    };
    format!("{record}, {}: {} {}", finding.field, finding.kind, finding.masked)
}

/// After the check has seen everything to be written: refuses when it
/// found something and the user allowed nothing, else says what was done.
/// Whether anything was redacted (for the outbox).
pub fn conclude(check: Check, conn: &Conn, ctx: &Context) -> anyhow::Result<bool> {
    if check.findings().is_empty() {
        return Ok(false);
    }
    let policy = check.policy();
    for line in check.left_out() {
        ctx.ui.warn(line);
    }
    let findings = check.into_findings(conn)?;
    let what = count(findings.len(), "possible identifier", "possible identifiers");
    match policy {
        Policy::Refuse => {
            let mut message = format!("{what} of other people in what would be written; nothing written");
            for finding in findings.iter().take(SHOWN) {
                message.push_str("\n  ");
                message.push_str(&describe(finding));
            }
            if findings.len() > SHOWN {
                message.push_str(&format!(
                    "\n  … and {} more (`folio scan` lists them all)",
                    findings.len() - SHOWN
                ));
            }
            Err(UserError::new(message)
                .hint("give --redact to replace them in what is written, or --allow-identifiers to write them as they are")
                .into())
        }
        Policy::Redact => {
            ctx.ui.status(format!("redacted {what}"));
            Ok(true)
        }
        Policy::Allow => {
            ctx.ui.warn(format!("{what} written as they are (--allow-identifiers)"));
            Ok(false)
        }
    }
}
