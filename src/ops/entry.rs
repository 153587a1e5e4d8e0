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
