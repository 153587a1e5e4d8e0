//! `folio unclaim`: take back a claim.

use clap::Args;

use super::resolve_reference;
use crate::Context;
use crate::db::{claims, entries};
use crate::error::UserError;
use crate::model::EntryId;

/// Take back a claim
#[derive(Debug, Args)]
pub struct UnclaimArgs {
    /// The entry's id
    pub id: EntryId,
    /// The claim's reference, as `folio show ID` lists it
    #[arg(value_name = "REF")]
    pub reference: String,
}

pub fn run(args: UnclaimArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let display = db.write(|tx| -> anyhow::Result<String> {
        let entry = entries::get(tx, args.id)?;
        let target = resolve_reference(tx, &args.reference)?;
        if !claims::remove(tx, args.id, &target)? {
            let existing: Vec<_> = entry.claims.iter().map(|c| c.reference.as_str()).collect();
            let hint = if existing.is_empty() {
                "it claims nothing".to_string()
            } else {
                format!("its claims: {}", existing.join(", "))
            };
            return Err(UserError::new(format!("entry {} does not claim {}", args.id, target.display()))
                .hint(hint)
                .into());
        }
        entries::touch(tx, args.id, &now)?;
        Ok(target.display())
    })?;
    ctx.ui.status(format!("entry {} no longer claims {display}", args.id));
    Ok(())
}
