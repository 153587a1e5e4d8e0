//! `folio action done`, `reopen` and `edit`: change an action in one transaction.

use clap::Args;

use crate::Context;
use crate::commands::goal::due_flag;
use crate::db::{actions, goals};
use crate::error::UserError;
use crate::model::plan::owner_from_flag;
use crate::model::{Action, ActionId, EntryId, GoalId};

/// Tick an action off
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The action's id
    pub id: ActionId,

    /// The day it was done [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// What came of it
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Print JSON: {the action as it now is}
    #[arg(long)]
    pub json: bool,
}

/// Open a done action again
#[derive(Debug, Args)]
pub struct ReopenArgs {
    /// The action's id
    pub id: ActionId,
    /// Print JSON: {the action as it now is}
    #[arg(long)]
    pub json: bool,
}

/// Change an action
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The action's id
    pub id: ActionId,

    /// New text
    #[arg(long)]
    pub text: Option<String>,

    /// A new due date; an empty value clears it
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,

    /// Move it to this goal
    #[arg(long, value_name = "ID", conflicts_with = "no_goal")]
    pub goal: Option<GoalId>,

    /// Take it out of its goal
    #[arg(long)]
    pub no_goal: bool,

    /// The meeting entry it was agreed in
    #[arg(long, value_name = "ENTRY_ID")]
    pub meeting: Option<EntryId>,

    /// Who does it: me or a name
    #[arg(long, value_name = "me|NAME")]
    pub owner: Option<String>,

    /// A new note; an empty value clears it
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Print JSON: {the action as it now is}
    #[arg(long)]
    pub json: bool,
}

pub fn done(args: DoneArgs, ctx: &Context) -> anyhow::Result<()> {
    let json = args.json;
    let on = ctx.parse_date(args.date.as_deref().unwrap_or("today"))?;
    let note = args.note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
    let action = change(ctx, args.id, |action| {
        action.done = Some(on);
        if note.is_some() {
            action.note = note.clone();
        }
        Ok(())
    })?;
    if json {
        return crate::output::print_json(&action);
    }
    ctx.ui.status(format!("done {on}: action {} {}", action.id, action.text));
    Ok(())
}

pub fn reopen(args: ReopenArgs, ctx: &Context) -> anyhow::Result<()> {
    let json = args.json;
    let action = change(ctx, args.id, |action| {
        action.done = None;
        Ok(())
    })?;
    if json {
        return crate::output::print_json(&action);
    }
    ctx.ui.status(format!("action {} is open again: {}", action.id, action.text));
    Ok(())
}

pub fn edit(args: EditArgs, ctx: &Context) -> anyhow::Result<()> {
    let json = args.json;
    let due = due_flag(ctx, args.due.as_deref())?;
    if args.text.is_none()
        && due.is_none()
        && args.goal.is_none()
        && !args.no_goal
        && args.meeting.is_none()
        && args.owner.is_none()
        && args.note.is_none()
    {
        return Err(UserError::usage("nothing to change")
            .hint("give --text, --due, --goal, --no-goal, --meeting, --owner or --note")
            .into());
    }
    let action = change(ctx, args.id, |action| {
        if let Some(text) = &args.text {
            action.text = text.clone();
        }
        if let Some(due) = due {
            action.due = due;
        }
        if args.goal.is_some() || args.no_goal {
            action.goal = args.goal;
        }
        if args.meeting.is_some() {
            action.meeting = args.meeting;
        }
        if let Some(owner) = &args.owner {
            action.owner = owner_from_flag(owner);
        }
        if let Some(note) = &args.note {
            action.note = Some(note.trim().to_string()).filter(|n| !n.is_empty());
        }
        Ok(())
    })?;
    if json {
        return crate::output::print_json(&action);
    }
    ctx.ui.status(format!("updated action {}", action.id));
    Ok(())
}

/// Reads the action, changes it, checks its goal and meeting, and writes it
/// back, all in one transaction.
fn change(
    ctx: &Context,
    id: ActionId,
    apply: impl FnOnce(&mut Action) -> anyhow::Result<()>,
) -> anyhow::Result<Action> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    db.write(|tx| -> anyhow::Result<Action> {
        let mut action = actions::get(tx, id)?;
        apply(&mut action)?;
        action.validate().map_err(|e| UserError::new(e.to_string()))?;
        if let Some(goal) = action.goal {
            goals::get(tx, goal)?;
        }
        if let Some(meeting) = action.meeting {
            actions::check_meeting(tx, meeting)?;
        }
        action.updated_at = now.clone();
        actions::update(tx, &action)?;
        Ok(action)
    })
}
