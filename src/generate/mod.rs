//! Deterministic sample portfolios of any size, for benchmarks and load
//! tests: every kind of entry in realistic proportions, ~100-word bodies,
//! 1–3 tags from a pool of 20, dates over five years, claims on the EMCC
//! framework, some verdicts, ratings and attachments. The same seed always
//! gives the same portfolio, and [`jrnl_journal`] writes the same diary in
//! jrnl's plain-text format so both tools can be measured on equal content.

mod other_tools;
mod plan;

pub use other_tools::{case_package, jrnl_journal};

use crate::import::framework_toml;
use crate::model::assessment::Score;
use crate::model::document::{DocAttachment, DocClaim, DocEntry, DocRating, DocVerdict, PortfolioDocument};
use crate::model::reference::Canonical;
use crate::model::{
    EntryFields, EntryKind, Framework, KindDetails, KindValues, PartialDate, Section, Template, VerdictKind,
};

const EMCC: &str = include_str!("../../examples/frameworks/emcc-mentoring.toml");

const WORDS: &[&str] = &[
    "mentor",
    "mentee",
    "session",
    "feedback",
    "listening",
    "question",
    "goal",
    "reflection",
    "practice",
    "supervision",
    "student",
    "ward",
    "patient",
    "handover",
    "rapport",
    "contract",
    "boundary",
    "evidence",
    "learning",
    "review",
    "action",
    "plan",
    "confidence",
    "challenge",
    "support",
    "team",
    "shift",
    "audit",
    "outcome",
    "progress",
    "skills",
    "model",
    "insight",
    "values",
    "trust",
    "empathy",
    "observation",
    "assessment",
    "teaching",
    "placement",
    "development",
    "competence",
    "agreed",
    "noticed",
    "explored",
    "discussed",
    "practised",
    "improved",
    "difficult",
    "useful",
    "clear",
    "calm",
    "careful",
    "honest",
    "weekly",
    "monthly",
    "together",
    "quietly",
    "again",
    "before",
    "after",
    "during",
    "because",
    "while",
    "the",
    "a",
    "and",
    "of",
    "to",
    "with",
    "on",
    "for",
    "in",
    "about",
    "we",
    "I",
    "my",
    "her",
    "his",
];

/// A rare word that appears in about one entry in five hundred, for search benchmarks.
pub const RARE_WORD: &str = "serendipity";

/// The tag pool: `tag01` … `tag20`.
pub fn tag(n: usize) -> String {
    format!("tag{:02}", n % 20 + 1)
}

/// xorshift64*: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn words(&mut self, count: usize) -> String {
        let mut text = String::with_capacity(count * 8);
        for i in 0..count {
            if i > 0 {
                text.push(if i % 17 == 0 { '\n' } else { ' ' });
            }
            text.push_str(WORDS[self.below(WORDS.len())]);
        }
        text
    }
}

/// Kinds in rough proportion to a working portfolio.
const KINDS: &[(EntryKind, usize)] = &[
    (EntryKind::Reflection, 30),
    (EntryKind::Meeting, 20),
    (EntryKind::Course, 12),
    (EntryKind::Feedback, 10),
    (EntryKind::Evidence, 10),
    (EntryKind::Achievement, 8),
    (EntryKind::Certificate, 4),
    (EntryKind::Role, 3),
    (EntryKind::Qualification, 3),
];

fn pick_kind(rng: &mut Rng) -> EntryKind {
    let total: usize = KINDS.iter().map(|(_, w)| w).sum();
    let mut n = rng.below(total);
    for (kind, weight) in KINDS {
        if n < *weight {
            return *kind;
        }
        n -= weight;
    }
    EntryKind::Reflection
}

