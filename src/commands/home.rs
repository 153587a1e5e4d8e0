//! `folio` alone, on a terminal: the home screen — what needs attention,
//! the last entries written, how far the framework claimed most is
//! evidenced, and what to do next. Not on a terminal, `folio` alone is a
//! usage error, as before.

use std::fmt::Write as _;
use std::io::IsTerminal;

use crate::Context;
use crate::db::entries;
use crate::db::filter::EntryFilter;
use crate::error::UserError;
use crate::model::Visibility;
use crate::model::summary::SortBy;
use crate::output::{count, print_line};
use crate::report::agenda::{Agenda, agenda};

pub fn run(ctx: &Context) -> anyhow::Result<()> {
    if !std::io::stdout().is_terminal() {
        return Err(UserError::usage("folio needs a command").hint("folio --help lists them by task").into());
    }
    if !ctx.db_path.exists() {
        print_line(first_time(ctx))?;
        return Ok(());
    }
    let db = ctx.open_db()?;
    let conn = db.read();
    let ui = &ctx.ui;
    let mut out = String::new();
    let profile = crate::db::profile::get(conn)?;
    let live = entries::live_count(conn)?;
    let _ = writeln!(
        out,
        "{} · {}",
        ui.bold(profile.name.as_deref().unwrap_or("Your portfolio")),
        count(usize::try_from(live).unwrap_or(0), "entry", "entries")
    );
    let until = ctx.today + chrono::Days::new(30);
    let attention = agenda(conn, ctx.today, until)?;
    attention_lines(&mut out, ctx, &attention);
    let latest =
        entries::list(conn, &EntryFilter { limit: Some(5), sort: SortBy::Created, ..Default::default() })?;
    if !latest.is_empty() {
        let _ = writeln!(out, "\n{}", ui.bold("Written lately"));
        for entry in &latest {
            let private = if entry.fields.private { " [private]" } else { "" };
            let _ = writeln!(
                out,
                "  {:<5} {}  {}{private}  {}",
                entry.id,
                entry.fields.date,
                entry.fields.title,
                ui.dim(entry.kind().as_str())
            );
        }
    }
    let headline = coverage_headline(conn)?;
    if let Some((_, line)) = &headline {
        let _ = writeln!(out, "\n{line}");
    }
    let _ = writeln!(out, "\n{}", ui.bold("Next"));
    let mut next = vec!["folio jot What happened today, #tag +framework/competency".to_string()];
    if !attention.is_empty() {
        next.push("folio agenda".into());
    }
    match &headline {
        Some((key, _)) => next.push(format!("folio gaps {key}")),
        None => next.push("folio framework import FILE".into()),
    }
    if attention.is_empty() {
        next.push("folio on-this-day".into());
    }
    for command in next.iter().take(3) {
        let _ = writeln!(out, "  {}", ui.dim(command));
    }
    print_line(out.trim_end())?;
    super::finish_reading(&db, ctx)
}

/// What a first run, with no portfolio yet, says.
fn first_time(ctx: &Context) -> String {
    let ui = &ctx.ui;
    let lines = [
        ("folio jot Met my mentor today, talked about #feedback", "write your first line"),
        ("folio demo", "a portfolio to look around in"),
        ("folio --help", "every command, by task"),
    ];
    let width = lines.iter().map(|(c, _)| c.chars().count()).max().unwrap_or(0);
    let mut out = format!("{}\n", ui.bold("folio: your learning portfolio, in one file on this machine"));
    for (command, what) in lines {
        let _ = write!(out, "\n  {}  {what}", ui.dim(&format!("{command:<width$}")));
    }
    out
}

