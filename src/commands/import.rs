//! `folio import`: bring a portfolio document, a jrnl journal or a JSON
//! Resume in. Every import is one transaction and matches records by UUID,
//! so importing the same file twice changes nothing.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use uuid::Uuid;

use crate::Context;
use crate::db::document_write::{MergeReport, merge};
use crate::db::profile;
use crate::error::UserError;
use crate::import::{folio_json, jrnl, json_resume};
use crate::model::document::{DocEntry, PortfolioDocument};
use crate::model::{EntryKind, PartialDate, Profile, ProfileList};

/// Import a folio JSON document, a jrnl journal or a JSON Resume
///
/// The format is told from the content unless --from says. Records are
/// matched by UUID: new ones are added, an entry whose incoming version is
/// newer replaces the stored one, and verdicts, claims and ratings the
/// portfolio does not have are added (this is how a mentor's verdicts come
/// back). jrnl entries and resume items get stable UUIDs, so re-importing
/// the same file does not duplicate them. Any error changes nothing.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import
    pub file: PathBuf,
    /// What the file is [default: told from its content]
    #[arg(long, value_enum)]
    pub from: Option<Source>,
    /// jrnl only: the kind of entry each journal entry becomes
    #[arg(long, value_enum, default_value_t = EntryKind::Reflection)]
    pub kind: EntryKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Source {
    /// folio's own JSON document (`folio export json`)
    Folio,
    /// jrnl's JSON export or its plain-text journal file
    Jrnl,
    /// a resume.json in the JSON Resume schema
    JsonResume,
}

fn detect(text: &str) -> Source {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with('{') {
        return Source::Jrnl;
    }
    match serde_json::from_str::<serde_json::Value>(trimmed) {
        Ok(v) if v.get("format").is_some() => Source::Folio,
        Ok(v) if v.get("entries").is_some() && v.get("tags").is_some() => Source::Jrnl,
        Ok(v) if ["basics", "work", "education"].iter().any(|k| v.get(k).is_some()) => Source::JsonResume,
        _ => Source::Folio,
    }
}

fn stable_uuid(seed: &str) -> String {
    Uuid::new_v5(&Uuid::NAMESPACE_OID, seed.as_bytes()).to_string()
}

pub fn run(args: ImportArgs, ctx: &Context) -> anyhow::Result<()> {
    let path = &args.file;
    let text = std::fs::read_to_string(path)
        .map_err(|e| UserError::new(format!("cannot read {}: {e}", path.display())))?;
    let source = args.from.unwrap_or_else(|| detect(&text));
    if source != Source::Jrnl && args.kind != EntryKind::Reflection {
        return Err(UserError::usage("--kind applies to jrnl imports only").into());
    }
    let invalid = |message: String| UserError::new(format!("{}: {message}", path.display()));
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let (document, notes) = match source {
        Source::Folio => (folio_json::parse(&text).map_err(invalid)?, Vec::new()),
        Source::Jrnl => {
            let imported = jrnl::parse(&text).map_err(invalid)?;
            (jrnl_document(imported.value, args.kind), imported.notes)
        }
        Source::JsonResume => {
            let imported = json_resume::parse(&text).map_err(invalid)?;
            let stored = profile::get(db.conn())?;
            (resume_document(imported.value, stored), imported.notes)
        }
    };
    for note in &notes {
        ctx.ui.warn(note);
    }
    if document.entries.len() > 1000 {
        db.prepare_for_bulk_write()?;
    }
    let report = db
        .write(|tx| merge(tx, &document, &now))
        .with_context(|| format!("nothing was imported from {}", path.display()))?;
    ctx.ui.status(describe(&report));
    Ok(())
}

fn jrnl_document(entries: Vec<jrnl::JrnlEntry>, kind: EntryKind) -> PortfolioDocument {
    let mut document = PortfolioDocument::empty();
    for entry in entries {
        let stamp = entry.when.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let title = if entry.title.trim().is_empty() {
            entry.body.lines().next().unwrap_or("Untitled").chars().take(60).collect()
        } else {
            entry.title.clone()
        };
        let mut tags = entry.tags.clone();
        if entry.starred {
            tags.push("starred".into());
        }
        let uuid = stable_uuid(&format!("jrnl:{stamp}:{}:{}", entry.title, entry.body));
        let title = if title.trim().is_empty() { "Untitled".into() } else { title };
        let date = PartialDate::day(entry.when.date());
        document.entries.push(DocEntry {
            body: entry.body,
            tags,
            ..DocEntry::new(kind, uuid, title, date, stamp)
        });
    }
    document
}

fn resume_document(resume: json_resume::Resume, stored: Profile) -> PortfolioDocument {
    let mut document = PortfolioDocument::empty();
    let mut profile = stored;
    let incoming = resume.profile;
    let fields = [
        (incoming.name, &mut profile.name),
        (incoming.headline, &mut profile.headline),
        (incoming.email, &mut profile.email),
        (incoming.phone, &mut profile.phone),
        (incoming.location, &mut profile.location),
        (incoming.summary, &mut profile.summary),
    ];
    for (value, field) in fields {
        if value.is_some() {
            *field = value;
        }
    }
    for (list, items) in [
        (ProfileList::JobSkills, incoming.job_skills),
        (ProfileList::PersonalSkills, incoming.personal_skills),
    ] {
        let stored = list.items_mut(&mut profile);
        for item in items {
            if !stored.contains(&item) {
                stored.push(item);
            }
        }
    }
    document.profile = profile;
    for item in resume.entries {
        let stamp = format!("{}T00:00:00Z", item.date.key());
        let uuid = stable_uuid(&format!("json-resume:{}:{}:{}", item.kind, item.title, item.date));
        document.entries.push(DocEntry {
            end_date: item.end_date,
            organisation: item.organisation,
            body: item.body,
            url: item.url,
            grade: item.grade,
            ..DocEntry::new(item.kind, uuid, item.title, item.date, stamp)
        });
    }
    document
}

fn describe(r: &MergeReport) -> String {
    let mut parts = vec![format!(
        "entries: {} added, {} updated, {} unchanged",
        r.entries_added, r.entries_updated, r.entries_unchanged
    )];
    if r.frameworks_added + r.frameworks_updated > 0 {
        parts.push(format!("frameworks: {} added, {} updated", r.frameworks_added, r.frameworks_updated));
    }
    for (count, what) in
        [(r.claims_added, "claims"), (r.verdicts_added, "verdicts"), (r.ratings_added, "ratings")]
    {
        if count > 0 {
            parts.push(format!("{count} {what} added"));
        }
    }
    if r.goals_added + r.goals_updated > 0 {
        parts.push(format!("goals: {} added, {} updated", r.goals_added, r.goals_updated));
    }
    if r.profile_updated {
        parts.push("profile updated".into());
    }
    if r.attachments_skipped > 0 {
        parts.push(format!("{} attachments skipped (no bytes in the file)", r.attachments_skipped));
    }
    format!("imported — {}", parts.join("; "))
}
