//! `folio restore`: bring an entry back from the trash.

use clap::Args;

use crate::Context;
use crate::db;
use crate::error::UserError;
use crate::model::EntryId;

/// Bring an entry back from the trash
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The id of the entry
    pub id: EntryId,
}

pub fn run(args: RestoreArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    db.write(|tx| db::trash::restore(tx, args.id, &now)).map_err(|e| match e {
        crate::db::DbError::NoSuchEntry(id) => anyhow::Error::from(
            UserError::new(format!("entry {id} is not in the trash"))
                .hint("`folio trash` lists what can be restored"),
        ),
        other => other.into(),
    })?;
    ctx.ui.status(format!("restored entry {}", args.id));
    Ok(())
}
