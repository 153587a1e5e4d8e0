//! age-encrypted files (<https://age-encryption.org/v1>): what `export` and
//! `share` write with `--encrypt-to RECIPIENT` or `--passphrase`, and what
//! `import`, `merge` and `--db FILE` read, with `--identity FILE` or the
//! passphrase. The files are the `age` tool's own: `age -d -i key.txt`
//! opens what folio wrote, and folio opens what `age -r age1…` wrote.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use age::x25519;
use clap::Args;

use crate::db::Passphrase;
use crate::db::image;
use crate::error::UserError;

/// What age-encrypted output is sealed with.
#[derive(Debug, Clone)]
pub enum Seal {
    /// Public keys (`age1…`): only their identities open it.
    Recipients(Vec<x25519::Recipient>),
    /// A passphrase (scrypt).
    Passphrase(Passphrase),
}

impl Seal {
    /// Who can open it, for the outbox: the age public keys, or "a passphrase".
    pub fn recipients(&self) -> Vec<String> {
        match self {
            Seal::Recipients(keys) => keys.iter().map(ToString::to_string).collect(),
            Seal::Passphrase(_) => vec!["an age passphrase".into()],
        }
    }
}

/// The flags of every command that writes a file for someone else.
#[derive(Debug, Clone, Default, Args)]
pub struct SealArgs {
    /// Encrypt the output with age to this public key (age1…) or to every key in this file (repeatable)
    #[arg(long = "encrypt-to", value_name = "RECIPIENT", conflicts_with = "passphrase")]
    pub recipients: Vec<String>,
    /// Encrypt the output with age under a passphrase (asked twice, or from FOLIO_PASSPHRASE_FILE or --passphrase-fd)
    #[arg(long)]
    pub passphrase: bool,
}

impl SealArgs {
    /// Whether the output is to be encrypted.
    pub fn is_sealed(&self) -> bool {
        self.passphrase || !self.recipients.is_empty()
    }

    /// The seal these flags ask for; none for plain output.
    pub fn seal(&self, passphrases: &crate::passphrase::Passphrases) -> anyhow::Result<Option<Seal>> {
        if self.passphrase {
            return Ok(Some(Seal::Passphrase(passphrases.choose_new()?)));
        }
        if self.recipients.is_empty() {
            return Ok(None);
        }
        let mut keys = Vec::new();
        for given in &self.recipients {
            keys.extend(recipients(given)?);
        }
        Ok(Some(Seal::Recipients(keys)))
    }
}

/// An `age1…` key, or a file of them (one per line, `#` comments).
fn recipients(given: &str) -> anyhow::Result<Vec<x25519::Recipient>> {
    if given.starts_with("age1") {
        return Ok(vec![parse_recipient(given, given)?]);
    }
    let path = Path::new(given);
    let text = std::fs::read_to_string(path).map_err(|_| {
        UserError::new(format!("'{given}' is neither an age public key (age1…) nor a readable file of them"))
    })?;
    let keys: Vec<x25519::Recipient> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| parse_recipient(l, given))
        .collect::<anyhow::Result<_>>()?;
    if keys.is_empty() {
        return Err(UserError::new(format!("{given} holds no age public key")).into());
    }
    Ok(keys)
}

fn parse_recipient(text: &str, from: &str) -> anyhow::Result<x25519::Recipient> {
    text.parse().map_err(|_| {
        UserError::new(format!("'{text}' (from {from}) is not an age public key"))
            .hint("an age public key starts with age1 (see `age-keygen -y KEYFILE`); SSH keys are not supported")
            .into()
    })
}

/// Encrypts `plain` with the seal, in age's binary format.
pub fn seal(plain: &[u8], seal: &Seal) -> anyhow::Result<Vec<u8>> {
    let encryptor = match seal {
        Seal::Recipients(keys) => {
            age::Encryptor::with_recipients(keys.iter().map(|k| k as &dyn age::Recipient))?
        }
        Seal::Passphrase(p) => {
            age::Encryptor::with_user_passphrase(SecretString::from(p.expose().to_string()))
        }
    };
    let mut out = Vec::with_capacity(plain.len() + 256);
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(plain)?;
    writer.finish()?;
    Ok(out)
}

/// Whether the bytes are an age file (binary or armored).
pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(b"age-encryption.org/v1\n") || bytes.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----")
}

/// How sealed input is opened: identity files, then the passphrase source.
pub struct Unsealer<'a> {
    pub identity_files: &'a [PathBuf],
    pub passphrases: &'a crate::passphrase::Passphrases,
}

