//! `folio mentor …`: the people you are mentored, supervised or assessed by.

mod add;
mod end;
mod list;
mod show;

use clap::{Args, Subcommand};

use crate::Context;

/// Record mentoring relationships: who, in what role, how often you meet
///
/// A meeting (`folio add meeting … --with NAME`) or feedback (`--from NAME`)
/// whose name matches a mentor's, in any case, is theirs; `folio agenda`
/// says when you are due to meet again.
///
///   folio mentor add "Dr Sam Okafor" --role supervisor --since 2026-01 --meet-every 4w --contract contract.pdf
#[derive(Debug, Args)]
pub struct MentorArgs {
    #[command(subcommand)]
    pub action: MentorCommand,
}

#[derive(Debug, Subcommand)]
pub enum MentorCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    End(end::EndArgs),
}

pub fn run(args: MentorArgs, ctx: &Context) -> anyhow::Result<()> {
    match args.action {
        MentorCommand::Add(a) => add::run(a, ctx),
        MentorCommand::List(a) => list::run(a, ctx),
        MentorCommand::Show(a) => show::run(a, ctx),
        MentorCommand::End(a) => end::run(a, ctx),
    }
}
