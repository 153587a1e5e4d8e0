//! The interview document: who you are, what you hold, what you have done,
//! and the strongest evidence per competency — two to five pages.

use super::{
    Described, LIGHT_AMBER, LIGHT_RED, PortfolioData, cells, dates_for_people, h1, h3, opening, para, prose,
    section_texts, small, verdict_for,
};
use crate::markdown::shortened;
use crate::model::format::hours;
use crate::model::plan::expiry_needs_attention;
use crate::model::{EntryKind, VerdictKind};
use crate::pdf::layout::{Block, Cell, Table, TextStyle};

pub fn describe(data: &PortfolioData) -> Described {
    let mut blocks = opening(data, None);
    profile(data, &mut blocks);
    qualifications(data, &mut blocks);
    roles(data, &mut blocks);
    achievements(data, &mut blocks);
    courses(data, &mut blocks);
    evidence(data, &mut blocks);
    stories_to_tell(data, &mut blocks);
    if data.entries.is_empty() && data.profile.is_empty() {
        blocks.push(para(
            "This portfolio is empty so far. Add entries with `folio add`, fill in the profile with \
             `folio profile set`, then make this document again.",
        ));
    }
    Described { blocks, images: Vec::new() }
}

/// A page to read before going in: per key competency its best story, one
/// line for each STAR part (or the story in two lines, if it has no parts).
fn stories_to_tell(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let told: Vec<_> = data.stories.iter().filter_map(|c| Some((c, c.stories.first()?))).collect();
    if told.is_empty() {
        return;
    }
    blocks.push(Block::PageBreak);
    blocks.push(h1("Stories to tell"));
    blocks.push(small("One story per competency, the strongest first: accepted by an assessor, then a complete STAR, then the newest."));
    for (competency, story) in told {
        let Some(entry) = data.entries.iter().find(|e| e.id.0 == story.id) else { continue };
        let accepted = if story.accepted { " · accepted" } else { "" };
        blocks.push(h3(&format!(
            "{} — {} ({}{accepted})",
            competency.title, entry.fields.title, entry.fields.date
        )));
        let style = TextStyle::BODY.indented(10.0);
        let cut = |text: &str, limit| {
            let whole = prose::read(text);
            shortened(&whole, limit).unwrap_or(whole)
        };
        let parts = section_texts(entry, |s| cut(&s.text, 110));
        if parts.iter().all(|(_, text)| text.is_empty()) {
            blocks.extend(prose::set(&cut(&entry.fields.body, 220), style));
        }
        blocks.extend(prose::sections(&parts, style));
    }
}

fn profile(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let p = &data.profile;
    if p.summary.is_none()
        && p.attributes.is_empty()
        && p.job_skills.is_empty()
        && p.personal_skills.is_empty()
    {
        return;
    }
    blocks.push(h1("Profile"));
    if let Some(summary) = &p.summary {
        blocks.extend(prose::prose(summary, TextStyle::BODY));
    }
    let lists = [
        ("Personal attributes", &p.attributes),
        ("Job skills", &p.job_skills),
        ("Personal skills", &p.personal_skills),
    ];
    let rows: Vec<Vec<Cell>> = lists
        .iter()
        .filter(|(_, items)| !items.is_empty())
        .map(|(label, items)| vec![Cell::new(*label).bold(), Cell::new(items.join(" · "))])
        .collect();
    if !rows.is_empty() {
        blocks.push(Block::Table(Table { widths: vec![1.0, 3.0], header: vec!["".into(), "".into()], rows }));
    }
}

fn qualifications(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let mut rows = Vec::new();
    for e in data.of_kind(EntryKind::Qualification) {
        let mut row =
            cells(&[&e.fields.title, e.fields.organisation.as_deref().unwrap_or(""), &dates_for_people(e)]);
        row.push(Cell::new(e.fields.details.grade().map(|g| format!("Grade: {g}")).unwrap_or_default()));
        rows.push(row);
    }
    for e in data.of_kind(EntryKind::Certificate) {
        // The credential id belongs with the award, not in the status column.
        let award = match e.fields.details.credential_id() {
            Some(id) => format!("{} (ID {id})", e.fields.title),
            None => e.fields.title.clone(),
        };
        let mut row = cells(&[&award, e.fields.organisation.as_deref().unwrap_or(""), &dates_for_people(e)]);
        let expires = e.fields.details.expires();
        let status = match (expires, expires.and_then(|x| expiry_needs_attention(x, data.today))) {
            (Some(expires), Some(state)) if state.is_overdue() => {
                Cell::new(format!("EXPIRED {}", expires.for_people())).bold().fill(LIGHT_RED)
            }
            (Some(expires), Some(_)) => {
                Cell::new(format!("expires {}", expires.for_people())).fill(LIGHT_AMBER)
            }
            (Some(expires), None) => Cell::new(format!("valid to {}", expires.for_people())),
            (None, _) => Cell::new("does not expire"),
        };
        row.push(status);
        rows.push(row);
    }
    if rows.is_empty() {
        return;
    }
    blocks.push(h1("Qualifications and certificates"));
    let header = ["Award", "Awarded by", "Date", "Grade / status"].map(String::from).to_vec();
    blocks.push(Block::Table(Table { widths: vec![3.0, 2.2, 1.3, 1.8], header, rows }));
}

