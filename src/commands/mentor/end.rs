//! `folio mentor end`: the relationship ended on a day.

use clap::Args;

use crate::Context;
use crate::db::mentors;

/// Record that a mentoring relationship ended
#[derive(Debug, Args)]
pub struct EndArgs {
    /// The mentor's name (any case)
    pub name: String,

    /// The day it ended [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

pub fn run(args: EndArgs, ctx: &Context) -> anyhow::Result<()> {
    let on = ctx.parse_date(args.date.as_deref().unwrap_or("today"))?;
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let mentor = db.write(|tx| -> anyhow::Result<_> {
        let mut mentor = mentors::get(tx, &args.name)?;
        if let Some(since) = mentor.since
            && on.last_day() < since.first_day()
        {
            return Err(crate::error::UserError::new(format!(
                "{on} is before the relationship began ({since})"
            ))
            .into());
        }
        mentor.until = Some(on);
        mentor.updated_at = now.clone();
        mentors::update(tx, &mentor, None)?;
        Ok(mentor)
    })?;
    ctx.ui.status(format!("ended the relationship with {} on {on}", mentor.name));
    Ok(())
}