/// The EMCC framework as shipped in `examples/frameworks`.
pub fn emcc() -> Framework {
    let mut framework = framework_toml::parse(EMCC).map(|i| i.value).unwrap_or_else(|_| Framework {
        key: "emcc".into(),
        title: "EMCC".into(),
        source: None,
        description: None,
        levels: Vec::new(),
        competencies: Vec::new(),
        prompts: Vec::new(),
        updated_at: None,
    });
    framework.normalise();
    framework
}

/// A portfolio of `entries` entries, the same for the same seed.
pub fn portfolio(entries: usize, seed: u64) -> PortfolioDocument {
    let mut rng = Rng(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let framework = emcc();
    let indicators: Vec<String> = indicator_refs(&framework);
    let mut document = PortfolioDocument::empty();
    document.profile.name = Some("Sample Mentee".into());
    document.profile.headline = Some("Generated portfolio for benchmarks".into());
    for n in 0..entries {
        let kind = pick_kind(&mut rng);
        let day = rng.below(5 * 365) as u64;
        let date = chrono::NaiveDate::from_ymd_opt(2021, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new(day)))
            .unwrap_or_default();
        let stamp = format!("{}T{:02}:{:02}:00Z", date, 8 + n % 12, n % 60);
        let length = 90 + rng.below(20);
        let mut body = rng.words(length);
        if n % 500 == 7 {
            body.push_str(&format!(" {RARE_WORD}"));
        }
        let title = format!("{} {}", capitalise(&rng.words(4)), n + 1);
        let uuid = uuid::Uuid::from_u64_pair(seed, n as u64).to_string();
        let tags =
            (0..1 + rng.below(3)).map(|_| tag(rng.below(20))).collect::<std::collections::BTreeSet<_>>();
        let mut fields = EntryFields::new(kind, title, PartialDate::day(date));
        fields.body = body;
        fields.tags = tags.into_iter().collect();
        fields.private = n % 25 == 3;
        if kind == EntryKind::Reflection && n > 0 && n % 2 == 0 {
            fields.about = vec![uuid::Uuid::from_u64_pair(seed, rng.below(n) as u64).to_string()];
        }
        fill_kind(&mut fields, &mut rng, n);
        let mut entry = DocEntry::new(uuid, fields, stamp.clone());
        if n % 3 == 0 && !indicators.is_empty() {
            let reference = indicators[rng.below(indicators.len())].clone();
            entry.claims.push(DocClaim {
                uuid: uuid::Uuid::from_u64_pair(seed ^ 1, n as u64).to_string(),
                reference: reference.clone(),
                note: None,
                created_at: stamp.clone(),
            });
            if n % 9 == 0 {
                entry.verdicts.push(DocVerdict {
                    uuid: uuid::Uuid::from_u64_pair(seed ^ 2, n as u64).to_string(),
                    claim: Some(reference),
                    verdict: if n % 2 == 0 { VerdictKind::Accepted } else { VerdictKind::NeedsMore },
                    assessor: "Dr Sample Mentor".into(),
                    comment: Some(rng.words(8)),
                    date: PartialDate::day(date),
                    created_at: stamp.clone(),
                    credential: None,
                });
            }
        }
        if n % 200 == 11 {
            let bytes = rng.words(40).into_bytes();
            entry.attachments.push(DocAttachment {
                name: format!("notes-{n}.txt"),
                media_type: "text/plain".into(),
                size: bytes.len() as i64,
                sha256: crate::db::attachments::sha256_hex(&bytes),
                data: Some(base64_encode(&bytes)),
            });
        }
        document.entries.push(entry);
    }
    for (i, reference) in indicators.iter().enumerate().filter(|(i, _)| i % 4 == 0) {
        for (round, date) in ["2024-01-15", "2025-06-30"].iter().enumerate() {
            document.ratings.push(DocRating {
                uuid: uuid::Uuid::from_u64_pair(seed ^ 3, (i * 2 + round) as u64).to_string(),
                reference: reference.clone(),
                expertise: Score::nearest(1 + ((i + round) % 5) as i64),
                frequency: Score::nearest(1 + ((i * 3 + round) % 5) as i64),
                date: date.parse().unwrap_or(PartialDate::day(chrono::NaiveDate::MIN)),
                note: None,
                created_at: format!("{date}T20:00:00Z"),
            });
        }
    }
    document.frameworks.push(framework);
    plan::add_plan(&mut document, &mut rng, seed);
    document
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn fill_kind(fields: &mut EntryFields, rng: &mut Rng, n: usize) {
    let kind = fields.kind();
    let values = match kind {
        EntryKind::Course => {
            fields.organisation = Some("Sample Training Provider".into());
            KindValues {
                hours: Some(1.0 + rng.below(14) as f64 / 2.0),
                participatory: Some(n.is_multiple_of(2)),
                method: Some(["course", "e-learning", "conference", "workshop", "reading"][n % 5].into()),
                relevance: Some(rng.words(10)),
                standards: vec![format!("Practise effectively {}", 1 + n % 4)],
                ..KindValues::default()
            }
        }
        EntryKind::Certificate => KindValues {
            credential_id: Some(format!("C-{n:06}")),
            expires: Some(PartialDate::day(
                chrono::NaiveDate::from_ymd_opt(2027, 1 + (n % 12) as u32, 1).unwrap_or_default(),
            )),
            ..KindValues::default()
        },
        EntryKind::Qualification => KindValues { grade: Some("Merit".into()), ..KindValues::default() },
        EntryKind::Feedback => KindValues { from: Some("A colleague".into()), ..KindValues::default() },
        EntryKind::Reflection | EntryKind::Achievement => {
            let template = if kind == EntryKind::Achievement { Template::Star } else { Template::Rolfe };
            let sections = template
                .sections()
                .iter()
                .map(|s| Section { name: s.key.into(), text: rng.words(12) })
                .collect();
            KindValues { template: Some(template), sections, ..KindValues::default() }
        }
        EntryKind::Role => {
            fields.organisation = Some("Sample Hospital".into());
            KindValues { practice_hours: Some(100.0 + rng.below(400) as f64), ..KindValues::default() }
        }
        _ => KindValues::default(),
    };
    fields.details = KindDetails::keep(kind, values);
}

fn indicator_refs(framework: &Framework) -> Vec<String> {
    let mut refs = Vec::new();
    for competency in &framework.competencies {
        let numbered: Vec<_> = competency.numbered_indicators().collect();
        for level in &framework.levels {
            let at_level = numbered.iter().filter(|(_, i)| i.level.as_deref() == Some(level.code.as_str()));
            refs.extend(at_level.map(|(n, _)| {
                let reference = Canonical {
                    key: framework.key.clone(),
                    code: competency.code.clone(),
                    level: Some(level.code.clone()),
                    indicator: Some(*n),
                };
                reference.to_string()
            }));
        }
    }
    refs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_portfolio() {
        let a = portfolio(50, 7);
        assert_eq!(a, portfolio(50, 7));
        assert_ne!(a, portfolio(50, 8));
        assert_eq!(a.entries.len(), 50);
        let kinds: std::collections::BTreeSet<_> =
            portfolio(400, 1).entries.iter().map(|e| e.fields.kind()).collect();
        assert_eq!(kinds.len(), 9, "every kind appears");
    }

    #[test]
    fn a_generated_portfolio_imports_and_its_journal_reads_back() {
        let document = portfolio(120, 3);
        let mut db = crate::db::Db::open_in_memory().unwrap();
        let report = db.write(|tx| crate::ops::merge::merge(tx, &document, "now")).unwrap();
        assert_eq!(report.entries_added, 120);
        let journal = crate::import::jrnl::parse(&jrnl_journal(&document)).unwrap().value;
        assert_eq!(journal.len(), 120);
        let case = crate::import::case::parse(&case_package(1000)).unwrap().value;
        assert_eq!(case.competencies.len(), 1000);
    }
}
