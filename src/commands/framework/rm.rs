//! `folio framework rm`: remove a framework (refused while entries claim it,
//! unless forced).

use clap::Args;

use crate::Context;
use crate::db::frameworks;
use crate::error::UserError;

/// Remove a framework
#[derive(Debug, Args)]
pub struct RmArgs {
    /// The framework's key
    pub key: String,
    /// Remove it even though entries claim it; the claims, their verdicts and the ratings go too
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: RmArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let key = args.key.clone();
    let claims = db.write(|tx| -> anyhow::Result<i64> {
        let (id, _) =
            frameworks::find(tx, &key)?.ok_or_else(|| crate::db::DbError::NoSuchFramework(key.clone()))?;
        let claims = frameworks::claim_count(tx, id)?;
        if claims > 0 && !args.force {
            let pointing = crate::output::count(claims as usize, "claim points", "claims point");
            return Err(UserError::new(format!("{pointing} at framework '{key}'; it was not removed"))
                .hint("add --force to remove it with its claims, their verdicts and the ratings")
                .into());
        }
        frameworks::remove(tx, id)?;
        Ok(claims)
    })?;
    let with = if claims > 0 {
        format!(" and {}", crate::output::count(claims as usize, "claim", "claims"))
    } else {
        String::new()
    };
    ctx.ui.status(format!("removed framework {}{with}", args.key));
    Ok(())
}
