//! `folio profile`: who the portfolio belongs to — the opening page of every
//! document: name, headline, contact, summary and the Personal Profile
//! (attributes, job skills, personal skills).

mod set;
mod show;

use clap::{Args, Subcommand};

use self::set::SetArgs;
use crate::Context;

/// Show or set your profile
#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[command(subcommand)]
    pub action: Option<ProfileAction>,

    /// Print JSON instead of text (for `folio profile` with no subcommand)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ProfileAction {
    /// Show the profile (the default)
    Show {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Set profile fields; only the flags given change
    Set(Box<SetArgs>),
}

pub fn run(args: ProfileArgs, ctx: &Context) -> anyhow::Result<()> {
    match args.action.unwrap_or(ProfileAction::Show { json: args.json }) {
        ProfileAction::Show { json } => show::run(json, ctx),
        ProfileAction::Set(set) => set::run(*set, ctx),
    }
}
