//! The folio JSON document: one file holding everything a portfolio holds,
//! in a stable order, so it can be read back losslessly and compared byte
//! for byte. Records are identified by UUID, never by local numeric ids.
//!
//! Its shape is documented in `docs/folio-json.md`; `FORMAT` and `VERSION`
//! head every document and are checked on the way in.

use serde::{Deserialize, Serialize};

use super::assessment::Score;
use super::names::named_enum;
use super::{EntryFields, Framework, PartialDate, Profile, VerdictKind};

pub const FORMAT: &str = "folio-portfolio";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortfolioDocument {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub profile: Profile,
    #[serde(default)]
    pub frameworks: Vec<Framework>,
    #[serde(default)]
    pub entries: Vec<DocEntry>,
    #[serde(default)]
    pub ratings: Vec<DocRating>,
    #[serde(default)]
    pub goals: Vec<DocGoal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocEntry {
    pub uuid: String,
    #[serde(flatten)]
    pub fields: EntryFields,
    #[serde(default)]
    pub attachments: Vec<DocAttachment>,
    #[serde(default)]
    pub claims: Vec<DocClaim>,
    #[serde(default)]
    pub verdicts: Vec<DocVerdict>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocAttachment {
    pub name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    /// The bytes, base64 (standard alphabet, padded); absent with `--no-attachments`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocClaim {
    pub uuid: String,
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(default)]
    pub note: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocVerdict {
    pub uuid: String,
    /// The reference of the claim judged, or none for the whole entry.
    #[serde(default)]
    pub claim: Option<String>,
    pub verdict: VerdictKind,
    pub assessor: String,
    #[serde(default)]
    pub comment: Option<String>,
    pub date: PartialDate,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocRating {
    pub uuid: String,
    #[serde(rename = "ref")]
    pub reference: String,
    pub expertise: Score,
    pub frequency: Score,
    pub date: PartialDate,
    #[serde(default)]
    pub note: Option<String>,
    pub created_at: String,
}

named_enum! {
    /// Where a goal stands.
    pub enum GoalStatus ("goal status") {
        /// Being worked on
        Open = "open",
        /// Achieved
        Done = "done",
        /// Given up
        Dropped = "dropped",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocGoal {
    pub uuid: String,
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub due: Option<String>,
    pub status: GoalStatus,
    #[serde(default)]
    pub private: bool,
    /// References of the competencies it works towards.
    #[serde(default)]
    pub competencies: Vec<String>,
    #[serde(default)]
    pub actions: Vec<DocAction>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocAction {
    pub uuid: String,
    pub text: String,
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub done: Option<String>,
    /// The UUID of the meeting entry where it was agreed.
    #[serde(default)]
    pub meeting: Option<String>,
    pub created_at: String,
}

impl DocEntry {
    /// An entry with only the required fields set; fill in the rest with struct update syntax.
    pub fn new(uuid: String, fields: EntryFields, stamp: String) -> Self {
        Self {
            uuid,
            fields,
            attachments: Vec::new(),
            claims: Vec::new(),
            verdicts: Vec::new(),
            created_at: stamp.clone(),
            updated_at: stamp,
        }
    }
}

impl PortfolioDocument {
    pub fn empty() -> Self {
        Self {
            format: FORMAT.into(),
            version: VERSION,
            profile: Profile::default(),
            frameworks: Vec::new(),
            entries: Vec::new(),
            ratings: Vec::new(),
            goals: Vec::new(),
        }
    }
}
