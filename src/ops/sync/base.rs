//! What two copies share between syncs, and bringing it up to date: the
//! base they last agreed on (found by [`agreement`]), the field clocks
//! ([`refresh_clocks`], [`settle_clocks`]), the records already alike on
//! both ([`settled`]), and a backup's copy starting with a base of its own
//! ([`start_copy`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Result;
use super::clock;
use super::flat::{self, Record, hashes};
use super::three_way::Base;
use crate::db::document_read::{ReadOptions, doc_entries, read_document, read_tail};
use crate::db::sync_state::{self, PeerState, Stamped};
use crate::db::{Conn, Tx};
use crate::model::EntryId;
use crate::model::Visibility;
use crate::ops::merge::record_key;

/// The base the two copies share, as found.
pub(super) enum Agreement<'a> {
    /// Per record, the digests both last agreed on (parsed when needed).
    Agreed(&'a HashMap<String, Stamped>),
    Since(String),
    Unknown,
}

impl Agreement<'_> {
    /// The digests of a record as agreed; `None` when there is no base or none for it.
    pub(super) fn digests(&self, key: &str) -> Option<BTreeMap<String, String>> {
        match self {
            Agreement::Agreed(bases) => bases.get(key).and_then(|row| serde_json::from_str(&row.text).ok()),
            _ => None,
        }
    }

    /// What the merge of one record is told of the base (`digests` from [`Self::digests`]).
    pub(super) fn for_record<'d>(&'d self, digests: Option<&'d BTreeMap<String, String>>) -> Base<'d> {
        match self {
            Agreement::Agreed(_) => Base::Agreed(digests),
            Agreement::Since(at) => Base::Since(at),
            Agreement::Unknown => Base::Unknown,
        }
    }
}

/// Makes `copy` (just written by `folio backup` from `source`) a copy of its
/// own that shares a base with its source: a name of its own, and the base
/// of every record as it is now, kept on the copy alone. The first sync of
/// the two after edits on both is then a real three-way merge.
pub fn start_copy(source: &Conn, copy: &Tx, now: &str) -> crate::db::Result<()> {
    let source_replica = sync_state::replica(source)?;
    sync_state::rename_replica(copy)?;
    sync_state::forget_peers(copy)?;
    let options = ReadOptions {
        visibility: Visibility::IncludePrivate,
        with_attachment_data: false,
        include_trash: true,
    };
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
    let options = ReadOptions {
        visibility: Visibility::IncludePrivate,
        with_attachment_data: false,
        include_trash: true,
    };
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
pub(super) fn refresh_clocks(
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
pub(super) fn clock_rows(
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
pub(super) struct Settled {
    /// Key → the record's `updated_at`.
    pub(super) keys: HashMap<String, String>,
    pub(super) clocks: HashMap<String, Stamped>,
    pub(super) bases: HashMap<String, Stamped>,
}

/// The records two copies hold alike whose agreed base and clock were
/// written for them as they are now (a clock on one copy only, or alike on
/// both): nothing to merge, write or note again but those rows.
pub(super) fn settled(
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
pub(super) fn agreement<'a>(
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

pub(super) fn base_of(records: &BTreeMap<String, Record>) -> HashMap<String, Stamped> {
    records
        .iter()
        .map(|(key, record)| {
            let text = serde_json::to_string(&hashes(&record.fields)).unwrap_or_default();
            (key.clone(), Stamped { updated_at: record.updated_at.clone(), text })
        })
        .collect()
}
