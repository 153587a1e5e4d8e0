//! `folio gaps`: what to work on next — items with no evidence, then items
//! whose evidence is not accepted yet.

use clap::Args;

use super::render::keep_first_column_whole;
use crate::Context;
use crate::output::{print_json, print_line};
use crate::report::coverage;
use crate::report::gaps::{self, Gaps};

/// List what has no evidence yet, then what is evidenced but not accepted
///
/// Indicators count as evidenced when an entry claims them directly
/// (KEY/CODE/LEVEL/N); in a framework without indicators, competencies do.
#[derive(Debug, Args)]
pub struct GapsArgs {
    /// The framework's key
    pub key: String,
    /// Only indicators at or below this level
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: GapsArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let gaps = gaps::gaps(&coverage::coverage(db.read(), &args.key, true)?, args.level.as_deref())?;
    if args.json {
        return print_json(&gaps);
    }
    print_gaps(&gaps, ctx)
}

fn print_gaps(gaps: &Gaps, ctx: &Context) -> anyhow::Result<()> {
    if gaps.missing.is_empty() && gaps.unaccepted.is_empty() {
        ctx.ui.status(format!("no gaps in {}: everything is evidenced and accepted", gaps.framework));
        return Ok(());
    }
    if !gaps.missing.is_empty() {
        print_line(ctx.ui.bold(&format!("No evidence yet ({})", gaps.missing.len())))?;
        let mut table = ctx.ui.table(&["Ref", "Indicator"]);
        for item in &gaps.missing {
            table.add_row(vec![item.reference.clone(), item.text.clone()]);
        }
        keep_first_column_whole(&mut table);
        print_line(table)?;
    }
    if !gaps.unaccepted.is_empty() {
        if !gaps.missing.is_empty() {
            print_line("")?;
        }
        print_line(ctx.ui.bold(&format!("Evidenced, not yet accepted ({})", gaps.unaccepted.len())))?;
        let mut table = ctx.ui.table(&["Ref", "Indicator", "Evidence"]);
        for item in &gaps.unaccepted {
            let ids = item.evidence.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
            table.add_row(vec![item.reference.clone(), item.text.clone(), ids]);
        }
        keep_first_column_whole(&mut table);
        print_line(table)?;
    }
    Ok(())
}
