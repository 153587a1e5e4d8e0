//! Which entries a listing wants, turned into a WHERE clause of bound parameters.
//!
//! Every condition is a fixed SQL fragment; user values only ever travel as
//! parameters. Tag and text conditions use indexes (`entry_tags_by_tag`, FTS5),
//! never a scan of entry bodies.

use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;

use crate::model::summary::SortBy;
use crate::model::{EntryKind, Visibility};

/// Private, public or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Privacy {
    #[default]
    All,
    OnlyPrivate,
    OnlyPublic,
}

impl From<Visibility> for Privacy {
    fn from(visibility: Visibility) -> Self {
        match visibility {
            Visibility::IncludePrivate => Privacy::All,
            Visibility::Public => Privacy::OnlyPublic,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    pub kinds: Vec<EntryKind>,
    /// Entries dated on or after this day.
    pub since: Option<NaiveDate>,
    /// Entries dated on or before this day.
    pub until: Option<NaiveDate>,
    /// Every one of these tags (case-insensitive).
    pub tags: Vec<String>,
    /// Every one of these words, through the full-text index.
    pub words: Vec<String>,
    pub privacy: Privacy,
    pub limit: Option<u32>,
    pub sort: SortBy,
    /// The trash instead of live entries.
    pub trashed: bool,
    /// Only entries claiming this competency (at this level / indicator, if set).
    pub claim: Option<ClaimFilter>,
    /// Only entries with a verdict dated within these days (a partial date
    /// counts from its first day).
    pub judged_between: Option<(NaiveDate, NaiveDate)>,
    /// Only entries dated to the day on this day's month and day, in an
    /// earlier year ("on this day").
    pub on_this_day: Option<NaiveDate>,
}

/// A resolved competency reference to filter claims by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimFilter {
    pub competency_id: i64,
    pub level_id: Option<i64>,
    pub indicator_id: Option<i64>,
}

impl EntryFilter {
    /// The WHERE clause (over alias `e`) and its parameters.
    pub(crate) fn where_clause(&self) -> (String, Vec<Value>) {
        let mut clauses: Vec<String> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        clauses.push(if self.trashed { "e.deleted_at IS NOT NULL" } else { "e.deleted_at IS NULL" }.into());
        if !self.kinds.is_empty() {
            let marks = vec!["?"; self.kinds.len()].join(", ");
            clauses.push(format!("e.kind IN ({marks})"));
            params.extend(self.kinds.iter().map(|k| Value::Text(k.as_str().into())));
        }
        if let Some(since) = self.since {
            clauses.push("e.date_key >= ?".into());
            params.push(Value::Text(since.format("%Y-%m-%d").to_string()));
        }
        if let Some(until) = self.until {
            clauses.push("e.date_key <= ?".into());
            params.push(Value::Text(until.format("%Y-%m-%d").to_string()));
        }
        for tag in &self.tags {
            clauses.push(
                "EXISTS (SELECT 1 FROM entry_tags et JOIN tags t ON t.id = et.tag_id \
                 WHERE et.entry_id = e.id AND t.name = ?)"
                    .into(),
            );
            params.push(Value::Text(tag.trim_start_matches('#').to_string()));
        }
        if !self.words.is_empty() {
            clauses.push("e.id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?)".into());
            params.push(Value::Text(quote_words(&self.words)));
        }
        if let Some(claim) = self.claim {
            clauses.push(
                "EXISTS (SELECT 1 FROM claims cl LEFT JOIN indicators ci ON ci.id = cl.indicator_id \
                 WHERE cl.entry_id = e.id AND cl.competency_id = ? \
                 AND (? IS NULL OR coalesce(cl.level_id, ci.level_id) = ?) \
                 AND (? IS NULL OR cl.indicator_id = ?))"
                    .into(),
            );
            let level = || claim.level_id.map_or(Value::Null, Value::Integer);
            let indicator = || claim.indicator_id.map_or(Value::Null, Value::Integer);
            params.extend([Value::Integer(claim.competency_id), level(), level(), indicator(), indicator()]);
        }
        if let Some(day) = self.on_this_day {
            clauses.push("length(e.date) = 10 AND substr(e.date, 6, 5) = ? AND e.date < ?".into());
            params.push(Value::Text(day.format("%m-%d").to_string()));
            params.push(Value::Text(day.format("%Y-01-01").to_string()));
        }
        if let Some((from, to)) = self.judged_between {
            clauses.push(
                "EXISTS (SELECT 1 FROM verdicts v WHERE v.entry_id = e.id \
                 AND substr(v.date || '-01-01', 1, 10) BETWEEN ? AND ?)"
                    .into(),
            );
            params.push(Value::Text(from.format("%Y-%m-%d").to_string()));
            params.push(Value::Text(to.format("%Y-%m-%d").to_string()));
        }
        match self.privacy {
            Privacy::All => {}
            Privacy::OnlyPrivate => clauses.push("e.private = 1".into()),
            Privacy::OnlyPublic => clauses.push("e.private = 0".into()),
        }
        (clauses.join(" AND "), params)
    }

