//! What can be known offline about an Open Badge's signature: a 3.0
//! credential with an `eddsa-jcs-2022` proof, or a VC-JWT signed with EdDSA
//! or ES256, whose key is a `did:key` or a `jwk` it carries, is verified
//! here; an issuer whose key is on the web (`did:web`, https) cannot be
//! without the network; a 2.0 hosted assertion is not signed at all.

use base64::Engine as _;
use serde_json::Value;

use super::{Result, TrustError, data_integrity, did_key};

/// Why a signature is refused when it simply does not verify.
pub const BAD_SIGNATURE: &str = "the signature does not verify";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadgeCheck {
    /// The signature verifies with the issuer's key: its `did:key` (or the
    /// `jwk` the token carries), and how it was signed.
    Verified { key: String, how: &'static str },
    /// A signature that does not verify.
    Invalid(String),
    /// Signed, but checking it needs the network (or a method folio lacks).
    NotOffline(String),
    /// Nothing signed: a hosted 2.0 assertion, or a credential without a proof.
    Unsigned,
}

impl BadgeCheck {
    /// What the certificate's text says of it.
    pub fn words(&self) -> String {
        match self {
            BadgeCheck::Verified { key, how } => format!("verified ({key}) offline, {how}"),
            BadgeCheck::Invalid(why) if why == BAD_SIGNATURE => "signature invalid".into(),
            BadgeCheck::Invalid(why) => format!("signature invalid ({why})"),
            BadgeCheck::NotOffline(why) => format!("not verifiable offline ({why})"),
            BadgeCheck::Unsigned => "not verified online (folio does not contact the issuer)".into(),
        }
    }
}

/// Checks a badge: `carried` is the text the file carries (JSON or a
/// compact JWS), `credential` what it says.
pub fn check(carried: &str, credential: &Value) -> BadgeCheck {
    let carried = carried.trim();
    if !carried.starts_with('{') && carried.split('.').count() == 3 {
        return check_jwt(carried, credential);
    }
    let Some(proof) = credential.get("proof") else { return BadgeCheck::Unsigned };
    if proof.is_array() {
        return BadgeCheck::NotOffline("a set of proofs".into());
    }
    let suite = proof.get("cryptosuite").and_then(Value::as_str).unwrap_or_default();
    let method = proof.get("verificationMethod").and_then(Value::as_str).unwrap_or_default();
    if suite != data_integrity::CRYPTOSUITE {
        let what =
            if suite.is_empty() { proof.get("type").and_then(Value::as_str).unwrap_or("?") } else { suite };
        return BadgeCheck::NotOffline(format!("a {what} proof, which folio does not check"));
    }
    if !method.starts_with("did:key:") {
        return BadgeCheck::NotOffline(format!(
            "the key is at {}",
            method.split('#').next().unwrap_or(method)
        ));
    }
    match data_integrity::verify(credential).and_then(|proven| issued_by(credential, proven.did)) {
        Ok(key) => BadgeCheck::Verified { key, how: "eddsa-jcs-2022" },
        Err(e) => BadgeCheck::Invalid(e.0),
    }
}

/// The signer's did:key, when the credential's issuer is no other did:key.
fn issued_by(credential: &Value, did: String) -> Result<String> {
    match data_integrity::issuer_id(credential) {
        Some(id) if id.starts_with("did:key:") && id != did => {
            Err(TrustError::new("signed by a key other than its issuer's"))
        }
        _ => Ok(did),
    }
}

fn base64url(text: &str) -> Result<Vec<u8>> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map_err(|_| TrustError::new("not base64url"))
}

/// A VC-JWT: `header.payload.signature`, signed over `header.payload`.
fn check_jwt(token: &str, credential: &Value) -> BadgeCheck {
    let parts: Vec<&str> = token.split('.').collect();
    let header: Value = match base64url(parts[0]).ok().and_then(|h| serde_json::from_slice(&h).ok()) {
        Some(header) => header,
        None => return BadgeCheck::Invalid("its JOSE header is not base64url JSON".into()),
    };
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or_default();
    let kid = header.get("kid").and_then(Value::as_str).unwrap_or_default();
    let jwk = header.get("jwk");
    let Ok(signature) = base64url(parts[2]) else {
        return BadgeCheck::Invalid("its signature is not base64url".into());
    };
    let signed = format!("{}.{}", parts[0], parts[1]);
    if !matches!(alg, "EdDSA" | "ES256") {
        let issuer = data_integrity::issuer_id(credential);
        return BadgeCheck::NotOffline(format!(
            "{alg}, its key at {}",
            if kid.is_empty() { issuer.unwrap_or("the issuer") } else { kid }
        ));
    }
    if jwk.is_none() && !kid.starts_with("did:key:") {
        let at = if kid.is_empty() { "the issuer" } else { kid.split('#').next().unwrap_or(kid) };
        return BadgeCheck::NotOffline(format!("the key is at {at}"));
    }
    let verified = match alg {
        "EdDSA" => verify_eddsa(jwk, kid, signed.as_bytes(), &signature),
        _ => verify_es256(jwk, kid, signed.as_bytes(), &signature),
    };
    match verified
        .and_then(|key| if key.starts_with("did:key:") { issued_by(credential, key) } else { Ok(key) })
    {
        Ok(key) => {
            BadgeCheck::Verified { key, how: if alg == "EdDSA" { "VC-JWT EdDSA" } else { "VC-JWT ES256" } }
        }
        Err(e) => BadgeCheck::Invalid(e.0),
    }
}

