//! `folio requirements …`: a regulator's or scheme's rules, checked with an exit code.

mod audit;
mod check;
mod manage;

pub(crate) use check::as_of;

use clap::{Args, Subcommand};

use crate::Context;
use crate::error::UserError;
use crate::report::requirements::{self, Known};

/// Check a regulator's or scheme's requirements (NMC, GMC, RCVS, HCPC, RICS, ACCA, PMI, EMCC)
///
/// A requirement set is rules over a window of time: hours of CPD (once
/// reflected on, each calendar year, with what may be carried forward),
/// counts of feedback or reflections for each role held, competencies
/// covered, gaps, something once in every few years. folio ships eleven
/// sets, each with its source and what of it was verified; `import` adds
/// your own (the format: docs/requirements.md).
///
///   folio requirements check nmc-revalidation --as-of 2027-03-31
///
///   folio requirements audit rcvs-vet --sample 5
#[derive(Debug, Args)]
pub struct RequirementsArgs {
    #[command(subcommand)]
    pub action: RequirementsCommand,
}

#[derive(Debug, Subcommand)]
pub enum RequirementsCommand {
    List(manage::ListArgs),
    Show(manage::ShowArgs),
    Import(manage::ImportArgs),
    Check(check::CheckArgs),
    Audit(audit::AuditArgs),
    Track(manage::TrackArgs),
    Untrack(manage::UntrackArgs),
}

pub fn run(args: RequirementsArgs, ctx: &Context) -> anyhow::Result<()> {
    match args.action {
        RequirementsCommand::List(a) => manage::list(a, ctx),
        RequirementsCommand::Show(a) => manage::show(a, ctx),
        RequirementsCommand::Import(a) => manage::import(a, ctx),
        RequirementsCommand::Check(a) => check::run(a, ctx),
        RequirementsCommand::Audit(a) => audit::run(a, ctx),
        RequirementsCommand::Track(a) => manage::track(a, ctx),
        RequirementsCommand::Untrack(a) => manage::untrack(a, ctx),
    }
}

/// The set of this key, or an error listing the keys there are.
pub(crate) fn known(conn: &crate::db::Conn, key: &str) -> anyhow::Result<Known> {
    match requirements::find(conn, key)? {
        Some(known) => Ok(known),
        None => {
            let keys: Vec<String> = requirements::all(conn)?.into_iter().map(|k| k.set.key).collect();
            Err(UserError::new(format!("no requirement set '{}'", key.trim()))
                .hint(format!("the sets: {}; `folio requirements import FILE` adds one", keys.join(", ")))
                .into())
        }
    }
}
