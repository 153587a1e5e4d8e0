//! Merging a [`PortfolioDocument`] into the portfolio, matching every record
//! by UUID: new ones are added, an entry or goal whose incoming `updated_at`
//! is newer replaces the stored one, and claims, verdicts and ratings the
//! portfolio does not have yet are added (a mentor's verdicts merge back this
//! way). The caller runs it in one transaction; any error names the record.

use std::collections::HashSet;

use serde::Serialize;

use crate::db::refs::{self, Resolved};
use crate::db::{
    Conn, DbError, Result, Tx, framework_upsert, frameworks, profile, ratings, requirements, search_index,
    watched_names,
};
use crate::model::Visibility;
use crate::model::document::{DocEntry, DocSettings, PortfolioDocument};
use crate::model::stamp::is_later;
use crate::model::{EntryId, Rating, Reference};

/// Counts of what an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    pub entries_added: usize,
    pub entries_updated: usize,
    pub entries_unchanged: usize,
    pub frameworks_added: usize,
    pub frameworks_updated: usize,
    pub claims_added: usize,
    pub verdicts_added: usize,
    pub ratings_added: usize,
    pub goals_added: usize,
    pub goals_updated: usize,
    pub actions_added: usize,
    pub actions_updated: usize,
    pub mentors_added: usize,
    pub mentors_updated: usize,
    pub profile_updated: bool,
    /// Requirement sets, their tracking or the watched names changed.
    pub settings_updated: bool,
    /// Conflicts found by sync that the document held and the portfolio did not.
    pub conflicts_added: usize,
    /// Outbox lines the document held and the portfolio did not.
    pub outbox_added: usize,
    /// Attachments listed without bytes that the portfolio does not hold.
    pub attachments_skipped: usize,
    /// Records the document holds an older version of, kept as they were, and why.
    pub kept: Vec<String>,
}

/// Whether an incoming record replaces the stored one: the newer stamp wins.
/// A record without a stamp is older than any stamped one; when neither
/// side is stamped (portfolios from before stamps), the incoming one wins.
fn incoming_is_newer(incoming: Option<&str>, stored: Option<&str>) -> bool {
    match (incoming, stored) {
        (Some(incoming), Some(stored)) => is_later(incoming, stored),
        (Some(_), None) | (None, None) => true,
        (None, Some(_)) => false,
    }
}

pub(super) fn bad(at: impl Into<String>, reason: impl ToString) -> DbError {
    DbError::BadRecord { at: at.into(), reason: reason.to_string() }
}

/// Resolves references, each distinct one once: a large document repeats the same few hundred.
#[derive(Default)]
pub(super) struct Resolver {
    known: std::collections::HashMap<String, Resolved>,
}

impl Resolver {
    pub(super) fn resolve(&mut self, conn: &Conn, at: &str, text: &str) -> Result<Resolved> {
        let key = text.to_lowercase();
        if let Some(found) = self.known.get(&key) {
            return Ok(found.clone());
        }
        let reference: Reference = text.parse().map_err(|e| bad(at, e))?;
        let resolved = refs::resolve(conn, &reference).map_err(|e| bad(at, e))?;
        self.known.insert(key, resolved.clone());
        Ok(resolved)
    }
}

pub fn merge(conn: &Tx, document: &PortfolioDocument, now: &str) -> Result<MergeReport> {
    merge_records(conn, document, now, None)
}

/// The key of a record that [`merge_synced`] may be told to replace:
/// `entry:UUID`, `goal:UUID`, `action:UUID`, `mentor:UUID`; the profile and
/// the settings are `profile` and `settings`.
pub fn record_key(kind: &str, uuid: &str) -> String {
    format!("{kind}:{uuid}")
}

