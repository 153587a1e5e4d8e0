//! `folio scan`: what in the portfolio may identify someone other than you,
//! and `folio scan names`: the names of other people it watches for.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::identifiers::describe;
use super::list::RangeArgs;
use crate::Context;
use crate::db::actions::{self, ActionFilter};
use crate::db::filter::{EntryFilter, Privacy};
use crate::db::goals::{self, GoalFilter};
use crate::db::{entries, watched_names};
use crate::error::{AnsweredNo, UserError};
use crate::model::EntryId;
use crate::model::Visibility;
use crate::ops::identifiers::{Check, Policy, RecordKind};
use crate::output::{count, print_json, print_line};

/// Find what may identify a patient, client or colleague
///
/// Looks through every entry (private ones too), goal and action for NHS
/// numbers (with a valid check digit), National Insurance numbers, email
/// addresses, phone numbers, dates of birth, postcodes, hospital record
/// numbers and the names you watch for (`folio scan names add …`). Your own
/// name, email, phone and postcode from the profile are not findings. Each
/// finding is shown masked. Exits 1 when something is found.
///
/// Every export and `share` runs the same check on what it is about to
/// write, and refuses unless given --redact or --allow-identifiers.
///
///   folio scan
///
///   folio scan 12 14 --names-file patients.txt
///
///   folio scan names add "Mrs Patel" "Jo Bloggs"
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ScanArgs {
    #[command(subcommand)]
    pub command: Option<ScanCommand>,

    /// Only these entries [default: every entry, goal and action]
    #[arg(value_name = "ID")]
    pub ids: Vec<EntryId>,

    #[command(flatten)]
    pub range: RangeArgs,

    /// Also watch for the names in FILE (one per line; '#' starts a comment)
    #[arg(long, value_name = "FILE")]
    pub names_file: Option<PathBuf>,

    /// Print JSON: an array of {id, record, field, kind, masked}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ScanCommand {
    /// The names of other people to watch for: list, add or remove them
    Names(NamesArgs),
}

#[derive(Debug, Args)]
pub struct NamesArgs {
    #[command(subcommand)]
    pub action: Option<NamesAction>,
}

#[derive(Debug, Subcommand)]
pub enum NamesAction {
    /// Watch for these names (a patient's, a client's, a colleague's)
    Add {
        #[arg(required = true, value_name = "NAME")]
        names: Vec<String>,
    },
    /// Stop watching for these names
    Rm {
        #[arg(required = true, value_name = "NAME")]
        names: Vec<String>,
    },
    /// The names watched for (the default)
    List {
        /// Print JSON: an array of names
        #[arg(long)]
        json: bool,
    },
}

