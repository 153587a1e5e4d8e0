//! `folio share`: a review file for one reviewer — a standalone portfolio
//! holding the chosen public entries with their claims, verdicts and files,
//! the frameworks they claim, the profile, and a manifest.

use std::path::Path;

use serde::Serialize;

use super::Result;
use crate::db::document_read::{ReadOptions, doc_entry};
use crate::db::filter::{EntryFilter, Privacy};
use crate::db::{Conn, Db, Tx, entries, frameworks, profile, review};
use crate::model::document::{DocEntry, PortfolioDocument};
use crate::model::review::ReviewManifest;

/// What to share, as the command line said it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Selection {
    pub frameworks: Vec<String>,
    pub since: Option<chrono::NaiveDate>,
    pub until: Option<chrono::NaiveDate>,
    pub tags: Vec<String>,
    pub kinds: Vec<crate::model::EntryKind>,
    pub attachments: bool,
    /// The age public keys the file is encrypted to, so a reviewer's changes
    /// are encrypted to them again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sealed_to: Vec<String>,
}

/// What a review file holds, counted for the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    pub entries: usize,
    pub claims: usize,
    pub verdicts: usize,
    pub attachments: usize,
    pub frameworks: Vec<String>,
}

/// The document a review file is made of, its manifest and the UUIDs that stay the mentee's.
pub struct Shared {
    pub document: PortfolioDocument,
    pub manifest: ReviewManifest,
    mentee_records: Vec<String>,
}

/// Reads the selection from the mentee's portfolio. Private entries never go in.
pub fn select(conn: &Conn, reviewer: &str, selection: &Selection, now: &str) -> Result<Shared> {
    for key in &selection.frameworks {
        frameworks::get(conn, key)?;
    }
    let filter = EntryFilter {
        kinds: selection.kinds.clone(),
        since: selection.since,
        until: selection.until,
        tags: selection.tags.clone(),
        privacy: Privacy::OnlyPublic,
        ..Default::default()
    };
    let options = ReadOptions { with_attachment_data: selection.attachments, ..ReadOptions::default() };
    let wanted = |reference: &str| {
        let key = reference.split('/').next().unwrap_or_default();
        selection.frameworks.is_empty() || selection.frameworks.iter().any(|k| k.eq_ignore_ascii_case(key))
    };
    let mut document = PortfolioDocument::empty();
    let mut listed = entries::list(conn, &filter)?;
    // In the mentee's order, so the review file numbers them the same way round.
    listed.sort_by_key(|e| e.id);
    for entry in listed {
        let mut doc: DocEntry = doc_entry(conn, entry, options)?;
        if !selection.frameworks.is_empty() {
            doc.claims.retain(|c| wanted(&c.reference));
            doc.verdicts.retain(|v| v.claim.as_deref().is_none_or(wanted));
            if doc.claims.is_empty() {
                continue;
            }
        }
        if !selection.attachments {
            doc.attachments.clear();
        }
        document.entries.push(doc);
    }
    document.keep_links_within();
    let mut keys: Vec<String> = document
        .entries
        .iter()
        .flat_map(|e| {
            e.claims.iter().map(|c| c.reference.split('/').next().unwrap_or_default().to_lowercase())
        })
        .collect();
    keys.sort();
    keys.dedup();
    for key in &keys {
        document.frameworks.push(frameworks::get(conn, key)?);
    }
    document.profile = profile::get(conn)?;
    let mentee_records = document
        .entries
        .iter()
        .flat_map(|e| {
            std::iter::once(e.uuid.clone())
                .chain(e.claims.iter().map(|c| c.uuid.clone()))
                .chain(e.verdicts.iter().map(|v| v.uuid.clone()))
        })
        .collect();
    let manifest = ReviewManifest {
        share_id: uuid::Uuid::new_v4().to_string(),
        portfolio_uuid: review::portfolio_uuid(conn)?,
        owner: document.profile.name.clone(),
        reviewer: reviewer.trim().to_string(),
        created_at: now.to_string(),
        selection: serde_json::to_string(selection).unwrap_or_else(|_| "{}".into()),
    };
    Ok(Shared { document, manifest, mentee_records })
}

impl Shared {
    pub fn held(&self) -> Held {
        let entries = &self.document.entries;
        Held {
            entries: entries.len(),
            claims: entries.iter().map(|e| e.claims.len()).sum(),
            verdicts: entries.iter().map(|e| e.verdicts.len()).sum(),
            attachments: entries.iter().map(|e| e.attachments.len()).sum(),
            frameworks: self.document.frameworks.iter().map(|f| f.key.clone()).collect(),
        }
    }
}

/// Writes the review file at `path` (which must not exist yet) and records
/// the share in the mentee's portfolio, in the caller's transaction: the
/// file appears whole, under its name, only if the record is written too.
pub fn write(
    tx: &Tx,
    shared: &Shared,
    path: &Path,
    busy: std::time::Duration,
    now: &str,
) -> anyhow::Result<()> {
    let temp = crate::scratch::beside(path, crate::scratch::WRITING, ".partial")?;
    {
        let mut file = Db::open(temp.path(), busy)?;
        file.write(|review_tx| -> anyhow::Result<()> {
            super::merge::merge(review_tx, &shared.document, now)?;
            review::write_manifest(review_tx, &shared.manifest, &shared.mentee_records)?;
            Ok(())
        })?;
        file.into_single_file()?;
    }
    review::record_share(tx, &shared.manifest, shared.document.entries.len())?;
    review::record_items(tx, &shared.manifest.share_id, &shared.mentee_records)?;
    temp.persist_noclobber(path)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {}", path.display(), e.error))?;
    Ok(())
}
