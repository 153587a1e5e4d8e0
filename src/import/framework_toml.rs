//! folio's own framework file format (TOML).
//!
//! ```toml
//! key = "emcc"
//! title = "EMCC mentor competences"
//! source = "Where it comes from; who holds its rights"
//!
//! [[levels]]
//! code = "foundation"
//! title = "Foundation"
//!
//! [[competencies]]
//! code = "self"
//! title = "Understanding self"
//! definition = "Demonstrates awareness of own values…"
//! [competencies.indicators]
//! foundation = ["Behaves in a manner that…", "…"]
//! ```
//!
//! In a framework without levels `indicators` is a plain list. A
//! competency may carry a `question` for reflection, and the framework
//! questions by topic:
//!
//! ```toml
//! [[prompts]]
//! topic = "What makes an effective mentee?"
//! questions = ["Reflecting on the summary above, what are your strengths…?"]
//! ```

use serde::{Deserialize, Serialize};

use super::{FormatError, Imported};
use crate::model::framework::Prompt;
use crate::model::{Competency, Framework, Indicator, Level};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkFile {
    pub key: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
    #[serde(default)]
    pub competencies: Vec<CompetencyFile>,
    /// Questions for reflection by topic.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<PromptsFile>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromptsFile {
    pub topic: String,
    pub questions: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompetencyFile {
    pub code: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Indicators::is_empty")]
    pub indicators: Indicators,
}

/// A list (no levels) or a table of lists keyed by level code, in level order.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Indicators {
    List(Vec<String>),
    ByLevel(toml::Table),
}

impl Default for Indicators {
    fn default() -> Self {
        Indicators::List(Vec::new())
    }
}

impl Indicators {
    fn is_empty(&self) -> bool {
        match self {
            Indicators::List(list) => list.is_empty(),
            Indicators::ByLevel(table) => table.is_empty(),
        }
    }
}

pub fn parse(text: &str) -> Result<Imported<Framework>, FormatError> {
    let file: FrameworkFile = toml::from_str(text).map_err(|e| e.to_string().trim().to_string())?;
    let levels = file.levels;
    let mut competencies = Vec::with_capacity(file.competencies.len());
    for comp in file.competencies {
        let indicators = match comp.indicators {
            Indicators::List(list) => list.into_iter().map(|text| Indicator { level: None, text }).collect(),
            Indicators::ByLevel(table) => {
                let mut indicators = Vec::new();
                for (level, texts) in table {
                    let texts = texts.as_array().ok_or_else(|| {
                        format!("competency '{}': indicators.{level} must be a list of strings", comp.code)
                    })?;
                    for text in texts {
                        let text = text.as_str().ok_or_else(|| {
                            format!("competency '{}': indicators.{level} must hold strings only", comp.code)
                        })?;
                        indicators.push(Indicator { level: Some(level.clone()), text: text.to_string() });
                    }
                }
                indicators
            }
        };
        competencies.push(Competency {
            code: comp.code,
            title: comp.title,
            definition: comp.definition,
            question: comp.question,
            parent: comp.parent,
            external_id: comp.external_id,
            indicators,
        });
    }
    let framework = Framework {
        key: file.key,
        title: file.title,
        source: file.source,
        description: file.description,
        levels,
        competencies,
        prompts: file
            .prompts
            .into_iter()
            .flat_map(|p| {
                let topic = p.topic;
                p.questions.into_iter().map(move |text| Prompt { topic: topic.clone(), text })
            })
            .collect(),
        updated_at: None,
    };
    Ok(Imported { value: framework, notes: Vec::new() })
}

/// Writes a framework in this format, with a header comment.
pub fn render(framework: &Framework) -> Result<String, toml::ser::Error> {
    let file = FrameworkFile {
        key: framework.key.clone(),
        title: framework.title.clone(),
        source: framework.source.clone(),
        description: framework.description.clone(),
        levels: framework.levels.clone(),
        competencies: framework
            .competencies
            .iter()
            .map(|c| CompetencyFile {
                code: c.code.clone(),
                title: c.title.clone(),
                definition: c.definition.clone(),
                question: c.question.clone(),
                parent: c.parent.clone(),
                external_id: c.external_id.clone(),
                indicators: indicators_for(framework, c),
            })
            .collect(),
        prompts: prompts_by_topic(&framework.prompts),
    };
    let body = toml::to_string_pretty(&file)?;
    Ok(format!(
        "# {} — a competency framework for folio (`folio framework import`)\n\n{body}",
        framework.title
    ))
}

/// The framework's prompts grouped under their topics, in order.
fn prompts_by_topic(prompts: &[Prompt]) -> Vec<PromptsFile> {
    let mut files: Vec<PromptsFile> = Vec::new();
    for prompt in prompts {
        match files.last_mut() {
            Some(last) if last.topic == prompt.topic => last.questions.push(prompt.text.clone()),
            _ => {
                files.push(PromptsFile { topic: prompt.topic.clone(), questions: vec![prompt.text.clone()] })
            }
        }
    }
    files
}

fn indicators_for(framework: &Framework, competency: &Competency) -> Indicators {
    if framework.levels.is_empty() {
        return Indicators::List(competency.indicators.iter().map(|i| i.text.clone()).collect());
    }
    let mut table = toml::Table::new();
    for level in &framework.levels {
        let texts: Vec<toml::Value> = competency
            .indicators_at(Some(&level.code))
            .map(|i| toml::Value::String(i.text.clone()))
            .collect();
        if !texts.is_empty() {
            table.insert(level.code.clone(), toml::Value::Array(texts));
        }
    }
    Indicators::ByLevel(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
key = "demo"
title = "Demo"

[[levels]]
code = "basic"
title = "Basic"

[[levels]]
code = "expert"
title = "Expert"

[[competencies]]
code = "listen"
title = "Listening"
[competencies.indicators]
expert = ["Hears what is not said"]
basic = ["Lets the speaker finish", "Asks open questions"]

[[competencies]]
code = "listen.active"
title = "Active listening"
parent = "listen"
"#;

    #[test]
    fn reads_levels_competencies_and_indicators() {
        let framework = parse(SAMPLE).unwrap().value;
        framework.validate().unwrap();
        assert_eq!(framework.levels.len(), 2);
        let listen = &framework.competencies[0];
        assert_eq!(listen.indicators_at(Some("basic")).count(), 2);
        assert_eq!(framework.competencies[1].parent.as_deref(), Some("listen"));
    }

    #[test]
    fn render_then_parse_gives_the_same_framework() {
        let mut framework = parse(SAMPLE).unwrap().value;
        framework.normalise();
        assert_eq!(framework.competencies[0].indicators[0].text, "Lets the speaker finish");
        let text = render(&framework).unwrap();
        let mut again = parse(&text).unwrap().value;
        again.normalise();
        assert_eq!(again, framework);
    }

    #[test]
    fn errors_say_where() {
        let err = parse("key = \"x\"\ntitle = 3\n").unwrap_err().0;
        assert!(err.contains("line 2"), "{err}");
        let err = parse("key = \"x\"\ntitle = \"t\"\nfoo = 1\n").unwrap_err().0;
        assert!(err.contains("foo"), "{err}");
    }
}
