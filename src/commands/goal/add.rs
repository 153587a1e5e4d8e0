//! `folio goal add`: set an objective and print its id.

use clap::Args;

use crate::Context;
use crate::commands::fields::body_from;
use crate::commands::parse_reference;
use crate::ops::plan::{NewGoal, add_goal};
use crate::output::print_line;

/// Set a goal and print its id
///
/// Only the id goes to standard output, so `goal=$(folio goal add …)` works.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// What you want to achieve
    pub title: String,

    /// Why, and what done looks like; `-` reads it from standard input
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub body: Option<String>,

    /// When it should be done by: YYYY, YYYY-MM, YYYY-MM-DD or 'in 3 months'
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,

    /// The day it was set [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// A competency it works towards, e.g. emcc/relationship (repeatable)
    #[arg(long = "competency", value_name = "REF")]
    pub competencies: Vec<String>,

    /// Keep the goal (and its actions) private: out of every export unless asked for
    #[arg(long)]
    pub private: bool,
    /// Print JSON: {{id, uuid} instead of the id alone}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: AddArgs, ctx: &Context) -> anyhow::Result<()> {
    let body = body_from(args.body)?.unwrap_or_default();
    let due = super::due_flag(ctx, args.due.as_deref())?.flatten();
    let competencies = args.competencies.iter().map(|r| parse_reference(r)).collect::<anyhow::Result<_>>()?;
    let set_on = ctx.parse_date(args.date.as_deref().unwrap_or("today"))?;
    let goal = NewGoal { title: args.title.clone(), body, due, set_on, private: args.private, competencies };
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let id = db.write(|tx| add_goal(tx, &goal, &now))?;
    ctx.ui.status(format!("set goal {id}: {}", goal.title.trim()));
    if args.json {
        let uuid = crate::db::goals::get(db.read(), id)?.uuid;
        return crate::output::print_json(&serde_json::json!({"id": id, "uuid": uuid}));
    }
    print_line(id)?;
    Ok(())
}
