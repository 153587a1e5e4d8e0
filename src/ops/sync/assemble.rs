//! The document a sync writes to both copies, put together from the merged
//! records and what lies outside their fields: stamps, files, claims and
//! verdicts (each copy's, by UUID, less what either deleted for good), the
//! ratings and the frameworks (the newer of each).
//!
//! A merged record that is not a valid one (a template taken from one side
//! and sections from the other that do not fit it) is not written: the
//! newer side's whole record is, and every field that differed is a conflict.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};

use super::Sides;
use super::flat::{self, Record, TRASHED};
use super::three_way::mine_is_newer;
use crate::db::DbError;
use crate::db::conflicts::Conflict;
use crate::model::document::{DocAction, DocEntry, DocGoal, DocMentor, PortfolioDocument};
use crate::model::stamp::is_later;

type Result<T> = std::result::Result<T, DbError>;

/// What the merged records are put together from.
pub struct Sources<'a> {
    pub mine: &'a PortfolioDocument,
    pub theirs: &'a PortfolioDocument,
    /// Every tombstone of either copy.
    pub stones: &'a HashSet<&'a str>,
    pub now: &'a str,
}

/// One record's two versions as the copies hold them.
struct Pair<'a, T> {
    mine: Option<&'a T>,
    theirs: Option<&'a T>,
}

impl<'a, T> Pair<'a, T> {
    fn of(key: &str, mine: &HashMap<&str, &'a T>, theirs: &HashMap<&str, &'a T>) -> Self {
        Pair { mine: mine.get(key).copied(), theirs: theirs.get(key).copied() }
    }

    /// The newer version first (the record's stamps decide), then the other.
    fn newer_first(&self, mine_newer: bool) -> Vec<&'a T> {
        let (a, b) = if mine_newer { (self.mine, self.theirs) } else { (self.theirs, self.mine) };
        a.into_iter().chain(b).collect()
    }
}

