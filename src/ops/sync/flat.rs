//! Records as flat maps of fields, the shape the three-way merge of
//! `folio sync` works on. Each entry, goal, action and mentor, the profile
//! and the settings becomes `field → JSON value`; its sets (an entry's tags
//! and the entries it is about, a goal's competencies, the watched names,
//! the requirement sets and their tracking) are spread out one key per member (`tag:cpd`), so a member
//! added on one copy and another removed on the other both hold. A record in
//! the trash has the field `trashed`. What is merged otherwise (attachments,
//! claims, verdicts: by UUID and tombstone) and the stamps stay outside.
//!
//! [`hashes`] gives the short digest of each field that the sync base keeps.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::model::document::{DocAction, DocEntry, DocGoal, DocMentor, DocSettings, PortfolioDocument};

pub type Fields = BTreeMap<String, Value>;

/// The field of a record in the trash: when it was moved there.
pub const TRASHED: &str = "trashed";

/// Spread-out sets: `(the document's field, the prefix of its members' keys)`.
const ENTRY_SETS: &[(&str, &str)] = &[("tags", "tag:"), ("about", "about:")];
const GOAL_SETS: &[(&str, &str)] = &[("competencies", "competency:")];

/// Whether a key is one member of a set (two copies adding it never conflict).
pub fn is_set_member(key: &str) -> bool {
    ["tag:", "about:", "competency:", "watch:", "track:", "requirements:"].iter().any(|p| key.starts_with(p))
}

/// One record of a copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// What a person calls it: a title, a name.
    pub label: String,
    pub fields: Fields,
    /// When it last changed (empty for the settings, which keep no stamp).
    pub updated_at: String,
}

/// The digest of each field, as the sync base keeps it.
pub fn hashes(fields: &Fields) -> BTreeMap<String, String> {
    fields.iter().map(|(key, value)| (key.clone(), hash(value))).collect()
}

/// A field's digest: the first 8 bytes of the SHA-256 of its JSON, in hex.
pub fn hash(value: &Value) -> String {
    let digest = Sha256::digest(value.to_string().as_bytes());
    hex::encode(&digest[..8])
}

/// Every record of a document, by key (see [`super::super::merge::record_key`]).
pub fn records(document: &PortfolioDocument) -> BTreeMap<String, Record> {
    records_except(document, &HashMap::new())
}

/// The records of a document but those in `skip`.
pub fn records_except(
    document: &PortfolioDocument,
    skip: &HashMap<String, String>,
) -> BTreeMap<String, Record> {
    use super::super::merge::record_key;
    let mut records = BTreeMap::new();
    let mut add = |key: String, record: &dyn Fn() -> Record| {
        if !skip.contains_key(&key) {
            records.insert(key, record());
        }
    };
    for entry in &document.entries {
        add(record_key("entry", &entry.uuid), &|| Record {
            label: entry.fields.title.clone(),
            fields: entry_fields(entry),
            updated_at: entry.updated_at.clone(),
        });
    }
    for goal in &document.goals {
        add(record_key("goal", &goal.uuid), &|| Record {
            label: goal.title.clone(),
            fields: goal_fields(goal),
            updated_at: goal.updated_at.clone(),
        });
        for action in &goal.actions {
            add(record_key("action", &action.uuid), &|| action_record(action, Some(&goal.uuid)));
        }
    }
    for action in &document.actions {
        add(record_key("action", &action.uuid), &|| action_record(action, None));
    }
    for mentor in &document.mentors {
        add(record_key("mentor", &mentor.uuid), &|| Record {
            label: mentor.name.clone(),
            fields: mentor_fields(mentor),
            updated_at: mentor.updated_at.clone(),
        });
    }
    add("profile".into(), &|| Record {
        label: "the profile".into(),
        fields: flatten(&document.profile, &["updated_at"], &[], None),
        updated_at: document.profile.updated_at.clone().unwrap_or_default(),
    });
    add("settings".into(), &|| Record {
        label: "the settings".into(),
        fields: settings_fields(&document.settings),
        updated_at: String::new(),
    });
    records
}

