//! Reading the whole portfolio into a [`PortfolioDocument`], in the stable
//! order that makes two exports of the same portfolio identical.

use base64::Engine as _;

use super::filter::{EntryFilter, Privacy};
use std::collections::{HashMap, HashSet};

use super::goals::GoalFilter;
use super::visibility::shown;
use super::{
    Conn, DbError, Result, actions, attachments, entries, frameworks, goals, mentors, profile, ratings,
    requirements, watched_names,
};
use crate::model::document::{
    DocAttachment, DocClaim, DocEntry, DocGoal, DocMentor, DocRequirementSet, DocSettings, DocTracked,
    DocVerdict, PortfolioDocument,
};
use crate::model::{Attachment, Entry, EntryId, Visibility};

/// What to leave out of the document.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub visibility: Visibility,
    pub with_attachment_data: bool,
    /// The trash too, each record marked with its `deleted_at` (for sync).
    pub include_trash: bool,
}

pub fn read_document(conn: &Conn, options: ReadOptions) -> Result<PortfolioDocument> {
    let mut document = read_head(conn)?;
    let filter = EntryFilter {
        privacy: if options.visibility.includes_private() { Privacy::All } else { Privacy::OnlyPublic },
        ..Default::default()
    };
    let mut all = entries::list(conn, &filter)?;
    if options.include_trash {
        all.extend(entries::list(conn, &EntryFilter { trashed: true, ..filter })?);
    }
    all.sort_by(|a, b| {
        (a.fields.date.key(), &a.created_at, &a.uuid).cmp(&(b.fields.date.key(), &b.created_at, &b.uuid))
    });
    for entry in all {
        document.entries.push(doc_entry(conn, entry, options)?);
    }
    let shown: HashSet<String> = document.entries.iter().map(|e| e.uuid.clone()).collect();
    read_tail(conn, options, &shown, &mut document)?;
    Ok(document)
}

/// A document's profile and frameworks, no entries yet.
pub fn read_head(conn: &Conn) -> Result<PortfolioDocument> {
    let mut document = PortfolioDocument::empty();
    document.profile = profile::get(conn)?;
    for summary in frameworks::list(conn)? {
        document.frameworks.push(frameworks::get(conn, &summary.key)?);
    }
    Ok(document)
}

