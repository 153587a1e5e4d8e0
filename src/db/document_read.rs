//! Reading the whole portfolio into a [`PortfolioDocument`], in the stable
//! order that makes two exports of the same portfolio identical.

use base64::Engine as _;

use super::filter::{EntryFilter, Privacy};
use super::{Conn, DbError, Result, attachments, entries, frameworks, goals, profile, ratings};
use crate::model::Entry;
use crate::model::document::{DocAttachment, DocClaim, DocEntry, DocVerdict, PortfolioDocument};

/// What to leave out of the document.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub include_private: bool,
    pub with_attachment_data: bool,
}

pub fn read_document(conn: &Conn, options: ReadOptions) -> Result<PortfolioDocument> {
    let mut document = PortfolioDocument::empty();
    document.profile = profile::get(conn)?;
    for summary in frameworks::list(conn)? {
        document.frameworks.push(frameworks::get(conn, &summary.key)?);
    }
    let filter = EntryFilter {
        privacy: if options.include_private { Privacy::All } else { Privacy::OnlyPublic },
        ..Default::default()
    };
    let mut all = entries::list(conn, &filter)?;
    all.sort_by(|a, b| {
        (a.fields.date.key(), &a.created_at, &a.uuid).cmp(&(b.fields.date.key(), &b.created_at, &b.uuid))
    });
    for entry in all {
        document.entries.push(doc_entry(conn, entry, options)?);
    }
    document.ratings = ratings::all(conn)?;
    document.goals = goals::all(conn, options.include_private)?;
    // An action agreed in a meeting left out (a private one) must not point
    // at it: its UUID would say the entry exists.
    let shown: std::collections::HashSet<&str> = document.entries.iter().map(|e| e.uuid.as_str()).collect();
    let mut hidden_links = Vec::new();
    for (g, goal) in document.goals.iter().enumerate() {
        for (a, action) in goal.actions.iter().enumerate() {
            if action.meeting.as_deref().is_some_and(|m| !shown.contains(m)) {
                hidden_links.push((g, a));
            }
        }
    }
    for (g, a) in hidden_links {
        document.goals[g].actions[a].meeting = None;
    }
    Ok(document)
}

fn doc_entry(conn: &Conn, entry: Entry, options: ReadOptions) -> Result<DocEntry> {
    let mut files = Vec::with_capacity(entry.attachments.len());
    for attachment in entry.attachments {
        let data = if options.with_attachment_data {
            let bytes = attachments::blob(conn, &attachment.sha256)?.ok_or_else(|| DbError::MissingBlob {
                name: attachment.name.clone(),
                sha256: attachment.sha256.clone(),
            })?;
            Some(base64::engine::general_purpose::STANDARD.encode(bytes))
        } else {
            None
        };
        files.push(DocAttachment {
            name: attachment.name,
            media_type: attachment.media_type,
            size: attachment.size,
            sha256: attachment.sha256,
            data,
        });
    }
    Ok(DocEntry {
        uuid: entry.uuid,
        fields: entry.fields,
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
            })
            .collect(),
        created_at: entry.created_at,
        updated_at: entry.updated_at,
    })
}
