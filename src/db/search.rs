//! Full-text search over the FTS5 index of entries.
//!
//! Plain words are matched literally (so `self-development` just works);
//! a query that uses FTS5 syntax — quotes, `AND`/`OR`/`NOT`, `NEAR`,
//! `prefix*`, parentheses, `column:` — is passed through, and a syntax
//! error in it becomes [`DbError::BadQuery`], not an SQL error.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::filter::quote_words;
use super::{DbError, Result};
use crate::model::{Entry, EntryKind};

/// One hit: the entry and a snippet with the matches marked.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub entry: Entry,
    pub snippet: String,
}

#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub query: String,
    pub kinds: Vec<EntryKind>,
    pub since: Option<chrono::NaiveDate>,
    pub limit: u32,
    /// Strings put around each match in the snippet.
    pub mark: (String, String),
}

fn uses_fts_syntax(query: &str) -> bool {
    query.contains(['"', '*', '(', ')', ':', '^', '+'])
        || query.split_whitespace().any(|w| matches!(w, "AND" | "OR" | "NOT") || w.starts_with("NEAR"))
}

/// The query as given to FTS5.
pub fn fts_query(query: &str) -> String {
    if uses_fts_syntax(query) { query.to_string() } else { quote_words(&[query.to_string()]) }
}

/// Live entries matching the query, best first (title and tags weigh most).
pub fn search(conn: &Connection, q: &SearchQuery) -> Result<Vec<SearchHit>> {
    let fts = fts_query(&q.query);
    if fts.trim().is_empty() {
        return Err(DbError::BadQuery { query: q.query.clone(), reason: "the query is empty".into() });
    }
    let kinds: Vec<&str> = q.kinds.iter().map(|k| k.as_str()).collect();
    let kinds_json = serde_json::to_string(&kinds).unwrap_or_else(|_| "[]".into());
    let since = q.since.map(|d| d.format("%Y-%m-%d").to_string());
    // Rank on the index alone (it holds live entries only); snippets are made
    // for the few hits shown, not for every match.
    let ranked: Vec<i64> = if kinds.is_empty() && since.is_none() {
        let mut stmt = conn.prepare_cached(
            "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?1
              ORDER BY bm25(entry_fts, 10.0, 1.0, 1.0, 5.0, 2.0), rowid DESC LIMIT ?2",
        )?;
        stmt.query_map(params![fts, i64::from(q.limit)], |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
    } else {
        let mut stmt = conn.prepare_cached(
            "SELECT f.rowid FROM entry_fts f CROSS JOIN entries e ON e.id = f.rowid
              WHERE entry_fts MATCH ?1
                AND (?2 = '[]' OR e.kind IN (SELECT value FROM json_each(?2)))
                AND (?3 IS NULL OR e.date_key >= ?3)
              ORDER BY bm25(entry_fts, 10.0, 1.0, 1.0, 5.0, 2.0), f.rowid DESC LIMIT ?4",
        )?;
        stmt.query_map(params![fts, kinds_json, since, i64::from(q.limit)], |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
    }
    .map_err(|e| classify(e, &q.query))?;
    if ranked.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT rowid, snippet(entry_fts, -1, ?1, ?2, '…', 16) FROM entry_fts
          WHERE entry_fts MATCH ?3 AND rowid IN (SELECT value FROM json_each(?4))",
    )?;
    let mut snippets: std::collections::HashMap<i64, String> = stmt
        .query_map(params![q.mark.0, q.mark.1, fts, super::ids_json(&ranked)], |r| Ok((r.get(0)?, r.get(1)?)))
        .and_then(|rows| rows.collect::<rusqlite::Result<_>>())
        .map_err(|e| classify(e, &q.query))?;
    ranked
        .into_iter()
        .map(|id| {
            Ok(SearchHit {
                entry: super::entries::get(conn, id)?,
                snippet: snippets.remove(&id).unwrap_or_default(),
            })
        })
        .collect()
}

fn classify(error: rusqlite::Error, query: &str) -> DbError {
    // The SQL is fixed, so any error but a busy or read-only file comes from
    // the query text (FTS5 reports those as plain SQLITE_ERROR).
    let error = DbError::Sqlite(error);
    if error.is_file_problem() {
        return error;
    }
    let reason = error.to_string();
    let reason = reason.split(": Error code").next().unwrap_or(&reason).to_string();
    DbError::BadQuery { query: query.to_string(), reason }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, entries};
    use crate::model::EntryDraft;

    fn add(db: &Db, kind: EntryKind, title: &str, body: &str) -> i64 {
        let mut d = EntryDraft {
            kind: Some(kind),
            title: title.into(),
            body: body.into(),
            date: "2024".parse().ok(),
            ..Default::default()
        };
        d.validate().unwrap();
        entries::insert(db.conn(), &d, &uuid::Uuid::new_v4().to_string(), "now").unwrap()
    }

    fn query(text: &str) -> SearchQuery {
        SearchQuery { query: text.into(), limit: 10, mark: ("[".into(), "]".into()), ..Default::default() }
    }

    #[test]
    fn title_matches_rank_first_and_snippets_mark_the_word() {
        let db = Db::open_in_memory().unwrap();
        add(&db, EntryKind::Reflection, "A long day", "we talked about contracting at length");
        let best = add(&db, EntryKind::Course, "Contracting workshop", "half a day");
        let hits = search(db.conn(), &query("contracting")).unwrap();
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].entry.id, best);
        assert!(hits[1].snippet.contains("[contracting]"), "{}", hits[1].snippet);
    }

    #[test]
    fn hyphenated_words_and_accents_need_no_syntax() {
        let db = Db::open_in_memory().unwrap();
        add(&db, EntryKind::Reflection, "Notes", "commitment to self-development, café");
        assert_eq!(search(db.conn(), &query("self-development")).unwrap().len(), 1);
        assert_eq!(search(db.conn(), &query("cafe")).unwrap().len(), 1);
    }

    #[test]
    fn kind_filter_and_syntax_errors() {
        let db = Db::open_in_memory().unwrap();
        add(&db, EntryKind::Reflection, "mentor", "");
        add(&db, EntryKind::Course, "mentor", "");
        let mut q = query("mentor");
        q.kinds = vec![EntryKind::Course];
        assert_eq!(search(db.conn(), &q).unwrap().len(), 1);
        let err = search(db.conn(), &query("\"unclosed")).unwrap_err();
        assert!(matches!(err, DbError::BadQuery { .. }), "{err}");
        assert!(matches!(search(db.conn(), &query("  ")), Err(DbError::BadQuery { .. })));
    }

    #[test]
    fn the_trash_leaves_the_index_and_restore_brings_it_back() {
        let db = Db::open_in_memory().unwrap();
        let id = add(&db, EntryKind::Reflection, "Contracting", "ground rules");
        entries::trash(db.conn(), &[id], "now").unwrap();
        assert!(search(db.conn(), &query("contracting")).unwrap().is_empty());
        entries::restore(db.conn(), id).unwrap();
        assert_eq!(search(db.conn(), &query("rules")).unwrap().len(), 1);
    }
}
