//! `folio framework list`: the frameworks in the portfolio.

use clap::Args;

use crate::Context;
use crate::db::frameworks;
use crate::output::{print_json, print_line};

/// List the frameworks in the portfolio
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: ListArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let all = frameworks::list(db.read())?;
    if args.json {
        return print_json(&all);
    }
    if all.is_empty() {
        ctx.ui.status("no frameworks yet; import one with `folio framework import FILE`");
        return Ok(());
    }
    let mut table = ctx.ui.table(&["Key", "Title", "Levels", "Competencies", "Indicators", "Claims"]);
    for f in &all {
        table.add_row(vec![
            f.key.clone(),
            f.title.clone(),
            f.levels.to_string(),
            f.competencies.to_string(),
            f.indicators.to_string(),
            f.claims.to_string(),
        ]);
    }
    print_line(table)?;
    Ok(())
}
