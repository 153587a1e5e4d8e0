//! The evidence counts kept here against the matrix counted from every
//! claim (`report::coverage`): after any sequence of changes, the two agree.

use super::*;
use crate::db::{Db, DbError, Tx, claims, entries, framework_upsert, refs, trash};
use crate::model::Visibility;
use crate::model::{EntryFields, EntryId, EntryKind, Verdict, VerdictKind};
use crate::report::coverage::{Coverage, coverage, tallied};
use crate::report::gaps::gaps_within;

/// A small deterministic generator (xorshift), so a failure can be replayed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn emcc(db: &mut Db) {
    let text = include_str!("../../examples/frameworks/emcc-mentoring.toml");
    let mut emcc = crate::import::framework_toml::parse(text).unwrap().value;
    emcc.normalise();
    db.write(|tx| framework_upsert::upsert(tx, &emcc, "now").map(|_| ())).unwrap();
}

/// Every reference a claim can make: cells, whole competencies and indicators.
fn references(db: &Db) -> Vec<String> {
    let full = coverage(db.read(), "emcc", Visibility::IncludePrivate).unwrap();
    let mut refs = Vec::new();
    for row in &full.competencies {
        refs.push(format!("emcc/{}", row.code));
        refs.extend(full.levels.iter().map(|l| format!("emcc/{}/{l}", row.code)));
        refs.extend(row.indicators.iter().map(|i| i.reference.clone()));
    }
    refs
}

/// The numbers of a matrix: each cell's and indicator's tally.
fn numbers(coverage: &Coverage) -> Vec<(String, i64, i64)> {
    let mut out = Vec::new();
    for row in &coverage.competencies {
        for (n, cell) in row.levels.iter().chain(std::iter::once(&row.any_level)).enumerate() {
            out.push((format!("{}#{n}", row.code), cell.entries, cell.accepted));
        }
        for i in &row.indicators {
            out.push((i.reference.clone(), i.tally.entries, i.tally.accepted));
        }
    }
    out
}

fn assert_agree(db: &Db, step: &str) {
    for visibility in [Visibility::IncludePrivate, Visibility::Public] {
        let full = coverage(db.read(), "emcc", visibility).unwrap();
        let counted = tallied(db.read(), "emcc", visibility).unwrap();
        assert_eq!(numbers(&counted), numbers(&full), "after {step} ({visibility:?})");
        assert_eq!(gaps_within(&counted, None), gaps_within(&full, None), "gaps after {step}");
    }
    let claimed = crate::db::coverage::frameworks_with_claims(db.read()).unwrap();
    if let Some(evidenced) = evidenced_frameworks(db.read()).unwrap() {
        assert_eq!(evidenced, claimed, "frameworks with evidence after {step}");
    }
}

fn noted(db: &Db) -> i64 {
    db.read().raw().query_row("SELECT count(*) FROM evidence_stale", [], |r| r.get(0)).unwrap()
}

fn new_entry(tx: &Tx, private: bool) -> Result<EntryId, DbError> {
    let mut draft = EntryFields {
        title: "x".into(),
        private,
        ..EntryFields::new(EntryKind::Reflection, "", "2024".parse().unwrap())
    };
    draft.validate().unwrap();
    entries::insert(tx, &draft, &uuid::Uuid::new_v4().to_string(), "now")
}

fn judge(tx: &Tx, entry: EntryId, claim: Option<i64>, kind: VerdictKind, day: usize) -> Result<(), DbError> {
    let verdict = Verdict {
        verdict: kind,
        assessor: "Dr Mentor".into(),
        date: format!("2026-03-{:02}", 1 + day % 5).parse().unwrap(),
        comment: None,
        claim: None,
        uuid: uuid::Uuid::new_v4().to_string(),
        created_at: "now".into(),
        credential: None,
    };
    claims::add_verdict(tx, entry, claim, &verdict)
}

