//! Claims (an entry offered as evidence), verdicts (an assessor's judgement)
//! and self-ratings — the types shown by `show`, `coverage`, `gaps` and
//! `ratings`.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::PartialDate;

use super::names::named_enum;

/// An entry linked to a competency, optionally at a level or for one indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The reference as a user would type it, e.g. `emcc/self/foundation/2`.
    #[serde(rename = "ref")]
    pub reference: String,
    pub framework: String,
    pub competency: String,
    pub competency_title: String,
    pub level: Option<String>,
    /// 1-based number of the indicator within its competency and level.
    pub indicator: Option<i64>,
    pub indicator_text: Option<String>,
    pub note: Option<String>,
    pub uuid: String,
    pub created_at: String,
}

named_enum! {
    /// An assessor's judgement.
    pub enum VerdictKind ("verdict") {
        /// The evidence shows the competency
        Accepted = "accepted",
        /// Promising, but more evidence is needed
        NeedsMore = "needs-more",
        /// The evidence does not show the competency
        NotAccepted = "not-accepted",
    }
}

impl VerdictKind {
    /// The verdict in words for a person reading a document ("Needs more").
    pub fn words(self) -> &'static str {
        match self {
            VerdictKind::Accepted => "Accepted",
            VerdictKind::NeedsMore => "Needs more",
            VerdictKind::NotAccepted => "Not accepted",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub verdict: VerdictKind,
    pub assessor: String,
    pub date: PartialDate,
    pub comment: Option<String>,
    /// The claim judged, or none for the entry as a whole.
    pub claim: Option<String>,
    pub uuid: String,
    pub created_at: String,
    /// The verdict as a signed Verifiable Credential, when its reviewer signed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<serde_json::Value>,
}

/// The verdict that decides a claim: the newest one given on that claim or
/// on its whole entry. `claim_of` says which claim a verdict is on (`None`:
/// the whole entry); the verdicts come newest first.
pub fn decisive_verdict<T, C: PartialEq>(
    newest_first: impl IntoIterator<Item = T>,
    claim: &C,
    claim_of: impl Fn(&T) -> Option<C>,
) -> Option<T> {
    newest_first.into_iter().find(|verdict| claim_of(verdict).is_none_or(|on| on == *claim))
}

/// A self-rating from 1 (least: a beginner, or rarely) to 5 (most: an
/// expert, or constantly). Stored and written as the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Score(u8);

/// A number outside 1–5 given as a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be 1 to 5, not {0}")]
pub struct ScoreError(pub i64);

impl TryFrom<i64> for Score {
    type Error = ScoreError;

    fn try_from(value: i64) -> Result<Self, ScoreError> {
        match u8::try_from(value) {
            Ok(n @ 1..=5) => Ok(Score(n)),
            _ => Err(ScoreError(value)),
        }
    }
}

impl From<Score> for i64 {
    fn from(score: Score) -> i64 {
        i64::from(score.0)
    }
}

impl Score {
    /// The score nearest to `n`: below 1 is 1, above 5 is 5.
    pub fn nearest(n: i64) -> Self {
        Score(n.clamp(1, 5) as u8)
    }

    pub fn get(self) -> i64 {
        i64::from(self.0)
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One self-assessment of a competency or indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub expertise: Score,
    pub frequency: Score,
    pub date: PartialDate,
    pub note: Option<String>,
}

/// The ratings of one item over time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RatingTrend {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    pub first: Rating,
    pub latest: Rating,
    pub expertise_change: i64,
    pub frequency_change: i64,
    pub history: Vec<Rating>,
}

impl RatingTrend {
    /// An item's trend over its ratings (oldest first): first to latest.
    /// `None` for an item never rated.
    pub fn new(reference: String, title: String, history: Vec<Rating>) -> Option<Self> {
        let first = history.first()?.clone();
        let latest = history.last()?.clone();
        Some(Self::between(reference, title, first, latest, history))
    }

    /// The item over the days `from..=to`: from its baseline (the last rating
    /// before the period, or else the first in it) to its latest rating in
    /// the period. `None` if it was not rated in the period.
    pub fn within(self, from: NaiveDate, to: NaiveDate) -> Option<Self> {
        let mut history = self.history;
        history.retain(|r| r.date.first_day() <= to);
        let latest = history.last().filter(|r| r.date.first_day() >= from)?.clone();
        let first = history
            .iter()
            .rev()
            .find(|r| r.date.first_day() < from)
            .or_else(|| history.iter().find(|r| r.date.first_day() >= from))?
            .clone();
        Some(Self::between(self.reference, self.title, first, latest, history))
    }

    fn between(
        reference: String,
        title: String,
        first: Rating,
        latest: Rating,
        history: Vec<Rating>,
    ) -> Self {
        Self {
            reference,
            title,
            expertise_change: latest.expertise.get() - first.expertise.get(),
            frequency_change: latest.frequency.get() - first.frequency.get(),
            first,
            latest,
            history,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(expertise: i64, date: &str) -> Rating {
        Rating {
            expertise: Score::nearest(expertise),
            frequency: Score::nearest(3),
            date: date.parse().unwrap(),
            note: None,
        }
    }

    #[test]
    fn scores_are_one_to_five() {
        assert_eq!(Score::try_from(5).map(Score::get), Ok(5));
        assert_eq!(Score::try_from(0), Err(ScoreError(0)));
        assert_eq!(Score::try_from(6).unwrap_err().to_string(), "must be 1 to 5, not 6");
        assert!(serde_json::from_str::<Score>("9").is_err());
        assert_eq!(serde_json::to_string(&Score::nearest(4)).unwrap(), "4");
    }

    #[test]
    fn a_trend_runs_from_first_to_latest_or_from_the_baseline_of_a_period() {
        let history = vec![rating(1, "2024-01-15"), rating(3, "2025-02"), rating(4, "2025-06-30")];
        let trend = RatingTrend::new("k/c/1".into(), "C".into(), history).unwrap();
        assert_eq!(
            (trend.first.expertise.get(), trend.latest.expertise.get(), trend.expertise_change),
            (1, 4, 3)
        );
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let in_2025 = trend.clone().within(day("2025-03-01"), day("2025-12-31")).unwrap();
        assert_eq!(
            (in_2025.first.expertise.get(), in_2025.latest.expertise.get()),
            (3, 4),
            "baseline before the period"
        );
        let early = trend.clone().within(day("2024-01-01"), day("2024-12-31")).unwrap();
        assert_eq!(early.expertise_change, 0, "only one rating up to the end of 2024");
        assert!(trend.within(day("2026-01-01"), day("2026-12-31")).is_none(), "not rated in 2026");
        assert!(RatingTrend::new("k/c".into(), "C".into(), Vec::new()).is_none());
    }

    #[test]
    fn the_newest_verdict_on_the_claim_or_the_whole_entry_decides() {
        // (claim, verdict), newest first
        let verdicts: [(Option<&'static str>, &str); 3] =
            [(Some("a/1"), "needs-more"), (None, "accepted"), (Some("a/2"), "not-accepted")];
        let on = |v: &&(Option<&'static str>, &str)| v.0;
        assert_eq!(decisive_verdict(&verdicts, &"a/1", on).map(|v| v.1), Some("needs-more"));
        assert_eq!(decisive_verdict(&verdicts, &"a/2", on).map(|v| v.1), Some("accepted"));
        assert_eq!(decisive_verdict(&verdicts[2..], &"a/3", on), None);
    }
}
