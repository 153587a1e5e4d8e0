//! The portfolio as readable Markdown: the profile, one section per kind
//! with every entry, its sections, claims, verdicts and attachments, then
//! the goals with their actions, the actions of no goal, and the mentors.

use std::fmt::Write as _;

use crate::model::links::{EntryLinks, link_label};
use crate::model::plan::Plan;
use crate::model::{Action, Entry, EntryKind, Profile};

pub fn render(profile: &Profile, entries: &[Entry], plan: &Plan) -> String {
    let mut out = String::new();
    let name = profile.name.as_deref().unwrap_or("Portfolio");
    let _ = writeln!(out, "# {name}\n");
    if let Some(headline) = &profile.headline {
        let _ = writeln!(out, "*{headline}*\n");
    }
    let contact: Vec<&str> = [&profile.email, &profile.phone, &profile.location]
        .into_iter()
        .filter_map(|v| v.as_deref())
        .collect();
    if !contact.is_empty() {
        let _ = writeln!(out, "{}\n", contact.join(" · "));
    }
    if let Some(summary) = &profile.summary {
        let _ = writeln!(out, "{summary}\n");
    }
    for (title, items) in [
        ("Personal attributes", &profile.attributes),
        ("Job skills", &profile.job_skills),
        ("Personal skills", &profile.personal_skills),
    ] {
        if !items.is_empty() {
            let _ = writeln!(out, "**{title}:** {}\n", items.join(", "));
        }
    }
    let links = EntryLinks::new(entries);
    for &kind in EntryKind::ALL {
        let of_kind: Vec<&Entry> = entries.iter().filter(|e| e.kind() == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {}\n", kind.heading());
        for entry in of_kind {
            render_entry(&mut out, entry, &links);
        }
    }
    render_plan(&mut out, plan);
    out.trim_end().to_string() + "\n"
}

fn render_plan(out: &mut String, plan: &Plan) {
    if !plan.goals.is_empty() {
        let _ = writeln!(out, "## Goals\n");
    }
    for goal in &plan.goals {
        let _ = writeln!(out, "### {}\n", goal.title);
        let mut facts = vec![match goal.closed_on {
            Some(on) => format!("{} {on}", goal.status),
            None => goal.status.to_string(),
        }];
        facts.extend(goal.due.map(|d| format!("due {d}")));
        facts.extend(goal.set_on.map(|d| format!("set {d}")));
        if goal.private {
            facts.push("private".into());
        }
        let _ = writeln!(out, "{}\n", facts.join(" · "));
        if let Some(reason) = &goal.reason {
            let _ = writeln!(out, "Dropped: {reason}\n");
        }
        if !goal.body.trim().is_empty() {
            let _ = writeln!(out, "{}\n", goal.body.trim());
        }
        if !goal.competencies.is_empty() {
            let refs: Vec<String> = goal.competencies.iter().map(|c| format!("`{c}`")).collect();
            let _ = writeln!(out, "Towards: {}\n", refs.join(" "));
        }
        render_actions(out, plan.actions.iter().filter(|a| a.goal == Some(goal.id)));
    }
    let loose: Vec<&Action> = plan.actions.iter().filter(|a| a.goal.is_none()).collect();
    if !loose.is_empty() {
        let _ = writeln!(out, "## Other actions\n");
        render_actions(out, loose.into_iter());
    }
    if !plan.mentors.is_empty() {
        let _ = writeln!(out, "## Mentors\n");
        for m in &plan.mentors {
            let mut facts = vec![m.role.to_string()];
            facts.extend(match (m.since, m.until) {
                (Some(s), Some(u)) => Some(format!("{s} – {u}")),
                (Some(s), None) => Some(format!("since {s}")),
                (None, Some(u)) => Some(format!("until {u}")),
                (None, None) => None,
            });
            facts.extend(m.meet_every.map(|e| format!("meeting every {e}")));
            facts.extend(m.contract.as_ref().map(|c| format!("contract: {}", c.name)));
            let _ = writeln!(out, "- **{}** — {}", m.name, facts.join(" · "));
        }
        out.push('\n');
    }
}

fn render_actions<'a>(out: &mut String, actions: impl Iterator<Item = &'a Action>) {
    let mut any = false;
    for a in actions {
        any = true;
        let mark = if a.is_open() { "[ ]" } else { "[x]" };
        let mut facts: Vec<String> = Vec::new();
        facts.extend(a.owner.clone());
        facts.extend(a.due.map(|d| format!("due {d}")));
        facts.extend(a.done.map(|d| format!("done {d}")));
        let facts = if facts.is_empty() { String::new() } else { format!(" ({})", facts.join(", ")) };
        let note = a.note.as_ref().map(|n| format!(" — {n}")).unwrap_or_default();
        let _ = writeln!(out, "- {mark} {}{facts}{note}", a.text);
    }
    if any {
        out.push('\n');
    }
}