/// A merge for `folio sync`, whose document holds every record already
/// merged: a record the portfolio lacks is added, and one it holds is
/// replaced exactly when `replace` names it (whatever the stamps say).
pub fn merge_synced(
    conn: &Tx,
    document: &PortfolioDocument,
    now: &str,
    replace: &HashSet<String>,
) -> Result<MergeReport> {
    merge_records(conn, document, now, Some(replace))
}

fn merge_records(
    conn: &Tx,
    document: &PortfolioDocument,
    now: &str,
    replace: Option<&HashSet<String>>,
) -> Result<MergeReport> {
    let mut merger = Merger::new(conn, now)?;
    merger.replace = replace;
    merger.frameworks(&document.frameworks)?;
    merger.profile(&document.profile)?;
    for (i, entry) in document.entries.iter().enumerate() {
        merger.entry(i, entry)?;
    }
    merger.finish(document)
}

/// A merge taken a part at a time, as a document is read (`folio import`
/// streams a large one): frameworks before the entries that claim them,
/// then [`Merger::finish`] with the ratings and the mentoring records.
pub struct Merger<'a> {
    conn: &'a Tx<'a>,
    now: String,
    report: MergeReport,
    resolver: Resolver,
    /// Entries whose text was written, for the search index at the end.
    written: Vec<EntryId>,
    /// For sync: the records to replace (see [`merge_synced`]); none: the newer wins.
    replace: Option<&'a HashSet<String>>,
}

/// Whether a stored record gives way to the incoming one.
pub(super) fn takes_incoming(
    replace: Option<&HashSet<String>>,
    key: impl FnOnce() -> String,
    incoming: Option<&str>,
    stored: Option<&str>,
) -> bool {
    match replace {
        Some(replace) => replace.contains(&key()),
        None => incoming_is_newer(incoming, stored),
    }
}

impl<'a> Merger<'a> {
    pub fn new(conn: &'a Tx<'a>, now: &str) -> Result<Self> {
        search_index::defer(conn)?;
        Ok(Self {
            conn,
            now: now.to_string(),
            report: MergeReport::default(),
            resolver: Resolver::default(),
            written: Vec::new(),
            replace: None,
        })
    }

    pub fn frameworks(&mut self, incoming: &[crate::model::Framework]) -> Result<()> {
        let (conn, now, report) = (self.conn, self.now.as_str(), &mut self.report);
        for (i, framework) in incoming.iter().enumerate() {
            let mut framework = framework.clone();
            framework.normalise();
            framework.validate().map_err(|e| bad(format!("frameworks[{i}] ({})", framework.key), e))?;
            match frameworks::get(conn, &framework.key) {
                Ok(stored) if stored.same_content(&framework) => {}
                Ok(stored)
                    if !incoming_is_newer(framework.updated_at.as_deref(), stored.updated_at.as_deref()) =>
                {
                    report.kept.push(format!("framework {}: the portfolio's is newer", framework.key));
                }
                Ok(_) => {
                    framework_upsert::upsert(conn, &framework, now)?;
                    report.frameworks_updated += 1;
                }
                Err(DbError::NoSuchFramework(_)) => {
                    framework_upsert::upsert(conn, &framework, now)?;
                    report.frameworks_added += 1;
                }
                Err(e) => return Err(e),
            }
        }
        // A framework changed under references already resolved.
        self.resolver = Resolver::default();
        Ok(())
    }

    pub fn profile(&mut self, incoming: &crate::model::Profile) -> Result<()> {
        let stored = profile::get(self.conn)?;
        let replaced = || "profile".to_string();
        if (!incoming.is_empty() || self.replace.is_some()) && !stored.same_content(incoming) {
            if takes_incoming(
                self.replace,
                replaced,
                incoming.updated_at.as_deref(),
                stored.updated_at.as_deref(),
            ) {
                profile::save(self.conn, incoming)?;
                self.report.profile_updated = true;
            } else {
                self.report.kept.push("profile: the portfolio's is newer".into());
            }
        }
        Ok(())
    }

