//! Entries another tool already brought in. LinkedIn, ORCID and a JSON
//! Resume often list the same role, qualification or publication; each
//! importer makes its own stable UUID, so by UUID alone the second would be
//! added again. An incoming entry with a UUID the portfolio does not know,
//! of the same kind, title (any case) and date as a live entry — or a
//! publication with the same DOI — is that entry: it is not added, and what
//! it knows that the held one lacks (a DOI, a venue, an organisation, an end
//! date) is filled in. Nothing held is replaced.

use std::collections::HashMap;

use crate::db::{Result, Tx, entries};
use crate::model::document::PortfolioDocument;
use crate::model::{EntryFields, EntryId, EntryKind, FieldValue, KindField};

/// What an import found held already.
#[derive(Debug, Default, PartialEq)]
pub struct Held {
    /// The titles of the incoming entries left out.
    pub left_out: Vec<String>,
    /// The titles of the held entries given what they lacked.
    pub filled_in: Vec<String>,
}

/// What identifies an entry across tools: kind, title in lower case, date.
fn key(kind: EntryKind, title: &str, date: &str) -> (EntryKind, String, String) {
    (kind, title.trim().to_lowercase(), date.to_string())
}

fn doi_of(fields: &EntryFields) -> Option<String> {
    match fields.details.values().get(KindField::Doi)? {
        FieldValue::Text(doi) => Some(doi.to_lowercase()),
        _ => None,
    }
}

/// Leaves out of `document` the new entries the portfolio holds already
/// (from another tool), filling in what the held ones lack.
pub fn settle_already_held(tx: &Tx, document: &mut PortfolioDocument, now: &str) -> Result<Held> {
    let identities = entries::identities(tx)?;
    let by_title: HashMap<_, EntryId> =
        identities.iter().map(|h| (key(h.kind, &h.title, &h.date), h.id)).collect();
    let by_doi: HashMap<String, EntryId> =
        identities.iter().filter_map(|h| Some((h.doi.as_ref()?.to_lowercase(), h.id))).collect();
    let mut held = Held::default();
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::with_capacity(document.entries.len());
    for entry in std::mem::take(&mut document.entries) {
        if entries::find_by_uuid(tx, &entry.uuid)?.is_some() {
            kept.push(entry);
            continue;
        }
        let identity = key(entry.fields.kind(), &entry.fields.title, &entry.fields.date.to_string());
        let match_id =
            by_title.get(&identity).or_else(|| doi_of(&entry.fields).and_then(|d| by_doi.get(&d))).copied();
        if let Some(id) = match_id {
            if fill_in(tx, id, &entry.fields, now)? {
                held.filled_in.push(entry.fields.title.clone());
            }
            held.left_out.push(entry.fields.title.clone());
        } else if seen.insert(identity) {
            kept.push(entry);
        } else {
            // Twice in one document (two versions of a work) is once too.
            held.left_out.push(entry.fields.title.clone());
        }
    }
    document.entries = kept;
    Ok(held)
}

/// Gives the held entry `id` what `incoming` knows and it lacks; whether it changed.
fn fill_in(tx: &Tx, id: EntryId, incoming: &EntryFields, now: &str) -> Result<bool> {
    let mut fields = entries::get(tx, id)?.fields;
    let mut changed = false;
    if fields.organisation.is_none() && incoming.organisation.is_some() {
        fields.organisation = incoming.organisation.clone();
        changed = true;
    }
    if fields.end_date.is_none() && incoming.end_date.is_some() && fields.kind() != EntryKind::Role {
        fields.end_date = incoming.end_date;
        changed = true;
    }
    let mut values = fields.details.values().clone();
    for field in KindField::of(fields.kind()) {
        if !values.is_set(field) && incoming.details.values().is_set(field) {
            values.set(field, incoming.details.values().get(field));
            changed = true;
        }
    }
    if !changed {
        return Ok(false);
    }
    fields.details = crate::model::KindDetails::keep(fields.kind(), values);
    if fields.validate().is_err() {
        return Ok(false);
    }
    entries::update(tx, id, &fields, now)?;
    Ok(true)
}
