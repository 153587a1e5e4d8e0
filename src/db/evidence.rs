//! Evidence counts kept as the portfolio changes (migration 16): how many
//! entries, and how many accepted, evidence each cell and indicator of a
//! framework, so that `coverage` and `gaps` answer without reading every
//! claim and verdict.
//!
//! Triggers note the entries whose claims, verdicts, trash state or
//! privacy changed; [`settle`] works their evidence out again, once per
//! write transaction, just before it commits. The rule it applies is the
//! one `report::coverage::build` applies to claim rows (a claim counts at
//! its own level, else its indicator's; the newest verdict on the claim or
//! on its whole entry decides), and a test holds the two to the same
//! answer. Anything else that writes the file (SQLite's shell, a program
//! of the user's) leaves entries noted: until folio's next write settles
//! them, [`counts`] answers `None` and readers count from the claims.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::visibility::shown;
use super::{Conn, Result, Tx};
use crate::model::Visibility;

/// Entries and accepted entries of one cell or indicator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub entries: i64,
    pub accepted: i64,
}

/// Where a tally counts: a competency at a level (`None`: no level), or
/// one of its indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counted {
    Cell { competency: i64, level: Option<i64> },
    Indicator(i64),
}

/// Works out again the evidence of every entry noted as changed, and
/// forgets the notes. Cheap when nothing is noted (one look-up). Run by
/// every write transaction before it commits, and by the migrations.
pub(in crate::db) fn settle(conn: &rusqlite::Connection) -> Result<()> {
    if any_noted(conn)? {
        conn.execute_batch(&SETTLE)?;
    }
    Ok(())
}

/// Whether some entry's evidence is still to be worked out (the counts are
/// not to be trusted until then).
fn any_noted(conn: &rusqlite::Connection) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM evidence_stale)")?.query_row([], |r| r.get(0))?)
}

/// Subtract what the noted entries counted for, work it out again from
/// their claims and verdicts, add it back.
static SETTLE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "
UPDATE evidence_counts AS n
   SET entries = n.entries - old.entries, accepted = n.accepted - old.accepted
  FROM (SELECT competency_id, level_id, indicator_id, private, count(*) AS entries, sum(accepted) AS accepted
          FROM evidence_of_entry
         WHERE entry_id IN (SELECT entry_id FROM evidence_stale)
         GROUP BY competency_id, level_id, indicator_id, private) AS old
 WHERE n.competency_id = old.competency_id AND n.level_id = old.level_id
   AND n.indicator_id = old.indicator_id AND n.private = old.private;

DELETE FROM evidence_of_entry WHERE entry_id IN (SELECT entry_id FROM evidence_stale);

INSERT INTO evidence_of_entry (entry_id, competency_id, level_id, indicator_id, private, accepted)
{};

INSERT INTO evidence_counts (competency_id, level_id, indicator_id, private, entries, accepted)
SELECT competency_id, level_id, indicator_id, private, count(*), sum(accepted)
  FROM evidence_of_entry
 WHERE entry_id IN (SELECT entry_id FROM evidence_stale)
 GROUP BY competency_id, level_id, indicator_id, private
    ON CONFLICT DO UPDATE SET entries = entries + excluded.entries, accepted = accepted + excluded.accepted;

DELETE FROM evidence_counts WHERE entries = 0;
DELETE FROM evidence_stale;
",
        evidence_of("SELECT entry_id FROM evidence_stale")
    )
});

/// What the entries `source` selects (a column `entry_id`) evidence, as
/// rows of `evidence_of_entry`: the one statement of the rule.
fn evidence_of(source: &str) -> String {
    format!(
        "WITH judged AS MATERIALIZED (
    SELECT cl.entry_id, cl.competency_id, coalesce(cl.level_id, i.level_id, 0) AS level_id,
           cl.indicator_id, e.private,
           coalesce((SELECT v.verdict = 'accepted' FROM verdicts v
                      WHERE v.entry_id = cl.entry_id AND (v.claim_id IS NULL OR v.claim_id = cl.id)
                      ORDER BY v.date DESC, v.id DESC LIMIT 1), 0) AS accepted
      FROM ({source}) s
      JOIN entries e ON e.id = s.entry_id AND e.deleted_at IS NULL
      JOIN claims cl ON cl.entry_id = s.entry_id
      LEFT JOIN indicators i ON i.id = cl.indicator_id
)
SELECT entry_id, competency_id, level_id, 0 AS indicator_id, private, max(accepted) AS accepted FROM judged
 GROUP BY entry_id, competency_id, level_id
UNION ALL
SELECT entry_id, competency_id, 0, indicator_id, private, max(accepted) FROM judged
 WHERE indicator_id IS NOT NULL
 GROUP BY entry_id, competency_id, indicator_id"
    )
}

