//! Where each verdict of a document stands, as `folio verify` and the PDFs
//! say it: signed (and by whom), signed over evidence that has changed since,
//! a signature that does not verify, or unsigned.

use serde::Serialize;

use super::evidence;
use super::verdict_credential::{self, Judged, Signed, text};
use crate::model::document::{DocEntry, DocVerdict};
use crate::model::verdicts_file::VerdictsFile;
use crate::model::{Entry, PartialDate, Verdict, VerdictKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Standing {
    /// The signature verifies and the evidence is as judged.
    Signed {
        signed_by: String,
        did: String,
        signed_at: String,
    },
    /// The signature verifies, but the entry's content is not what was judged.
    EvidenceChanged {
        signed_by: String,
        did: String,
        signed_at: String,
        edited_on: Option<String>,
    },
    /// The signature does not verify, or the credential is about something else.
    SignatureInvalid {
        reason: String,
    },
    Unsigned,
}

impl Standing {
    /// Whether it leaves `folio verify` content (unsigned is not a failure).
    pub fn is_failure(&self) -> bool {
        matches!(self, Standing::EvidenceChanged { .. } | Standing::SignatureInvalid { .. })
    }

    fn signed(signed: &Signed) -> Self {
        Standing::Signed {
            signed_by: signed.issuer_name.clone(),
            did: signed.issuer_did.clone(),
            signed_at: signed.signed_at.clone(),
        }
    }

    /// "signed by Dr Okubo (did:key:z6MkkP…FVQq)", "unsigned", … —
    /// for a document, the did:key shortened to its first and last letters.
    pub fn words(&self) -> String {
        match self {
            Standing::Signed { signed_by, did, .. } => format!("signed by {signed_by} ({})", short_did(did)),
            Standing::EvidenceChanged { signed_by, did, .. } => {
                format!("signed by {signed_by} ({}) over an earlier version of the entry", short_did(did))
            }
            Standing::SignatureInvalid { .. } => "signature does not verify".into(),
            Standing::Unsigned => "unsigned".into(),
        }
    }
}

/// `did:key:z6MkkP…FVQq`: enough to tell keys apart on paper (and
/// narrow enough for a table's cell); `folio verify` prints it whole.
pub fn short_did(did: &str) -> String {
    let chars: Vec<char> = did.chars().collect();
    if chars.len() <= 24 {
        return did.to_string();
    }
    let head: String = chars[..14].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// Where a verdict stands against its entry as storage holds it.
pub fn of_stored(entry: &Entry, verdict: &Verdict) -> Standing {
    // Most verdicts are unsigned: no digest to make for them.
    if verdict.credential.is_none() {
        return Standing::Unsigned;
    }
    let digest = evidence::of_entry(entry);
    let held = Judged::of((&entry.uuid, &entry.fields.title), verdict, digest.clone());
    standing_of(verdict.credential.as_ref(), &held, Some((&digest, &entry.updated_at)))
}

/// One verdict (or signed feedback entry) and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checked {
    /// `verdict` or `feedback`.
    pub record: &'static str,
    pub entry: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    /// None only for a credential too damaged to say.
    pub verdict: Option<VerdictKind>,
    pub assessor: String,
    pub date: Option<PartialDate>,
    #[serde(flatten)]
    pub standing: Standing,
}

fn standing_of(
    credential: Option<&serde_json::Value>,
    held: &Judged,
    current: Option<(&str, &str)>,
) -> Standing {
    let Some(credential) = credential else { return Standing::Unsigned };
    let signed = match verdict_credential::check(credential) {
        Ok(signed) => signed,
        Err(e) => return Standing::SignatureInvalid { reason: e.0 },
    };
    if let Some(why) = verdict_credential::disagreement(&signed.judged, held) {
        return Standing::SignatureInvalid { reason: why };
    }
    match current {
        Some((digest, edited)) if digest != signed.judged.evidence => Standing::EvidenceChanged {
            signed_by: signed.issuer_name,
            did: signed.issuer_did,
            signed_at: signed.signed_at,
            edited_on: crate::model::stamp::day_of(edited).map(|d| d.to_string()),
        },
        _ => Standing::signed(&signed),
    }
}

/// A verdict as held with its entry, compared with the entry as it is.
pub fn of_verdict(entry: &DocEntry, verdict: &DocVerdict) -> Checked {
    let digest = evidence::of_document_entry(entry);
    let held = Judged::of((&entry.uuid, &entry.fields.title), &verdict.as_read(), digest.clone());
    Checked {
        record: "verdict",
        entry: entry.uuid.clone(),
        title: entry.fields.title.clone(),
        claim: verdict.claim.clone(),
        verdict: Some(verdict.verdict),
        assessor: verdict.assessor.clone(),
        date: Some(verdict.date),
        standing: standing_of(verdict.credential.as_ref(), &held, Some((&digest, &entry.updated_at))),
    }
}

/// Every verdict of these entries, and every feedback entry signed.
pub fn of_entries(entries: &[DocEntry]) -> Vec<Checked> {
    let verdicts = entries.iter().flat_map(|e| e.verdicts.iter().map(move |v| of_verdict(e, v)));
    verdicts.chain(entries.iter().filter_map(of_feedback)).collect()
}

/// A signed feedback entry, compared with itself as it is now.
pub fn of_feedback(entry: &DocEntry) -> Option<Checked> {
    let credential = entry.credential.as_ref()?;
    let digest = evidence::of_document_entry(entry);
    let standing = match verdict_credential::check_feedback(credential) {
        Err(e) => Standing::SignatureInvalid { reason: e.0 },
        Ok(signed) if signed.entry_uuid != entry.uuid => {
            Standing::SignatureInvalid { reason: "its credential is about another entry".into() }
        }
        Ok(signed) if signed.evidence != digest => Standing::EvidenceChanged {
            signed_by: signed.issuer_name,
            did: signed.issuer_did,
            signed_at: signed.signed_at,
            edited_on: crate::model::stamp::day_of(&entry.updated_at).map(|d| d.to_string()),
        },
        Ok(signed) => Standing::Signed {
            signed_by: signed.issuer_name,
            did: signed.issuer_did,
            signed_at: signed.signed_at,
        },
    };
    Some(Checked {
        record: "feedback",
        entry: entry.uuid.clone(),
        title: entry.fields.title.clone(),
        claim: None,
        verdict: None,
        assessor: entry.fields.details.from().unwrap_or_default().to_string(),
        date: Some(entry.fields.date),
        standing,
    })
}

/// A credential on its own: its signature only (no entry to compare with).
pub fn of_credential(credential: &serde_json::Value) -> Checked {
    match verdict_credential::check(credential) {
        Ok(signed) => Checked {
            record: "verdict",
            entry: signed.judged.entry_uuid.clone(),
            title: signed.judged.entry_title.clone(),
            claim: signed.judged.claim.clone(),
            verdict: Some(signed.judged.verdict),
            assessor: signed.issuer_name.clone(),
            date: Some(signed.judged.date),
            standing: Standing::signed(&signed),
        },
        Err(e) => Checked {
            record: "verdict",
            entry: text(credential, &["credentialSubject", "id"])
                .map(|id| id.trim_start_matches("urn:uuid:").to_string())
                .unwrap_or_default(),
            title: text(credential, &["credentialSubject", "entryTitle"]).unwrap_or_default(),
            claim: text(credential, &["credentialSubject", "claim", "ref"]),
            verdict: text(credential, &["credentialSubject", "verdict"]).and_then(|v| v.parse().ok()),
            assessor: text(credential, &["issuer", "name"]).unwrap_or_default(),
            date: text(credential, &["credentialSubject", "verdictDate"]).and_then(|d| d.parse().ok()),
            standing: Standing::SignatureInvalid { reason: e.0 },
        },
    }
}

/// Every verdict of a verdicts file (`folio sign`ed or not), compared with
/// what its review pack said of the item judged.
pub fn of_verdicts_file(file: &VerdictsFile) -> Vec<Checked> {
    let feedback =
        file.feedback_credential.as_ref().zip(file.feedback_fields()).map(|(credential, fields)| {
            let uuid = file.feedback_uuid();
            let standing = match verdict_credential::check_feedback(credential) {
                Err(e) => Standing::SignatureInvalid { reason: e.0 },
                Ok(signed)
                    if signed.entry_uuid != uuid || signed.evidence != evidence::of_fields(&fields) =>
                {
                    Standing::SignatureInvalid {
                        reason: "the feedback is not what its signature covers".into(),
                    }
                }
                Ok(signed) => Standing::Signed {
                    signed_by: signed.issuer_name,
                    did: signed.issuer_did,
                    signed_at: signed.signed_at,
                },
            };
            Checked {
                record: "feedback",
                entry: uuid,
                title: fields.title.clone(),
                claim: None,
                verdict: None,
                assessor: file.reviewer.clone(),
                date: Some(fields.date),
                standing,
            }
        });
    let verdicts = file
        .verdicts
        .iter()
        .map(|v| {
            let entry = v.of_entry.clone().or_else(|| v.entry.clone()).unwrap_or_default();
            let held = Judged {
                verdict_uuid: file.verdict_uuid(v),
                entry_uuid: entry.clone(),
                entry_title: v.title.clone().unwrap_or_default(),
                claim: v.reference.clone(),
                verdict: v.verdict,
                comment: v.comment(),
                date: v.date,
                evidence: v.evidence.clone().unwrap_or_default(),
            };
            let current = v.evidence.as_deref().map(|d| (d, ""));
            Checked {
                record: "verdict",
                entry,
                title: held.entry_title.clone(),
                claim: held.claim.clone(),
                verdict: Some(v.verdict),
                assessor: file.reviewer.clone(),
                date: Some(v.date),
                standing: standing_of(v.credential.as_ref(), &held, current),
            }
        })
        .collect::<Vec<_>>();
    verdicts.into_iter().chain(feedback).collect()
}
