//! Encrypted portfolios unlocked for a while. `folio unlock` derives a
//! portfolio's key from its passphrase once — PBKDF2-HMAC-SHA512, 256,000
//! rounds, over the salt in the file's first 16 bytes, as SQLCipher does —
//! and keeps that derived key, never the passphrase, in the kernel's
//! session keyring, with a timeout after which the kernel forgets it (or,
//! where the kernel keyring cannot be used, in a small agent's memory:
//! `agent.rs`). Nothing is written to disk. Every command on that file then opens it
//! with the raw key (`x'KEY SALT'`), at the speed of a plain portfolio.
//!
//! A key is found by the file's salt, so it opens only the file it was made
//! for: another portfolio, or this one after `folio passphrase` (a new file,
//! a new salt), is not opened by it.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

mod agent;
mod kernel;
mod locked_store;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::db::Passphrase;

/// SQLCipher 4's key derivation.
const ROUNDS: u32 = 256_000;
/// What every key folio keeps is described by, before the salt in hex.
const PREFIX: &str = "folio-portfolio:";

/// A portfolio unlocked in this session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unlocked {
    /// The file it was unlocked as.
    pub path: String,
    /// When the kernel forgets the key.
    pub until: DateTime<Utc>,
    /// The raw key, `x'…'` (never printed).
    #[serde(skip_serializing_if = "String::is_empty", default)]
    key: String,
}

/// The salt SQLCipher keeps in an encrypted file's first 16 bytes.
pub fn salt_of(path: &Path) -> Option<[u8; 16]> {
    let mut salt = [0u8; 16];
    std::fs::File::open(path).ok()?.read_exact(&mut salt).ok()?;
    (&salt != b"SQLite format 3\0").then_some(salt)
}

/// The raw key SQLCipher derives from `passphrase` for the file with `salt`,
/// as a key it takes instead of the passphrase.
pub fn derive(passphrase: &Passphrase, salt: &[u8; 16]) -> Passphrase {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2_010::Sha512>(passphrase.expose().as_bytes(), salt, ROUNDS, &mut key);
    let raw = format!("x'{}{}'", hex::encode(key), hex::encode(salt));
    Passphrase::new(&raw).unwrap_or_else(|| unreachable!("a hex key is never empty"))
}

/// Where the keys are kept: the kernel's session keyring when this process
/// may use it, else the agent. `FOLIO_KEY_STORE=agent` (or `kernel`) chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Store {
    Kernel,
    Agent,
}

fn store() -> Store {
    match std::env::var("FOLIO_KEY_STORE").as_deref() {
        Ok("agent") => Store::Agent,
        Ok("kernel") => Store::Kernel,
        _ if kernel::usable() => Store::Kernel,
        _ => Store::Agent,
    }
}

fn description(salt: &[u8; 16]) -> String {
    format!("{PREFIX}{}", hex::encode(salt))
}

/// Keeps `key` (derived for the file at `path`) for `ttl`.
pub fn remember(path: &Path, salt: &[u8; 16], key: &Passphrase, ttl: Duration) -> Result<Unlocked, String> {
    let until = Utc::now() + chrono::Duration::from_std(ttl).map_err(|e| e.to_string())?;
    let unlocked = Unlocked { path: path.display().to_string(), until, key: key.expose().to_string() };
    let payload = serde_json::to_vec(&unlocked).map_err(|e| e.to_string())?;
    match store() {
        Store::Kernel => kernel::put(&description(salt), &payload, ttl)?,
        Store::Agent => agent::put(&description(salt), &payload, ttl)?,
    }
    Ok(unlocked)
}

/// The key kept for the file at `path`, if it is unlocked.
pub fn recall(path: &Path) -> Option<Passphrase> {
    let salt = salt_of(path)?;
    let payload = match store() {
        Store::Kernel => kernel::get(&description(&salt)),
        Store::Agent => agent::get(&description(&salt)),
    }?;
    let unlocked: Unlocked = serde_json::from_slice(&payload).ok()?;
    (unlocked.until > Utc::now()).then(|| Passphrase::new(&unlocked.key)).flatten()
}

/// Forgets the key of the file at `path`; whether there was one.
pub fn forget(path: &Path) -> bool {
    let Some(salt) = salt_of(path) else { return false };
    match store() {
        Store::Kernel => kernel::forget(&description(&salt)),
        Store::Agent => agent::forget(&description(&salt)),
    }
}

/// The portfolios unlocked in this session, soonest to be forgotten first.
pub fn list() -> Vec<Unlocked> {
    let payloads = match store() {
        Store::Kernel => kernel::all(PREFIX),
        Store::Agent => agent::all(PREFIX),
    };
    let mut found: Vec<Unlocked> = payloads
        .iter()
        .filter_map(|p| serde_json::from_slice::<Unlocked>(p).ok())
        .filter(|u| u.until > Utc::now())
        .map(|u| Unlocked { key: String::new(), ..u })
        .collect();
    found.sort_by_key(|u| u.until);
    found
}

/// Runs the agent (`folio agent`, started by `folio unlock`).
pub fn serve_agent() -> Result<(), String> {
    agent::serve()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_derived_key_opens_what_the_passphrase_encrypted_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let passphrase = Passphrase::new("correct horse").unwrap();
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.pragma_update(None, "key", passphrase.expose()).unwrap();
            conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (42);").unwrap();
        }
        let salt = salt_of(&path).expect("an encrypted file has a salt");
        let raw = derive(&passphrase, &salt);
        assert!(raw.expose().starts_with("x'") && raw.expose().len() == 2 + 64 + 32 + 1);
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "key", raw.expose()).unwrap();
        assert_eq!(conn.query_row("SELECT x FROM t", [], |r| r.get::<_, i64>(0)).unwrap(), 42);
        let other = derive(&Passphrase::new("wrong horse").unwrap(), &salt);
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "key", other.expose()).unwrap();
        assert!(conn.query_row("SELECT x FROM t", [], |r| r.get::<_, i64>(0)).is_err());
    }
}
