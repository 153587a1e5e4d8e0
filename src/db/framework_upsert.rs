//! Writing a framework: a new one, or an update in place of one with the
//! same key that keeps every claim, verdict and rating attached.
//!
//! Competencies are matched by their external id (a CASE identifier) or by
//! code; levels by code; indicators by their place within competency and
//! level. Anything that would disappear but still carries evidence or
//! ratings is kept and reported instead.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, params};

use super::{Conn, Result, Tx};
use crate::model::Framework;
use crate::model::summary::UpsertReport;

pub fn upsert(conn: &Tx, framework: &Framework, now: &str) -> Result<UpsertReport> {
    super::review::guard_portfolio(conn, &format!("framework {}", framework.key))?;
    let mut report = UpsertReport::default();
    // A framework from a document keeps the stamp it carries; one from a file is new now.
    let now = framework.updated_at.as_deref().unwrap_or(now);
    let existing: Option<i64> = conn
        .prepare_cached("SELECT id FROM frameworks WHERE key = ?")?
        .query_row([&framework.key], |r| r.get(0))
        .optional()?;
    let framework_id = match existing {
        Some(id) => {
            conn.prepare_cached(
                "UPDATE frameworks SET key = ?, title = ?, source = ?, description = ?, updated_at = ? WHERE id = ?",
            )?
            .execute(params![framework.key, framework.title, framework.source, framework.description, now, id])?;
            id
        }
        None => {
            report.created = true;
            conn.prepare_cached(
                "INSERT INTO frameworks (key, title, source, description, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?)",
            )?
            .execute(params![
                framework.key,
                framework.title,
                framework.source,
                framework.description,
                now,
                now
            ])?;
            conn.last_insert_rowid()
        }
    };
    let level_ids = upsert_levels(conn, framework_id, framework, &mut report)?;
    let competency_ids = upsert_competencies(conn, framework_id, framework, &mut report)?;
    for (competency, &competency_id) in framework.competencies.iter().zip(&competency_ids) {
        upsert_indicators(conn, competency_id, &competency.code, competency, &level_ids, &mut report)?;
    }
    // Prompts carry no evidence: the file's list replaces the stored one.
    conn.prepare_cached("DELETE FROM framework_prompts WHERE framework_id = ?")?.execute([framework_id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO framework_prompts (framework_id, position, topic, text) VALUES (?, ?, ?, ?)",
    )?;
    for (position, prompt) in framework.prompts.iter().enumerate() {
        insert.execute(params![framework_id, position as i64, prompt.topic, prompt.text])?;
    }
    Ok(report)
}

fn level_in_use(conn: &Conn, level_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM claims WHERE level_id = ?1
                  OR indicator_id IN (SELECT id FROM indicators WHERE level_id = ?1))
                 OR EXISTS (SELECT 1 FROM ratings WHERE indicator_id IN (SELECT id FROM indicators WHERE level_id = ?1))",
        )?
        .query_row([level_id], |r| r.get(0))?)
}

/// Returns level code (lower case) → id for the levels in the file.
fn upsert_levels(
    conn: &Tx,
    framework_id: i64,
    framework: &Framework,
    report: &mut UpsertReport,
) -> Result<HashMap<String, i64>> {
    let existing: Vec<(i64, String)> = conn
        .prepare_cached("SELECT id, code FROM framework_levels WHERE framework_id = ?")?
        .query_map([framework_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut ids = HashMap::new();
    for (position, level) in framework.levels.iter().enumerate() {
        let found =
            existing.iter().find(|(_, code)| code.eq_ignore_ascii_case(&level.code)).map(|(id, _)| *id);
        let id = match found {
            Some(id) => {
                conn.prepare_cached(
                    "UPDATE framework_levels SET code = ?, title = ?, description = ?, position = ? WHERE id = ?",
                )?
                .execute(params![level.code, level.title, level.description, position as i64, id])?;
                id
            }
            None => {
                conn.prepare_cached(
                    "INSERT INTO framework_levels (framework_id, code, title, description, position)
                     VALUES (?, ?, ?, ?, ?)",
                )?
                .execute(params![
                    framework_id,
                    level.code,
                    level.title,
                    level.description,
                    position as i64
                ])?;
                conn.last_insert_rowid()
            }
        };
        ids.insert(level.code.to_lowercase(), id);
    }
    for (id, code) in existing {
        if ids.values().any(|v| *v == id) {
            continue;
        }
        if level_in_use(conn, id)? {
            report.kept.push(format!("level '{code}' (evidence or ratings point at it)"));
            conn.execute("UPDATE framework_levels SET position = 1000000 + id WHERE id = ?", [id])?;
        } else {
            conn.execute("DELETE FROM framework_levels WHERE id = ?", [id])?;
        }
    }
    Ok(ids)
}

fn competency_in_use(conn: &Conn, competency_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM claims WHERE competency_id = ?1)
                 OR EXISTS (SELECT 1 FROM ratings WHERE competency_id = ?1)",
        )?
        .query_row([competency_id], |r| r.get(0))?)
}