/// What opened a sealed file, to seal it again the same way after a change.
#[derive(Debug, Clone)]
pub enum OpenedWith {
    Identities(Vec<x25519::Recipient>),
    Passphrase(Passphrase),
}

impl Unsealer<'_> {
    /// The plain bytes of the age file `bytes` (read from `name`).
    pub fn open(&self, bytes: &[u8], name: &Path) -> anyhow::Result<(Vec<u8>, OpenedWith)> {
        let shown = name.display();
        let reader = age::armor::ArmoredReader::new(bytes);
        let decryptor = age::Decryptor::new(reader).map_err(|e| {
            UserError::new(format!("{shown} is not a readable age file ({})", lower(&e.to_string())))
        })?;
        let (reader, opened) = if decryptor.is_scrypt() {
            let passphrase = self.passphrases.for_sealed_file(name)?;
            let identity = age::scrypt::Identity::new(SecretString::from(passphrase.expose().to_string()));
            let reader =
                decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)).map_err(|_| {
                    UserError::new(format!("wrong passphrase for {shown}"))
                        .hint("it is the passphrase it was shared with")
                })?;
            (reader, OpenedWith::Passphrase(passphrase))
        } else {
            if self.identity_files.is_empty() {
                return Err(UserError::new(format!("{shown} is encrypted with age to a public key"))
                    .hint("give the matching secret key with --identity FILE")
                    .into());
            }
            let mut identities = Vec::new();
            let mut publics = Vec::new();
            for path in self.identity_files {
                let (mut found, mut keys) = identity_file(path)?;
                identities.append(&mut found);
                publics.append(&mut keys);
            }
            let reader = decryptor.decrypt(identities.iter().map(|i| i as &dyn age::Identity)).map_err(
                |e| match e {
                    age::DecryptError::NoMatchingKeys => {
                        UserError::new(format!("none of the --identity keys opens {shown}"))
                            .hint("it was encrypted to someone else's key")
                    }
                    other => UserError::new(format!("cannot decrypt {shown}: {}", lower(&other.to_string()))),
                },
            )?;
            (reader, OpenedWith::Identities(publics))
        };
        let mut plain = Vec::new();
        let mut reader = reader;
        reader
            .read_to_end(&mut plain)
            .map_err(|e| UserError::new(format!("{shown} is damaged: {}", lower(&e.to_string()))))?;
        Ok((plain, opened))
    }
}

impl OpenedWith {
    /// The seal to write a changed file back with.
    pub fn reseal(&self) -> Seal {
        match self {
            OpenedWith::Identities(keys) => Seal::Recipients(keys.clone()),
            OpenedWith::Passphrase(p) => Seal::Passphrase(p.clone()),
        }
    }
}

/// A file that may be age-encrypted, as a path SQLite can open: the file
/// itself, or a private temporary copy of what it holds (in a folder only
/// this user can read, removed when this is dropped).
pub struct Opened {
    original: PathBuf,
    copy: Option<SealedCopy>,
}

struct SealedCopy {
    _dir: tempfile::TempDir,
    path: PathBuf,
    /// The copy's content when it was made, read back the way it is compared after.
    plain: Vec<u8>,
    with: OpenedWith,
    /// The copy is encrypted under this key, known to this process only.
    key: crate::db::Passphrase,
}

impl Opened {
    /// `path` as it is when it is not an age file; else a decrypted copy.
    pub fn open(path: &Path, ctx: &crate::Context) -> anyhow::Result<Self> {
        let original = path.to_path_buf();
        let mut head = [0u8; 64];
        let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
        if !is_sealed(&head[..n]) {
            return Ok(Self { original, copy: None });
        }
        let bytes = std::fs::read(path)
            .map_err(|e| UserError::new(format!("cannot read {}: {e}", path.display())))?;
        let (plain, with) = ctx.unsealer().open(&bytes, path)?;
        let dir = crate::scratch::private_dir(crate::scratch::SEALED)?;
        let name = path.file_name().map_or_else(|| "portfolio".into(), |n| n.to_os_string());
        let copy_path = dir.path().join(name);
        // Never plaintext on disk: the copy is encrypted under a key in memory only.
        let key = image::random_key();
        image::write_encrypted(&plain, &copy_path, &key)
            .map_err(|_| UserError::new(format!("{} holds no portfolio or review file", path.display())))?;
        drop(plain);
        ctx.passphrases.remember(key.clone());
        let plain = image::plain_bytes(&copy_path, &key)?;
        Ok(Self { original, copy: Some(SealedCopy { _dir: dir, path: copy_path, plain, with, key }) })
    }

    /// The path to open.
    pub fn path(&self) -> &Path {
        self.copy.as_ref().map_or(&self.original, |c| &c.path)
    }

