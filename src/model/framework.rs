//! Competency frameworks: ordered levels, a tree of competencies, and
//! capability indicators per competency and level.
//!
//! The same types are read from framework files, stored, shown as JSON and
//! written back out; codes are what users type in references, so they are
//! checked here once: not empty, no `/`, no spaces.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Framework {
    pub key: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub levels: Vec<Level>,
    #[serde(default)]
    pub competencies: Vec<Competency>,
    /// Questions for reflection that belong to no one competency, by topic.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<Prompt>,
    /// When the stored framework last changed; absent in framework files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub code: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competency {
    pub code: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// The framework's question for reflecting on this competency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The code of the parent competency, for hierarchies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The identifier in the file it came from (a CASE GUID), used to match re-imports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// A question to reflect on, under a topic ("What makes an effective mentee?").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub topic: String,
    pub text: String,
}

/// A capability indicator; numbered from 1 within its competency and level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// The level code, or none in a framework without levels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    pub text: String,
}

/// A framework that breaks the rules; the message names what and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FrameworkError(pub String);

/// Whether a key, code or level code can be typed in a reference.
pub fn is_valid_code(code: &str) -> bool {
    !code.is_empty() && !code.contains('/') && !code.chars().any(char::is_whitespace)
}

/// Turns a name into a code: lower case, words joined by `-`, no `/`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '.' || c == '_' {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches(|c| c == '-' || c == '.').to_string()
}

/// A question for reflection as `folio prompts` lists it and `--prompt` takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListedPrompt {
    /// `key/code` for a competency's question, `key:N` for the framework's Nth.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The competency's title or the prompt's topic.
    pub about: String,
    pub question: String,
}

impl Framework {
    /// Every question for reflection it carries: each competency's, then its own by topic.
    pub fn listed_prompts(&self) -> Vec<ListedPrompt> {
        let own = self.competencies.iter().filter_map(|c| {
            c.question.as_ref().map(|q| ListedPrompt {
                reference: format!("{}/{}", self.key, c.code),
                about: c.title.clone(),
                question: q.clone(),
            })
        });
        let general = self.prompts.iter().enumerate().map(|(n, p)| ListedPrompt {
            reference: format!("{}:{}", self.key, n + 1),
            about: p.topic.clone(),
            question: p.text.clone(),
        });
        own.chain(general).collect()
    }

    /// Whether the two hold the same framework, whenever each was stamped.
    pub fn same_content(&self, other: &Framework) -> bool {
        let unstamped = |f: &Framework| Framework { updated_at: None, ..f.clone() };
        unstamped(self) == unstamped(other)
    }

    /// Checks keys and codes, level references, parents and duplicates.
    pub fn validate(&self) -> Result<(), FrameworkError> {
        let fail = |msg: String| Err(FrameworkError(msg));
        if !is_valid_code(&self.key) {
            return fail(format!("key '{}' must be non-empty with no spaces or '/'", self.key));
        }
        if self.title.trim().is_empty() {
            return fail("the framework has no title".into());
        }
        if let Some(n) =
            self.prompts.iter().position(|p| p.text.trim().is_empty() || p.topic.trim().is_empty())
        {
            return fail(format!("prompts[{n}]: a prompt needs a topic and a question"));
        }
        for (i, level) in self.levels.iter().enumerate() {
            if !is_valid_code(&level.code) {
                return fail(format!(
                    "levels[{i}]: code '{}' must be non-empty with no spaces or '/'",
                    level.code
                ));
            }
            if level.code.parse::<u32>().is_ok() {
                return fail(format!(
                    "levels[{i}]: code '{}' cannot be a number (numbers are indicators)",
                    level.code
                ));
            }
            if self.levels[..i].iter().any(|l| l.code.eq_ignore_ascii_case(&level.code)) {
                return fail(format!("levels[{i}]: level '{}' appears twice", level.code));
            }
        }
        let codes: std::collections::HashSet<String> =
            self.competencies.iter().map(|c| c.code.to_lowercase()).collect();
        let mut seen = std::collections::HashSet::with_capacity(codes.len());
        for (i, comp) in self.competencies.iter().enumerate() {
            let at = format!("competencies[{i}] ({})", comp.code);
            if !is_valid_code(&comp.code) {
                return fail(format!("{at}: code must be non-empty with no spaces or '/'"));
            }
            if !seen.insert(comp.code.to_lowercase()) {
                return fail(format!("{at}: code '{}' appears twice", comp.code));
            }
            if let Some(parent) = &comp.parent {
                if !codes.contains(&parent.to_lowercase()) {
                    return fail(format!("{at}: parent '{parent}' is not a competency of this framework"));
                }
                if parent.eq_ignore_ascii_case(&comp.code) {
                    return fail(format!("{at}: a competency cannot be its own parent"));
                }
            }
            for indicator in &comp.indicators {
                match (&indicator.level, self.levels.is_empty()) {
                    (Some(level), false) if self.level_position(level).is_none() => {
                        return fail(format!(
                            "{at}: indicator level '{level}' is not a level of this framework"
                        ));
                    }
                    (Some(level), true) => {
                        return fail(format!(
                            "{at}: indicator level '{level}' given, but the framework has no levels"
                        ));
                    }
                    (None, false) => {
                        return fail(format!("{at}: an indicator needs a level in a framework with levels"));
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Puts each competency's indicators in level order (stable within a level).
    pub fn normalise(&mut self) {
        let competencies = std::mem::take(&mut self.competencies);
        self.competencies = in_tree_order(competencies, |c| {
            (c.code.to_lowercase(), c.parent.as_ref().map(|p| p.to_lowercase()))
        });
        let levels: Vec<String> = self.levels.iter().map(|l| l.code.to_lowercase()).collect();
        for comp in &mut self.competencies {
            comp.indicators.sort_by_key(|i| {
                i.level.as_ref().and_then(|l| levels.iter().position(|c| *c == l.to_lowercase()))
            });
        }
    }

    /// The 0-based position of a level code (case-insensitive).
    pub fn level_position(&self, code: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.code.eq_ignore_ascii_case(code))
    }

    pub fn competency(&self, code: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.code.eq_ignore_ascii_case(code))
    }

    /// How many indicators the framework has in all.
    pub fn indicator_count(&self) -> usize {
        self.competencies.iter().map(|c| c.indicators.len()).sum()
    }
}

impl Competency {
    /// Every indicator with its number: 1-based within its level (or within
    /// the competency, for a framework without levels), in order. This is
    /// the numbering references use (`emcc/self/foundation/2`).
    pub fn numbered_indicators(&self) -> impl Iterator<Item = (i64, &Indicator)> {
        let mut counts: Vec<(Option<String>, i64)> = Vec::new();
        self.indicators.iter().map(move |indicator| {
            let level = indicator.level.as_ref().map(|l| l.to_lowercase());
            let n = match counts.iter_mut().find(|(l, _)| *l == level) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    counts.push((level, 1));
                    1
                }
            };
            (n, indicator)
        })
    }

    /// The indicators at one level (or all, for a framework without levels), in order.
    pub fn indicators_at<'a>(&'a self, level: Option<&'a str>) -> impl Iterator<Item = &'a Indicator> + 'a {
        self.indicators.iter().filter(move |i| match (&i.level, level) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            (None, None) => true,
            _ => false,
        })
    }
}

