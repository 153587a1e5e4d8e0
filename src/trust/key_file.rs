//! The key file a person keeps in folio's data folder (`key.json`, 0600):
//! their name, their `did:key`, and the secret key — as its multibase text,
//! or sealed with age under a passphrase (base64 of the age file). Reading
//! and writing the file's bytes and the sealing are the caller's; this is
//! its shape.

use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};

use super::{Result, TrustError, did_key};

pub const FORMAT: &str = "folio-key";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFile {
    pub format: String,
    pub version: u32,
    /// Who the key is, as verdicts signed with it name them.
    pub name: String,
    pub did: String,
    pub created_at: String,
    /// The secret key's multibase text (`z3u2…`), when not sealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// The secret key's multibase text sealed with age under a passphrase, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed_secret: Option<String>,
}

/// The public half, as `folio key show` and `key export --public` give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicKey {
    pub name: String,
    pub did: String,
    #[serde(rename = "publicKeyMultibase")]
    pub public_key_multibase: String,
    pub created_at: String,
    /// Whether the secret key is sealed under a passphrase.
    pub sealed: bool,
}

impl KeyFile {
    /// A key file for `key`; `sealed` is the age file of its secret, if sealed.
    pub fn new(name: &str, key: &SigningKey, created_at: &str, sealed: Option<&[u8]>) -> Self {
        use base64::Engine as _;
        Self {
            format: FORMAT.into(),
            version: VERSION,
            name: name.trim().to_string(),
            did: did_key::did(&key.verifying_key()),
            created_at: created_at.into(),
            secret: sealed.is_none().then(|| did_key::secret_multibase(key)),
            sealed_secret: sealed.map(|s| base64::engine::general_purpose::STANDARD.encode(s)),
        }
    }

    pub fn parse(text: &str) -> Result<Self> {
        let file: KeyFile =
            serde_json::from_str(text).map_err(|e| TrustError::new(format!("not a folio key file ({e})")))?;
        if file.format != FORMAT || file.version != VERSION {
            return Err(TrustError::new(format!("not a folio key file of version {VERSION}")));
        }
        if file.secret.is_some() == file.sealed_secret.is_some() {
            return Err(TrustError::new("it must hold the secret key either plain or sealed"));
        }
        did_key::resolve(&file.did)?;
        Ok(file)
    }

    /// The age file of the sealed secret, if sealed.
    pub fn sealed_bytes(&self) -> Result<Option<Vec<u8>>> {
        use base64::Engine as _;
        self.sealed_secret
            .as_deref()
            .map(|b| base64::engine::general_purpose::STANDARD.decode(b.trim()))
            .transpose()
            .map_err(|_| TrustError::new("its sealed secret is not base64"))
    }

    /// The signing key from the secret's multibase text (read from the file
    /// or unsealed), checked against the file's `did:key`.
    pub fn signing_key(&self, secret: &str) -> Result<SigningKey> {
        let key = did_key::secret_from_multibase(secret)?;
        if did_key::did(&key.verifying_key()) != self.did {
            return Err(TrustError::new("its secret key does not match its did:key"));
        }
        Ok(key)
    }

    pub fn public(&self) -> PublicKey {
        PublicKey {
            name: self.name.clone(),
            did: self.did.clone(),
            public_key_multibase: self.did.trim_start_matches("did:key:").to_string(),
            created_at: self.created_at.clone(),
            sealed: self.sealed_secret.is_some(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_reads_back_and_refuses_a_mismatched_secret() {
        let key = SigningKey::from_bytes(&[3; 32]);
        let file = KeyFile::new(" Dr Okubo ", &key, "2026-03-14T10:00:00Z", None);
        let text = serde_json::to_string(&file).unwrap();
        let read = KeyFile::parse(&text).unwrap();
        assert_eq!(read.name, "Dr Okubo");
        let secret = read.secret.clone().unwrap();
        assert_eq!(read.signing_key(&secret).unwrap().verifying_key(), key.verifying_key());
        let other = did_key::secret_multibase(&SigningKey::from_bytes(&[4; 32]));
        assert!(read.signing_key(&other).unwrap_err().0.contains("does not match"));
        assert!(KeyFile::parse(&text.replace("folio-key", "other")).is_err());
        let sealed = KeyFile::new("A", &key, "2026-03-14T10:00:00Z", Some(b"age"));
        assert_eq!(
            KeyFile::parse(&serde_json::to_string(&sealed).unwrap())
                .unwrap()
                .sealed_bytes()
                .unwrap()
                .unwrap(),
            b"age"
        );
        assert!(sealed.public().sealed);
    }
}