    /// The document's entry number `i`.
    pub fn entry(&mut self, i: usize, entry: &DocEntry) -> Result<()> {
        let at = format!("entries[{i}] ({})", entry.uuid);
        if let Some(id) = super::merge_entry::merge_entry(
            self.conn,
            &mut self.resolver,
            entry,
            &at,
            self.replace,
            &mut self.report,
        )? {
            self.written.push(id);
        }
        Ok(())
    }

    /// Indexes what was written, then takes the document's ratings, goals,
    /// actions and mentors (its entries and frameworks are not looked at).
    pub fn finish(mut self, rest: &PortfolioDocument) -> Result<MergeReport> {
        let conn = self.conn;
        search_index::reindex(conn, &self.written)?;
        for (i, rating) in rest.ratings.iter().enumerate() {
            if ratings::exists(conn, &rating.uuid)? {
                continue;
            }
            let at = format!("ratings[{i}]");
            let target = self.resolver.resolve(conn, &at, &rating.reference)?;
            let value = Rating {
                expertise: rating.expertise,
                frequency: rating.frequency,
                date: rating.date,
                note: rating.note.clone(),
            };
            ratings::add(conn, &target, &value, &rating.uuid, &rating.created_at)?;
            self.report.ratings_added += 1;
        }
        super::merge_plan::merge_plan(conn, rest, &mut self.resolver, self.replace, &mut self.report)?;
        self.settings(&rest.settings)?;
        if self.replace.is_none() {
            // An import takes the conflicts it lacks (sync shares its own tables).
            let held: Vec<crate::db::conflicts::Conflict> =
                rest.conflicts.iter().cloned().map(Into::into).collect();
            self.report.conflicts_added = crate::db::conflicts::share(&held, conn)?;
        }
        // The outbox only grows: every line either copy holds, once.
        self.report.outbox_added = crate::db::outbox::share(&rest.outbox, conn)?;
        Ok(self.report)
    }

    /// An import adds the sets, tracking and names the portfolio lacks (a
    /// set it holds already stays as it is); a sync makes them exactly the
    /// document's when told to replace `settings`.
    fn settings(&mut self, incoming: &DocSettings) -> Result<()> {
        let (conn, now) = (self.conn, self.now.as_str());
        let exact = match self.replace {
            Some(replace) => replace.contains("settings"),
            None => false,
        };
        if self.replace.is_some() && !exact {
            return Ok(());
        }
        let stored = crate::db::document_read::read_settings(conn, Visibility::IncludePrivate)?;
        let mut changed = false;
        for set in &incoming.requirement_sets {
            let held = stored.requirement_sets.iter().find(|s| s.key.eq_ignore_ascii_case(&set.key));
            match held {
                Some(held) if held.text == set.text => {}
                Some(_) if !exact => {
                    self.report
                        .kept
                        .push(format!("requirement set {}: the portfolio's own is kept", set.key));
                }
                _ => {
                    requirements::save(conn, &set.key, &set.text, now)?;
                    changed = true;
                }
            }
        }
        for tracked in &incoming.tracked_requirements {
            let held = stored.tracked_requirements.iter().find(|t| t.key.eq_ignore_ascii_case(&tracked.key));
            if held.is_none() || (exact && held != Some(tracked)) {
                requirements::track(conn, &tracked.key, tracked.due)?;
                changed = true;
            }
        }
        for name in &incoming.watched_names {
            changed |= watched_names::add(conn, name, now)?;
        }
        if exact {
            for tracked in &stored.tracked_requirements {
                if !incoming.tracked_requirements.iter().any(|t| t.key.eq_ignore_ascii_case(&tracked.key)) {
                    changed |= requirements::untrack(conn, &tracked.key)?;
                }
            }
            for name in &stored.watched_names {
                if !incoming.watched_names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
                    changed |= watched_names::remove(conn, name)?;
                }
            }
        }
        self.report.settings_updated |= changed;
        Ok(())
    }
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
