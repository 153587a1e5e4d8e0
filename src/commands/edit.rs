//! `folio edit`: change an entry's fields, tags or text.

use clap::Args;

use super::editor;
use super::fields::{FieldArgs, unknown_person, validate};
use crate::Context;
use crate::db::entries;
use crate::error::{UserError, user_error};
use crate::model::EntryId;

/// Change an entry
///
/// Only the flags given change; an empty value (`--org ""`) clears an
/// optional field. The kind of an entry cannot change. Edits made at the
/// same time by other folio commands are never lost; with --edit, if the
/// entry changes while the editor is open, nothing is saved and the text you
/// wrote is kept in a file the message names.
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

    /// Say the entry is about another entry, by id or UUID (repeatable)
    #[arg(long = "about", value_name = "ID")]
    pub about: Vec<String>,

    /// No longer about this entry, by id or UUID (repeatable)
    #[arg(long = "no-about", value_name = "ID")]
    pub no_about: Vec<String>,

    /// Make the entry private
    #[arg(long, conflicts_with = "public")]
    pub private: bool,

    /// Make the entry not private
    #[arg(long)]
    pub public: bool,
}

/// What the write transaction found and did.
enum Outcome {
    Updated(String),
    Unchanged,
    /// Someone else changed the entry while the editor was open.
    ChangedMeanwhile,
}

pub fn run(mut args: EditArgs, ctx: &Context) -> anyhow::Result<()> {
    // Everything that waits on the user (standard input, the editor) happens
    // before the write lock is taken; the entry is then read and changed
    // inside one transaction, so a concurrent edit is never lost.
    args.fields.read_body_from_stdin()?;
    let mut db = ctx.open_db()?;
    for name in args.fields.resolve_names(db.read())? {
        ctx.ui.hint(&unknown_person(&name));
    }
    let id = args.id;
    let edited = match args.fields.edit {
        true => {
            let shown = entries::get(db.read(), id)?;
            let mut preview = shown.fields.clone();
            change(&args, &mut preview, ctx)?;
            let notes = super::plan_view::follow_up_notes(db.read(), &preview, Some(id), ctx.today)?;
            Some((shown, editor::edit_text(&preview, &notes)?))
        }
        false => None,
    };
    let signer = feedback_signer(&db, id, ctx)?;
    let now = ctx.now();
    let outcome = db.write(|tx| -> anyhow::Result<Outcome> {
        let current = entries::get(tx, id)?;
        let changed = |seen: &crate::model::Entry| seen.updated_at != current.updated_at || *seen != current;
        if edited.as_ref().is_some_and(|(seen, _)| changed(seen)) {
            return Ok(Outcome::ChangedMeanwhile);
        }
        let mut fields = current.fields.clone();
        change(&args, &mut fields, ctx)?;
        crate::ops::entry::change_about(tx, &mut fields, Some(id), &args.about, &args.no_about)?;
        if let Some((_, text)) = &edited {
            text.apply(&mut fields);
        }
        validate(&mut fields)?;
        if fields == current.fields {
            return Ok(Outcome::Unchanged);
        }
        entries::update(tx, id, &fields, &now)?;
        // A reviewer's signed feedback is signed again as it now reads.
        let signed = match &signer {
            Some(key) => {
                crate::ops::give_verdict::sign_feedback(tx, id, &key.signer(), &now)?;
                format!(", signed again by {} ({})", key.name, key.did())
            }
            None => String::new(),
        };
        Ok(Outcome::Updated(format!("updated {} {id}: {}{signed}", current.kind(), fields.title)))
    })?;
    match outcome {
        Outcome::Updated(message) => ctx.ui.status(message),
        Outcome::Unchanged => ctx.ui.status(format!("entry {id} is unchanged")),
        Outcome::ChangedMeanwhile => {
            let kept = edited.map(|(_, text)| text.keep()).transpose()?;
            let hint = match kept {
                Some(path) => format!(
                    "your text is kept in {}; run `folio edit {id} --edit` again and paste it in",
                    path.display()
                ),
                None => format!("run `folio edit {id} --edit` again"),
            };
            return Err(UserError::new(format!(
                "entry {id} was changed by another folio command while the editor was open; nothing was saved"
            ))
            .hint(hint)
            .into());
        }
    }
    Ok(())
}

/// The key to sign a reviewer's feedback again with, when `id` is a signed
/// feedback entry in a review file and the key is theirs.
fn feedback_signer(
    db: &crate::db::Db,
    id: crate::model::EntryId,
    ctx: &Context,
) -> anyhow::Result<Option<super::key::Held>> {
    let Some(manifest) = crate::db::review::manifest(db.read())? else { return Ok(None) };
    if crate::db::entry_credentials::get(db.read(), id)?.is_none() {
        return Ok(None);
    }
    let entry = entries::get(db.read(), id)?;
    match entry.fields.details.from() {
        Some(from) => super::key::for_assessor(ctx, from, from.eq_ignore_ascii_case(&manifest.reviewer)),
        None => Ok(None),
    }
}

/// Applies the flags to the fields: title, field flags, tags, privacy.
fn change(args: &EditArgs, fields: &mut crate::model::EntryFields, ctx: &Context) -> anyhow::Result<()> {
    if let Some(title) = &args.title {
        fields.title = title.clone();
    }
    args.fields.apply(fields, ctx)?;
    for tag in &args.remove_tags {
        let before = fields.tags.len();
        let wanted = tag.trim_start_matches(['#', '@']);
        fields.tags.retain(|t| !t.eq_ignore_ascii_case(wanted));
        if fields.tags.len() == before {
            return Err(user_error(format!("entry {} has no tag '{wanted}'", args.id)));
        }
    }
    // Validation drops a tag the entry already has.
    fields.tags.extend(args.add_tags.iter().cloned());
    if args.private {
        fields.private = true;
    }
    if args.public {
        fields.private = false;
    }
    Ok(())
}
