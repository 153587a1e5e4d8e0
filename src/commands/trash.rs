//! `folio trash`: list the trash, or empty it for good (asking first).

use std::io::{BufRead, IsTerminal, Write};

use clap::Args;

use super::plan_view::{action_table, goal_table};
use super::render::entry_table;
use crate::Context;
use crate::db::actions::{self, ActionFilter};
use crate::db::filter::EntryFilter;
use crate::db::goals::{self, GoalFilter};
use crate::db::{self, entries};
use crate::error::UserError;
use crate::model::Visibility;
use crate::output::{count, print_json, print_line};

/// List the entries, goals and actions in the trash, or empty it
#[derive(Debug, Args)]
pub struct TrashArgs {
    /// Delete everything in the trash for good, its text and the files only it used removed from the portfolio file (asks first on a terminal)
    #[arg(long)]
    pub empty: bool,

    /// Do not ask before emptying the trash (needed when not on a terminal)
    #[arg(long, short = 'y', requires = "empty")]
    pub yes: bool,

    /// Print JSON (an array of the entries) instead of tables
    #[arg(long, conflicts_with = "empty")]
    pub json: bool,
}

pub fn run(args: TrashArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let (trashed, goals_trashed, actions_trashed) = db.snapshot(|conn| {
        let entries = entries::list(conn, &EntryFilter { trashed: true, ..Default::default() })?;
        let goals = goals::list(
            conn,
            GoalFilter { visibility: Visibility::IncludePrivate, trashed: true, status: None, due_by: None },
        )?;
        let actions = actions::list(
            conn,
            ActionFilter { visibility: Visibility::IncludePrivate, trashed: true, ..Default::default() },
        )?;
        Ok((entries, goals, actions))
    })?;
    let total = trashed.len() + goals_trashed.len() + actions_trashed.len();
    if args.empty {
        if total == 0 {
            ctx.ui.status("the trash is already empty");
            return Ok(());
        }
        let what = [
            (trashed.len(), "entry", "entries"),
            (goals_trashed.len(), "goal", "goals"),
            (actions_trashed.len(), "action", "actions"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| count(n, one, many))
        .collect::<Vec<_>>()
        .join(", ");
        if !args.yes && !confirm(&format!("Delete {what} in the trash for good?"))? {
            ctx.ui.status("the trash was not emptied");
            return Ok(());
        }
        db.write(db::trash::purge_trash)?;
        db.checkpoint()?;
        ctx.ui.status(format!("deleted {what} for good"));
        return Ok(());
    }
    if args.json {
        return print_json(&trashed);
    }
    if total == 0 {
        ctx.ui.status("the trash is empty");
        return Ok(());
    }
    if !trashed.is_empty() {
        print_line(entry_table(&ctx.ui, &trashed))?;
    }
    if !goals_trashed.is_empty() {
        print_line(ctx.ui.bold("Goals (back with `folio goal restore ID`)"))?;
        print_line(goal_table(&ctx.ui, &goals_trashed, &[], ctx.today))?;
    }
    if !actions_trashed.is_empty() {
        print_line(ctx.ui.bold("Actions (back with `folio action restore ID`)"))?;
        print_line(action_table(&ctx.ui, &actions_trashed, ctx.today))?;
    }
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
