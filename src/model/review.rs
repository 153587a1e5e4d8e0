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
