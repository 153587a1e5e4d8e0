//! `folio key`: the Ed25519 key a mentor or assessor signs verdicts with,
//! kept in folio's data folder (`key.json`, readable by its owner only;
//! `FOLIO_KEY_FILE` names another), and found here when a verdict is given.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use ed25519_dalek::SigningKey;

use crate::Context;
use crate::error::UserError;
use crate::output::print_json;
use crate::trust::key_file::KeyFile;

/// Your signing key: the verdicts you give are signed with it
///
/// Anyone can check a signed verdict offline, with `folio verify` or without folio.
///
/// A key is a pair: the secret half stays in folio's data folder (sealed
/// under a passphrase with --passphrase), the public half is a did:key
/// (did:key:z6Mk…) that you can give to anyone. Each verdict you record in a
/// review file is then a signed Verifiable Credential; `folio verify` checks it.
#[derive(Debug, Args)]
pub struct KeyArgs {
    #[command(subcommand)]
    pub action: KeyAction,
}

#[derive(Debug, Subcommand)]
pub enum KeyAction {
    /// Make your key pair and print its did:key
    New(NewArgs),
    /// Show your name, did:key and where the key is kept
    Show(ShowArgs),
    /// Print the public half of your key, to give to whoever checks your verdicts
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Your name as verdicts signed with the key give it, e.g. "Dr Okubo"
    #[arg(long)]
    pub name: String,
    /// Seal the secret key under a passphrase (asked twice, or from FOLIO_PASSPHRASE_FILE or --passphrase-fd)
    #[arg(long)]
    pub passphrase: bool,
    /// Replace the key you have (verdicts signed with the old one still verify)
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Print JSON: {name, did, publicKeyMultibase, created_at, sealed, path}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The public half only (the secret half never leaves folio)
    #[arg(long, required = true)]
    pub public: bool,
}

pub fn run(args: KeyArgs, ctx: &Context) -> anyhow::Result<()> {
    match args.action {
        KeyAction::New(a) => new(a, ctx),
        KeyAction::Show(a) => show(a),
        KeyAction::Export(_) => print_json(&read(&path()?)?.public()),
    }
}

/// `FOLIO_KEY_FILE`, or `<data dir>/folio/key.json`.
pub fn path() -> anyhow::Result<PathBuf> {
    if let Some(file) = std::env::var_os("FOLIO_KEY_FILE").filter(|f| !f.is_empty()) {
        return Ok(PathBuf::from(file));
    }
    let dirs = directories::BaseDirs::new()
        .context("cannot find your home folder to keep the key in; set FOLIO_KEY_FILE")?;
    Ok(dirs.data_dir().join("folio").join("key.json"))
}

fn read(path: &std::path::Path) -> anyhow::Result<KeyFile> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(UserError::new("you have no signing key")
                .hint("make one with `folio key new --name \"Your Name\"`")
                .into());
        }
        Err(e) => return Err(UserError::new(format!("cannot read {}: {e}", path.display())).into()),
    };
    KeyFile::parse(&text).map_err(|e| UserError::new(format!("{}: {e}", path.display())).into())
}

fn new(args: NewArgs, ctx: &Context) -> anyhow::Result<()> {
    let name = args.name.trim();
    if name.is_empty() {
        return Err(UserError::usage("--name needs your name as verdicts will give it").into());
    }
    let path = path()?;
    if path.exists() && !args.replace {
        let held = read(&path).map(|k| format!(" ({})", k.did)).unwrap_or_default();
        return Err(UserError::new(format!("you already have a signing key{held}"))
            .hint("--replace makes a new one; verdicts signed with the old one still verify")
            .into());
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("no randomness for a key: {e}"))?;
    let key = SigningKey::from_bytes(&seed);
    let sealed = if args.passphrase {
        let passphrase = ctx.passphrases.choose_new()?;
        let secret = crate::trust::did_key::secret_multibase(&key);
        Some(crate::sealed::seal(secret.as_bytes(), &crate::sealed::Seal::Passphrase(passphrase))?)
    } else {
        None
    };
    let file = KeyFile::new(name, &key, &ctx.now(), sealed.as_deref());
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).with_context(|| format!("cannot make {}", folder.display()))?;
    }
    let text = serde_json::to_string_pretty(&file)? + "\n";
    crate::files::write_file_atomically_with(&path, |out| {
        use std::os::unix::fs::PermissionsExt as _;
        out.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        Ok(std::io::Write::write_all(out, text.as_bytes())?)
    })?;
    println!("{}", file.did);
    let sealed = if args.passphrase { ", sealed under your passphrase" } else { "" };
    ctx.ui.status(format!("made a signing key for {name} in {}{sealed}", path.display()));
    Ok(())
}

fn show(args: ShowArgs) -> anyhow::Result<()> {
    let path = path()?;
    let file = read(&path)?;
    let public = file.public();
    if args.json {
        let mut value = serde_json::to_value(&public)?;
        value["path"] = path.display().to_string().into();
        return print_json(&value);
    }
    println!("name     {}", public.name);
    println!("did      {}", public.did);
    println!("made     {}", public.created_at);
    println!(
        "kept in  {}{}",
        path.display(),
        if public.sealed { " (sealed under a passphrase)" } else { "" }
    );
    Ok(())
}

/// A key ready to sign, with the name it signs as.
pub struct Held {
    pub name: String,
    pub key: SigningKey,
}

impl Held {
    pub fn signer(&self) -> crate::trust::verdict_credential::Signer<'_> {
        crate::trust::verdict_credential::Signer { name: &self.name, key: &self.key }
    }

    pub fn did(&self) -> String {
        crate::trust::did_key::did(&self.key.verifying_key())
    }
}

/// The key to sign `assessor`'s verdicts with: yours, when you have one and
/// the verdict is yours — given in a review file without `--by`, or `--by`
/// your own name. A sealed key asks its passphrase.
pub fn for_assessor(
    ctx: &Context,
    assessor: &str,
    in_review_file_by_default: bool,
) -> anyhow::Result<Option<Held>> {
    let path = path()?;
    if !path.exists() {
        return Ok(None);
    }
    let file = read(&path)?;
    if !in_review_file_by_default && !file.name.eq_ignore_ascii_case(assessor.trim()) {
        return Ok(None);
    }
    open(ctx, &path, file).map(Some)
}

/// Your key, to sign with (`folio sign`): an error when you have none.
pub fn yours(ctx: &Context) -> anyhow::Result<Held> {
    let path = path()?;
    let file = read(&path)?;
    open(ctx, &path, file)
}

fn open(ctx: &Context, path: &std::path::Path, file: KeyFile) -> anyhow::Result<Held> {
    let secret = match (&file.secret, file.sealed_bytes().map_err(|e| UserError::new(e.0))?) {
        (Some(secret), _) => secret.clone(),
        (None, Some(sealed)) => {
            let unsealer = crate::sealed::Unsealer {
                identity_files: &ctx.identity_files,
                passphrases: &ctx.passphrases,
            };
            let (plain, _) = unsealer.open(&sealed, path)?;
            String::from_utf8(plain).map_err(|_| UserError::new(format!("{} is damaged", path.display())))?
        }
        (None, None) => return Err(UserError::new(format!("{} holds no secret key", path.display())).into()),
    };
    let key = file.signing_key(&secret).map_err(|e| UserError::new(format!("{}: {e}", path.display())))?;
    Ok(Held { name: file.name, key })
}
