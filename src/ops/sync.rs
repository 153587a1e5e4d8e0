//! `folio sync`: two copies of one portfolio made equal, both ways, with no
//! server. Per record the newer `updated_at` wins (the trash travels with
//! the record: moving to or out of it stamps it); what was deleted for good
//! on one copy is deleted on the other (tombstones); a record changed on
//! both copies since their last sync is a conflict: the newer wins and the
//! older is kept as a copy titled "… (conflict copy)", tagged `conflict`.
//! Nothing is dropped without a word: every conflict is reported.

use std::collections::HashMap;

use super::Result;
use super::merge::{MergeReport, merge};
use crate::db::document_read::{ReadOptions, read_document};
use crate::db::{Conn, Tx, sync_state};
use crate::model::document::{DocEntry, PortfolioDocument};
use crate::model::stamp::is_later;

/// What a sync did on each side.
#[derive(Debug, Default, serde::Serialize)]
pub struct SyncReport {
    pub here: MergeReport,
    /// `None` when the other copy could only be read.
    pub there: Option<MergeReport>,
    pub deleted_here: usize,
    pub deleted_there: usize,
    pub conflicts: Vec<String>,
    /// The two copies had never synced: differences were taken as changes on the newer side.
    pub first: bool,
}

/// Syncs this copy (`mine`) with the other, read through `their_conn` and
/// written through `theirs` when it can be. Both in the callers' transactions.
pub fn sync(mine: &Tx, theirs: Option<&Tx>, their_conn: &Conn, now: &str) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    let their_replica = sync_state::replica(their_conn)?;
    let mut my_replica = sync_state::replica(mine)?;
    if my_replica == their_replica {
        // A copied file: this copy takes a name of its own.
        my_replica = sync_state::rename_replica(mine)?;
    }
    let last = match sync_state::last_synced(mine, &their_replica)? {
        Some(last) => Some(last),
        None => sync_state::last_synced(their_conn, &my_replica)?,
    };
    report.first = last.is_none();

    // Deletions first, so neither side's records bring back what the other deleted.
    let my_stones = sync_state::tombstones(mine)?;
    let their_stones = sync_state::tombstones(their_conn)?;
    report.deleted_here = apply_tombstones(mine, &their_stones, "here", &mut report.conflicts)?;
    if let Some(theirs) = theirs {
        report.deleted_there =
            apply_tombstones(theirs, &my_stones, "on the other copy", &mut report.conflicts)?;
    }

    let options = ReadOptions { include_private: true, with_attachment_data: true, include_trash: true };
    let mut my_document = read_document(mine, options)?;
    let mut their_document = read_document(their_conn, options)?;
    if let Some(last) = &last {
        keep_conflicting_copies(&mut my_document, &mut their_document, last, now, &mut report.conflicts);
        report_plan_conflicts(&my_document, &their_document, last, &mut report.conflicts);
    }

    report.here = merge(mine, &their_document, now)?;
    sync_state::add_tombstones(mine, &their_stones)?;
    sync_state::drop_stale_tombstones(mine)?;
    sync_state::set_synced(mine, &their_replica, now)?;
    if let Some(theirs) = theirs {
        report.there = Some(merge(theirs, &my_document, now)?);
        sync_state::add_tombstones(theirs, &my_stones)?;
        sync_state::drop_stale_tombstones(theirs)?;
        sync_state::set_synced(theirs, &my_replica, now)?;
    }
    Ok(report)
}

/// Deletes what the other copy deleted for good, unless it changed here
/// afterwards (then it is kept, and said so). Returns how many went.
fn apply_tombstones(
    conn: &Tx,
    stones: &HashMap<String, (String, String)>,
    side: &str,
    conflicts: &mut Vec<String>,
) -> Result<usize> {
    let mut deleted = 0;
    let mut sorted: Vec<_> = stones.iter().collect();
    sorted.sort();
    for (uuid, (kind, at)) in sorted {
        let Some(stamp) = sync_state::record_stamp(conn, kind, uuid)? else { continue };
        if is_later(&stamp, at) {
            conflicts.push(format!("{kind} {uuid}: deleted on one copy, changed later {side}; kept"));
            continue;
        }
        if sync_state::delete_record(conn, kind, uuid)? {
            deleted += 1;
        }
    }
    Ok(deleted)
}

/// What of an entry a conflict is about: its fields, files and trash state.
fn content(entry: &DocEntry) -> (&crate::model::EntryFields, Vec<(&str, &str)>, Option<&str>) {
    let files = entry.attachments.iter().map(|a| (a.name.as_str(), a.sha256.as_str())).collect();
    (&entry.fields, files, entry.deleted_at.as_deref())
}

/// For each entry changed on both copies since `last`, adds a copy of the
/// older version to both documents (so both copies get it once).
fn keep_conflicting_copies(
    mine: &mut PortfolioDocument,
    theirs: &mut PortfolioDocument,
    last: &str,
    now: &str,
    conflicts: &mut Vec<String>,
) {
    let index: HashMap<&str, usize> =
        theirs.entries.iter().enumerate().map(|(i, e)| (e.uuid.as_str(), i)).collect();
    let mut copies = Vec::new();
    for entry in &mine.entries {
        let Some(&at) = index.get(entry.uuid.as_str()) else { continue };
        let other = &theirs.entries[at];
        let changed_both = is_later(&entry.updated_at, last) && is_later(&other.updated_at, last);
        if !changed_both || content(entry) == content(other) {
            continue;
        }
        let (older, where_older) = if is_later(&entry.updated_at, &other.updated_at) {
            (other, "the other copy")
        } else {
            (entry, "this copy")
        };
        let mut copy = older.clone();
        copy.uuid = uuid::Uuid::new_v5(
            &uuid::Uuid::NAMESPACE_OID,
            format!("{}@{}", older.uuid, older.updated_at).as_bytes(),
        )
        .to_string();
        copy.fields.title = format!("{} (conflict copy)", older.fields.title);
        if !copy.fields.tags.iter().any(|t| t.eq_ignore_ascii_case("conflict")) {
            copy.fields.tags.push("conflict".into());
        }
        copy.claims.clear();
        copy.verdicts.clear();
        copy.created_at = now.to_string();
        copy.updated_at = now.to_string();
        copy.deleted_at = None;
        conflicts.push(format!(
            "entry '{}': changed on both copies; the newer kept, the version from {where_older} kept as '{}'",
            entry.fields.title, copy.fields.title
        ));
        copies.push(copy);
    }
    for copy in copies {
        mine.entries.push(copy.clone());
        theirs.entries.push(copy);
    }
}

/// Goals, actions and mentors changed on both copies: the newer wins, and the report says so.
fn report_plan_conflicts(
    mine: &PortfolioDocument,
    theirs: &PortfolioDocument,
    last: &str,
    conflicts: &mut Vec<String>,
) {
    let both_changed = |a: &str, b: &str| is_later(a, last) && is_later(b, last) && a != b;
    for goal in &mine.goals {
        if let Some(other) = theirs.goals.iter().find(|g| g.uuid == goal.uuid)
            && both_changed(&goal.updated_at, &other.updated_at)
        {
            conflicts.push(format!("goal '{}': changed on both copies; the newer kept", goal.title));
        }
    }
    for mentor in &mine.mentors {
        if let Some(other) = theirs.mentors.iter().find(|m| m.uuid == mentor.uuid)
            && both_changed(&mentor.updated_at, &other.updated_at)
        {
            conflicts.push(format!("mentor '{}': changed on both copies; the newer kept", mentor.name));
        }
    }
}
