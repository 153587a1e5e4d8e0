//! What a page of the portfolio shows (`folio export html`, `folio share
//! --html`), read in one snapshot: the profile, the selected entries with
//! their claims, verdicts and files, what those entries evidence in each
//! framework they claim, and the goals and actions of the period.

use std::collections::{HashMap, HashSet};

use super::share::Selection;
use crate::db::actions::{self, ActionFilter};
use crate::db::filter::{EntryFilter, Privacy};
use crate::db::goals::{self, GoalFilter};
use crate::db::{Conn, attachments, entries, frameworks, mentors, profile};
use crate::model::Visibility;
use crate::model::plan::Plan;
use crate::model::{Entry, Profile};
use crate::report::coverage::{Coverage, coverage_of};

/// How much attached data one page may carry (50 MB in all).
pub const MAX_FILE_BYTES: i64 = 50 * 1000 * 1000;

pub struct Page {
    pub profile: Profile,
    /// Newest first.
    pub entries: Vec<Entry>,
    /// The attached files' bytes by SHA-256 (none with `attachments: false`:
    /// the entries still list their files' names, sizes and SHA-256).
    pub files: HashMap<String, Vec<u8>>,
    /// One per framework the entries claim (or the selection names), by key.
    pub coverages: Vec<Coverage>,
    /// The goals open during the period and their actions, when the page
    /// is of the whole portfolio (no kind, tag or framework chosen); never
    /// the mentors, whose contact details are theirs.
    pub plan: Plan,
}

/// Why a page cannot be made as asked.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("the attached files come to {0} MB, too much for one page (the limit is 50 MB)")]
    TooLarge(i64),
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
}

/// Reads the selection. Private entries only with `Privacy::All`.
pub fn gather(conn: &Conn, selection: &Selection, privacy: Privacy) -> std::result::Result<Page, PageError> {
    let mut keys = Vec::new();
    for key in &selection.frameworks {
        keys.push(frameworks::get(conn, key)?.key);
    }
    let filter = EntryFilter {
        kinds: selection.kinds.clone(),
        since: selection.since,
        until: selection.until,
        tags: selection.tags.clone(),
        privacy,
        ..Default::default()
    };
    let mut listed = entries::list(conn, &filter)?;
    if !keys.is_empty() {
        let wanted = |framework: &str| keys.iter().any(|k| k.eq_ignore_ascii_case(framework));
        let framework_of = |reference: &str| reference.split('/').next().unwrap_or_default().to_string();
        for entry in &mut listed {
            entry.claims.retain(|c| wanted(&c.framework));
            entry.verdicts.retain(|v| v.claim.as_deref().is_none_or(|r| wanted(&framework_of(r))));
        }
        listed.retain(|e| !e.claims.is_empty());
    } else {
        keys = listed.iter().flat_map(|e| e.claims.iter().map(|c| c.framework.clone())).collect();
        keys.sort();
        keys.dedup();
    }
    let mut files = HashMap::new();
    if selection.attachments {
        let total: i64 = listed.iter().flat_map(|e| &e.attachments).map(|a| a.size).sum();
        if total > MAX_FILE_BYTES {
            return Err(PageError::TooLarge((total + 999_999) / 1_000_000));
        }
        for attachment in listed.iter().flat_map(|e| &e.attachments) {
            if !files.contains_key(&attachment.sha256) {
                let bytes = attachments::blob(conn, &attachment.sha256)?.unwrap_or_default();
                files.insert(attachment.sha256.clone(), bytes);
            }
        }
    }
    let ids: HashSet<i64> = listed.iter().map(|e| e.id.0).collect();
    let mut coverages = Vec::new();
    for key in &keys {
        coverages.push(coverage_of(conn, key, &ids)?);
    }
    let whole = selection.kinds.is_empty() && selection.tags.is_empty() && selection.frameworks.is_empty();
    let mut plan = if whole {
        plan_during(
            conn,
            Visibility::with_private(privacy == Privacy::All),
            selection.since,
            selection.until,
        )?
    } else {
        Plan::default()
    };
    plan.mentors.clear();
    Ok(Page { profile: profile::get(conn)?, entries: listed, files, coverages, plan })
}

/// The goals open at some time in `since..=until` (all when unbounded),
/// their actions and the actions of no goal, and the mentors — what the
/// Markdown export and the HTML page show of the mentoring loop.
pub fn plan_during(
    conn: &Conn,
    visibility: Visibility,
    since: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
) -> crate::db::Result<Plan> {
    let first = since.unwrap_or(chrono::NaiveDate::MIN);
    let last = until.unwrap_or(chrono::NaiveDate::MAX);
    let mut goals = goals::list(conn, GoalFilter { visibility, ..Default::default() })?;
    goals.retain(|g| g.open_during(first, last));
    let mut actions = actions::list(conn, ActionFilter { visibility, ..Default::default() })?;
    actions.retain(|a| a.goal.is_none_or(|id| goals.iter().any(|g| g.id == id)));
    Ok(Plan { goals, actions, mentors: mentors::list(conn)? })
}
