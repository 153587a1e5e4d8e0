//! `folio init`: create the portfolio file and say where it is.

use clap::Args;

use crate::Context;
use crate::db::{self, Db, Unlock};
use crate::error::UserError;

/// Create the portfolio file (a command that adds something also does this)
///
/// Prints where the portfolio lives. Running it again on an existing
/// portfolio changes nothing but the name, if one is given.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your name, shown at the top of every document
    #[arg(long)]
    pub name: Option<String>,

    /// Encrypt the new portfolio with a passphrase (asked twice, or from
    /// FOLIO_PASSPHRASE_FILE or --passphrase-fd)
    #[arg(long)]
    pub encrypt: bool,

    /// Print JSON: {path, created, encrypted}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: InitArgs, ctx: &Context) -> anyhow::Result<()> {
    let existed = ctx.db_path.metadata().is_ok_and(|m| m.len() > 0);
    let mut db = if args.encrypt {
        if existed {
            return Err(UserError::new(format!("{} already exists", ctx.db_path.display()))
                .hint("encrypt an existing portfolio with `folio encrypt`")
                .into());
        }
        let passphrase = ctx.passphrases.choose_new()?;
        Db::open_with(&ctx.db_path, ctx.busy_timeout, Unlock::Create(passphrase))?
    } else {
        ctx.open_db()?
    };
    if let Some(name) = args.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        db.write(|tx| {
            let mut profile = db::profile::get(tx)?;
            profile.name = Some(name.to_string());
            db::profile::save(tx, &profile)
        })?;
    }
    if args.json {
        let path = ctx.db_path.display().to_string();
        let encrypted = db.is_encrypted();
        return crate::output::print_json(
            &serde_json::json!({"path": path, "created": !existed, "encrypted": encrypted}),
        );
    }
    let verb = match (existed, db.is_encrypted()) {
        (true, _) => "portfolio already exists at",
        (false, true) => "created an encrypted portfolio at",
        (false, false) => "created portfolio at",
    };
    ctx.ui.status(format!("{verb} {}", ctx.db_path.display()));
    Ok(())
}
