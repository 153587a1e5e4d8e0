//! Full-text search over the FTS5 index of entries.
//!
//! Plain words are matched literally (so `self-development` just works);
//! a query that uses FTS5 syntax — quotes, `AND`/`OR`/`NOT`, `NEAR`,
//! `prefix*`, parentheses, `column:` — is passed through, and a syntax
//! error in it becomes [`DbError::BadQuery`], not an SQL error.

use rusqlite::{ToSql, params, params_from_iter};

use super::filter::quote_words;
use super::{Conn, DbError, Result};
use crate::model::summary::SearchHit;
use crate::model::{EntryId, EntryKind};

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

/// How many matches are ranked at most. BM25 must read the size of every
/// matching entry, so a word found in nearly every entry of a large
/// portfolio would cost ~1 µs per match; beyond this many, the most recently
/// added matches are ranked and the rest only counted.
pub const RANKED_CANDIDATES: u32 = 2_000;

/// How many matches are counted at most: counting walks every match, and a
/// word in most of a million entries took 30 ms to count; beyond this many
/// the answer is "more than 10,000".
pub const COUNTED_AT_MOST: u64 = 10_000;

/// The hits shown, and what they were chosen from.
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    /// Best first, at most `limit` of them.
    pub hits: Vec<SearchHit>,
    /// Every live entry that matches (and passes the filters), counted up
    /// to [`COUNTED_AT_MOST`].
    pub total: u64,
    /// Whether more than [`COUNTED_AT_MOST`] match (`total` is then that limit).
    pub more: bool,
    /// How many of those were ranked: all of them, or the
    /// [`RANKED_CANDIDATES`] most recently added.
    pub ranked: u64,
}

/// Live entries matching the query, best first (title and tags weigh most).
/// The most words (or operators) a query may have, and its longest length:
/// FTS5's time grows with every OR'ed term, and 1,000 took seconds.
pub const MAX_QUERY_TERMS: usize = 64;
pub const MAX_QUERY_CHARS: usize = 1_000;

pub fn search(conn: &Conn, q: &SearchQuery) -> Result<SearchResults> {
    let terms = q.query.split_whitespace().count();
    if terms > MAX_QUERY_TERMS || q.query.chars().count() > MAX_QUERY_CHARS {
        let shown: String = q.query.chars().take(60).collect();
        return Err(DbError::BadQuery {
            query: format!("{shown}…"),
            reason: format!(
                "the query is too long ({terms} words, {} characters; at most {MAX_QUERY_TERMS} words and {MAX_QUERY_CHARS} characters)",
                q.query.chars().count()
            ),
        });
    }
    let fts = fts_query(&q.query);
    if fts.trim().is_empty() {
        return Err(DbError::BadQuery { query: q.query.clone(), reason: "the query is empty".into() });
    }
    let kinds: Vec<&str> = q.kinds.iter().map(|k| k.as_str()).collect();
    let kinds_json = serde_json::to_string(&kinds).unwrap_or_else(|_| "[]".into());
    let since = q.since.map(|d| d.format("%Y-%m-%d").to_string());
    let filtered = !kinds.is_empty() || since.is_some();
    // Every query reads the full-text index alone (it holds live entries
    // only); a filter reads kind and date from a narrow index on entries
    // (the planner would read the entry rows); snippets are made for the
    // hits shown.
    let from = if filtered {
        "entry_fts f CROSS JOIN entries e INDEXED BY entries_search_filter ON e.id = f.rowid
          WHERE entry_fts MATCH ?1
            AND (?2 = '[]' OR e.kind IN (SELECT value FROM json_each(?2)))
            AND (?3 IS NULL OR e.date_key >= ?3)"
    } else {
        "entry_fts f WHERE entry_fts MATCH ?1"
    };
    // Parameters ?1–?3 are the query and the filters; ?4 and ?5 vary.
    let run = |sql: &str, extra: &[i64]| -> Result<Vec<i64>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut values: Vec<&dyn ToSql> = vec![&fts, &kinds_json, &since];
        values.extend(extra.iter().map(|v| v as &dyn ToSql));
        let used = values.into_iter().take(stmt.parameter_count());
        stmt.query_map(params_from_iter(used), |r| r.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| classify(e, &q.query))
    };
    // Walking the matches newest first without scoring them is cheap: the
    // id of the RANKED_CANDIDATES-th newest is the floor of what gets ranked.
    let floor = run(
        &format!("SELECT f.rowid FROM {from} ORDER BY f.rowid DESC LIMIT 1 OFFSET ?4"),
        &[i64::from(RANKED_CANDIDATES) - 1],
    )?
    .first()
    .copied();
    let ranked_ids = run(
        &format!(
            "SELECT f.rowid FROM {from} AND f.rowid >= ?5
              ORDER BY bm25(entry_fts, 10.0, 1.0, 1.0, 5.0, 2.0), f.rowid DESC LIMIT ?4"
        ),
        &[i64::from(q.limit), floor.unwrap_or(i64::MIN)],
    )?;
    let counted = if floor.is_none() && ranked_ids.len() < q.limit as usize {
        ranked_ids.len() as u64
    } else {
        let over_limit = i64::try_from(COUNTED_AT_MOST).unwrap_or(i64::MAX).saturating_add(1);
        let counted = run(&format!("SELECT count(*) FROM (SELECT 1 FROM {from} LIMIT ?4)"), &[over_limit])?;
        counted.first().copied().unwrap_or(0) as u64
    };
    let (total, more) = (counted.min(COUNTED_AT_MOST), counted > COUNTED_AT_MOST);
    let ranked = if floor.is_some() { u64::from(RANKED_CANDIDATES) } else { total };
    Ok(SearchResults { hits: with_snippets(conn, q, &fts, ranked_ids)?, total, more, ranked })
}

