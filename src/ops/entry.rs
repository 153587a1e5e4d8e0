//! Adding an entry with its files and claims, and attaching files later.

use super::files::NewFile;
use super::{OpsError, Result};
use crate::db::{Tx, attachments, claims, entries, refs};
use crate::model::{EntryFields, EntryId, Reference};

/// Everything `folio add` stores in one go.
#[derive(Debug, Clone)]
pub struct NewEntry {
    pub fields: EntryFields,
    pub files: Vec<NewFile>,
    pub claims: Vec<Reference>,
}

/// Stores a validated entry, its files and its claims; returns its id.
pub fn add(tx: &Tx, entry: &NewEntry, now: &str) -> Result<EntryId> {
    let id = entries::insert(tx, &entry.fields, &uuid::Uuid::new_v4().to_string(), now)?;
    attach(tx, id, &entry.files, now)?;
    for reference in &entry.claims {
        let target = refs::resolve(tx, reference)?;
        claims::add(tx, id, &target, None, &uuid::Uuid::new_v4().to_string(), now)?;
    }
    Ok(id)
}

/// Changes which entries `fields` are about: adds each of `add` and takes
/// out each of `remove`, every one named by local id or UUID. An entry added
/// must be live and not `this` one; one taken out must be linked now (by
/// UUID, so a link to an entry no longer here can still go).
pub fn change_about(
    tx: &Tx,
    fields: &mut EntryFields,
    this: Option<EntryId>,
    add: &[String],
    remove: &[String],
) -> Result<()> {
    for named in remove {
        let uuid = match named.trim().parse::<EntryId>() {
            Ok(id) => entries::uuid_and_updated_at(tx, id)?.0,
            Err(_) => named.trim().to_string(),
        };
        let before = fields.about.len();
        fields.about.retain(|u| *u != uuid);
        if fields.about.len() == before {
            return Err(OpsError::refused(
                format!("this entry is not about {named}"),
                Some("`folio show ID` lists what an entry is about".into()),
            ));
        }
    }
    for named in add {
        let (id, uuid) = match named.trim().parse::<EntryId>() {
            Ok(id) => match entries::live_uuid_of(tx, id)? {
                Some(uuid) => (id, uuid),
                None => return Err(OpsError::Db(crate::db::DbError::NoSuchEntry(id))),
            },
            Err(_) => match entries::live_id_of(tx, named.trim())? {
                Some(id) => (id, named.trim().to_string()),
                None => {
                    return Err(OpsError::refused(
                        format!("no entry with id or UUID '{}'", named.trim()),
                        Some("`folio list` shows the ids; `folio show ID --json` shows a UUID".into()),
                    ));
                }
            },
        };
        if Some(id) == this {
            return Err(OpsError::refused(format!("entry {id} cannot be about itself"), None));
        }
        if !fields.about.contains(&uuid) {
            fields.about.push(uuid);
        }
    }
    fields.about.sort();
    Ok(())
}

/// Stores files on a live entry; a name it already has is refused.
pub fn attach(tx: &Tx, id: EntryId, files: &[NewFile], now: &str) -> Result<()> {
    if !entries::exists(tx, id)? {
        return Err(OpsError::Db(crate::db::DbError::NoSuchEntry(id)));
    }
    for file in files {
        if attachments::has_name(tx, id, &file.name)? {
            return Err(OpsError::DuplicateAttachment { entry: id, name: file.name.clone() });
        }
        attachments::add(tx, id, &file.name, file.media_type, &file.bytes, now)?;
    }
    if !files.is_empty() {
        entries::touch(tx, id, now)?;
    }
    Ok(())
}
