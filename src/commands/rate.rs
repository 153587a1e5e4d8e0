//! `folio rate`: self-assessment on the audit tables — "How expert are you?
//! How frequently?" — kept over time.

use clap::Args;

use super::resolve_reference;
use crate::Context;
use crate::db::ratings;
use crate::error::UserError;
use crate::model::Rating;
use crate::model::assessment::Score;

/// Rate yourself on a competency or indicator (1 = least, 5 = most)
///
/// Example: folio rate mentor-audit/communication/2 --expertise 3 --frequency 4
#[derive(Debug, Args)]
pub struct RateArgs {
    /// A competency (KEY/CODE) or an indicator (KEY/CODE/N or KEY/CODE/LEVEL/N)
    #[arg(value_name = "REF")]
    pub reference: String,
    /// How expert are you? 1 to 5
    #[arg(long, allow_negative_numbers = true)]
    pub expertise: i64,
    /// How frequently do you do it? 1 to 5
    #[arg(long, allow_negative_numbers = true)]
    pub frequency: i64,
    /// When [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    /// Print JSON: {ref, expertise, frequency, date}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: RateArgs, ctx: &Context) -> anyhow::Result<()> {
    let score = |flag: &str, value: i64| {
        Score::try_from(value).map_err(|e| {
            UserError::new(format!("{flag} {e}"))
                .hint("1 = least (a beginner, or rarely), 5 = most (an expert, or constantly)")
        })
    };
    let (expertise, frequency) =
        (score("--expertise", args.expertise)?, score("--frequency", args.frequency)?);
    let date = ctx.parse_date(args.date.as_deref().unwrap_or("today"))?;
    let note = args.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let display = db.write(|tx| -> anyhow::Result<String> {
        let target = resolve_reference(tx, &args.reference)?;
        if target.canonical.level.is_some() && target.canonical.indicator.is_none() {
            return Err(UserError::new(format!(
                "rate a competency or an indicator, not a level ({})",
                target.display()
            ))
            .hint(format!("for example {}/1", target.display()))
            .into());
        }
        let rating = Rating { expertise, frequency, date, note: note.map(str::to_string) };
        ratings::add(tx, &target, &rating, &uuid::Uuid::new_v4().to_string(), &now)?;
        Ok(target.display())
    })?;
    if args.json {
        let value =
            serde_json::json!({"ref": display, "expertise": expertise, "frequency": frequency, "date": date});
        return crate::output::print_json(&value);
    }
    ctx.ui.status(format!("rated {display}: expertise {}, frequency {}", args.expertise, args.frequency));
    Ok(())
}
