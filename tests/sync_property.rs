//! The promise of `folio sync`, over random histories: three copies of one
//! portfolio (the second and third made by `folio backup`) take random
//! edits — titles, bodies, hours, tags and links (`--about`) added and
//! removed, the trash, purges, new entries, a goal's title — with syncs
//! between random pairs in any order. After a final round of
//! syncs: every copy holds the same records and the same conflicts; every
//! edit that was made is in the portfolio, or recorded in a conflict, or
//! was overwritten or deleted by a copy that had already seen it; and no
//! record is held twice. One more round changes nothing. Some syncs are
//! killed between their two commits (one copy took the sync, the other
//! not): the copies still end equal and nothing is lost.
//!
//! `FOLIO_SYNC_CASES` sets how many histories (default 48).

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::time::Duration;

use folio::db::conflicts;
use folio::db::document_read::{ReadOptions, read_document};
use folio::db::{Db, entries, goals, maintenance, trash};
use folio::model::{EntryFields, EntryKind, Goal, GoalId, GoalStatus};
use folio::ops::sync::{Devices, other_holds_the_base, settle_clocks, start_copy, sync};
use proptest::prelude::*;

const COPIES: usize = 3;
const ENTRIES: usize = 3;
const TAGS: [&str; 3] = ["cpd", "audit", "leadership"];
/// The edit field of a link to the entry of this index (`add --about`).
const ABOUT: [&str; ENTRIES] = ["about 0", "about 1", "about 2"];

#[derive(Debug, Clone)]
enum Op {
    Title(usize, usize),
    Body(usize, usize),
    Hours(usize, usize),
    Tag(usize, usize, usize),
    Untag(usize, usize, usize),
    /// On a copy, an entry now about another (by index), or no longer.
    About(usize, usize, usize),
    NotAbout(usize, usize, usize),
    Trash(usize, usize),
    Restore(usize, usize),
    Purge(usize),
    /// A new entry on one copy.
    Add(usize),
    /// The title of the one goal.
    GoalTitle(usize),
    Sync(usize, usize),
    /// A sync killed between its two commits: the first copy committed, the second did not.
    HalfSync(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    let copy = 0..COPIES;
    let entry = 0..ENTRIES;
    prop_oneof![
        3 => (copy.clone(), entry.clone()).prop_map(|(c, e)| Op::Title(c, e)),
        2 => (copy.clone(), entry.clone()).prop_map(|(c, e)| Op::Body(c, e)),
        2 => (copy.clone(), entry.clone()).prop_map(|(c, e)| Op::Hours(c, e)),
        2 => (copy.clone(), entry.clone(), 0..TAGS.len()).prop_map(|(c, e, t)| Op::Tag(c, e, t)),
        2 => (copy.clone(), entry.clone(), 0..TAGS.len()).prop_map(|(c, e, t)| Op::Untag(c, e, t)),
        2 => (copy.clone(), entry.clone(), entry.clone()).prop_filter("another", |(_, e, t)| e != t).prop_map(|(c, e, t)| Op::About(c, e, t)),
        1 => (copy.clone(), entry.clone(), entry.clone()).prop_filter("another", |(_, e, t)| e != t).prop_map(|(c, e, t)| Op::NotAbout(c, e, t)),
        1 => (copy.clone(), entry.clone()).prop_map(|(c, e)| Op::Trash(c, e)),
        1 => (copy.clone(), entry.clone()).prop_map(|(c, e)| Op::Restore(c, e)),
        1 => copy.clone().prop_map(Op::Purge),
        1 => copy.clone().prop_map(Op::Add),
        2 => copy.clone().prop_map(Op::GoalTitle),
        4 => (copy.clone(), copy.clone()).prop_filter("two copies", |(a, b)| a != b).prop_map(|(a, b)| Op::Sync(a, b)),
        1 => (copy.clone(), copy).prop_filter("two copies", |(a, b)| a != b).prop_map(|(a, b)| Op::HalfSync(a, b)),
    ]
}

/// One edit that succeeded: what it set, and the edits its copy had seen by then.
#[derive(Debug, Clone)]
struct Edit {
    id: usize,
    entry: String,
    field: &'static str,
    value: serde_json::Value,
    knew: HashSet<usize>,
}

struct World {
    dir: tempfile::TempDir,
    clock: u64,
    uuids: Vec<String>,
    /// What each copy has seen: edit ids, and purges as `usize::MAX - n`.
    known: Vec<HashSet<usize>>,
    edits: Vec<Edit>,
    /// Entries deleted for good, with the edits the purging copy had seen.
    purges: Vec<(String, HashSet<usize>)>,
    /// The UUIDs of the entries added since.
    added: Vec<String>,
    goal: String,
}

impl World {
    fn path(&self, copy: usize) -> PathBuf {
        self.dir.path().join(format!("copy{copy}.db"))
    }

