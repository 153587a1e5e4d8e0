//! `folio goal edit`: change a goal's title, text, due date, competencies or privacy.

use clap::Args;

use crate::Context;
use crate::commands::fields::body_from;
use crate::commands::resolve_reference;
use crate::db::goals;
use crate::error::UserError;
use crate::model::GoalId;
use crate::model::reference::Canonical;

/// Change a goal
///
///   folio goal edit 2 --due 2026-09 --competency emcc/self --remove-competency emcc/outcomes
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The goal's id
    pub id: GoalId,

    /// A new title
    #[arg(long)]
    pub title: Option<String>,

    /// New text; `-` reads it from standard input
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub body: Option<String>,

    /// A new due date; an empty value clears it
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,

    /// A new day it was set
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// Link a competency it works towards (repeatable)
    #[arg(long = "competency", value_name = "REF")]
    pub add: Vec<String>,

    /// Unlink a competency (repeatable)
    #[arg(long = "remove-competency", value_name = "REF")]
    pub remove: Vec<String>,

    /// Make it private (`--private=false` makes it public again)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub private: Option<bool>,
}

pub fn run(args: EditArgs, ctx: &Context) -> anyhow::Result<()> {
    let body = body_from(args.body)?;
    let due = super::due_flag(ctx, args.due.as_deref())?;
    if args.title.is_none()
        && body.is_none()
        && due.is_none()
        && args.date.is_none()
        && args.add.is_empty()
        && args.remove.is_empty()
        && args.private.is_none()
    {
        return Err(UserError::usage("nothing to change")
            .hint("give --title, --body, --due, --date, --competency, --remove-competency or --private")
            .into());
    }
    let set_on = args.date.as_deref().map(|d| ctx.parse_date(d)).transpose()?;
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    db.write(|tx| -> anyhow::Result<()> {
        let mut goal = goals::get(tx, args.id)?;
        if let Some(title) = &args.title {
            goal.title = title.clone();
        }
        if let Some(body) = &body {
            goal.body = body.trim_end().to_string();
        }
        if let Some(due) = due {
            goal.due = due;
        }
        if set_on.is_some() {
            goal.set_on = set_on;
        }
        if let Some(private) = args.private {
            goal.private = private;
        }
        goal.validate().map_err(|e| UserError::new(e.to_string()))?;
        goal.updated_at = now.clone();
        goals::update(tx, &goal)?;
        let add = args.add.iter().map(|r| resolve_reference(tx, r)).collect::<anyhow::Result<Vec<_>>>()?;
        goals::add_competencies(tx, goal.id, &add)?;
        for reference in &args.remove {
            let target = resolve_reference(tx, reference)?;
            if goals::remove_competencies(tx, goal.id, std::slice::from_ref(&target))? == 0 {
                return Err(UserError::new(format!(
                    "goal {} does not work towards {}",
                    goal.id,
                    Canonical::competency(&target.canonical.key, &target.canonical.code)
                ))
                .hint(format!("`folio goal show {}` lists its competencies", goal.id))
                .into());
            }
        }
        Ok(())
    })?;
    ctx.ui.status(format!("updated goal {}", args.id));
    Ok(())
}