    /// After a command: a copy that changed is sealed again, the same way
    /// (the same passphrase; the identities' keys and those it was shared
    /// to), over the original. True when it was written back.
    pub fn write_back(self) -> anyhow::Result<bool> {
        let Some(copy) = self.copy else { return Ok(false) };
        // Read back in memory, the same way as when it was made, to compare.
        let now = image::plain_bytes(&copy.path, &copy.key)?;
        if same_pages(&now, &copy.plain) {
            return Ok(false);
        }
        let mut seal_with = copy.with.reseal();
        if let Seal::Recipients(keys) = &mut seal_with {
            for key in shared_to(&now) {
                if !keys.iter().any(|k| k.to_string() == key.to_string()) {
                    keys.push(key);
                }
            }
        }
        crate::files::write_file_atomically(&self.original, &seal(&now, &seal_with)?)?;
        Ok(true)
    }
}

/// Whether two SQLite files hold the same pages, whatever their header's
/// change counter says (opening a file to read it counts as a change).
fn same_pages(a: &[u8], b: &[u8]) -> bool {
    const COUNTERS: [std::ops::Range<usize>; 2] = [24..28, 92..96];
    a.len() == b.len()
        && a.iter().zip(b).enumerate().all(|(i, (x, y))| x == y || COUNTERS.iter().any(|r| r.contains(&i)))
}

/// The public keys a review file was shared to, as its manifest says.
fn shared_to(plain: &[u8]) -> Vec<x25519::Recipient> {
    let Ok(db) = image::open_bytes(plain) else {
        return Vec::new();
    };
    let Ok(Some(manifest)) = crate::db::review::manifest(db.read()) else { return Vec::new() };
    let selection: serde_json::Value = serde_json::from_str(&manifest.selection).unwrap_or_default();
    selection["sealed_to"]
        .as_array()
        .map(|keys| keys.iter().filter_map(|k| k.as_str()?.parse().ok()).collect())
        .unwrap_or_default()
}

/// The secret keys in an age identity file (`AGE-SECRET-KEY-1…` lines), and their public keys.
fn identity_file(path: &Path) -> anyhow::Result<(Vec<x25519::Identity>, Vec<x25519::Recipient>)> {
    let bytes = std::fs::read(path)
        .map_err(|_| UserError::new(format!("cannot read the identity file {}", path.display())))?;
    let not_one = || {
        UserError::new(format!("{} is not an age identity file", path.display()))
            .hint("an identity file holds AGE-SECRET-KEY-1… lines, as `age-keygen` writes")
    };
    let text = String::from_utf8(bytes).map_err(|_| not_one())?;
    let mut identities = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let identity: x25519::Identity = line.parse().map_err(|_| not_one())?;
        identities.push(identity);
    }
    if identities.is_empty() {
        return Err(UserError::new(format!("{} holds no age secret key", path.display())).into());
    }
    let publics = identities.iter().map(x25519::Identity::to_public).collect();
    Ok((identities, publics))
}

fn lower(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => {
            first.to_lowercase().chain(chars).collect::<String>().trim_end_matches('.').to_string()
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_bytes_open_with_the_key_or_the_passphrase_only() {
        let key = x25519::Identity::generate();
        let sealed = seal(b"portfolio bytes", &Seal::Recipients(vec![key.to_public()])).unwrap();
        assert!(is_sealed(&sealed) && !is_sealed(b"SQLite format 3\0"));
        let decryptor = age::Decryptor::new(&sealed[..]).unwrap();
        let mut plain = Vec::new();
        decryptor
            .decrypt(std::iter::once(&key as &dyn age::Identity))
            .unwrap()
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, b"portfolio bytes");
        let other = x25519::Identity::generate();
        let decryptor = age::Decryptor::new(&sealed[..]).unwrap();
        assert!(decryptor.decrypt(std::iter::once(&other as &dyn age::Identity)).is_err());
    }

    #[test]
    fn recipients_come_from_a_key_or_a_file_and_bad_ones_are_refused() {
        let key = x25519::Identity::generate().to_public().to_string();
        assert_eq!(recipients(&key).unwrap().len(), 1);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("keys.txt");
        let second = x25519::Identity::generate().to_public().to_string();
        std::fs::write(&file, format!("# the panel\n{key}\n\n{second}\n")).unwrap();
        assert_eq!(recipients(file.to_str().unwrap()).unwrap().len(), 2);
        assert!(recipients("age1notakey").is_err());
        assert!(recipients("ssh-ed25519 AAAA").is_err());
        std::fs::write(&file, "# nothing\n").unwrap();
        assert!(recipients(file.to_str().unwrap()).is_err());
    }
}
