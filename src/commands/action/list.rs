//! `folio action list`: actions by due date, open ones by default.

use clap::Args;

use crate::Context;
use crate::commands::plan_view::{ActionView, action_table};
use crate::db::actions::{self, ActionFilter};
use crate::db::goals;
use crate::model::GoalId;
use crate::model::Visibility;
use crate::output::{print_json, print_line};

/// List actions by due date (open ones unless told otherwise)
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only open actions (the default)
    #[arg(long, conflicts_with_all = ["done", "overdue", "all"])]
    pub open: bool,

    /// Only done actions
    #[arg(long, conflicts_with_all = ["overdue", "all"])]
    pub done: bool,

    /// Only open actions past their due date
    #[arg(long, conflicts_with = "all")]
    pub overdue: bool,

    /// Open and done actions
    #[arg(long)]
    pub all: bool,

    /// Only the actions of this goal
    #[arg(long, value_name = "ID")]
    pub goal: Option<GoalId>,

    /// Print JSON (an array of actions, each with `overdue`)
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: ListArgs, ctx: &Context) -> anyhow::Result<()> {
    let open = match (args.done, args.all) {
        (true, _) => Some(false),
        (_, true) => None,
        _ => Some(true),
    };
    let db = ctx.open_db()?;
    let mut listed = db.snapshot(|conn| {
        if let Some(goal) = args.goal {
            goals::get(conn, goal)?;
        }
        actions::list(
            conn,
            ActionFilter {
                goal: args.goal,
                open,
                visibility: Visibility::IncludePrivate,
                ..Default::default()
            },
        )
    })?;
    if args.overdue {
        listed.retain(|a| a.is_overdue(ctx.today));
    }
    if args.json {
        let views: Vec<ActionView> = listed.iter().map(|a| ActionView::new(a, ctx.today)).collect();
        return print_json(&views);
    }
    if listed.is_empty() {
        let which = if args.overdue {
            "overdue"
        } else if args.done {
            "done"
        } else if args.all {
            ""
        } else {
            "open"
        };
        let which = if which.is_empty() { String::new() } else { format!("{which} ") };
        ctx.ui.status(format!("no {which}actions"));
        return Ok(());
    }
    print_line(action_table(&ctx.ui, &listed, ctx.today))?;
    Ok(())
}