fn roles(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let roles: Vec<_> = data.of_kind(EntryKind::Role).collect();
    if roles.is_empty() {
        return;
    }
    blocks.push(h1("Roles and responsibilities"));
    for role in roles {
        let at = role.fields.organisation.as_ref().map(|o| format!(" — {o}")).unwrap_or_default();
        blocks.push(h3(&format!("{}{at}", role.fields.title)));
        blocks.push(small(dates_for_people(role)));
        if !role.fields.body.trim().is_empty() {
            let body = data.fitted(role, "body", &role.fields.body, 600);
            blocks.extend(prose::set(&body, TextStyle::BODY.indented(10.0)));
        }
    }
}

fn achievements(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let achievements: Vec<_> = data.of_kind(EntryKind::Achievement).collect();
    if achievements.is_empty() {
        return;
    }
    blocks.push(h1("Achievements"));
    for a in achievements {
        blocks.push(h3(&a.fields.title));
        blocks.push(small(dates_for_people(a)));
        if !a.fields.body.trim().is_empty() {
            blocks.extend(prose::set(&data.fitted(a, "body", &a.fields.body, 500), TextStyle::BODY));
        }
        let parts = section_texts(a, |s| data.fitted(a, &s.name, &s.text, 400));
        blocks.extend(prose::sections(&parts, TextStyle::BODY.indented(10.0)));
    }
}

fn courses(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let courses: Vec<_> = data.of_kind(EntryKind::Course).collect();
    if courses.is_empty() {
        return;
    }
    blocks.push(h1("Courses and CPD"));
    let total: f64 = courses.iter().filter_map(|c| c.fields.details.hours()).sum();
    let rows = courses
        .iter()
        .map(|c| {
            let h = c.fields.details.hours().map(hours).unwrap_or_default();
            let mode = if c.fields.details.is_participatory() { "participatory" } else { "" };
            cells(&[
                &c.fields.title,
                c.fields.organisation.as_deref().unwrap_or(""),
                &dates_for_people(c),
                &h,
                mode,
            ])
        })
        .collect();
    // Every column says what it holds: NMC CPD counts participatory learning apart.
    let header = ["Course", "Provider", "Date", "Hours", "Learning"].map(String::from).to_vec();
    blocks.push(Block::Table(Table { widths: vec![3.2, 2.2, 1.3, 0.7, 1.2], header, rows }));
    blocks.push(small(format!("{} hours of CPD in {} courses.", hours(total), courses.len())));
}

fn evidence(data: &PortfolioData, blocks: &mut Vec<Block>) {
    for coverage in &data.coverage {
        blocks.push(h1(&format!("Evidence: {}", coverage.title)));
        let mut shown = 0;
        for competency in &coverage.competencies {
            let reference_prefix =
                crate::model::reference::Canonical::competency(&coverage.framework, &competency.code)
                    .to_string();
            let mut evidence: Vec<_> = data
                .entries
                .iter()
                .flat_map(|e| e.claims.iter().map(move |c| (e, c)))
                .filter(|(_, c)| {
                    c.framework == coverage.framework && c.competency.eq_ignore_ascii_case(&competency.code)
                })
                .collect();
            if evidence.is_empty() {
                continue;
            }
            // Accepted first, then the most recent.
            evidence.sort_by_key(|(e, c)| {
                let accepted =
                    verdict_for(e, &c.reference).is_some_and(|v| v.verdict == VerdictKind::Accepted);
                (!accepted, std::cmp::Reverse(e.fields.date.key()))
            });
            evidence.dedup_by_key(|(e, _)| e.id);
            shown += 1;
            blocks.push(h3(&format!("{} ({reference_prefix})", competency.title)));
            for (entry, claim) in evidence.into_iter().take(2) {
                let verdict = match verdict_for(entry, &claim.reference) {
                    Some(v) if v.verdict == VerdictKind::Accepted => format!(" — accepted by {}", v.assessor),
                    _ => String::new(),
                };
                let note = claim.note.as_ref().map(|n| format!(": {n}")).unwrap_or_default();
                blocks.push(Block::Paragraph {
                    text: format!(
                        "• {} ({}, {}){note}{verdict}",
                        entry.fields.title,
                        entry.kind(),
                        entry.fields.date.for_people()
                    ),
                    style: TextStyle::BODY.indented(10.0),
                });
            }
        }
        if shown == 0 {
            blocks.push(para("No evidence has been claimed for this framework yet."));
        }
    }
}
