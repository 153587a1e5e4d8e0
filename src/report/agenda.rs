//! What needs attention now: overdue and due actions, goals due, expiring
//! certificates, mentors you are due to meet, and what is still open from
//! the last meeting with each. `folio agenda` prints it; its `--json` shape
//! is these structs.

use std::collections::HashSet;
use std::hash::BuildHasher;

use chrono::NaiveDate;
use serde::Serialize;

use crate::db::actions::{self, ActionFilter};
use crate::db::goals::{self, GoalFilter};
use crate::db::{Conn, Result, entries, mentors};
use crate::model::Visibility;
use crate::model::summary::EntryBrief;
use crate::model::{
    Action, ActionId, DueState, EntryId, GoalId, GoalStatus, MentorId, MentorRole, PartialDate,
};

/// Everything on the agenda, in the order it is shown.
#[derive(Debug, Default, Serialize)]
pub struct Agenda {
    pub actions_overdue: Vec<AgendaAction>,
    pub actions_due: Vec<AgendaAction>,
    pub goals_due: Vec<AgendaGoal>,
    pub certificates_expiring: Vec<AgendaCertificate>,
    pub meetings_due: Vec<AgendaMeeting>,
    /// Open actions from the last meeting with each current mentor, not listed above.
    pub from_last_meetings: Vec<AgendaFollowUp>,
    /// The rules not yet met of each requirement set followed (`folio requirements track`).
    pub requirements_unmet: Vec<AgendaRequirement>,
    /// Conflicts found by `folio sync` and not yet settled (`folio conflicts`).
    pub conflicts_open: usize,
}

