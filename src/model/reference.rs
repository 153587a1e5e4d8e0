//! Competency references as users type them: `KEY/CODE[/LEVEL][/N]`.
//!
//! `emcc/relationship`, `emcc/relationship/practitioner`,
//! `emcc/relationship/practitioner/2`, and for a framework without levels
//! `mentor-audit/communication/3`. Which of LEVEL or N a third part is
//! depends on the framework, so parsing keeps the parts and resolving (in
//! `db::refs`) decides.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub key: String,
    pub code: String,
    /// Parts after the code: a level, an indicator number, or both.
    pub rest: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid reference '{0}': use KEY/CODE, KEY/CODE/LEVEL, KEY/CODE/LEVEL/N or KEY/CODE/N")]
pub struct ReferenceError(pub String);

impl FromStr for Reference {
    type Err = ReferenceError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = text.trim().split('/').map(str::trim).collect();
        if parts.len() < 2 || parts.len() > 4 || parts.iter().any(|p| p.is_empty()) {
            return Err(ReferenceError(text.to_string()));
        }
        Ok(Self {
            key: parts[0].to_string(),
            code: parts[1].to_string(),
            rest: parts[2..].iter().map(|p| p.to_string()).collect(),
        })
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.key, self.code)?;
        for part in &self.rest {
            write!(f, "/{part}")?;
        }
        Ok(())
    }
}

/// A reference as folio writes it back once it has resolved:
/// `key/code[/level][/n]`, the one place that spelling is made.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Canonical {
    pub key: String,
    pub code: String,
    /// The level's code, for a claim at a level or an indicator of one.
    pub level: Option<String>,
    /// The indicator's 1-based number within its competency and level.
    pub indicator: Option<i64>,
}

impl Canonical {
    /// A whole competency: `key/code`.
    pub fn competency(key: &str, code: &str) -> Self {
        Self { key: key.to_string(), code: code.to_string(), level: None, indicator: None }
    }
}

impl fmt::Display for Canonical {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.key, self.code)?;
        if let Some(level) = &self.level {
            write!(f, "/{level}")?;
        }
        if let Some(n) = self.indicator {
            write!(f, "/{n}")?;
        }
        Ok(())
    }
}

/// Edit distance, ignoring case, for "did you mean …?".
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(&a.to_lowercase(), &b.to_lowercase())
}

/// The closest candidates to `wanted`, best first, at most three.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (edit_distance(wanted, c), c))
        .filter(|(d, c)| *d <= limit || c.to_lowercase().starts_with(&wanted.to_lowercase()))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse_into_parts() {
        let r: Reference = "emcc/relationship/practitioner/2".parse().unwrap();
        assert_eq!((r.key.as_str(), r.code.as_str()), ("emcc", "relationship"));
        assert_eq!(r.rest, ["practitioner", "2"]);
        assert_eq!(r.to_string(), "emcc/relationship/practitioner/2");
        for bad in ["emcc", "emcc/", "/x", "a/b/c/d/e", "a//b"] {
            assert!(bad.parse::<Reference>().is_err(), "{bad}");
        }
    }

    #[test]
    fn canonical_references_spell_every_part() {
        let mut c = Canonical::competency("emcc", "self");
        assert_eq!(c.to_string(), "emcc/self");
        c.indicator = Some(3);
        assert_eq!(c.to_string(), "emcc/self/3");
        c.level = Some("foundation".into());
        assert_eq!(c.to_string(), "emcc/self/foundation/3");
    }

    #[test]
    fn near_misses_are_suggested() {
        let candidates = ["emcc/relationship", "emcc/self", "emcc/contract"];
        assert_eq!(closest("emcc/relatonship", candidates), ["emcc/relationship"]);
        assert!(closest("zzzzzz", candidates).is_empty());
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