fn render_entry(out: &mut String, entry: &Entry, links: &EntryLinks) {
    let _ = writeln!(out, "### {}\n", entry.fields.title);
    let details = &entry.fields.details;
    let facts = super::entry_facts(&entry.fields);
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if let Some(url) = details.url() {
        let _ = writeln!(out, "<{url}>\n");
    }
    if !entry.fields.tags.is_empty() {
        let tags: Vec<String> = entry.fields.tags.iter().map(|t| format!("`{t}`")).collect();
        let _ = writeln!(out, "Tags: {}\n", tags.join(" "));
    }
    for (label, linked) in
        [("About", links.about(entry)), ("Written about it", links.written_about(entry).to_vec())]
    {
        if !linked.is_empty() {
            let names: Vec<String> = linked.iter().map(|e| link_label(e)).collect();
            let _ = writeln!(out, "{label}: {}\n", names.join("; "));
        }
    }
    if let Some(relevance) = details.relevance() {
        let _ = writeln!(out, "Relevance to practice: {relevance}\n");
    }
    if !details.standards().is_empty() {
        let _ = writeln!(out, "Relates to: {}\n", details.standards().join("; "));
    }
    if let Some(prompt) = details.prompt() {
        let _ = writeln!(out, "*Prompt: {prompt}*\n");
    }
    if !entry.fields.body.trim().is_empty() {
        let _ = writeln!(out, "{}\n", entry.fields.body.trim());
    }
    for section in details.sections() {
        let _ = writeln!(out, "**{}** {}\n", entry.section_heading(&section.name), section.text.trim());
    }
    if !entry.claims.is_empty() {
        let _ = writeln!(out, "Evidence of:\n");
        for claim in &entry.claims {
            let what = claim.indicator_text.as_deref().unwrap_or(&claim.competency_title);
            let note = claim.note.as_ref().map(|n| format!(" — {n}")).unwrap_or_default();
            let _ = writeln!(out, "- `{}` {what}{note}", claim.reference);
        }
        out.push('\n');
    }
    if !entry.verdicts.is_empty() {
        let _ = writeln!(out, "Verdicts:\n");
        for v in &entry.verdicts {
            let on = v.claim.as_ref().map(|c| format!(" on `{c}`")).unwrap_or_default();
            let comment = v.comment.as_ref().map(|c| format!(": {c}")).unwrap_or_default();
            let standing = crate::trust::standing::of_stored(entry, v).words();
            let _ =
                writeln!(out, "- {} **{}**{on} by {}{comment} ({standing})", v.date, v.verdict, v.assessor);
        }
        out.push('\n');
    }
    if !entry.attachments.is_empty() {
        let _ = writeln!(out, "Attachments:\n");
        for a in &entry.attachments {
            let _ = writeln!(out, "- {} ({} bytes, SHA-256 `{}`)", a.name, a.size, a.sha256);
        }
        out.push('\n');
    }
}
