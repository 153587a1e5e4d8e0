//! `folio ratings`: every self-rating, first and latest side by side.

use clap::Args;

use super::resolve_reference;
use crate::Context;
use crate::db::{frameworks, ratings};
use crate::output::{print_json, print_line};

/// Show self-ratings: first, latest and the change per rated item
#[derive(Debug, Args)]
pub struct RatingsArgs {
    /// Only this framework (KEY), competency (KEY/CODE) or indicator
    #[arg(value_name = "REF")]
    pub reference: Option<String>,
    /// Show every rating, not just first and latest
    #[arg(long)]
    pub history: bool,
    /// Print JSON (with the full history) instead of a table
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: RatingsArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let filter = match args.reference.as_deref() {
        None => ratings::RatingFilter::default(),
        Some(key) if !key.contains('/') => {
            let (id, _) = frameworks::find(db.read(), key)?
                .ok_or_else(|| crate::db::DbError::NoSuchFramework(key.into()))?;
            ratings::RatingFilter { framework_id: Some(id), ..Default::default() }
        }
        Some(text) => {
            let target = resolve_reference(db.read(), text)?;
            ratings::RatingFilter {
                framework_id: Some(target.framework_id),
                competency_id: Some(target.competency_id),
                indicator_id: target.indicator_id,
            }
        }
    };
    let trends = ratings::trends(db.read(), filter)?;
    if args.json {
        return print_json(&trends);
    }
    if trends.is_empty() {
        ctx.ui.status("no ratings yet; rate yourself with `folio rate REF --expertise N --frequency N`");
        return Ok(());
    }
    let mut table = ctx.ui.table(&["Item", "What", "First", "Latest", "Change"]);
    let pair = |r: &crate::model::Rating| format!("{}/{} ({})", r.expertise, r.frequency, r.date);
    for trend in &trends {
        let change = format!("{:+} / {:+}", trend.expertise_change, trend.frequency_change);
        table.add_row(vec![
            trend.reference.clone(),
            trend.title.clone(),
            pair(&trend.first),
            pair(&trend.latest),
            change,
        ]);
        if args.history {
            for rating in &trend.history {
                let note = rating.note.clone().unwrap_or_default();
                table.add_row(vec![
                    String::new(),
                    format!("  {note}"),
                    String::new(),
                    pair(rating),
                    String::new(),
                ]);
            }
        }
    }
    print_line(table)?;
    ctx.ui.status("ratings are expertise/frequency, each 1–5");
    Ok(())
}
