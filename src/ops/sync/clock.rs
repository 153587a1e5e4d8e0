//! Field clocks: when each field of a record last changed, as a copy knows
//! it. A sync gives each field the value whose change is the later — on
//! every copy, whichever pair syncs first — so three copies (or more)
//! synced in any order end equal; the base ([`super::three_way`]) only says
//! whether that was a conflict.
//!
//! Edits do not write clocks: a sync brings a copy's clocks up to date
//! first ([`refresh`]), giving a field whose value changed since the record's
//! `updated_at` (never earlier than the field's previous tick). A value the
//! sync itself decides (a record kept live against a deletion) is a change
//! of its own, later than both sides' ([`bump`]).

use std::collections::BTreeMap;

use chrono::{DateTime, Duration};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::flat::{Record, hash};
use crate::model::stamp::{is_later, stamp};

/// The digest of a field that no longer has a value.
pub const REMOVED: &str = "-";

/// One field's last change: the digest of its value then, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tick(pub String, pub String);

impl Tick {
    /// Whether this change is later than `other` (a tie goes to the larger digest, the same on every copy).
    pub fn is_later_than(&self, other: &Tick) -> bool {
        if self.1 == other.1 { self.0 > other.0 } else { is_later(&self.1, &other.1) }
    }
}

/// A record's field → its last change.
pub type Clock = BTreeMap<String, Tick>;

pub fn digest(value: Option<&Value>) -> String {
    value.map_or_else(|| REMOVED.to_string(), hash)
}

/// A stamp one millisecond after `at` (an unreadable stamp is taken as is).
pub fn bump(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map_or_else(|_| at.to_string(), |t| stamp(t.with_timezone(&chrono::Utc) + Duration::milliseconds(1)))
}

fn later_of(a: &str, b: &str) -> String {
    if is_later(a, b) { a.to_string() } else { b.to_string() }
}

/// What is known, for a record's first clock, of when its fields changed.
#[derive(Debug, Clone, Copy)]
pub enum FirstClock<'a> {
    /// The digests agreed with the other copy: a field as agreed has not
    /// changed since and is older than any change; any other changed at `updated_at`.
    Agreed(&'a BTreeMap<String, String>),
    /// When the copies last synced (by an older folio): a record changed
    /// since changed at `updated_at`, one not changed is older than any change.
    ChangedSince(&'a str),
    /// Nothing: every field is older than any change (the copies' first
    /// sync reports each difference as a conflict).
    Unknown,
}

/// The record's clock brought up to date with its fields. A field whose
/// digest differs from its last tick changed since: it is stamped with the
/// record's `updated_at` (or `now` for a record without one), and never
/// earlier than one millisecond after its previous tick. A record without a
/// clock yet (its first sync) gets one from what `first` knows.
pub fn refresh(stored: Option<&Clock>, record: &Record, first: FirstClock, now: &str) -> Clock {
    if stored.is_none() {
        let changed_at = if record.updated_at.is_empty() { now } else { &record.updated_at };
        return record
            .fields
            .iter()
            .map(|(field, value)| {
                let digest = hash(value);
                let changed = match first {
                    FirstClock::Agreed(base) => base.get(field) != Some(&digest),
                    FirstClock::ChangedSince(last) => is_later(changed_at, last),
                    FirstClock::Unknown => false,
                };
                let at = if changed { changed_at.to_string() } else { String::new() };
                (field.clone(), Tick(digest, at))
            })
            .collect();
    }
    let changed_at = if record.updated_at.is_empty() { now } else { &record.updated_at };
    let empty = Clock::new();
    let stored = stored.unwrap_or(&empty);
    let mut clock = Clock::new();
    for (field, value) in &record.fields {
        let digest = hash(value);
        let tick = match stored.get(field) {
            Some(tick) if tick.0 == digest => tick.clone(),
            Some(tick) => Tick(digest, later_of(changed_at, &bump(&tick.1))),
            None => Tick(digest, changed_at.to_string()),
        };
        clock.insert(field.clone(), tick);
    }
    for (field, tick) in stored {
        if record.fields.contains_key(field) {
            continue;
        }
        let tick = if tick.0 == REMOVED {
            tick.clone()
        } else {
            Tick(REMOVED.into(), later_of(changed_at, &bump(&tick.1)))
        };
        clock.insert(field.clone(), tick);
    }
    clock
}

pub fn parse(text: &str) -> Clock {
    serde_json::from_str(text).unwrap_or_default()
}

pub fn to_text(clock: &Clock) -> String {
    serde_json::to_string(clock).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn record(fields: Value, at: &str) -> Record {
        let Value::Object(map) = fields else { unreachable!() };
        Record { label: "x".into(), fields: map.into_iter().collect(), updated_at: at.into() }
    }

    #[test]
    fn a_changed_field_is_stamped_after_its_last_change_and_a_removed_one_too() {
        let first = refresh(
            None,
            &record(json!({"title": "A", "tag:cpd": "cpd"}), "2026-03-01T10:00:00.000Z"),
            FirstClock::ChangedSince("2026-03-01T09:00:00.000Z"),
            "",
        );
        assert_eq!(first["title"].1, "2026-03-01T10:00:00.000Z", "changed since the last sync");
        // The record's stamp is earlier than the last tick (another copy's clock ran ahead).
        let edited = record(json!({"title": "B"}), "2026-03-01T09:00:00.000Z");
        let second = refresh(Some(&first), &edited, FirstClock::Unknown, "");
        assert_eq!(
            second["title"].1, "2026-03-01T10:00:00.001Z",
            "never earlier than the change it replaced"
        );
        assert_eq!(second["tag:cpd"].0, REMOVED);
        assert!(second["tag:cpd"].is_later_than(&first["tag:cpd"]));
        // Unchanged: the same clock.
        assert_eq!(refresh(Some(&second), &edited, FirstClock::Unknown, ""), second);
    }

    #[test]
    fn a_first_clock_stamps_what_is_as_agreed_older_than_any_change() {
        let record = record(json!({"title": "A", "body": "changed"}), "2026-03-01T10:00:00.000Z");
        let agreed = BTreeMap::from([
            ("title".to_string(), hash(&json!("A"))),
            ("body".to_string(), hash(&json!("b"))),
        ]);
        let clock = refresh(None, &record, FirstClock::Agreed(&agreed), "");
        assert_eq!(clock["title"].1, "", "as agreed: older than any change");
        assert_eq!(clock["body"].1, "2026-03-01T10:00:00.000Z");
        let unknown = refresh(None, &record, FirstClock::Unknown, "");
        assert!(unknown.values().all(|t| t.1.is_empty()), "nothing known: older than any change");
    }
}