/// The agenda's counts in one line, and its first three items.
fn attention_lines(out: &mut String, ctx: &Context, agenda: &Agenda) {
    let ui = &ctx.ui;
    let mut counts = Vec::new();
    let mut items: Vec<String> = Vec::new();
    if agenda.conflicts_open > 0 {
        counts.push(count(agenda.conflicts_open, "sync conflict", "sync conflicts"));
        items.push(format!(
            "settle {}: folio conflicts",
            count(agenda.conflicts_open, "conflict", "conflicts")
        ));
    }
    if !agenda.actions_overdue.is_empty() {
        counts.push(count(agenda.actions_overdue.len(), "overdue action", "overdue actions"));
        items.extend(
            agenda.actions_overdue.iter().map(|a| format!("action {}: {} (due {})", a.id, a.text, a.due)),
        );
    }
    if !agenda.certificates_expiring.is_empty() {
        counts.push(count(
            agenda.certificates_expiring.len(),
            "certificate expiring",
            "certificates expiring",
        ));
        items.extend(
            agenda
                .certificates_expiring
                .iter()
                .map(|c| format!("entry {}: {} (expires {})", c.id, c.title, c.expires)),
        );
    }
    if !agenda.actions_due.is_empty() {
        counts.push(count(agenda.actions_due.len(), "action due", "actions due"));
        items.extend(
            agenda.actions_due.iter().map(|a| format!("action {}: {} (due {})", a.id, a.text, a.due)),
        );
    }
    if !agenda.goals_due.is_empty() {
        counts.push(count(agenda.goals_due.len(), "goal due", "goals due"));
    }
    if !agenda.meetings_due.is_empty() {
        counts.push(count(agenda.meetings_due.len(), "meeting due", "meetings due"));
        items.extend(agenda.meetings_due.iter().map(|m| format!("meet {} (due {})", m.name, m.due)));
    }
    if !agenda.requirements_unmet.is_empty() {
        counts.push(count(agenda.requirements_unmet.len(), "requirement not met", "requirements not met"));
    }
    if counts.is_empty() {
        let _ = writeln!(out, "Nothing needs attention in the next 30 days.");
        return;
    }
    let _ = writeln!(out, "\n{}  {}", ui.bold("Needs attention"), ui.dim(&counts.join(" · ")));
    for item in items.iter().take(3) {
        let _ = writeln!(out, "  {item}");
    }
}

/// "EMCC mentor competence framework: 14 of 27 foundation indicators
/// evidenced, 7 accepted", for the framework with the most evidence, and its key.
fn coverage_headline(conn: &crate::db::Conn) -> anyhow::Result<Option<(String, String)>> {
    let mut best: Option<(usize, String, String)> = None;
    for key in crate::db::coverage::claimed_frameworks(conn)? {
        let coverage = crate::report::coverage::tallied(conn, &key, Visibility::IncludePrivate)?;
        let first = coverage.levels.first().cloned();
        let indicators: Vec<_> = coverage
            .competencies
            .iter()
            .flat_map(|c| &c.indicators)
            .filter(|i| first.is_none() || i.level == first)
            .collect();
        let (line, evidenced) = if indicators.is_empty() {
            let evidenced = coverage.competencies.iter().filter(|c| c.evidenced()).count();
            let line = format!(
                "{}: {} of {} competencies evidenced",
                coverage.title,
                evidenced,
                coverage.competencies.len()
            );
            (line, evidenced)
        } else {
            let evidenced = indicators.iter().filter(|i| i.tally.entries > 0).count();
            let accepted = indicators.iter().filter(|i| i.tally.accepted > 0).count();
            let level = first
                .as_deref()
                .map(|l| format!("{} ", coverage.level_title(l).to_lowercase()))
                .unwrap_or_default();
            let line = format!(
                "{}: {evidenced} of {} {level}indicators evidenced, {accepted} accepted",
                coverage.title,
                indicators.len()
            );
            (line, evidenced)
        };
        if best.as_ref().is_none_or(|(most, _, _)| evidenced > *most) {
            best = Some((evidenced, key, line));
        }
    }
    Ok(best.map(|(_, key, line)| (key, line)))
}
