//! W3C Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite
//! (vc-di-eddsa §3.3): the SHA-256 of the RFC 8785 canonical proof options
//! followed by the SHA-256 of the canonical document, signed with Ed25519,
//! the signature in base58btc as `proofValue`. Any JSON object can be signed;
//! only a proof whose key is a `did:key` can be checked offline.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::{Result, TrustError, did_key};

pub const PROOF_TYPE: &str = "DataIntegrityProof";
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";

/// RFC 8785 canonical JSON.
fn canonical(value: &Value) -> Result<Vec<u8>> {
    serde_json_canonicalizer::to_vec(value).map_err(|e| TrustError::new(format!("cannot canonicalise: {e}")))
}

/// What is signed: SHA-256(proof options) ‖ SHA-256(document).
fn hash_data(options: &Value, document: &Value) -> Result<Vec<u8>> {
    let mut data = Sha256::digest(canonical(options)?).to_vec();
    data.extend_from_slice(&Sha256::digest(canonical(document)?));
    Ok(data)
}

/// `document` (a JSON object, without a proof) with an `eddsa-jcs-2022`
/// proof made now (`created`, RFC 3339) by `key`.
pub fn sign(document: Map<String, Value>, key: &SigningKey, created: &str) -> Result<Value> {
    let mut options = Map::new();
    options.insert("type".into(), PROOF_TYPE.into());
    options.insert("cryptosuite".into(), CRYPTOSUITE.into());
    options.insert("created".into(), created.into());
    options.insert("verificationMethod".into(), did_key::verification_method(&key.verifying_key()).into());
    options.insert("proofPurpose".into(), "assertionMethod".into());
    if let Some(context) = document.get("@context") {
        options.insert("@context".into(), context.clone());
    }
    let mut document = Value::Object(document);
    let signature = key.sign(&hash_data(&Value::Object(options.clone()), &document)?);
    options
        .insert("proofValue".into(), format!("z{}", bs58::encode(signature.to_bytes()).into_string()).into());
    if let Value::Object(fields) = &mut document {
        fields.insert("proof".into(), Value::Object(options));
    }
    Ok(document)
}

/// Who signed a document whose proof verifies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proven {
    pub key: VerifyingKey,
    /// The `did:key` of the signer.
    pub did: String,
    /// When the proof says it was made.
    pub created: Option<String>,
}

/// Checks the one `eddsa-jcs-2022` proof of `signed`, with the key its
/// `did:key` verification method names.
pub fn verify(signed: &Value) -> Result<Proven> {
    let method = signed
        .get("proof")
        .and_then(|p| p.get("verificationMethod"))
        .and_then(Value::as_str)
        .ok_or_else(|| TrustError::new("it has no proof with a verification method"))?;
    let key = did_key::resolve(method)?;
    verify_with(signed, &key)
}

/// A credential's issuer: its `issuer` string, or the `id` of its issuer object.
pub fn issuer_id(credential: &Value) -> Option<&str> {
    credential.get("issuer").map(|i| i.get("id").unwrap_or(i)).and_then(Value::as_str)
}

/// [`verify`], and the issuer must be the key that signed it.
pub fn verify_issued(signed: &Value) -> Result<Proven> {
    let proven = verify(signed)?;
    if issuer_id(signed) != Some(proven.did.as_str()) {
        return Err(TrustError::new("its issuer is not the key that signed it"));
    }
    Ok(proven)
}

