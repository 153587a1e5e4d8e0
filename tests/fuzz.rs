//! Fuzzing on stable Rust: every importer is fed real files mutated at
//! random (bytes flipped, cut, repeated, spliced), and must answer with a
//! result or an error — never a panic, never a hang — and a rejected
//! document must leave the portfolio exactly as it was.
//!
//! `FOLIO_FUZZ_CASES` sets the cases per format (default 64); a long run:
//!
//!     FOLIO_FUZZ_CASES=20000 cargo test --release --test fuzz
//!
//! Inputs that once failed live in `tests/fixtures/fuzz-corpus/` and are
//! replayed every time.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::PathBuf;
use std::time::{Duration, Instant};

use folio::db::Db;
use folio::db::document_read::{ReadOptions, read_document};
use folio::import;
use proptest::prelude::*;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(path)).unwrap()
}

/// The real files each format is seeded from.
fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("folio", fixture("demo/portfolio.json")),
        ("jrnl", fixture("jrnl/jrnl-export.json")),
        ("jrnl", fixture("jrnl/jrnl-journal-20.txt")),
        ("resume", fixture("demo/resume.json")),
        ("orcid", fixture("orcid/record.json")),
        ("dayone", fixture("dayone/export/Journal.json")),
        ("dayone", fixture("dayone/Export-Journal.zip")),
        ("linkedin", fixture("linkedin/Basic_LinkedInDataExport_11-30-2026.zip")),
        ("linkedin", fixture("linkedin/export/Positions.csv")),
        ("linkedin", fixture("linkedin/export/Recommendations_Received.csv")),
        ("badge", fixture("badges/badge-2.0.png")),
        ("badge", fixture("badges/badge-3.0.png")),
        ("badge", fixture("badges/badge-2.0.svg")),
        ("badge", fixture("badges/credential-3.0.jws")),
        ("framework", fixture("frameworks/example.matrix")),
        ("framework", fixture("frameworks/nace_usa.matrix")),
        ("framework", fixture("frameworks/SmartLevelFramework.json")),
        ("framework", fixture("frameworks/opensalt-framework-20c5134f-423d-4097-a971-3dd5152bf507.json")),
        (
            "framework",
            std::fs::read(
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/frameworks/emcc-mentoring.toml"),
            )
            .unwrap(),
        ),
    ]
}

/// One way of damaging a file.
#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, bits: u8 },
    Cut { at: usize },
    Delete { at: usize, len: usize },
    Repeat { at: usize, len: usize, times: usize },
    Splice { at: usize, text: String },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, 1u8..=255).prop_map(|(at, bits)| Mutation::Flip { at, bits }),
        at.prop_map(|at| Mutation::Cut { at }),
        (at, 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (at, 1usize..32, 2usize..50).prop_map(|(at, len, times)| Mutation::Repeat { at, len, times }),
        (
            at,
            prop_oneof![
                Just("\"".to_string()),
                Just("{".to_string()),
                Just("]".to_string()),
                Just("\u{feff}".to_string()),
                Just("\u{202e}".to_string()),
                Just("null".to_string()),
                Just("1e999".to_string()),
                Just("[[[[[[[[[[[[[[[[[[[[".to_string()),
                Just("\n[2024-01-01 09:00] ".to_string()),
                "\\PC{0,12}"
            ]
        )
            .prop_map(|(at, text)| Mutation::Splice { at, text }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Flip { at, bits } => {
            if !bytes.is_empty() {
                bytes[at % len] ^= bits;
            }
        }
        Mutation::Cut { at } => bytes.truncate(at % len),
        Mutation::Delete { at, len: n } => {
            let start = (at % len).min(bytes.len());
            let end = (start + n).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::Repeat { at, len: n, times } => {
            let start = (at % len).min(bytes.len());
            let end = (start + n).min(bytes.len());
            let piece = bytes[start..end].to_vec();
            for _ in 0..*times {
                bytes.splice(end..end, piece.iter().copied());
            }
        }
        Mutation::Splice { at, text } => {
            let at = (at % len).min(bytes.len());
            bytes.splice(at..at, text.bytes());
        }
    }
}

/// Feeds one input to its format's reader; a folio document that parses is
/// merged, and if the merge is refused the portfolio must be unchanged.
fn feed(format: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let started = Instant::now();
    match format {
        "folio" => {
            if let Ok(document) = import::folio_json::parse(&text) {
                let mut db = Db::open_in_memory().unwrap();
                let options = ReadOptions {
                    visibility: folio::model::Visibility::IncludePrivate,
                    with_attachment_data: true,
                    include_trash: false,
                };
                let before = read_document(db.read(), options).unwrap();
                if db.write(|tx| folio::ops::merge::merge(tx, &document, "2026-01-01T00:00:00Z")).is_err() {
                    assert_eq!(
                        read_document(db.read(), options).unwrap(),
                        before,
                        "a refused merge changed the portfolio"
                    );
                }
            }
        }
        "jrnl" => {
            let _ = import::jrnl::parse(&text);
        }
        "resume" => {
            let _ = import::json_resume::parse(&text);
        }
        "orcid" => {
            let _ = import::orcid::parse(&text, folio::model::Profile::default());
        }
        "dayone" | "linkedin" => {
            // A ZIP as the archive it is; a CSV or a journal as the one file of an export.
            let archive = if import::archive::is_zip(bytes) {
                import::archive::Archive::zip(std::io::Cursor::new(bytes.to_vec()))
            } else {
                let name = if format == "dayone" { "Journal.json" } else { "Positions.csv" };
                Ok(import::archive::Archive::Single { name: name.into(), bytes: bytes.to_vec() })
            };
            if let Ok(mut archive) = archive {
                let day =
                    folio::model::PartialDate::day(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
                let _ = import::linkedin::read(&mut archive, folio::model::Profile::default(), day);
                let _ = import::dayone::read(&mut archive, folio::model::EntryKind::Reflection);
            }
        }
        "badge" => {
            if let Ok(text) = import::badge::carried(bytes)
                && let Ok(value) = import::badge::payload(&text)
            {
                let _ = import::badge::read(&value);
                let _ = folio::trust::badge_check::check(&text, &value);
            }
        }
        _ => {
            let _ = match import::detect_framework_format(&text) {
                import::FrameworkFormat::Toml => import::framework_toml::parse(&text),
                import::FrameworkFormat::Mahara => import::mahara::parse(&text),
                import::FrameworkFormat::Case => import::case::parse(&text),
            };
        }
    }
    assert!(started.elapsed() < Duration::from_secs(5), "{format}: {:?} for one input", started.elapsed());
}

fn cases() -> u32 {
    std::env::var("FOLIO_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_real_files_never_panic_or_hang(
        seed in 0usize..64,
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let seeds = seeds();
        let (format, original) = &seeds[seed % seeds.len()];
        let mut bytes = original.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        feed(format, &bytes);
    }
}

/// Every saved input, by the format its name starts with (`folio-…`, `jrnl-…`).
#[test]
fn the_corpus_of_once_failing_inputs_is_handled() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-corpus");
    let mut fed = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some((format, _)) = name.split_once('-') else { continue };
        if ["folio", "jrnl", "resume", "framework", "orcid", "dayone", "linkedin"].contains(&format) {
            feed(format, &std::fs::read(&path).unwrap());
            fed += 1;
        }
    }
    assert!(fed >= 3, "the corpus holds its inputs");
}
