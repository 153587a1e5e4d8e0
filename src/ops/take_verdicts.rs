//! `folio merge verdicts-….json`: taking back what a reviewer judged in an
//! HTML review pack — their verdicts and one feedback entry — exactly as a
//! review file is taken back: each once (by a UUID derived from what it
//! says), nothing of the mentee's changed, all or nothing.

use super::take_review::Taken;
use super::{OpsError, Result};
use crate::db::{Tx, claims, entries, review};
use crate::model::verdicts_file::{PackVerdict, VerdictsFile};
use crate::model::{Verdict, limits};
use crate::trust::evidence;
use crate::trust::verdict_credential::{self, Judged};

/// Takes the file's verdicts and feedback. With `pack_known`, every claim
/// or entry it names must be one the pack asked about, or the file was
/// edited and nothing is taken.
pub fn take(tx: &Tx, file: &VerdictsFile, pack_known: bool, now: &str) -> Result<Taken> {
    let mut taken = Taken::default();
    let reviewer = file.reviewer.trim();
    for v in &file.verdicts {
        let item = v.item();
        if pack_known && !review::pack_asks(tx, &file.share_id, item)? {
            return Err(OpsError::Edited(format!(
                "it has a verdict on {item}, which the review pack did not ask about"
            )));
        }
        let target = match &v.claim {
            Some(claim) => claims::find_by_uuid(tx, claim)?.map(|(entry, claim)| (entry, Some(claim))),
            None => entries::find_by_uuid(tx, item)?
                .filter(|(_, _, deleted)| deleted.is_none())
                .map(|(entry, _, _)| (entry, None)),
        };
        let Some((entry, claim)) = target else {
            let what = if v.claim.is_some() { "claim" } else { "entry" };
            taken.left.push(format!("a verdict on {what} {item}: it is no longer in the portfolio"));
            continue;
        };
        let uuid = file.verdict_uuid(v);
        if claims::verdict_exists(tx, &uuid)? {
            continue;
        }
        limits::within(&format!("the comment on {item}"), &v.comment, limits::COMMENT_BYTES)
            .map_err(OpsError::Edited)?;
        let comment = v.comment();
        if let Some(credential) = &v.credential {
            check_signed(tx, file, v, (entry, claim), credential)?;
        }
        let verdict = Verdict {
            verdict: v.verdict,
            assessor: reviewer.to_string(),
            date: v.date,
            comment,
            claim: None,
            uuid,
            created_at: now.to_string(),
            credential: v.credential.clone(),
        };
        claims::add_verdict(tx, entry, claim, &verdict)?;
        taken.verdicts += 1;
        taken.signed += usize::from(verdict.credential.is_some());
        taken.assessors.insert(verdict.assessor.clone());
    }
    limits::within("its feedback", file.feedback.trim(), limits::BODY_BYTES).map_err(OpsError::Edited)?;
    if let Some(mut fields) = file.feedback_fields() {
        let uuid = file.feedback_uuid();
        if entries::find_by_uuid(tx, &uuid)?.is_none() {
            fields.validate().map_err(|e| OpsError::Edited(format!("its feedback: {e}")))?;
            let id = entries::insert(tx, &fields, &uuid, now)?;
            if let Some(credential) = &file.feedback_credential {
                let signed = verdict_credential::check_feedback(credential).map_err(|e| {
                    OpsError::Edited(format!("the signature on its feedback does not verify ({e})"))
                })?;
                if signed.entry_uuid != uuid || signed.evidence != evidence::of_fields(&fields) {
                    return Err(OpsError::Edited("its feedback is not what its signature covers".into()));
                }
                crate::db::entry_credentials::set(tx, id, credential)?;
                taken.signed_feedback += 1;
            }
            taken.feedback += 1;
        }
    }
    Ok(taken)
}

/// A signed verdict of the file: its signature verifies and its credential
/// says what the verdict says, of the entry and claim it is on here; else
/// the whole file is refused.
fn check_signed(
    tx: &Tx,
    file: &VerdictsFile,
    v: &PackVerdict,
    (entry, claim): (crate::model::EntryId, Option<i64>),
    credential: &serde_json::Value,
) -> Result<()> {
    let item = v.item();
    let signed = verdict_credential::check(credential).map_err(|e| {
        OpsError::Edited(format!("the signature on the verdict on {item} does not verify ({e})"))
    })?;
    let held = entries::get(tx, entry)?;
    let reference =
        claim.and_then(|_| held.claims.iter().find(|c| c.uuid == item).map(|c| c.reference.clone()));
    let judged = Judged {
        verdict_uuid: file.verdict_uuid(v),
        entry_uuid: held.uuid.clone(),
        entry_title: held.fields.title.clone(),
        claim: reference,
        verdict: v.verdict,
        comment: v.comment(),
        date: v.date,
        evidence: signed.judged.evidence.clone(),
    };
    match verdict_credential::disagreement(&signed.judged, &judged) {
        Some(why) => Err(OpsError::Edited(format!("the verdict on {item}: {why}"))),
        None => Ok(()),
    }
}
