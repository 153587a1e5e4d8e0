//! The agent's keys, in memory the kernel does not write to swap.
//!
//! Every key the agent holds lives in one fixed buffer locked in memory
//! (`mlock`, through the `region` crate) and is zeroed when it is forgotten
//! or expires; nothing else in the agent keeps a copy longer than one
//! request. Where the kernel refuses the lock (a `RLIMIT_MEMLOCK` below the
//! buffer's 16 KiB), the keys are still kept only here and zeroed the same
//! way.

use std::collections::HashMap;
use std::time::Instant;

use zeroize::Zeroize;

/// The most bytes one key's payload may take (its portfolio's path, the
/// derived key and salt in hex, and its time, as JSON).
pub const SLOT_BYTES: usize = 1024;
/// How many portfolios can be unlocked at once.
pub const SLOTS: usize = 16;

/// Keys by description, each in a slot of the locked buffer.
pub struct LockedStore {
    /// Unlocks the buffer when dropped: after it is zeroed, before it is freed.
    _lock: Option<region::LockGuard>,
    buffer: Box<[u8; SLOT_BYTES * SLOTS]>,
    held: HashMap<String, Held>,
}

struct Held {
    slot: usize,
    len: usize,
    until: Instant,
}

/// Why a key was not kept.
#[derive(Debug, PartialEq, Eq)]
pub enum PutError {
    TooLong,
    Full,
}

impl LockedStore {
    pub fn new() -> Self {
        let buffer = Box::new([0u8; SLOT_BYTES * SLOTS]);
        let lock = region::lock(buffer.as_ptr(), buffer.len()).ok();
        LockedStore { buffer, _lock: lock, held: HashMap::new() }
    }

    /// Whether the kernel keeps the buffer out of swap.
    #[cfg(test)]
    fn is_locked(&self) -> bool {
        self._lock.is_some()
    }

    /// Keeps `payload` under `description` until `until`, replacing (and
    /// zeroing) what was kept under it before.
    pub fn put(&mut self, description: &str, payload: &[u8], until: Instant) -> Result<(), PutError> {
        if payload.len() > SLOT_BYTES {
            return Err(PutError::TooLong);
        }
        self.forget(description);
        let taken: Vec<usize> = self.held.values().map(|h| h.slot).collect();
        let slot = (0..SLOTS).find(|s| !taken.contains(s)).ok_or(PutError::Full)?;
        self.slot_mut(slot)[..payload.len()].copy_from_slice(payload);
        self.held.insert(description.to_string(), Held { slot, len: payload.len(), until });
        Ok(())
    }

    /// The payload kept under `description`, if it has not expired.
    pub fn get(&self, description: &str, now: Instant) -> Option<&[u8]> {
        let held = self.held.get(description).filter(|h| h.until > now)?;
        Some(&self.slot(held.slot)[..held.len])
    }

    /// The payloads whose description starts with `prefix`, not expired.
    pub fn all(&self, prefix: &str, now: Instant) -> Vec<&[u8]> {
        self.held
            .iter()
            .filter(|(d, h)| d.starts_with(prefix) && h.until > now)
            .map(|(_, h)| &self.slot(h.slot)[..h.len])
            .collect()
    }

    /// Zeroes and drops the key kept under `description`; whether there was one.
    pub fn forget(&mut self, description: &str) -> bool {
        match self.held.remove(description) {
            Some(held) => {
                self.slot_mut(held.slot).zeroize();
                true
            }
            None => false,
        }
    }

    /// Zeroes and drops every key whose time has come.
    pub fn expire(&mut self, now: Instant) {
        let due: Vec<String> =
            self.held.iter().filter(|(_, h)| h.until <= now).map(|(d, _)| d.clone()).collect();
        for description in due {
            self.forget(&description);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.held.is_empty()
    }

    fn slot(&self, slot: usize) -> &[u8] {
        &self.buffer[slot * SLOT_BYTES..(slot + 1) * SLOT_BYTES]
    }

    fn slot_mut(&mut self, slot: usize) -> &mut [u8] {
        &mut self.buffer[slot * SLOT_BYTES..(slot + 1) * SLOT_BYTES]
    }
}

impl Drop for LockedStore {
    fn drop(&mut self) {
        self.buffer.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn keys_are_kept_locked_replaced_expired_and_zeroed() {
        let mut store = LockedStore::new();
        // Test machines allow at least 64 KiB of locked memory.
        assert!(store.is_locked(), "the buffer is locked in memory");
        let now = Instant::now();
        let later = now + Duration::from_secs(60);
        store.put("folio:a", b"first key", later).unwrap();
        store.put("folio:b", b"second", now + Duration::from_millis(1)).unwrap();
        store.put("other", b"not folio's", later).unwrap();
        assert_eq!(store.get("folio:a", now), Some(&b"first key"[..]));
        let mut all = store.all("folio:", now);
        all.sort();
        assert_eq!(all, [&b"first key"[..], b"second"]);

        store.put("folio:a", b"new", later).unwrap();
        assert_eq!(store.get("folio:a", now), Some(&b"new"[..]));
        assert!(!store.buffer.windows(9).any(|w| w == b"first key"), "the replaced key is zeroed");

        let after = now + Duration::from_secs(1);
        assert_eq!(store.get("folio:b", after), None, "expired keys are not given");
        store.expire(after);
        assert!(!store.buffer.windows(6).any(|w| w == b"second"), "expired keys are zeroed");
        assert!(store.forget("folio:a"));
        assert!(!store.forget("folio:a"));
        assert!(!store.buffer.windows(3).any(|w| w == b"new"));
        assert!(!store.is_empty(), "'other' is still held");
    }

    #[test]
    fn a_key_too_long_or_one_too_many_is_refused() {
        let mut store = LockedStore::new();
        let until = Instant::now() + Duration::from_secs(60);
        assert_eq!(store.put("long", &[1u8; SLOT_BYTES + 1], until), Err(PutError::TooLong));
        for n in 0..SLOTS {
            store.put(&format!("k{n}"), b"key", until).unwrap();
        }
        assert_eq!(store.put("one more", b"key", until), Err(PutError::Full));
        store.put("k3", b"replaced in place", until).unwrap();
    }
}
