//! Reflection and achievement templates and their named sections.
//!
//! Gibbs' reflective cycle, Rolfe's "What? So what? Now what?" and STAR are
//! the structures mentees are taught; an entry written in one stores each
//! section under a stable key (`action-plan`, `so-what`…) in template order.

use super::names::named_enum;

named_enum! {
    /// A structure for reflective or achievement writing.
    pub enum Template ("template") {
        /// Gibbs' reflective cycle: description, feelings, evaluation, analysis, conclusion, action plan
        Gibbs = "gibbs",
        /// Rolfe's model: what, so what, now what
        Rolfe = "rolfe",
        /// STAR: situation, task, action, result
        Star = "star",
        /// The NMC written reflective account: the activity, what you learned, how you changed, the Code
        Nmc = "nmc",
    }
}

/// One section of a template: its stored key and its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionSpec {
    pub key: &'static str,
    pub heading: &'static str,
}

const GIBBS: &[SectionSpec] = &[
    SectionSpec { key: "description", heading: "Description" },
    SectionSpec { key: "feelings", heading: "Feelings" },
    SectionSpec { key: "evaluation", heading: "Evaluation" },
    SectionSpec { key: "analysis", heading: "Analysis" },
    SectionSpec { key: "conclusion", heading: "Conclusion" },
    SectionSpec { key: "action-plan", heading: "Action plan" },
];
const ROLFE: &[SectionSpec] = &[
    SectionSpec { key: "what", heading: "What?" },
    SectionSpec { key: "so-what", heading: "So what?" },
    SectionSpec { key: "now-what", heading: "Now what?" },
];
const STAR: &[SectionSpec] = &[
    SectionSpec { key: "situation", heading: "Situation" },
    SectionSpec { key: "task", heading: "Task" },
    SectionSpec { key: "action", heading: "Action" },
    SectionSpec { key: "result", heading: "Result" },
];

const NMC: &[SectionSpec] = &[
    SectionSpec {
        key: "nature",
        heading: "What was the nature of the CPD activity, practice-related feedback or event?",
    },
    SectionSpec { key: "learned", heading: "What did you learn from it?" },
    SectionSpec { key: "changed", heading: "How did you change or improve your practice as a result?" },
    SectionSpec { key: "code", heading: "How is this relevant to the Code?" },
];

/// The themes of the NMC Code, one or more of which a reflective account names.
pub const NMC_CODE_THEMES: [&str; 4] =
    ["Prioritise people", "Practise effectively", "Preserve safety", "Promote professionalism and trust"];

impl Template {
    /// The sections of this template, in writing order.
    pub fn sections(self) -> &'static [SectionSpec] {
        match self {
            Template::Gibbs => GIBBS,
            Template::Rolfe => ROLFE,
            Template::Star => STAR,
            Template::Nmc => NMC,
        }
    }

    /// Finds a section by a name as a user may type it: `action plan`,
    /// `Action-Plan`, `so_what`, `So what?` all match.
    pub fn section(self, name: &str) -> Option<&'static SectionSpec> {
        let wanted = normalise_section_name(name);
        self.sections().iter().find(|s| s.key == wanted)
    }

    /// The position of a section key in the template (for ordering).
    pub fn position(self, key: &str) -> Option<usize> {
        self.sections().iter().position(|s| s.key == key)
    }

    /// The one template whose sections include every given name, if exactly one does.
    pub fn infer<'a>(names: impl IntoIterator<Item = &'a str> + Clone) -> Option<Self> {
        let mut fitting =
            Self::ALL.iter().copied().filter(|t| names.clone().into_iter().all(|n| t.section(n).is_some()));
        match (fitting.next(), fitting.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }
}

/// Lower-case, trims a trailing `?`, and joins words with `-`.
pub fn normalise_section_name(name: &str) -> String {
    name.trim()
        .trim_end_matches('?')
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// The heading to show for a stored section key.
pub fn heading_for(template: Option<Template>, key: &str) -> String {
    template
        .and_then(|t| t.sections().iter().find(|s| s.key == key))
        .map(|s| s.heading.to_string())
        .unwrap_or_else(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_names_match_loosely() {
        assert_eq!(Template::Gibbs.section("Action plan").unwrap().key, "action-plan");
        assert_eq!(Template::Gibbs.section("action_plan").unwrap().key, "action-plan");
        assert_eq!(Template::Rolfe.section("So what?").unwrap().key, "so-what");
        assert!(Template::Star.section("feelings").is_none());
    }

    #[test]
    fn a_template_is_inferred_only_when_unambiguous() {
        assert_eq!(Template::infer(["so what"]), Some(Template::Rolfe));
        assert_eq!(Template::infer(["situation", "result"]), Some(Template::Star));
        // "action" is only STAR; "action plan" only Gibbs.
        assert_eq!(Template::infer(["action plan"]), Some(Template::Gibbs));
        assert_eq!(Template::infer(["nonsense"]), None);
    }
}