/// Returns the stored id of each competency of the file, in file order.
fn upsert_competencies(
    conn: &Tx,
    framework_id: i64,
    framework: &Framework,
    report: &mut UpsertReport,
) -> Result<Vec<i64>> {
    let existing: Vec<(i64, String, Option<String>)> = conn
        .prepare_cached("SELECT id, code, external_id FROM competencies WHERE framework_id = ?")?
        .query_map([framework_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // Free every code first so renames and swaps cannot collide.
    conn.execute("UPDATE competencies SET code = '\u{1}' || id WHERE framework_id = ?", [framework_id])?;
    let by_external: HashMap<&str, i64> =
        existing.iter().filter_map(|(id, _, ext)| ext.as_deref().map(|e| (e, *id))).collect();
    let by_code: HashMap<String, i64> =
        existing.iter().map(|(id, code, _)| (code.to_lowercase(), *id)).collect();
    let mut ids = Vec::with_capacity(framework.competencies.len());
    let mut taken: HashSet<i64> = HashSet::new();
    for (position, comp) in framework.competencies.iter().enumerate() {
        let found = comp
            .external_id
            .as_deref()
            .and_then(|ext| by_external.get(ext))
            .or_else(|| by_code.get(&comp.code.to_lowercase()))
            .copied()
            .filter(|id| !taken.contains(id));
        let id = match found {
            Some(id) => {
                report.competencies_updated += 1;
                conn.prepare_cached(
                    "UPDATE competencies SET code = ?, title = ?, definition = ?, position = ?, external_id = ?,
                            question = ?
                      WHERE id = ?",
                )?
                .execute(params![
                    comp.code,
                    comp.title,
                    comp.definition,
                    position as i64,
                    comp.external_id,
                    comp.question,
                    id
                ])?;
                id
            }
            None => {
                report.competencies_added += 1;
                conn.prepare_cached(
                    "INSERT INTO competencies (framework_id, code, title, definition, position, external_id,
                                               question)
                     VALUES (?, ?, ?, ?, ?, ?, ?)",
                )?
                .execute(params![
                    framework_id,
                    comp.code,
                    comp.title,
                    comp.definition,
                    position as i64,
                    comp.external_id,
                    comp.question
                ])?;
                conn.last_insert_rowid()
            }
        };
        ids.push(id);
        taken.insert(id);
    }
    let id_of_code: HashMap<String, i64> =
        framework.competencies.iter().zip(&ids).map(|(c, id)| (c.code.to_lowercase(), *id)).collect();
    let mut set_parent = conn.prepare_cached("UPDATE competencies SET parent_id = ? WHERE id = ?")?;
    for (comp, id) in framework.competencies.iter().zip(&ids) {
        let parent = comp.parent.as_ref().and_then(|p| id_of_code.get(&p.to_lowercase()));
        set_parent.execute(params![parent, id])?;
    }
    for (id, code, _) in existing {
        if taken.contains(&id) {
            continue;
        }
        if competency_in_use(conn, id)? {
            report.kept.push(format!("competency '{code}' (evidence or ratings point at it)"));
            let mut restored = code.clone();
            if id_of_code.contains_key(&code.to_lowercase()) {
                restored = format!("{code}-old");
            }
            conn.execute(
                "UPDATE competencies SET code = ?, position = 1000000 + id WHERE id = ?",
                params![restored, id],
            )?;
        } else {
            report.competencies_removed += 1;
            conn.execute("UPDATE competencies SET parent_id = NULL WHERE parent_id = ?", [id])?;
            conn.execute("DELETE FROM competencies WHERE id = ?", [id])?;
        }
    }
    Ok(ids)
}

fn indicator_in_use(conn: &Conn, indicator_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM claims WHERE indicator_id = ?1)
                 OR EXISTS (SELECT 1 FROM ratings WHERE indicator_id = ?1)",
        )?
        .query_row([indicator_id], |r| r.get(0))?)
}

