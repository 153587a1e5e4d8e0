//! The portfolio as readable Markdown: the profile, then one section per
//! kind with every entry, its sections, claims, verdicts and attachments.

use std::fmt::Write as _;

use crate::model::{Entry, EntryKind, Profile, format};

fn heading_for(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Achievement => "Achievements",
        EntryKind::Qualification => "Qualifications",
        EntryKind::Certificate => "Certificates",
        EntryKind::Course => "Courses",
        EntryKind::Role => "Roles",
        EntryKind::Reflection => "Reflections",
        EntryKind::Feedback => "Feedback",
        EntryKind::Meeting => "Meetings",
        EntryKind::Evidence => "Evidence",
    }
}

pub fn render(profile: &Profile, entries: &[Entry]) -> String {
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
    for &kind in EntryKind::ALL {
        let of_kind: Vec<&Entry> = entries.iter().filter(|e| e.kind() == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {}\n", heading_for(kind));
        for entry in of_kind {
            render_entry(&mut out, entry);
        }
    }
    out.trim_end().to_string() + "\n"
}

fn render_entry(out: &mut String, entry: &Entry) {
    let _ = writeln!(out, "### {}\n", entry.fields.title);
    let mut facts = vec![entry.fields.period()];
    facts.extend(entry.fields.organisation.clone());
    let details = &entry.fields.details;
    if let Some(hours) = details.hours() {
        let participatory = if details.is_participatory() { ", participatory" } else { "" };
        facts.push(format!("{} hours{participatory}", format::hours(hours)));
    }
    facts.extend(details.grade().map(|g| format!("grade: {g}")));
    facts.extend(details.credential_id().map(|c| format!("credential {c}")));
    facts.extend(details.expires().map(|d| format!("expires {d}")));
    facts.extend(details.from().map(|f| format!("from {f}")));
    if entry.fields.private {
        facts.push("private".into());
    }
    let _ = writeln!(out, "{}\n", facts.join(" · "));
    if let Some(url) = details.url() {
        let _ = writeln!(out, "<{url}>\n");
    }
    if !entry.fields.tags.is_empty() {
        let tags: Vec<String> = entry.fields.tags.iter().map(|t| format!("`{t}`")).collect();
        let _ = writeln!(out, "Tags: {}\n", tags.join(" "));
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
            let _ = writeln!(out, "- {} **{}**{on} by {}{comment}", v.date, v.verdict, v.assessor);
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
