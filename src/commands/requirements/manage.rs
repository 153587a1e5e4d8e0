//! `folio requirements list`, `show`, `import`, `track` and `untrack`.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::known;
use crate::Context;
use crate::db::requirements;
use crate::error::UserError;
use crate::model::requirements::{RequirementSet, Window};
use crate::model::requirements_toml;
use crate::output::{print_json, print_line};
use crate::report::requirements::all;

/// List the requirement sets: built in and imported
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON (an array of {key, title, source, window, rules, built_in, tracked})
    #[arg(long)]
    pub json: bool,
}

/// Show a requirement set: its rules, source and notes
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The set's key
    pub key: String,
    /// Print JSON: {key, title, source, window, built_in, tracked, notes, rules: [name], text}
    #[arg(long)]
    pub json: bool,
}

/// Add a requirement set from a TOML file (docs/requirements.md), or replace one
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The TOML file
    pub file: PathBuf,
}

/// Follow a requirement set in `folio agenda`, with the day it must be met by
#[derive(Debug, Args)]
pub struct TrackArgs {
    /// The set's key
    pub key: String,

    /// The day it must be met by (a revalidation date); the check counts the window up to it
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
}

/// Stop following a requirement set in the agenda
#[derive(Debug, Args)]
pub struct UntrackArgs {
    /// The set's key
    pub key: String,
}

#[derive(Debug, Serialize)]
struct Listed {
    key: String,
    title: String,
    source: String,
    window: String,
    rules: usize,
    built_in: bool,
    tracked: bool,
}

/// `requirements show --json`.
#[derive(Debug, Serialize)]
struct Shown<'a> {
    key: &'a str,
    title: &'a str,
    source: &'a str,
    window: String,
    built_in: bool,
    tracked: bool,
    notes: Option<&'a str>,
    rules: Vec<&'a str>,
    text: &'a str,
}

fn window_text(set: &RequirementSet) -> String {
    match (set.window, set.calendar) {
        (Window::Years(1), false) => "the year up to the day checked".into(),
        (Window::Years(n), false) => format!("the {n} years up to the day checked"),
        (Window::Years(1), true) => "the calendar year of the day checked, from 1 January".into(),
        (Window::Years(n), true) => format!("the {n} calendar years up to the day checked, from 1 January"),
        (Window::Period(from, to), _) => format!("{from} to {to}"),
    }
}

pub fn list(args: ListArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let tracked = requirements::tracked(db.read())?;
    let listed: Vec<Listed> = all(db.read())?
        .into_iter()
        .map(|k| Listed {
            tracked: tracked.iter().any(|(key, _)| key.eq_ignore_ascii_case(&k.set.key)),
            window: window_text(&k.set),
            key: k.set.key,
            title: k.set.title,
            source: k.set.source,
            rules: k.set.rules.len(),
            built_in: k.built_in,
        })
        .collect();
    if args.json {
        return print_json(&listed);
    }
    let mut table = ctx.ui.table(&["Key", "Title", "Window", "Rules", "Status"]);
    for l in &listed {
        let mut marks = Vec::new();
        if !l.built_in {
            marks.push("imported");
        }
        if l.tracked {
            marks.push("tracked");
        }
        table.add_row(vec![
            l.key.clone(),
            l.title.clone(),
            l.window.clone(),
            l.rules.to_string(),
            marks.join(", "),
        ]);
    }
    crate::commands::render::keep_first_column_whole(&mut table);
    print_line(table)?;
    Ok(())
}

pub fn show(args: ShowArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let known = known(db.read(), &args.key)?;
    let set = &known.set;
    if args.json {
        let tracked =
            requirements::tracked(db.read())?.iter().any(|(key, _)| key.eq_ignore_ascii_case(&set.key));
        return print_json(&Shown {
            key: &set.key,
            title: &set.title,
            source: &set.source,
            window: window_text(set),
            built_in: known.built_in,
            tracked,
            notes: set.notes.as_deref(),
            rules: set.rules.iter().map(|r| r.name.as_str()).collect(),
            text: &known.text,
        });
    }
    let ui = &ctx.ui;
    print_line(format!("{} {}", ui.bold(&set.title), ui.dim(&set.key)))?;
    print_line(format!("  source:  {}", set.source))?;
    print_line(format!("  window:  {}", window_text(set)))?;
    if let Some(notes) = &set.notes {
        print_line(format!("\n{}", notes.trim()))?;
    }
    print_line(format!("\n{}", ui.bold("The file")))?;
    print_line(known.text.trim_end())?;
    Ok(())
}

pub fn import(args: ImportArgs, ctx: &Context) -> anyhow::Result<()> {
    if let Some(too_large) = crate::model::limits::too_large_to_read(&args.file) {
        return Err(UserError::new(too_large).into());
    }
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| UserError::new(format!("cannot read {}: {e}", args.file.display())))?;
    let set = requirements_toml::parse(&text)
        .map_err(|e| UserError::new(format!("{}: {e}", args.file.display())))?;
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let replaced = db.write(|tx| requirements::save(tx, &set.key, &text, &now))?;
    let verb = if replaced { "replaced" } else { "imported" };
    ctx.ui.status(format!("{verb} requirement set {} ({} rules): {}", set.key, set.rules.len(), set.title));
    Ok(())
}

pub fn track(args: TrackArgs, ctx: &Context) -> anyhow::Result<()> {
    let due = args.due.as_deref().map(|d| ctx.parse_date(d)).transpose()?;
    let mut db = ctx.open_db()?;
    let key = known(db.read(), &args.key)?.set.key;
    db.write(|tx| requirements::track(tx, &key, due))?;
    let by = due.map(|d| format!(", due {d}")).unwrap_or_default();
    ctx.ui.status(format!("following {key} in `folio agenda`{by}"));
    Ok(())
}

pub fn untrack(args: UntrackArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    if !db.write(|tx| requirements::untrack(tx, args.key.trim()))? {
        return Err(UserError::new(format!("'{}' is not followed", args.key.trim()))
            .hint("`folio requirements list` marks the sets followed")
            .into());
    }
    ctx.ui.status(format!("no longer following {}", args.key.trim()));
    Ok(())
}
