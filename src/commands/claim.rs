//! `folio claim`: offer an entry as evidence of a competency, a level or an
//! indicator.

use clap::Args;

use super::resolve_reference;
use crate::Context;
use crate::db::{claims, entries};
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
    /// Print JSON: {{entry, ref, added}}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: ClaimArgs, ctx: &Context) -> anyhow::Result<()> {
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
    if args.json {
        return crate::output::print_json(
            &serde_json::json!({"entry": args.id, "ref": display, "added": added}),
        );
    }
    ctx.ui.status(message);
    Ok(())
}
