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

/// The claims of `entry` still waiting for a verdict from `reviewer` (any
/// case), or the entry itself when it claims nothing — what `pending`
/// lists in a review file. A verdict on the whole entry answers them all;
/// feedback the reviewer gave waits for nothing.
pub fn awaiting<'a>(entry: &'a super::Entry, reviewer: &str) -> Vec<Ask<'a>> {
    let is_them = |name: &str| name.trim().eq_ignore_ascii_case(reviewer.trim());
    if entry.fields.details.from().is_some_and(is_them) {
        // Their own feedback waits for no verdict of theirs.
        return Vec::new();
    }
    let theirs = |v: &&super::Verdict| is_them(&v.assessor);
    let mine: Vec<&super::Verdict> = entry.verdicts.iter().filter(theirs).collect();
    if mine.iter().any(|v| v.claim.is_none()) {
        return Vec::new();
    }
    if entry.claims.is_empty() {
        return vec![Ask::Entry];
    }
    entry
        .claims
        .iter()
        .filter(|c| !mine.iter().any(|v| v.claim.as_deref() == Some(c.reference.as_str())))
        .map(Ask::Claim)
        .collect()
}
