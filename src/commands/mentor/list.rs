//! `folio mentor list`: every relationship, when you last met, when next.

use clap::Args;
use serde::Serialize;

use crate::Context;
use crate::db::mentors;
use crate::model::Mentor;
use crate::model::summary::EntryBrief;
use crate::output::{print_json, print_line};

/// List mentors, when you last met each and when the next meeting is due
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON (an array of mentors, each with `last_meeting` and `next_meeting_due`)
    #[arg(long)]
    pub json: bool,
}

/// A mentor with the meeting rhythm worked out, as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct MentorView {
    #[serde(flatten)]
    pub mentor: Mentor,
    pub current: bool,
    pub last_meeting: Option<EntryBrief>,
    pub next_meeting_due: Option<chrono::NaiveDate>,
}

impl MentorView {
    pub fn new(mentor: Mentor, last_meeting: Option<EntryBrief>, today: chrono::NaiveDate) -> Self {
        let next_meeting_due = mentor.next_meeting_due(last_meeting.as_ref().map(|m| m.date), today);
        Self { current: mentor.is_current(today), mentor, last_meeting, next_meeting_due }
    }
}

pub fn run(args: ListArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let views = db.snapshot(|conn| {
        let mut views = Vec::new();
        for mentor in mentors::list(conn)? {
            let last = mentors::last_meeting_with(conn, &mentor.name)?;
            views.push(MentorView::new(mentor, last, ctx.today));
        }
        Ok(views)
    })?;
    if args.json {
        return print_json(&views);
    }
    if views.is_empty() {
        ctx.ui.status("no mentors yet; add one with `folio mentor add NAME --meet-every 4w`");
        return Ok(());
    }
    let ui = &ctx.ui;
    let mut table = ui.table(&["Name", "Role", "Since", "Meets", "Last met", "Next due"]);
    for view in &views {
        let m = &view.mentor;
        let since = match (m.since, m.until) {
            (Some(s), Some(u)) => format!("{s} – {u}"),
            (None, Some(u)) => format!("until {u}"),
            (Some(s), None) => s.to_string(),
            (None, None) => String::new(),
        };
        let next = match view.next_meeting_due {
            Some(day) if day < ctx.today => ui.alert(&format!("{day} (overdue)")),
            Some(day) => day.to_string(),
            None if !view.current => "ended".into(),
            None => String::new(),
        };
        table.add_row(vec![
            m.name.clone(),
            m.role.to_string(),
            since,
            m.meet_every.map(|e| format!("every {e}")).unwrap_or_default(),
            view.last_meeting.as_ref().map(|l| l.date.to_string()).unwrap_or_else(|| "never".into()),
            next,
        ]);
    }
    print_line(table)?;
    Ok(())
}