/// The live entries a document holds, in its order — date, then when each
/// was made, then UUID, as [`read_document`] sorts them — with their UUIDs,
/// so a large document can be read a page at a time ([`doc_entries`]).
pub fn entry_order(conn: &Conn, visibility: Visibility) -> Result<Vec<(EntryId, String)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, uuid FROM entries WHERE deleted_at IS NULL AND {}
          ORDER BY date_key, created_at, uuid",
        shown("?1", "private")
    ))?;
    let rows = stmt.query_map([visibility], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// These entries as the document holds them, in this order.
pub fn doc_entries(conn: &Conn, ids: &[EntryId], options: ReadOptions) -> Result<Vec<DocEntry>> {
    entries::get_many(conn, ids)?.into_iter().map(|e| doc_entry(conn, e, options)).collect()
}

/// The ratings, goals with their actions, the other actions and the mentors;
/// an action names its meeting only when the document shows it (`shown`).
pub fn read_tail(
    conn: &Conn,
    options: ReadOptions,
    shown: &HashSet<String>,
    document: &mut PortfolioDocument,
) -> Result<()> {
    document.ratings = ratings::all(conn)?;
    read_plan(conn, options, shown, document)?;
    document.settings = read_settings(conn, options.visibility)?;
    if options.visibility.includes_private() {
        document.conflicts = super::conflicts::all(conn)?.into_iter().map(|c| c.conflict).collect();
        document.conflicts.sort_by(|a, b| (&a.found_at, &a.uuid).cmp(&(&b.found_at, &b.uuid)));
        document.outbox = super::outbox::all(conn)?.into_iter().map(|(_, sent)| sent).collect();
    }
    Ok(())
}

/// The requirement sets imported and followed, and (with private records
/// only: they name other people) the watched names.
pub fn read_settings(conn: &Conn, visibility: Visibility) -> Result<DocSettings> {
    Ok(DocSettings {
        requirement_sets: requirements::imported(conn)?
            .into_iter()
            .map(|(key, text)| DocRequirementSet { key, text })
            .collect(),
        tracked_requirements: requirements::tracked(conn)?
            .into_iter()
            .map(|(key, due)| DocTracked { key, due })
            .collect(),
        watched_names: if visibility.includes_private() { watched_names::list(conn)? } else { Vec::new() },
    })
}

/// Goals with their actions, the actions of no goal, and the mentors.
fn read_plan(
    conn: &Conn,
    options: ReadOptions,
    shown: &HashSet<String>,
    document: &mut PortfolioDocument,
) -> Result<()> {
    let filter = GoalFilter { visibility: options.visibility, ..Default::default() };
    let mut listed = goals::list(conn, filter)?;
    if options.include_trash {
        listed.extend(goals::list(conn, GoalFilter { trashed: true, ..filter })?);
    }
    listed.sort_by(|a, b| (&a.created_at, &a.uuid).cmp(&(&b.created_at, &b.uuid)));
    let mut position = HashMap::new();
    for goal in listed {
        position.insert(goal.id, document.goals.len());
        document.goals.push(DocGoal {
            uuid: goal.uuid,
            title: goal.title,
            body: goal.body,
            due: goal.due,
            set_on: goal.set_on,
            status: goal.status,
            closed_on: goal.closed_on,
            reason: goal.reason,
            private: goal.private,
            competencies: goal.competencies,
            actions: Vec::new(),
            created_at: goal.created_at,
            updated_at: goal.updated_at,
            deleted_at: goal.deleted_at,
        });
    }
    // A meeting left out (private, or in the trash) must not be named: its UUID would say it exists.
    for (goal, mut action) in actions::for_document(conn, options.visibility, options.include_trash)? {
        if action.meeting.as_ref().is_some_and(|m| !shown.contains(m)) {
            action.meeting = None;
        }
        match goal.and_then(|g| position.get(&g)) {
            Some(&at) => document.goals[at].actions.push(action),
            None => document.actions.push(action),
        }
    }
    for mentor in mentors::list(conn)? {
        let contract = match mentor.contract {
            Some(file) => Some(doc_attachment(conn, file, options)?),
            None => None,
        };
        document.mentors.push(DocMentor {
            uuid: mentor.uuid,
            name: mentor.name,
            role: mentor.role,
            since: mentor.since,
            until: mentor.until,
            email: mentor.email,
            meet_every: mentor.meet_every,
            contract,
            created_at: mentor.created_at,
            updated_at: mentor.updated_at,
        });
    }
    document.mentors.sort_by(|a, b| (&a.created_at, &a.uuid).cmp(&(&b.created_at, &b.uuid)));
    Ok(())
}

/// An attachment as the document lists it, its bytes in base64 when asked for.
fn doc_attachment(conn: &Conn, attachment: Attachment, options: ReadOptions) -> Result<DocAttachment> {
    let data = if options.with_attachment_data {
        let bytes = attachments::blob(conn, &attachment.sha256)?.ok_or_else(|| DbError::MissingBlob {
            name: attachment.name.clone(),
            sha256: attachment.sha256.clone(),
        })?;
        Some(base64::engine::general_purpose::STANDARD.encode(bytes))
    } else {
        None
    };
    Ok(DocAttachment {
        name: attachment.name,
        media_type: attachment.media_type,
        size: attachment.size,
        sha256: attachment.sha256,
        data,
    })
}

/// An entry as the document holds it.
pub fn doc_entry(conn: &Conn, entry: Entry, options: ReadOptions) -> Result<DocEntry> {
    let files = entry
        .attachments
        .into_iter()
        .map(|a| doc_attachment(conn, a, options))
        .collect::<Result<Vec<_>>>()?;
    // Only feedback is signed as an entry: the others are never looked up.
    let credential = match entry.fields.kind() {
        crate::model::EntryKind::Feedback => super::entry_credentials::get(conn, entry.id)?,
        _ => None,
    };
    let mut fields = entry.fields;
    if !options.visibility.includes_private() && !fields.about.is_empty() {
        fields.about = super::about::shareable(conn, &fields.about)?;
    }
    Ok(DocEntry {
        uuid: entry.uuid,
        credential,
        fields,
        attachments: files,
        claims: entry
            .claims
            .into_iter()
            .map(|c| DocClaim {
                uuid: c.uuid,
                reference: c.reference,
                note: c.note,
                created_at: c.created_at,
            })
            .collect(),
        verdicts: entry
            .verdicts
            .into_iter()
            .map(|v| DocVerdict {
                uuid: v.uuid,
                claim: v.claim,
                verdict: v.verdict,
                assessor: v.assessor,
                comment: v.comment,
                date: v.date,
                created_at: v.created_at,
                credential: v.credential,
            })
            .collect(),
        created_at: entry.created_at,
        updated_at: entry.updated_at,
        deleted_at: entry.deleted_at,
    })
}
