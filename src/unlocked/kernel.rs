//! Keys kept in the kernel's session keyring (keyrings(7)): each a "user"
//! key described by `folio-portfolio:<salt>`, given a timeout after which
//! the kernel forgets it.

use std::time::Duration;

use linux_keyutils::{KeyRing, KeyRingIdentifier, LinkNode};

fn session() -> Result<KeyRing, String> {
    KeyRing::from_special_id(KeyRingIdentifier::Session, false)
        .or_else(|_| KeyRing::from_special_id(KeyRingIdentifier::UserSession, true))
        .map_err(|e| format!("the kernel keyring cannot be used here ({e})"))
}

/// Whether this process may keep keys in the kernel.
pub fn usable() -> bool {
    session().and_then(|k| k.metadata().map_err(|e| e.to_string())).is_ok()
}

pub fn put(description: &str, payload: &[u8], ttl: Duration) -> Result<(), String> {
    let keyring = session()?;
    let key = keyring.add_key(description, payload).map_err(|e| format!("cannot keep the key ({e})"))?;
    key.set_timeout(ttl.as_secs().max(1) as usize).map_err(|e| format!("cannot give the key a timeout ({e})"))
}

pub fn get(description: &str) -> Option<Vec<u8>> {
    session().ok()?.search(description).ok()?.read_to_vec().ok()
}

pub fn forget(description: &str) -> bool {
    let Ok(keyring) = session() else { return false };
    let Ok(key) = keyring.search(description) else { return false };
    let unlinked = keyring.unlink_key(key).is_ok();
    // Invalidated, the key is gone from every keyring it is linked to, at once.
    let _ = key.invalidate();
    unlinked
}

/// The payloads of the keys whose description starts with `prefix`.
pub fn all(prefix: &str) -> Vec<Vec<u8>> {
    let Ok(keyring) = session() else { return Vec::new() };
    let Ok(links) = keyring.get_links(1024) else { return Vec::new() };
    links
        .iter()
        .filter_map(|node| match node {
            LinkNode::Key(key) => Some(*key),
            LinkNode::KeyRing(_) => None,
        })
        .filter(|key| key.metadata().is_ok_and(|m| m.get_description().starts_with(prefix)))
        .filter_map(|key| key.read_to_vec().ok())
        .collect()
}