/// How deep an item sits in a tree: 0 for a root. `parent_of` gives an
/// item's parent; a cycle (which validation refuses) stops at 64 levels.
pub use super::tree_order::{in_tree_order, tree_order};

pub fn depth<K>(start: K, parent_of: impl Fn(&K) -> Option<K>) -> usize {
    let mut depth = 0;
    let mut at = start;
    while let Some(parent) = parent_of(&at) {
        depth += 1;
        if depth >= 64 {
            break;
        }
        at = parent;
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicators_are_numbered_within_their_level_and_trees_have_depth() {
        let text = r#"
key = "k"
title = "K"
[[levels]]
code = "a"
title = "A"
[[levels]]
code = "b"
title = "B"
[[competencies]]
code = "c"
title = "C"
[competencies.indicators]
a = ["one", "two"]
b = ["three"]
"#;
        let framework = crate::import::framework_toml::parse(text).unwrap().value;
        let numbers: Vec<(i64, &str)> =
            framework.competencies[0].numbered_indicators().map(|(n, i)| (n, i.text.as_str())).collect();
        assert_eq!(numbers, [(1, "one"), (2, "two"), (1, "three")]);
        let parents = [None, Some(0), Some(1)];
        assert_eq!(depth(2usize, |i| parents[*i]), 2);
        assert_eq!(depth(0usize, |i| parents[*i]), 0);
        assert_eq!(depth(0usize, |_| Some(0usize)), 64, "a cycle stops");
    }

    fn framework() -> Framework {
        Framework {
            key: "emcc".into(),
            title: "EMCC".into(),
            source: None,
            description: None,
            levels: vec![Level { code: "foundation".into(), title: "Foundation".into(), description: None }],
            competencies: vec![Competency {
                code: "self".into(),
                title: "Understanding self".into(),
                definition: None,
                question: None,
                parent: None,
                external_id: None,
                indicators: vec![Indicator { level: Some("foundation".into()), text: "Behaves well".into() }],
            }],
            prompts: Vec::new(),
            updated_at: None,
        }
    }

    #[test]
    fn a_good_framework_validates() {
        framework().validate().unwrap();
    }

    #[test]
    fn broken_rules_name_the_place() {
        let mut f = framework();
        f.competencies[0].indicators[0].level = Some("master".into());
        let err = f.validate().unwrap_err().to_string();
        assert!(err.contains("competencies[0] (self)") && err.contains("'master'"), "{err}");
        let mut f = framework();
        f.competencies[0].code = "a/b".into();
        assert!(f.validate().is_err());
        let mut f = framework();
        f.competencies.push(f.competencies[0].clone());
        assert!(f.validate().unwrap_err().to_string().contains("appears twice"));
    }

    #[test]
    fn slugs_are_typeable_codes() {
        assert_eq!(slugify("Professional knowledge 1."), "professional-knowledge-1");
        assert_eq!(slugify("Critical Thinking/Problem Solving"), "critical-thinking-problem-solving");
        assert_eq!(slugify("1.3.2"), "1.3.2");
        assert!(is_valid_code(&slugify("UTF8 𝑑 Test")));
    }
}
