//! The command line: global flags and the list of commands.
//!
//! Each command's own flags live beside its code in `src/commands/`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::commands;
use crate::output::ColorChoice;

/// A local-first learning portfolio: record what you learn, tag it to
/// competencies, and hand over the evidence
///
/// Your whole portfolio lives in one SQLite file on your own machine:
/// achievements, qualifications, certificates, courses, roles, reflections,
/// feedback, meetings and evidence files. Copying that file is a complete
/// backup.
#[derive(Debug, Parser)]
#[command(name = "folio", version, max_term_width = 100, propagate_version = true)]
pub struct Cli {
    /// The portfolio file to use [default: <data dir>/folio/portfolio.db]
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "FOLIO_DB",
        hide_env_values = true,
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,

    /// Read an encrypted portfolio's passphrase from this open file descriptor (for scripts)
    #[arg(long, global = true, help_heading = "Global options", value_name = "N")]
    pub passphrase_fd: Option<i32>,

    /// An age identity file (secret key) to read files encrypted to it (repeatable)
    #[arg(long, global = true, help_heading = "Global options", value_name = "FILE")]
    pub identity: Vec<PathBuf>,

    /// When to colour the output
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Print no status lines on stderr (data and errors still appear)
    #[arg(long, short, global = true, help_heading = "Global options")]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(commands::init::InitArgs),
    Add(commands::add::AddArgs),
    List(commands::list::ListArgs),
    Show(commands::show::ShowArgs),
    Edit(commands::edit::EditArgs),
    Rm(commands::rm::RmArgs),
    Trash(commands::trash::TrashArgs),
    Restore(commands::restore::RestoreArgs),
    Search(commands::search::SearchArgs),
    Tags(commands::tags::TagsArgs),
    Profile(commands::profile::ProfileArgs),
    Attach(commands::attach::AttachArgs),
    Detach(commands::detach::DetachArgs),
    Extract(commands::extract::ExtractArgs),
    Framework(commands::framework::FrameworkArgs),
    Claim(commands::claim::ClaimArgs),
    Unclaim(commands::unclaim::UnclaimArgs),
    Coverage(commands::coverage::CoverageArgs),
    Gaps(commands::gaps::GapsArgs),
    Rate(commands::rate::RateArgs),
    Ratings(commands::ratings::RatingsArgs),
    Verdict(commands::verdict::VerdictArgs),
    Goal(commands::goal::GoalArgs),
    Action(commands::action::ActionArgs),
    Mentor(commands::mentor::MentorArgs),
    Agenda(commands::agenda::AgendaArgs),
    Prompts(commands::prompts::PromptsArgs),
    Share(commands::share::ShareArgs),
    Pending(commands::pending::PendingArgs),
    Review(commands::review::ReviewArgs),
    Merge(commands::merge::MergeArgs),
    Sync(commands::sync::SyncArgs),
    Conflicts(commands::conflicts::ConflictsArgs),
    Cohort(commands::cohort::CohortArgs),
    Cpd(commands::cpd::CpdArgs),
    Requirements(commands::requirements::RequirementsArgs),
    Scan(commands::scan::ScanArgs),
    Stories(commands::stories::StoriesArgs),
    Rehearse(commands::rehearse::RehearseArgs),
    Export(commands::export::ExportArgs),
    Import(commands::import::ImportArgs),
    Backup(commands::backup::BackupArgs),
    Encrypt(commands::encryption::EncryptArgs),
    Decrypt(commands::encryption::DecryptArgs),
    Passphrase(commands::encryption::PassphraseArgs),
    Check(commands::check::CheckArgs),
    Demo(commands::demo::DemoArgs),
    Completions(commands::completions::CompletionsArgs),
    Man(commands::man::ManArgs),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
