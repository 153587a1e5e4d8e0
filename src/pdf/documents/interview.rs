//! The interview document: who you are, what you hold, what you have done,
//! and the strongest evidence per competency — two to five pages.
//!
//! A page budget chooses what to show: the first [`Budget`] tier that keeps
//! the document within [`PAGE_BUDGET`] pages is the one printed, and what
//! it left out is noted for the user (`--full` keeps everything).

use super::{
    Described, LIGHT_AMBER, LIGHT_RED, PortfolioData, cells, dates_for_people, h1, h3, h3_dated, opening,
    para, prose, section_texts, small, verdict_for,
};
use crate::model::format::hours;
use crate::model::plan::expiry_needs_attention;
use crate::model::{Entry, EntryKind, VerdictKind};
use crate::pdf::layout::{Block, Cell, Layout, PageGeometry, Table, TextStyle, layout};

/// The most pages the interview takes unless `--full` is given.
pub const PAGE_BUDGET: usize = 5;

/// How many of each part the interview shows, newest first.
#[derive(Debug, Clone, Copy)]
struct Budget {
    qualifications: usize,
    certificates: usize,
    roles: usize,
    achievements: usize,
    publications: usize,
    recommendations: usize,
    courses: usize,
    /// Pieces of evidence under each competency; none leaves the part out.
    evidence_each: usize,
    stories: usize,
}

const ALL: usize = usize::MAX;
/// From everything to the essentials, tried in order.
const TIERS: [Budget; 4] = [
    Budget {
        qualifications: ALL,
        certificates: ALL,
        roles: ALL,
        achievements: ALL,
        publications: ALL,
        recommendations: 3,
        courses: ALL,
        evidence_each: 2,
        stories: ALL,
    },
    Budget {
        qualifications: ALL,
        certificates: 15,
        roles: ALL,
        achievements: 8,
        publications: 12,
        recommendations: 3,
        courses: 12,
        evidence_each: 1,
        stories: 8,
    },
    Budget {
        qualifications: 8,
        certificates: 10,
        roles: 6,
        achievements: 5,
        publications: 8,
        recommendations: 2,
        courses: 8,
        evidence_each: 1,
        stories: 6,
    },
    Budget {
        qualifications: 5,
        certificates: 6,
        roles: 4,
        achievements: 3,
        publications: 5,
        recommendations: 1,
        courses: 5,
        evidence_each: 0,
        stories: 4,
    },
];

pub fn describe(data: &PortfolioData) -> Described {
    describe_with(data, &TIERS[0])
}

/// The interview laid out within [`PAGE_BUDGET`] pages (or whole with `--full`).
pub fn within_pages(data: &PortfolioData, geometry: &PageGeometry) -> (Described, Layout) {
    let tiers: &[Budget] = if data.full_text { &TIERS[..1] } else { &TIERS };
    let mut tried = None;
    for tier in tiers {
        data.shortened.borrow_mut().clear();
        data.left_out.borrow_mut().clear();
        data.omitted.borrow_mut().clear();
        let described = describe_with(data, tier);
        let laid_out = layout(&described.blocks, geometry);
        let fits = laid_out.pages.len() <= PAGE_BUDGET;
        tried = Some((described, laid_out));
        if fits {
            break;
        }
    }
    tried.unwrap_or_else(|| unreachable!("there is always a tier"))
}

fn describe_with(data: &PortfolioData, budget: &Budget) -> Described {
    let mut blocks = opening(data, None);
    profile(data, &mut blocks);
    from_the_advert(data, &mut blocks);
    qualifications(data, budget, &mut blocks);
    roles(data, budget, &mut blocks);
    achievements(data, budget, &mut blocks);
    super::published::publications(data, budget.publications, &mut blocks);
    super::published::recommendations(data, budget.recommendations, &mut blocks);
    courses(data, budget, &mut blocks);
    evidence(data, budget, &mut blocks);
    super::stories_to_tell::stories_to_tell(data, budget.stories, &mut blocks);
    if data.entries.is_empty() && data.profile.is_empty() {
        blocks.push(para("This portfolio is empty so far."));
        data.hint("add entries with `folio add` and a profile with `folio profile set`, then make it again");
    }
    Described { blocks, images: Vec::new() }
}

/// The first `limit` of a part (newest first), noting how many were left out.
pub(super) fn within<'a>(
    data: &PortfolioData,
    all: Vec<&'a Entry>,
    limit: usize,
    what: (&str, &str),
) -> Vec<&'a Entry> {
    if all.len() > limit {
        data.leave_out(all.len() - limit, what);
        data.omitted.borrow_mut().extend(all.iter().skip(limit).map(|e| e.id.0));
    }
    all.into_iter().take(limit).collect()
}

