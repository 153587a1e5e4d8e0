//! `folio goal …`: objectives — set, list, show, edit, close, and the trash.

mod add;
mod close;
mod edit;
mod list;
mod show;
mod trash;

use clap::{Args, Subcommand};

use crate::Context;
use crate::error::UserError;
use crate::model::PartialDate;

/// Set objectives and follow them through
///
/// A goal is what you want to achieve, by when, towards which competencies.
/// Actions (`folio action add --goal ID`) are the steps; `goal list` shows
/// how many are done, and `folio agenda` what is due.
///
///   folio goal add "Lead a group supervision session" --due 2026-06 --competency emcc/relationship
#[derive(Debug, Args)]
pub struct GoalArgs {
    #[command(subcommand)]
    pub action: GoalAction,
}

#[derive(Debug, Subcommand)]
pub enum GoalAction {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Edit(edit::EditArgs),
    Done(close::DoneArgs),
    Drop(close::DropArgs),
    Reopen(close::ReopenArgs),
    Rm(trash::RmArgs),
    Restore(trash::RestoreArgs),
}

pub fn run(args: GoalArgs, ctx: &Context) -> anyhow::Result<()> {
    match args.action {
        GoalAction::Add(a) => add::run(a, ctx),
        GoalAction::List(a) => list::run(a, ctx),
        GoalAction::Show(a) => show::run(a, ctx),
        GoalAction::Edit(a) => edit::run(a, ctx),
        GoalAction::Done(a) => close::done(a, ctx),
        GoalAction::Drop(a) => close::drop(a, ctx),
        GoalAction::Reopen(a) => close::reopen(a, ctx),
        GoalAction::Rm(a) => trash::rm(a, ctx),
        GoalAction::Restore(a) => trash::restore(a, ctx),
    }
}

/// A `--due` value: a date, or empty to clear it (`Some(None)`).
pub(crate) fn due_flag(ctx: &Context, value: Option<&str>) -> anyhow::Result<Option<Option<PartialDate>>> {
    match value.map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(text) => Ok(Some(Some(ctx.parse_date(text).map_err(|e| {
            UserError::new(format!("--due: {e}"))
                .hint("for example --due 2026-06, --due 2026-06-30 or --due 'in 4 weeks'")
        })?))),
    }
}
