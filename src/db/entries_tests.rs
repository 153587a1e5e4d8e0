//! Unit tests of the entries table: round trips, listings and lookups.

use super::*;
use crate::db::Db;
use crate::db::filter::Privacy;
use crate::model::{EntryKind, KindDetails, KindValues, Template};

pub(crate) fn draft(kind: EntryKind, title: &str, date: &str) -> EntryFields {
    let mut d = EntryFields::new(kind, title, date.parse().unwrap());
    d.validate().unwrap();
    d
}

fn reflection(template: Template, sections: Vec<Section>) -> KindDetails {
    let values = KindValues { template: Some(template), sections, ..KindValues::default() };
    KindDetails::new(EntryKind::Reflection, values).unwrap()
}

pub(crate) fn add(db: &Db, d: &EntryFields) -> EntryId {
    insert(&db.as_tx(), d, &uuid::Uuid::new_v4().to_string(), "2026-01-01T00:00:00Z").unwrap()
}

#[test]
fn certificates_with_an_expiry_come_from_their_index_newest_first() {
    let db = Db::open_in_memory().unwrap();
    let certificate = |title: &str, date: &str, expires: Option<&str>| {
        let mut d = draft(EntryKind::Certificate, title, date);
        let values = KindValues { expires: expires.map(|e| e.parse().unwrap()), ..KindValues::default() };
        d.details = KindDetails::new(EntryKind::Certificate, values).unwrap();
        add(&db, &d)
    };
    let newer = certificate("ILS", "2025-06", Some("2026-06"));
    let older = certificate("BLS", "2024-01", Some("2025-01"));
    certificate("Degree-like", "2023", None);
    let trashed = certificate("Old ILS", "2022", Some("2023"));
    crate::db::trash::trash(&db.as_tx(), &[trashed], "now").unwrap();
    add(&db, &draft(EntryKind::Course, "Not a certificate", "2024"));
    let mut found = Vec::new();
    each_certificate_newest_first(&db.as_tx(), |c| {
        found.push((c.id, c.title.to_string(), c.expires.to_string()));
        Ok(())
    })
    .unwrap();
    assert_eq!(found, [(newer, "ILS".into(), "2026-06".into()), (older, "BLS".into(), "2025-01".into())]);
}

#[test]
fn an_entry_round_trips_with_its_fields() {
    let db = Db::open_in_memory().unwrap();
    let mut d = draft(EntryKind::Reflection, "First shift", "2024-05");
    let sections = vec![Section { name: "so-what".into(), text: "it matters".into() }];
    d.details = reflection(Template::Rolfe, sections);
    d.tags = vec!["nhs".into(), "Ward".into()];
    d.private = true;
    let id = add(&db, &d);
    let entry = get(&db.as_tx(), id).unwrap();
    assert_eq!(entry.fields.title, "First shift");
    assert_eq!(entry.fields.date.to_string(), "2024-05");
    assert_eq!(entry.fields.tags, ["nhs", "Ward"]);
    assert!(entry.fields.private);
    assert_eq!(entry.fields, d);
}

#[test]
fn listing_is_newest_first_and_filters_combine() {
    let db = Db::open_in_memory().unwrap();
    let mut a = draft(EntryKind::Course, "Old course", "2022");
    a.tags = vec!["cpd".into()];
    add(&db, &a);
    let mut b = draft(EntryKind::Course, "New course", "2024-03-02");
    b.tags = vec!["cpd".into()];
    b.private = true;
    add(&db, &b);
    add(&db, &draft(EntryKind::Role, "Ward sister", "2023"));

    let all = list(&db.as_tx(), &EntryFilter::default()).unwrap();
    let titles: Vec<_> = all.iter().map(|e| e.fields.title.as_str()).collect();
    assert_eq!(titles, ["New course", "Ward sister", "Old course"]);

    let filter = EntryFilter { tags: vec!["CPD".into()], privacy: Privacy::OnlyPublic, ..Default::default() };
    let found = list(&db.as_tx(), &filter).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].fields.title, "Old course");

    let since = EntryFilter { since: "2023-01-01".parse().ok(), limit: Some(1), ..Default::default() };
    assert_eq!(list(&db.as_tx(), &since).unwrap()[0].fields.title, "New course");
}

#[test]
fn text_filter_uses_the_index_over_sections_and_tags() {
    let db = Db::open_in_memory().unwrap();
    let mut d = draft(EntryKind::Reflection, "Shift", "2024");
    let sections = vec![Section { name: "result".into(), text: "patients discharged sooner".into() }];
    d.details = reflection(Template::Star, sections);
    add(&db, &d);
    let filter = EntryFilter { words: vec!["discharged".into()], ..Default::default() };
    assert_eq!(list(&db.as_tx(), &filter).unwrap().len(), 1);
}

#[test]
fn updating_a_missing_entry_fails() {
    let db = Db::open_in_memory().unwrap();
    let d = draft(EntryKind::Role, "x", "2024");
    assert!(matches!(update(&db.as_tx(), EntryId(99), &d, "now"), Err(DbError::NoSuchEntry(EntryId(99)))));
}
