//! `folio backup`: a safe, checked copy of the portfolio.

use std::path::PathBuf;

use clap::Args;

use super::render::size;
use crate::Context;
use crate::db::maintenance;
use crate::error::UserError;
use crate::ops::sync::start_copy;

/// Copy the portfolio to FILE, safely, even while folio is in use
///
/// Uses SQLite's online backup API, checks the copy, and only then gives it
/// its name. The copy is a complete portfolio: open it with --db FILE. It
/// remembers what it was copied from, so `folio sync` between the two
/// later merges field by field from that point.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy
    pub file: PathBuf,
    /// Overwrite FILE if it exists
    #[arg(long)]
    pub force: bool,

    /// Print JSON: {path, bytes}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: BackupArgs, ctx: &Context) -> anyhow::Result<()> {
    if args.file.exists() && !args.force {
        return Err(UserError::new(format!("{} already exists", args.file.display()))
            .hint("add --force to overwrite it")
            .into());
    }
    if args.file.canonicalize().ok().is_some_and(|f| ctx.db_path.canonicalize().ok() == Some(f)) {
        return Err(UserError::new("the backup cannot overwrite the portfolio itself").into());
    }
    let db = ctx.open_db()?;
    let now = ctx.now();
    let bytes = maintenance::backup(db.read(), &args.file, |source, copy| start_copy(source, copy, &now))?;
    if args.json {
        let path = args.file.display().to_string();
        return crate::output::print_json(&serde_json::json!({"path": path, "bytes": bytes}));
    }
    ctx.ui.status(format!("backed up to {} ({}, checked)", args.file.display(), size(bytes as i64)));
    Ok(())
}