#[derive(Debug, Serialize)]
pub struct AgendaRequirement {
    /// The set's key.
    pub id: String,
    pub title: String,
    pub due: Option<PartialDate>,
    pub rule: String,
    /// "28.5 of 35".
    pub figure: String,
    pub shortfall: Option<String>,
    /// "reflect on 3 courses already recorded (4.5 hours): 12, 14, 15".
    pub would_meet: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AgendaAction {
    pub id: ActionId,
    pub text: String,
    pub due: PartialDate,
    /// Negative when overdue.
    pub days_left: i64,
    pub goal: Option<GoalId>,
    pub meeting: Option<EntryId>,
    pub owner: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AgendaGoal {
    pub id: GoalId,
    pub title: String,
    pub due: PartialDate,
    pub days_left: i64,
}

#[derive(Debug, Serialize)]
pub struct AgendaCertificate {
    /// The entry's id.
    pub id: EntryId,
    pub title: String,
    pub expires: PartialDate,
    pub days_left: i64,
}

#[derive(Debug, Serialize)]
pub struct AgendaMeeting {
    /// The mentor's id.
    pub id: MentorId,
    pub name: String,
    pub role: MentorRole,
    pub last_meeting: Option<EntryBrief>,
    pub due: NaiveDate,
    pub days_left: i64,
}

#[derive(Debug, Serialize)]
pub struct AgendaFollowUp {
    /// The action's id.
    pub id: ActionId,
    pub text: String,
    pub mentor: String,
    pub meeting: EntryBrief,
    pub owner: Option<String>,
}

/// The agenda of `today`, looking `until` ahead for actions and goals.
pub fn agenda(conn: &Conn, today: NaiveDate, until: NaiveDate) -> Result<Agenda> {
    let mut agenda = Agenda { conflicts_open: crate::db::conflicts::open_count(conn)?, ..Agenda::default() };
    // Only what may fall due by `until` is read (an index on the due date
    // narrows it); the follow-ups of each last meeting are read below.
    let open = |meeting: Option<EntryId>, due_by: Option<NaiveDate>| {
        let visibility = Visibility::IncludePrivate;
        actions::list(
            conn,
            ActionFilter { open: Some(true), meeting, due_by, visibility, ..Default::default() },
        )
    };
    for action in &open(None, Some(until))? {
        let (Some(due), Some(state)) = (action.due, action.due_state(today)) else { continue };
        if !state.within(today, until) {
            continue;
        }
        let item = agenda_action(action, due, state);
        if state.is_overdue() { agenda.actions_overdue.push(item) } else { agenda.actions_due.push(item) }
    }
    let filter = GoalFilter {
        status: Some(GoalStatus::Open),
        visibility: Visibility::IncludePrivate,
        trashed: false,
        due_by: Some(until),
    };
    for goal in goals::list(conn, filter)? {
        if let (Some(due), Some(state)) = (goal.due, goal.due_state(today))
            && state.within(today, until)
        {
            agenda.goals_due.push(AgendaGoal {
                id: goal.id,
                title: goal.title,
                due,
                days_left: state.days_left(),
            });
        }
    }
    let notice = today + crate::model::plan::EXPIRY_NOTICE;
    agenda.certificates_expiring = certificates(conn, today, notice)?;
    for mentor in mentors::list(conn)?.into_iter().filter(|m| m.is_current(today)) {
        let last = mentors::last_meeting_with(conn, &mentor.name)?;
        if let Some(due) = mentor.next_meeting_due(last.as_ref().map(|l| l.date), today)
            && due <= today
        {
            agenda.meetings_due.push(AgendaMeeting {
                id: mentor.id,
                name: mentor.name.clone(),
                role: mentor.role,
                last_meeting: last.clone(),
                due,
                days_left: (due - today).num_days(),
            });
        }
        let Some(last) = last else { continue };
        let listed =
            |id: ActionId| agenda.actions_overdue.iter().chain(&agenda.actions_due).any(|a| a.id == id);
        let follow_ups: Vec<AgendaFollowUp> = open(Some(last.id), None)?
            .iter()
            .filter(|a| !listed(a.id))
            .map(|a| AgendaFollowUp {
                id: a.id,
                text: a.text.clone(),
                mentor: mentor.name.clone(),
                meeting: last.clone(),
                owner: a.owner.clone(),
            })
            .collect();
        agenda.from_last_meetings.extend(follow_ups);
    }
    for (key, due) in crate::db::requirements::tracked(conn)? {
        let Some(known) = crate::report::requirements::find(conn, &key)? else { continue };
        let as_of = due.map_or(today, |d| d.last_day());
        let result = crate::report::requirements::check(conn, &known.set, as_of, Visibility::IncludePrivate)?;
        for rule in result.rules.into_iter().filter(|r| !r.met) {
            agenda.requirements_unmet.push(AgendaRequirement {
                id: known.set.key.clone(),
                title: known.set.title.clone(),
                due,
                figure: rule.figure(),
                rule: rule.name,
                shortfall: rule.shortfall,
                would_meet: rule.would_meet,
            });
        }
    }
    Ok(agenda)
}

fn agenda_action(action: &Action, due: PartialDate, state: DueState) -> AgendaAction {
    AgendaAction {
        id: action.id,
        text: action.text.clone(),
        due,
        days_left: state.days_left(),
        goal: action.goal,
        meeting: action.meeting,
        owner: action.owner.clone(),
    }
}

/// Certificates expired or expiring by `until`, soonest first — leaving out
/// one that was renewed: a later certificate of the same title is on record.
pub fn certificates(conn: &Conn, today: NaiveDate, until: NaiveDate) -> Result<Vec<AgendaCertificate>> {
    let mut due = Vec::new();
    each_latest_certificate(conn, |c| {
        let state = DueState::of(c.expires, today);
        if state.within(today, until) {
            due.push(AgendaCertificate {
                id: c.id,
                title: c.title.to_string(),
                expires: c.expires,
                days_left: state.days_left(),
            });
        }
    })?;
    due.sort_by_key(|c| (c.days_left, c.id));
    Ok(due)
}

/// Calls `each` with the latest certificate of each title (by date, then
/// id; titles compared trimmed and case-folded), newest first. Read newest
/// first, the first certificate of a title is its latest, so each of the
/// 40,000 certificates of a million-entry portfolio is looked at once; of
/// each title only a 128-bit fingerprint of its folded text is kept (two
/// hashes seeded at random for this run: two titles that differ collide
/// with a chance of about one in 10^29 at that size).
pub fn each_latest_certificate(
    conn: &Conn,
    mut each: impl FnMut(&entries::CertificateRow<'_>),
) -> Result<()> {
    let seeds = (foldhash::fast::RandomState::default(), foldhash::fast::RandomState::default());
    let mut seen: HashSet<u128, foldhash::fast::RandomState> = HashSet::default();
    let mut folded = String::new();
    entries::each_certificate_newest_first(conn, |c| {
        fold_title(c.title, &mut folded);
        let fingerprint =
            (u128::from(seeds.0.hash_one(&folded)) << 64) | u128::from(seeds.1.hash_one(&folded));
        if seen.insert(fingerprint) {
            each(c);
        }
        Ok(())
    })
}

/// The title as certificates are compared: trimmed, lower case (in Unicode;
/// ASCII titles without a copy), into `out`.
fn fold_title(title: &str, out: &mut String) {
    out.clear();
    let title = title.trim();
    if title.is_ascii() {
        out.extend(title.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        out.push_str(&title.to_lowercase());
    }
}

impl Agenda {
    pub fn is_empty(&self) -> bool {
        self.actions_overdue.is_empty()
            && self.actions_due.is_empty()
            && self.goals_due.is_empty()
            && self.certificates_expiring.is_empty()
            && self.meetings_due.is_empty()
            && self.from_last_meetings.is_empty()
            && self.requirements_unmet.is_empty()
            && self.conflicts_open == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::model::{EntryFields, EntryKind, KindDetails, KindValues};

    fn certificate(db: &Db, title: &str, date: &str, expires: &str) -> EntryId {
        let mut draft = EntryFields::new(EntryKind::Certificate, title, date.parse().unwrap());
        let values = KindValues { expires: Some(expires.parse().unwrap()), ..KindValues::default() };
        draft.details = KindDetails::new(EntryKind::Certificate, values).unwrap();
        draft.validate().unwrap();
        entries::insert(&db.as_tx(), &draft, &format!("u-{title}-{expires}"), "now").unwrap()
    }

    #[test]
    fn titles_fold_as_unicode_lower_case_does() {
        let mut out = String::new();
        for title in ["  First Aid ", "ÉCHOGRAPHIE", "ΟΔΟΣ", "İstanbul"] {
            fold_title(title, &mut out);
            assert_eq!(out, title.trim().to_lowercase());
        }
    }

    #[test]
    fn a_renewed_certificate_is_not_on_the_agenda() {
        let db = Db::open_in_memory().unwrap();
        let today: NaiveDate = "2026-03-15".parse().unwrap();
        let first_aid = certificate(&db, "First aid", "2023-03", "2026-03-01");
        certificate(&db, "first aid ", "2026-03-05", "2029-03-01");
        let safeguarding = certificate(&db, "Safeguarding", "2024-01", "2026-05-20");
        certificate(&db, "Manual handling", "2024-01", "2026-08-01");
        let fire = certificate(&db, "Fire safety", "2020-01", "2025-01");
        // Two of the same title and date: the later id is the renewal.
        let replaced = certificate(&db, "ILS", "2025-06-01", "2026-03-20");
        let ils = certificate(&db, "ILS", "2025-06-01", "2026-04-01");
        certificate(&db, "ÉCHOGRAPHIE", "2022-01", "2026-04-02");
        let echo = certificate(&db, "échographie", "2022-01", "2026-04-03");
        let due = certificates(db.read(), today, today + crate::model::plan::EXPIRY_NOTICE).unwrap();
        let shown: Vec<(EntryId, i64)> = due.iter().map(|c| (c.id, c.days_left)).collect();
        assert_eq!(
            shown,
            [(fire, -408), (ils, 17), (echo, 19), (safeguarding, 66)],
            "expired first; renewed (case and accents folded) and far-off ones left out"
        );
        assert!(!shown.iter().any(|(id, _)| [first_aid, replaced].contains(id)));
    }
}