/// The entries, goals, actions and mentors two documents hold alike, in
/// every field, file, claim and verdict (key → its `updated_at`).
pub fn alike(mine: &PortfolioDocument, theirs: &PortfolioDocument) -> HashMap<String, String> {
    use super::super::merge::record_key;
    let mut alike = HashMap::new();
    let entries: HashMap<&str, &DocEntry> = theirs.entries.iter().map(|e| (e.uuid.as_str(), e)).collect();
    for entry in &mine.entries {
        if entries.get(entry.uuid.as_str()).is_some_and(|other| *other == entry) {
            alike.insert(record_key("entry", &entry.uuid), entry.updated_at.clone());
        }
    }
    let goals_of = |doc: &PortfolioDocument| -> HashMap<String, String> {
        doc.goals.iter().flat_map(|g| g.actions.iter().map(|a| (a.uuid.clone(), g.uuid.clone()))).collect()
    };
    let (my_goal_of, their_goal_of) = (goals_of(mine), goals_of(theirs));
    let goals: HashMap<&str, &DocGoal> = theirs.goals.iter().map(|g| (g.uuid.as_str(), g)).collect();
    let actions: HashMap<&str, &DocAction> = theirs
        .goals
        .iter()
        .flat_map(|g| &g.actions)
        .chain(&theirs.actions)
        .map(|a| (a.uuid.as_str(), a))
        .collect();
    for goal in &mine.goals {
        let same = goals.get(goal.uuid.as_str()).is_some_and(|other| {
            DocGoal { actions: Vec::new(), ..(*other).clone() }
                == DocGoal { actions: Vec::new(), ..goal.clone() }
        });
        if same {
            alike.insert(record_key("goal", &goal.uuid), goal.updated_at.clone());
        }
    }
    for action in mine.goals.iter().flat_map(|g| &g.actions).chain(&mine.actions) {
        if actions.get(action.uuid.as_str()).is_some_and(|other| *other == action)
            && my_goal_of.get(&action.uuid) == their_goal_of.get(&action.uuid)
        {
            alike.insert(record_key("action", &action.uuid), action.changed_at().to_string());
        }
    }
    let mentors: HashMap<&str, &DocMentor> = theirs.mentors.iter().map(|m| (m.uuid.as_str(), m)).collect();
    for mentor in &mine.mentors {
        if mentors.get(mentor.uuid.as_str()).is_some_and(|other| *other == mentor) {
            alike.insert(record_key("mentor", &mentor.uuid), mentor.updated_at.clone());
        }
    }
    alike
}

fn entry_fields(entry: &DocEntry) -> Fields {
    let outside = ["uuid", "attachments", "claims", "verdicts", "created_at", "updated_at", "deleted_at"];
    flatten(entry, &outside, ENTRY_SETS, entry.deleted_at.as_ref())
}

fn goal_fields(goal: &DocGoal) -> Fields {
    flatten(
        goal,
        &["uuid", "actions", "created_at", "updated_at", "deleted_at"],
        GOAL_SETS,
        goal.deleted_at.as_ref(),
    )
}

fn action_record(action: &DocAction, goal: Option<&str>) -> Record {
    let mut fields =
        flatten(action, &["uuid", "created_at", "updated_at", "deleted_at"], &[], action.deleted_at.as_ref());
    if let Some(goal) = goal {
        fields.insert("goal".into(), Value::String(goal.into()));
    }
    Record { label: action.text.clone(), fields, updated_at: action.changed_at().to_string() }
}

fn mentor_fields(mentor: &DocMentor) -> Fields {
    let mut fields = flatten(mentor, &["uuid", "created_at", "updated_at"], &[], None);
    // The contract's bytes are told by its SHA-256.
    if let Some(Value::Object(contract)) = fields.get_mut("contract") {
        contract.remove("data");
    }
    fields
}

fn settings_fields(settings: &DocSettings) -> Fields {
    let mut fields = Fields::new();
    for set in &settings.requirement_sets {
        fields.insert(format!("requirements:{}", set.key.to_lowercase()), to_value(set));
    }
    for tracked in &settings.tracked_requirements {
        fields.insert(format!("track:{}", tracked.key.to_lowercase()), to_value(tracked));
    }
    for name in &settings.watched_names {
        fields.insert(format!("watch:{}", name.to_lowercase()), Value::String(name.clone()));
    }
    fields
}

/// The settings a merged record holds.
pub fn settings_from(fields: &Fields) -> Result<DocSettings, serde_json::Error> {
    let mut settings = DocSettings::default();
    for (key, value) in fields {
        if key.starts_with("requirements:") {
            settings.requirement_sets.push(serde_json::from_value(value.clone())?);
        } else if key.starts_with("track:") {
            settings.tracked_requirements.push(serde_json::from_value(value.clone())?);
        } else if key.starts_with("watch:") {
            settings.watched_names.push(serde_json::from_value(value.clone())?);
        }
    }
    Ok(settings)
}

