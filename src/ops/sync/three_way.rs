//! The merge of one record held by two copies. Each field takes the value
//! whose change is the later ([`super::clock`]), with its tick, so the
//! later change wins on every copy and copies synced in any order, in any
//! pairs, converge (the clocks decide, never the pair: a decision by one
//! pair's base would be undone by another pair's). Whether that was a
//! **conflict** is told by the base, the version both copies last agreed
//! on: a field changed on one side only is simply that side's change (whose
//! tick is later than the base's); changed on both sides to different
//! values, the later is kept and the other is kept in the conflict. Set members (tags…) never
//! conflict: a member added on either side stays, one removed on a side and
//! untouched on the other goes. A record moved to the trash on one side and
//! edited on the other stays live — a change of the sync's own, later than
//! both — and that is a conflict too.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::clock::{Clock, REMOVED, Tick, bump, digest};
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

impl Base<'_> {
    /// Whether a side's value of a field differs from the base (`None`: cannot tell).
    fn changed(&self, key: &str, value: Option<&Value>, record: &Record) -> Option<bool> {
        match self {
            Base::Agreed(Some(base)) => Some(digest(value) != base.get(key).map_or(REMOVED, String::as_str)),
            Base::Since(last) => Some(is_later(&record.updated_at, last)),
            Base::Agreed(None) | Base::Unknown => None,
        }
    }
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
    pub clock: Clock,
    pub conflicts: Vec<FieldConflict>,
}

/// Whether this copy's version is the newer (a tie goes to this copy).
pub fn mine_is_newer(mine: &Record, theirs: &Record) -> bool {
    !is_later(&theirs.updated_at, &mine.updated_at)
}

/// Merges the two versions of a record, each with its (refreshed) clock.
pub fn merge(base: Base, mine: &Record, my_clock: &Clock, theirs: &Record, their_clock: &Clock) -> Merged {
    let mut merged = Merged { fields: Fields::new(), clock: Clock::new(), conflicts: Vec::new() };
    let keys: BTreeSet<&String> = mine
        .fields
        .keys()
        .chain(theirs.fields.keys())
        .chain(my_clock.keys())
        .chain(their_clock.keys())
        .collect();
    for key in keys {
        let (m, t) = (mine.fields.get(key), theirs.fields.get(key));
        let (mt, tt) = (tick(my_clock, key, m, mine), tick(their_clock, key, t, theirs));
        let changed = (base.changed(key, m, mine), base.changed(key, t, theirs));
        let take_mine = !tt.is_later_than(&mt);
        let tick = if take_mine { mt.clone() } else { tt.clone() };
        let value = if take_mine { m } else { t };
        if let Some(value) = value {
            merged.fields.insert(key.clone(), value.clone());
        }
        merged.clock.insert(key.clone(), tick);
        if m == t || is_set_member(key) || key == TRASHED {
            continue;
        }
        let both_changed = match changed {
            (Some(m_changed), Some(t_changed)) => m_changed && t_changed,
            _ => true,
        };
        if both_changed {
            let (kept, other) = if take_mine { (m, t) } else { (t, m) };
            merged.conflicts.push(FieldConflict {
                field: key.clone(),
                kept: kept.cloned(),
                other: other.cloned(),
                kept_mine: take_mine,
            });
        }
    }
    keep_live_if_edited(base, mine, theirs, &mut merged);
    merged
}

/// The tick of a field, made up for a clock that lacks it: a field this copy
/// never had is older than any change; one it has, as old as the record.
fn tick(clock: &Clock, key: &str, value: Option<&Value>, record: &Record) -> Tick {
    clock.get(key).cloned().unwrap_or_else(|| match value {
        Some(value) => Tick(digest(Some(value)), record.updated_at.clone()),
        None => Tick(REMOVED.into(), String::new()),
    })
}

/// Trashed on one side and edited on the other since the base: it stays live.
fn keep_live_if_edited(base: Base, mine: &Record, theirs: &Record, merged: &mut Merged) {
    let (in_mine, in_theirs) = (mine.fields.contains_key(TRASHED), theirs.fields.contains_key(TRASHED));
    if !merged.fields.contains_key(TRASHED) || in_mine == in_theirs {
        return;
    }
    let (keeper, keeper_is_mine) = if in_mine { (theirs, false) } else { (mine, true) };
    let edited = match base {
        Base::Agreed(Some(base)) => edited_since(&keeper.fields, base),
        Base::Since(last) => is_later(&keeper.updated_at, last),
        Base::Agreed(None) | Base::Unknown => true,
    };
    if !edited {
        return;
    }
    merged.fields.remove(TRASHED);
    let latest =
        merged.clock.values().map(|t| t.1.clone()).max_by(|a, b| {
            if is_later(a, b) { std::cmp::Ordering::Greater } else { std::cmp::Ordering::Less }
        });
    let at = bump(&latest.unwrap_or_default());
    merged.clock.insert(TRASHED.into(), Tick(REMOVED.into(), at));
    merged.conflicts.push(FieldConflict {
        field: TRASHED.into(),
        kept: None,
        other: Some(Value::Bool(true)),
        kept_mine: keeper_is_mine,
    });
}