pub fn run(args: ScanArgs, ctx: &Context) -> anyhow::Result<()> {
    if let Some(ScanCommand::Names(names)) = args.command {
        return run_names(names.action.unwrap_or(NamesAction::List { json: false }), ctx);
    }
    let extra = match &args.names_file {
        Some(path) => read_names_file(path)?,
        None => Vec::new(),
    };
    let mut filter = EntryFilter { privacy: Privacy::All, ..Default::default() };
    args.range.apply(&mut filter, ctx)?;
    let db = ctx.open_db()?;
    let conn = db.read();
    let mut check = Check::new(conn, Policy::Allow, &extra)?;
    let mut found = if args.ids.is_empty() {
        entries::list(conn, &filter)?
    } else {
        args.ids.iter().map(|&id| entries::get(conn, id)).collect::<Result<Vec<_>, _>>()?
    };
    found.sort_by_key(|e| e.id);
    check.entries(&mut found);
    // The text inside attached files too (text files, JSON, Markdown, CSV, HTML, PDFs).
    for entry in &found {
        for file in &entry.attachments {
            if let Some(bytes) = crate::db::attachments::blob(conn, &file.sha256)? {
                check.attachment(
                    RecordKind::Entry,
                    Some(entry.id.0),
                    &entry.uuid,
                    &file.name,
                    &file.media_type,
                    &bytes,
                );
            }
        }
    }
    let whole = args.ids.is_empty() && filter.since.is_none() && filter.until.is_none();
    if whole {
        for mut goal in
            goals::list(conn, GoalFilter { visibility: Visibility::IncludePrivate, ..Default::default() })?
        {
            check.goal(&mut goal);
        }
        for mut action in actions::list(
            conn,
            ActionFilter { visibility: Visibility::IncludePrivate, ..Default::default() },
        )? {
            check.action(&mut action);
        }
    }
    let findings = check.into_findings(conn)?;
    if args.json {
        print_json(&findings)?;
    } else {
        for finding in &findings {
            print_line(describe(finding))?;
        }
        let looked = count(found.len(), "entry", "entries");
        let looked = if whole { format!("{looked}, goals and actions") } else { looked };
        match findings.len() {
            0 => ctx.ui.status(format!("no identifiers found in {looked}")),
            n => {
                // "in 1 record of 2 entries…": how many records hold them, of how many looked at.
                let holding: std::collections::HashSet<(&str, &str)> =
                    findings.iter().map(|f| (f.record.as_str(), f.uuid.as_str())).collect();
                ctx.ui.status(format!(
                    "{} in {} of {looked}",
                    count(n, "possible identifier", "possible identifiers"),
                    count(holding.len(), "record", "records")
                ));
                ctx.ui.hint("edit them out with `folio edit ID`, or give --redact when you export or share");
            }
        }
    }
    super::finish_reading(&db, ctx)?;
    if findings.is_empty() { Ok(()) } else { Err(AnsweredNo.into()) }
}

fn run_names(action: NamesAction, ctx: &Context) -> anyhow::Result<()> {
    match action {
        NamesAction::List { json } => {
            let db = ctx.open_db()?;
            let names = watched_names::list(db.read())?;
            if json {
                print_json(&names)?;
            } else if names.is_empty() {
                ctx.ui.status("no names watched for");
                ctx.ui.hint("add some with `folio scan names add NAME…`");
            } else {
                for name in &names {
                    print_line(name)?;
                }
            }
            super::finish_reading(&db, ctx)
        }
        NamesAction::Add { names } => {
            let names = clean(names)?;
            let mut db = ctx.open_db()?;
            let now = ctx.now();
            let added = db.write(|tx| {
                names.iter().try_fold(0, |n, name| {
                    Ok::<_, crate::db::DbError>(n + watched_names::add(tx, name, &now)? as usize)
                })
            })?;
            ctx.ui.status(format!(
                "watching for {} ({} already watched)",
                count(added, "new name", "new names"),
                names.len() - added
            ));
            Ok(())
        }
        NamesAction::Rm { names } => {
            let names = clean(names)?;
            let mut db = ctx.open_db()?;
            db.write(|tx| -> anyhow::Result<()> {
                for name in &names {
                    if !watched_names::remove(tx, name)? {
                        // Nothing is removed unless every name was watched.
                        return Err(UserError::new(format!("'{name}' is not watched for; nothing removed"))
                            .hint("see the list with `folio scan names`")
                            .into());
                    }
                }
                Ok(())
            })?;
            ctx.ui.status(format!("stopped watching for {}", count(names.len(), "name", "names")));
            Ok(())
        }
    }
}

/// Names with their spacing folded; an empty one is refused.
fn clean(names: Vec<String>) -> anyhow::Result<Vec<String>> {
    let names: Vec<String> =
        names.iter().map(|n| n.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    if names.iter().any(String::is_empty) {
        return Err(UserError::usage("a name cannot be empty").into());
    }
    Ok(names)
}

/// One name per line; blank lines and '#' comments are skipped.
pub fn read_names_file(path: &std::path::Path) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let reason = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            _ => e.to_string().to_lowercase(),
        };
        UserError::new(format!("cannot read the names file {}: {reason}", path.display()))
    })?;
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect())
}
