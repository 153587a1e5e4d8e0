//! The outbox: one line for every file that left the portfolio — an export,
//! a PDF, a review file or pack — saying when, what, for whom and which
//! records were in it. A line is never changed or deleted, and names
//! records by UUID only, so it outlives the entries it lists.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sent {
    pub uuid: String,
    pub sent_at: String,
    /// The command, without the values that are paths (`export pdf --profile evidence`).
    pub command: String,
    /// What was written: `json`, `pdf`, `review file`, …
    pub format: String,
    /// The output's file name (no folder), or none for standard output.
    #[serde(default)]
    pub file_name: Option<String>,
    /// SHA-256 of the bytes as they left (encrypted, when they were).
    pub sha256: String,
    /// The reviewer, and the age recipients it was encrypted to.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The UUIDs of the entries (and goals) in it.
    #[serde(default)]
    pub records: Vec<String>,
    #[serde(default)]
    pub include_private: bool,
    /// Whether identifiers of other people were redacted in it.
    #[serde(default)]
    pub redacted: bool,
}
