//! Unit tests of a document's merge, on an in-memory portfolio: what comes
//! in is added once, a newer change wins over an older one from either side,
//! and nothing the document lacks is ever deleted.

use super::*;
use crate::db::Db;
use crate::db::filter::{EntryFilter, Privacy};
use crate::model::document::{DocEntry, DocVerdict, PortfolioDocument};
use crate::model::{EntryFields, EntryKind, VerdictKind};

fn entry(uuid: &str, title: &str, stamp: &str) -> DocEntry {
    let fields = EntryFields::new(
        EntryKind::Reflection,
        title.to_string(),
        "2026-01-10".parse().unwrap_or_else(|_| unreachable!()),
    );
    DocEntry::new(uuid.to_string(), fields, stamp.to_string())
}

fn document(entries: Vec<DocEntry>) -> PortfolioDocument {
    PortfolioDocument { entries, ..PortfolioDocument::empty() }
}

fn titles(db: &Db) -> Vec<String> {
    let filter = EntryFilter { privacy: Privacy::All, ..Default::default() };
    let mut titles: Vec<String> = crate::db::entries::list(&db.as_tx(), &filter)
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.fields.title)
        .collect();
    titles.sort();
    titles
}

fn merged(db: &mut Db, document: &PortfolioDocument, now: &str) -> MergeReport {
    db.write(|tx| merge(tx, document, now)).unwrap_or_else(|e| panic!("merge failed: {e}"))
}

#[test]
fn a_document_merged_twice_adds_once() {
    let mut db = Db::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let doc = document(vec![
        entry("u1", "First", "2026-01-10T10:00:00Z"),
        entry("u2", "Second", "2026-01-10T10:00:00Z"),
    ]);
    let first = merged(&mut db, &doc, "2026-01-11T00:00:00Z");
    assert_eq!((first.entries_added, first.entries_unchanged), (2, 0));
    let again = merged(&mut db, &doc, "2026-01-12T00:00:00Z");
    assert_eq!((again.entries_added, again.entries_updated, again.entries_unchanged), (0, 0, 2));
    assert_eq!(titles(&db), ["First", "Second"]);
}

#[test]
fn the_newer_change_wins_from_either_side() {
    let mut db = Db::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    merged(&mut db, &document(vec![entry("u1", "Original", "2026-01-10T10:00:00Z")]), "2026-01-11T00:00:00Z");
    // Edited elsewhere later: taken.
    let newer = merged(
        &mut db,
        &document(vec![entry("u1", "Edited later", "2026-02-01T10:00:00Z")]),
        "2026-02-02T00:00:00Z",
    );
    assert_eq!(newer.entries_updated, 1);
    assert_eq!(titles(&db), ["Edited later"]);
    // An older copy of it (a backup brought back): the newer edit stays.
    let older = merged(
        &mut db,
        &document(vec![entry("u1", "Stale", "2026-01-20T10:00:00Z")]),
        "2026-02-03T00:00:00Z",
    );
    assert_eq!((older.entries_updated, older.entries_unchanged), (0, 1));
    assert_eq!(titles(&db), ["Edited later"]);
}

#[test]
fn nothing_the_document_lacks_is_deleted() {
    let mut db = Db::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    merged(&mut db, &document(vec![entry("u1", "Mine", "2026-01-10T10:00:00Z")]), "2026-01-11T00:00:00Z");
    let report = merged(
        &mut db,
        &document(vec![entry("u2", "Theirs", "2026-01-10T10:00:00Z")]),
        "2026-01-12T00:00:00Z",
    );
    assert_eq!(report.entries_added, 1);
    assert_eq!(titles(&db), ["Mine", "Theirs"]);
    merged(&mut db, &PortfolioDocument::empty(), "2026-01-13T00:00:00Z");
    assert_eq!(titles(&db), ["Mine", "Theirs"], "an empty document deletes nothing");
}

#[test]
fn verdicts_come_in_once_by_their_uuid() {
    let mut db = Db::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let verdict = DocVerdict {
        uuid: "v1".into(),
        claim: None,
        verdict: VerdictKind::Accepted,
        assessor: "Dr Okubo".into(),
        comment: Some("Clear".into()),
        date: "2026-01-12".parse().unwrap_or_else(|_| unreachable!()),
        created_at: "2026-01-12T09:00:00Z".into(),
        credential: None,
    };
    let judged = DocEntry { verdicts: vec![verdict], ..entry("u1", "Judged", "2026-01-10T10:00:00Z") };
    let doc = document(vec![judged]);
    assert_eq!(merged(&mut db, &doc, "2026-01-13T00:00:00Z").verdicts_added, 1);
    assert_eq!(
        merged(&mut db, &doc, "2026-01-14T00:00:00Z").verdicts_added,
        0,
        "the same verdict is not added twice"
    );
}
