//! `folio action …`: the steps agreed towards goals — add, list, tick off.

mod add;
mod change;
mod list;
mod trash;

use clap::{Args, Subcommand};

use crate::Context;

/// Agree actions, list what is open or overdue, and tick them off
///
/// An action may belong to a goal (`--goal`), record the meeting it was
/// agreed in (`--meeting`), and say who does it (`--owner`, you by default).
///
///   folio action add "Read Kline, Time to Think, ch. 1-3" --goal 2 --due 'in 2 weeks'
///   folio action done 7 --note "Tried the thinking environment in session 3"
#[derive(Debug, Args)]
pub struct ActionArgs {
    #[command(subcommand)]
    pub action: ActionCommand,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Done(change::DoneArgs),
    Reopen(change::ReopenArgs),
    Edit(change::EditArgs),
    Rm(trash::RmArgs),
    Restore(trash::RestoreArgs),
}

pub fn run(args: ActionArgs, ctx: &Context) -> anyhow::Result<()> {
    match args.action {
        ActionCommand::Add(a) => add::run(a, ctx),
        ActionCommand::List(a) => list::run(a, ctx),
        ActionCommand::Done(a) => change::done(a, ctx),
        ActionCommand::Reopen(a) => change::reopen(a, ctx),
        ActionCommand::Edit(a) => change::edit(a, ctx),
        ActionCommand::Rm(a) => trash::rm(a, ctx),
        ActionCommand::Restore(a) => trash::restore(a, ctx),
    }
}
