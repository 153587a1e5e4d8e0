//! Review files: what a shared copy says about itself.

use serde::Serialize;

/// The manifest of a review file, written by `folio share`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewManifest {
    pub share_id: String,
    /// The UUID of the portfolio it was shared from.
    pub portfolio_uuid: String,
    /// The portfolio owner's name, from their profile.
    pub owner: Option<String>,
    pub reviewer: String,
    pub created_at: String,
    /// What was selected, as JSON (the flags given to `share`).
    pub selection: String,
}

/// An entry or one of its claims still waiting for a reviewer's verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pending {
    pub entry: super::EntryId,
    pub kind: super::EntryKind,
    pub title: String,
    pub date: super::PartialDate,
    /// The claim's reference, or none for an entry that claims nothing.
    pub claim: Option<String>,
    /// The mentee's note on the claim.
    pub note: Option<String>,
}

/// What a review pack asks a reviewer to judge in one entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ask<'a> {
    /// A claim with no verdict yet from the reviewer.
    Claim(&'a super::Claim),
    /// The whole entry, which claims nothing and has no verdict from them.
    Entry,
}

/// What a review pack offers a reviewer to judge in one entry: each claim
/// (or the entry, when it claims nothing) with the verdict they gave it so
/// far, if any. They may change a verdict they gave; an item *waits* for
/// them when they have not judged it yet, or judged it "needs more" and
/// the work was revised after.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judgeable<'a> {
    pub ask: Ask<'a>,
    /// Their newest verdict on it (on the claim or the whole entry).
    pub previous: Option<&'a super::Verdict>,
    pub waiting: bool,
}

/// Every item of `entry` a review pack lets `reviewer` (any case) judge;
/// their own feedback offers nothing.
pub fn judgeable<'a>(entry: &'a super::Entry, reviewer: &str) -> Vec<Judgeable<'a>> {
    let is_them = |name: &str| name.trim().eq_ignore_ascii_case(reviewer.trim());
    if entry.fields.details.from().is_some_and(is_them) {
        // Their own feedback waits for no verdict of theirs.
        return Vec::new();
    }
    let mine: Vec<&super::Verdict> = entry.verdicts.iter().filter(|v| is_them(&v.assessor)).collect();
    let item = |ask: Ask<'a>, reference: Option<&str>| {
        let previous = super::assessment::decisive_verdict(mine.iter().copied(), &reference, |v| {
            v.claim.as_deref().map(Some)
        });
        // Revised since a "needs more": written again after the verdict was.
        let revised = |v: &super::Verdict| {
            v.verdict == super::VerdictKind::NeedsMore && entry.updated_at.as_str() > v.created_at.as_str()
        };
        Judgeable { ask, previous, waiting: previous.is_none_or(revised) }
    };
    if entry.claims.is_empty() {
        return vec![item(Ask::Entry, None)];
    }
    entry.claims.iter().map(|c| item(Ask::Claim(c), Some(c.reference.as_str()))).collect()
}

/// The claims of `entry` still waiting for a verdict from `reviewer` (any
/// case), or the entry itself when it claims nothing ([`judgeable`] items
/// that wait).
pub fn awaiting<'a>(entry: &'a super::Entry, reviewer: &str) -> Vec<Ask<'a>> {
    judgeable(entry, reviewer).into_iter().filter(|j| j.waiting).map(|j| j.ask).collect()
}
