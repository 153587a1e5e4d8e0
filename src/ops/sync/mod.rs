//! `folio sync`: two copies of one portfolio made equal, both ways, with no
//! server, field by field.
//!
//! Each field takes the value whose change is the later ([`clock`]), so any
//! number of copies synced in any order end equal. Each copy also keeps the
//! **base**: per other copy and per record, a digest of every field as the
//! two last agreed on it (a copy made by `folio backup` starts with one).
//! With it, [`three_way`] tells a field changed on one side only (simply
//! taken) from one changed on both sides to different values: a
//! **conflict**, kept as data (`folio conflicts`) while the record keeps the
//! later value. Sets merge member by member. What was deleted for good on one copy is deleted on the
//! other (tombstones) unless the other edited it since: then it stays, and
//! that is a conflict too. Nothing is dropped without a word, and nothing is
//! kept twice.

mod assemble;
mod base;
pub mod clock;
pub mod flat;
pub mod resolve;
mod stones;
pub mod three_way;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use self::base::{Agreement, agreement, base_of, refresh_clocks, settled};
pub use self::base::{other_holds_the_base, settle_clocks, start_copy};
use self::flat::Record;
use self::stones::{Held, Stones};
use super::Result;
use super::merge::{MergeReport, merge_synced};
use crate::db::conflicts::{self, Conflict};
use crate::db::document_read::{ReadOptions, read_document};
use crate::db::sync_state::{self, PeerState, Stamped};
use crate::db::{Conn, Tx, review};
use crate::model::Visibility;
use crate::model::document::DocConflict;
use crate::model::stamp::is_later;

/// What a sync did on each side.
#[derive(Debug, Default, Serialize)]
pub struct SyncReport {
    pub here: MergeReport,
    /// `None` when the other copy could only be read.
    pub there: Option<MergeReport>,
    pub deleted_here: usize,
    pub deleted_there: usize,
    /// Each new conflict in one line (kept in `folio conflicts`).
    pub conflicts: Vec<String>,
    /// Other things said: a deletion that could not be carried out, and why.
    pub notes: Vec<String>,
    /// The two copies shared no base: every field that differed was a conflict.
    pub first: bool,
}

/// What each copy is called in conflicts: its file and machine.
#[derive(Debug, Clone, Copy)]
pub struct Devices<'a> {
    pub here: &'a str,
    pub there: &'a str,
}

/// The two copies' names and devices, for the conflicts found.
struct Sides<'a> {
    mine: String,
    theirs: String,
    devices: Devices<'a>,
    now: &'a str,
}

impl Sides<'_> {
    fn conflict(
        &self,
        key: &str,
        label: &str,
        field: &str,
        kept: Option<&Value>,
        other: Option<&Value>,
        kept_mine: bool,
    ) -> Conflict {
        let json = |v: Option<&Value>| v.map_or_else(|| "null".to_string(), Value::to_string);
        let (kept_side, other_side) = if kept_mine {
            ((&self.mine, self.devices.here), (&self.theirs, self.devices.there))
        } else {
            ((&self.theirs, self.devices.there), (&self.mine, self.devices.here))
        };
        Conflict::from(DocConflict {
            uuid: uuid::Uuid::new_v4().to_string(),
            record: key.to_string(),
            label: label.to_string(),
            field: field.to_string(),
            kept: json(kept),
            kept_replica: kept_side.0.clone(),
            kept_device: kept_side.1.to_string(),
            other: json(other),
            other_replica: other_side.0.clone(),
            other_device: other_side.1.to_string(),
            found_at: self.now.to_string(),
            resolved_at: None,
            resolution: None,
        })
    }
}

/// Syncs this copy (`mine`) with the other, read through `their_conn` and
/// written through `theirs` when it can be. Both in the callers' transactions.
pub fn sync(
    mine: &Tx,
    theirs: Option<&Tx>,
    their_conn: &Conn,
    devices: Devices,
    now: &str,
) -> Result<SyncReport> {
    sync_with(mine, theirs, their_conn, devices, now, &mut |_| {})
}

/// The stages of a sync, in order, for a progress bar.
pub const STAGES: [&str; 4] =
    ["reading both copies", "merging records", "writing this copy", "writing the other copy"];

