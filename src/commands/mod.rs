//! One file per command: its clap `Args` struct and its `run` function.

pub mod action;
pub mod add;
pub mod agenda;
pub mod attach;
pub mod backup;
pub mod check;
pub mod claim;
pub mod cohort;
pub mod completions;
pub mod conflicts;
pub mod coverage;
pub mod cpd;
pub mod demo;
mod demo_dates;
pub mod detach;
pub mod edit;
pub(crate) mod editor;
pub mod encryption;
pub mod export;
pub mod extract;
mod fields;
pub mod framework;
pub mod gaps;
pub mod goal;
pub mod home;
pub mod identifiers;
pub mod import;
pub mod init;
pub mod jot;
pub mod key;
pub mod list;
pub mod man;
pub mod mentor;
pub mod merge;
mod merge_verdicts;
pub mod outbox;
pub mod pending;
mod plan_view;
pub mod profile;
pub mod prompts;
pub mod rate;
pub mod ratings;
pub mod rehearse;
mod render;
pub mod requirements;
pub mod restore;
pub mod review;
pub mod rm;
pub mod scan;
pub mod search;
pub mod selection;
pub mod share;
mod share_html;
pub mod show;
pub mod sign;
pub mod stories;
pub mod sync;
pub mod tags;
pub mod trash;
pub mod unclaim;
pub mod unlock;
pub mod verdict;
pub mod verify;

use clap::Subcommand;

use crate::Context;
use crate::db::refs::{self, Resolved};
use crate::db::{Conn, Db};
use crate::error::UserError;
use crate::model::Reference;

/// Every command, each with its own flags (the list `folio --help` shows).
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    Init(init::InitArgs),
    Jot(jot::JotArgs),
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Edit(edit::EditArgs),
    Rm(rm::RmArgs),
    Trash(trash::TrashArgs),
    Restore(restore::RestoreArgs),
    Search(search::SearchArgs),
    OnThisDay(list::OnThisDayArgs),
    Tags(tags::TagsArgs),
    Profile(profile::ProfileArgs),
    Attach(attach::AttachArgs),
    Detach(detach::DetachArgs),
    Extract(extract::ExtractArgs),
    Framework(framework::FrameworkArgs),
    Claim(claim::ClaimArgs),
    Unclaim(unclaim::UnclaimArgs),
    Coverage(coverage::CoverageArgs),
    Gaps(gaps::GapsArgs),
    Rate(rate::RateArgs),
    Ratings(ratings::RatingsArgs),
    Verdict(verdict::VerdictArgs),
    Verify(verify::VerifyArgs),
    Sign(sign::SignArgs),
    Goal(goal::GoalArgs),
    Action(action::ActionArgs),
    Mentor(mentor::MentorArgs),
    Agenda(agenda::AgendaArgs),
    Prompts(prompts::PromptsArgs),
    Share(share::ShareArgs),
    Outbox(outbox::OutboxArgs),
    Pending(pending::PendingArgs),
    Review(review::ReviewArgs),
    Merge(merge::MergeArgs),
    Sync(sync::SyncArgs),
    Conflicts(conflicts::ConflictsArgs),
    Cohort(cohort::CohortArgs),
    Cpd(cpd::CpdArgs),
    Requirements(requirements::RequirementsArgs),
    Scan(scan::ScanArgs),
    Stories(stories::StoriesArgs),
    Rehearse(rehearse::RehearseArgs),
    Export(export::ExportArgs),
    Import(import::ImportArgs),
    Backup(backup::BackupArgs),
    Encrypt(encryption::EncryptArgs),
    Decrypt(encryption::DecryptArgs),
    Passphrase(encryption::PassphraseArgs),
    Key(key::KeyArgs),
    Unlock(unlock::UnlockArgs),
    Lock(unlock::LockArgs),
    #[command(hide = true)]
    Agent(unlock::AgentArgs),
    Check(check::CheckArgs),
    Demo(demo::DemoArgs),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
}

/// Whether a command may create the portfolio when there is none: those
/// that add something to an empty one. Any other on a missing file is an
/// error naming it (a typo in --db must not answer "nothing here").
pub fn creates_portfolio(command: &Command) -> bool {
    match command {
        Command::Init(_) | Command::Add(_) | Command::Jot(_) | Command::Import(_) | Command::Demo(_) => true,
        Command::Framework(args) => matches!(args.action, framework::FrameworkAction::Import(_)),
        Command::Profile(args) => matches!(args.action, Some(profile::ProfileAction::Set(_))),
        Command::Goal(args) => matches!(args.action, goal::GoalAction::Add(_)),
        Command::Action(args) => matches!(args.action, action::ActionCommand::Add(_)),
        Command::Mentor(args) => matches!(args.action, mentor::MentorCommand::Add(_)),
        Command::Requirements(args) => matches!(
            args.action,
            requirements::RequirementsCommand::Import(_) | requirements::RequirementsCommand::Track(_)
        ),
        Command::Scan(args) => matches!(
            &args.command,
            Some(scan::ScanCommand::Names(names)) if matches!(names.action, Some(scan::NamesAction::Add { .. }))
        ),
        _ => false,
    }
}

/// Runs one command. A portfolio it created is said once when it worked,
/// and removed again when it failed (a failed command leaves nothing).
pub fn run(command: Command, ctx: &Context) -> anyhow::Result<()> {
    ctx.may_create.set(creates_portfolio(&command));
    let says_itself = matches!(command, Command::Init(_) | Command::Demo(_));
    let existed = ctx.db_path.exists();
    let result = dispatch(command, ctx);
    if !existed && ctx.db_path.exists() && !says_itself {
        if result.is_ok() {
            ctx.ui.status(format!("created portfolio {}", ctx.db_path.display()));
        } else {
            for side in ["", "-wal", "-shm", "-journal"] {
                let mut path = ctx.db_path.clone().into_os_string();
                path.push(side);
                let _ = std::fs::remove_file(path);
            }
        }
    }
    result
}

