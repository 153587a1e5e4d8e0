//! `folio goal done`, `drop` and `reopen`: close a goal on a day, or open it again.

use clap::Args;

use crate::Context;
use crate::db::actions::{self, ActionFilter};
use crate::db::goals;
use crate::model::Visibility;
use crate::model::{Goal, GoalId, GoalStatus};
use crate::output::{count, print_json};

/// Mark a goal achieved
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The goal's id
    pub id: GoalId,

    /// The day it was achieved [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Print JSON: {the goal as it now is}
    #[arg(long)]
    pub json: bool,
}

/// Give a goal up, saying why
#[derive(Debug, Args)]
pub struct DropArgs {
    /// The goal's id
    pub id: GoalId,

    /// Why it was dropped (shown in the review document)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    /// The day it was dropped [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Print JSON: {the goal as it now is}
    #[arg(long)]
    pub json: bool,
}

/// Open a done or dropped goal again
#[derive(Debug, Args)]
pub struct ReopenArgs {
    /// The goal's id
    pub id: GoalId,
    /// Print JSON: {the goal as it now is}
    #[arg(long)]
    pub json: bool,
}

pub fn done(args: DoneArgs, ctx: &Context) -> anyhow::Result<()> {
    let on = ctx.parse_date(args.date.as_deref().unwrap_or("today"))?;
    let (goal, open) = change(ctx, args.id, |goal| {
        goal.status = GoalStatus::Done;
        goal.closed_on = Some(on);
        goal.reason = None;
    })?;
    let mut message = format!("goal {} is done: {}", goal.id, goal.title);
    if open > 0 {
        message.push_str(&format!(" ({} still open)", count(open, "action", "actions")));
    }
    if args.json {
        return print_json(&goal);
    }
    ctx.ui.status(message);
    Ok(())
}

pub fn drop(args: DropArgs, ctx: &Context) -> anyhow::Result<()> {
    let on = ctx.parse_date(args.date.as_deref().unwrap_or("today"))?;
    let reason = args.reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    let (goal, _) = change(ctx, args.id, |goal| {
        goal.status = GoalStatus::Dropped;
        goal.closed_on = Some(on);
        goal.reason = reason.clone();
    })?;
    if args.json {
        return print_json(&goal);
    }
    ctx.ui.status(format!("dropped goal {}: {}", goal.id, goal.title));
    Ok(())
}

pub fn reopen(args: ReopenArgs, ctx: &Context) -> anyhow::Result<()> {
    let (goal, _) = change(ctx, args.id, |goal| {
        goal.status = GoalStatus::Open;
        goal.closed_on = None;
        goal.reason = None;
    })?;
    if args.json {
        return print_json(&goal);
    }
    ctx.ui.status(format!("goal {} is open again: {}", goal.id, goal.title));
    Ok(())
}

/// Reads the goal, changes it and writes it back in one transaction;
/// returns it and how many of its actions are open.
fn change(ctx: &Context, id: GoalId, apply: impl FnOnce(&mut Goal)) -> anyhow::Result<(Goal, usize)> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    db.write(|tx| -> anyhow::Result<(Goal, usize)> {
        let mut goal = goals::get(tx, id)?;
        apply(&mut goal);
        goal.updated_at = now.clone();
        goals::update(tx, &goal)?;
        let filter = ActionFilter {
            goal: Some(id),
            open: Some(true),
            visibility: Visibility::IncludePrivate,
            ..Default::default()
        };
        let open = actions::list(tx, filter)?.len();
        Ok((goal, open))
    })
}
