//! Self-ratings over time: "How expert am I? How often do I do it?"

use rusqlite::params;

use super::refs::{self, Resolved};
use super::{Conn, Result, Tx};

use crate::model::{Rating, RatingTrend};

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
    let mut trends: Vec<((i64, Option<i64>), RatingTrend)> = Vec::new();
    for row in rows {
        let (item, title, indicator_text, rating) = row?;
        match trends.last_mut() {
            Some((last, trend)) if *last == item => trend.history.push(rating),
            _ => {
                let reference = refs::display(conn, item.0, None, item.1)?;
                let title = indicator_text.unwrap_or(title);
                trends.push((
                    item,
                    RatingTrend {
                        reference,
                        title,
                        first: rating.clone(),
                        latest: rating.clone(),
                        expertise_change: 0,
                        frequency_change: 0,
                        history: vec![rating],
                    },
                ));
            }
        }
    }
    Ok(trends
        .into_iter()
        .map(|(_, mut trend)| {
            if let (Some(first), Some(latest)) = (trend.history.first(), trend.history.last()) {
                trend.first = first.clone();
                trend.latest = latest.clone();
            }
            trend.expertise_change = trend.latest.expertise - trend.first.expertise;
            trend.frequency_change = trend.latest.frequency - trend.first.frequency;
            trend
        })
        .collect())
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
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, String>(5)?,
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
        (&a.reference, &a.date, &a.created_at, &a.uuid).cmp(&(&b.reference, &b.date, &b.created_at, &b.uuid))
    });
    Ok(ratings)
}

/// Whether a rating with this UUID is stored.
pub fn exists(conn: &Conn, uuid: &str) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT 1 FROM ratings WHERE uuid = ?")?.exists([uuid])?)
}
