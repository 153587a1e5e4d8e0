//! The interview story bank: per competency, the achievements and
//! reflections that claim it, best first; and a job advert read for its key
//! words, to rank the portfolio against it.
//!
//! "Best" is one rule ([`Story::rank`]): an accepted claim first, then a
//! complete STAR (all four parts written), then the most recent.

use std::collections::HashMap;

use serde::Serialize;

use crate::db::{Conn, DbError, search};
use crate::model::assessment::decisive_verdict;
use crate::model::reference::Canonical;
use crate::model::{Entry, EntryKind, Framework, PartialDate, Template, VerdictKind};

/// One entry told as a story for one competency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    pub id: i64,
    pub title: String,
    pub kind: EntryKind,
    pub date: PartialDate,
    /// An assessor accepted the claim on this competency.
    pub accepted: bool,
    /// All four STAR parts are written.
    pub star_complete: bool,
    pub private: bool,
}

impl Story {
    /// The sort key: accepted first, then a complete STAR, then the newest.
    fn rank(&self) -> (bool, bool, std::cmp::Reverse<String>, i64) {
        (!self.accepted, !self.star_complete, std::cmp::Reverse(self.date.key()), self.id)
    }
}

/// The stories for one competency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetencyStories {
    pub framework: String,
    pub code: String,
    pub title: String,
    /// The framework's question for it, asked at an interview.
    pub question: Option<String>,
    pub stories: Vec<Story>,
}

/// Whether every STAR part of an entry has text.
pub fn star_complete(entry: &Entry) -> bool {
    let written = |key: &str| {
        entry.fields.details.sections().iter().any(|s| s.name == key && !s.text.trim().is_empty())
    };
    Template::Star.sections().iter().all(|s| written(s.key))
}

/// Per competency of the framework (only those claimed at `level`, when
/// given), the achievements and reflections claiming it, best first.
/// Competencies without a story are kept, with none: they are the gaps.
pub fn story_bank(framework: &Framework, entries: &[Entry], level: Option<&str>) -> Vec<CompetencyStories> {
    let told = |e: &&Entry| matches!(e.kind(), EntryKind::Achievement | EntryKind::Reflection);
    framework
        .competencies
        .iter()
        .map(|competency| {
            let mut stories: Vec<Story> = entries
                .iter()
                .filter(told)
                .filter_map(|entry| {
                    let claims: Vec<_> = entry
                        .claims
                        .iter()
                        .filter(|c| {
                            c.framework.eq_ignore_ascii_case(&framework.key)
                                && c.competency.eq_ignore_ascii_case(&competency.code)
                                && level.is_none_or(|l| {
                                    c.level.as_deref().is_some_and(|cl| cl.eq_ignore_ascii_case(l))
                                })
                        })
                        .collect();
                    if claims.is_empty() {
                        return None;
                    }
                    let accepted = claims.iter().any(|claim| {
                        decisive_verdict(&entry.verdicts, &claim.reference.as_str(), |v| v.claim.as_deref())
                            .is_some_and(|v| v.verdict == VerdictKind::Accepted)
                    });
                    Some(Story {
                        id: entry.id.0,
                        title: entry.fields.title.clone(),
                        kind: entry.kind(),
                        date: entry.fields.date,
                        accepted,
                        star_complete: star_complete(entry),
                        private: entry.fields.private,
                    })
                })
                .collect();
            stories.sort_by_key(Story::rank);
            CompetencyStories {
                framework: framework.key.clone(),
                code: competency.code.clone(),
                title: competency.title.clone(),
                question: competency.question.clone(),
                stories,
            }
        })
        .collect()
}

/// Words too common in any advert to say what the job is.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "do",
    "does",
    "each",
    "etc",
    "for",
    "from",
    "have",
    "has",
    "having",
    "how",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "job",
    "may",
    "more",
    "must",
    "new",
    "not",
    "of",
    "on",
    "or",
    "other",
    "our",
    "out",
    "over",
    "per",
    "role",
    "should",
    "so",
    "such",
    "that",
    "the",
    "their",
    "them",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "up",
    "us",
    "very",
    "was",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "will",
    "with",
    "within",
    "would",
    "you",
    "your",
    "able",
    "ability",
    "experience",
    "work",
    "working",
    "team",
    "candidate",
    "applicant",
    "applicants",
    "post",
    "please",
    "apply",
    "application",
    "salary",
    "hours",
    "week",
    "year",
    "years",
    "essential",
    "desirable",
    "successful",
    "looking",
    "join",
    "opportunity",
    "required",
    "requirements",
    "skills",
    "knowledge",
    "strong",
    "good",
    "excellent",
    "band",
    "city",
    "key",
    "build",
    "roles",
    "teams",
    "based",
    "across",
    "make",
    "day",
    "days",
    "time",
    "part",
    "full",
    "staff",
    "service",
    "services",
    "please",
    "contact",
    "information",
    "high",
    "range",
];

