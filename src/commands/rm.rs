//! `folio rm`: move entries to the trash, from which `folio restore` brings
//! them back until the trash is emptied.

use clap::Args;

use crate::Context;
use crate::db;
use crate::model::EntryId;

/// Move entries to the trash
///
/// Nothing is lost: `folio restore ID` brings an entry back until
/// `folio trash --empty` deletes the trash for good.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The ids of the entries
    #[arg(required = true)]
    pub ids: Vec<EntryId>,
}

pub fn run(args: RmArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    db.write(|tx| db::trash::trash(tx, &args.ids, &now))?;
    let ids: Vec<String> = args.ids.iter().map(EntryId::to_string).collect();
    let noun = if ids.len() == 1 { "entry" } else { "entries" };
    ctx.ui.status(format!("moved {noun} {} to the trash (undo with `folio restore ID`)", ids.join(", ")));
    Ok(())
}
