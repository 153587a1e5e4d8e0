//! `folio unlock` and `folio lock`: an encrypted portfolio opened with its
//! passphrase once, then for a while with the key derived from it, kept in
//! the kernel's session keyring (see `src/unlocked.rs`).

use std::time::Duration;

use clap::Args;
use serde::Serialize;

use crate::Context;
use crate::error::UserError;
use crate::output::print_json;
use crate::unlocked::{self, Unlocked};

/// Unlock an encrypted portfolio for a while: the passphrase is asked once
///
/// The key derived from the passphrase (never the passphrase itself) is kept
/// in the kernel's session keyring, in memory only, until the time given; the
/// commands you run meanwhile open the portfolio without asking, as fast as a
/// plain one. `folio lock` forgets it at once; `folio passphrase` forgets the
/// old one. The key opens only this file.
#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// How long: 90s, 30m, 8h, 1d (at most 7 days)
    #[arg(long = "for", value_name = "TIME", default_value = "30m")]
    pub duration: String,
    /// Say which portfolios are unlocked, and until when, instead
    #[arg(long)]
    pub status: bool,
    /// With --status: print JSON ([{path, until}])
    #[arg(long, requires = "status")]
    pub json: bool,
}

/// Forget the key `folio unlock` kept: the passphrase is asked again
#[derive(Debug, Args)]
pub struct LockArgs {}

/// Keep unlocked portfolios' keys in memory where the kernel keyring cannot (started by `folio unlock`)
#[derive(Debug, Args)]
pub struct AgentArgs {}

pub fn agent(_args: AgentArgs, _ctx: &Context) -> anyhow::Result<()> {
    unlocked::serve_agent().map_err(|why| UserError::new(format!("the agent stopped: {why}")).into())
}

/// `30m` as a duration.
fn duration(text: &str) -> Result<Duration, UserError> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let bad = || UserError::usage(format!("--for takes a time such as 90s, 30m, 8h or 1d, not '{text}'"));
    let n: u64 = number.parse().map_err(|_| bad())?;
    let seconds = match unit.trim() {
        "s" => n,
        "m" | "" => n * 60,
        "h" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(bad()),
    };
    if seconds == 0 || seconds > 7 * 86_400 {
        return Err(UserError::usage("--for takes from 1 second to 7 days"));
    }
    Ok(Duration::from_secs(seconds))
}

#[derive(Serialize)]
struct Status<'a> {
    path: &'a str,
    until: String,
}

pub fn unlock(args: UnlockArgs, ctx: &Context) -> anyhow::Result<()> {
    if args.status {
        let unlocked = unlocked::list();
        if args.json {
            let shown: Vec<Status> =
                unlocked.iter().map(|u| Status { path: &u.path, until: u.until.to_rfc3339() }).collect();
            return print_json(&shown);
        }
        if unlocked.is_empty() {
            ctx.ui.status("no portfolio is unlocked in this session");
        }
        for Unlocked { path, until, .. } in unlocked {
            let seconds = (until - chrono::Utc::now()).num_seconds().max(0);
            let left = if seconds < 120 { format!("{seconds} s") } else { format!("{} min", seconds / 60) };
            crate::output::print_line(format!(
                "{path}  unlocked until {} ({left} left)",
                until.format("%Y-%m-%d %H:%M:%S UTC")
            ))?;
        }
        return Ok(());
    }
    let ttl = duration(&args.duration)?;
    // The passphrase itself is asked (a key kept from before is not derived
    // from, and stays until the new one replaces it).
    ctx.passphrases.without_kept_keys();
    let db = ctx.open_db()?;
    if !db.is_encrypted() {
        return Err(UserError::new(format!(
            "{} is not encrypted: there is nothing to unlock",
            ctx.db_path.display()
        ))
        .hint("encrypt it with `folio encrypt`")
        .into());
    }
    let passphrase = ctx
        .passphrases
        .last_opened()
        .ok_or_else(|| UserError::new("the passphrase that opened the portfolio is not known"))?;
    let salt = unlocked::salt_of(&ctx.db_path)
        .ok_or_else(|| UserError::new(format!("cannot read the salt of {}", ctx.db_path.display())))?;
    let key = unlocked::derive(&passphrase, &salt);
    // Made as SQLCipher makes it, or it is not kept.
    if !crate::db::key_opens_file(&ctx.db_path, &key)? {
        return Err(UserError::new(format!(
            "{} is encrypted with settings folio does not derive keys for; nothing was kept",
            ctx.db_path.display()
        ))
        .into());
    }
    let kept = unlocked::remember(&ctx.db_path, &salt, &key, ttl).map_err(|why| {
        UserError::new(format!("cannot unlock: {why}"))
            .hint("give the passphrase to each command with FOLIO_PASSPHRASE_FILE or --passphrase-fd instead")
    })?;
    ctx.ui.status(format!(
        "unlocked {} until {} (`folio lock` forgets the key now)",
        ctx.db_path.display(),
        kept.until.format("%H:%M UTC")
    ));
    Ok(())
}

pub fn lock(_args: LockArgs, ctx: &Context) -> anyhow::Result<()> {
    if unlocked::forget(&ctx.db_path) {
        ctx.ui.status(format!("locked {}: the passphrase is asked again", ctx.db_path.display()));
    } else {
        ctx.ui.status(format!("{} was not unlocked", ctx.db_path.display()));
    }
    Ok(())
}
