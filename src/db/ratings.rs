//! Self-ratings over time: "How expert am I? How often do I do it?"

use rusqlite::params;

use super::refs::{self, Resolved};
use super::{Conn, Result, Tx};

use crate::model::assessment::Score;
use crate::model::{PartialDate, Rating, RatingTrend};

pub fn add(conn: &Tx, target: &Resolved, rating: &Rating, uuid: &str, now: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO ratings (uuid, competency_id, indicator_id, expertise, frequency, date, note, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )?
    .execute(params![
        uuid,
        target.competency_id,
        target.indicator_id,
        rating.expertise,
        rating.frequency,
        rating.date,
        rating.note,
        now
    ])?;
    Ok(())
}

/// Which ratings to read; every field that is set must match.
#[derive(Debug, Clone, Copy, Default)]
pub struct RatingFilter {
    pub framework_id: Option<i64>,
    pub competency_id: Option<i64>,
    pub indicator_id: Option<i64>,
}

/// Per rated item, its history oldest first.
pub fn trends(conn: &Conn, filter: RatingFilter) -> Result<Vec<RatingTrend>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.competency_id, r.indicator_id, c.title, i.text, r.expertise, r.frequency, r.date, r.note
           FROM ratings r
           JOIN competencies c ON c.id = r.competency_id
           JOIN frameworks f ON f.id = c.framework_id
           LEFT JOIN indicators i ON i.id = r.indicator_id
           LEFT JOIN framework_levels l ON l.id = i.level_id
          WHERE (?1 IS NULL OR r.competency_id = ?1)
            AND (?2 IS NULL OR r.indicator_id = ?2)
            AND (?3 IS NULL OR f.id = ?3)
          ORDER BY f.key, c.position, r.indicator_id IS NOT NULL, l.position, i.position, r.date, r.id",
    )?;
    let rows =
        stmt.query_map(params![filter.competency_id, filter.indicator_id, filter.framework_id], |r| {
            Ok((
                (r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?),
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                Rating { expertise: r.get(4)?, frequency: r.get(5)?, date: r.get(6)?, note: r.get(7)? },
            ))
        })?;
    // Rows come grouped by item, oldest first; each item's trend is built once its rows are in.
    type Item = (i64, Option<i64>);
    let mut items: Vec<(Item, String, Vec<Rating>)> = Vec::new();
    for row in rows {
        let (item, title, indicator_text, rating) = row?;
        match items.last_mut() {
            Some((last, _, history)) if *last == item => history.push(rating),
            _ => items.push((item, indicator_text.unwrap_or(title), vec![rating])),
        }
    }
    let mut trends = Vec::with_capacity(items.len());
    for ((competency, indicator), title, history) in items {
        let reference = refs::display(conn, competency, None, indicator)?;
        trends.extend(RatingTrend::new(reference, title, history));
    }
    Ok(trends)
}

/// Every rating, for the portfolio document, in a stable order.
pub fn all(conn: &Conn) -> Result<Vec<crate::model::document::DocRating>> {
    let mut stmt = conn.prepare_cached(
        "SELECT uuid, competency_id, indicator_id, expertise, frequency, date, note, created_at FROM ratings",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Score>(3)?,
            r.get::<_, Score>(4)?,
            r.get::<_, PartialDate>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    let mut ratings = Vec::new();
    for row in rows {
        let (uuid, competency, indicator, expertise, frequency, date, note, created_at) = row?;
        let reference = refs::display(conn, competency, None, indicator)?;
        ratings.push(crate::model::document::DocRating {
            uuid,
            reference,
            expertise,
            frequency,
            date,
            note,
            created_at,
        });
    }
    ratings.sort_by(|a, b| {
        (&a.reference, a.date.key(), &a.created_at, &a.uuid).cmp(&(
            &b.reference,
            b.date.key(),
            &b.created_at,
            &b.uuid,
        ))
    });
    Ok(ratings)
}

/// Whether a rating with this UUID is stored.
pub fn exists(conn: &Conn, uuid: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM ratings WHERE uuid = ?")?.exists([uuid])?)
}
