//! `folio requirements audit KEY`: rehearse a regulator's random audit.

use clap::Args;

use super::known;
use crate::Context;
use crate::error::{AnsweredNo, UserError};
use crate::model::Visibility;
use crate::output::{print_json, print_line};
use crate::report::audit::{Audit, default_seed, rehearse};

/// Rehearse an audit: a random sample of the activities a set counts, and what each lacks
///
/// Draws activities as an auditor would — at random, from what the set
/// counts in its window (and what it would count once reflected on) — and
/// for each says what an auditor will ask for and what the record is
/// missing: no reflection, no evidence file, no exact date, hours but no
/// method. The same seed draws the same sample (by default the day checked).
/// Exit 0 when every sampled record is complete, 1 when one lacks something.
///
///   folio requirements audit rcvs-vet --sample 5
///
///   folio requirements audit nmc-revalidation --seed 42 --json
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The set's key (`folio requirements list` shows them)
    pub key: String,

    /// How many activities to draw
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub sample: usize,

    /// The seed of the draw, to draw the same sample again [default: the day checked, as YYYYMMDD]
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,

    /// Audit as of this day [default: the due date it is tracked with, else today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,

    /// Print JSON: {key, title, as_of, seed, population, complete, sample: [{id, kind, title, date, hours, asks, missing}]}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: AuditArgs, ctx: &Context) -> anyhow::Result<()> {
    if args.sample == 0 {
        return Err(UserError::new("--sample must be at least 1").hint("for example --sample 5").into());
    }
    let db = ctx.open_db()?;
    let known = known(db.read(), &args.key)?;
    let as_of = super::check::as_of(db.read(), &known.set.key, args.as_of.as_deref(), ctx)?;
    let seed = args.seed.unwrap_or_else(|| default_seed(as_of));
    let audit =
        db.snapshot(|conn| rehearse(conn, &known.set, as_of, args.sample, seed, Visibility::IncludePrivate))?;
    if args.json {
        print_json(&audit)?;
    } else {
        print_line(describe(ctx, &audit).trim_end())?;
    }
    if audit.complete { Ok(()) } else { Err(AnsweredNo.into()) }
}

fn describe(ctx: &Context, audit: &Audit) -> String {
    let ui = &ctx.ui;
    let mut out = format!(
        "{} {}\n",
        ui.bold(&format!("Audit rehearsal: {}", audit.title)),
        ui.dim(&format!(
            "as of {}: {} of {} activities drawn (seed {}; `--seed {}` draws them again)",
            audit.as_of,
            audit.sample.len(),
            audit.population,
            audit.seed,
            audit.seed
        ))
    );
    if audit.sample.is_empty() {
        out.push_str("nothing to draw: the set counts no entries in its window yet\n");
        return out;
    }
    for item in &audit.sample {
        let hours = item.hours.map(|h| format!(", {} h", crate::model::format::hours(h))).unwrap_or_default();
        out.push_str(&format!(
            "\n{} {}  {} ({}{hours})\n",
            item.kind,
            item.id,
            ui.bold(&item.title),
            item.date
        ));
        out.push_str(&format!("  {}\n", ui.dim(&format!("an auditor asks for: {}", item.asks))));
        if item.missing.is_empty() {
            out.push_str("  ✓ complete\n");
        }
        for gap in &item.missing {
            out.push_str(&format!("  {}\n", ui.alert(&format!("✗ {gap}"))));
        }
    }
    let lacking = audit.sample.iter().filter(|i| !i.missing.is_empty()).count();
    out.push_str(&match lacking {
        0 => format!("\nevery record drawn is complete ({} of {})", audit.sample.len(), audit.sample.len()),
        n => format!("\n{n} of {} records drawn lack something an auditor asks for", audit.sample.len()),
    });
    out
}