fn jwk_part(jwk: &Value, name: &str) -> Result<Vec<u8>> {
    jwk.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| TrustError::new(format!("its jwk has no {name}")))
        .and_then(base64url)
}

fn verify_eddsa(jwk: Option<&Value>, kid: &str, message: &[u8], signature: &[u8]) -> Result<String> {
    let (key, named) = match jwk {
        Some(jwk) => {
            let x: [u8; 32] = jwk_part(jwk, "x")?
                .try_into()
                .map_err(|_| TrustError::new("its jwk is not an Ed25519 key"))?;
            let key = ed25519_dalek::VerifyingKey::from_bytes(&x)
                .map_err(|_| TrustError::new("its jwk is not an Ed25519 key"))?;
            (key, did_key::did(&key))
        }
        None => {
            let key = did_key::resolve(kid)?;
            (key, did_key::did(&key))
        }
    };
    let signature: [u8; 64] =
        signature.try_into().map_err(|_| TrustError::new("its signature is not 64 bytes"))?;
    key.verify_strict(message, &ed25519_dalek::Signature::from_bytes(&signature))
        .map_err(|_| TrustError::new(BAD_SIGNATURE))?;
    Ok(named)
}

/// multicodec `p256-pub` (0x1200) as a varint.
const P256_PREFIX: [u8; 2] = [0x80, 0x24];

fn verify_es256(jwk: Option<&Value>, kid: &str, message: &[u8], signature: &[u8]) -> Result<String> {
    use p256::ecdsa::signature::Verifier as _;
    let not_p256 = || TrustError::new("its key is not a P-256 key");
    let (key, named) = match jwk {
        Some(jwk) => {
            let mut point = vec![0x04];
            point.extend(jwk_part(jwk, "x")?);
            point.extend(jwk_part(jwk, "y")?);
            let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&point).map_err(|_| not_p256())?;
            (key, "the key in its jwk".to_string())
        }
        None => {
            let did = kid.split('#').next().unwrap_or(kid);
            let encoded = did.strip_prefix("did:key:z").ok_or_else(not_p256)?;
            let bytes = bs58::decode(encoded).into_vec().map_err(|_| not_p256())?;
            let point = bytes.strip_prefix(&P256_PREFIX[..]).ok_or_else(not_p256)?;
            (p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map_err(|_| not_p256())?, did.to_string())
        }
    };
    let signature = p256::ecdsa::Signature::from_slice(signature)
        .map_err(|_| TrustError::new("its signature is not ES256"))?;
    key.verify(message, &signature).map_err(|_| TrustError::new(BAD_SIGNATURE))?;
    Ok(named)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsigned_and_web_keys_are_said_not_guessed() {
        let plain = serde_json::json!({"type": ["VerifiableCredential", "OpenBadgeCredential"]});
        assert_eq!(check("{}", &plain), BadgeCheck::Unsigned);
        let web = serde_json::json!({"proof": {"cryptosuite": "eddsa-jcs-2022", "verificationMethod": "did:web:x.example#k"}});
        assert_eq!(check("{}", &web), BadgeCheck::NotOffline("the key is at did:web:x.example".into()));
        let rdfc = serde_json::json!({"proof": {"cryptosuite": "eddsa-rdfc-2022", "verificationMethod": "did:key:z6Mk"}});
        assert!(matches!(check("{}", &rdfc), BadgeCheck::NotOffline(why) if why.contains("eddsa-rdfc-2022")));
    }

    #[test]
    fn a_credential_signed_here_verifies_and_one_changed_does_not() {
        let key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
        let did = did_key::did(&key.verifying_key());
        let unsigned = serde_json::json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "issuer": {"id": did}, "name": "Coach"});
        let signed =
            data_integrity::sign(unsigned.as_object().unwrap().clone(), &key, "2026-01-01T00:00:00Z")
                .unwrap();
        assert_eq!(check("{}", &signed), BadgeCheck::Verified { key: did.clone(), how: "eddsa-jcs-2022" });
        let mut changed = signed.clone();
        changed["name"] = "Master coach".into();
        assert!(matches!(check("{}", &changed), BadgeCheck::Invalid(_)));
        let mut other_issuer = signed;
        other_issuer["issuer"]["id"] =
            did_key::did(&ed25519_dalek::SigningKey::from_bytes(&[8; 32]).verifying_key()).into();
        assert!(matches!(check("{}", &other_issuer), BadgeCheck::Invalid(_)));
    }
}