/// [`sync`], saying as it enters each of its [`STAGES`] (by index).
pub fn sync_with(
    mine: &Tx,
    theirs: Option<&Tx>,
    their_conn: &Conn,
    devices: Devices,
    now: &str,
    stage: &mut dyn FnMut(usize),
) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    stage(0);
    let their_replica = sync_state::replica(their_conn)?;
    let mut my_replica = sync_state::replica(mine)?;
    if my_replica == their_replica {
        // A file copied without `folio backup`: this copy takes a name of its own.
        my_replica = sync_state::rename_replica(mine)?;
    }
    let my_bases = sync_state::bases(mine, &their_replica)?;
    let their_bases = sync_state::bases(their_conn, &my_replica)?;
    let agreement = agreement(mine, their_conn, &my_replica, &their_replica, &my_bases, &their_bases)?;
    report.first = matches!(agreement, Agreement::Unknown);
    let sides = Sides { mine: my_replica.clone(), theirs: their_replica.clone(), devices, now };

    let options = ReadOptions {
        visibility: Visibility::IncludePrivate,
        with_attachment_data: true,
        include_trash: true,
    };
    let my_document = read_document(mine, options)?;
    let their_document = read_document(their_conn, options)?;
    let my_clock_rows = sync_state::clocks(mine)?;
    let their_clock_rows = sync_state::clocks(their_conn)?;
    // Records alike on both copies whose clocks and base were written for
    // them as they are: nothing to merge, write or note again.
    let settled = settled(&my_document, &their_document, [&my_clock_rows, &their_clock_rows], &agreement);
    let mut my_records = flat::records_except(&my_document, &settled.keys);
    let mut their_records = flat::records_except(&their_document, &settled.keys);
    let their_unchanged = their_records.clone();
    let mut my_clocks = refresh_clocks(&my_records, &my_clock_rows, &agreement, now);
    let mut their_clocks = refresh_clocks(&their_records, &their_clock_rows, &agreement, now);

    let mut found = Vec::new();
    let my_stones = sync_state::tombstones(mine)?;
    let their_stones = sync_state::tombstones(their_conn)?;
    let stones = Stones { agreement: &agreement, sides: &sides };
    let mut held_here = Held { records: &mut my_records, clocks: &mut my_clocks };
    report.deleted_here =
        stones.apply(Some(mine), mine, &mut held_here, &their_stones, true, &mut found, &mut report.notes)?;
    let mut held_there = Held { records: &mut their_records, clocks: &mut their_clocks };
    report.deleted_there = stones.apply(
        theirs,
        their_conn,
        &mut held_there,
        &my_stones,
        false,
        &mut found,
        &mut report.notes,
    )?;

    // Every other record, merged.
    stage(1);
    let keys: std::collections::BTreeSet<&String> = my_records.keys().chain(their_records.keys()).collect();
    let mut merged = BTreeMap::new();
    let mut merged_clocks = HashMap::new();
    let no_clock = clock::Clock::new();
    for key in keys {
        let (my_clock, their_clock) =
            (my_clocks.get(key).unwrap_or(&no_clock), their_clocks.get(key).unwrap_or(&no_clock));
        let record = match (my_records.get(key), their_records.get(key)) {
            (Some(m), None) => {
                merged_clocks.insert(key.clone(), my_clock.clone());
                m.clone()
            }
            (None, Some(t)) => {
                merged_clocks.insert(key.clone(), their_clock.clone());
                t.clone()
            }
            (Some(m), Some(t)) => {
                let digests = agreement.digests(key);
                let result =
                    three_way::merge(agreement.for_record(digests.as_ref()), m, my_clock, t, their_clock);
                merged_clocks.insert(key.clone(), result.clock);
                let label = if three_way::mine_is_newer(m, t) { &m.label } else { &t.label };
                for c in &result.conflicts {
                    found.push(sides.conflict(
                        key,
                        label,
                        &c.field,
                        c.kept.as_ref(),
                        c.other.as_ref(),
                        c.kept_mine,
                    ));
                }
                let updated_at = stamp_of(&result.fields, m, t);
                Record { label: label.clone(), fields: result.fields, updated_at }
            }
            (None, None) => continue,
        };
        merged.insert(key.clone(), record);
    }
    let all_stones: HashSet<&str> = my_stones.keys().chain(their_stones.keys()).map(String::as_str).collect();
    let sources = assemble::Sources { mine: &my_document, theirs: &their_document, stones: &all_stones, now };
    let document =
        assemble::document(&mut merged, &my_records, &their_records, &sources, &sides, &mut found)?;

    let replace_mine = differing(&merged, &my_records);
    stage(2);
    report.here = merge_synced(mine, &document, now, &replace_mine)?;
    if let Some(theirs) = theirs {
        stage(3);
        let replace_theirs = differing(&merged, &their_records);
        report.there = Some(merge_synced(theirs, &document, now, &replace_theirs)?);
    }

    // Conflicts: the new ones on both copies, and each copy's on the other.
    let my_conflicts = conflicts::all(mine)?;
    let their_conflicts = conflicts::all(their_conn)?;
    conflicts::share(&their_conflicts, mine)?;
    for conflict in &found {
        let (id, _) = conflicts::insert(mine, conflict)?;
        report.conflicts.push(resolve::one_line(conflict, id, &my_replica));
    }
    if let Some(theirs) = theirs {
        conflicts::share(&my_conflicts, theirs)?;
        for conflict in &found {
            conflicts::insert(theirs, conflict)?;
        }
    }

    // What was shared for review, so `merge` on either copy knows it.
    let my_shares = review::shares(mine)?;
    for share in review::shares(their_conn)? {
        review::add_share(mine, &share)?;
    }
    if let Some(theirs) = theirs {
        for share in &my_shares {
            review::add_share(theirs, share)?;
        }
    }

    // Deletions, the field clocks and the new base.
    sync_state::add_tombstones(mine, &their_stones)?;
    sync_state::drop_stale_tombstones(mine)?;
    let clocks: HashMap<String, Stamped> = merged_clocks
        .iter()
        .filter_map(|(key, c)| {
            let at = merged.get(key)?.updated_at.clone();
            Some((key.clone(), Stamped { updated_at: at, text: clock::to_text(c) }))
        })
        .chain(settled.clocks.clone())
        .collect();
    sync_state::save_clocks(mine, &my_clock_rows, &clocks)?;
    let synced = |token: Option<String>, one_sided: bool| PeerState {
        last_synced_at: now.to_string(),
        token,
        previous_token: None,
        one_sided,
    };
    match theirs {
        Some(theirs) => {
            sync_state::add_tombstones(theirs, &my_stones)?;
            sync_state::drop_stale_tombstones(theirs)?;
            sync_state::save_clocks(theirs, &their_clock_rows, &clocks)?;
            let agreed: HashMap<String, Stamped> =
                base_of(&merged).into_iter().chain(settled.bases.clone()).collect();
            let token = Some(uuid::Uuid::new_v4().to_string());
            sync_state::save_bases(mine, &their_replica, &my_bases, &agreed)?;
            sync_state::set_synced(mine, &their_replica, &synced(token.clone(), false))?;
            sync_state::save_bases(theirs, &my_replica, &their_bases, &agreed)?;
            sync_state::set_synced(theirs, &my_replica, &synced(token, false))?;
        }
        None => {
            // The read-only copy is as it was: what it holds is the base from now on.
            let agreed: HashMap<String, Stamped> =
                base_of(&their_unchanged).into_iter().chain(settled.bases).collect();
            sync_state::save_bases(mine, &their_replica, &my_bases, &agreed)?;
            sync_state::set_synced(mine, &their_replica, &synced(None, true))?;
        }
    }
    Ok(report)
}

/// The stamp of a merged record: that of the side it equals, else the later.
fn stamp_of(fields: &flat::Fields, mine: &Record, theirs: &Record) -> String {
    let later =
        if is_later(&theirs.updated_at, &mine.updated_at) { &theirs.updated_at } else { &mine.updated_at };
    match (fields == &mine.fields, fields == &theirs.fields) {
        (true, false) => mine.updated_at.clone(),
        (false, true) => theirs.updated_at.clone(),
        _ => later.clone(),
    }
}

/// The records a copy holds otherwise than merged (fields or stamp).
fn differing(merged: &BTreeMap<String, Record>, held: &BTreeMap<String, Record>) -> HashSet<String> {
    merged
        .iter()
        .filter(|(key, record)| {
            held.get(*key).is_none_or(|h| h.fields != record.fields || h.updated_at != record.updated_at)
        })
        .map(|(key, _)| key.clone())
        .collect()
}
