//! `folio trash`: list the trash, or empty it for good (asking first).

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;

use super::render::entry_table;
use crate::Context;
use crate::db::filter::EntryFilter;
use crate::db::{self, entries};
use crate::error::UserError;
use crate::output::{print_json, print_line};

/// List the entries in the trash, or empty it
#[derive(Debug, Args)]
pub struct TrashArgs {
    /// Delete every entry in the trash for good, its text and the files only it used removed from the portfolio file (asks first on a terminal)
    #[arg(long)]
    pub empty: bool,

    /// Do not ask before emptying the trash (needed when not on a terminal)
    #[arg(long, short = 'y', requires = "empty")]
    pub yes: bool,

    /// Print JSON (an array of entries) instead of a table
    #[arg(long, conflicts_with = "empty")]
    pub json: bool,
}

pub fn run(args: TrashArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let trashed = entries::list(db.read(), &EntryFilter { trashed: true, ..Default::default() })?;
    if args.empty {
        if trashed.is_empty() {
            ctx.ui.status("the trash is already empty");
            return Ok(());
        }
        if !args.yes && !confirm(&format!("Delete {} entries in the trash for good?", trashed.len()))? {
            ctx.ui.status("the trash was not emptied");
            return Ok(());
        }
        let count = db.write(db::trash::purge_trash)?;
        db.checkpoint()?;
        ctx.ui.status(format!("deleted {count} entries for good"));
        return Ok(());
    }
    if args.json {
        return print_json(&trashed);
    }
    if trashed.is_empty() {
        ctx.ui.status("the trash is empty");
        return Ok(());
    }
    print_line(entry_table(&ctx.ui, &trashed))?;
    Ok(())
}

/// Asks a yes/no question on the terminal; refuses when there is none.
fn confirm(question: &str) -> anyhow::Result<bool> {
    if !std::io::stdin().is_terminal() {
        return Err(UserError::usage(
            "refusing to delete without confirmation: standard input is not a terminal",
        )
        .hint("add --yes to empty the trash without being asked")
        .into());
    }
    eprint!("{question} [y/N] ");
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes"))
}