/// The advert's key words, most used first (ties in alphabetical order):
/// words of three letters or more that are not stop words, each with how
/// often the advert uses it. Forms of one word count as one (`audit`,
/// `audits`, `auditing`), shown in the form the advert uses most (the
/// shortest when tied). At most `limit`.
pub fn key_words(advert: &str, limit: usize) -> Vec<(String, usize)> {
    // Stem → (uses, each form with its uses).
    let mut counts: HashMap<String, (usize, HashMap<String, usize>)> = HashMap::new();
    for word in
        advert.split(|c: char| !c.is_alphanumeric() && c != '-').map(|w| w.trim_matches('-').to_lowercase())
    {
        if word.chars().count() >= 3
            && !word.chars().all(|c| c.is_ascii_digit())
            && !STOP_WORDS.contains(&word.as_str())
        {
            let (uses, forms) = counts.entry(stem(&word)).or_default();
            *uses += 1;
            *forms.entry(word).or_default() += 1;
        }
    }
    let mut words: Vec<(String, usize)> = counts
        .into_values()
        .filter_map(|(uses, forms)| {
            let shown = forms.into_iter().max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then_with(|| b.0.chars().count().cmp(&a.0.chars().count()))
                    .then_with(|| b.0.cmp(&a.0))
            })?;
            Some((shown.0, uses))
        })
        .collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    words.truncate(limit);
    words
}

/// A word without its common English ending: `leading`, `leads` and
/// `leadership` are all `lead`; short words stay whole.
pub fn stem(word: &str) -> String {
    for ending in ["ership", "ments", "ment", "ation", "ers", "ing", "ies", "er", "ed", "es", "s"] {
        if word.chars().count() > ending.len() + 3
            && let Some(cut) = word.strip_suffix(ending)
        {
            return cut.to_string();
        }
    }
    word.to_string()
}

/// The stem a key word is searched by, as an FTS5 prefix query (short
/// words matched whole).
pub fn search_term(word: &str) -> String {
    let stem = stem(word);
    let quoted = format!("\"{}\"", stem.replace('"', ""));
    if stem.chars().count() >= 4 { format!("{quoted}*") } else { quoted }
}

/// A key word of an advert and the entries that mention it (by id).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mentioned {
    pub word: String,
    /// How often the advert uses it.
    pub uses: usize,
    pub entries: Vec<i64>,
}

/// Which entries mention each key word (any form of it), by full-text search.
pub fn mentions(conn: &Conn, words: &[(String, usize)]) -> Result<Vec<Mentioned>, DbError> {
    words
        .iter()
        .map(|(word, uses)| {
            let entries = search::matching_ids(conn, &search_term(word))?;
            Ok(Mentioned { word: word.clone(), uses: *uses, entries })
        })
        .collect()
}

/// The competencies an advert asks for, most weighed first (ties by
/// reference), with their weight: one ranking for `stories --job` and the
/// interview PDF. Competencies it does not ask for are left out.
pub fn rank_competencies(
    frameworks: &[Framework],
    banks: Vec<CompetencyStories>,
    words: &[(String, usize)],
) -> Vec<(usize, CompetencyStories)> {
    let mut ranked: Vec<(usize, String, CompetencyStories)> = banks
        .into_iter()
        .filter_map(|bank| {
            let framework = frameworks.iter().find(|f| f.key == bank.framework)?;
            let score = competency_score(framework, &bank.code, words);
            (score > 0).then(|| (score, reference(framework, &bank.code), bank))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    ranked.into_iter().map(|(score, _, bank)| (score, bank)).collect()
}

/// How well a competency answers the advert: the weights (uses in the
/// advert) of the key words found in its title, definition, question and
/// indicators.
pub fn competency_score(framework: &Framework, code: &str, words: &[(String, usize)]) -> usize {
    let Some(competency) = framework.competencies.iter().find(|c| c.code == code) else { return 0 };
    let mut text = format!(
        "{} {} {}",
        competency.title,
        competency.definition.as_deref().unwrap_or_default(),
        competency.question.as_deref().unwrap_or_default()
    );
    for indicator in &competency.indicators {
        text.push(' ');
        text.push_str(&indicator.text);
    }
    let text = text.to_lowercase();
    words
        .iter()
        .filter(|(word, _)| {
            let stem = search_term(word);
            let stem = stem.trim_end_matches('*').trim_matches('"');
            text.contains(stem)
        })
        .map(|(_, n)| n)
        .sum()
}

/// A reference spelled as a user would type it, for the framework's competency.
pub fn reference(framework: &Framework, code: &str) -> String {
    Canonical::competency(&framework.key, code).to_string()
}

#[cfg(test)]
#[path = "stories_tests.rs"]
mod tests;
