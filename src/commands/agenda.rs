//! `folio agenda`: what needs attention now, each line naming the id to act on.

use std::fmt::Write as _;

use clap::Args;

use crate::Context;
use crate::error::UserError;
use crate::model::{DueState, Span};
use crate::output::{print_json, print_line, thousands};
use crate::report::agenda::{Agenda, agenda};

/// What needs attention now
///
/// In this order: overdue actions; actions and goals due within the window;
/// certificates expired or expiring within 90 days; mentors you are due to
/// meet (the last meeting is older than their --meet-every); the open
/// actions from the last meeting with each mentor; and the rules not yet met
/// of each requirement set you follow (`folio requirements track`); and how
/// many conflicts `folio sync` found that wait to be settled. A
/// section shows its first 10 items and the command that lists the rest;
/// --json gives every one.
#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// How far ahead to look for actions and goals due: 7d, 2w, 3m, 1y, …
    #[arg(long, value_name = "SPAN", default_value = "30d")]
    pub within: String,

    /// Print JSON: {actions_overdue, actions_due, goals_due, certificates_expiring, meetings_due, from_last_meetings, requirements_unmet, conflicts_open}
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: AgendaArgs, ctx: &Context) -> anyhow::Result<()> {
    let today = ctx.today;
    let within = super::parse_span("--within", &args.within)?;
    let until = within
        .after(today)
        .ok_or_else(|| UserError::new(format!("--within {within} reaches past the end of the calendar")))?;
    let db = ctx.open_db()?;
    let agenda = db.snapshot(|conn| agenda(conn, today, until))?;
    if args.json {
        return print_json(&agenda);
    }
    if agenda.is_empty() {
        ctx.ui.status(format!("nothing needs attention in the next {within}"));
        return Ok(());
    }
    print_line(describe(ctx, &agenda, &within).trim_end())?;
    Ok(())
}

/// "overdue by 3 days", "today", "in 5 days".
fn when(days_left: i64) -> String {
    DueState::from_days_left(days_left).relative()
}

/// How many lines a section of the agenda shows; the rest are counted, with
/// the command that lists them all (`--json` gives everything).
const SHOWN_PER_SECTION: usize = 10;

/// The line under a section that shows only its first [`SHOWN_PER_SECTION`] items.
fn and_more(out: &mut String, ctx: &Context, total: usize, command: &str) {
    if total > SHOWN_PER_SECTION {
        let more = thousands((total - SHOWN_PER_SECTION) as u64);
        let _ = writeln!(out, "  {}", ctx.ui.dim(&format!("… and {more} more: {command}")));
    }
}

fn describe(ctx: &Context, agenda: &Agenda, within: &Span) -> String {
    let ui = &ctx.ui;
    let mut out = String::new();
    let section = |out: &mut String, title: &str| {
        let _ = writeln!(out, "{}", ui.bold(title));
    };
    if agenda.conflicts_open > 0 {
        section(&mut out, "Sync conflicts");
        let open = crate::output::count(agenda.conflicts_open, "conflict waits", "conflicts wait");
        let _ = writeln!(out, "  {open} to be settled: {}", ui.dim("folio conflicts"));
    }
    if !agenda.actions_overdue.is_empty() {
        section(&mut out, "Overdue actions");
        for a in agenda.actions_overdue.iter().take(SHOWN_PER_SECTION) {
            let goal = a.goal.map(|g| format!(", goal {g}")).unwrap_or_default();
            let state = ui.alert(&format!("due {}, {}", a.due, when(a.days_left)));
            let _ = writeln!(out, "  action {:<4} {}  {state}{}", a.id, a.text, ui.dim(&goal));
        }
        and_more(&mut out, ctx, agenda.actions_overdue.len(), "folio action list --overdue");
    }
    if !agenda.actions_due.is_empty() {
        section(&mut out, &format!("Actions due within {within}"));
        for a in agenda.actions_due.iter().take(SHOWN_PER_SECTION) {
            let goal = a.goal.map(|g| format!(", goal {g}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "  action {:<4} {}  {}",
                a.id,
                a.text,
                ui.dim(&format!("due {} ({}){goal}", a.due, when(a.days_left)))
            );
        }
        and_more(&mut out, ctx, agenda.actions_due.len(), "folio action list --open");
    }
    if !agenda.goals_due.is_empty() {
        section(&mut out, &format!("Goals due within {within}"));
        for g in agenda.goals_due.iter().take(SHOWN_PER_SECTION) {
            let state = format!("due {} ({})", g.due, when(g.days_left));
            let state = if g.days_left < 0 { ui.alert(&state) } else { ui.dim(&state) };
            let _ = writeln!(out, "  goal {:<6} {}  {state}", g.id, g.title);
        }
        and_more(&mut out, ctx, agenda.goals_due.len(), "folio goal list");
    }
    if !agenda.certificates_expiring.is_empty() {
        section(&mut out, "Certificates expired or expiring within 90 days");
        for c in agenda.certificates_expiring.iter().take(SHOWN_PER_SECTION) {
            let state = if c.days_left < 0 {
                ui.alert(&format!("expired {} ({})", c.expires, when(c.days_left)))
            } else {
                ui.dim(&format!("expires {} ({})", c.expires, when(c.days_left)))
            };
            let _ = writeln!(out, "  entry {:<5} {}  {state}", c.id, c.title);
        }
        and_more(&mut out, ctx, agenda.certificates_expiring.len(), "folio list --expiring");
    }
    if !agenda.meetings_due.is_empty() {
        section(&mut out, "Meetings due");
        for m in &agenda.meetings_due {
            let last = match &m.last_meeting {
                Some(l) => format!("last met {} (entry {})", l.date, l.id),
                None => "not met yet".into(),
            };
            let _ = writeln!(
                out,
                "  {} {}  {}",
                m.role,
                m.name,
                ui.dim(&format!("{last}; due {} ({})", m.due, when(m.days_left)))
            );
            let _ = writeln!(
                out,
                "    {}",
                ui.dim(&format!("record it: folio add meeting TITLE --with \"{}\"", m.name))
            );
        }
    }
    if !agenda.from_last_meetings.is_empty() {
        let mut shown_for: Option<(&str, crate::model::EntryId)> = None;
        for f in &agenda.from_last_meetings {
            if shown_for != Some((f.mentor.as_str(), f.meeting.id)) {
                section(
                    &mut out,
                    &format!(
                        "Open from the last meeting with {} (entry {}, {})",
                        f.mentor, f.meeting.id, f.meeting.date
                    ),
                );
                shown_for = Some((f.mentor.as_str(), f.meeting.id));
            }
            let who = f.owner.as_deref().map(|o| format!("  ({o})")).unwrap_or_default();
            let _ = writeln!(out, "  action {:<4} {}{}", f.id, f.text, ui.dim(&who));
        }
    }
    if !agenda.requirements_unmet.is_empty() {
        let mut shown: Option<&str> = None;
        for r in &agenda.requirements_unmet {
            if shown != Some(r.id.as_str()) {
                let due = r.due.map(|d| format!(", due {d}")).unwrap_or_default();
                section(&mut out, &format!("Not yet met: {} ({}{due})", r.title, r.id));
                shown = Some(r.id.as_str());
            }
            let short = r.shortfall.as_deref().map(|s| format!(", {s}")).unwrap_or_default();
            let _ = writeln!(out, "  {}: {}{short}", r.rule, r.figure);
            if let Some(words) = &r.would_meet {
                let _ = writeln!(out, "    {}", ui.dim(&format!("to meet it: {words}")));
            }
        }
    }
    out
}
