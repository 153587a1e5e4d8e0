//! Claims (an entry offered as evidence), verdicts (an assessor's judgement)
//! and self-ratings — the types shown by `show`, `coverage`, `gaps` and
//! `ratings`.

use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub verdict: VerdictKind,
    pub assessor: String,
    pub date: String,
    pub comment: Option<String>,
    /// The claim judged, or none for the entry as a whole.
    pub claim: Option<String>,
    pub uuid: String,
    pub created_at: String,
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

/// One self-assessment of a competency or indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub expertise: i64,
    pub frequency: i64,
    pub date: String,
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

#[cfg(test)]
mod tests {
    use super::*;

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
