//! The promise of the folio JSON document, over random portfolios: export →
//! import into an empty portfolio → export gives the same bytes, settings
//! (requirement sets, their tracking, watched names) and sync's conflicts
//! included; and every
//! export is valid against the document's JSON Schema in docs/.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use folio::db::Db;
use folio::db::document_read::{ReadOptions, read_document};
use folio::export::folio_json;
use folio::model::document::{
    DocAttachment, DocConflict, DocEntry, DocRequirementSet, DocSettings, DocTracked, PortfolioDocument,
};
use folio::model::{
    EntryFields, EntryKind, FieldType, FieldValue, KindDetails, KindField, KindValues, PartialDate, Section,
    Template,
};
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
            // Every field the kind takes, as the declaration lists them.
            let mut values = KindValues::default();
            for field in KindField::of(kind) {
                let value = match field.field_type() {
                    FieldType::Text => FieldValue::Text(extra.clone()),
                    FieldType::Number => FieldValue::Number(f64::from(day) / 2.0),
                    FieldType::Flag => FieldValue::Flag(private),
                    FieldType::Date => FieldValue::Date(date),
                    FieldType::Template => FieldValue::Template(Template::Rolfe),
                    FieldType::List => FieldValue::List(vec![format!("{extra} 1"), "Code 2".into()]),
                    FieldType::Sections => FieldValue::Sections(vec![Section {
                        name: "so-what".into(),
                        text: format!("{extra}!"),
                    }]),
                };
                values.set(field, Some(value));
            }
            fields.details = KindDetails::new(kind, values).unwrap();
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

fn reread_settings(exported: &[u8]) -> DocSettings {
    folio::import::folio_json::parse(std::str::from_utf8(exported).unwrap()).unwrap().settings
}

fn export(db: &Db) -> Vec<u8> {
    let options = ReadOptions {
        visibility: folio::model::Visibility::IncludePrivate,
        with_attachment_data: true,
        include_trash: false,
    };
    folio_json::render(&read_document(db.read(), options).unwrap()).unwrap()
}

fn conflicts() -> impl Strategy<Value = Vec<DocConflict>> {
    let one = ("[a-z_]{1,12}", text(), any::<bool>(), 1u32..28).prop_map(|(field, value, settled, day)| {
        DocConflict {
            uuid: uuid::Uuid::new_v4().to_string(),
            record: format!("entry:{}", uuid::Uuid::new_v4()),
            label: "A record".into(),
            kept: serde_json::Value::String(value.clone()).to_string(),
            other: "null".into(),
            field,
            kept_replica: "r1".into(),
            kept_device: "laptop.db on laptop".into(),
            other_replica: "r2".into(),
            other_device: "folio.db on work-pc".into(),
            found_at: format!("2026-03-{day:02}T10:00:00.000Z"),
            resolved_at: settled.then(|| "2026-04-01T10:00:00.000Z".to_string()),
            resolution: settled.then(|| "null".to_string()),
        }
    });
    proptest::collection::vec(one, 0..3)
}

fn settings() -> impl Strategy<Value = DocSettings> {
    let keys = proptest::collection::btree_set("[a-z]{2,8}(-[a-z]{2,5})?", 0..3);
    let names = proptest::collection::btree_set("[A-Z][a-z]{1,8} [A-Z][a-zł]{1,10}", 0..3);
    (keys, names, any::<bool>()).prop_map(|(keys, names, due)| DocSettings {
        requirement_sets: keys
            .iter()
            .map(|key| DocRequirementSet {
                key: key.clone(),
                text: format!("key = \"{key}\"\ntitle = \"Team CPD\"\nyears = 1\n[[rule]]\nname = \"Hours\"\nsum = \"hours\"\nkinds = [\"course\"]\nat_least = 10\n"),
            })
            .collect(),
        tracked_requirements: keys
            .iter()
            .map(|key| DocTracked { key: key.clone(), due: due.then(|| "2027-04-30".parse().unwrap()) })
            .collect(),
        watched_names: names.into_iter().collect(),
    })
}

/// The document's JSON Schema (docs/folio-portfolio.schema.json), compiled once.
fn schema() -> &'static jsonschema::Validator {
    static SCHEMA: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/folio-portfolio.schema.json"))
                .unwrap();
        jsonschema::options().build(&serde_json::from_str(&text).unwrap()).unwrap()
    })
}

#[test]
fn the_demo_export_is_valid_against_the_schema() {
    for golden in ["portfolio.json", "portfolio-public.json"] {
        let path = format!("{}/tests/fixtures/demo/{golden}", env!("CARGO_MANIFEST_DIR"));
        let document: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let errors: Vec<String> =
            schema().iter_errors(&document).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{golden}: {errors:#?}");
    }
    let mut wrong: serde_json::Value =
        serde_json::from_str(r#"{"format": "folio-portfolio", "version": 1, "settings": {"watched": []}}"#)
            .unwrap();
    assert!(!schema().is_valid(&wrong), "an unknown key is refused");
    wrong["settings"] = serde_json::json!({"watched_names": ["Mrs Patel"]});
    assert!(schema().is_valid(&wrong));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn export_import_export_is_byte_identical(
        entries in proptest::collection::vec(entry(), 0..12),
        settings in settings(),
        conflicts in conflicts(),
    ) {
        let mut document = PortfolioDocument::empty();
        let mut entries = entries;
        // Some entries are about the one before, or about one no document holds.
        for i in 1..entries.len() {
            entries[i].fields.about = match entries[i].fields.title.len() % 3 {
                0 => vec![entries[i - 1].uuid.clone()],
                1 => vec!["0b7f6a1e-0000-4000-8000-000000000000".into()],
                _ => Vec::new(),
            };
        }
        document.entries = entries;
        document.settings = settings.clone();
        document.conflicts = conflicts;
        let mut first = Db::open_in_memory().unwrap();
        first.write(|tx| merge(tx, &document, "2026-01-01T00:00:00Z")).unwrap();
        let exported = export(&first);
        let json: serde_json::Value = serde_json::from_slice(&exported).unwrap();
        let errors: Vec<String> = schema().iter_errors(&json).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        prop_assert!(errors.is_empty(), "{:#?}", errors);
        prop_assert_eq!(&reread_settings(&exported), &settings, "the settings come back as they went in");
        let reread = folio::import::folio_json::parse(std::str::from_utf8(&exported).unwrap()).unwrap();
        let mut second = Db::open_in_memory().unwrap();
        second.write(|tx| merge(tx, &reread, "2030-01-01T00:00:00Z")).unwrap();
        prop_assert_eq!(String::from_utf8(export(&second)).unwrap(), String::from_utf8(exported).unwrap());
        // Importing again changes nothing.
        let report = second.write(|tx| merge(tx, &reread, "2031-01-01T00:00:00Z")).unwrap();
        prop_assert_eq!(report.entries_added + report.entries_updated, 0);
    }
}
