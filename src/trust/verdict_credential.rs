//! A signed verdict as a W3C Verifiable Credential 2.0 / Open Badges 3.0
//! `EndorsementCredential`: the issuer is the reviewer's `did:key` and name,
//! the subject the judged entry (`urn:uuid:` of its UUID) with the claim
//! (framework, competency, level), the verdict, the comment, the day given
//! and the evidence digest ([`super::evidence`]); a signed feedback entry
//! the same way, its text the endorsement. The proof is `eddsa-jcs-2022`
//! ([`super::data_integrity`]).

use ed25519_dalek::SigningKey;
use serde_json::{Value, json};

use super::{Result, TrustError, data_integrity};
use crate::model::{PartialDate, Reference, Verdict, VerdictKind};

const CONTEXTS: [&str; 2] =
    ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"];
pub const CREDENTIAL_TYPE: &str = "EndorsementCredential";

/// What a verdict says, as signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged {
    /// The verdict's own UUID (the credential's id).
    pub verdict_uuid: String,
    pub entry_uuid: String,
    pub entry_title: String,
    /// The reference of the claim judged, or none for the whole entry.
    pub claim: Option<String>,
    pub verdict: VerdictKind,
    pub comment: Option<String>,
    pub date: PartialDate,
    /// The evidence digest of the entry judged.
    pub evidence: String,
}

impl Judged {
    /// What `verdict` says of the entry `(uuid, title)`, over `evidence`.
    pub fn of(entry: (&str, &str), verdict: &Verdict, evidence: String) -> Self {
        Self {
            verdict_uuid: verdict.uuid.clone(),
            entry_uuid: entry.0.to_string(),
            entry_title: entry.1.to_string(),
            claim: verdict.claim.clone(),
            verdict: verdict.verdict,
            comment: verdict.comment.clone(),
            date: verdict.date,
            evidence,
        }
    }
}

/// The signer: a name and a key.
pub struct Signer<'a> {
    pub name: &'a str,
    pub key: &'a SigningKey,
}

fn claim_json(reference: &str) -> Value {
    let mut claim = json!({"ref": reference});
    if let Ok(parsed) = reference.parse::<Reference>() {
        claim["framework"] = parsed.key.into();
        claim["competency"] = parsed.code.into();
        if let Some(level) = parsed.rest.first().filter(|p| p.parse::<i64>().is_err()) {
            claim["level"] = level.clone().into();
        }
    }
    claim
}

/// The credential for `judged`, signed by `signer` at `created` (RFC 3339).
pub fn issue(judged: &Judged, signer: &Signer, created: &str) -> Result<Value> {
    let did = super::did_key::did(&signer.key.verifying_key());
    let mut subject = json!({
        "id": format!("urn:uuid:{}", judged.entry_uuid),
        "type": ["EndorsementSubject"],
        "endorsementComment": judged.comment.clone().unwrap_or_default(),
        "entryTitle": judged.entry_title,
        "verdict": judged.verdict.as_str(),
        "verdictDate": judged.date.to_string(),
        "evidenceDigest": {"sha256": judged.evidence, "method": super::evidence::METHOD},
    });
    if let Some(reference) = &judged.claim {
        subject["claim"] = claim_json(reference);
    }
    let document = json!({
        "@context": CONTEXTS,
        "id": format!("urn:uuid:{}", judged.verdict_uuid),
        "type": ["VerifiableCredential", CREDENTIAL_TYPE],
        "name": format!("{}: {}", judged.verdict.words(), judged.entry_title),
        "issuer": {"id": did, "type": ["Profile"], "name": signer.name},
        "validFrom": created,
        "credentialSubject": subject,
    });
    let Value::Object(document) = document else { unreachable!("json! of an object") };
    data_integrity::sign(document, signer.key, created)
}

/// What a verdict credential whose signature verifies says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    pub judged: Judged,
    pub issuer_did: String,
    pub issuer_name: String,
    /// When it was signed (the proof's `created`).
    pub signed_at: String,
}