/// Whether any field other than the trash differs from the base.
pub fn edited_since(fields: &Fields, base: &BTreeMap<String, String>) -> bool {
    let changed = fields.iter().any(|(key, value)| key != TRASHED && base.get(key) != Some(&hash(value)));
    changed || base.keys().any(|key| key != TRASHED && !fields.contains_key(key))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::clock::{FirstClock, refresh};
    use super::super::flat::hashes;
    use super::*;

    fn record(fields: Value, at: &str) -> Record {
        let Value::Object(map) = fields else { unreachable!() };
        Record { label: "Study day".into(), fields: map.into_iter().collect(), updated_at: at.into() }
    }

    const T0: &str = "2026-03-01T09:00:00.000Z";
    const T1: &str = "2026-03-01T10:00:00.000Z";
    const T2: &str = "2026-03-01T11:00:00.000Z";

    /// A record as agreed at T0, then changed on each side: (base digests, mine, my clock, theirs, their clock).
    fn sides(
        base: Value,
        mine: (Value, &str),
        theirs: (Value, &str),
    ) -> (BTreeMap<String, String>, [(Record, Clock); 2]) {
        let base = record(base, T0);
        let agreed = refresh(None, &base, FirstClock::Unknown, "");
        let side = |(fields, at): (Value, &str)| {
            let r = record(fields, at);
            let clock = refresh(Some(&agreed), &r, FirstClock::Unknown, "");
            (r, clock)
        };
        (hashes(&base.fields), [side(mine), side(theirs)])
    }

    #[test]
    fn fields_changed_on_one_side_each_are_both_taken() {
        let (base, [(m, mc), (t, tc)]) = sides(
            json!({"title": "T", "body": "v0", "tag:cpd": "cpd"}),
            (json!({"title": "Title from laptop", "body": "v0", "tag:cpd": "cpd"}), T1),
            (json!({"title": "T", "body": "Body from work PC", "tag:new": "new"}), T2),
        );
        let merged = merge(Base::Agreed(Some(&base)), &m, &mc, &t, &tc);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert_eq!(
            merged.fields,
            record(json!({"title": "Title from laptop", "body": "Body from work PC", "tag:new": "new"}), T1)
                .fields,
            "the tag removed there goes, the one added there comes"
        );
    }

    #[test]
    fn the_same_field_changed_on_both_sides_keeps_the_later_and_is_a_conflict() {
        let (base, [(m, mc), (t, tc)]) =
            sides(json!({"title": "T"}), (json!({"title": "Mine"}), T2), (json!({"title": "Theirs"}), T1));
        let merged = merge(Base::Agreed(Some(&base)), &m, &mc, &t, &tc);
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
        // The other way round, the same result: merging commutes.
        let back = merge(Base::Agreed(Some(&base)), &t, &tc, &m, &mc);
        assert_eq!((back.fields, back.clock), (merged.fields.clone(), merged.clock.clone()));
        let (base, [(m, mc), (t, tc)]) =
            sides(json!({"title": "T"}), (json!({"title": "Same"}), T2), (json!({"title": "Same"}), T1));
        assert!(
            merge(Base::Agreed(Some(&base)), &m, &mc, &t, &tc).conflicts.is_empty(),
            "the same change twice"
        );
    }

    #[test]
    fn trashed_on_one_side_and_edited_on_the_other_stays_live() {
        let base = json!({"title": "Study day", "hours": 2});
        let (agreed, [(m, mc), (t, tc)]) = sides(
            base.clone(),
            (json!({"title": "Study day", "hours": 2, "trashed": true}), T2),
            (json!({"title": "Study day", "hours": 3}), T1),
        );
        let merged = merge(Base::Agreed(Some(&agreed)), &m, &mc, &t, &tc);
        assert_eq!(merged.fields, t.fields);
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].field, TRASHED);
        assert!(!merged.conflicts[0].kept_mine, "the live version is the other copy's");
        assert!(merged.clock[TRASHED].is_later_than(&mc[TRASHED]), "staying live is the latest change");
        // Untouched on the other side: the trash wins, quietly.
        let (agreed, [(m, mc), (t, tc)]) = sides(
            base,
            (json!({"title": "Study day", "hours": 2, "trashed": true}), T2),
            (json!({"title": "Study day", "hours": 2}), T0),
        );
        let merged = merge(Base::Agreed(Some(&agreed)), &m, &mc, &t, &tc);
        assert_eq!(merged.fields, m.fields);
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn without_a_base_every_difference_is_a_conflict_and_an_old_sync_time_decides_by_stamp() {
        let (_, [(m, mc), (t, tc)]) = sides(
            json!({"title": "T", "body": "x"}),
            (json!({"title": "A", "body": "x"}), T2),
            (json!({"title": "B", "body": "x"}), T1),
        );
        let merged = merge(Base::Unknown, &m, &mc, &t, &tc);
        assert_eq!(merged.fields["title"], "A");
        assert_eq!(merged.conflicts.len(), 1);
        let unchanged = record(json!({"title": "T", "body": "x"}), T0);
        let clock = refresh(None, &unchanged, FirstClock::Unknown, "");
        let merged = merge(Base::Since("2026-03-01T09:30:00.000Z"), &m, &mc, &unchanged, &clock);
        assert!(merged.conflicts.is_empty(), "only this copy changed since the last sync");
        assert_eq!(merged.fields["title"], "A");
    }
}