fn dispatch(command: Command, ctx: &Context) -> anyhow::Result<()> {
    match command {
        Command::Init(args) => init::run(args, ctx),
        Command::Add(args) => add::run(args, ctx),
        Command::Jot(args) => jot::run(args, ctx),
        Command::OnThisDay(args) => list::on_this_day(args, ctx),
        Command::List(args) => list::run(args, ctx),
        Command::Show(args) => show::run(args, ctx),
        Command::Edit(args) => edit::run(args, ctx),
        Command::Rm(args) => rm::run(args, ctx),
        Command::Trash(args) => trash::run(args, ctx),
        Command::Restore(args) => restore::run(args, ctx),
        Command::Search(args) => search::run(args, ctx),
        Command::Tags(args) => tags::run(args, ctx),
        Command::Profile(args) => profile::run(args, ctx),
        Command::Attach(args) => attach::run(args, ctx),
        Command::Detach(args) => detach::run(args, ctx),
        Command::Extract(args) => extract::run(args, ctx),
        Command::Framework(args) => framework::run(args, ctx),
        Command::Claim(args) => claim::run(args, ctx),
        Command::Unclaim(args) => unclaim::run(args, ctx),
        Command::Coverage(args) => coverage::run(args, ctx),
        Command::Gaps(args) => gaps::run(args, ctx),
        Command::Rate(args) => rate::run(args, ctx),
        Command::Ratings(args) => ratings::run(args, ctx),
        Command::Verdict(args) => verdict::run(args, ctx),
        Command::Verify(args) => verify::run(args, ctx),
        Command::Sign(args) => sign::run(args, ctx),
        Command::Goal(args) => goal::run(args, ctx),
        Command::Action(args) => action::run(args, ctx),
        Command::Mentor(args) => mentor::run(args, ctx),
        Command::Agenda(args) => agenda::run(args, ctx),
        Command::Prompts(args) => prompts::run(args, ctx),
        Command::Share(args) => share::run(args, ctx),
        Command::Outbox(args) => outbox::run(args, ctx),
        Command::Pending(args) => pending::run(args, ctx),
        Command::Review(args) => review::run(args, ctx),
        Command::Merge(args) => merge::run(args, ctx),
        Command::Sync(args) => sync::run(args, ctx),
        Command::Conflicts(args) => conflicts::run(args, ctx),
        Command::Cohort(args) => cohort::run(args, ctx),
        Command::Cpd(args) => cpd::run(args, ctx),
        Command::Requirements(args) => requirements::run(args, ctx),
        Command::Scan(args) => scan::run(args, ctx),
        Command::Stories(args) => stories::run(args, ctx),
        Command::Rehearse(args) => rehearse::run(args, ctx),
        Command::Export(args) => export::run(args, ctx),
        Command::Encrypt(args) => encryption::encrypt(args, ctx),
        Command::Decrypt(args) => encryption::decrypt(args, ctx),
        Command::Passphrase(args) => encryption::passphrase(args, ctx),
        Command::Key(args) => key::run(args, ctx),
        Command::Unlock(args) => unlock::unlock(args, ctx),
        Command::Lock(args) => unlock::lock(args, ctx),
        Command::Agent(args) => unlock::agent(args, ctx),
        Command::Import(args) => import::run(args, ctx),
        Command::Backup(args) => backup::run(args, ctx),
        Command::Check(args) => check::run(args, ctx),
        Command::Demo(args) => demo::run(args, ctx),
        Command::Completions(args) => completions::run(args, ctx),
        Command::Man(args) => man::run(args, ctx),
    }
}

/// Parses a competency reference typed by the user.
pub(crate) fn parse_reference(text: &str) -> anyhow::Result<Reference> {
    text.parse().map_err(|e: crate::model::reference::ReferenceError| {
        UserError::new(e.to_string())
            .hint("for example emcc/relationship or emcc/relationship/practitioner/2")
            .into()
    })
}

/// Parses a length of time given to `flag` (`--within 30d`, `--meet-every 4w`).
pub(crate) fn parse_span(flag: &str, text: &str) -> anyhow::Result<crate::model::Span> {
    text.parse().map_err(|e: crate::model::span::SpanError| {
        UserError::new(format!("{flag}: {e}")).hint("for example 30d, 2w, 1m or 1y").into()
    })
}

/// Parses and resolves a competency reference typed by the user.
pub(crate) fn resolve_reference(conn: &Conn, text: &str) -> anyhow::Result<Resolved> {
    Ok(refs::resolve(conn, &parse_reference(text)?)?)
}

/// Ends a listing or an export: warns of each entry left out because it
/// could not be read, and fails (exit 1) if there was any — after what could
/// be read was written, so the user still has it.
pub(crate) fn finish_reading(db: &Db, ctx: &Context) -> anyhow::Result<()> {
    let left_out = db.read().take_unreadable();
    if left_out.is_empty() {
        return Ok(());
    }
    for entry in &left_out {
        ctx.ui.warn(format!("left out {entry}"));
    }
    let (noun, verb) = if left_out.len() == 1 { ("entry", "was") } else { ("entries", "were") };
    Err(UserError::new(format!("{} {noun} could not be read and {verb} left out", left_out.len()))
        .hint("`folio check` lists every problem in the portfolio")
        .into())
}

pub(crate) use crate::files::{write_file_atomically, write_file_atomically_with};
