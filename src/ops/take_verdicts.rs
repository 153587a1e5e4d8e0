//! `folio merge verdicts-….json`: taking back what a reviewer judged in an
//! HTML review pack — their verdicts and one feedback entry — exactly as a
//! review file is taken back: each once (by a UUID derived from what it
//! says), nothing of the mentee's changed, all or nothing.

use super::take_review::Taken;
use super::{OpsError, Result};
use crate::db::{Tx, claims, entries, review};
use crate::model::verdicts_file::VerdictsFile;
use crate::model::{EntryFields, EntryKind, KindDetails, KindValues, Verdict, limits};

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
        let comment = Some(v.comment.trim().to_string()).filter(|c| !c.is_empty());
        let verdict = Verdict {
            verdict: v.verdict,
            assessor: reviewer.to_string(),
            date: v.date,
            comment,
            claim: None,
            uuid,
            created_at: now.to_string(),
        };
        claims::add_verdict(tx, entry, claim, &verdict)?;
        taken.verdicts += 1;
        taken.assessors.insert(verdict.assessor.clone());
    }
    let text = file.feedback.trim();
    limits::within("its feedback", text, limits::BODY_BYTES).map_err(OpsError::Edited)?;
    if !text.is_empty() {
        let uuid = file.feedback_uuid();
        if entries::find_by_uuid(tx, &uuid)?.is_none() {
            let mut fields = EntryFields {
                body: text.to_string(),
                details: KindDetails::keep(
                    EntryKind::Feedback,
                    KindValues { from: Some(reviewer.to_string()), ..KindValues::default() },
                ),
                ..EntryFields::new(EntryKind::Feedback, format!("Review feedback from {reviewer}"), file.date)
            };
            fields.validate().map_err(|e| OpsError::Edited(format!("its feedback: {e}")))?;
            entries::insert(tx, &fields, &uuid, now)?;
            taken.feedback += 1;
        }
    }
    Ok(taken)
}
