//! The three-way merge of one record: the version on this copy, the one on
//! the other copy, and the base both last agreed on. A field changed on one
//! side only is taken from that side; changed on both to the same value, it
//! is simply that value; changed on both to different values, it is a
//! conflict: the record keeps the newer side's value and the other is kept
//! in the conflict. Set members (tags…) never conflict: a member added on
//! either side stays, one removed on a side and untouched on the other goes.
//! A record moved to the trash on one side and edited on the other stays
//! live, and that is a conflict too.

use std::collections::BTreeMap;

use serde_json::Value;

use super::flat::{Fields, Record, TRASHED, hash, is_set_member};
use crate::model::stamp::is_later;

/// What is known of the version both copies last agreed on.
#[derive(Debug, Clone, Copy)]
pub enum Base<'a> {
    /// The digests of its fields; `None` when the record is newer than the base.
    Agreed(Option<&'a BTreeMap<String, String>>),
    /// Only when the copies last synced (a sync by an older folio): a side
    /// whose stamp is not later did not change the record.
    Since(&'a str),
    /// Nothing: every field that differs is a conflict.
    Unknown,
}

/// A field changed on both sides; `None` is a field without a value.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldConflict {
    pub field: String,
    pub kept: Option<Value>,
    pub other: Option<Value>,
    /// Whether the kept value is this copy's.
    pub kept_mine: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub fields: Fields,
    pub conflicts: Vec<FieldConflict>,
}

/// Whether this copy's version is the newer (a tie goes to this copy).
pub fn mine_is_newer(mine: &Record, theirs: &Record) -> bool {
    !is_later(&theirs.updated_at, &mine.updated_at)
}

pub fn merge(base: Base, mine: &Record, theirs: &Record) -> Merged {
    if mine.fields == theirs.fields {
        return Merged { fields: mine.fields.clone(), conflicts: Vec::new() };
    }
    let agreed = match base {
        Base::Agreed(hashes) => hashes,
        Base::Since(last) => match (is_later(&mine.updated_at, last), is_later(&theirs.updated_at, last)) {
            (true, false) => return Merged { fields: mine.fields.clone(), conflicts: Vec::new() },
            (false, true) => return Merged { fields: theirs.fields.clone(), conflicts: Vec::new() },
            _ => None,
        },
        Base::Unknown => None,
    };
    let mine_newer = mine_is_newer(mine, theirs);
    let mut merged = Fields::new();
    let mut conflicts = Vec::new();
    let keys: std::collections::BTreeSet<&String> = mine.fields.keys().chain(theirs.fields.keys()).collect();
    for key in keys {
        let (m, t) = (mine.fields.get(key), theirs.fields.get(key));
        let value = if m == t {
            m
        } else {
            match agreed.map(|base| base.get(key)) {
                Some(b) if m.map(hash).as_ref() == b => t,
                Some(b) if t.map(hash).as_ref() == b => m,
                _ if is_set_member(key) && m.is_some() && t.is_some() => {
                    if mine_newer {
                        m
                    } else {
                        t
                    }
                }
                _ if key == TRASHED => {
                    // In the trash on one side, live on the other: it stays live.
                    conflicts.push(FieldConflict {
                        field: key.clone(),
                        kept: None,
                        other: Some(Value::Bool(true)),
                        kept_mine: m.is_none(),
                    });
                    None
                }
                _ => {
                    let (kept, other) = if mine_newer { (m, t) } else { (t, m) };
                    conflicts.push(FieldConflict {
                        field: key.clone(),
                        kept: kept.cloned(),
                        other: other.cloned(),
                        kept_mine: mine_newer,
                    });
                    kept
                }
            }
        };
        if let Some(value) = value {
            merged.insert(key.clone(), value.clone());
        }
    }
    if let Some(base) = agreed
        && merged.contains_key(TRASHED)
        && mine.fields.contains_key(TRASHED) != theirs.fields.contains_key(TRASHED)
    {
        // Moved to the trash on one side: if the other side edited it since, it stays live.
        let (keeper, keeper_is_mine) =
            if mine.fields.contains_key(TRASHED) { (theirs, false) } else { (mine, true) };
        if edited_since(&keeper.fields, base) {
            merged.remove(TRASHED);
            conflicts.push(FieldConflict {
                field: TRASHED.into(),
                kept: None,
                other: Some(Value::Bool(true)),
                kept_mine: keeper_is_mine,
            });
        }
    }
    Merged { fields: merged, conflicts }
}

