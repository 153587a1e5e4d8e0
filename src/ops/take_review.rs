//! `folio merge`: taking back from a review file only what the reviewer
//! added — verdicts (with their comments) on the shared entries, and
//! feedback entries — each once, by UUID. Nothing of the mentee's is ever
//! changed: no entry, profile, framework, attachment or deletion comes back.
//!
//! What was shared is what *this portfolio* recorded when it wrote the file
//! (`share_items`), never the file's own list: a verdict about any other
//! record is refused, and named, whatever the file claims.

use super::{OpsError, Result};
use crate::db::document_read::{ReadOptions, read_document};
use crate::db::{Conn, Tx, claims, entries, refs, review};
use crate::model::Visibility;
use crate::model::document::DocVerdict;
use crate::model::{EntryKind, Reference, limits};
use crate::trust::verdict_credential::{self, Judged};

/// What a merge took, and what it left and why.
#[derive(Debug, Default, serde::Serialize)]
pub struct Taken {
    pub verdicts: usize,
    /// How many of them were signed (their signatures verified).
    pub signed: usize,
    /// How many feedback entries taken were signed (their signatures verified).
    pub signed_feedback: usize,
    /// Who gave the verdicts taken (a reviewer may record them `--by` someone else).
    pub assessors: std::collections::BTreeSet<String>,
    pub feedback: usize,
    pub left: Vec<String>,
}

pub fn take(tx: &Tx, file: &Conn, share_id: &str) -> Result<Taken> {
    let document = read_document(
        file,
        ReadOptions { visibility: Visibility::IncludePrivate, ..ReadOptions::default() },
    )?;
    let mut taken = Taken::default();
    let recorded = review::share_recorded(tx, share_id)?;
    let shared = |uuid: &str| -> Result<bool> { Ok(recorded && review::pack_asks(tx, share_id, uuid)?) };
    for entry in &document.entries {
        let claimed_shared = review::is_shared(file, &entry.uuid)?;
        if claimed_shared && !shared(&entry.uuid)? {
            if !entry.verdicts.is_empty() || entries::find_by_uuid(tx, &entry.uuid)?.is_some() {
                let why = if recorded {
                    "this portfolio did not share that entry in this review file"
                } else {
                    "this portfolio has no record of what that review file shared (an older folio, or another copy's share); share again"
                };
                taken
                    .left
                    .push(format!("verdicts on {} ({}): {why}; refused", entry.fields.title, entry.uuid));
            }
            continue;
        }
        if !claimed_shared {
            if entry.fields.kind() != EntryKind::Feedback {
                taken.left.push(format!(
                    "{} '{}': a reviewer's own entries come back only as feedback",
                    entry.fields.kind(),
                    entry.fields.title
                ));
            } else if entries::find_by_uuid(tx, &entry.uuid)?.is_none() {
                let mut fields = entry.fields.clone();
                fields.validate().map_err(|e| crate::db::DbError::BadRecord {
                    at: format!("feedback '{}'", entry.fields.title),
                    reason: e.to_string(),
                })?;
                let what = format!("the feedback '{}'", entry.fields.title);
                limits::within(&what, &fields.body, limits::BODY_BYTES).map_err(OpsError::Edited)?;
                let id = entries::insert_with_times(
                    tx,
                    &fields,
                    &entry.uuid,
                    &entry.created_at,
                    &entry.updated_at,
                )?;
                if let Some(credential) = &entry.credential {
                    let signed = verdict_credential::check_feedback(credential).map_err(|e| {
                        OpsError::Edited(format!(
                            "the feedback '{}': its signature does not verify ({e})",
                            entry.fields.title
                        ))
                    })?;
                    if signed.entry_uuid != entry.uuid {
                        return Err(OpsError::Edited(format!(
                            "the feedback '{}': its credential is about another entry",
                            entry.fields.title
                        )));
                    }
                    crate::db::entry_credentials::set(tx, id, credential)?;
                    taken.signed_feedback += 1;
                }
                taken.feedback += 1;
            }
            continue;
        }
        let Some((id, _, _)) = entries::find_by_uuid(tx, &entry.uuid)? else {
            if entry.verdicts.iter().any(|v| !matches!(shared(&v.uuid), Ok(true))) {
                taken.left.push(format!(
                    "verdicts on '{}': the entry is no longer in the portfolio",
                    entry.fields.title
                ));
            }
            continue;
        };
        // Oldest first, so verdicts given on the same day keep their order.
        for verdict in entry.verdicts.iter().rev() {
            if shared(&verdict.uuid)? || claims::verdict_exists(tx, &verdict.uuid)? {
                continue;
            }
            let claim_id = match &verdict.claim {
                Some(text) => {
                    let found = match text.parse::<Reference>() {
                        Ok(reference) => match refs::resolve(tx, &reference) {
                            Ok(target) => claims::find(tx, id, &target)?,
                            Err(_) => None,
                        },
                        Err(_) => None,
                    };
                    match found {
                        Some(claim) => Some(claim),
                        None => {
                            taken.left.push(format!(
                                "a verdict on '{}' ({text}): the entry no longer claims it",
                                entry.fields.title
                            ));
                            continue;
                        }
                    }
                }
                None => None,
            };
            let what = format!("the comment of a verdict on '{}'", entry.fields.title);
            limits::within(&what, verdict.comment.as_deref().unwrap_or_default(), limits::COMMENT_BYTES)
                .map_err(OpsError::Edited)?;
            if let Some(credential) = &verdict.credential {
                check_signed(&entry.uuid, &entry.fields.title, verdict, credential)?;
            }
            claims::add_verdict(tx, id, claim_id, &verdict.to_verdict())?;
            taken.verdicts += 1;
            taken.signed += usize::from(verdict.credential.is_some());
            taken.assessors.insert(verdict.assessor.clone());
        }
    }
    Ok(taken)
}

/// A signed verdict of the review file: its signature verifies and its
/// credential says what the verdict says; else the whole file is refused.
fn check_signed(
    entry_uuid: &str,
    title: &str,
    verdict: &DocVerdict,
    credential: &serde_json::Value,
) -> Result<()> {
    let refused =
        |why: String| OpsError::Edited(format!("the verdict on '{title}' ({}): {why}", verdict.uuid));
    let signed = verdict_credential::check(credential)
        .map_err(|e| refused(format!("its signature does not verify ({e})")))?;
    let judged = Judged::of((entry_uuid, title), &verdict.as_read(), signed.judged.evidence.clone());
    match verdict_credential::disagreement(&signed.judged, &judged) {
        Some(why) => Err(refused(why)),
        None => Ok(()),
    }
}
