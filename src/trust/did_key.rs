//! Ed25519 keys written as W3C `did:key` identifiers and multibase strings:
//! the public key as multicodec `ed25519-pub` (0xed 0x01) in base58btc
//! (`did:key:z6Mk…`), the secret seed as `ed25519-priv` (0x80 0x26), the
//! form the W3C test vectors use.

use ed25519_dalek::{SigningKey, VerifyingKey};

use super::{Result, TrustError};

const PUBLIC_PREFIX: [u8; 2] = [0xed, 0x01];
const SECRET_PREFIX: [u8; 2] = [0x80, 0x26];

/// `z` + base58btc of `prefix` ‖ `key`.
fn multibase(prefix: [u8; 2], key: &[u8]) -> String {
    let mut bytes = prefix.to_vec();
    bytes.extend_from_slice(key);
    format!("z{}", bs58::encode(bytes).into_string())
}

/// The 32 key bytes of a base58btc multibase string with this prefix.
fn decode(text: &str, prefix: [u8; 2], what: &str) -> Result<[u8; 32]> {
    let bad = || TrustError::new(format!("'{}' is not an Ed25519 {what}", shorten(text)));
    let encoded = text.strip_prefix('z').ok_or_else(bad)?;
    let bytes = bs58::decode(encoded).into_vec().map_err(|_| bad())?;
    match bytes.split_at_checked(2) {
        Some((head, key)) if head == prefix => key.try_into().map_err(|_| bad()),
        _ => Err(bad()),
    }
}

fn shorten(text: &str) -> String {
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text.into()
    }
}

/// The multibase form of a public key (`z6Mk…`).
pub fn public_multibase(key: &VerifyingKey) -> String {
    multibase(PUBLIC_PREFIX, key.as_bytes())
}

/// `did:key:z6Mk…` of a public key.
pub fn did(key: &VerifyingKey) -> String {
    format!("did:key:{}", public_multibase(key))
}

/// The verification method a proof names: `did:key:z6Mk…#z6Mk…`.
pub fn verification_method(key: &VerifyingKey) -> String {
    let id = public_multibase(key);
    format!("did:key:{id}#{id}")
}

/// The public key a `did:key` (or a verification method of one, with its
/// `#fragment`) names.
pub fn resolve(did_or_method: &str) -> Result<VerifyingKey> {
    let did = did_or_method.split('#').next().unwrap_or_default();
    let id = did.strip_prefix("did:key:").ok_or_else(|| {
        TrustError::new(format!("'{}' is not a did:key (others need the network)", shorten(did_or_method)))
    })?;
    let bytes = decode(id, PUBLIC_PREFIX, "did:key")?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| TrustError::new(format!("'{}' is not a valid Ed25519 key", shorten(did))))
}

/// The multibase form of a secret key (`z3u2…`).
pub fn secret_multibase(key: &SigningKey) -> String {
    multibase(SECRET_PREFIX, key.as_bytes())
}

/// The secret key of its multibase form.
pub fn secret_from_multibase(text: &str) -> Result<SigningKey> {
    Ok(SigningKey::from_bytes(&decode(text.trim(), SECRET_PREFIX, "secret key")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The key pair of the W3C vc-di-eddsa test vectors.
    const PUBLIC: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
    const SECRET: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

    #[test]
    fn the_w3c_key_pair_reads_and_writes_back() {
        let secret = secret_from_multibase(SECRET).unwrap();
        assert_eq!(secret_multibase(&secret), SECRET);
        assert_eq!(public_multibase(&secret.verifying_key()), PUBLIC);
        assert_eq!(did(&secret.verifying_key()), format!("did:key:{PUBLIC}"));
        let method = verification_method(&secret.verifying_key());
        assert_eq!(resolve(&method).unwrap(), secret.verifying_key());
    }

    #[test]
    fn what_is_not_a_did_key_is_named() {
        assert!(resolve("did:web:example.com").unwrap_err().0.contains("need the network"));
        assert!(
            resolve("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme")
                .unwrap_err()
                .0
                .contains("Ed25519")
        );
        assert!(resolve("did:key:z6Mk0OIl").is_err());
        assert!(secret_from_multibase(PUBLIC).is_err());
    }
}
