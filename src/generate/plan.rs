//! Goals, actions and mentors for a generated portfolio: one goal per 20
//! entries (at most 500), four actions each, every other one agreed in a
//! meeting, due dates spread around the portfolio's last year.

use super::Rng;
use crate::model::document::{DocAction, DocGoal, DocMentor, PortfolioDocument};
use crate::model::{EntryKind, GoalStatus, MentorRole, PartialDate, Span};

pub const MAX_GOALS: usize = 500;
const ACTIONS_PER_GOAL: usize = 4;

pub fn add_plan(document: &mut PortfolioDocument, rng: &mut Rng, seed: u64) {
    let mentors = ["Dr Sample Mentor", "Sam Supervisor", "Ali Assessor"];
    for (n, name) in mentors.iter().enumerate() {
        document.mentors.push(DocMentor {
            uuid: uuid::Uuid::from_u64_pair(seed ^ 7, n as u64).to_string(),
            name: (*name).into(),
            role: [MentorRole::Mentor, MentorRole::Supervisor, MentorRole::Assessor][n],
            since: "2021-01".parse().ok(),
            until: None,
            email: None,
            meet_every: Some(Span::weeks(4 * (n as u32 + 1))),
            contract: None,
            created_at: "2021-01-04T09:00:00Z".into(),
            updated_at: "2021-01-04T09:00:00Z".into(),
        });
    }
    let meetings: Vec<(String, PartialDate)> = document
        .entries
        .iter()
        .filter(|e| e.fields.kind() == EntryKind::Meeting && !e.fields.private)
        .map(|e| (e.uuid.clone(), e.fields.date))
        .collect();
    let goals = (document.entries.len() / 20).min(MAX_GOALS);
    for g in 0..goals {
        let due = day(4 * 365 + rng.below(2 * 365));
        let status = match g % 10 {
            0 => GoalStatus::Done,
            1 => GoalStatus::Dropped,
            _ => GoalStatus::Open,
        };
        let mut goal = DocGoal {
            uuid: uuid::Uuid::from_u64_pair(seed ^ 5, g as u64).to_string(),
            title: format!("{} goal {}", super::capitalise(&rng.words(4)), g + 1),
            body: rng.words(20),
            due: Some(due),
            set_on: Some(day(rng.below(4 * 365))),
            closed_on: (status != GoalStatus::Open).then_some(due),
            reason: (status == GoalStatus::Dropped).then(|| rng.words(6)),
            status,
            private: g % 25 == 3,
            competencies: vec![format!("emcc/{}", ["self", "contract", "relationship", "outcome"][g % 4])],
            actions: Vec::new(),
            created_at: "2024-01-10T09:00:00Z".into(),
            updated_at: "2024-01-10T09:00:00Z".into(),
            deleted_at: None,
        };
        for a in 0..ACTIONS_PER_GOAL {
            let n = g * ACTIONS_PER_GOAL + a;
            let meeting = (n.is_multiple_of(2) && !meetings.is_empty())
                .then(|| meetings[rng.below(meetings.len())].0.clone());
            goal.actions.push(DocAction {
                uuid: uuid::Uuid::from_u64_pair(seed ^ 6, n as u64).to_string(),
                text: capitalise_words(rng, 6),
                due: Some(day(4 * 365 + rng.below(2 * 365))),
                done: (a % 2 == 1).then(|| day(4 * 365)),
                meeting,
                owner: (a == 3).then(|| mentors[n % mentors.len()].to_string()),
                note: None,
                created_at: "2024-01-10T09:00:00Z".into(),
                updated_at: Some("2024-01-10T09:00:00Z".into()),
                deleted_at: None,
            });
        }
        document.goals.push(goal);
    }
}

fn capitalise_words(rng: &mut Rng, count: usize) -> String {
    super::capitalise(&rng.words(count))
}

/// The day `offset` days after 1 January 2021.
fn day(offset: usize) -> PartialDate {
    let date = chrono::NaiveDate::from_ymd_opt(2021, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new(offset as u64)))
        .unwrap_or_default();
    PartialDate::day(date)
}
