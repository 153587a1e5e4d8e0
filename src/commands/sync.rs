//! `folio sync OTHER`: make two copies of this portfolio equal, both ways.

use std::path::PathBuf;

use clap::Args;

use crate::Context;
use crate::db::{Db, DbError, review};
use crate::error::UserError;
use crate::ops::merge::MergeReport;
use crate::ops::sync::sync;
use crate::output::count;

/// Make two copies of this portfolio equal, both ways (laptop and work PC)
///
/// Per record the newer change wins; the trash and deletions travel too;
/// a record changed on both copies since their last sync is a conflict: the
/// newer wins and the older is kept as "… (conflict copy)", tagged
/// `conflict`, and reported. Syncing twice changes nothing. Local numbers
/// (`show 12`) may differ between copies; UUIDs do not. A copy that can only
/// be read (a read-only stick) is synced into this one only.
///
/// Never sync a live portfolio file through Dropbox or Syncthing: put a
/// `folio backup` in the synced folder and `folio sync` from it.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The other copy of this portfolio
    pub other: PathBuf,

    /// Print JSON: {here, there, deleted_here, deleted_there, conflicts, first}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: SyncArgs, ctx: &Context) -> anyhow::Result<()> {
    let other_path = &args.other;
    let cannot = |e: DbError| {
        let hint = e.hint();
        let error = UserError::new(format!("cannot sync with {}: {e}", other_path.display()));
        match hint {
            Some(hint) => error.hint(hint),
            None => error,
        }
    };
    if !other_path.is_file() {
        return Err(UserError::new(format!("cannot sync with {}: no such file", other_path.display())).into());
    }
    let mut db = ctx.open_db()?;
    if db.path().and_then(|p| p.canonicalize().ok()) == other_path.canonicalize().ok() {
        return Err(UserError::new("that is this portfolio itself").hint("name the other copy").into());
    }
    // Checked read-only first: a file that is not a portfolio is never written.
    drop(ctx.open_other(other_path).map_err(cannot)?);
    let writable = std::fs::OpenOptions::new().write(true).open(other_path).is_ok();
    let mut other = if writable {
        Db::open_with(other_path, ctx.busy_timeout, crate::db::Unlock::With(&ctx.passphrases))
    } else {
        ctx.open_other(other_path)
    }
    .map_err(cannot)?;
    if review::manifest(other.read())?.is_some() || review::manifest(db.read())?.is_some() {
        return Err(UserError::new(format!(
            "{} is a review file, not a copy of this portfolio",
            other_path.display()
        ))
        .hint("`folio merge FILE` takes a reviewer's verdicts and feedback")
        .into());
    }
    if review::portfolio_uuid(other.read())? != review::portfolio_uuid(db.read())? {
        return Err(UserError::new(format!(
            "{} is another portfolio, not a copy of this one",
            other_path.display()
        ))
        .hint("`folio export json` and `folio import` bring entries from another portfolio")
        .into());
    }
    let now = ctx.now();
    let read_only = other.is_read_only();
    let report = db.write(|tx| -> anyhow::Result<_> {
        if read_only {
            Ok(sync(tx, None, other.read(), &now)?)
        } else {
            other.write(|their_tx| -> anyhow::Result<_> { Ok(sync(tx, Some(their_tx), their_tx, &now)?) })
        }
    })?;
    db.checkpoint()?;
    if args.json {
        return crate::output::print_json(&report);
    }
    for conflict in &report.conflicts {
        ctx.ui.warn(conflict);
    }
    let here = describe(&report.here, report.deleted_here);
    let there = match &report.there {
        Some(there) => describe(there, report.deleted_there),
        None => "nothing (it is read-only)".into(),
    };
    ctx.ui.status(format!("synced with {}: here {here}; there {there}", other_path.display()));
    if report.first {
        ctx.ui.hint("a first sync takes the newer of every record; conflicts are told from the next one on");
    }
    if !report.conflicts.is_empty() {
        ctx.ui.hint("`folio list --tag conflict` shows the copies kept");
    }
    Ok(())
}

fn describe(r: &MergeReport, deleted: usize) -> String {
    let added = r.entries_added
        + r.goals_added
        + r.actions_added
        + r.mentors_added
        + r.claims_added
        + r.verdicts_added
        + r.ratings_added
        + r.frameworks_added;
    let updated = r.entries_updated
        + r.goals_updated
        + r.actions_updated
        + r.mentors_updated
        + r.frameworks_updated
        + usize::from(r.profile_updated);
    if added + updated + deleted == 0 {
        return "no change".into();
    }
    [(added, "added"), (updated, "updated"), (deleted, "deleted")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{} {what}", count(n, "record", "records")))
        .collect::<Vec<_>>()
        .join(", ")
}
