//! Resolving a typed reference (`emcc/relationship/practitioner/2`) to stored
//! ids, with "did you mean …?" suggestions when it does not resolve.

use rusqlite::{OptionalExtension, params};

use super::{Conn, DbError, Result, frameworks};
use crate::model::Reference;
use crate::model::reference::{Canonical, closest};

/// A reference that names something stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub framework_id: i64,
    pub competency_id: i64,
    pub title: String,
    pub level_id: Option<i64>,
    pub indicator_id: Option<i64>,
    /// How folio spells it: key, code, level and indicator number.
    pub canonical: Canonical,
}

impl Resolved {
    /// The canonical spelling, e.g. `emcc/self/foundation/2`.
    pub fn display(&self) -> String {
        self.canonical.to_string()
    }
}

fn bad(reference: &Reference, reason: impl Into<String>, suggestions: Vec<String>) -> DbError {
    DbError::BadReference { reference: reference.to_string(), reason: reason.into(), suggestions }
}

pub fn resolve(conn: &Conn, reference: &Reference) -> Result<Resolved> {
    let Some((framework_id, key)) = frameworks::find(conn, &reference.key)? else {
        let keys = frameworks::keys(conn)?;
        let suggestions = closest(&reference.key, keys.iter().map(String::as_str))
            .into_iter()
            .map(|k| format!("{k}/{}", reference.code))
            .collect();
        return Err(bad(reference, format!("there is no framework '{}'", reference.key), suggestions));
    };
    let competency: Option<(i64, String, String)> = conn
        .prepare_cached("SELECT id, code, title FROM competencies WHERE framework_id = ? AND code = ?")?
        .query_row(params![framework_id, reference.code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((competency_id, code, title)) = competency else {
        let codes: Vec<String> = conn
            .prepare_cached("SELECT code FROM competencies WHERE framework_id = ? ORDER BY position")?
            .query_map([framework_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let suggestions = closest(&reference.code, codes.iter().map(String::as_str))
            .into_iter()
            .map(|c| format!("{key}/{c}"))
            .collect();
        return Err(bad(reference, format!("{key} has no competency '{}'", reference.code), suggestions));
    };
    let mut resolved = Resolved {
        framework_id,
        competency_id,
        title,
        level_id: None,
        indicator_id: None,
        canonical: Canonical::competency(&key, &code),
    };
    let levels: Vec<(i64, String)> = conn
        .prepare_cached("SELECT id, code FROM framework_levels WHERE framework_id = ? ORDER BY position")?
        .query_map([framework_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut rest = reference.rest.iter();
    if !levels.is_empty()
        && let Some(level) = rest.next()
    {
        let Some((id, code)) = levels.iter().find(|(_, c)| c.eq_ignore_ascii_case(level)) else {
            let names: Vec<&str> = levels.iter().map(|(_, c)| c.as_str()).collect();
            let base = resolved.display();
            let suggestions =
                closest(level, names.iter().copied()).into_iter().map(|l| format!("{base}/{l}")).collect();
            return Err(bad(
                reference,
                format!("{key} has no level '{level}' (its levels: {})", names.join(", ")),
                suggestions,
            ));
        };
        resolved.level_id = Some(*id);
        resolved.canonical.level = Some(code.clone());
    }
    if let Some(number) = rest.next() {
        resolve_indicator(conn, reference, &mut resolved, number)?;
    }
    if rest.next().is_some() {
        return Err(bad(reference, "too many parts after the indicator number", Vec::new()));
    }
    Ok(resolved)
}

fn resolve_indicator(
    conn: &Conn,
    reference: &Reference,
    resolved: &mut Resolved,
    number: &str,
) -> Result<()> {
    let at = resolved.display();
    let Ok(n) = number.parse::<i64>() else {
        return Err(bad(reference, format!("'{number}' is not an indicator number"), Vec::new()));
    };
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM indicators WHERE competency_id = ? AND level_id IS ? ORDER BY position, id",
        )?
        .query_map(params![resolved.competency_id, resolved.level_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match ids.get((n - 1).max(0) as usize) {
        Some(id) if n >= 1 => {
            resolved.indicator_id = Some(*id);
            resolved.canonical.indicator = Some(n);
            Ok(())
        }
        _ if ids.is_empty() => Err(bad(reference, format!("{at} has no indicators"), Vec::new())),
        _ if ids.len() == 1 => Err(bad(reference, format!("{at} has only 1 indicator; use 1"), Vec::new())),
        _ => Err(bad(
            reference,
            format!("{at} has {} indicators; use 1 to {}", ids.len(), ids.len()),
            Vec::new(),
        )),
    }
}

/// The canonical reference of stored ids (for claims and ratings read back).
pub fn canonical(
    conn: &Conn,
    competency_id: i64,
    level_id: Option<i64>,
    indicator_id: Option<i64>,
) -> Result<Canonical> {
    // The number counts the indicators before it in its competency and
    // level, in the order `resolve` numbers them (position, then id).
    let mut stmt = conn.prepare_cached(
        "SELECT f.key, c.code, coalesce(l.code, il.code),
                CASE WHEN i.id IS NULL THEN NULL ELSE
                     (SELECT count(*) FROM indicators i2 WHERE i2.competency_id = i.competency_id
                         AND i2.level_id IS i.level_id
                         AND (i2.position < i.position OR (i2.position = i.position AND i2.id <= i.id))) END
           FROM competencies c JOIN frameworks f ON f.id = c.framework_id
           LEFT JOIN framework_levels l ON l.id = ?2
           LEFT JOIN indicators i ON i.id = ?3
           LEFT JOIN framework_levels il ON il.id = i.level_id AND ?2 IS NULL
          WHERE c.id = ?1",
    )?;
    Ok(stmt.query_row(params![competency_id, level_id, indicator_id], |r| {
        Ok(Canonical { key: r.get(0)?, code: r.get(1)?, level: r.get(2)?, indicator: r.get(3)? })
    })?)
}

/// The canonical spelling of stored ids, e.g. `emcc/self/foundation/2`.
pub fn display(
    conn: &Conn,
    competency_id: i64,
    level_id: Option<i64>,
    indicator_id: Option<i64>,
) -> Result<String> {
    Ok(canonical(conn, competency_id, level_id, indicator_id)?.to_string())
}

/// The reference (`key/code`) of the competency a badge's alignment names:
/// by the external id it was imported with (a CASE GUID), else by its code
/// in any framework; `None` when none or more than one framework has it.
pub fn by_alignment(conn: &Conn, code: &str) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.key || '/' || c.code FROM competencies c JOIN frameworks f ON f.id = c.framework_id
          WHERE c.external_id = ?1 COLLATE NOCASE
         UNION ALL
         SELECT f.key || '/' || c.code FROM competencies c JOIN frameworks f ON f.id = c.framework_id
          WHERE c.code = ?1 COLLATE NOCASE AND NOT EXISTS (SELECT 1 FROM competencies x WHERE x.external_id = ?1 COLLATE NOCASE)",
    )?;
    let found: Vec<String> = stmt.query_map([code.trim()], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(if found.len() == 1 { found.into_iter().next() } else { None })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{Db, framework_upsert};
    use crate::import::framework_toml;

    fn db() -> Db {
        let db = Db::open_in_memory().unwrap();
        let text = r#"
key = "emcc"
title = "EMCC"
[[levels]]
code = "foundation"
title = "Foundation"
[[levels]]
code = "practitioner"
title = "Practitioner"
[[competencies]]
code = "relationship"
title = "Building the relationship"
[competencies.indicators]
foundation = ["one", "two"]
practitioner = ["three"]
"#;
        let mut f = framework_toml::parse(text).unwrap().value;
        f.normalise();
        framework_upsert::upsert(&db.as_tx(), &f, "now").unwrap();
        let audit = "key = \"audit\"\ntitle = \"Audit\"\n[[competencies]]\ncode = \"communication\"\ntitle = \"C\"\nindicators = [\"a\", \"b\", \"c\"]\n";
        framework_upsert::upsert(&db.as_tx(), &framework_toml::parse(audit).unwrap().value, "now").unwrap();
        db
    }

    fn resolve_text(db: &Db, text: &str) -> Result<Resolved> {
        resolve(&db.as_tx(), &text.parse().unwrap())
    }

    #[test]
    fn every_form_resolves_case_insensitively() {
        let db = db();
        assert_eq!(resolve_text(&db, "EMCC/Relationship").unwrap().display(), "emcc/relationship");
        assert_eq!(
            resolve_text(&db, "emcc/relationship/Practitioner").unwrap().display(),
            "emcc/relationship/practitioner"
        );
        let r = resolve_text(&db, "emcc/relationship/foundation/2").unwrap();
        assert_eq!(r.display(), "emcc/relationship/foundation/2");
        assert_eq!(
            display(&db.as_tx(), r.competency_id, None, r.indicator_id).unwrap(),
            "emcc/relationship/foundation/2"
        );
        assert_eq!(resolve_text(&db, "audit/communication/3").unwrap().canonical.indicator, Some(3));
    }

    #[test]
    fn unknown_parts_suggest_the_closest() {
        let db = db();
        let err = resolve_text(&db, "emcc/relatonship").unwrap_err();
        assert!(
            matches!(&err, DbError::BadReference { suggestions, .. } if suggestions == &["emcc/relationship"]),
            "{err:?}"
        );
        let err = resolve_text(&db, "emc/relationship").unwrap_err();
        assert!(
            matches!(&err, DbError::BadReference { suggestions, .. } if suggestions == &["emcc/relationship"]),
            "{err:?}"
        );
        let err = resolve_text(&db, "emcc/relationship/master").unwrap_err().to_string();
        assert!(err.contains("no level 'master'"), "{err}");
        let err = resolve_text(&db, "emcc/relationship/foundation/3").unwrap_err().to_string();
        assert!(err.contains("has 2 indicators; use 1 to 2"), "{err}");
        let err = resolve_text(&db, "audit/communication/0").unwrap_err().to_string();
        assert!(err.contains("use 1 to 3"), "{err}");
    }
}
