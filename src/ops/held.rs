//! Entries another tool already brought in. LinkedIn, ORCID and a JSON
//! Resume often list the same role, qualification or publication; each
//! importer makes its own stable UUID, so by UUID alone the second would be
//! added again. An incoming entry with a UUID the portfolio does not know,
//! of the same kind, title (any case) and date as a live entry — or a
//! publication with the same DOI — is taken as held already and left out.

use std::collections::HashSet;

use crate::db::{Result, Tx, entries};
use crate::model::document::PortfolioDocument;
use crate::model::{EntryKind, KindField};

/// What identifies an entry across tools: kind, title in lower case, date.
fn key(kind: EntryKind, title: &str, date: &str) -> (EntryKind, String, String) {
    (kind, title.trim().to_lowercase(), date.to_string())
}

/// Leaves out of `document` the new entries the portfolio holds already
/// (from another tool); returns their titles.
pub fn drop_already_held(tx: &Tx, document: &mut PortfolioDocument) -> Result<Vec<String>> {
    let held = entries::identities(tx)?;
    let titles: HashSet<_> = held.iter().map(|h| key(h.kind, &h.title, &h.date)).collect();
    let dois: HashSet<String> =
        held.iter().filter_map(|h| h.doi.as_ref().map(|d| d.to_lowercase())).collect();
    let mut left_out = Vec::new();
    let mut seen = HashSet::new();
    let mut kept = Vec::with_capacity(document.entries.len());
    for entry in std::mem::take(&mut document.entries) {
        let fields = &entry.fields;
        let identity = key(fields.kind(), &fields.title, &fields.date.to_string());
        let doi = fields.details.values().get(KindField::Doi).and_then(|v| match v {
            crate::model::FieldValue::Text(doi) => Some(doi.to_lowercase()),
            _ => None,
        });
        let known_uuid = entries::find_by_uuid(tx, &entry.uuid)?.is_some();
        let held_already = titles.contains(&identity) || doi.as_ref().is_some_and(|d| dois.contains(d));
        // Twice in one document (two versions of a work) is once too.
        let repeated = !seen.insert(identity);
        if !known_uuid && (held_already || repeated) {
            left_out.push(entry.fields.title.clone());
        } else {
            kept.push(entry);
        }
    }
    document.entries = kept;
    Ok(left_out)
}