#[test]
fn kept_counts_agree_with_counting_every_claim_after_any_changes() {
    let mut db = Db::open_in_memory().unwrap();
    emcc(&mut db);
    let refs_all = references(&db);
    let mut dice = Dice(0x0005_eedf_0110);
    let mut live: Vec<EntryId> = Vec::new();
    let mut trashed: Vec<EntryId> = Vec::new();
    for step in 0..400 {
        let op = dice.below(10);
        let reference = refs_all[dice.below(refs_all.len())].clone();
        let (pick, verdict, day) = (dice.below(1_000), dice.below(3), dice.below(5));
        let private = dice.below(4) == 0;
        let kind = [VerdictKind::Accepted, VerdictKind::NeedsMore, VerdictKind::NotAccepted][verdict];
        let what = db
            .write(|tx| -> Result<String, DbError> {
                if live.is_empty() || op == 0 {
                    let id = new_entry(tx, private)?;
                    live.push(id);
                    return Ok(format!("a new entry {id}"));
                }
                let entry = live[pick % live.len()];
                let target = refs::resolve(tx, &reference.parse().unwrap())?;
                Ok(match op {
                    1..=3 => {
                        claims::add(tx, entry, &target, None, &uuid::Uuid::new_v4().to_string(), "now")?;
                        format!("a claim of {reference} on {entry}")
                    }
                    4 => {
                        claims::remove(tx, entry, &target)?;
                        format!("unclaiming {reference} from {entry}")
                    }
                    5 | 6 => {
                        let claim = if op == 5 { claims::find(tx, entry, &target)? } else { None };
                        judge(tx, entry, claim, kind, day)?;
                        format!("a verdict on {entry} ({claim:?})")
                    }
                    7 => {
                        let mut fields = entries::get(tx, entry)?.fields;
                        fields.private = !fields.private;
                        entries::update(tx, entry, &fields, "now")?;
                        format!("{entry} made private: {}", fields.private)
                    }
                    8 => {
                        trash::trash(tx, &[entry], "now")?;
                        live.retain(|e| *e != entry);
                        trashed.push(entry);
                        format!("{entry} to the trash")
                    }
                    _ => match trashed.pop() {
                        Some(back) if pick % 3 > 0 => {
                            trash::restore(tx, back, "now")?;
                            live.push(back);
                            format!("{back} restored")
                        }
                        Some(gone) => {
                            trashed.push(gone);
                            trash::purge_trash(tx)?;
                            trashed.clear();
                            "the trash emptied".to_string()
                        }
                        None => "nothing".to_string(),
                    },
                })
            })
            .unwrap();
        assert_eq!(noted(&db), 0, "settled at commit");
        if step % 10 == 0 || step > 380 {
            assert_agree(&db, &format!("step {step}: {what}"));
        }
    }
    let kept: i64 =
        db.read().raw().query_row("SELECT sum(entries) FROM evidence_counts", [], |r| r.get(0)).unwrap();
    assert!(kept > 50, "the sequence built up evidence ({kept})");
    assert_eq!(drift(db.read()).unwrap(), 0, "check finds nothing to repair");
}

#[test]
fn drift_is_found_and_a_rebuild_repairs_it() {
    let mut db = Db::open_in_memory().unwrap();
    emcc(&mut db);
    db.write(|tx| -> Result<(), DbError> {
        for reference in ["emcc/self/foundation", "emcc/insight/practitioner/1", "emcc/models"] {
            let entry = new_entry(tx, false)?;
            let target = refs::resolve(tx, &reference.parse().unwrap())?;
            claims::add(tx, entry, &target, None, &uuid::Uuid::new_v4().to_string(), "now")?;
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(drift(db.read()).unwrap(), 0);
    let raw = db.read().raw();
    raw.execute("UPDATE evidence_counts SET entries = entries + 2 WHERE indicator_id = 0", []).unwrap();
    raw.execute("DELETE FROM evidence_counts WHERE indicator_id <> 0", []).unwrap();
    assert_eq!(drift(db.read()).unwrap(), 4, "three cells counted wrong, one indicator missing");
    db.write(rebuild).unwrap();
    assert_eq!((drift(db.read()).unwrap(), noted(&db)), (0, 0));
    assert_agree(&db, "the rebuild");
}

#[test]
fn an_indicator_moved_to_another_level_moves_its_evidence() {
    let mut db = Db::open_in_memory().unwrap();
    emcc(&mut db);
    db.write(|tx| -> Result<(), DbError> {
        let entry = new_entry(tx, false)?;
        let target = refs::resolve(tx, &"emcc/insight/practitioner/1".parse().unwrap())?;
        claims::add(tx, entry, &target, None, "c1", "now")?;
        // A claim on an indicator that names no level of its own counts at
        // the indicator's level, wherever the indicator moves.
        tx.raw().execute("UPDATE claims SET level_id = NULL WHERE uuid = 'c1'", [])?;
        judge(tx, entry, None, VerdictKind::Accepted, 1)
    })
    .unwrap();
    assert_agree(&db, "the claim");
    db.write(|tx| -> Result<(), DbError> {
        tx.raw().execute(
            "UPDATE indicators SET level_id = (SELECT id FROM framework_levels WHERE code = 'master')
              WHERE id = (SELECT indicator_id FROM claims WHERE uuid = 'c1')",
            [],
        )?;
        Ok(())
    })
    .unwrap();
    assert_agree(&db, "moving the indicator");
    let master = tallied(db.read(), "emcc", Visibility::IncludePrivate).unwrap();
    let insight = master.competencies.iter().find(|r| r.code == "insight").unwrap();
    assert_eq!((insight.levels[1].entries, insight.levels[3].entries), (0, 1));
}

#[test]
fn changes_made_outside_a_folio_write_are_counted_from_the_claims() {
    let mut db = Db::open_in_memory().unwrap();
    emcc(&mut db);
    let entry = db.write(|tx| new_entry(tx, false)).unwrap();
    // A write that does not go through `Db::write` (another program) leaves
    // the entry noted, and the counts are not trusted until a folio write.
    let target = refs::resolve(db.read(), &"emcc/self/foundation".parse().unwrap()).unwrap();
    claims::add(&db.as_tx(), entry, &target, None, "c1", "now").unwrap();
    assert_eq!(noted(&db), 1);
    assert!(counts(db.read(), target.framework_id, Visibility::IncludePrivate).unwrap().is_none());
    assert_agree(&db, "an outside write");
    db.write(|tx| new_entry(tx, false).map(|_| ())).unwrap();
    assert_eq!(noted(&db), 0, "the next write settles it");
    assert!(counts(db.read(), target.framework_id, Visibility::IncludePrivate).unwrap().is_some());
    assert_agree(&db, "the next write");
}
