//! The portfolio owner's profile: who they are, and the "Personal Profile"
//! of attributes, job skills and personal skills a portfolio opens with.

use serde::{Deserialize, Serialize};

use super::names::named_enum;

/// The language documents are written in when the profile names none.
pub const DEFAULT_LANG: &str = "en-GB";

/// Whether a language tag has the shape of BCP 47: a language of two or
/// three letters, then subtags of letters and digits ("en-GB", "cy",
/// "zh-Hant-TW").
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    pub name: Option<String>,
    pub headline: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub location: Option<String>,
    pub summary: Option<String>,
    pub attributes: Vec<String>,
    pub job_skills: Vec<String>,
    pub personal_skills: Vec<String>,
    /// The language documents are written in (BCP 47); [`DEFAULT_LANG`] when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// When the profile last changed; absent for one never stamped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

named_enum! {
    /// The three lists of the Personal Profile, named as stored.
    pub enum ProfileList ("profile list") {
        /// Personal attributes
        Attributes = "attribute",
        /// Job skills
        JobSkills = "job-skill",
        /// Personal skills
        PersonalSkills = "personal-skill",
    }
}

impl ProfileList {
    pub fn items(self, profile: &Profile) -> &Vec<String> {
        match self {
            ProfileList::Attributes => &profile.attributes,
            ProfileList::JobSkills => &profile.job_skills,
            ProfileList::PersonalSkills => &profile.personal_skills,
        }
    }

    pub fn items_mut(self, profile: &mut Profile) -> &mut Vec<String> {
        match self {
            ProfileList::Attributes => &mut profile.attributes,
            ProfileList::JobSkills => &mut profile.job_skills,
            ProfileList::PersonalSkills => &mut profile.personal_skills,
        }
    }
}

impl Profile {
    /// Whether nothing is filled in (the stamp aside).
    pub fn is_empty(&self) -> bool {
        self.same_content(&Profile::default())
    }

    /// The language documents are written in.
    pub fn lang(&self) -> &str {
        self.lang.as_deref().unwrap_or(DEFAULT_LANG)
    }

    /// Whether the two say the same, whenever each was stamped.
    pub fn same_content(&self, other: &Profile) -> bool {
        let unstamped = |p: &Profile| Profile { updated_at: None, ..p.clone() };
        unstamped(self) == unstamped(other)
    }
}
