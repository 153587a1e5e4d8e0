//! The portfolio owner's profile: who they are, and the "Personal Profile"
//! of attributes, job skills and personal skills a portfolio opens with.

use serde::{Deserialize, Serialize};

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
}

/// The three lists of the Personal Profile, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileList {
    Attributes,
    JobSkills,
    PersonalSkills,
}

impl ProfileList {
    pub const ALL: [ProfileList; 3] =
        [ProfileList::Attributes, ProfileList::JobSkills, ProfileList::PersonalSkills];

    /// The value stored in `profile_items.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileList::Attributes => "attribute",
            ProfileList::JobSkills => "job-skill",
            ProfileList::PersonalSkills => "personal-skill",
        }
    }

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
    pub fn is_empty(&self) -> bool {
        *self == Profile::default()
    }
}
