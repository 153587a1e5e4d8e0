//! `folio detach`: remove an attachment from an entry.

use clap::Args;

use crate::Context;
use crate::db::{attachments, entries};
use crate::error::UserError;
use crate::model::EntryId;

/// Remove an attachment from an entry
#[derive(Debug, Args)]
pub struct DetachArgs {
    /// The entry's id
    pub id: EntryId,
    /// The attachment's name, as `folio show ID` lists it
    pub name: String,
}

pub fn run(args: DetachArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    db.write(|tx| -> anyhow::Result<()> {
        let entry = entries::get(tx, args.id)?;
        if !attachments::remove(tx, args.id, &args.name)? {
            let names: Vec<_> = entry.attachments.iter().map(|a| a.name.as_str()).collect();
            let hint = if names.is_empty() {
                "it has no attachments".to_string()
            } else {
                format!("its attachments: {}", names.join(", "))
            };
            return Err(UserError::new(format!("entry {} has no attachment named '{}'", args.id, args.name))
                .hint(hint)
                .into());
        }
        entries::touch(tx, args.id, &now)?;
        Ok(())
    })?;
    ctx.ui.status(format!("detached {} from entry {}", args.name, args.id));
    Ok(())
}
