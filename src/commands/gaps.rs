//! `folio gaps`: what to work on next — items with no evidence, then items
//! whose evidence is not accepted yet.

use clap::Args;

use super::render::keep_first_column_whole;
use crate::Context;
use crate::model::Visibility;
use crate::output::{print_json, print_line, thousands};
use crate::report::coverage::{self, Coverage, SUMMARY_FROM, groups};
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
    /// Every item of a big framework (over 200 without evidence), not a line per top-level group
    #[arg(long)]
    pub all: bool,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: GapsArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let coverage = coverage::tallied(db.read(), &args.key, Visibility::IncludePrivate)?;
    let gaps = gaps::gaps(&coverage, args.level.as_deref())?;
    if args.json {
        return print_json(&gaps);
    }
    print_gaps(&gaps, &coverage, args.all, ctx)
}

fn print_gaps(gaps: &Gaps, coverage: &Coverage, all: bool, ctx: &Context) -> anyhow::Result<()> {
    if gaps.missing.is_empty() && gaps.unaccepted.is_empty() {
        ctx.ui.status(format!("no gaps in {}: everything is evidenced and accepted", gaps.framework));
        return Ok(());
    }
    if !gaps.missing.is_empty() && !all && gaps.missing.len() > SUMMARY_FROM {
        // Thousands of rows help nobody: how many in each top-level group.
        print_line(ctx.ui.bold(&format!(
            "No evidence yet ({}), by top-level group",
            thousands(gaps.missing.len() as u64)
        )))?;
        let mut group_of = std::collections::HashMap::new();
        for group in groups(coverage) {
            for row in &coverage.competencies[group.head..group.end] {
                group_of.insert(row.code.as_str(), group.head);
            }
        }
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for item in &gaps.missing {
            // A reference is KEY/CODE[/LEVEL][/N]; codes hold no '/'.
            let code = item.reference.split('/').nth(1).unwrap_or_default();
            let head = group_of.get(code).copied().unwrap_or(usize::MAX);
            match counts.iter_mut().find(|(h, _)| *h == head) {
                Some((_, n)) => *n += 1,
                None => counts.push((head, 1)),
            }
        }
        let mut table = ctx.ui.table(&["Group", "Without evidence"]);
        for (head, n) in counts {
            let name = coverage
                .competencies
                .get(head)
                .map_or("(other)".to_string(), |r| format!("{}  {}", r.code, r.title));
            table.add_row(vec![name, thousands(n as u64)]);
        }
        print_line(table)?;
        ctx.ui.hint("--all lists every one; --json gives them all to a program");
    } else if !gaps.missing.is_empty() {
        print_line(ctx.ui.bold(&format!("No evidence yet ({})", gaps.missing.len())))?;
        let mut table = ctx.ui.table(&["Ref", "Indicator"]);
        for item in &gaps.missing {
            table.add_row(vec![item.reference.clone(), item.text.to_string()]);
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
            table.add_row(vec![item.reference.clone(), item.text.to_string(), some_ids(item.evidence)]);
        }
        keep_first_column_whole(&mut table);
        print_line(table)?;
    }
    Ok(())
}

/// The first few entry ids, and how many more (`--json` lists them all).
fn some_ids(ids: &[i64]) -> String {
    const SHOWN: usize = 8;
    let shown = ids.iter().take(SHOWN).map(i64::to_string).collect::<Vec<_>>().join(", ");
    match ids.len().saturating_sub(SHOWN) {
        0 => shown,
        more => format!("{shown} and {} more", thousands(more as u64)),
    }
}

#[cfg(test)]
mod tests {
    use super::some_ids;

    #[test]
    fn a_long_list_of_evidence_is_cut_with_a_count() {
        assert_eq!(some_ids(&[3, 5]), "3, 5");
        let many: Vec<i64> = (1..=1_210).collect();
        assert_eq!(some_ids(&many), "1, 2, 3, 4, 5, 6, 7, 8 and 1,202 more");
    }
}
