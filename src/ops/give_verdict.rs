//! Recording a verdict, signed when the reviewer has a key: the one place a
//! verdict is made from a judgement (`folio verdict`, `folio review`), and
//! where a reviewer's feedback entry is signed (`folio add feedback` in a
//! review file). The entry is read inside the transaction that stores the
//! signature, so the evidence digest it covers is of the content as it was.

use super::{OpsError, Result};
use crate::db::{Tx, claims, entries};
use crate::model::{EntryId, PartialDate, Verdict, VerdictKind};
use crate::trust::evidence;
use crate::trust::verdict_credential::{self, Judged, Signer};

/// A judgement to record.
pub struct Judgement<'a> {
    pub entry: EntryId,
    /// The claim judged (its id and reference), or none for the whole entry.
    pub claim: Option<(i64, String)>,
    pub verdict: VerdictKind,
    pub assessor: &'a str,
    pub comment: Option<String>,
    pub date: PartialDate,
}

/// Stores the verdict (signed with `signer`'s key when given) and returns it.
pub fn give(tx: &Tx, judgement: Judgement, signer: Option<&Signer>, now: &str) -> Result<Verdict> {
    let entry = entries::get(tx, judgement.entry)?;
    let mut verdict = Verdict {
        verdict: judgement.verdict,
        assessor: judgement.assessor.to_string(),
        date: judgement.date,
        comment: judgement.comment,
        claim: judgement.claim.as_ref().map(|(_, reference)| reference.clone()),
        uuid: uuid::Uuid::new_v4().to_string(),
        created_at: now.to_string(),
        credential: None,
    };
    if let Some(signer) = signer {
        let judged = Judged::of((&entry.uuid, &entry.fields.title), &verdict, evidence::of_entry(&entry));
        let credential = verdict_credential::issue(&judged, signer, now)
            .map_err(|e| OpsError::refused(format!("cannot sign the verdict: {e}"), None))?;
        verdict.credential = Some(credential);
    }
    claims::add_verdict(tx, judgement.entry, judgement.claim.map(|(id, _)| id), &verdict)?;
    Ok(verdict)
}

/// Signs the feedback entry `id` with `signer`'s key and stores the credential.
pub fn sign_feedback(tx: &Tx, id: EntryId, signer: &Signer, now: &str) -> Result<()> {
    let entry = entries::get(tx, id)?;
    let credential = verdict_credential::issue_feedback(
        (&entry.uuid, &entry.fields.title),
        entry.fields.date,
        &entry.fields.body,
        &evidence::of_entry(&entry),
        signer,
        now,
    )
    .map_err(|e| OpsError::refused(format!("cannot sign the feedback: {e}"), None))?;
    crate::db::entry_credentials::set(tx, id, &credential)?;
    Ok(())
}
