//! `folio check`: a health check of everything SQLite and folio can verify.

use clap::Args;

use crate::Context;
use crate::db::maintenance;
use crate::error::UserError;
use crate::output::print_line;

/// Check the portfolio file: SQLite integrity, links, and every stored file's SHA-256
///
/// Prints each problem found and exits with 1 if there is any.
#[derive(Debug, Args)]
pub struct CheckArgs {}

pub fn run(_args: CheckArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let problems = maintenance::check(db.read())?;
    if problems.is_empty() {
        ctx.ui.status(format!("{}: no problems found", ctx.db_path.display()));
        return Ok(());
    }
    for problem in &problems {
        print_line(problem)?;
    }
    Err(UserError::new(format!("{} problems found in {}", problems.len(), ctx.db_path.display()))
        .hint("restore from a backup, or export what is readable with `folio export json`")
        .into())
}
