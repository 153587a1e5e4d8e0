//! `folio goal show`: one goal, its actions and the evidence since it was set.

use std::fmt::Write as _;

use clap::Args;
use serde::Serialize;

use crate::Context;
use crate::commands::plan_view::{ActionView, GoalView, action_line, due_cell};
use crate::db::actions::{self, ActionFilter};
use crate::db::{entries, goals};
use crate::model::Visibility;
use crate::model::summary::EntryBrief;
use crate::model::{GoalId, PartialDate, Progress};
use crate::output::{print_json, print_line};

/// Show a goal: its competencies, its actions (and the meeting each was
/// agreed in), and the entries claiming its competencies since it was set
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The goal's id (`folio goal list` shows them)
    pub id: GoalId,

    /// Print JSON instead
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    goal: GoalView<'a>,
    actions: Vec<AgreedAction<'a>>,
    evidence: Vec<EntryBrief>,
}

#[derive(Debug, Serialize)]
struct AgreedAction<'a> {
    #[serde(flatten)]
    action: ActionView<'a>,
    /// The title and date of the meeting it was agreed in.
    meeting_title: Option<String>,
    meeting_date: Option<PartialDate>,
}

pub fn run(args: ShowArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let (goal, own, meetings, evidence) = db.snapshot(|conn| {
        let goal = goals::get(conn, args.id)?;
        let own = actions::list(
            conn,
            ActionFilter {
                goal: Some(goal.id),
                visibility: Visibility::IncludePrivate,
                ..Default::default()
            },
        )?;
        let mut meetings = Vec::new();
        for action in &own {
            meetings.push(match action.meeting {
                Some(id) => entries::get(conn, id).ok().map(|m| (m.fields.title, m.fields.date)),
                None => None,
            });
        }
        let since = goal.set_day().map(PartialDate::day).unwrap_or_else(|| PartialDate::day(ctx.today));
        let evidence = goals::evidence_since(conn, goal.id, since, Visibility::IncludePrivate)?;
        Ok((goal, own, meetings, evidence))
    })?;
    if args.json {
        let actions = own
            .iter()
            .zip(&meetings)
            .map(|(a, m)| AgreedAction {
                action: ActionView::new(a, ctx.today),
                meeting_title: m.as_ref().map(|(t, _)| t.clone()),
                meeting_date: m.as_ref().map(|(_, d)| *d),
            })
            .collect();
        return print_json(&Shown { goal: GoalView::new(&goal, &own, ctx.today), actions, evidence });
    }
    let ui = &ctx.ui;
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", ui.bold(&goal.title), ui.dim(&format!("goal {}", goal.id)));
    let mut facts: Vec<(&str, String)> = vec![(
        "status",
        match goal.closed_on {
            Some(on) => format!("{} {on}", goal.status),
            None => goal.status.to_string(),
        },
    )];
    if goal.due.is_some() {
        facts.push(("due", due_cell(ui, goal.due, goal.due_state(ctx.today))));
    }
    if let Some(reason) = &goal.reason {
        facts.push(("reason", reason.clone()));
    }
    facts.push(("progress", Progress::of(&own).to_string()));
    if !goal.competencies.is_empty() {
        facts.push(("towards", goal.competencies.join(", ")));
    }
    facts.push(("private", if goal.private { "yes" } else { "no" }.into()));
    if let Some(set) = goal.set_on.map(|d| d.to_string()).or_else(|| goal.set_day().map(|d| d.to_string())) {
        facts.push(("set", set.to_string()));
    }
    for (name, value) in facts {
        let _ = writeln!(out, "  {:<10} {value}", format!("{name}:"));
    }
    if !goal.body.trim().is_empty() {
        let _ = writeln!(out, "\n{}", goal.body.trim_end());
    }
    let _ = writeln!(out, "\n{}", ui.bold("Actions"));
    if own.is_empty() {
        let _ = writeln!(out, "  none yet; add one with `folio action add TEXT --goal {}`", goal.id);
    }
    for (action, meeting) in own.iter().zip(&meetings) {
        let _ = writeln!(out, "  {}", action_line(ui, action, ctx.today));
        if let (Some(id), Some((title, date))) = (action.meeting, meeting) {
            let _ =
                writeln!(out, "         {}", ui.dim(&format!("agreed in meeting {id}: {title} ({date})")));
        }
        if let Some(note) = &action.note {
            let _ = writeln!(out, "         {}", ui.dim(note));
        }
    }
    if !goal.competencies.is_empty() {
        let _ = writeln!(out, "\n{}", ui.bold("Evidence since it was set"));
        if evidence.is_empty() {
            let _ = writeln!(out, "  none yet");
        }
        for e in &evidence {
            let _ =
                writeln!(out, "  {:<4} {}  {}", e.id, e.title, ui.dim(&format!("{} · {}", e.kind, e.date)));
        }
    }
    print_line(out.trim_end())?;
    Ok(())
}
