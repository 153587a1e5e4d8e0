//! How goals, actions and mentors look in a terminal and in `--json`.

use chrono::NaiveDate;
use comfy_table::Table;
use serde::Serialize;

use crate::db::actions::{self, ActionFilter};
use crate::db::{Conn, entries, mentors};
use crate::model::Visibility;
use crate::model::summary::EntryBrief;
use crate::model::{Action, DueState, EntryFields, EntryId, Goal, Progress};
use crate::output::Ui;

/// A goal as `goal list --json` and `goal show --json` print it.
#[derive(Debug, Serialize)]
pub struct GoalView<'a> {
    #[serde(flatten)]
    pub goal: &'a Goal,
    pub progress: Progress,
    pub overdue: bool,
}

impl<'a> GoalView<'a> {
    pub fn new(goal: &'a Goal, actions: &[Action], today: NaiveDate) -> Self {
        let own = actions.iter().filter(|a| a.goal == Some(goal.id));
        Self {
            goal,
            progress: Progress::of(own),
            overdue: goal.due_state(today).is_some_and(DueState::is_overdue),
        }
    }
}

/// An action as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct ActionView<'a> {
    #[serde(flatten)]
    pub action: &'a Action,
    pub overdue: bool,
}

impl<'a> ActionView<'a> {
    pub fn new(action: &'a Action, today: NaiveDate) -> Self {
        Self { action, overdue: action.is_overdue(today) }
    }
}

/// "2026-04-01" or, when overdue, the date marked as such.
pub fn due_cell(ui: &Ui, due: Option<crate::model::PartialDate>, state: Option<DueState>) -> String {
    match (due, state) {
        (Some(due), Some(state @ DueState::Overdue(_))) => ui.alert(&format!("{due} ({state})")),
        (Some(due), _) => due.to_string(),
        (None, _) => String::new(),
    }
}

/// The table `goal list` prints.
pub fn goal_table(ui: &Ui, goals: &[Goal], actions: &[Action], today: NaiveDate) -> Table {
    let mut table = ui.table(&["ID", "Goal", "Due", "Progress", "Towards"]);
    for goal in goals {
        let mut title = goal.title.clone();
        if !goal.is_open() {
            title.push_str(&format!(" [{}]", goal.status));
        }
        if goal.private {
            title.push_str(" [private]");
        }
        let progress = Progress::of(actions.iter().filter(|a| a.goal == Some(goal.id)));
        table.add_row(vec![
            goal.id.to_string(),
            title,
            due_cell(ui, goal.due, goal.due_state(today)),
            progress.to_string(),
            goal.competencies.join(", "),
        ]);
    }
    super::render::keep_first_column_whole(&mut table);
    table
}

/// The table `action list`, `goal show` and `mentor show` print.
pub fn action_table(ui: &Ui, actions: &[Action], today: NaiveDate) -> Table {
    let mut table = ui.table(&["ID", "Action", "Who", "Due", "State", "Goal", "Meeting"]);
    for action in actions {
        let state = match action.done {
            Some(done) => format!("done {done}"),
            None => "open".into(),
        };
        table.add_row(vec![
            action.id.to_string(),
            action.text.clone(),
            action.owner_label().to_string(),
            due_cell(ui, action.due, action.due_state(today)),
            state,
            action.goal.map(|g| g.to_string()).unwrap_or_default(),
            action.meeting.map(|m| m.to_string()).unwrap_or_default(),
        ]);
    }
    super::render::keep_first_column_whole(&mut table);
    table
}

/// One action as a line: "[ ] 7  Draft the plan (me, overdue by 3 days)".
pub fn action_line(ui: &Ui, action: &Action, today: NaiveDate) -> String {
    let mark = if action.is_open() { "[ ]" } else { "[x]" };
    let who = action.owner.as_deref().map(|o| format!("{o}, ")).unwrap_or_default();
    let detail = format!("({who}{})", action.state_label(today));
    let detail = if action.is_overdue(today) { ui.alert(&detail) } else { ui.dim(&detail) };
    format!("{mark} {:<4} {}  {detail}", action.id, action.text)
}

/// The meeting held with the same person before this one, and its actions still open.
pub struct FollowUp {
    pub meeting: EntryBrief,
    pub open: Vec<Action>,
}

/// What is still open from the last meeting with `person` before `this`
/// meeting (before any, for a meeting not stored yet).
pub fn follow_up(conn: &Conn, person: &str, this: Option<EntryId>) -> crate::db::Result<Option<FollowUp>> {
    let previous = match this {
        Some(id) => match actions::previous_meeting_with(conn, person, id)? {
            Some(id) => {
                let entry = entries::get(conn, id)?;
                Some(EntryBrief {
                    id,
                    kind: entry.kind(),
                    title: entry.fields.title,
                    date: entry.fields.date,
                    private: entry.fields.private,
                })
            }
            None => None,
        },
        None => mentors::last_meeting_with(conn, person)?,
    };
    let Some(meeting) = previous else { return Ok(None) };
    let open = actions::list(
        conn,
        ActionFilter {
            meeting: Some(meeting.id),
            open: Some(true),
            visibility: Visibility::IncludePrivate,
            ..Default::default()
        },
    )?;
    Ok(Some(FollowUp { meeting, open }))
}

/// The comment lines the editor shows for a meeting: the open actions from the last one.
pub fn follow_up_notes(
    conn: &Conn,
    fields: &EntryFields,
    this: Option<EntryId>,
    today: chrono::NaiveDate,
) -> crate::db::Result<Vec<String>> {
    let Some(person) = fields.details.with() else { return Ok(Vec::new()) };
    let Some(follow) = follow_up(conn, person, this)? else { return Ok(Vec::new()) };
    if follow.open.is_empty() {
        return Ok(Vec::new());
    }
    let mut notes = vec![format!(
        "Open from the last meeting with {person} ({}, entry {}):",
        follow.meeting.date, follow.meeting.id
    )];
    for action in &follow.open {
        notes.push(format!("  [ ] action {}  {} ({})", action.id, action.text, action.state_label(today)));
    }
    notes.push(String::new());
    Ok(notes)
}
