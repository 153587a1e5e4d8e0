//! `folio init`: create the portfolio file and say where it is.

use clap::Args;

use crate::Context;
use crate::db;

/// Create the portfolio file (folio also does this on first use)
///
/// Prints where the portfolio lives. Running it again on an existing
/// portfolio changes nothing but the name, if one is given.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Your name, shown at the top of every document
    #[arg(long)]
    pub name: Option<String>,

    /// Print JSON: {path, created}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: InitArgs, ctx: &Context) -> anyhow::Result<()> {
    let existed = ctx.db_path.exists();
    let mut db = ctx.open_db()?;
    if let Some(name) = args.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        db.write(|tx| {
            let mut profile = db::profile::get(tx)?;
            profile.name = Some(name.to_string());
            db::profile::save(tx, &profile)
        })?;
    }
    if args.json {
        let path = ctx.db_path.display().to_string();
        return crate::output::print_json(&serde_json::json!({"path": path, "created": !existed}));
    }
    let verb = if existed { "portfolio already exists at" } else { "created portfolio at" };
    ctx.ui.status(format!("{verb} {}", ctx.db_path.display()));
    Ok(())
}