/// The ids of every live entry matching an FTS5 query, in id order (for
/// weighing a portfolio against a job advert's words).
pub fn matching_ids(conn: &Conn, fts: &str) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?1 ORDER BY rowid")?;
    stmt.query_map([fts], |r| r.get(0))
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<i64>>>())
        .map_err(|e| classify(e, fts))
}

/// The entries behind the ranked ids, in order, each with its snippet.
fn with_snippets(conn: &Conn, q: &SearchQuery, fts: &str, ranked: Vec<i64>) -> Result<Vec<SearchHit>> {
    if ranked.is_empty() {
        return Ok(Vec::new());
    }
    // One pass over the matches from the oldest hit on: FTS5 seeks to the
    // start of a rowid range, while it would walk every match before each
    // id for `rowid = ?` or `rowid IN (…)` (hence the `+`).
    let mut stmt = conn.prepare_cached(
        "SELECT rowid, snippet(entry_fts, -1, ?1, ?2, '…', 16) FROM entry_fts
          WHERE entry_fts MATCH ?3 AND rowid >= ?4 AND +rowid IN (SELECT value FROM json_each(?5))",
    )?;
    let oldest = ranked.iter().min().copied().unwrap_or_default();
    let mut snippets: std::collections::HashMap<i64, String> = stmt
        .query_map(params![q.mark.0, q.mark.1, fts, oldest, super::ids_json(&ranked)], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<_>>())
        .map_err(|e| classify(e, &q.query))?;
    let ids: Vec<EntryId> = ranked.iter().copied().map(EntryId).collect();
    Ok(super::entries::get_many(conn, &ids)?
        .into_iter()
        .map(|entry| {
            let snippet = snippets.remove(&entry.id.0).unwrap_or_default();
            SearchHit { entry, snippet }
        })
        .collect())
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
    use crate::db::{Db, entries, trash};
    use crate::model::EntryFields;

    fn add(db: &Db, kind: EntryKind, title: &str, body: &str) -> EntryId {
        let mut d = EntryFields {
            title: title.into(),
            body: body.into(),
            ..EntryFields::new(kind, "", "2024".parse().unwrap())
        };
        d.validate().unwrap();
        entries::insert(&db.as_tx(), &d, &uuid::Uuid::new_v4().to_string(), "now").unwrap()
    }

    fn query(text: &str) -> SearchQuery {
        SearchQuery { query: text.into(), limit: 10, mark: ("[".into(), "]".into()), ..Default::default() }
    }

    #[test]
    fn title_matches_rank_first_and_snippets_mark_the_word() {
        let db = Db::open_in_memory().unwrap();
        add(&db, EntryKind::Reflection, "A long day", "we talked about contracting at length");
        let best = add(&db, EntryKind::Course, "Contracting workshop", "half a day");
        let hits = search(&db.as_tx(), &query("contracting")).unwrap().hits;
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].entry.id, best);
        assert!(hits[1].snippet.contains("[contracting]"), "{}", hits[1].snippet);
    }

    #[test]
    fn hyphenated_words_and_accents_need_no_syntax() {
        let db = Db::open_in_memory().unwrap();
        add(&db, EntryKind::Reflection, "Notes", "commitment to self-development, café");
        assert_eq!(search(&db.as_tx(), &query("self-development")).unwrap().hits.len(), 1);
        assert_eq!(search(&db.as_tx(), &query("cafe")).unwrap().hits.len(), 1);
    }

    #[test]
    fn kind_filter_and_syntax_errors() {
        let db = Db::open_in_memory().unwrap();
        add(&db, EntryKind::Reflection, "mentor", "");
        add(&db, EntryKind::Course, "mentor", "");
        let mut q = query("mentor");
        q.kinds = vec![EntryKind::Course];
        assert_eq!(search(&db.as_tx(), &q).unwrap().hits.len(), 1);
        let err = search(&db.as_tx(), &query("\"unclosed")).unwrap_err();
        assert!(matches!(err, DbError::BadQuery { .. }), "{err}");
        assert!(matches!(search(&db.as_tx(), &query("  ")), Err(DbError::BadQuery { .. })));
    }

    #[test]
    fn the_trash_leaves_the_index_and_restore_brings_it_back() {
        let db = Db::open_in_memory().unwrap();
        let id = add(&db, EntryKind::Reflection, "Contracting", "ground rules");
        trash::trash(&db.as_tx(), &[id], "now").unwrap();
        assert!(search(&db.as_tx(), &query("contracting")).unwrap().hits.is_empty());
        trash::restore(&db.as_tx(), id, "later").unwrap();
        assert_eq!(search(&db.as_tx(), &query("rules")).unwrap().hits.len(), 1);
    }

    #[test]
    fn counts_every_match_and_ranks_all_of_them_when_few() {
        let db = Db::open_in_memory().unwrap();
        for i in 0..30 {
            add(&db, EntryKind::Reflection, &format!("Session {i}"), "supervision notes");
        }
        let best = add(&db, EntryKind::Course, "Supervision course", "");
        let results = search(&db.as_tx(), &query("supervision")).unwrap();
        assert_eq!((results.hits.len(), results.total, results.ranked), (10, 31, 31));
        assert_eq!(results.hits[0].entry.id, best);
    }

    #[test]
    fn a_word_in_very_many_entries_ranks_the_most_recent_and_counts_all() {
        let db = Db::open_in_memory().unwrap();
        db.read().raw().execute_batch("BEGIN").unwrap();
        let oldest = add(&db, EntryKind::Course, "Supervision supervision", "");
        for i in 0..RANKED_CANDIDATES + 99 {
            let kind = if i % 2 == 0 { EntryKind::Reflection } else { EntryKind::Meeting };
            add(&db, kind, &format!("Session {i}"), "supervision notes");
        }
        let newest_course = add(&db, EntryKind::Course, "Supervision course", "");
        db.read().raw().execute_batch("COMMIT").unwrap();
        let results = search(&db.as_tx(), &query("supervision")).unwrap();
        assert_eq!(results.total, u64::from(RANKED_CANDIDATES) + 101);
        assert!(!results.more);
        assert_eq!(results.ranked, u64::from(RANKED_CANDIDATES));
        assert_eq!(results.hits[0].entry.id, newest_course, "best of the ranked ones");
        assert!(results.hits.iter().all(|h| h.entry.id != oldest), "older than the ranked window");

        let mut courses = query("supervision");
        courses.kinds = vec![EntryKind::Course];
        let results = search(&db.as_tx(), &courses).unwrap();
        assert_eq!((results.total, results.ranked), (2, 2), "filters apply before the window");
        let ids: Vec<EntryId> = results.hits.iter().map(|h| h.entry.id).collect();
        assert_eq!(ids, vec![oldest, newest_course]);
    }

    #[test]
    fn beyond_the_counting_limit_the_total_is_a_floor() {
        let db = Db::open_in_memory().unwrap();
        db.read().raw().execute_batch("BEGIN").unwrap();
        for i in 0..COUNTED_AT_MOST + 1 {
            add(&db, EntryKind::Reflection, &format!("Session {i}"), "supervision");
        }
        db.read().raw().execute_batch("COMMIT").unwrap();
        let results = search(&db.as_tx(), &query("supervision")).unwrap();
        assert_eq!((results.total, results.more), (COUNTED_AT_MOST, true));
        assert_eq!(results.hits.len(), 10);
    }
}
