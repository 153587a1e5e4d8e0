//! `folio goal list`: the goals, by due date, with their progress.

use clap::{Args, ValueEnum};

use crate::Context;
use crate::commands::plan_view::{GoalView, goal_table};
use crate::db::actions::{self, ActionFilter};
use crate::db::goals::{self, GoalFilter};
use crate::model::GoalStatus;
use crate::model::Visibility;
use crate::output::{print_json, print_line};

/// List goals by due date, with how many of their actions are done
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Which goals
    #[arg(long, value_enum, default_value_t = StatusChoice::Open)]
    pub status: StatusChoice,

    /// Print JSON (an array of goals, each with `progress` and `overdue`)
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusChoice {
    Open,
    Done,
    Dropped,
    All,
}

impl StatusChoice {
    fn status(self) -> Option<GoalStatus> {
        match self {
            StatusChoice::Open => Some(GoalStatus::Open),
            StatusChoice::Done => Some(GoalStatus::Done),
            StatusChoice::Dropped => Some(GoalStatus::Dropped),
            StatusChoice::All => None,
        }
    }
}

pub fn run(args: ListArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let (listed, all_actions) = db.snapshot(|conn| {
        let filter = GoalFilter {
            status: args.status.status(),
            visibility: Visibility::IncludePrivate,
            trashed: false,
            due_by: None,
        };
        let filter_actions = ActionFilter { visibility: Visibility::IncludePrivate, ..Default::default() };
        Ok((goals::list(conn, filter)?, actions::list(conn, filter_actions)?))
    })?;
    if args.json {
        let views: Vec<GoalView> = listed.iter().map(|g| GoalView::new(g, &all_actions, ctx.today)).collect();
        return print_json(&views);
    }
    if listed.is_empty() {
        let which = if args.status == StatusChoice::All {
            String::new()
        } else {
            format!("{:?} ", args.status).to_lowercase()
        };
        ctx.ui.status(format!("no {which}goals; set one with `folio goal add TITLE --due DATE`"));
        return Ok(());
    }
    print_line(goal_table(&ctx.ui, &listed, &all_actions, ctx.today))?;
    Ok(())
}
