//! Who judged what, provably: Ed25519 keys named as `did:key`s, W3C Data
//! Integrity proofs with the `eddsa-jcs-2022` cryptosuite, a verdict as a
//! Verifiable Credential over the digest of the evidence it judged, and the
//! key file a person keeps in folio's data folder. The cryptography is
//! `ed25519-dalek`'s, the canonical JSON (RFC 8785) `serde_json_canonicalizer`'s;
//! nothing here is hand-written crypto. `docs/trust.md` says what a
//! signature proves and how to check one without folio.

pub mod badge_check;
pub mod data_integrity;
pub mod did_key;
pub mod evidence;
pub mod key_file;
pub mod standing;
pub mod verdict_credential;

/// Why a signed document is not what it claims to be, in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TrustError(pub String);

impl TrustError {
    pub fn new(reason: impl Into<String>) -> Self {
        Self(reason.into())
    }
}

pub type Result<T, E = TrustError> = std::result::Result<T, E>;
