//! `folio show`: everything about one entry.

use clap::Args;

use super::render::entry_details;
use crate::Context;
use crate::db::entries;
use crate::model::EntryId;
use crate::output::{print_json, print_line};

/// Show everything about one entry
///
/// Fields, body, template sections and attachments (name, size, SHA-256).
/// Entries in the trash can be shown too.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The entry's id
    pub id: EntryId,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: ShowArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let entry = entries::get_any(db.read(), args.id)?;
    if args.json {
        return print_json(&entry);
    }
    print_line(entry_details(&ctx.ui, &entry).trim_end())?;
    Ok(())
}
