//! The review document: one period — objectives, meetings, CPD hours, reflections and
//! feedback, evidence per competency, self-rating changes and verdicts.

use super::{
    Described, LIGHT_RED, PortfolioData, cells, dates, excerpt, full_text, h1, h2, h3, h3_dated, opening,
    para, prose, small,
};
use crate::model::format::hours;
use crate::model::{Action, Entry, EntryKind, Goal, GoalStatus, Progress};
use crate::pdf::layout::{AuditMove, Bar, Block, Cell, Table, TextStyle};

pub fn describe(data: &PortfolioData) -> Described {
    let (from, to) = data.period;
    let mut blocks =
        opening(data, Some(format!("{} to {}", from.format("%-d %B %Y"), to.format("%-d %B %Y"))));
    if data.entries.is_empty() && data.goals.is_empty() {
        blocks.push(para("Nothing was recorded in this period."));
        data.hint("choose another period with --since and --until, or add entries with `folio add`");
    }
    goals(data, &mut blocks);
    meetings(data, &mut blocks);
    cpd(data, &mut blocks);
    writing(data, &mut blocks);
    evidence(data, &mut blocks);
    ratings(data, &mut blocks);
    verdicts(data, &mut blocks);
    Described { blocks, images: Vec::new() }
}

/// The objectives the review shows: those open at any time in the period.
fn goals_shown(data: &PortfolioData) -> Vec<&Goal> {
    let (from, to) = data.period;
    data.goals.iter().filter(|g| g.open_during(from, to)).collect()
}

/// The objectives open at any time in the period, with progress and actions.
fn goals(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let open = goals_shown(data);
    if open.is_empty() {
        return;
    }
    blocks.push(h1("Objectives"));
    for goal in open {
        let actions: Vec<&Action> = data.actions.iter().filter(|a| a.goal == Some(goal.id)).collect();
        let state = match (goal.status, goal.closed_on, goal.due, goal.due_state(data.today)) {
            (GoalStatus::Open, _, Some(due), Some(state)) => format!("open, due {due}, {}", state.relative()),
            (GoalStatus::Open, ..) => "open".into(),
            (status, Some(on), ..) => format!("{status} {on}"),
            (status, None, ..) => status.to_string(),
        };
        blocks.push(h3(&format!("{} ({state})", goal.title)));
        if !goal.body.trim().is_empty() {
            blocks.extend(prose(&goal.body, TextStyle::BODY));
        }
        let mut facts = vec![Progress::of(actions.iter().copied()).to_string()];
        if !goal.competencies.is_empty() {
            facts.push(format!("towards {}", goal.competencies.join(", ")));
        }
        if let Some(reason) = &goal.reason {
            facts.push(format!("dropped: {reason}"));
        }
        blocks.push(small(capitalised(&facts.join(" · "))));
        if !actions.is_empty() {
            let header = ["Action agreed", "Who", "Due", "State"].map(String::from).to_vec();
            let rows = actions.iter().map(|a| action_row(a, data)).collect();
            blocks.push(Block::Table(Table { widths: vec![3.6, 1.0, 1.0, 1.5], header, rows }));
        }
    }
}

/// One action as a table row; an overdue one is marked in red.
fn action_row(action: &Action, data: &PortfolioData) -> Vec<Cell> {
    let state = Cell::new(action.state_label(data.today));
    let state = if action.is_overdue(data.today) { state.bold().fill(LIGHT_RED) } else { state };
    vec![
        Cell::new(action.text.as_str()),
        Cell::new(action.owner_label()),
        Cell::new(action.due.map(|d| d.to_string()).unwrap_or_default()),
        state,
    ]
}

