//! `folio framework …`: import, list, show, remove and export competency
//! frameworks, one file per subcommand.

mod export;
mod import;
mod list;
mod rm;
mod show;

use clap::{Args, Subcommand};

use self::export::ExportArgs;
use self::import::ImportArgs;
use self::list::ListArgs;
use self::rm::RmArgs;
use self::show::ShowArgs;
use crate::Context;

/// Manage competency frameworks
///
/// A framework has levels (optional), competencies (optionally nested) and
/// capability indicators per competency and level. Entries claim them as
/// evidence; `coverage` and `gaps` show what is covered.
#[derive(Debug, Args)]
pub struct FrameworkArgs {
    #[command(subcommand)]
    pub action: FrameworkAction,
}

#[derive(Debug, Subcommand)]
pub enum FrameworkAction {
    Import(ImportArgs),
    List(ListArgs),
    Show(ShowArgs),
    Rm(RmArgs),
    Export(ExportArgs),
}

pub fn run(args: FrameworkArgs, ctx: &Context) -> anyhow::Result<()> {
    match args.action {
        FrameworkAction::Import(a) => import::run(a, ctx),
        FrameworkAction::List(a) => list::run(a, ctx),
        FrameworkAction::Show(a) => show::run(a, ctx),
        FrameworkAction::Rm(a) => rm::run(a, ctx),
        FrameworkAction::Export(a) => export::run(a, ctx),
    }
}
