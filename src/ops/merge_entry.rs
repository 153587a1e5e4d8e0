//! One entry of a document merged into the portfolio (see [`super::merge`]):
//! added when new, replaced when the merge takes it (newer, or named by a
//! sync), its files added or replaced by name, and the claims and verdicts
//! the portfolio lacks added. Also the bytes of a document's attachment,
//! checked, which mentors' contracts use too.

use std::collections::HashSet;

use base64::Engine as _;

use super::merge::{MergeReport, Resolver, bad, record_key, takes_incoming};
use crate::db::{Conn, Result, Tx, attachments, claims, entries, trash};
use crate::model::document::{DocAttachment, DocEntry};
use crate::model::{EntryFields, EntryId};

fn fields_of(entry: &DocEntry, at: &str) -> Result<EntryFields> {
    let mut fields = entry.fields.clone();
    fields.validate().map_err(|e| bad(at, e))?;
    Ok(fields)
}

/// Returns the entry's id if its text was written (added or replaced).
pub(super) fn merge_entry(
    conn: &Tx,
    resolver: &mut Resolver,
    entry: &DocEntry,
    at: &str,
    replace: Option<&HashSet<String>>,
    report: &mut MergeReport,
) -> Result<Option<EntryId>> {
    let fields = fields_of(entry, at)?;
    let mut written = true;
    let id = match entries::find_by_uuid(conn, &entry.uuid)? {
        None => {
            let id =
                entries::insert_with_times(conn, &fields, &entry.uuid, &entry.created_at, &entry.updated_at)
                    .map_err(|e| bad(at, e))?;
            if let Some(credential) = &entry.credential {
                crate::db::entry_credentials::set(conn, id, credential)?;
            }
            store_attachments(conn, id, entry, at, report)?;
            if entry.deleted_at.is_some() {
                trash::set_deleted(conn, id, entry.deleted_at.as_deref())?;
            }
            report.entries_added += 1;
            id
        }
        Some((id, stored_updated, deleted))
            if takes_incoming(
                replace,
                || record_key("entry", &entry.uuid),
                Some(&entry.updated_at),
                Some(&stored_updated),
            ) =>
        {
            // The newer version decides whether the entry is in the trash too.
            if deleted.is_some() {
                trash::set_deleted(conn, id, None)?;
            }
            entries::update(conn, id, &fields, &entry.updated_at).map_err(|e| bad(at, e))?;
            if let Some(credential) = &entry.credential {
                crate::db::entry_credentials::set(conn, id, credential)?;
            }
            store_attachments(conn, id, entry, at, report)?;
            attachments::delete_orphan_blobs(conn)?;
            trash::set_deleted(conn, id, entry.deleted_at.as_deref())?;
            report.entries_updated += 1;
            id
        }
        Some((id, _, _)) => {
            report.entries_unchanged += 1;
            written = false;
            id
        }
    };
    for (n, claim) in entry.claims.iter().enumerate() {
        let at = format!("{at}.claims[{n}]");
        let target = resolver.resolve(conn, &at, &claim.reference)?;
        if claims::find(conn, id, &target)?.is_none() {
            claims::add(conn, id, &target, claim.note.as_deref(), &claim.uuid, &claim.created_at)
                .map_err(|e| bad(&at, e))?;
            report.claims_added += 1;
        }
    }
    // Oldest first, so verdicts given on the same day keep their order.
    for (n, verdict) in entry.verdicts.iter().enumerate().rev() {
        if claims::verdict_exists(conn, &verdict.uuid)? {
            continue;
        }
        let at = format!("{at}.verdicts[{n}]");
        let claim_id = match &verdict.claim {
            Some(reference) => {
                let target = resolver.resolve(conn, &at, reference)?;
                Some(
                    claims::find(conn, id, &target)?
                        .ok_or_else(|| bad(&at, format!("the entry does not claim {reference}")))?,
                )
            }
            None => None,
        };
        claims::add_verdict(conn, id, claim_id, &verdict.to_verdict()).map_err(|e| bad(&at, e))?;
        report.verdicts_added += 1;
    }
    Ok(written.then_some(id))
}

/// Adds the incoming entry's files the stored entry lacks, and replaces a
/// file of the same name whose bytes differ. A stored file the incoming entry
/// does not list stays: a document exported without attachments (or from a
/// portfolio that never had their bytes) is not a request to delete them.
fn store_attachments(
    conn: &Tx,
    entry_id: EntryId,
    entry: &DocEntry,
    at: &str,
    report: &mut MergeReport,
) -> Result<()> {
    if entry.attachments.is_empty() {
        return Ok(());
    }
    let stored = attachments::for_entries(conn, &[entry_id.0])?.remove(&entry_id.0).unwrap_or_default();
    for (n, file) in entry.attachments.iter().enumerate() {
        let at = format!("{at}.attachments[{n}] ({})", file.name);
        let same_name = stored.iter().find(|a| a.name == file.name);
        if same_name.is_some_and(|a| a.sha256 == file.sha256) {
            continue;
        }
        let Some(bytes) = attachment_bytes(conn, file, &at)? else {
            report.attachments_skipped += 1;
            continue;
        };
        if same_name.is_some() {
            attachments::remove(conn, entry_id, &file.name)?;
        }
        attachments::add(conn, entry_id, &file.name, &file.media_type, &bytes, &entry.updated_at)
            .map_err(|e| bad(&at, e))?;
    }
    Ok(())
}

/// The bytes of a document's attachment: its data, checked against its
/// SHA-256 and size, or the stored blob of that hash when it carries none;
/// `None` when neither has them.
pub(super) fn attachment_bytes(conn: &Conn, file: &DocAttachment, at: &str) -> Result<Option<Vec<u8>>> {
    let bytes = match &file.data {
        Some(data) => base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|e| bad(at, format!("the data is not valid base64: {e}")))?,
        None => match attachments::blob(conn, &file.sha256)? {
            Some(bytes) => bytes,
            None => return Ok(None),
        },
    };
    let actual = attachments::sha256_hex(&bytes);
    if actual != file.sha256 {
        return Err(bad(
            at,
            format!("SHA-256 does not match: the file says {}, the bytes are {actual}", file.sha256),
        ));
    }
    if bytes.len() as i64 != file.size {
        return Err(bad(
            at,
            format!("size does not match: the file says {}, the bytes are {}", file.size, bytes.len()),
        ));
    }
    Ok(Some(bytes))
}
