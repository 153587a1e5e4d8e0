//! `folio sync OTHER`: make two copies of this portfolio equal, both ways.

use std::path::PathBuf;

use clap::Args;

use crate::Context;
use crate::db::{Db, DbError, review};
use crate::error::UserError;
use crate::ops::merge::MergeReport;
use crate::ops::sync::{Devices, STAGES, other_holds_the_base, settle_clocks, sync_with};
use crate::output::count;

/// Make two copies of this portfolio equal, both ways (laptop and work PC)
///
/// Field by field: each copy remembers what the two last agreed on (a copy
/// made with `folio backup` starts from it), so a field changed on one copy
/// is taken from that copy, tags and claims merge member by member, and the
/// trash and deletions travel too. The same field changed on both copies to
/// different values is a conflict: the newer value is kept, both are stored,
/// and each new conflict is said in one line (`folio conflicts` lists them,
/// `folio conflicts resolve` settles one). A record deleted on one copy and
/// edited on the other stays, and that is a conflict too. Syncing twice
/// changes nothing. Local numbers (`show 12`) may differ between copies;
/// UUIDs do not. A copy that can only be read (a read-only stick) is synced
/// into this one only.
///
/// Never sync a live portfolio file through Dropbox or Syncthing: put a
/// `folio backup` in the synced folder and `folio sync` from it.
///
///   folio backup /media/stick/folio.db      # the other copy starts from here
///
///   folio --db /media/stick/folio.db sync ~/folio.db
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The other copy of this portfolio
    pub other: PathBuf,

    /// Print JSON: {here, there, deleted_here, deleted_there, conflicts, notes, first}
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
    let (here, there) = (device(&ctx.db_path), device(other_path));
    let devices = Devices { here: &here, there: &there };
    db.write(|tx| -> anyhow::Result<_> { Ok(settle_clocks(tx, &now)?) })?;
    if !read_only {
        other.write(|tx| -> anyhow::Result<_> { Ok(settle_clocks(tx, &now)?) })?;
    }
    // Each copy commits on its own; the one holding the base commits last,
    // so a sync killed between the two commits leaves it to the next one.
    let progress = std::cell::RefCell::new(crate::progress::Progress::new(&ctx.ui, 0, "syncing"));
    let mut stage = |n: usize| progress.borrow_mut().stage(&STAGES, n);
    let report = if read_only {
        db.write(|tx| -> anyhow::Result<_> {
            Ok(sync_with(tx, None, other.read(), devices, &now, &mut stage)?)
        })?
    } else if other_holds_the_base(db.read(), other.read())? {
        other.write(|their_tx| -> anyhow::Result<_> {
            db.write(|tx| -> anyhow::Result<_> {
                Ok(sync_with(tx, Some(their_tx), their_tx, devices, &now, &mut stage)?)
            })
        })?
    } else {
        db.write(|tx| -> anyhow::Result<_> {
            other.write(|their_tx| -> anyhow::Result<_> {
                Ok(sync_with(tx, Some(their_tx), their_tx, devices, &now, &mut stage)?)
            })
        })?
    };
    progress.into_inner().finish();
    db.checkpoint()?;
    if args.json {
        return crate::output::print_json(&report);
    }
    for note in &report.notes {
        ctx.ui.warn(note);
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
        ctx.ui.hint(
            "these copies had never synced with each other (one copied without `folio backup`?): every field that differed is a conflict",
        );
    }
    if !report.conflicts.is_empty() {
        ctx.ui.hint(
            "`folio conflicts` lists them; `folio conflicts resolve ID --take here|there|VALUE` settles one",
        );
    }
    Ok(())
}

/// What a copy is called in conflicts: its file name and this machine's name.
fn device(path: &std::path::Path) -> String {
    let file =
        path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_string())
        .unwrap_or_default();
    if host.is_empty() { file } else { format!("{file} on {host}") }
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
        + usize::from(r.profile_updated)
        + usize::from(r.settings_updated);
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