pub fn document(
    merged: &mut BTreeMap<String, Record>,
    my_records: &BTreeMap<String, Record>,
    their_records: &BTreeMap<String, Record>,
    sources: &Sources,
    sides: &Sides,
    found: &mut Vec<Conflict>,
) -> Result<PortfolioDocument> {
    let (mine, theirs) = (Index::of(sources.mine), Index::of(sources.theirs));
    // Entries kept against a deletion for good keep their claims, verdicts and files too.
    let kept: HashSet<String> = found
        .iter()
        .filter(|c| c.field == "purged")
        .filter_map(|c| c.record.strip_prefix("entry:"))
        .map(str::to_string)
        .collect();
    let gone = |key: &str, entry: &str| sources.stones.contains(key) && !kept.contains(entry);

    let mut document = PortfolioDocument::empty();
    let mut goals: Vec<DocGoal> = Vec::new();
    let mut actions: Vec<(Option<String>, DocAction)> = Vec::new();
    let keys: Vec<String> = merged.keys().cloned().collect();
    for key in keys {
        let (kind, uuid) = key.split_once(':').unwrap_or((key.as_str(), ""));
        let (m, t) = (my_records.get(&key), their_records.get(&key));
        let mine_newer = match (m, t) {
            (Some(m), Some(t)) => mine_is_newer(m, t),
            (m, _) => m.is_some(),
        };
        let record = &merged[&key];
        match kind {
            "entry" => {
                let pair = Pair::of(uuid, &mine.entries, &theirs.entries);
                let build = |record: &Record| -> Option<DocEntry> {
                    let outside = entry_outside(uuid, &pair, mine_newer, record, sources.now, &gone);
                    let entry = flat::rebuild_entry(&record.fields, outside).ok()?;
                    entry.fields.clone().validate().ok().map(|()| entry)
                };
                let entry = match build(record) {
                    Some(entry) => entry,
                    None => {
                        let whole = take_newer(&key, merged, m, t, mine_newer, sides, found);
                        build(&whole).ok_or_else(|| invalid(&key))?
                    }
                };
                document.entries.push(entry);
            }
            "goal" => {
                let pair = Pair::of(uuid, &mine.goals, &theirs.goals);
                let build = |record: &Record| {
                    let mut outside =
                        stamps(&pair.newer_first(mine_newer), |g| (&g.uuid, &g.created_at), record);
                    trashed(
                        &mut outside,
                        record,
                        pair.newer_first(mine_newer).iter().map(|g| &g.deleted_at),
                        sources.now,
                    );
                    outside.insert("actions".into(), Value::Array(Vec::new()));
                    flat::rebuild_goal(&record.fields, outside).ok()
                };
                let goal = match build(record) {
                    Some(goal) => goal,
                    None => build(&take_newer(&key, merged, m, t, mine_newer, sides, found))
                        .ok_or_else(|| invalid(&key))?,
                };
                goals.push(goal);
            }
            "action" => {
                let pair = Pair::of(uuid, &mine.actions, &theirs.actions);
                let build = |record: &Record| {
                    let mut outside =
                        stamps(&pair.newer_first(mine_newer), |a| (&a.uuid, &a.created_at), record);
                    trashed(
                        &mut outside,
                        record,
                        pair.newer_first(mine_newer).iter().map(|a| &a.deleted_at),
                        sources.now,
                    );
                    let goal = flat::action_goal(&record.fields).map(str::to_string);
                    flat::rebuild_action(&record.fields, outside).ok().map(|a| (goal, a))
                };
                let action = match build(record) {
                    Some(action) => action,
                    None => build(&take_newer(&key, merged, m, t, mine_newer, sides, found))
                        .ok_or_else(|| invalid(&key))?,
                };
                actions.push(action);
            }
            "mentor" => {
                let pair = Pair::of(uuid, &mine.mentors, &theirs.mentors);
                let build = |record: &Record| {
                    let outside = stamps(&pair.newer_first(mine_newer), |m| (&m.uuid, &m.created_at), record);
                    let mut mentor: DocMentor = flat::rebuild_plain(&record.fields, outside).ok()?;
                    if let Some(contract) = &mut mentor.contract {
                        // The bytes of that contract, from whichever copy has them.
                        contract.data = pair
                            .newer_first(mine_newer)
                            .iter()
                            .filter_map(|m| m.contract.as_ref())
                            .find(|c| c.sha256 == contract.sha256)
                            .and_then(|c| c.data.clone());
                    }
                    Some(mentor)
                };
                let mentor = match build(record) {
                    Some(mentor) => mentor,
                    None => build(&take_newer(&key, merged, m, t, mine_newer, sides, found))
                        .ok_or_else(|| invalid(&key))?,
                };
                document.mentors.push(mentor);
            }
            "profile" => {
                let mut outside = Map::new();
                if !record.updated_at.is_empty() {
                    outside.insert("updated_at".into(), Value::String(record.updated_at.clone()));
                }
                document.profile = flat::rebuild_plain(&record.fields, outside).map_err(|_| invalid(&key))?;
            }
            "settings" => {
                document.settings = flat::settings_from(&record.fields).map_err(|_| invalid(&key))?
            }
            _ => return Err(invalid(&key)),
        }
    }
    let positions: HashMap<String, usize> =
        goals.iter().enumerate().map(|(i, g)| (g.uuid.clone(), i)).collect();
    for (goal, action) in actions {
        match goal.and_then(|g| positions.get(&g).copied()) {
            Some(at) => goals[at].actions.push(action),
            None => document.actions.push(action),
        }
    }
    document.goals = goals;
    document.ratings = union_by_uuid(&sources.mine.ratings, &sources.theirs.ratings, |r| &r.uuid)
        .into_iter()
        .filter(|r| !sources.stones.contains(r.uuid.as_str()))
        .collect();
    document.outbox = union_by_uuid(&sources.mine.outbox, &sources.theirs.outbox, |s| &s.uuid);
    document.frameworks = newer_frameworks(sources);
    Ok(document)
}

fn invalid(key: &str) -> DbError {
    DbError::BadRecord { at: key.to_string(), reason: "neither copy holds a valid version of it".into() }
}

/// Falls back to the newer side's whole record: every field that differed is a conflict.
fn take_newer(
    key: &str,
    merged: &mut BTreeMap<String, Record>,
    mine: Option<&Record>,
    theirs: Option<&Record>,
    mine_newer: bool,
    sides: &Sides,
    found: &mut Vec<Conflict>,
) -> Record {
    let (Some(m), Some(t)) = (mine, theirs) else {
        return merged[key].clone();
    };
    let (newer, older) = if mine_newer { (m, t) } else { (t, m) };
    found.retain(|c| c.record != key);
    let keys: std::collections::BTreeSet<&String> = m.fields.keys().chain(t.fields.keys()).collect();
    for field in keys {
        let (kept, other) = (newer.fields.get(field), older.fields.get(field));
        if kept != other {
            found.push(sides.conflict(key, &newer.label, field, kept, other, mine_newer));
        }
    }
    let record = newer.clone();
    merged.insert(key.to_string(), record.clone());
    record
}

