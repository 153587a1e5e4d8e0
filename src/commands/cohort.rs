//! `folio cohort FILE...`: one row per mentee across review files or portfolios.

use std::path::PathBuf;

use clap::Args;

use crate::Context;
use crate::db::coverage;
use crate::error::UserError;
use crate::output::{csv_field, print_json, print_line};
use crate::report::cohort::{CohortRow, row};

/// Compare mentees: evidence per competency, pending claims, last activity
///
/// For a mentor holding several mentees' review files (or portfolios): one
/// row per mentee, one column per competency — entries evidencing it /
/// accepted — then how many claims wait for a verdict and when the
/// portfolio last changed. A file that is not a portfolio is reported and
/// skipped. `--csv` is the way into a spreadsheet or DuckDB (docs/scheme.md).
#[derive(Debug, Args)]
pub struct CohortArgs {
    /// Review files or portfolios
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// The framework to compare on [default: the first one the first file claims]
    #[arg(long, value_name = "KEY")]
    pub framework: Option<String>,

    /// Count one level only (e.g. practitioner) instead of all levels added up
    #[arg(long, value_name = "LEVEL")]
    pub level: Option<String>,

    /// Print JSON (an array of rows)
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,

    /// Print CSV: mentee, file, then evidenced and accepted per competency, pending, last activity
    #[arg(long)]
    pub csv: bool,
}

pub fn run(args: CohortArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut rows: Vec<CohortRow> = Vec::new();
    let mut key = args.framework.clone();
    for path in &args.files {
        let name = path.display().to_string();
        let db = match ctx.open_other(path) {
            Ok(db) => db,
            Err(e) => {
                ctx.ui.warn(format!("skipped {name}: {e}"));
                continue;
            }
        };
        let framework = match &key {
            Some(k) => k.clone(),
            None => match coverage::claimed_frameworks(db.read())?.into_iter().next() {
                Some(k) => {
                    key = Some(k.clone());
                    k
                }
                None => {
                    ctx.ui.warn(format!("skipped {name}: it claims no framework"));
                    continue;
                }
            },
        };
        match row(db.read(), &name, &framework, args.level.as_deref()) {
            Ok(row) => rows.push(row),
            Err(crate::db::DbError::NoSuchFramework(_)) => {
                ctx.ui.warn(format!("skipped {name}: it has no framework '{framework}'"));
            }
            Err(e) => return Err(UserError::new(format!("{name}: {e}")).into()),
        }
    }
    if rows.is_empty() {
        return Err(UserError::new("none of the files could be compared").into());
    }
    if args.json {
        return print_json(&rows);
    }
    if args.csv {
        print_line(csv(&rows).trim_end())?;
        return Ok(());
    }
    let codes: Vec<&str> = rows[0].competencies.iter().map(|c| c.code.as_str()).collect();
    let mut header = vec!["Mentee"];
    header.extend(codes.iter().copied());
    header.extend(["Pending", "Last activity"]);
    let mut table = ctx.ui.table(&header);
    for r in &rows {
        let mut cells = vec![r.mentee.clone()];
        cells.extend(r.competencies.iter().map(|c| format!("{}/{}", c.evidenced, c.accepted)));
        cells.push(r.pending.to_string());
        cells.push(
            r.last_activity.as_deref().map(|a| a.get(..10).unwrap_or(a).to_string()).unwrap_or_default(),
        );
        table.add_row(cells);
    }
    print_line(table)?;
    ctx.ui.status(format!("evidence/accepted per competency of {}", rows[0].framework));
    Ok(())
}

fn csv(rows: &[CohortRow]) -> String {
    let mut out = String::from("mentee,file,framework");
    for c in &rows[0].competencies {
        out.push_str(&format!(",{0} evidenced,{0} accepted", csv_field(&c.code)));
    }
    out.push_str(",pending,last_activity\n");
    for r in rows {
        out.push_str(&format!("{},{},{}", csv_field(&r.mentee), csv_field(&r.file), csv_field(&r.framework)));
        for c in &r.competencies {
            out.push_str(&format!(",{},{}", c.evidenced, c.accepted));
        }
        out.push_str(&format!(",{},{}\n", r.pending, r.last_activity.as_deref().unwrap_or("")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_they_must_be() {
        assert_eq!(csv_field("Ada"), "Ada");
        assert_eq!(csv_field("Okafor, Ada"), "\"Okafor, Ada\"");
        assert_eq!(csv_field("the \"best\""), "\"the \"\"best\"\"\"");
    }
}