    /// The time, always later than the last asked (deletions are stamped by the real clock too).
    fn now(&mut self) -> String {
        self.clock = (chrono::Utc::now().timestamp_millis() as u64).max(self.clock + 1);
        let at = chrono::DateTime::from_timestamp_millis(self.clock as i64).unwrap();
        folio::model::stamp::stamp(at)
    }

    fn open(&self, copy: usize) -> Db {
        Db::open(&self.path(copy), Duration::from_secs(5)).unwrap()
    }

    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut world = World {
            dir,
            clock: 0,
            uuids: Vec::new(),
            known: vec![HashSet::new(); COPIES],
            edits: Vec::new(),
            purges: Vec::new(),
            added: Vec::new(),
            goal: uuid::Uuid::new_v4().to_string(),
        };
        let mut db = world.open(0);
        for n in 0..ENTRIES {
            let now = world.now();
            let mut fields =
                EntryFields::new(EntryKind::Course, format!("Course {n}"), "2026-02".parse().unwrap());
            fields.details.change(|v| v.hours = Some(1.0)).unwrap();
            let uuid = uuid::Uuid::new_v4().to_string();
            db.write(|tx| entries::insert(tx, &fields, &uuid, &now)).unwrap();
            world.uuids.push(uuid);
        }
        let now = world.now();
        let goal = Goal {
            id: GoalId(0),
            uuid: world.goal.clone(),
            title: "Goal".into(),
            body: String::new(),
            due: None,
            set_on: None,
            status: GoalStatus::Open,
            closed_on: None,
            reason: None,
            private: false,
            competencies: Vec::new(),
            created_at: now.clone(),
            updated_at: now,
            deleted_at: None,
        };
        db.write(|tx| goals::insert(tx, &goal, &[])).unwrap();
        for copy in 1..COPIES {
            let now = world.now();
            maintenance::backup(db.read(), &world.path(copy), |source, tx| start_copy(source, tx, &now))
                .unwrap();
        }
        world
    }

    /// Applies an edit to one entry's fields on one copy; `false` when it could not be made (in the trash, gone).
    fn edit(
        &mut self,
        copy: usize,
        entry: usize,
        field: &'static str,
        change: impl FnOnce(&mut EntryFields) -> serde_json::Value,
    ) {
        let uuid = self.uuids[entry].clone();
        let now = self.now();
        let mut db = self.open(copy);
        let made = db
            .write(|tx| -> folio::db::Result<Option<serde_json::Value>> {
                let Some((id, _, None)) = entries::find_by_uuid(tx, &uuid)? else { return Ok(None) };
                let mut fields = entries::get(tx, id)?.fields;
                let before = fields.clone();
                let value = change(&mut fields);
                if fields == before {
                    return Ok(None);
                }
                entries::update(tx, id, &fields, &now)?;
                Ok(Some(value))
            })
            .unwrap();
        if let Some(value) = made {
            let id = self.edits.len();
            self.edits.push(Edit { id, entry: uuid, field, value, knew: self.known[copy].clone() });
            self.known[copy].insert(id);
        }
    }