/// Checks the one `eddsa-jcs-2022` proof of `signed` with a known key.
pub fn verify_with(signed: &Value, key: &VerifyingKey) -> Result<Proven> {
    let Some(Value::Object(fields)) = Some(signed) else {
        return Err(TrustError::new("it is not a JSON object"));
    };
    let mut document = fields.clone();
    let Some(Value::Object(mut options)) = document.remove("proof") else {
        return Err(TrustError::new("it has no proof (a set or chain of proofs is not read)"));
    };
    let value = options
        .remove("proofValue")
        .and_then(|v| v.as_str().map(str::to_string))
        .ok_or_else(|| TrustError::new("its proof has no proofValue"))?;
    if options.get("type").and_then(Value::as_str) != Some(PROOF_TYPE)
        || options.get("cryptosuite").and_then(Value::as_str) != Some(CRYPTOSUITE)
    {
        return Err(TrustError::new(format!("its proof is not a {PROOF_TYPE} with {CRYPTOSUITE}")));
    }
    if let Some(context) = options.get("@context")
        && document.get("@context") != Some(context)
    {
        return Err(TrustError::new("its proof's @context differs from the document's"));
    }
    let bytes = value
        .strip_prefix('z')
        .and_then(|b| bs58::decode(b).into_vec().ok())
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
        .ok_or_else(|| TrustError::new("its proofValue is not a base58btc Ed25519 signature"))?;
    let data = hash_data(&Value::Object(options.clone()), &Value::Object(document))?;
    key.verify_strict(&data, &Signature::from_bytes(&bytes))
        .map_err(|_| TrustError::new("the signature does not verify"))?;
    Ok(Proven {
        key: *key,
        did: did_key::did(key),
        created: options.get("created").and_then(Value::as_str).map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // The W3C vc-di-eddsa test vector for eddsa-jcs-2022 (TestVectors/eddsa-jcs-2022/).
    const SECRET: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
    const UNSIGNED: &str = r#"{
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential", "AlumniCredential"],
        "name": "Alumni Credential",
        "description": "A minimum viable example of an Alumni Credential.",
        "issuer": "https://vc.example/issuers/5678",
        "validFrom": "2023-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"}
    }"#;
    const COMBINED_HASH: &str = "66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db\
                                 59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19";
    const PROOF_VALUE: &str =
        "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX";

    fn unsigned() -> Map<String, Value> {
        serde_json::from_str(UNSIGNED).unwrap()
    }

    #[test]
    fn signing_the_w3c_test_vector_gives_its_proof() {
        let key = did_key::secret_from_multibase(SECRET).unwrap();
        let signed = sign(unsigned(), &key, "2023-02-24T23:36:38Z").unwrap();
        let proof = &signed["proof"];
        assert_eq!(proof["proofValue"], PROOF_VALUE);
        assert_eq!(
            proof["verificationMethod"],
            "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
        );
        let mut options = proof.as_object().unwrap().clone();
        options.remove("proofValue");
        let data = hash_data(&Value::Object(options), &Value::Object(unsigned())).unwrap();
        assert_eq!(hex::encode(data), COMBINED_HASH);
        let proven = verify(&signed).unwrap();
        assert_eq!(proven.did, "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
        assert_eq!(proven.created.as_deref(), Some("2023-02-24T23:36:38Z"));
    }

    #[test]
    fn the_w3c_signed_document_verifies_in_any_key_order_and_fails_once_changed() {
        let key = did_key::secret_from_multibase(SECRET).unwrap();
        let signed = sign(unsigned(), &key, "2023-02-24T23:36:38Z").unwrap();
        // Written again with its keys in another order: JCS makes it the same.
        let reordered: Value = serde_json::from_str(&serde_json::to_string_pretty(&signed).unwrap()).unwrap();
        assert!(verify(&reordered).is_ok());
        let mut changed = signed.clone();
        changed["credentialSubject"]["alumniOf"] = "Another School".into();
        assert_eq!(verify(&changed).unwrap_err().0, "the signature does not verify");
        let mut later = signed.clone();
        later["proof"]["created"] = "2024-01-01T00:00:00Z".into();
        assert!(verify(&later).is_err());
        let mut flipped = signed.clone();
        let value = flipped["proof"]["proofValue"].as_str().unwrap().replace('2', "3");
        flipped["proof"]["proofValue"] = value.into();
        assert!(verify(&flipped).is_err());
        let mut no_proof = signed;
        no_proof.as_object_mut().unwrap().remove("proof");
        assert!(verify(&no_proof).unwrap_err().0.contains("no proof"));
    }
}
