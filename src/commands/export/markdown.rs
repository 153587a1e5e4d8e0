//! `folio export markdown`: the portfolio as readable Markdown.

use clap::Args;

use super::{Destination, deliver, privacy};
use crate::Context;
use crate::commands::identifiers::conclude;
use crate::commands::list::RangeArgs;
use crate::db::actions::{self, ActionFilter};
use crate::db::entries;
use crate::db::filter::{EntryFilter, Privacy};
use crate::db::goals::{self, GoalFilter};
use crate::db::{Conn, mentors};
use crate::export;
use crate::export::markdown::Plan;
use crate::model::EntryKind;
use crate::output::count;

/// The portfolio as readable Markdown, one section per kind
#[derive(Debug, Args)]
pub struct MarkdownArgs {
    #[command(flatten)]
    pub to: Destination,
    /// Only these kinds (repeatable)
    #[arg(long, value_enum)]
    pub kind: Vec<EntryKind>,
    #[command(flatten)]
    pub range: RangeArgs,
    /// Only entries with this tag (repeatable: all must match)
    #[arg(long = "tag", short = 't', value_name = "TAG")]
    pub tags: Vec<String>,
}

pub fn run(args: MarkdownArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut filter =
        EntryFilter { kinds: args.kind, tags: args.tags, privacy: privacy(&args.to), ..Default::default() };
    args.range.apply(&mut filter, ctx)?;
    let db = ctx.open_db()?;
    let include_private = filter.privacy == Privacy::All;
    let whole = filter.kinds.is_empty() && filter.tags.is_empty();
    let (mut found, profile, mut plan) = db.snapshot(|conn| {
        let found = entries::list(conn, &filter)?;
        // Goals and mentors belong to the whole portfolio, not to a kind or a tag.
        let plan = if whole { plan(conn, include_private, &filter)? } else { Plan::default() };
        Ok((found, crate::db::profile::get(conn)?, plan))
    })?;
    let mut check = args.to.identifiers.check(db.read())?;
    check.entries(&mut found);
    plan.goals.iter_mut().for_each(|g| check.goal(g));
    plan.actions.iter_mut().for_each(|a| check.action(a));
    conclude(check, db.read(), ctx)?;
    let text = export::markdown::render(&profile, &found, &plan);
    deliver(&args.to, text.as_bytes(), &count(found.len(), "entry", "entries"), ctx)?;
    crate::commands::finish_reading(&db, ctx)
}

/// The goals open at some time in the export's period (all when it has
/// none), their actions and the others, and the mentors.
fn plan(conn: &Conn, include_private: bool, filter: &EntryFilter) -> crate::db::Result<Plan> {
    let first = filter.since.unwrap_or(chrono::NaiveDate::MIN);
    let last = filter.until.unwrap_or(chrono::NaiveDate::MAX);
    let mut goals = goals::list(conn, GoalFilter { include_private, ..Default::default() })?;
    goals.retain(|g| g.open_during(first, last));
    let mut actions = actions::list(conn, ActionFilter { include_private, ..Default::default() })?;
    actions.retain(|a| a.goal.is_none_or(|id| goals.iter().any(|g| g.id == id)));
    Ok(Plan { goals, actions, mentors: mentors::list(conn)? })
}
