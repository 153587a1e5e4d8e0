//! One file per command: its clap `Args` struct and its `run` function.

pub mod add;
pub mod attach;
pub mod edit;
mod editor;
mod fields;
pub mod init;
pub mod list;
pub mod profile;
mod render;
pub mod search;
pub mod show;
pub mod tags;
pub mod trash;

use crate::Context;
use crate::cli::Command;

/// Runs one command.
pub fn run(command: Command, ctx: &Context) -> anyhow::Result<()> {
    match command {
        Command::Init(args) => init::run(args, ctx),
        Command::Add(args) => add::run(args, ctx),
        Command::List(args) => list::run(args, ctx),
        Command::Show(args) => show::run(args, ctx),
        Command::Edit(args) => edit::run(args, ctx),
        Command::Rm(args) => trash::rm(args, ctx),
        Command::Trash(args) => trash::list(args, ctx),
        Command::Restore(args) => trash::restore(args, ctx),
        Command::Search(args) => search::run(args, ctx),
        Command::Tags(args) => tags::run(args, ctx),
        Command::Profile(args) => profile::run(args, ctx),
        Command::Attach(args) => attach::attach(args, ctx),
        Command::Detach(args) => attach::detach(args, ctx),
        Command::Extract(args) => attach::extract(args, ctx),
    }
}
