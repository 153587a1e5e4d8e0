//! `folio encrypt`, `folio decrypt --out FILE` and `folio passphrase`: the
//! portfolio encrypted at rest, a plain copy of it, a new passphrase.
//! (`folio init --encrypt` creates one encrypted from the start.)

use std::path::PathBuf;

use clap::Args;

use crate::Context;
use crate::db::Passphrase;
use crate::error::UserError;
use crate::passphrase::{ask_twice, read_passphrase_file};

/// Encrypt the portfolio with a passphrase, in place
///
/// The whole file is encrypted, page by page (SQLCipher: AES-256 with an
/// HMAC per page, the key derived from the passphrase by PBKDF2-SHA512 with
/// 256,000 iterations). The plain file is replaced only when the encrypted
/// copy has passed its check. From then on every command asks for the
/// passphrase (or reads it from FOLIO_PASSPHRASE_FILE or --passphrase-fd),
/// and backups are encrypted too. Exports you write are not: they are files
/// you chose to write in the clear.
///
/// There is no way back in without the passphrase: keep it safe.
#[derive(Debug, Args)]
pub struct EncryptArgs {}

/// Write a plain (unencrypted) copy of an encrypted portfolio
///
/// The portfolio itself stays encrypted.
#[derive(Debug, Args)]
pub struct DecryptArgs {
    /// Where to write the plain copy (must not exist)
    #[arg(long, short, value_name = "FILE")]
    pub out: PathBuf,
}

/// Change the passphrase of an encrypted portfolio
///
/// Asks for the current passphrase, then the new one twice (or reads the new
/// one from --new-passphrase-file). The file is re-encrypted under the new
/// one and replaced only when the copy has passed its check.
#[derive(Debug, Args)]
pub struct PassphraseArgs {
    /// Read the new passphrase from this file's first line (for scripts)
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
}

pub fn encrypt(_args: EncryptArgs, ctx: &Context) -> anyhow::Result<()> {
    if !ctx.db_path.exists() {
        return Err(UserError::new(format!("there is no portfolio at {}", ctx.db_path.display()))
            .hint("create an encrypted one with `folio init --encrypt`")
            .into());
    }
    let db = ctx.open_db()?;
    if db.is_encrypted() {
        return Err(UserError::new(format!("{} is encrypted already", ctx.db_path.display()))
            .hint("change its passphrase with `folio passphrase`")
            .into());
    }
    let passphrase = ctx.passphrases.choose_new()?;
    db.rewrite_with_key(Some(passphrase))?;
    ctx.ui.status(format!("encrypted {}", ctx.db_path.display()));
    ctx.ui.hint("keep the passphrase safe: without it nothing in the portfolio can be read");
    Ok(())
}

pub fn decrypt(args: DecryptArgs, ctx: &Context) -> anyhow::Result<()> {
    if args.out.exists() {
        return Err(UserError::new(format!("{} already exists", args.out.display()))
            .hint("choose another name with --out FILE")
            .into());
    }
    let db = ctx.open_db()?;
    if !db.is_encrypted() {
        return Err(UserError::new(format!("{} is not encrypted", ctx.db_path.display()))
            .hint("`folio backup FILE` makes a copy of a plain portfolio")
            .into());
    }
    db.write_copy(&args.out, None)?;
    ctx.ui.status(format!("wrote a plain copy to {}", args.out.display()));
    ctx.ui.hint("anyone who can read that file can read the portfolio: delete it when you are done");
    Ok(())
}

pub fn passphrase(args: PassphraseArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    if !db.is_encrypted() {
        return Err(UserError::new(format!("{} is not encrypted", ctx.db_path.display()))
            .hint("encrypt it with `folio encrypt`")
            .into());
    }
    let new: Passphrase = match &args.new_passphrase_file {
        Some(path) => read_passphrase_file(path, &format!("{} (--new-passphrase-file)", path.display()))?,
        None => ask_twice("new passphrase")?,
    };
    // A key kept by `folio unlock` was derived from the old passphrase: forget it.
    let was_unlocked = crate::unlocked::forget(&ctx.db_path);
    db.rewrite_with_key(Some(new))?;
    ctx.ui.status(format!("changed the passphrase of {}", ctx.db_path.display()));
    if was_unlocked {
        ctx.ui.hint("it was unlocked: `folio unlock` again to work without the passphrase");
    }
    Ok(())
}