/// The meetings of the period, oldest first: with whom, and the actions agreed.
fn meetings(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let shown_goals: Vec<_> = goals_shown(data).into_iter().map(|g| g.id).collect();
    let mut held: Vec<&Entry> = data.of_kind(EntryKind::Meeting).collect();
    if held.is_empty() {
        return;
    }
    held.reverse();
    blocks.push(h1("Meetings"));
    for meeting in held {
        let with = meeting.fields.details.with().map(|w| format!(" — with {w}")).unwrap_or_default();
        blocks.push(h3_dated(&format!("{}{with}", meeting.fields.title), dates(meeting)));
        if !meeting.fields.body.trim().is_empty() {
            let whole = super::prose::read(&meeting.fields.body);
            let notes = crate::markdown::shortened(&whole, 600).unwrap_or(whole);
            blocks.extend(super::prose::set(&notes, TextStyle::BODY.indented(10.0)));
        }
        // An action of an objective shown above is listed there, not again here.
        let (listed, agreed): (Vec<&Action>, Vec<&Action>) = data
            .actions
            .iter()
            .filter(|a| a.meeting == Some(meeting.id))
            .partition(|a| a.goal.is_some_and(|g| shown_goals.contains(&g)));
        if !agreed.is_empty() {
            let header = ["Agreed", "Who", "Due", "State"].map(String::from).to_vec();
            let rows = agreed.iter().map(|a| action_row(a, data)).collect();
            blocks.push(Block::Table(Table { widths: vec![3.6, 1.0, 1.0, 1.5], header, rows }));
        }
        if !listed.is_empty() {
            let what = crate::output::count(listed.len(), "action", "actions");
            let style = TextStyle::SMALL.indented(10.0);
            blocks.push(Block::Paragraph {
                text: format!("Also agreed: {what} listed under the objectives."),
                style,
            });
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn cpd(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let courses: Vec<_> = data.of_kind(EntryKind::Course).collect();
    blocks.push(h1("Continuing professional development"));
    if courses.is_empty() {
        blocks.push(para("No courses were recorded in this period."));
        return;
    }
    let totals = crate::report::cpd::summarise(courses.iter().copied(), None, None).totals;
    blocks.push(Block::Paragraph { text: format!("{}.", totals.describe()), style: TextStyle::BODY.bold() });
    blocks.extend(super::cpd_by_year(&courses, None, None));
    let rows = courses
        .iter()
        .map(|c| {
            let mode = if c.fields.details.is_participatory() { "participatory" } else { "" };
            cells(&[
                &c.fields.title,
                c.fields.organisation.as_deref().unwrap_or(""),
                &dates(c),
                &c.fields.details.hours().map(hours).unwrap_or_default(),
                mode,
            ])
        })
        .collect();
    let header = ["Course", "Provider", "Date", "Hours", "Learning"].map(String::from).to_vec();
    blocks.push(Block::Table(Table { widths: vec![3.2, 2.2, 1.3, 0.7, 1.2], header, rows }));
}

fn writing(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let reflections: Vec<_> = data.of_kind(EntryKind::Reflection).collect();
    if !reflections.is_empty() {
        blocks.push(h1("Reflections"));
        for r in reflections {
            let template =
                r.fields.details.template().map(|t| format!("{} model · ", t.as_str())).unwrap_or_default();
            blocks.push(h3_dated(&r.fields.title, format!("{template}{}", dates(r))));
            blocks.extend(full_text(r, TextStyle::BODY.indented(10.0)));
        }
    }
    let feedback: Vec<_> = data.of_kind(EntryKind::Feedback).collect();
    if !feedback.is_empty() {
        blocks.push(h1("Feedback received"));
        for f in feedback {
            let from = f.fields.details.from().as_ref().map(|n| format!(" — from {n}")).unwrap_or_default();
            blocks.push(h3_dated(&format!("{}{from}", f.fields.title), dates(f)));
            if !f.fields.body.trim().is_empty() {
                blocks.extend(prose(&f.fields.body, TextStyle::BODY.indented(10.0)));
            }
        }
    }
}

fn evidence(data: &PortfolioData, blocks: &mut Vec<Block>) {
    for coverage in &data.coverage {
        let mut rows = Vec::new();
        for competency in &coverage.competencies {
            let titles: Vec<String> = data
                .entries
                .iter()
                .filter(|e| {
                    e.claims.iter().any(|c| {
                        c.framework == coverage.framework
                            && c.competency.eq_ignore_ascii_case(&competency.code)
                    })
                })
                .map(|e| format!("{} ({})", e.fields.title, e.fields.date))
                .collect();
            let count =
                if titles.is_empty() { Cell::new("–") } else { Cell::new(titles.len().to_string()) };
            rows.push(vec![
                Cell::new(competency.code.clone()),
                Cell::new(competency.title.clone()),
                count,
                Cell::new(excerpt(&titles.join("; "), 300)),
            ]);
        }
        if rows.is_empty() {
            continue;
        }
        blocks.push(h1(&format!("Evidence in the period: {}", coverage.title)));
        let header = ["Code", "Competency", "Entries", "Evidence"].map(String::from).to_vec();
        blocks.push(Block::Table(Table { widths: vec![1.0, 2.0, 0.7, 3.6], header, rows }));
    }
}

fn ratings(data: &PortfolioData, blocks: &mut Vec<Block>) {
    if data.ratings.is_empty() {
        return;
    }
    blocks.push(h1("Self-rating"));
    blocks.push(para("How expert am I? First and latest self-rating (1–5) of each item rated."));
    let bars = data
        .ratings
        .iter()
        .map(|t| Bar {
            label: t.title.clone(),
            first: t.first.expertise.get() as f32,
            latest: t.latest.expertise.get() as f32,
        })
        .collect();
    let when = |dates: Vec<crate::model::PartialDate>| {
        let first = dates.iter().min_by_key(|d| d.key()).map(ToString::to_string).unwrap_or_default();
        let last = dates.iter().max_by_key(|d| d.key()).map(ToString::to_string).unwrap_or_default();
        // Items rated first (or last) on different days say so: a range.
        if first == last { first } else { format!("{first} to {last}") }
    };
    let first = when(data.ratings.iter().map(|t| t.first.date).collect());
    let latest = when(data.ratings.iter().map(|t| t.latest.date).collect());
    blocks.push(Block::Bars {
        bars,
        max: 5.0,
        legend: (format!("first ({first})"), format!("latest ({latest})")),
    });
    blocks.push(h2("How expert, how often: every rating in order"));
    blocks.push(Block::AuditGrid(
        data.ratings
            .iter()
            .map(|t| AuditMove {
                label: t.title.clone(),
                path: t
                    .history
                    .iter()
                    .map(|r| (r.frequency.get() as f32, r.expertise.get() as f32))
                    .collect(),
                span: match (t.history.first(), t.history.last()) {
                    (Some(a), Some(b)) if a.date != b.date => format!("{} to {}", a.date, b.date),
                    (Some(a), _) => a.date.to_string(),
                    _ => String::new(),
                },
            })
            .collect(),
    ));
    blocks.push(h2("How often do I do it?"));
    let rows = data
        .ratings
        .iter()
        .map(|t| {
            cells(&[
                &t.title,
                &t.first.frequency.to_string(),
                &t.latest.frequency.to_string(),
                &format!("{:+}", t.frequency_change),
            ])
        })
        .collect();
    let header = ["Item", "First", "Latest", "Change"].map(String::from).to_vec();
    blocks.push(Block::Table(Table { widths: vec![4.0, 0.8, 0.8, 0.8], header, rows }));
}

fn verdicts(data: &PortfolioData, blocks: &mut Vec<Block>) {
    let (from, to) = data.period;
    let mut rows = Vec::new();
    // Verdicts given in the period, whenever the work was written.
    for entry in data.entries.iter().chain(&data.judged) {
        for v in entry.verdicts.iter().filter(|v| (from..=to).contains(&v.date.first_day())) {
            let on = v.claim.clone().unwrap_or_else(|| "whole entry".into());
            rows.push((
                v.date.key(),
                vec![
                    Cell::new(v.date.to_string()),
                    Cell::new(format!("{} ({on})", entry.fields.title)),
                    Cell::new(v.verdict.words()),
                    Cell::new(format!(
                        "{}{}\n{}",
                        v.assessor,
                        v.comment
                            .as_deref()
                            .map(|c| format!(": {}", crate::markdown::plain(c)))
                            .unwrap_or_default(),
                        crate::trust::standing::of_stored(entry, v).words()
                    )),
                ],
            ));
        }
    }
    if rows.is_empty() {
        return;
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0));
    blocks.push(h1("Verdicts received"));
    let header = ["Date", "Evidence", "Verdict", "Assessor and comment"].map(String::from).to_vec();
    blocks.push(Block::Table(Table {
        widths: vec![1.1, 3.0, 1.1, 2.8],
        header,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
    }));
}
