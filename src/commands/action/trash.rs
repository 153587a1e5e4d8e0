//! `folio action rm` and `restore`: an action into the trash and back.

use clap::Args;

use crate::Context;
use crate::db::actions;
use crate::model::ActionId;

/// Move an action to the trash
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The action's id
    pub id: ActionId,
}

/// Bring an action back from the trash
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The action's id (`folio trash` lists the actions in the trash)
    pub id: ActionId,
}

pub fn rm(args: RmArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    db.write(|tx| actions::trash(tx, args.id, &now))?;
    ctx.ui.status(format!(
        "moved action {} to the trash (undo with `folio action restore {}`)",
        args.id, args.id
    ));
    Ok(())
}

pub fn restore(args: RestoreArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    db.write(|tx| actions::restore(tx, args.id, &now))?;
    ctx.ui.status(format!("restored action {}", args.id));
    Ok(())
}