    fn apply(&mut self, op: &Op) {
        let n = self.edits.len();
        match *op {
            Op::Title(c, e) => self.edit(c, e, "title", |f| {
                f.title = format!("Title {n}");
                serde_json::json!(f.title)
            }),
            Op::Body(c, e) => self.edit(c, e, "body", |f| {
                f.body = format!("Body {n}");
                serde_json::json!(f.body)
            }),
            Op::Hours(c, e) => self.edit(c, e, "hours", |f| {
                let value = 1.0 + n as f64;
                f.details.change(|v| v.hours = Some(value)).unwrap();
                serde_json::json!(value)
            }),
            Op::Tag(c, e, t) => self.edit(c, e, TAGS[t], |f| {
                if !f.tags.iter().any(|x| x == TAGS[t]) {
                    f.tags.push(TAGS[t].into());
                    f.tags.sort();
                }
                serde_json::json!(true)
            }),
            Op::Untag(c, e, t) => self.edit(c, e, TAGS[t], |f| {
                f.tags.retain(|x| x != TAGS[t]);
                serde_json::json!(false)
            }),
            Op::About(c, e, t) => {
                let target = self.uuids[t].clone();
                self.edit(c, e, ABOUT[t], |f| {
                    if !f.about.contains(&target) {
                        f.about.push(target.clone());
                        f.about.sort();
                    }
                    serde_json::json!(true)
                })
            }
            Op::NotAbout(c, e, t) => {
                let target = self.uuids[t].clone();
                self.edit(c, e, ABOUT[t], |f| {
                    f.about.retain(|u| *u != target);
                    serde_json::json!(false)
                })
            }
            Op::Trash(c, e) => {
                let (uuid, now) = (self.uuids[e].clone(), self.now());
                let mut db = self.open(c);
                db.write(|tx| -> folio::db::Result<()> {
                    if let Some((id, _, None)) = entries::find_by_uuid(tx, &uuid)? {
                        trash::trash(tx, &[id], &now)?;
                    }
                    Ok(())
                })
                .unwrap();
            }
            Op::Restore(c, e) => {
                let (uuid, now) = (self.uuids[e].clone(), self.now());
                let mut db = self.open(c);
                db.write(|tx| -> folio::db::Result<()> {
                    if let Some((id, _, Some(_))) = entries::find_by_uuid(tx, &uuid)? {
                        trash::restore(tx, id, &now)?;
                    }
                    Ok(())
                })
                .unwrap();
            }
            Op::Purge(c) => {
                let mut db = self.open(c);
                let trashed: Vec<String> = db
                    .write(|tx| -> folio::db::Result<Vec<String>> {
                        let all = read_document(
                            tx,
                            ReadOptions {
                                visibility: folio::model::Visibility::IncludePrivate,
                                include_trash: true,
                                ..Default::default()
                            },
                        )?;
                        let gone = all
                            .entries
                            .iter()
                            .filter(|e| e.deleted_at.is_some())
                            .map(|e| e.uuid.clone())
                            .collect();
                        trash::purge_trash(tx)?;
                        Ok(gone)
                    })
                    .unwrap();
                for uuid in trashed {
                    self.purges.push((uuid, self.known[c].clone()));
                }
            }
            Op::Add(c) => {
                let now = self.now();
                let uuid = uuid::Uuid::new_v4().to_string();
                let title = format!("Added {}", self.added.len());
                let fields = EntryFields::new(EntryKind::Reflection, title, "2026-03".parse().unwrap());
                self.open(c).write(|tx| entries::insert(tx, &fields, &uuid, &now)).unwrap();
                self.added.push(uuid);
            }
            Op::GoalTitle(c) => {
                let (uuid, now) = (self.goal.clone(), self.now());
                let title = format!("Goal {n}");
                let made = self
                    .open(c)
                    .write(|tx| -> folio::db::Result<bool> {
                        let Some((id, _)) = goals::by_uuid(tx, &uuid)? else { return Ok(false) };
                        let mut goal = goals::get(tx, id)?;
                        goal.title = title.clone();
                        goal.updated_at = now.clone();
                        goals::update(tx, &goal)?;
                        Ok(true)
                    })
                    .unwrap();
                if made {
                    let id = self.edits.len();
                    let edit = Edit {
                        id,
                        entry: uuid,
                        field: "goal title",
                        value: serde_json::json!(title),
                        knew: self.known[c].clone(),
                    };
                    self.edits.push(edit);
                    self.known[c].insert(id);
                }
            }
            Op::Sync(a, b) => {
                self.sync(a, b);
            }
            Op::HalfSync(a, b) => self.half_sync(a, b),
        }
    }