/// The string at `path` in a credential, if there is one.
pub(super) fn text(value: &Value, path: &[&str]) -> Option<String> {
    path.iter().try_fold(value, |at, key| at.get(key)).and_then(Value::as_str).map(str::to_string)
}

fn urn_uuid(value: &Value, path: &[&str], what: &str) -> Result<String> {
    text(value, path)
        .and_then(|id| id.strip_prefix("urn:uuid:").map(str::to_string))
        .ok_or_else(|| TrustError::new(format!("its {what} is not a urn:uuid")))
}

/// Verifies a verdict credential's proof and reads what it says. The
/// issuer must be the key that signed it.
pub fn check(credential: &Value) -> Result<Signed> {
    let proven = data_integrity::verify_issued(credential)?;
    let types = credential.get("type").and_then(Value::as_array).cloned().unwrap_or_default();
    if !types.iter().any(|t| t == CREDENTIAL_TYPE) {
        return Err(TrustError::new(format!("it is not an {CREDENTIAL_TYPE}")));
    }
    let subject = credential.get("credentialSubject").cloned().unwrap_or(Value::Null);
    let verdict = text(&subject, &["verdict"])
        .and_then(|v| v.parse::<VerdictKind>().ok())
        .ok_or_else(|| TrustError::new("it names no verdict folio knows"))?;
    let date = text(&subject, &["verdictDate"])
        .and_then(|d| d.parse::<PartialDate>().ok())
        .ok_or_else(|| TrustError::new("it has no verdict date"))?;
    let judged = Judged {
        verdict_uuid: urn_uuid(credential, &["id"], "id")?,
        entry_uuid: urn_uuid(&subject, &["id"], "subject")?,
        entry_title: text(&subject, &["entryTitle"]).unwrap_or_default(),
        claim: text(&subject, &["claim", "ref"]),
        verdict,
        comment: text(&subject, &["endorsementComment"]).filter(|c| !c.is_empty()),
        date,
        evidence: text(&subject, &["evidenceDigest", "sha256"])
            .ok_or_else(|| TrustError::new("it has no evidence digest"))?,
    };
    Ok(Signed {
        judged,
        issuer_did: proven.did,
        issuer_name: text(credential, &["issuer", "name"]).unwrap_or_default(),
        signed_at: proven.created.unwrap_or_default(),
    })
}

/// Where a verified credential and the verdict it travels with disagree
/// (a credential moved onto another verdict), in words.
pub fn disagreement(signed: &Judged, held: &Judged) -> Option<String> {
    let differs = |what: &str| Some(format!("its credential is about another {what} than the verdict's"));
    if signed.verdict_uuid != held.verdict_uuid {
        return differs("verdict");
    }
    if signed.entry_uuid != held.entry_uuid {
        return differs("entry");
    }
    if signed.claim != held.claim {
        return differs("claim");
    }
    if signed.verdict != held.verdict || signed.date != held.date {
        return Some("its credential gives another verdict or date than the verdict's".into());
    }
    let comment = |c: &Option<String>| c.as_deref().map(str::trim).unwrap_or_default().to_string();
    if comment(&signed.comment) != comment(&held.comment) {
        return Some("its credential has another comment than the verdict's".into());
    }
    None
}

/// A feedback entry as its writer signed it: the entry's UUID, title and
/// day, its text as the endorsement comment, and its evidence digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackSigned {
    pub entry_uuid: String,
    pub entry_title: String,
    pub date: PartialDate,
    pub evidence: String,
    pub issuer_did: String,
    pub issuer_name: String,
    pub signed_at: String,
}

