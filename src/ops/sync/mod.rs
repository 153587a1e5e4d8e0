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
pub mod clock;
pub mod flat;
pub mod resolve;
pub mod three_way;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use self::flat::{Record, hashes};
use self::three_way::Base;
use super::Result;
use super::merge::{MergeReport, merge_synced, record_key};
use crate::db::conflicts::{self, Conflict};
use crate::db::document_read::{ReadOptions, read_document};
use crate::db::document_read::{doc_entries, read_tail};
use crate::db::sync_state::{self, PeerState, Stamped};
use crate::db::{Conn, Tx, review};
use crate::model::EntryId;
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

/// The base the two copies share, as found.
enum Agreement<'a> {
    /// Per record, the digests both last agreed on (parsed when needed).
    Agreed(&'a HashMap<String, Stamped>),
    Since(String),
    Unknown,
}

impl Agreement<'_> {
    /// The digests of a record as agreed; `None` when there is no base or none for it.
    fn digests(&self, key: &str) -> Option<BTreeMap<String, String>> {
        match self {
            Agreement::Agreed(bases) => bases.get(key).and_then(|row| serde_json::from_str(&row.text).ok()),
            _ => None,
        }
    }

    /// What the merge of one record is told of the base (`digests` from [`Self::digests`]).
    fn for_record<'d>(&'d self, digests: Option<&'d BTreeMap<String, String>>) -> Base<'d> {
        match self {
            Agreement::Agreed(_) => Base::Agreed(digests),
            Agreement::Since(at) => Base::Since(at),
            Agreement::Unknown => Base::Unknown,
        }
    }
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
    let mut report = SyncReport::default();
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

    let options = ReadOptions { include_private: true, with_attachment_data: true, include_trash: true };
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
    report.here = merge_synced(mine, &document, now, &replace_mine)?;
    if let Some(theirs) = theirs {
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

/// Makes `copy` (just written by `folio backup` from `source`) a copy of its
/// own that shares a base with its source: a name of its own, and the base
/// of every record as it is now, kept on the copy alone. The first sync of
/// the two after edits on both is then a real three-way merge.
pub fn start_copy(source: &Conn, copy: &Tx, now: &str) -> crate::db::Result<()> {
    let source_replica = sync_state::replica(source)?;
    sync_state::rename_replica(copy)?;
    sync_state::forget_peers(copy)?;
    let options = ReadOptions { include_private: true, with_attachment_data: false, include_trash: true };
    let records = flat::records(&read_document(copy, options)?);
    let bases = base_of(&records);
    sync_state::save_bases(copy, &source_replica, &HashMap::new(), &bases)?;
    let stored = sync_state::clocks(copy)?;
    let clocks = clock_rows(&records, &refresh_clocks(&records, &stored, &Agreement::Agreed(&bases), now));
    sync_state::save_clocks(copy, &stored, &clocks)?;
    let state =
        PeerState { last_synced_at: now.to_string(), token: None, previous_token: None, one_sided: true };
    sync_state::set_synced(copy, &source_replica, &state)
}

/// Brings this copy's field clocks up to date with what it holds, in a
/// transaction of its own before the sync's: a sync killed between its two
/// commits then cannot leave one copy having seen a change the other copy
/// has not stamped yet (its stamp, made later, would pass for a later change).
/// Records without a clock yet get theirs in the sync, from the base.
pub fn settle_clocks(tx: &Tx, now: &str) -> Result<()> {
    let stored = sync_state::clocks(tx)?;
    if stored.is_empty() {
        return Ok(());
    }
    // The entries written since their clock, and every other record (few).
    let entries = sync_state::entry_stamps(tx)?;
    let written: Vec<EntryId> = entries
        .iter()
        .filter(|(_, uuid, at)| {
            stored.get(&record_key("entry", uuid)).is_some_and(|row| row.updated_at != *at)
        })
        .map(|(id, _, _)| *id)
        .collect();
    let options = ReadOptions { include_private: true, with_attachment_data: false, include_trash: true };
    let mut document = crate::model::document::PortfolioDocument::empty();
    document.profile = crate::db::profile::get(tx)?;
    document.entries = doc_entries(tx, &written, options)?;
    let shown: HashSet<String> = entries.into_iter().map(|(_, uuid, _)| uuid).collect();
    read_tail(tx, options, &shown, &mut document)?;
    let held: BTreeMap<String, Record> = flat::records(&document)
        .into_iter()
        .filter(|(key, record)| {
            stored
                .get(key)
                .is_some_and(|row| record.updated_at.is_empty() || row.updated_at != record.updated_at)
        })
        .collect();
    let refreshed = clock_rows(&held, &refresh_clocks(&held, &stored, &Agreement::Unknown, now));
    let mut all = stored.clone();
    all.extend(refreshed);
    Ok(sync_state::save_clocks(tx, &stored, &all)?)
}

/// Whether the other copy alone holds the base of the two (the copy made by
/// `folio backup`): then it must commit last, so a sync killed between the
/// two commits leaves that base where the next sync finds it.
pub fn other_holds_the_base(mine: &Conn, theirs: &Conn) -> Result<bool> {
    let (my_replica, their_replica) = (sync_state::replica(mine)?, sync_state::replica(theirs)?);
    let mine_row = sync_state::peer_state(mine, &their_replica)?;
    let their_row = sync_state::peer_state(theirs, &my_replica)?;
    Ok(their_row.is_some_and(|row| row.one_sided) && !mine_row.is_some_and(|row| row.one_sided))
}

/// Every record's field clock, brought up to date with what it holds now.
fn refresh_clocks(
    records: &BTreeMap<String, Record>,
    stored: &HashMap<String, Stamped>,
    agreement: &Agreement,
    now: &str,
) -> HashMap<String, clock::Clock> {
    records
        .iter()
        .map(|(key, record)| {
            let held = stored.get(key).map(|row| clock::parse(&row.text));
            let digests = if held.is_none() { agreement.digests(key) } else { None };
            let first = match (agreement, &digests) {
                (Agreement::Agreed(_), Some(base)) => clock::FirstClock::Agreed(base),
                (Agreement::Agreed(_), None) => clock::FirstClock::ChangedSince(""),
                (Agreement::Since(last), _) => clock::FirstClock::ChangedSince(last),
                (Agreement::Unknown, _) => clock::FirstClock::Unknown,
            };
            (key.clone(), clock::refresh(held.as_ref(), record, first, now))
        })
        .collect()
}

/// Clocks as stored: each with its record's `updated_at`.
fn clock_rows(
    records: &BTreeMap<String, Record>,
    clocks: &HashMap<String, clock::Clock>,
) -> HashMap<String, Stamped> {
    clocks
        .iter()
        .filter_map(|(key, c)| {
            let at = records.get(key)?.updated_at.clone();
            Some((key.clone(), Stamped { updated_at: at, text: clock::to_text(c) }))
        })
        .collect()
}

/// Records two copies hold alike, with the clock and base rows they keep.
#[derive(Default)]
struct Settled {
    /// Key → the record's `updated_at`.
    keys: HashMap<String, String>,
    clocks: HashMap<String, Stamped>,
    bases: HashMap<String, Stamped>,
}

/// The records two copies hold alike whose agreed base and clock were
/// written for them as they are now (a clock on one copy only, or alike on
/// both): nothing to merge, write or note again but those rows.
fn settled(
    mine: &crate::model::document::PortfolioDocument,
    theirs: &crate::model::document::PortfolioDocument,
    clocks: [&HashMap<String, Stamped>; 2],
    agreement: &Agreement,
) -> Settled {
    let Agreement::Agreed(bases) = agreement else { return Settled::default() };
    let mut settled = Settled::default();
    for (key, at) in flat::alike(mine, theirs) {
        let current =
            |rows: &HashMap<String, Stamped>| rows.get(&key).filter(|row| row.updated_at == at).cloned();
        let Some(base) = current(bases) else { continue };
        let clock = match (current(clocks[0]), current(clocks[1])) {
            (Some(a), Some(b)) if a == b => a,
            (Some(a), None) if !clocks[1].contains_key(&key) => a,
            (None, Some(b)) if !clocks[0].contains_key(&key) => b,
            _ => continue,
        };
        settled.clocks.insert(key.clone(), clock);
        settled.bases.insert(key.clone(), base);
        settled.keys.insert(key, at);
    }
    settled
}

/// Which base the two copies share: one both wrote at their last sync (the
/// same token; or one copy's, when the other alone committed the sync after
/// it, killed before the first could), or one a copy keeps alone (a backup's copy, a read-only
/// sync); failing that, the time of a sync by an older folio; or none.
fn agreement<'a>(
    mine: &Conn,
    theirs: &Conn,
    my_replica: &str,
    their_replica: &str,
    my_bases: &'a HashMap<String, Stamped>,
    their_bases: &'a HashMap<String, Stamped>,
) -> Result<Agreement<'a>> {
    let mine_row = sync_state::peer_state(mine, their_replica)?;
    let their_row = sync_state::peer_state(theirs, my_replica)?;
    Ok(match (&mine_row, &their_row) {
        (Some(a), Some(b)) if a.token.is_some() && a.token == b.token => Agreement::Agreed(my_bases),
        // A sync killed between the two commits: the copy that did not move on holds the base.
        (Some(a), Some(b)) if a.token.is_some() && a.token == b.previous_token => Agreement::Agreed(my_bases),
        (Some(a), Some(b)) if b.token.is_some() && b.token == a.previous_token => {
            Agreement::Agreed(their_bases)
        }
        (Some(a), _) if a.one_sided => Agreement::Agreed(my_bases),
        (_, Some(b)) if b.one_sided => Agreement::Agreed(their_bases),
        (Some(a), _) if a.token.is_none() => Agreement::Since(a.last_synced_at.clone()),
        (_, Some(b)) if b.token.is_none() => Agreement::Since(b.last_synced_at.clone()),
        _ => Agreement::Unknown,
    })
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

fn base_of(records: &BTreeMap<String, Record>) -> HashMap<String, Stamped> {
    records
        .iter()
        .map(|(key, record)| {
            let text = serde_json::to_string(&hashes(&record.fields)).unwrap_or_default();
            (key.clone(), Stamped { updated_at: record.updated_at.clone(), text })
        })
        .collect()
}

/// Carrying out the other copy's deletions.
struct Stones<'a> {
    agreement: &'a Agreement<'a>,
    sides: &'a Sides<'a>,
}

/// One copy's records and their field clocks, as a sync changes them.
struct Held<'a> {
    records: &'a mut BTreeMap<String, Record>,
    clocks: &'a mut HashMap<String, clock::Clock>,
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
    fn apply(
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
