//! `folio action add`: agree an action and print its id.

use clap::Args;

use crate::Context;
use crate::commands::goal::due_flag;
use crate::model::{EntryId, GoalId};
use crate::ops::plan::{NewAction, add_action};
use crate::output::print_line;

/// Agree an action and print its id
#[derive(Debug, Args)]
pub struct AddArgs {
    /// What is to be done
    pub text: String,

    /// The goal it works towards
    #[arg(long, value_name = "ID")]
    pub goal: Option<GoalId>,

    /// When it should be done by
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,

    /// The meeting entry it was agreed in
    #[arg(long, value_name = "ENTRY_ID")]
    pub meeting: Option<EntryId>,

    /// Who does it: me (the default) or a name
    #[arg(long, value_name = "me|NAME")]
    pub owner: Option<String>,
    /// Print JSON: {{id, uuid} instead of the id alone}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: AddArgs, ctx: &Context) -> anyhow::Result<()> {
    let due = due_flag(ctx, args.due.as_deref())?.flatten();
    let new = NewAction { text: args.text, goal: args.goal, meeting: args.meeting, due, owner: args.owner };
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let id = db.write(|tx| add_action(tx, &new, &now))?;
    let towards = new.goal.map(|g| format!(" towards goal {g}")).unwrap_or_default();
    ctx.ui.status(format!("added action {id}{towards}: {}", new.text.trim()));
    if args.json {
        let uuid = crate::db::actions::get(db.read(), id)?.uuid;
        return crate::output::print_json(&serde_json::json!({"id": id, "uuid": uuid}));
    }
    print_line(id)?;
    Ok(())
}
