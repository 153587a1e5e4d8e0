//! `folio import`: bring a portfolio document, a jrnl journal or a JSON
//! Resume in. Every import is one transaction and matches records by UUID,
//! so importing the same file twice changes nothing.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use crate::Context;
use crate::db::profile;
use crate::error::UserError;
use crate::import::{FormatError, PortfolioFormat, badge, folio_json, jrnl, json_resume};
use crate::model::EntryKind;
use crate::ops::merge::{MergeReport, merge};

/// Import a folio JSON document, a jrnl journal, a JSON Resume or Open Badges
///
/// The format is told from the content unless --from says. Records are
/// matched by UUID: new ones are added, an entry whose incoming version is
/// newer replaces the stored one, and verdicts, claims and ratings the
/// portfolio does not have are added (this is how a mentor's verdicts come
/// back). jrnl entries and resume items get stable UUIDs, so re-importing
/// the same file does not duplicate them. Open Badges (`--from badge`,
/// several files at once) become certificate entries with the badge file
/// attached and a claim for each alignment the portfolio's frameworks
/// know. Any error changes nothing.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import (several for badges)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// What the file is [default: told from its content]
    #[arg(long, value_enum)]
    pub from: Option<PortfolioFormat>,
    /// jrnl only: the kind of entry each journal entry becomes
    #[arg(long, value_enum, default_value_t = EntryKind::Reflection)]
    pub kind: EntryKind,
    /// Print JSON: what the import did ({entries_added, entries_updated, …, kept})
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: ImportArgs, ctx: &Context) -> anyhow::Result<()> {
    let first = ctx.read_input(&args.files[0])?;
    let source = args.from.unwrap_or_else(|| PortfolioFormat::detect_bytes(&first));
    if source == PortfolioFormat::Badge {
        return badges(&args, ctx);
    }
    if args.files.len() > 1 {
        return Err(UserError::usage("one file at a time, except for badges (--from badge)").into());
    }
    let path = &args.files[0];
    let text = String::from_utf8(first)
        .map_err(|_| UserError::new(format!("{} is not UTF-8 text", path.display())))?;
    if source != PortfolioFormat::Jrnl && args.kind != EntryKind::Reflection {
        return Err(UserError::usage("--kind applies to jrnl imports only").into());
    }
    let invalid = |e: FormatError| UserError::new(format!("{}: {e}", path.display()));
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let (document, notes) = match source {
        PortfolioFormat::Folio => (folio_json::parse(&text).map_err(invalid)?, Vec::new()),
        PortfolioFormat::Jrnl => {
            let imported = jrnl::parse(&text).map_err(invalid)?;
            (jrnl::to_document(imported.value, args.kind), imported.notes)
        }
        PortfolioFormat::Badge => unreachable!("badges are imported above"),
        PortfolioFormat::JsonResume => {
            let imported = json_resume::parse(&text).map_err(invalid)?;
            let stored = profile::get(db.read())?;
            let mut document = json_resume::to_document(imported.value, stored);
            // Bringing a resume in is a change made now.
            document.profile.updated_at = Some(now.clone());
            (document, imported.notes)
        }
    };
    for note in &notes {
        ctx.ui.warn(note);
    }
    if document.entries.len() > 1000 {
        db.prepare_for_bulk_write()?;
    }
    let report = db
        .write(|tx| merge(tx, &document, &now))
        .with_context(|| format!("nothing was imported from {}", path.display()))?;
    if args.json {
        return crate::output::print_json(&report);
    }
    ctx.ui.status(describe(&report));
    Ok(())
}

/// Open Badges files: read all of them first, then one transaction.
fn badges(args: &ImportArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let mut document = crate::model::document::PortfolioDocument::empty();
    for path in &args.files {
        let bytes = ctx.read_input(path)?;
        let invalid = |e: FormatError| UserError::new(format!("{}: {e}", path.display()));
        let badge = badge::read(&badge::payload(&bytes).map_err(invalid)?).map_err(invalid)?;
        let mut claims = Vec::new();
        for code in &badge.alignments {
            match crate::db::refs::by_alignment(db.read(), code)? {
                Some(reference) => claims.push(reference),
                None => ctx.ui.warn(format!(
                    "{}: alignment '{code}' names no competency of the portfolio's frameworks",
                    path.display()
                )),
            }
        }
        let name =
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "badge".into());
        document.entries.push(badge::to_entry(&badge, &name, &bytes, claims));
    }
    let report = db.write(|tx| merge(tx, &document, &now)).context("nothing was imported")?;
    if args.json {
        return crate::output::print_json(&report);
    }
    ctx.ui.status(describe(&report));
    Ok(())
}

fn describe(r: &MergeReport) -> String {
    let mut parts = vec![format!(
        "entries: {} added, {} updated, {} unchanged",
        r.entries_added, r.entries_updated, r.entries_unchanged
    )];
    if r.frameworks_added + r.frameworks_updated > 0 {
        parts.push(format!("frameworks: {} added, {} updated", r.frameworks_added, r.frameworks_updated));
    }
    for (count, what) in
        [(r.claims_added, "claims"), (r.verdicts_added, "verdicts"), (r.ratings_added, "ratings")]
    {
        if count > 0 {
            parts.push(format!("{count} {what} added"));
        }
    }
    for (added, updated, what) in [
        (r.goals_added, r.goals_updated, "goals"),
        (r.actions_added, r.actions_updated, "actions"),
        (r.mentors_added, r.mentors_updated, "mentors"),
    ] {
        if added + updated > 0 {
            parts.push(format!("{what}: {added} added, {updated} updated"));
        }
    }
    if r.profile_updated {
        parts.push("profile updated".into());
    }
    for kept in &r.kept {
        parts.push(format!("kept {kept}"));
    }
    if r.attachments_skipped > 0 {
        parts.push(format!("{} attachments skipped (no bytes in the file)", r.attachments_skipped));
    }
    format!("imported — {}", parts.join("; "))
}
