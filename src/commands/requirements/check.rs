//! `folio requirements check KEY`: each rule met or not, with an exit code.

use clap::Args;

use super::known;
use crate::Context;
use crate::db::requirements;
use crate::error::AnsweredNo;
use crate::model::Visibility;
use crate::model::requirements::CheckResult;
use crate::output::{print_json, print_line};
use crate::report::requirements::check;

/// Check a requirement set: a line per rule, met or not, and which entries count
///
/// Exit 0 when every rule is met and 1 when one is not; the answer is on
/// standard output either way. An unknown key, a bad date or a broken file
/// is an error instead: exit 1 too, but with an `error:` line on standard
/// error and nothing on standard output.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The set's key (`folio requirements list` shows them)
    pub key: String,

    /// Check as of this day [default: the due date it is tracked with, else today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Print JSON: {key, as_of, window: {from, to}, met, rules: [{name, met, value, required, entries}]}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: CheckArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let known = known(db.read(), &args.key)?;
    let as_of = as_of(db.read(), &known.set.key, args.as_of.as_deref(), ctx)?;
    let result = db.snapshot(|conn| check(conn, &known.set, as_of, Visibility::IncludePrivate))?;
    if args.json {
        print_json(&result)?;
    } else {
        print_line(describe(ctx, &result).trim_end())?;
    }
    if result.met { Ok(()) } else { Err(AnsweredNo.into()) }
}

/// The day a set is checked as of: the one given, else the day it is tracked as due, else today.
pub(crate) fn as_of(
    conn: &crate::db::Conn,
    key: &str,
    given: Option<&str>,
    ctx: &Context,
) -> anyhow::Result<chrono::NaiveDate> {
    Ok(match given {
        Some(day) => ctx.parse_date(day)?.last_day(),
        None => requirements::tracked_due(conn, key)?.flatten().map_or(ctx.today, |d| d.last_day()),
    })
}

fn describe(ctx: &Context, result: &CheckResult) -> String {
    let ui = &ctx.ui;
    let mut out = format!(
        "{} {}\n",
        ui.bold(&result.title),
        ui.dim(&format!("as of {}, counting {} to {}", result.as_of, result.window.from, result.window.to))
    );
    for rule in &result.rules {
        let mark = if rule.met { "✓" } else { "✗" };
        let mut line = format!("{mark} {}: {}", rule.name, rule.figure());
        if let Some(short) = &rule.shortfall {
            line.push_str(&format!(", {short}"));
        }
        let line = if rule.met { line } else { ui.alert(&line) };
        out.push_str(&format!("{line}\n"));
        if let Some(next) = rule.next_due.filter(|_| rule.met) {
            out.push_str(&format!("    {}\n", ui.dim(&format!("next due by {next}"))));
        }
        if !rule.entries.is_empty() {
            let shown: Vec<String> = rule.entries.iter().take(12).map(|id| id.to_string()).collect();
            let more = if rule.entries.len() > 12 {
                format!(" and {} more", rule.entries.len() - 12)
            } else {
                String::new()
            };
            out.push_str(&format!("    {}\n", ui.dim(&format!("entries {}{more}", shown.join(", ")))));
        }
        if let Some(words) = &rule.would_meet {
            out.push_str(&format!("    to meet it: {words}\n"));
        }
    }
    let met = result.rules.iter().filter(|r| r.met).count();
    let closing = if result.met {
        format!("every rule met ({met} of {})", result.rules.len())
    } else {
        let missing: Vec<&str> = result.rules.iter().filter(|r| !r.met).map(|r| r.name.as_str()).collect();
        format!("{met} of {} rules met; not yet: {}", result.rules.len(), missing.join("; "))
    };
    out.push_str(&closing);
    out
}
