//! What storage reports back besides entries: summaries, counts, search hits
//! and what an import did. Plain values with the `--json` shapes.

use serde::Serialize;

use super::Entry;
use super::names::named_enum;

named_enum! {
    /// The order of a listing; newest first either way.
    #[derive(Default)]
    pub enum SortBy ("sort order") {
        /// By the entry's own date
        #[default]
        Date = "date",
        /// By when it was added to folio
        Created = "created",
    }
}

/// One line of `framework list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameworkSummary {
    pub key: String,
    pub title: String,
    pub source: Option<String>,
    pub levels: i64,
    pub competencies: i64,
    pub indicators: i64,
    pub claims: i64,
}

/// A tag and how many live entries carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub tag: String,
    pub count: i64,
}

/// What an import did to the stored framework.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UpsertReport {
    pub created: bool,
    pub competencies_added: usize,
    pub competencies_updated: usize,
    pub competencies_removed: usize,
    pub indicators: usize,
    /// Things the file no longer has but that are kept because evidence points at them.
    pub kept: Vec<String>,
}

/// One hit: the entry and a snippet with the matches marked.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub entry: Entry,
    pub snippet: String,
}

/// An entry named in a list (a meeting held, evidence towards a goal).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryBrief {
    pub id: super::EntryId,
    pub kind: super::EntryKind,
    pub title: String,
    pub date: super::PartialDate,
    pub private: bool,
}

/// A goal or an action found by `folio search`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanHit {
    /// `goal` or `action`.
    pub kind: &'static str,
    pub id: i64,
    /// The goal's title or the action's text.
    pub title: String,
    pub private: bool,
    pub snippet: String,
}