/// How many kept counts differ from counting every claim again (a cell or
/// indicator, private entries apart); 0 when they agree. For `folio check`.
pub fn drift(conn: &Conn) -> Result<i64> {
    if any_noted(conn.raw())? {
        // Still to be settled: readers count from the claims meanwhile.
        return Ok(0);
    }
    let sql = format!(
        "WITH expected AS (
            SELECT competency_id, level_id, indicator_id, private, count(*) AS entries, sum(accepted) AS accepted
              FROM ({}) GROUP BY competency_id, level_id, indicator_id, private)
         SELECT count(*) FROM expected x FULL JOIN evidence_counts n
             ON n.competency_id = x.competency_id AND n.level_id = x.level_id
            AND n.indicator_id = x.indicator_id AND n.private = x.private
          WHERE x.entries IS NOT n.entries OR x.accepted IS NOT n.accepted",
        evidence_of("SELECT id AS entry_id FROM entries")
    );
    Ok(conn.prepare(&sql)?.query_row([], |r| r.get(0))?)
}

/// Forgets every kept count and notes every entry with a claim, so that
/// the transaction's commit works all of them out again (`check --repair`).
pub fn rebuild(tx: &Tx) -> Result<()> {
    tx.raw().execute_batch(
        "DELETE FROM evidence_of_entry;
         DELETE FROM evidence_counts;
         INSERT OR IGNORE INTO evidence_stale SELECT DISTINCT entry_id FROM claims;",
    )?;
    Ok(())
}

/// The tallies of one framework's cells and indicators, private entries
/// counted only when `visibility` includes them; `None` while some entry's evidence is
/// still to be worked out (count from the claims then).
pub fn counts(
    conn: &Conn,
    framework_id: i64,
    visibility: Visibility,
) -> Result<Option<HashMap<Counted, Tally>>> {
    if any_noted(conn.raw())? {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT n.competency_id, n.level_id, n.indicator_id, sum(n.entries), sum(n.accepted)
           FROM competencies c JOIN evidence_counts n ON n.competency_id = c.id
          WHERE c.framework_id = ?1 AND {}
          GROUP BY n.competency_id, n.level_id, n.indicator_id",
        shown("?2", "n.private")
    ))?;
    let mut tallies = HashMap::new();
    let mut rows = stmt.query(rusqlite::params![framework_id, visibility])?;
    while let Some(r) = rows.next()? {
        let (competency, level, indicator): (i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let counted = match indicator {
            0 => Counted::Cell { competency, level: (level != 0).then_some(level) },
            id => Counted::Indicator(id),
        };
        tallies.insert(counted, Tally { entries: r.get(3)?, accepted: r.get(4)? });
    }
    Ok(Some(tallies))
}

/// The keys of the frameworks with evidence on live entries, in order;
/// `None` while the counts are being settled.
pub fn evidenced_frameworks(conn: &Conn) -> Result<Option<Vec<String>>> {
    if any_noted(conn.raw())? {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT f.key FROM frameworks f
          WHERE EXISTS (SELECT 1 FROM competencies c JOIN evidence_counts n ON n.competency_id = c.id
                         WHERE c.framework_id = f.id AND n.entries > 0)
          ORDER BY f.key",
    )?;
    let keys = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(Some(keys))
}

/// The entries evidencing each of these indicators, ascending (private
/// ones only when `visibility` includes them).
pub fn entries_of_indicators(
    conn: &Conn,
    indicators: &[i64],
    visibility: Visibility,
) -> Result<HashMap<i64, Vec<i64>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT indicator_id, entry_id FROM evidence_of_entry INDEXED BY evidence_by_indicator
          WHERE indicator_id IN (SELECT value FROM json_each(?1)) AND indicator_id <> 0 AND {}
          ORDER BY indicator_id, entry_id",
        shown("?2", "private")
    ))?;
    let mut found: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut rows = stmt.query(rusqlite::params![super::ids_json(indicators), visibility])?;
    while let Some(r) = rows.next()? {
        found.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    Ok(found)
}

#[cfg(test)]
#[path = "evidence_tests.rs"]
mod tests;