fn upsert_indicators(
    conn: &Tx,
    competency_id: i64,
    code: &str,
    competency: &crate::model::Competency,
    level_ids: &HashMap<String, i64>,
    report: &mut UpsertReport,
) -> Result<()> {
    let existing: Vec<(i64, Option<i64>)> = conn
        .prepare_cached("SELECT id, level_id FROM indicators WHERE competency_id = ? ORDER BY position, id")?
        .query_map([competency_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut used = Vec::new();
    // An indicator's stored position is its number within its level, less one.
    for (number, indicator) in competency.numbered_indicators() {
        let level_id = indicator.level.as_ref().and_then(|l| level_ids.get(&l.to_lowercase()).copied());
        let position = number - 1;
        let reuse = existing.iter().filter(|(_, l)| *l == level_id).nth(position as usize).map(|(id, _)| *id);
        match reuse {
            Some(id) => {
                conn.prepare_cached("UPDATE indicators SET text = ?, position = ? WHERE id = ?")?
                    .execute(params![indicator.text, position, id])?;
                used.push(id);
            }
            None => {
                conn.prepare_cached(
                    "INSERT INTO indicators (competency_id, level_id, position, text) VALUES (?, ?, ?, ?)",
                )?
                .execute(params![competency_id, level_id, position, indicator.text])?;
            }
        }
        report.indicators += 1;
    }
    for (id, _) in existing {
        if used.contains(&id) {
            continue;
        }
        if indicator_in_use(conn, id)? {
            report.kept.push(format!("an indicator of '{code}' (evidence or ratings point at it)"));
            conn.execute("UPDATE indicators SET position = 1000000 + id WHERE id = ?", [id])?;
        } else {
            conn.execute("DELETE FROM indicators WHERE id = ?", [id])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, frameworks};
    use crate::import::framework_toml;

    const V1: &str = r#"
key = "demo"
title = "Demo"
[[levels]]
code = "basic"
title = "Basic"
[[competencies]]
code = "listen"
title = "Listening"
[competencies.indicators]
basic = ["Lets the speaker finish", "Asks open questions"]
[[competencies]]
code = "gone"
title = "Going away"
"#;

    fn parse(text: &str) -> Framework {
        let mut f = framework_toml::parse(text).unwrap().value;
        f.normalise();
        f
    }

    #[test]
    fn import_then_read_back_is_the_same_framework() {
        let db = Db::open_in_memory().unwrap();
        let framework = parse(V1);
        let report = upsert(&db.as_tx(), &framework, "now").unwrap();
        assert!(report.created);
        assert_eq!(report.competencies_added, 2);
        assert!(frameworks::get(&db.as_tx(), "DEMO").unwrap().same_content(&framework));
    }

    #[test]
    fn reimport_updates_in_place_and_keeps_claimed_items() {
        let db = Db::open_in_memory().unwrap();
        upsert(&db.as_tx(), &parse(V1), "now").unwrap();
        let conn = &db.as_tx();
        conn.execute_batch(
            "INSERT INTO entries (uuid, kind, title, date, date_key, created_at, updated_at)
                 VALUES ('u', 'reflection', 'e', '2024', '2024-01-01', 'now', 'now');
             INSERT INTO claims (uuid, entry_id, competency_id, created_at)
                 SELECT 'c', 1, id, 'now' FROM competencies WHERE code = 'gone';",
        )
        .unwrap();
        let v2 = V1.replace("Asks open questions", "Asks open questions well").replace(
            "[[competencies]]\ncode = \"gone\"\ntitle = \"Going away\"\n",
            "[[competencies]]\ncode = \"new\"\ntitle = \"New one\"\n",
        );
        let report = upsert(conn, &parse(&v2), "later").unwrap();
        assert!(!report.created);
        assert_eq!((report.competencies_added, report.competencies_updated), (1, 1));
        assert_eq!(report.kept, ["competency 'gone' (evidence or ratings point at it)"]);
        let stored = frameworks::get(conn, "demo").unwrap();
        let codes: Vec<_> = stored.competencies.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["listen", "new", "gone"]);
        assert_eq!(stored.competencies[0].indicators[1].text, "Asks open questions well");
        let claims: i64 = conn.query_row("SELECT count(*) FROM claims", [], |r| r.get(0)).unwrap();
        assert_eq!(claims, 1);
    }
}
