//! `folio check`: a health check of everything SQLite and folio can verify.

use clap::Args;

use crate::Context;
use crate::db::{DbError, maintenance};
use crate::error::UserError;
use crate::output::{print_json, print_line};

/// Check the portfolio file: SQLite integrity, links, every stored file's SHA-256, and the evidence counts
///
/// Prints each problem found and exits with 1 if there is any.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// First work out again what folio keeps derived from the records (the
    /// evidence counts that coverage and gaps read), then check
    #[arg(long)]
    pub repair: bool,

    /// Print JSON: {path, ok, problems: [text]} (exit 1 still when there are problems)
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: CheckArgs, ctx: &Context) -> anyhow::Result<()> {
    if args.repair {
        let mut db = ctx.open_db()?;
        db.write(crate::db::evidence::rebuild)?;
        ctx.ui.status("evidence counts worked out again from the claims");
    }
    // A damaged file is what check is for: its damage is the report, not a failure to run.
    let mut progress = crate::progress::Progress::new(&ctx.ui, 0, "checking stored files").each();
    let mut files_done = |done: u64, total: u64| {
        progress.total(total);
        progress.item(done);
    };
    let checked = ctx.open_db().and_then(|db| Ok(maintenance::check_with(db.read(), &mut files_done)?));
    progress.finish();
    let problems = match checked {
        Ok(problems) => problems,
        Err(e) => match e.downcast_ref::<DbError>() {
            Some(damaged @ DbError::Damaged(_)) => vec![damaged.to_string()],
            _ => return Err(e),
        },
    };
    if args.json {
        let path = ctx.db_path.display().to_string();
        print_json(&serde_json::json!({"path": path, "ok": problems.is_empty(), "problems": problems}))?;
        return if problems.is_empty() { Ok(()) } else { Err(crate::error::AnsweredNo.into()) };
    }
    if problems.is_empty() {
        ctx.ui.status(format!("{}: no problems found", ctx.db_path.display()));
        return Ok(());
    }
    for problem in &problems {
        print_line(problem)?;
    }
    let noun = if problems.len() == 1 { "problem" } else { "problems" };
    Err(UserError::new(format!("{} {noun} found in {}", problems.len(), ctx.db_path.display()))
        .hint("restore from a backup, or export what is readable with `folio export json`")
        .into())
}
