//! An audit rehearsal: a random sample of the activities a requirement set
//! counts, drawn as an auditor would — reproducibly, from a seed — and for
//! each, what an auditor will ask for and what the record is missing.

use chrono::NaiveDate;
use serde::Serialize;

use crate::db::{Conn, Result, about, entries};
use crate::model::requirements::RequirementSet;
use crate::model::{Entry, EntryId, EntryKind, PartialDate, Visibility};

/// One sampled activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditItem {
    pub id: EntryId,
    pub kind: EntryKind,
    pub title: String,
    pub date: PartialDate,
    pub hours: Option<f64>,
    /// What an auditor asks for, for an activity of this kind.
    pub asks: &'static str,
    /// What the record lacks, in words; empty when it is complete.
    pub missing: Vec<String>,
}

/// The whole rehearsal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    pub key: String,
    pub title: String,
    pub as_of: NaiveDate,
    pub seed: u64,
    /// How many activities the set counts (or would, once reflected on).
    pub population: usize,
    pub sample: Vec<AuditItem>,
    /// Whether every sampled record is complete.
    pub complete: bool,
}

/// The seed a rehearsal uses when none is given: the day, as YYYYMMDD, so
/// the same day draws the same sample.
pub fn default_seed(as_of: NaiveDate) -> u64 {
    as_of.format("%Y%m%d").to_string().parse().unwrap_or(1)
}

/// Draws `size` of the activities `set` counts on `as_of` and says what each lacks.
pub fn rehearse(
    conn: &Conn,
    set: &RequirementSet,
    as_of: NaiveDate,
    size: usize,
    seed: u64,
    visibility: Visibility,
) -> Result<Audit> {
    let result = super::requirements::check(conn, set, as_of, visibility)?;
    let mut population: Vec<EntryId> =
        result.rules.iter().flat_map(|r| r.entries.iter().chain(&r.unreflected).copied()).collect();
    population.sort();
    population.dedup();
    let drawn = draw(&population, size, seed);
    let needs_reflection = set.counts_reflected();
    let mut sample = Vec::new();
    for entry in entries::get_many(conn, &drawn)? {
        let reflected = about::written_about(conn, &entry.uuid, visibility)?
            .iter()
            .any(|b| b.kind == EntryKind::Reflection);
        sample.push(AuditItem {
            id: entry.id,
            kind: entry.kind(),
            title: entry.fields.title.clone(),
            date: entry.fields.date,
            hours: entry.fields.details.hours(),
            asks: asks(entry.kind()),
            missing: missing(&entry, reflected, needs_reflection),
        });
    }
    Ok(Audit {
        key: result.key,
        title: result.title,
        as_of,
        seed,
        population: population.len(),
        complete: sample.iter().all(|i| i.missing.is_empty()),
        sample,
    })
}

/// `size` of `from`, chosen by a seeded shuffle (splitmix64), in id order.
fn draw(from: &[EntryId], size: usize, seed: u64) -> Vec<EntryId> {
    let mut pool = from.to_vec();
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let size = size.min(pool.len());
    for i in 0..size {
        let j = i + (next() % (pool.len() - i) as u64) as usize;
        pool.swap(i, j);
    }
    pool.truncate(size);
    pool.sort();
    pool
}

/// What an auditor asks to see for an activity of this kind.
fn asks(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Course => {
            "proof you took part (a certificate or attendance record), the date, the hours, how you learned, and a reflection on what changed in your practice"
        }
        EntryKind::Role => "where and when you worked, the practice hours it gave, and who can confirm them",
        EntryKind::Feedback => {
            "the feedback itself (anonymised), who or where it came from, and what you did with it"
        }
        EntryKind::Reflection => "the written account, anonymised, and what it is about",
        EntryKind::Meeting => "notes of the discussion, who it was with, and the date",
        _ => "the evidence itself and the date",
    }
}

/// What this record lacks for an auditor.
fn missing(entry: &Entry, reflected: bool, needs_reflection: bool) -> Vec<String> {
    let fields = &entry.fields;
    let details = &fields.details;
    let has_text = !fields.body.trim().is_empty() || !details.sections().is_empty();
    let has_file = !entry.attachments.is_empty();
    let mut missing = Vec::new();
    // A role or qualification is dated by the month on a CV; an activity by its day.
    let dated_by_day = !matches!(entry.kind(), EntryKind::Role | EntryKind::Qualification);
    if dated_by_day && fields.date.first_day() != fields.date.last_day() {
        missing.push(format!("no exact date (recorded as {})", fields.date));
    }
    match entry.kind() {
        EntryKind::Course => {
            match details.hours() {
                None => missing.push("no hours".into()),
                Some(_) if details.method().is_none() => {
                    missing.push("hours but no method (how you learned: workshop, reading…)".into())
                }
                Some(_) => {}
            }
            if !has_file {
                missing.push("no evidence file (a certificate or proof of attendance)".into());
            }
            if needs_reflection && !reflected {
                missing
                    .push(format!("no reflection about it (`folio add reflection … --about {}`)", entry.id));
            } else if !reflected && !has_text {
                missing.push("no reflection".into());
            }
        }
        EntryKind::Role if details.practice_hours().is_none() => missing.push("no practice hours".into()),
        EntryKind::Feedback => {
            if !has_text && !has_file {
                missing.push("the feedback itself is not recorded (no text, no file)".into());
            }
            if details.from().is_none() {
                missing.push("not who it came from (--from)".into());
            }
        }
        EntryKind::Reflection if !has_text => missing.push("no written account".into()),
        EntryKind::Meeting => {
            if !has_text {
                missing.push("no notes".into());
            }
            if details.with().is_none() {
                missing.push("not who it was with (--with)".into());
            }
        }
        EntryKind::Role | EntryKind::Reflection => {}
        _ if !has_file && !has_text => missing.push("no evidence file or description".into()),
        _ => {}
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_sample_and_another_seed_another() {
        let ids: Vec<EntryId> = (1..=40).map(EntryId).collect();
        let first = draw(&ids, 5, 20261206);
        assert_eq!(first, draw(&ids, 5, 20261206));
        assert_eq!(first.len(), 5);
        assert!(first.windows(2).all(|w| w[0] < w[1]), "in id order, each once");
        assert_ne!(first, draw(&ids, 5, 7));
        assert_eq!(draw(&ids[..3], 5, 1), ids[..3], "never more than there are");
    }

    #[test]
    fn a_course_lacks_what_an_auditor_asks_for() {
        let mut fields =
            crate::model::EntryFields::new(EntryKind::Course, "Sepsis day", "2026-03".parse().unwrap());
        fields.details.change(|v| v.hours = Some(6.0)).unwrap();
        let entry = Entry::bare(1, fields);
        assert_eq!(
            missing(&entry, false, true),
            [
                "no exact date (recorded as 2026-03)",
                "hours but no method (how you learned: workshop, reading…)",
                "no evidence file (a certificate or proof of attendance)",
                "no reflection about it (`folio add reflection … --about 1`)"
            ]
        );
        assert_eq!(missing(&entry, true, true).len(), 3, "reflected on");
    }
}
