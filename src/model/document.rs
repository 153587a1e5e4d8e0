//! The folio JSON document: one file holding everything a portfolio holds,
//! in a stable order, so it can be read back losslessly and compared byte
//! for byte. Records are identified by UUID, never by local numeric ids.
//!
//! Its shape is documented in `docs/folio-json.md`; `FORMAT` and `VERSION`
//! head every document and are checked on the way in.

use serde::{Deserialize, Serialize};

use super::assessment::Score;
use super::{EntryFields, Framework, GoalStatus, MentorRole, PartialDate, Profile, Span, VerdictKind};

pub const FORMAT: &str = "folio-portfolio";
pub const VERSION: u32 = 1;
/// The name a document goes by when a PDF carries it as its own data.
pub const EMBEDDED_NAME: &str = "folio.json";

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
    /// Actions that belong to no goal (a goal's own are inside it).
    #[serde(default)]
    pub actions: Vec<DocAction>,
    #[serde(default)]
    pub mentors: Vec<DocMentor>,
    /// Requirement sets imported and followed, and the names watched for.
    #[serde(default, skip_serializing_if = "DocSettings::is_empty")]
    pub settings: DocSettings,
    /// What `folio sync` found changed on two copies, settled or not
    /// (private: only in a document with private records).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<DocConflict>,
    /// What left the portfolio, and when (private: only in a document with
    /// private records; it names reviewers and files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outbox: Vec<super::outbox::Sent>,
}

/// A conflict found by `folio sync` (docs/sync.md); values are JSON text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocConflict {
    pub uuid: String,
    /// `entry:UUID`, `goal:UUID`, `action:UUID`, `mentor:UUID`, `profile` or `settings`.
    pub record: String,
    pub label: String,
    /// The field; `trashed` or `purged` for a deletion against an edit.
    pub field: String,
    pub kept: String,
    pub kept_replica: String,
    pub kept_device: String,
    pub other: String,
    pub other_replica: String,
    pub other_device: String,
    pub found_at: String,
    #[serde(default)]
    pub resolved_at: Option<String>,
    #[serde(default)]
    pub resolution: Option<String>,
}

/// The portfolio's settings: requirement sets imported from files, the sets
/// followed in the agenda, and the names of other people the identifier
/// check watches for (private: only in a document with private records).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocSettings {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirement_sets: Vec<DocRequirementSet>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tracked_requirements: Vec<DocTracked>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub watched_names: Vec<String>,
}

impl DocSettings {
    pub fn is_empty(&self) -> bool {
        self.requirement_sets.is_empty()
            && self.tracked_requirements.is_empty()
            && self.watched_names.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocRequirementSet {
    pub key: String,
    /// The set's file, as imported (TOML).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocTracked {
    pub key: String,
    /// The day the set must be met by, if given.
    #[serde(default)]
    pub due: Option<PartialDate>,
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
    /// A feedback entry signed by the reviewer who wrote it (`docs/trust.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<serde_json::Value>,
    pub created_at: String,
    pub updated_at: String,
    /// Set for an entry in the trash: only `folio sync` carries those.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
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
    /// The verdict as a signed Verifiable Credential (`docs/trust.md`), when signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<serde_json::Value>,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocGoal {
    pub uuid: String,
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub due: Option<PartialDate>,
    /// The day it was set; none: the day of `created_at`.
    #[serde(default)]
    pub set_on: Option<PartialDate>,
    pub status: GoalStatus,
    /// The day it was done or dropped.
    #[serde(default)]
    pub closed_on: Option<PartialDate>,
    /// Why it was dropped.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub private: bool,
    /// References of the competencies it works towards.
    #[serde(default)]
    pub competencies: Vec<String>,
    #[serde(default)]
    pub actions: Vec<DocAction>,
    pub created_at: String,
    pub updated_at: String,
    /// Set for a goal in the trash (only `folio sync` carries those).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocAction {
    pub uuid: String,
    pub text: String,
    #[serde(default)]
    pub due: Option<PartialDate>,
    /// The day it was done.
    #[serde(default)]
    pub done: Option<PartialDate>,
    /// The UUID of the meeting entry where it was agreed.
    #[serde(default)]
    pub meeting: Option<String>,
    /// Who does it; none is the portfolio's owner.
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    pub created_at: String,
    /// Absent in documents from before actions were merged one by one: then `created_at`.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Set for an action in the trash (only `folio sync` carries those).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocMentor {
    pub uuid: String,
    pub name: String,
    pub role: MentorRole,
    #[serde(default)]
    pub since: Option<PartialDate>,
    #[serde(default)]
    pub until: Option<PartialDate>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub meet_every: Option<Span>,
    /// The signed contract.
    #[serde(default)]
    pub contract: Option<DocAttachment>,
    pub created_at: String,
    pub updated_at: String,
}

impl DocVerdict {
    /// The verdict as it reads, its claim's reference included.
    pub fn as_read(&self) -> super::Verdict {
        super::Verdict { claim: self.claim.clone(), ..self.to_verdict() }
    }

    /// The verdict to store (its claim is linked by the caller, by reference).
    pub fn to_verdict(&self) -> super::Verdict {
        super::Verdict {
            verdict: self.verdict,
            assessor: self.assessor.clone(),
            date: self.date,
            comment: self.comment.clone(),
            claim: None,
            uuid: self.uuid.clone(),
            created_at: self.created_at.clone(),
            credential: self.credential.clone(),
        }
    }
}

impl DocAction {
    /// When it last changed.
    pub fn changed_at(&self) -> &str {
        self.updated_at.as_deref().unwrap_or(&self.created_at)
    }
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
            credential: None,
            created_at: stamp.clone(),
            updated_at: stamp,
            deleted_at: None,
        }
    }
}

impl PortfolioDocument {
    /// Drops each entry's `about` links to entries this document does not
    /// hold: a shared selection names nothing it leaves out.
    pub fn keep_links_within(&mut self) {
        let held: std::collections::HashSet<String> = self.entries.iter().map(|e| e.uuid.clone()).collect();
        for entry in &mut self.entries {
            entry.fields.about.retain(|uuid| held.contains(uuid));
        }
    }

    pub fn empty() -> Self {
        Self {
            format: FORMAT.into(),
            version: VERSION,
            profile: Profile::default(),
            frameworks: Vec::new(),
            entries: Vec::new(),
            ratings: Vec::new(),
            goals: Vec::new(),
            actions: Vec::new(),
            mentors: Vec::new(),
            settings: DocSettings::default(),
            conflicts: Vec::new(),
            outbox: Vec::new(),
        }
    }
}
