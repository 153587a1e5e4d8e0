//! `folio verify`: whether the verdicts a file carries are signed, by whom,
//! and over the evidence as it is in that file. Offline, always: a signature
//! is checked with the key its `did:key` names.

use std::path::PathBuf;

use clap::Args;

use crate::Context;
use crate::db::document_read::{ReadOptions, read_document};
use crate::error::UserError;
use crate::model::Visibility;
use crate::model::verdicts_file::{self, VerdictsFile};
use crate::output::{count, print_json};
use crate::trust::standing::{self, Checked, Standing};

/// Check who signed the verdicts in a file, and that what they judged is unchanged
///
/// FILE is a folio PDF, a folio JSON document, a review file, a verdicts file,
/// or a credential or an array of them.
///
/// For each verdict: ✓ signed by whom and when, ✗ the signature does not
/// verify, ! the evidence changed since the verdict (its entry is not what was
/// judged), or unsigned. Exits 0 when every signature verifies over unchanged
/// evidence, 1 otherwise. No network is used: the signer's key is in their
/// did:key. Without FILE, checks this portfolio's own verdicts.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A folio PDF, folio JSON document, review file, verdicts file, or a credential or array of them
    pub file: Option<PathBuf>,
    /// Print JSON: [{record, entry, title, claim, verdict, assessor, date, status, signed_by, did, signed_at, edited_on, reason}]
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: VerifyArgs, ctx: &Context) -> anyhow::Result<()> {
    let checked = match &args.file {
        None => {
            let db = ctx.open_db()?;
            let document = read_document(
                db.read(),
                ReadOptions { visibility: Visibility::IncludePrivate, ..ReadOptions::default() },
            )?;
            standing::of_entries(&document.entries)
        }
        Some(path) => read(path, ctx)?,
    };
    if args.json {
        print_json(&checked)?;
    } else {
        print(&checked, ctx);
    }
    conclude(&checked, ctx)
}

/// The verdicts of a file, checked, whatever kind of file it is.
fn read(path: &std::path::Path, ctx: &Context) -> anyhow::Result<Vec<Checked>> {
    let shown = path.display();
    if let Some(why) = crate::model::limits::too_large_to_read(path) {
        return Err(UserError::new(why).into());
    }
    let bytes = std::fs::read(path).map_err(|e| UserError::new(format!("cannot read {shown}: {e}")))?;
    let bad = |why: String| UserError::new(format!("cannot verify {shown}: {why}"));
    if bytes.starts_with(b"%PDF") {
        let text = crate::import::pdf_data::embedded_json(&bytes).map_err(|e| bad(e.0))?;
        let document = crate::import::folio_json::parse(&text).map_err(|e| bad(e.0))?;
        return Ok(standing::of_entries(&document.entries));
    }
    if bytes.starts_with(b"SQLite format 3\0") || crate::sealed::is_sealed(&bytes) {
        let opened = crate::sealed::Opened::open(path, ctx)?;
        let db = ctx.open_other(opened.path())?;
        let document = read_document(
            db.read(),
            ReadOptions { visibility: Visibility::IncludePrivate, ..ReadOptions::default() },
        )?;
        return Ok(standing::of_entries(&document.entries));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        bad("it is not a PDF, a portfolio or JSON".into()).hint(
            "verify reads folio PDFs, folio JSON documents, review files, verdicts files and credentials",
        )
    })?;
    let text = crate::model::format::without_bom(&text);
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| bad(format!("invalid JSON ({e})")))?;
    Ok(match &value {
        serde_json::Value::Array(items) => items.iter().map(standing::of_credential).collect(),
        object if object.get("proof").is_some() => vec![standing::of_credential(object)],
        object if object.get("format").and_then(|f| f.as_str()) == Some(verdicts_file::FORMAT) => {
            let file = VerdictsFile::parse(text).map_err(|e| bad(e.0))?;
            standing::of_verdicts_file(&file)
        }
        _ => {
            let document = crate::import::folio_json::parse(text).map_err(|e| bad(e.0))?;
            standing::of_entries(&document.entries)
        }
    })
}

fn day(stamp: &str) -> String {
    crate::model::stamp::day_of(stamp).map(|d| d.to_string()).unwrap_or_else(|| stamp.to_string())
}

fn print(checked: &[Checked], ctx: &Context) {
    let ui = &ctx.ui;
    for c in checked {
        let claim = c.claim.as_ref().map(|r| format!(" ({r})")).unwrap_or_default();
        let date = c.date.map(|d| format!(", {d}")).unwrap_or_default();
        let what = match c.record {
            "feedback" => format!("Feedback '{}' from {}{date}", c.title, c.assessor),
            _ => {
                let verdict = c.verdict.map(|v| v.words()).unwrap_or("A verdict");
                format!("{verdict} on '{}'{claim} by {}{date}", c.title, c.assessor)
            }
        };
        let line = match &c.standing {
            Standing::Signed { signed_by, did, signed_at } => {
                format!("{} {what}: signed by {signed_by} ({did}) on {}", ui.bold("✓"), day(signed_at))
            }
            Standing::EvidenceChanged { edited_on, .. } => format!(
                "{} {what}: evidence changed since the verdict{}",
                ui.alert("!"),
                edited_on.as_ref().map(|d| format!(" (entry edited on {d})")).unwrap_or_default()
            ),
            Standing::SignatureInvalid { reason } => {
                format!("{} {what}: {reason}", ui.alert("✗"))
            }
            Standing::Unsigned => format!("  {what}: unsigned"),
        };
        println!("{line}");
    }
}

/// The summary on stderr, and exit 1 when a signature failed or evidence changed.
fn conclude(checked: &[Checked], ctx: &Context) -> anyhow::Result<()> {
    let tally = |f: fn(&Standing) -> bool| checked.iter().filter(|c| f(&c.standing)).count();
    let signed = tally(|s| matches!(s, Standing::Signed { .. }));
    let changed = tally(|s| matches!(s, Standing::EvidenceChanged { .. }));
    let invalid = tally(|s| matches!(s, Standing::SignatureInvalid { .. }));
    let unsigned = tally(|s| matches!(s, Standing::Unsigned));
    if checked.is_empty() {
        ctx.ui.status("no verdicts to verify");
        return Ok(());
    }
    let mut parts = vec![format!("{signed} signed and verified")];
    if changed > 0 {
        parts.push(format!("{changed} over evidence changed since"));
    }
    if invalid > 0 {
        parts.push(format!("{invalid} not verifying"));
    }
    if unsigned > 0 {
        parts.push(format!("{unsigned} unsigned"));
    }
    let what = match checked.iter().any(|c| c.record == "feedback") {
        true => count(checked.len(), "verdict or feedback entry", "verdicts and feedback entries"),
        false => count(checked.len(), "verdict", "verdicts"),
    };
    let summary = format!("{what}: {}", parts.join(", "));
    if changed + invalid > 0 {
        let hint = if invalid > 0 {
            "a credential that does not verify was changed after it was signed, or not signed by the key it names"
        } else {
            "a signature proves who judged which content: ask for a new verdict on what changed, or show the copy made before the edit"
        };
        return Err(UserError::new(summary).hint(hint).into());
    }
    ctx.ui.status(summary);
    Ok(())
}
