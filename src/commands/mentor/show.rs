//! `folio mentor show`: one relationship — meetings held, open actions.

use std::fmt::Write as _;

use clap::Args;
use serde::Serialize;

use super::list::MentorView;
use crate::Context;
use crate::commands::plan_view::{ActionView, action_line};
use crate::commands::render::size;
use crate::db::{actions, mentors};
use crate::model::Visibility;
use crate::model::summary::EntryBrief;
use crate::output::{print_json, print_line};

/// Show a mentor: the meetings held with them and the open actions agreed
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The mentor's name (any case)
    pub name: String,

    /// Print JSON instead
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    view: &'a MentorView,
    meetings: &'a [EntryBrief],
    open_actions: Vec<ActionView<'a>>,
}

pub fn run(args: ShowArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let (view, meetings, open) = db.snapshot(|conn| {
        let mentor = mentors::get(conn, &args.name)?;
        let meetings = mentors::meetings_with(conn, &mentor.name, Visibility::IncludePrivate)?;
        let open = actions::open_with(conn, &mentor.name, Visibility::IncludePrivate)?;
        Ok((MentorView::new(mentor, meetings.first().cloned(), ctx.today), meetings, open))
    })?;
    if args.json {
        let open_actions = open.iter().map(|a| ActionView::new(a, ctx.today)).collect();
        return print_json(&Shown { view: &view, meetings: &meetings, open_actions });
    }
    let ui = &ctx.ui;
    let m = &view.mentor;
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", ui.bold(&m.name), ui.dim(&m.role.to_string()));
    let mut facts: Vec<(&str, String)> = Vec::new();
    facts.extend(m.since.map(|s| ("since", s.to_string())));
    facts.extend(m.until.map(|u| ("until", u.to_string())));
    facts.extend(m.email.clone().map(|e| ("email", e)));
    facts.extend(m.meet_every.map(|e| ("meets", format!("every {e}"))));
    facts.push(("last met", view.last_meeting.as_ref().map_or("never".into(), |l| l.date.to_string())));
    if let Some(next) = view.next_meeting_due {
        let due = if next < ctx.today { ui.alert(&format!("{next} (overdue)")) } else { next.to_string() };
        facts.push(("next due", due));
    }
    if let Some(contract) = &m.contract {
        facts.push((
            "contract",
            format!("{} ({}, SHA-256 {})", contract.name, size(contract.size), contract.sha256),
        ));
    }
    for (name, value) in facts {
        let _ = writeln!(out, "  {:<10} {value}", format!("{name}:"));
    }
    let _ = writeln!(out, "\n{}", ui.bold("Meetings"));
    if meetings.is_empty() {
        let _ = writeln!(out, "  none yet; record one with `folio add meeting TITLE --with \"{}\"`", m.name);
    }
    for meeting in &meetings {
        let private = if meeting.private { " [private]" } else { "" };
        let _ = writeln!(out, "  {:<4} {}  {}{private}", meeting.id, meeting.date, meeting.title);
    }
    if !open.is_empty() {
        let _ = writeln!(out, "\n{}", ui.bold("Open actions agreed with them"));
        for action in &open {
            let _ = writeln!(out, "  {}", action_line(ui, action, ctx.today));
        }
    }
    print_line(out.trim_end())?;
    Ok(())
}