    fn sync(&mut self, a: usize, b: usize) -> bool {
        let now = self.now();
        let (mut mine, mut theirs) = (self.open(a), self.open(b));
        settle(&mut mine, &mut theirs, &now);
        let (here, there) = (format!("copy{a}"), format!("copy{b}"));
        let devices = Devices { here: &here, there: &there };
        let report = mine
            .write(|tx| {
                theirs.write(|their_tx| -> folio::ops::Result<_> {
                    sync(tx, Some(their_tx), their_tx, devices, &now)
                })
            })
            .unwrap();
        let union: HashSet<usize> = self.known[a].union(&self.known[b]).copied().collect();
        self.known[a] = union.clone();
        self.known[b] = union;
        let there = report.there.unwrap();
        let changed = |r: &folio::ops::merge::MergeReport| {
            r.entries_added + r.entries_updated > 0 || r.profile_updated || r.settings_updated
        };
        changed(&report.here) || changed(&there) || report.deleted_here + report.deleted_there > 0
    }

    /// `folio --db a sync b` killed between its two commits: as the command
    /// does, the copy holding the base alone commits last, so the other
    /// (the first to commit) took the sync and this one did not.
    fn half_sync(&mut self, a: usize, b: usize) {
        let now = self.now();
        let (mut mine, mut theirs) = (self.open(a), self.open(b));
        settle(&mut mine, &mut theirs, &now);
        let (here, there) = (format!("copy{a}"), format!("copy{b}"));
        let devices = Devices { here: &here, there: &there };
        let killed = || folio::ops::OpsError::refused("killed before the second commit", None);
        let first = if other_holds_the_base(mine.read(), theirs.read()).unwrap() {
            let result = theirs.write(|their_tx| -> folio::ops::Result<()> {
                mine.write(|tx| sync(tx, Some(their_tx), their_tx, devices, &now))?;
                Err(killed())
            });
            assert!(result.is_err());
            a
        } else {
            let result = mine.write(|tx| -> folio::ops::Result<()> {
                theirs.write(|their_tx| sync(tx, Some(their_tx), their_tx, devices, &now))?;
                Err(killed())
            });
            assert!(result.is_err());
            b
        };
        let union: HashSet<usize> = self.known[a].union(&self.known[b]).copied().collect();
        self.known[first] = union;
    }

    /// Each copy as a whole: its records (with the trash) and its conflicts.
    fn state(&self, copy: usize) -> (String, Vec<(String, String, String, bool)>) {
        let db = self.open(copy);
        let options = ReadOptions {
            visibility: folio::model::Visibility::IncludePrivate,
            include_trash: true,
            with_attachment_data: false,
        };
        let document = read_document(db.read(), options).unwrap();
        let mut found: Vec<_> = conflicts::all(db.read())
            .unwrap()
            .into_iter()
            .map(|c| (c.conflict.uuid, c.conflict.record, c.conflict.field, c.conflict.resolved_at.is_some()))
            .collect();
        found.sort();
        (serde_json::to_string_pretty(&document).unwrap(), found)
    }
}

/// What `folio sync` does first on each copy, in its own transaction.
fn settle(mine: &mut Db, theirs: &mut Db, now: &str) {
    mine.write(|tx| settle_clocks(tx, now)).unwrap();
    theirs.write(|tx| settle_clocks(tx, now)).unwrap();
}