/// Whether any field other than the trash differs from the base.
pub fn edited_since(fields: &Fields, base: &BTreeMap<String, String>) -> bool {
    let changed = fields.iter().any(|(key, value)| key != TRASHED && base.get(key) != Some(&hash(value)));
    changed || base.keys().any(|key| key != TRASHED && !fields.contains_key(key))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::flat::hashes;
    use super::*;

    fn record(fields: Value, at: &str) -> Record {
        let Value::Object(map) = fields else { unreachable!() };
        Record { label: "Study day".into(), fields: map.into_iter().collect(), updated_at: at.into() }
    }

    const T1: &str = "2026-03-01T10:00:00.000Z";
    const T2: &str = "2026-03-01T11:00:00.000Z";

    #[test]
    fn fields_changed_on_one_side_each_are_both_taken() {
        let base = record(json!({"title": "T", "body": "v0", "tag:cpd": "cpd"}), T1);
        let mine = record(json!({"title": "Title from laptop", "body": "v0", "tag:cpd": "cpd"}), T1);
        let theirs = record(json!({"title": "T", "body": "Body from work PC", "tag:new": "new"}), T2);
        let base = hashes(&base.fields);
        let merged = merge(Base::Agreed(Some(&base)), &mine, &theirs);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert_eq!(
            merged.fields,
            record(json!({"title": "Title from laptop", "body": "Body from work PC", "tag:new": "new"}), T1)
                .fields,
            "the tag removed there goes, the one added there comes"
        );
    }

    #[test]
    fn the_same_field_changed_on_both_sides_keeps_the_newer_and_is_a_conflict() {
        let base = hashes(&record(json!({"title": "T"}), T1).fields);
        let mine = record(json!({"title": "Mine"}), T2);
        let theirs = record(json!({"title": "Theirs"}), T1);
        let merged = merge(Base::Agreed(Some(&base)), &mine, &theirs);
        assert_eq!(merged.fields["title"], "Mine");
        assert_eq!(
            merged.conflicts,
            vec![FieldConflict {
                field: "title".into(),
                kept: Some(json!("Mine")),
                other: Some(json!("Theirs")),
                kept_mine: true
            }]
        );
        let same = merge(Base::Agreed(Some(&base)), &mine, &record(json!({"title": "Mine"}), T1));
        assert!(same.conflicts.is_empty(), "the same change on both sides is no conflict");
    }

    #[test]
    fn trashed_on_one_side_and_edited_on_the_other_stays_live() {
        let base = hashes(&record(json!({"title": "Study day", "hours": 2}), T1).fields);
        let trashed = record(json!({"title": "Study day", "hours": 2, "trashed": true}), T2);
        let edited = record(json!({"title": "Study day", "hours": 3}), T1);
        let merged = merge(Base::Agreed(Some(&base)), &trashed, &edited);
        assert_eq!(merged.fields, edited.fields);
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].field, TRASHED);
        assert!(!merged.conflicts[0].kept_mine, "the live version is the other copy's");
        // Untouched on the other side: the trash wins, quietly.
        let untouched = record(json!({"title": "Study day", "hours": 2}), T1);
        let merged = merge(Base::Agreed(Some(&base)), &trashed, &untouched);
        assert_eq!(merged.fields, trashed.fields);
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn without_a_base_every_difference_is_a_conflict_and_an_old_sync_time_decides_by_stamp() {
        let mine = record(json!({"title": "A", "body": "x"}), T2);
        let theirs = record(json!({"title": "B", "body": "x"}), T1);
        let merged = merge(Base::Unknown, &mine, &theirs);
        assert_eq!(merged.fields["title"], "A");
        assert_eq!(merged.conflicts.len(), 1);
        let merged = merge(Base::Since("2026-03-01T10:30:00.000Z"), &mine, &theirs);
        assert!(merged.conflicts.is_empty(), "only this copy changed since the last sync");
        assert_eq!(merged.fields["title"], "A");
    }
}
