//! `folio pending`: what still waits for a verdict from the reviewer.

use clap::Args;

use crate::Context;
use crate::db::review;
use crate::model::Visibility;
use crate::output::{print_json, print_line};

/// List what waits for a verdict
///
/// In a review file: the mentee's claims, and entries that claim nothing,
/// with no verdict yet from the reviewer it names (or --by). In your own
/// portfolio: claims with no verdict from --by, or from anyone. A claim
/// judged "needs more" waits again once its entry is edited after that.
#[derive(Debug, Args)]
pub struct PendingArgs {
    /// Whose verdict is awaited [default: the reviewer a review file names; else anyone's]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,

    /// Print JSON (an array of {entry, kind, title, date, claim, note})
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: PendingArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let by = match args.by.as_deref() {
        Some(name) => Some(name.trim().to_string()),
        None => review::manifest(db.read())?.map(|m| m.reviewer),
    };
    let waiting = db.snapshot(|conn| review::pending(conn, by.as_deref(), Visibility::IncludePrivate))?;
    if args.json {
        return print_json(&waiting);
    }
    let from = by.as_deref().map(|b| format!(" from {b}")).unwrap_or_default();
    if waiting.is_empty() {
        ctx.ui.status(format!("nothing is waiting for a verdict{from}"));
        return Ok(());
    }
    let mut table = ctx.ui.table(&["ID", "Date", "Entry", "Claim", "Note"]);
    for item in &waiting {
        table.add_row(vec![
            item.entry.to_string(),
            item.date.to_string(),
            format!("{} ({})", item.title, item.kind),
            item.claim.clone().unwrap_or_else(|| "whole entry".into()),
            item.note.clone().unwrap_or_default(),
        ]);
    }
    print_line(table)?;
    ctx.ui.status(format!("{} waiting for a verdict{from}", waiting.len()));
    Ok(())
}
