//! `folio coverage`: what a framework's evidence covers, competency by level.

use clap::Args;

use super::render::keep_first_column_whole;
use crate::Context;
use crate::model::Visibility;
use crate::output::{print_json, print_line, thousands};
use crate::report::coverage::{self, Cell, Coverage, CoverageRow, SUMMARY_FROM, groups};

/// Show the evidence matrix of a framework: competency × level
///
/// Each cell is the number of entries evidencing it, with ✓N for how many of
/// them an assessor has accepted. Without KEY, every framework that has claims.
#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// The framework's key
    pub key: Option<String>,
    /// Also list every indicator with the ids of the entries evidencing it
    #[arg(long)]
    pub indicators: bool,
    /// Every competency of a big framework (over 200), not just those with
    /// evidence and a line per top-level group
    #[arg(long)]
    pub all: bool,
    /// Print JSON (an array of frameworks) instead of tables
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: CoverageArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let keys = match &args.key {
        Some(key) => vec![key.clone()],
        None => crate::db::coverage::claimed_frameworks(db.read())?,
    };
    // The table needs only the counts; JSON and --indicators list the entries.
    let read = if args.json || args.indicators { coverage::coverage } else { coverage::tallied };
    let all =
        keys.iter().map(|k| read(db.read(), k, Visibility::IncludePrivate)).collect::<Result<Vec<_>, _>>()?;
    if args.json {
        return print_json(&all);
    }
    if all.is_empty() {
        ctx.ui.status("no claims yet; claim evidence with `folio claim ID KEY/CODE`");
        return Ok(());
    }
    for (n, coverage) in all.iter().enumerate() {
        if n > 0 {
            print_line("")?;
        }
        print_matrix(coverage, args.all, ctx)?;
        if args.indicators {
            print_indicators(coverage, ctx)?;
        }
    }
    ctx.ui.status("cells: entries evidencing it, ✓ how many of them are accepted");
    Ok(())
}

fn cell_text(cell: &Cell) -> String {
    match (cell.entries, cell.accepted) {
        (0, _) => "–".into(),
        (n, 0) => n.to_string(),
        (n, a) => format!("{n} ✓{a}"),
    }
}

fn print_matrix(coverage: &Coverage, all: bool, ctx: &Context) -> anyhow::Result<()> {
    print_line(format!(
        "{} {}",
        ctx.ui.bold(&coverage.title),
        ctx.ui.dim(&format!("({})", coverage.framework))
    ))?;
    let any_level_used = coverage.competencies.iter().any(|c| c.any_level.entries > 0);
    let mut header: Vec<&str> = vec!["Competency"];
    header.extend(coverage.levels.iter().map(String::as_str));
    let show_any = coverage.levels.is_empty() || any_level_used;
    if show_any {
        header.push(if coverage.levels.is_empty() { "Evidence" } else { "Any level" });
    }
    let mut table = ctx.ui.table(&header);
    let row_cells = |row: &CoverageRow, first: String| {
        let mut cells = vec![first];
        cells.extend(row.levels.iter().map(cell_text));
        if show_any {
            cells.push(cell_text(&row.any_level));
        }
        cells
    };
    let summarise = !all && coverage.competencies.len() > SUMMARY_FROM;
    if !summarise {
        for row in &coverage.competencies {
            table.add_row(row_cells(row, format!("{}{}  {}", "  ".repeat(row.depth), row.code, row.title)));
        }
        print_line(table)?;
        return Ok(());
    }
    // A big framework: each top-level group in a line, then what has evidence in it.
    let mut shown = 0;
    for group in groups(coverage) {
        let head = &coverage.competencies[group.head];
        let (evidenced, total) = group.evidenced(coverage);
        let summary = format!(
            "{}  {} — {} of {} evidenced",
            head.code,
            head.title,
            thousands(evidenced as u64),
            thousands(total as u64)
        );
        table.add_row(row_cells(head, summary));
        for row in coverage.competencies[group.head + 1..group.end].iter().filter(|r| r.evidenced()) {
            table.add_row(row_cells(row, format!("{}{}  {}", "  ".repeat(row.depth), row.code, row.title)));
            shown += 1;
        }
    }
    print_line(table)?;
    ctx.ui.status(format!(
        "{} of {} competencies have evidence: each top-level group in a line, and those under it; --all for every row",
        thousands(shown as u64),
        thousands(coverage.competencies.len() as u64)
    ));
    Ok(())
}

fn print_indicators(coverage: &Coverage, ctx: &Context) -> anyhow::Result<()> {
    let mut table = ctx.ui.table(&["Indicator", "Text", "Evidence"]);
    for row in &coverage.competencies {
        for indicator in &row.indicators {
            let evidence = indicator
                .evidence
                .iter()
                .map(|id| if indicator.accepted.contains(id) { format!("{id}✓") } else { id.to_string() })
                .collect::<Vec<_>>()
                .join(", ");
            table.add_row(vec![indicator.reference.clone(), indicator.text.clone(), evidence]);
        }
    }
    keep_first_column_whole(&mut table);
    print_line(table)?;
    Ok(())
}