    pub(crate) fn order_clause(&self) -> &'static str {
        match (self.trashed, self.sort) {
            (true, _) => "e.deleted_at DESC, e.id DESC",
            (false, SortBy::Date) => "e.date_key DESC, e.id DESC",
            (false, SortBy::Created) => "e.created_at DESC, e.id DESC",
        }
    }
}

/// Turns plain words into an FTS5 query that matches all of them literally.
pub fn quote_words(words: &[String]) -> String {
    words
        .iter()
        .flat_map(|w| w.split_whitespace())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A condition that keeps the rows whose partial date in `column` may fall
/// due by the day bound to `param` (as [`day_text`]; NULL keeps every row).
/// Partial dates are stored as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and one
/// whose last day is on or before a day never sorts after that day's
/// `YYYY-MM-DD` as text ("2026-03" ≤ "2026-03-31", "2026" ≤ "2026-12-31"): so
/// the index on the column narrows the rows, and [`falls_due_by`] keeps
/// those whose last day is really by then.
pub(crate) fn due_by(column: &str, param: &str) -> String {
    format!("({param} IS NULL OR ({column} IS NOT NULL AND {column} <= {param}))")
}

/// The day as `due_by` compares it; a day past year 9999 (which would not
/// sort as text) as the largest that does.
pub(crate) fn day_text(day: NaiveDate) -> String {
    if day.year() > 9999 { "9999-12-31".into() } else { day.format("%Y-%m-%d").to_string() }
}

/// Whether a partial due date's last day is by `by` (no `by`: every row,
/// dated or not, is kept) — the exact check after [`due_by`] narrowed the rows.
pub(crate) fn falls_due_by(due: Option<crate::model::PartialDate>, by: Option<NaiveDate>) -> bool {
    by.is_none_or(|by| due.is_some_and(|due| due.last_day() <= by))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    #[test]
    fn a_partial_date_due_by_a_day_never_sorts_after_it_as_text() {
        let days = ["2026-02-28", "2026-03-30", "2026-03-31", "2026-12-30", "2026-12-31", "2027-01-01"];
        let dates = ["2026", "2026-03", "2026-03-30", "2026-12", "2027", "2025-12-31"];
        for day in days {
            let day: NaiveDate = day.parse().unwrap();
            for date in dates {
                let partial: PartialDate = date.parse().unwrap();
                if partial.last_day() <= day {
                    assert!(partial.to_string() <= day_text(day), "{date} is due by {day}");
                }
            }
        }
        assert_eq!(day_text(NaiveDate::MAX), "9999-12-31");
    }

    #[test]
    fn words_are_quoted_so_syntax_cannot_break_the_query() {
        assert_eq!(quote_words(&["say \"hi\" AND".into()]), "\"say\" \"\"\"hi\"\"\" \"AND\"");
    }

    #[test]
    fn each_condition_binds_its_value() {
        let filter = EntryFilter {
            kinds: vec![EntryKind::Course, EntryKind::Role],
            tags: vec!["a".into(), "b".into()],
            privacy: Privacy::OnlyPublic,
            ..Default::default()
        };
        let (sql, params) = filter.where_clause();
        assert_eq!(sql.matches('?').count(), params.len());
        assert!(sql.contains("e.private = 0"));
    }
}