/// The UUID and stamps of a goal, action or mentor (`created_at` of the newer version).
fn stamps<T>(versions: &[&T], ids: impl Fn(&T) -> (&String, &String), record: &Record) -> Map<String, Value> {
    let mut outside = Map::new();
    if let Some(first) = versions.first() {
        let (uuid, created_at) = ids(first);
        outside.insert("uuid".into(), Value::String(uuid.clone()));
        outside.insert("created_at".into(), Value::String(created_at.clone()));
    }
    outside.insert("updated_at".into(), Value::String(record.updated_at.clone()));
    outside
}

/// `deleted_at` for a merged record in the trash: when it went there as
/// merged, else when either copy moved it there, else now.
fn trashed<'a>(
    outside: &mut Map<String, Value>,
    record: &Record,
    deleted: impl Iterator<Item = &'a Option<String>>,
    now: &str,
) {
    match record.fields.get(TRASHED) {
        Some(Value::String(at)) => {
            outside.insert("deleted_at".into(), Value::String(at.clone()));
        }
        Some(_) => {
            let at = deleted.flatten().next().map_or_else(|| now.to_string(), Clone::clone);
            outside.insert("deleted_at".into(), Value::String(at));
        }
        None => {}
    }
}

fn entry_outside(
    uuid: &str,
    pair: &Pair<DocEntry>,
    mine_newer: bool,
    record: &Record,
    now: &str,
    gone: &dyn Fn(&str, &str) -> bool,
) -> Map<String, Value> {
    let versions = pair.newer_first(mine_newer);
    let mut outside = stamps(&versions, |e| (&e.uuid, &e.created_at), record);
    trashed(&mut outside, record, versions.iter().map(|e| &e.deleted_at), now);
    let mut names = HashSet::new();
    let files: Vec<_> = versions
        .iter()
        .flat_map(|e| &e.attachments)
        .filter(|a| !gone(&format!("{uuid}/{}@{}", a.name, a.sha256), uuid))
        .filter(|a| names.insert(a.name.clone()))
        .collect();
    outside.insert("attachments".into(), to_value(&files));
    let claims: Vec<_> = dedup(versions.iter().flat_map(|e| &e.claims), |c| &c.uuid)
        .into_iter()
        .filter(|c| !gone(&c.uuid, uuid))
        .collect();
    outside.insert("claims".into(), to_value(&claims));
    let verdicts: Vec<_> = dedup(versions.iter().flat_map(|e| &e.verdicts), |v| &v.uuid)
        .into_iter()
        .filter(|v| !gone(&v.uuid, uuid))
        .collect();
    outside.insert("verdicts".into(), to_value(&verdicts));
    outside
}

fn to_value(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn dedup<'a, T>(items: impl Iterator<Item = &'a T>, uuid: impl Fn(&T) -> &String) -> Vec<&'a T> {
    let mut seen = HashSet::new();
    items.filter(|item| seen.insert(uuid(item).clone())).collect()
}

fn union_by_uuid<T: Clone>(mine: &[T], theirs: &[T], uuid: impl Fn(&T) -> &String) -> Vec<T> {
    dedup(mine.iter().chain(theirs), uuid).into_iter().cloned().collect()
}

/// Each framework once: the newer of the two copies' versions.
fn newer_frameworks(sources: &Sources) -> Vec<crate::model::Framework> {
    let mut chosen: BTreeMap<String, &crate::model::Framework> = BTreeMap::new();
    for framework in sources.mine.frameworks.iter().chain(&sources.theirs.frameworks) {
        let key = framework.key.to_lowercase();
        let newer = match chosen.get(&key) {
            Some(held) => match (&framework.updated_at, &held.updated_at) {
                (Some(a), Some(b)) => is_later(a, b),
                (Some(_), None) => true,
                _ => false,
            },
            None => true,
        };
        if newer {
            chosen.insert(key, framework);
        }
    }
    chosen.into_values().cloned().collect()
}

/// Each copy's entries, goals, actions and mentors by UUID.
struct Index<'a> {
    entries: HashMap<&'a str, &'a DocEntry>,
    goals: HashMap<&'a str, &'a DocGoal>,
    actions: HashMap<&'a str, &'a DocAction>,
    mentors: HashMap<&'a str, &'a DocMentor>,
}

impl<'a> Index<'a> {
    fn of(document: &'a PortfolioDocument) -> Self {
        let actions = document.goals.iter().flat_map(|g| &g.actions).chain(&document.actions);
        Index {
            entries: document.entries.iter().map(|e| (e.uuid.as_str(), e)).collect(),
            goals: document.goals.iter().map(|g| (g.uuid.as_str(), g)).collect(),
            actions: actions.map(|a| (a.uuid.as_str(), a)).collect(),
            mentors: document.mentors.iter().map(|m| (m.uuid.as_str(), m)).collect(),
        }
    }
}
