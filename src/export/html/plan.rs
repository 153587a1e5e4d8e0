//! A page's objectives: each goal open during the period with its state,
//! what it works towards and its actions (overdue ones marked), then the
//! actions of no goal.

use std::fmt::Write as _;

use chrono::NaiveDate;

use super::{esc, prose};
use crate::model::plan::{Plan, Progress};
use crate::model::{Action, Goal};

pub(super) fn section(out: &mut String, plan: &Plan, today: NaiveDate) {
    if plan.goals.is_empty() && plan.actions.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"objectives\" aria-labelledby=\"objectives-h\">\n<h2 id=\"objectives-h\">Objectives</h2>\n",
    );
    for goal in &plan.goals {
        goal_html(out, goal, plan, today);
    }
    let loose: Vec<&Action> = plan.actions.iter().filter(|a| a.goal.is_none()).collect();
    if !loose.is_empty() {
        out.push_str("<h3>Other actions</h3>\n");
        actions_html(out, &loose, today);
    }
    out.push_str("</section>\n");
}

fn goal_html(out: &mut String, goal: &Goal, plan: &Plan, today: NaiveDate) {
    let actions: Vec<&Action> = plan.actions.iter().filter(|a| a.goal == Some(goal.id)).collect();
    let _ = writeln!(
        out,
        "<article class=\"goal\" id=\"g{}\">\n<h3 dir=\"auto\">{}</h3>",
        goal.id,
        esc(&goal.title)
    );
    let mut facts = vec![match goal.closed_on {
        Some(on) => format!("{} {on}", goal.status),
        None => goal.status.to_string(),
    }];
    facts.extend(
        goal.due_state(today).map(|d| d.to_string()).or_else(|| goal.due.map(|d| format!("due {d}"))),
    );
    facts.extend(goal.set_on.map(|d| format!("set {d}")));
    if !actions.is_empty() {
        facts.push(Progress::of(actions.iter().copied()).to_string());
    }
    let overdue = goal.due_state(today).is_some_and(|d| d.is_overdue());
    let class = if overdue { "facts overdue" } else { "facts" };
    let facts: Vec<String> = facts.iter().map(|f| esc(f).into_owned()).collect();
    let _ = writeln!(out, "<p class=\"{class}\">{}</p>", facts.join(" · "));
    if let Some(reason) = &goal.reason {
        let _ = writeln!(out, "<p>Dropped: {}</p>", esc(reason));
    }
    if !goal.body.trim().is_empty() {
        prose(out, &goal.body);
    }
    if !goal.competencies.is_empty() {
        let refs: Vec<String> =
            goal.competencies.iter().map(|c| format!("<code>{}</code>", esc(c))).collect();
        let _ = writeln!(out, "<p><strong>Towards:</strong> {}</p>", refs.join(" "));
    }
    actions_html(out, &actions, today);
    out.push_str("</article>\n");
}

fn actions_html(out: &mut String, actions: &[&Action], today: NaiveDate) {
    if actions.is_empty() {
        return;
    }
    out.push_str("<ul class=\"actions\">\n");
    for a in actions {
        let (mark, label) = if a.is_open() { ("☐", "open") } else { ("☑", "done") };
        let class = if a.is_overdue(today) { " class=\"overdue\"" } else { "" };
        let mut facts = vec![a.owner_label().to_string(), a.state_label(today)];
        facts.dedup();
        let note = a.note.as_ref().map(|n| format!(" — {}", esc(n))).unwrap_or_default();
        let _ = writeln!(
            out,
            "<li{class}><span aria-hidden=\"true\">{mark}</span><span class=\"sr\">{label}:</span> {} <span class=\"muted\">({})</span>{note}</li>",
            esc(&a.text),
            esc(&facts.join(", "))
        );
    }
    out.push_str("</ul>\n");
}