fn check(ops: &[Op]) -> Result<(), TestCaseError> {
    let mut world = World::new();
    for op in ops {
        world.apply(op);
    }
    for (a, b) in [(0, 1), (1, 2), (2, 0), (0, 1), (1, 2)] {
        world.sync(a, b);
    }
    let first = world.state(0);
    for copy in 1..COPIES {
        prop_assert_eq!(&world.state(copy), &first, "copy {} differs from copy 0", copy);
    }
    for (a, b) in [(0, 1), (1, 2), (2, 0)] {
        prop_assert!(!world.sync(a, b), "a further sync changed something");
    }

    let db = world.open(0);
    let options = ReadOptions {
        visibility: folio::model::Visibility::IncludePrivate,
        include_trash: true,
        with_attachment_data: false,
    };
    let document = read_document(db.read(), options).unwrap();
    let held: BTreeMap<&str, &folio::model::document::DocEntry> =
        document.entries.iter().map(|e| (e.uuid.as_str(), e)).collect();
    prop_assert_eq!(held.len(), document.entries.len(), "an entry held twice");
    let titles: HashSet<&str> = document.entries.iter().map(|e| e.fields.title.as_str()).collect();
    prop_assert_eq!(titles.len(), document.entries.len(), "two entries with one title: a copy");
    let found = conflicts::all(db.read()).unwrap();
    for uuid in &world.added {
        prop_assert!(held.contains_key(uuid.as_str()), "an entry added on one copy is not on every copy");
    }
    let goal_title = document.goals.iter().find(|g| g.uuid == world.goal).map(|g| g.title.clone());
    for edit in &world.edits {
        let overwritten = world.edits.iter().any(|later| {
            later.entry == edit.entry && later.field == edit.field && later.knew.contains(&edit.id)
        });
        let purged = world.purges.iter().any(|(uuid, knew)| *uuid == edit.entry && knew.contains(&edit.id));
        if overwritten || purged {
            continue;
        }
        if edit.field == "goal title" {
            let kept = goal_title.as_deref() == edit.value.as_str();
            let recorded =
                found.iter().any(|c| c.record == format!("goal:{}", edit.entry) && c.field == "title");
            prop_assert!(kept || recorded, "{:?} is lost: the goal has {:?}", edit, goal_title);
            continue;
        }
        let about = ABOUT.iter().position(|a| *a == edit.field).map(|t| world.uuids[t].clone());
        let in_conflict = found.iter().any(|c| {
            c.record == format!("entry:{}", edit.entry)
                && (c.field == edit.field
                    || c.field == "purged"
                    || c.field == format!("tag:{}", edit.field)
                    || about.as_ref().is_some_and(|u| c.field == format!("about:{u}")))
        });
        let Some(entry) = held.get(edit.entry.as_str()) else {
            prop_assert!(
                in_conflict || world.purges.iter().any(|(u, _)| *u == edit.entry),
                "{:?}: the entry is gone without a word",
                edit
            );
            continue;
        };
        let now = match edit.field {
            "title" => serde_json::json!(entry.fields.title),
            "body" => serde_json::json!(entry.fields.body),
            "hours" => serde_json::json!(entry.fields.details.hours()),
            _ if about.is_some() => {
                serde_json::json!(about.as_ref().is_some_and(|u| entry.fields.about.contains(u)))
            }
            tag => serde_json::json!(entry.fields.tags.iter().any(|t| t == tag)),
        };
        let superseded_tag = (TAGS.contains(&edit.field) || about.is_some())
            && world.edits.iter().any(|other| {
                // A concurrent add and remove of one tag: either outcome is a merge of the two.
                other.entry == edit.entry
                    && other.field == edit.field
                    && other.id != edit.id
                    && !edit.knew.contains(&other.id)
            });
        prop_assert!(
            now == edit.value || in_conflict || superseded_tag,
            "{:?} is lost: the entry has {} and no conflict records it",
            edit,
            now
        );
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("FOLIO_SYNC_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn every_edit_survives_any_order_of_syncs(ops in proptest::collection::vec(op(), 1..40)) {
        check(&ops)?;
    }
}
