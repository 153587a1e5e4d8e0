//! `folio goal rm` and `restore`: a goal (with its actions) into the trash and back.

use clap::Args;

use crate::Context;
use crate::db::goals;
use crate::model::GoalId;

/// Move a goal and its actions to the trash
///
/// `folio goal restore ID` brings it back until `folio trash --empty`.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The goal's id
    pub id: GoalId,
}

/// Bring a goal back from the trash
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The goal's id (`folio trash` lists the goals in the trash)
    pub id: GoalId,
}

pub fn rm(args: RmArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    db.write(|tx| goals::trash(tx, args.id, &now))?;
    ctx.ui
        .status(format!("moved goal {} to the trash (undo with `folio goal restore {}`)", args.id, args.id));
    Ok(())
}

pub fn restore(args: RestoreArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    db.write(|tx| goals::restore(tx, args.id, &now))?;
    ctx.ui.status(format!("restored goal {}", args.id));
    Ok(())
}
