//! Carrying out what the other copy deleted for good (tombstones), unless
//! this copy changed the record since: then it is kept, as a conflict, by a
//! change of the sync's own that every copy keeps.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::base::Agreement;
use super::flat::Record;
use super::{Result, Sides, clock, three_way};
use crate::db::conflicts::Conflict;
use crate::db::sync_state;
use crate::db::{Conn, Tx};
use crate::model::stamp::is_later;
use crate::ops::merge::record_key;

/// Carrying out the other copy's deletions.
pub(super) struct Stones<'a> {
    pub(super) agreement: &'a Agreement<'a>,
    pub(super) sides: &'a Sides<'a>,
}

/// One copy's records and their field clocks, as a sync changes them.
pub(super) struct Held<'a> {
    pub(super) records: &'a mut BTreeMap<String, Record>,
    pub(super) clocks: &'a mut HashMap<String, clock::Clock>,
}

/// The clock key that says a record was kept against a deletion for good, and when.
const KEPT: &str = "kept";

impl Stones<'_> {
    /// Deletes from one copy (`target`, or only from its `records` when it
    /// can only be read) what the other deleted for good. A record changed
    /// after the deletion stays; so does one this copy changed since the two
    /// last agreed, and that is a conflict: it is kept by a change of the
    /// sync's own, later than the deletion, so every copy keeps it. Returns
    /// how many records went.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn apply(
        &self,
        target: Option<&Tx>,
        conn: &Conn,
        held: &mut Held,
        stones: &HashMap<String, (String, String)>,
        target_is_mine: bool,
        found: &mut Vec<Conflict>,
        notes: &mut Vec<String>,
    ) -> Result<usize> {
        let mut deleted = 0;
        let mut sorted: Vec<_> = stones.iter().collect();
        sorted.sort();
        let mut kept_entries = HashSet::new();
        let no_clock = clock::Clock::new();
        for (uuid, (kind, at)) in &sorted {
            if !matches!(kind.as_str(), "entry" | "goal" | "action") {
                continue;
            }
            let key = record_key(kind, uuid);
            let Some(record) = held.records.get(&key) else { continue };
            let record_clock = held.clocks.get(&key).unwrap_or(&no_clock);
            let latest = record_clock
                .values()
                .map(|t| t.1.as_str())
                .fold("", |a, b| if is_later(b, a) { b } else { a });
            let changed_after = is_later(latest, at);
            let changed_since_agreed = match self.agreement {
                Agreement::Agreed(_) => {
                    self.agreement.digests(&key).is_none_or(|b| three_way::edited_since(&record.fields, &b))
                }
                Agreement::Since(last) => is_later(&record.updated_at, last),
                Agreement::Unknown => false,
            };
            if changed_after || changed_since_agreed {
                if kind == "entry" {
                    kept_entries.insert(uuid.as_str());
                }
                if record_clock.get(KEPT).is_some_and(|t| is_later(&t.1, at)) {
                    continue; // kept against this deletion already, and said so then
                }
                let kept = Value::String("kept".into());
                let other = Value::String("deleted for good".into());
                found.push(self.sides.conflict(
                    &key,
                    &record.label,
                    "purged",
                    Some(&kept),
                    Some(&other),
                    target_is_mine,
                ));
                let tick = clock::Tick(
                    clock::REMOVED.into(),
                    clock::bump(if is_later(latest, at) { latest } else { at }),
                );
                held.clocks.entry(key).or_default().insert(KEPT.into(), tick);
                continue;
            }
            held.records.remove(&key);
            held.clocks.remove(&key);
            if let Some(tx) = target
                && sync_state::delete_record(tx, kind, uuid)?
            {
                sync_state::set_tombstone(tx, uuid, kind, at)?;
                deleted += 1;
            }
        }
        let Some(tx) = target else { return Ok(deleted) };
        for (uuid, (kind, at)) in sorted {
            if matches!(kind.as_str(), "entry" | "goal" | "action") {
                continue;
            }
            let Some(stamp) = sync_state::record_stamp(conn, kind, uuid)? else { continue };
            if sync_state::owner_entry(conn, kind, uuid)?.is_some_and(|e| kept_entries.contains(e.as_str())) {
                continue;
            }
            if is_later(&stamp, at) {
                notes.push(format!(
                    "{kind} {uuid}: deleted on one copy, added again later on the other; kept"
                ));
                continue;
            }
            if sync_state::delete_record(tx, kind, uuid)? {
                sync_state::set_tombstone(tx, uuid, kind, at)?;
                deleted += 1;
            }
        }
        Ok(deleted)
    }
}
