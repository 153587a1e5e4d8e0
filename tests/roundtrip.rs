//! The promise of the folio JSON document, over random portfolios: export →
//! import into an empty portfolio → export gives the same bytes.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use folio::db::Db;
use folio::db::document_read::{ReadOptions, read_document};
use folio::export::folio_json;
use folio::model::document::{DocAttachment, DocEntry, PortfolioDocument};
use folio::model::{EntryFields, EntryKind, KindDetails, PartialDate, Section, Template, Written};
use folio::ops::merge::merge;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z ]{1,20}",
        "\\PC{0,30}",
        Just("Zażółć gęślą jaźń — Ελληνικά 🎓".to_string())
    ]
}

fn title() -> impl Strategy<Value = String> {
    prop_oneof!["[A-Za-z][a-z ]{0,15}", Just("Łódź reflection 🎓".to_string()), "\\PC{0,10}x"]
}

fn entry() -> impl Strategy<Value = DocEntry> {
    let kinds = proptest::sample::select(EntryKind::ALL.to_vec());
    (
        kinds,
        title(),
        text(),
        1990i32..2030,
        1u32..13,
        1u32..29,
        proptest::collection::vec("[a-z]{1,8}", 0..3),
        any::<bool>(),
        text(),
        proptest::collection::vec(any::<u8>(), 0..40),
    )
        .prop_map(|(kind, title, body, year, month, day, tags, private, extra, bytes)| {
            let date: PartialDate = match day % 3 {
                0 => format!("{year}"),
                1 => format!("{year}-{month:02}"),
                _ => format!("{year}-{month:02}-{day:02}"),
            }
            .parse()
            .unwrap();
            let uuid = uuid::Uuid::new_v4().to_string();
            let stamp = format!("{year}-{month:02}-{day:02}T10:00:00Z");
            let mut fields = EntryFields::new(kind, title, date);
            fields.organisation = (!extra.is_empty()).then(|| extra.clone());
            fields.body = body;
            fields.tags = tags;
            fields.private = private;
            let written = |prompt: Option<String>| Written {
                template: Some(Template::Rolfe),
                sections: vec![Section { name: "so-what".into(), text: format!("{extra}!") }],
                prompt,
            };
            fields.details = match kind {
                EntryKind::Course => KindDetails::Course {
                    hours: Some(f64::from(day) / 2.0),
                    participatory: Some(private),
                    method: Some("workshop".into()),
                    relevance: Some(extra.clone()),
                    standards: vec![format!("{extra} 1"), "Code 2".into()],
                },
                EntryKind::Certificate => {
                    KindDetails::Certificate { credential_id: Some(extra), url: None, expires: None }
                }
                EntryKind::Qualification => KindDetails::Qualification { grade: Some(extra) },
                EntryKind::Feedback => KindDetails::Feedback { from: Some(extra) },
                EntryKind::Reflection => KindDetails::Reflection(written(Some(format!("{extra}?")))),
                EntryKind::Achievement => KindDetails::Achievement(written(None)),
                EntryKind::Meeting => KindDetails::Meeting { with: Some(extra.clone()) },
                EntryKind::Role => KindDetails::Role { practice_hours: Some(f64::from(day) * 10.0) },
                other => KindDetails::empty(other),
            };
            let mut entry = DocEntry::new(uuid, fields, stamp);
            if kind == EntryKind::Evidence {
                entry.attachments = vec![DocAttachment {
                    name: format!("{}.bin", entry.fields.title.len()),
                    media_type: "application/octet-stream".into(),
                    size: bytes.len() as i64,
                    sha256: folio::db::attachments::sha256_hex(&bytes),
                    data: Some(base64_encode(&bytes)),
                }];
            }
            entry
        })
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn export(db: &Db) -> Vec<u8> {
    let options = ReadOptions { include_private: true, with_attachment_data: true, include_trash: false };
    folio_json::render(&read_document(db.read(), options).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn export_import_export_is_byte_identical(entries in proptest::collection::vec(entry(), 0..12)) {
        let mut document = PortfolioDocument::empty();
        document.entries = entries;
        let mut first = Db::open_in_memory().unwrap();
        first.write(|tx| merge(tx, &document, "2026-01-01T00:00:00Z")).unwrap();
        let exported = export(&first);
        let reread = folio::import::folio_json::parse(std::str::from_utf8(&exported).unwrap()).unwrap();
        let mut second = Db::open_in_memory().unwrap();
        second.write(|tx| merge(tx, &reread, "2030-01-01T00:00:00Z")).unwrap();
        prop_assert_eq!(String::from_utf8(export(&second)).unwrap(), String::from_utf8(exported).unwrap());
        // Importing again changes nothing.
        let report = second.write(|tx| merge(tx, &reread, "2031-01-01T00:00:00Z")).unwrap();
        prop_assert_eq!(report.entries_added + report.entries_updated, 0);
    }
}