/// The credential for a feedback entry, signed by `signer` at `created`.
pub fn issue_feedback(
    entry: (&str, &str),
    date: PartialDate,
    body: &str,
    evidence: &str,
    signer: &Signer,
    created: &str,
) -> Result<Value> {
    let did = super::did_key::did(&signer.key.verifying_key());
    let document = json!({
        "@context": CONTEXTS,
        "id": format!("urn:uuid:{}", uuid::Uuid::new_v4()),
        "type": ["VerifiableCredential", CREDENTIAL_TYPE],
        "name": format!("Feedback: {}", entry.1),
        "issuer": {"id": did, "type": ["Profile"], "name": signer.name},
        "validFrom": created,
        "credentialSubject": {
            "id": format!("urn:uuid:{}", entry.0),
            "type": ["EndorsementSubject"],
            "entryTitle": entry.1,
            "feedbackDate": date.to_string(),
            "endorsementComment": body,
            "evidenceDigest": {"sha256": evidence, "method": super::evidence::METHOD},
        },
    });
    let Value::Object(document) = document else { unreachable!("json! of an object") };
    data_integrity::sign(document, signer.key, created)
}

/// Verifies a feedback credential and reads what it says.
pub fn check_feedback(credential: &Value) -> Result<FeedbackSigned> {
    let proven = data_integrity::verify_issued(credential)?;
    let subject = credential.get("credentialSubject").cloned().unwrap_or(Value::Null);
    Ok(FeedbackSigned {
        entry_uuid: urn_uuid(&subject, &["id"], "subject")?,
        entry_title: text(&subject, &["entryTitle"]).unwrap_or_default(),
        date: text(&subject, &["feedbackDate"])
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| TrustError::new("it is not feedback (no feedbackDate)"))?,
        evidence: text(&subject, &["evidenceDigest", "sha256"])
            .ok_or_else(|| TrustError::new("it has no evidence digest"))?,
        issuer_did: proven.did,
        issuer_name: text(credential, &["issuer", "name"]).unwrap_or_default(),
        signed_at: proven.created.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged() -> Judged {
        Judged {
            verdict_uuid: "5b0c3f5e-9d7e-4b7a-8a51-1e2f3a4b5c6d".into(),
            entry_uuid: "0f9e8d7c-6b5a-4938-8271-605f4e3d2c1b".into(),
            entry_title: "Contracting".into(),
            claim: Some("emcc/contracting/practitioner".into()),
            verdict: VerdictKind::Accepted,
            comment: Some("Clear and honest".into()),
            date: "2026-03-14".parse().unwrap(),
            evidence: "ab".repeat(32),
        }
    }

    #[test]
    fn an_issued_credential_checks_and_says_what_was_judged() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let credential =
            issue(&judged(), &Signer { name: "Dr Okubo", key: &key }, "2026-03-14T10:00:00Z").unwrap();
        assert_eq!(credential["credentialSubject"]["claim"]["framework"], "emcc");
        assert_eq!(credential["credentialSubject"]["claim"]["level"], "practitioner");
        let signed = check(&credential).unwrap();
        assert_eq!(signed.judged, judged());
        assert_eq!(signed.issuer_name, "Dr Okubo");
        assert!(signed.issuer_did.starts_with("did:key:z6Mk"));
        assert_eq!(disagreement(&signed.judged, &judged()), None);
        let mut other = judged();
        other.verdict = VerdictKind::NeedsMore;
        assert!(disagreement(&signed.judged, &other).is_some());
    }

    #[test]
    fn a_credential_changed_or_claimed_by_another_issuer_fails() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let credential =
            issue(&judged(), &Signer { name: "Dr Okubo", key: &key }, "2026-03-14T10:00:00Z").unwrap();
        let mut changed = credential.clone();
        changed["credentialSubject"]["verdict"] = "not-accepted".into();
        assert_eq!(check(&changed).unwrap_err().0, "the signature does not verify");
        let mut renamed = credential.clone();
        renamed["issuer"]["name"] = "Someone Else".into();
        assert!(check(&renamed).is_err(), "the issuer's name is signed too");
    }
}
