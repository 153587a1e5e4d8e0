//! Requirement sets: the built-in ones (each file in `requirements/`, with
//! its source), those imported into the portfolio, and checking one.

use chrono::NaiveDate;

use crate::db::{Conn, Result, requirements};
use crate::model::Visibility;
use crate::model::requirements::{CheckResult, RequirementSet};
use crate::model::requirements_toml;

/// The sets folio ships, as their files.
pub const BUILT_IN: [(&str, &str); 11] = [
    ("nmc-revalidation", include_str!("../../requirements/nmc-revalidation.toml")),
    ("rcvs-vet", include_str!("../../requirements/rcvs-vet.toml")),
    ("rcvs-vn", include_str!("../../requirements/rcvs-vn.toml")),
    ("pmi-pmp", include_str!("../../requirements/pmi-pmp.toml")),
    ("hcpc-cpd", include_str!("../../requirements/hcpc-cpd.toml")),
    ("gmc-revalidation", include_str!("../../requirements/gmc-revalidation.toml")),
    ("gmc-appraisal", include_str!("../../requirements/gmc-appraisal.toml")),
    ("rics-cpd", include_str!("../../requirements/rics-cpd.toml")),
    ("acca-cpd", include_str!("../../requirements/acca-cpd.toml")),
    ("emcc-eia-practitioner", include_str!("../../requirements/emcc-eia-practitioner.toml")),
    ("emcc-eia-foundation", include_str!("../../requirements/emcc-eia-foundation.toml")),
];

/// A set known to this portfolio, and where it comes from.
#[derive(Debug, Clone)]
pub struct Known {
    pub set: RequirementSet,
    pub built_in: bool,
    /// The file's text, as imported or shipped.
    pub text: String,
}

/// Every set: the imported ones (which may replace a built-in one of the same key), then the built-in ones.
pub fn all(conn: &Conn) -> Result<Vec<Known>> {
    let mut known: Vec<Known> = Vec::new();
    for (key, text) in requirements::imported(conn)? {
        match requirements_toml::parse(&text) {
            Ok(set) => known.push(Known { set, built_in: false, text }),
            Err(e) => {
                return Err(crate::db::DbError::BadRecord {
                    at: format!("requirement set {key}"),
                    reason: e.0,
                });
            }
        }
    }
    for (key, text) in BUILT_IN {
        if known.iter().any(|k| k.set.key.eq_ignore_ascii_case(key)) {
            continue;
        }
        let set =
            requirements_toml::parse(text).unwrap_or_else(|e| panic!("built-in requirement set {key}: {e}"));
        known.push(Known { set, built_in: true, text: text.to_string() });
    }
    known.sort_by(|a, b| a.set.key.cmp(&b.set.key));
    Ok(known)
}

/// The set of this key (any case).
pub fn find(conn: &Conn, key: &str) -> Result<Option<Known>> {
    Ok(all(conn)?.into_iter().find(|k| k.set.key.eq_ignore_ascii_case(key.trim())))
}

/// Checks a set on `as_of` against the portfolio (private entries only when `visibility` includes them).
pub fn check(
    conn: &Conn,
    set: &RequirementSet,
    as_of: NaiveDate,
    visibility: Visibility,
) -> Result<CheckResult> {
    let span = set.load_span(as_of);
    let kinds = set.kinds();
    let facts = requirements::facts(conn, span.from, span.to, kinds.as_deref(), visibility, &set.reads())?;
    Ok(set.check(&facts, as_of))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_set_reads_and_names_its_source() {
        for (key, text) in BUILT_IN {
            let set = requirements_toml::parse(text).unwrap();
            assert_eq!(set.key, key);
            assert!(set.source.starts_with("https://"), "{key}");
            assert!(set.notes.as_deref().is_some_and(|n| n.contains("folio")), "{key} says how folio counts");
        }
    }
}