/// With `--job`: the advert's key words this document answers, and those
/// no entry does, so a panel sees it was written for this post.
fn from_the_advert(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let Some(advert) = &data.advert else { return };
    let mut rows = Vec::new();
    if !advert.answered.is_empty() {
        rows.push(vec![Cell::new("Answered here").bold(), Cell::new(advert.answered.join(" · "))]);
    }
    if !advert.unanswered.is_empty() {
        rows.push(vec![Cell::new("Not yet evidenced").bold(), Cell::new(advert.unanswered.join(" · "))]);
    }
    if rows.is_empty() {
        return;
    }
    let header = ["From the advert", "Key words"].map(String::from).to_vec();
    blocks.push(Block::Table(Table { widths: vec![1.0, 3.0], header, rows }));
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

fn qualifications(data: &PortfolioData, budget: &Budget, blocks: &mut Vec<Block>) {
    let mut rows = Vec::new();
    let all = data.of_kind(EntryKind::Qualification).collect();
    for e in within(data, all, budget.qualifications, ("older qualification", "older qualifications")) {
        let mut row =
            cells(&[&e.fields.title, e.fields.organisation.as_deref().unwrap_or(""), &dates_for_people(e)]);
        row.push(Cell::new(e.fields.details.grade().map(|g| format!("Grade: {g}")).unwrap_or_default()));
        rows.push(row);
    }
    let all = data.of_kind(EntryKind::Certificate).collect();
    for e in within(data, all, budget.certificates, ("older certificate", "older certificates")) {
        // The credential id belongs with the award, not in the status column.
        let award = match e.fields.details.credential_id() {
            Some(id) => format!("{} (ID {id})", e.fields.title),
            None => e.fields.title.clone(),
        };
        let mut row = cells(&[&award, e.fields.organisation.as_deref().unwrap_or(""), &dates_for_people(e)]);
        row[0] = row[0].clone().link(e.fields.details.url());
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

fn roles(data: &PortfolioData, budget: &Budget, blocks: &mut Vec<Block>) {
    let roles = within(
        data,
        data.of_kind(EntryKind::Role).collect(),
        budget.roles,
        ("earlier role", "earlier roles"),
    );
    if roles.is_empty() {
        return;
    }
    blocks.push(h1("Roles and responsibilities"));
    for role in roles {
        let at = role.fields.organisation.as_ref().map(|o| format!(" — {o}")).unwrap_or_default();
        blocks.push(h3_dated(&format!("{}{at}", role.fields.title), dates_for_people(role)));
        if !role.fields.body.trim().is_empty() {
            let body = data.fitted(role, "body", &role.fields.body, 600);
            blocks.extend(prose::set(&body, TextStyle::BODY.indented(10.0)));
        }
    }
}

fn achievements(data: &PortfolioData, budget: &Budget, blocks: &mut Vec<Block>) {
    let all = data.of_kind(EntryKind::Achievement).collect();
    let achievements = within(data, all, budget.achievements, ("older achievement", "older achievements"));
    if achievements.is_empty() {
        return;
    }
    blocks.push(h1("Achievements"));
    for a in achievements {
        blocks.push(h3_dated(&a.fields.title, dates_for_people(a)));
        if !a.fields.body.trim().is_empty() {
            blocks.extend(prose::set(&data.fitted(a, "body", &a.fields.body, 500), TextStyle::BODY));
        }
        let parts = section_texts(a, |s| data.fitted(a, &s.name, &s.text, 400));
        blocks.extend(prose::sections(&parts, TextStyle::BODY.indented(10.0)));
    }
}

fn courses(data: &PortfolioData, budget: &Budget, blocks: &mut Vec<Block>) {
    let every: Vec<_> = data.of_kind(EntryKind::Course).collect();
    if every.is_empty() {
        return;
    }
    blocks.push(h1("Courses and CPD"));
    let total: f64 = every.iter().filter_map(|c| c.fields.details.hours()).sum();
    let count = every.len();
    let courses = within(data, every, budget.courses, ("older course", "older courses"));
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
    let shown =
        if courses.len() < count { format!(", the {} newest shown", courses.len()) } else { String::new() };
    blocks.push(small(format!("{} hours of CPD in {count} courses{shown}.", hours(total))));
}

fn evidence(data: &PortfolioData, budget: &Budget, blocks: &mut Vec<Block>) {
    if budget.evidence_each == 0 {
        if !data.coverage.is_empty() {
            data.leave_out(1, ("list of evidence by competency (the stories answer it)", ""));
        }
        return;
    }
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
            for (entry, claim) in evidence.into_iter().take(budget.evidence_each) {
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
