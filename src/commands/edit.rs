//! `folio edit`: change an entry's fields, tags or text.

use clap::Args;

use super::fields::{FieldArgs, validate};
use crate::Context;
use crate::db::entries;
use crate::error::user_error;
use crate::model::EntryId;

/// Change an entry
///
/// Only the flags given change; an empty value (`--org ""`) clears an
/// optional field. The kind of an entry cannot change.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The entry's id
    pub id: EntryId,

    /// A new title
    #[arg(long)]
    pub title: Option<String>,

    #[command(flatten)]
    pub fields: FieldArgs,

    /// Add a tag (repeatable)
    #[arg(long = "add-tag", value_name = "TAG")]
    pub add_tags: Vec<String>,

    /// Remove a tag (repeatable)
    #[arg(long = "remove-tag", value_name = "TAG")]
    pub remove_tags: Vec<String>,

    /// Make the entry private
    #[arg(long, conflicts_with = "public")]
    pub private: bool,

    /// Make the entry not private
    #[arg(long)]
    pub public: bool,
}

pub fn run(args: EditArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let id = args.id;
    let entry = entries::get(db.read(), id)?;
    let mut fields = entry.fields.clone();
    if let Some(title) = &args.title {
        fields.title = title.clone();
    }
    args.fields.apply(&mut fields, ctx)?;
    for tag in &args.remove_tags {
        let before = fields.tags.len();
        let wanted = tag.trim_start_matches(['#', '@']);
        fields.tags.retain(|t| !t.eq_ignore_ascii_case(wanted));
        if fields.tags.len() == before {
            return Err(user_error(format!("entry {id} has no tag '{wanted}'")));
        }
    }
    fields.tags.extend(args.add_tags.iter().cloned());
    if args.private {
        fields.private = true;
    }
    if args.public {
        fields.private = false;
    }
    if args.fields.edit {
        super::editor::edit_fields(&mut fields)?;
    }
    validate(&mut fields)?;
    if fields == entry.fields {
        ctx.ui.status(format!("entry {id} is unchanged"));
        return Ok(());
    }
    let now = ctx.now();
    db.write(|tx| entries::update(tx, id, &fields, &now))?;
    ctx.ui.status(format!("updated {} {id}: {}", entry.kind(), fields.title));
    Ok(())
}
