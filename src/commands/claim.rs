//! `folio claim` and `folio unclaim`: offer an entry as evidence of a
//! competency, a level or one capability indicator — or take it back.

use clap::Args;

use super::resolve_reference;
use crate::Context;
use crate::db::{claims, entries};
use crate::error::UserError;
use crate::model::EntryId;

/// Claim an entry as evidence of a competency
///
/// REF is KEY/CODE, KEY/CODE/LEVEL, KEY/CODE/LEVEL/N (the N-th indicator at
/// that level) or, in a framework without levels, KEY/CODE/N. Examples:
/// emcc/relationship, emcc/relationship/practitioner/2,
/// mentor-audit/communication/3. Claiming again updates the note.
#[derive(Debug, Args)]
pub struct ClaimArgs {
    /// The entry's id
    pub id: EntryId,
    /// What it is evidence of
    #[arg(value_name = "REF")]
    pub reference: String,
    /// How the entry shows it
    #[arg(long)]
    pub note: Option<String>,
}

/// Take back a claim
#[derive(Debug, Args)]
pub struct UnclaimArgs {
    /// The entry's id
    pub id: EntryId,
    /// The claim's reference, as `folio show ID` lists it
    #[arg(value_name = "REF")]
    pub reference: String,
}

pub fn claim(args: ClaimArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let note = args.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let (added, display) = db.write(|tx| -> anyhow::Result<(bool, String)> {
        entries::get(tx, args.id)?;
        let target = resolve_reference(tx, &args.reference)?;
        let added = claims::add(tx, args.id, &target, note, &uuid::Uuid::new_v4().to_string(), &now)?;
        if added || note.is_some() {
            entries::touch(tx, args.id, &now)?;
        }
        Ok((added, target.display()))
    })?;
    let message = match (added, note) {
        (true, _) => format!("entry {} now claims {display}", args.id),
        (false, Some(_)) => format!("updated the note of entry {}'s claim on {display}", args.id),
        (false, None) => format!("entry {} already claims {display}", args.id),
    };
    ctx.ui.status(message);
    Ok(())
}

pub fn unclaim(args: UnclaimArgs, ctx: &Context) -> anyhow::Result<()> {
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
