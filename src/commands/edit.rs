//! `folio edit`: change an entry's fields, tags or text.

use clap::Args;

use super::fields::{FieldArgs, validate};
use crate::Context;
use crate::db::entries;
use crate::error::user_error;
use crate::model::EntryDraft;

/// Change an entry
///
/// Only the flags given change; an empty value (`--org ""`) clears an
/// optional field. The kind of an entry cannot change.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The entry's id
    pub id: i64,

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
    let entry = entries::get(db.conn(), args.id)?;
    let mut draft = EntryDraft::from(&entry);
    if let Some(title) = &args.title {
        draft.title = title.clone();
    }
    args.fields.apply(&mut draft, ctx)?;
    for tag in &args.remove_tags {
        let before = draft.tags.len();
        let wanted = tag.trim_start_matches(['#', '@']);
        draft.tags.retain(|t| !t.eq_ignore_ascii_case(wanted));
        if draft.tags.len() == before {
            return Err(user_error(format!("entry {} has no tag '{wanted}'", args.id)));
        }
    }
    draft.tags.extend(args.add_tags.iter().cloned());
    if args.private {
        draft.private = true;
    }
    if args.public {
        draft.private = false;
    }
    if args.fields.edit {
        super::editor::edit_draft(&mut draft)?;
    }
    validate(&mut draft)?;
    if draft == EntryDraft::from(&entry) {
        ctx.ui.status(format!("entry {} is unchanged", args.id));
        return Ok(());
    }
    let now = ctx.now();
    db.write(|tx| entries::update(tx, args.id, &draft, &now))?;
    ctx.ui.status(format!("updated {} {}: {}", entry.kind, args.id, draft.title));
    Ok(())
}