fn to_value(value: &impl Serialize) -> Value {
    // Serialising the document's own types to JSON cannot fail (string keys, no non-finite floats).
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A record's JSON object, less the `outside` keys and nulls, with `sets` spread out.
fn flatten(
    record: &impl Serialize,
    outside: &[&str],
    sets: &[(&str, &str)],
    trashed: Option<&String>,
) -> Fields {
    let Value::Object(map) = to_value(record) else { return Fields::new() };
    let mut fields = Fields::new();
    for (key, value) in map {
        if outside.contains(&key.as_str()) || value.is_null() {
            continue;
        }
        match (sets.iter().find(|(field, _)| *field == key), value) {
            (Some((_, prefix)), Value::Array(members)) => {
                for member in members {
                    let name = member.as_str().map_or_else(|| member.to_string(), str::to_lowercase);
                    fields.insert(format!("{prefix}{name}"), member);
                }
            }
            (_, value) => {
                fields.insert(key, value);
            }
        }
    }
    if let Some(at) = trashed {
        fields.insert(TRASHED.into(), Value::String(at.clone()));
    }
    fields
}

/// The inverse of [`flatten`]: the record from its fields and what lies
/// outside them (`outside`: uuid, stamps, files…), sets gathered in order.
pub fn rebuild<T: DeserializeOwned>(
    fields: &Fields,
    sets: &[(&str, &str)],
    outside: Map<String, Value>,
) -> Result<T, serde_json::Error> {
    let mut map = outside;
    let mut gathered: BTreeMap<&str, Vec<(String, Value)>> = BTreeMap::new();
    for (key, value) in fields {
        if key == TRASHED {
            continue;
        }
        match sets.iter().find(|(_, prefix)| key.starts_with(prefix)) {
            Some((field, prefix)) => {
                gathered.entry(field).or_default().push((key[prefix.len()..].to_string(), value.clone()))
            }
            None => {
                map.insert(key.clone(), value.clone());
            }
        }
    }
    for (field, members) in gathered {
        map.insert(field.to_string(), Value::Array(members.into_iter().map(|(_, v)| v).collect()));
    }
    serde_json::from_value(Value::Object(map))
}

/// Rebuilds an entry, a goal or an action from merged fields.
pub fn rebuild_entry(fields: &Fields, outside: Map<String, Value>) -> Result<DocEntry, serde_json::Error> {
    rebuild(fields, ENTRY_SETS, outside)
}

pub fn rebuild_goal(fields: &Fields, outside: Map<String, Value>) -> Result<DocGoal, serde_json::Error> {
    rebuild(fields, GOAL_SETS, outside)
}

/// The goal an action's fields name.
pub fn action_goal(fields: &Fields) -> Option<&str> {
    fields.get("goal").and_then(Value::as_str)
}

pub fn rebuild_action(fields: &Fields, outside: Map<String, Value>) -> Result<DocAction, serde_json::Error> {
    let mut fields = fields.clone();
    fields.remove("goal");
    rebuild(&fields, &[], outside)
}

pub fn rebuild_plain<T: DeserializeOwned>(
    fields: &Fields,
    outside: Map<String, Value>,
) -> Result<T, serde_json::Error> {
    rebuild(fields, &[], outside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryFields, EntryKind};

    fn entry() -> DocEntry {
        let mut fields = EntryFields::new(EntryKind::Course, "Study day", "2026-02".parse().unwrap());
        fields.tags = vec!["CPD".into(), "leadership".into()];
        fields.about = vec!["a-role".into(), "b-course".into()];
        DocEntry::new("e1".into(), fields, "2026-02-01T10:00:00.000Z".into())
    }

    #[test]
    fn an_entry_flattens_with_its_tags_spread_out_and_rebuilds_the_same() {
        let mut entry = entry();
        entry.deleted_at = Some("2026-02-02T00:00:00.000Z".into());
        let fields = entry_fields(&entry);
        assert_eq!(fields["title"], "Study day");
        assert_eq!(fields["tag:cpd"], "CPD", "a member's key is its lower-case name, its value as written");
        assert_eq!(fields[TRASHED], "2026-02-02T00:00:00.000Z", "when it went to the trash");
        assert_eq!(
            (&fields["about:a-role"], &fields["about:b-course"]),
            (&"a-role".into(), &"b-course".into())
        );
        assert!(
            !fields.contains_key("tags")
                && !fields.contains_key("about")
                && !fields.contains_key("uuid")
                && !fields.contains_key("updated_at")
        );
        let outside = serde_json::json!({"uuid": "e1", "created_at": entry.created_at, "updated_at": entry.updated_at,
                                         "deleted_at": entry.deleted_at});
        let Value::Object(outside) = outside else { unreachable!() };
        let back = rebuild_entry(&fields, outside).unwrap();
        assert_eq!(back, entry);
    }

    #[test]
    fn a_field_hash_changes_with_its_value_only() {
        let a = entry_fields(&entry());
        let mut changed = entry();
        changed.fields.body = "more".into();
        let b = entry_fields(&changed);
        let (ha, hb) = (hashes(&a), hashes(&b));
        assert_eq!(ha["title"], hb["title"]);
        assert_ne!(ha.get("body"), hb.get("body"));
        assert_eq!(ha["title"].len(), 16);
    }

    #[test]
    fn settings_spread_out_by_lower_case_key_and_come_back() {
        let settings = DocSettings {
            requirement_sets: vec![crate::model::document::DocRequirementSet {
                key: "HCPC".into(),
                text: "x".into(),
            }],
            tracked_requirements: vec![crate::model::document::DocTracked { key: "nmc".into(), due: None }],
            watched_names: vec!["Mrs Patel".into()],
        };
        let fields = settings_fields(&settings);
        assert!(fields.contains_key("requirements:hcpc") && fields.contains_key("watch:mrs patel"));
        assert_eq!(settings_from(&fields).unwrap(), settings);
    }
}
