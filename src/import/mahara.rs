//! Mahara SmartEvidence framework files (`.matrix`, JSON).
//!
//! Two layouts exist. The current one has flat `standards` and
//! `standardelements`, an element pointing at its standard by `standardid`
//! and at a parent element by `parentelementid` — or `parentid`, which is
//! what Mahara's own exporter writes. The older one nests
//! `standards[].standardelement[]`, where `"parent": true` marks a
//! sub-clause of the element before it. Standards and elements both become
//! competencies; Mahara has no levels or indicators.

use serde_json::Value;

use super::{FormatError, Imported, clean_text, unique_code};
use crate::model::framework::slugify;
use crate::model::{Competency, Framework};

fn text_field(value: &Value, field: &str) -> Option<String> {
    match value.get(field)? {
        Value::String(s) => Some(clean_text(s)).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An id that may be written as a number or a string.
fn id_field(value: &Value, field: &str) -> Option<String> {
    match value.get(field)? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

struct Builder {
    competencies: Vec<Competency>,
    codes: std::collections::HashSet<String>,
    notes: Vec<String>,
}

impl Builder {
    fn add(&mut self, item: &Value, parent: Option<String>, what: &str) -> Option<String> {
        let short = text_field(item, "shortname");
        let name = text_field(item, "name");
        let Some(title) = name.clone().or_else(|| short.clone()) else {
            self.notes.push(format!("skipped a {what} with neither shortname nor name"));
            return None;
        };
        let code =
            unique_code(&slugify(short.as_deref().unwrap_or(&title)), &mut self.codes, &mut self.notes);
        let definition = text_field(item, "description");
        self.competencies.push(Competency {
            code: code.clone(),
            title,
            definition,
            question: None,
            parent,
            external_id: None,
            indicators: Vec::new(),
        });
        Some(code)
    }
}

pub fn parse(text: &str) -> Result<Imported<Framework>, FormatError> {
    let root: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let framework = root.get("framework").ok_or("no \"framework\" object: not a Mahara .matrix file")?;
    let title = text_field(framework, "name").ok_or("framework.name is missing")?;
    let standards = framework
        .get("standards")
        .and_then(Value::as_array)
        .ok_or("framework.standards is missing or not a list")?;
    let mut builder = Builder { competencies: Vec::new(), codes: Default::default(), notes: Vec::new() };
    let mut standard_codes: Vec<(String, String)> = Vec::new();
    for (i, standard) in standards.iter().enumerate() {
        let Some(code) = builder.add(standard, None, "standard") else { continue };
        let id = id_field(standard, "standardid").unwrap_or_else(|| (i + 1).to_string());
        standard_codes.push((id, code.clone()));
        if let Some(nested) = standard.get("standardelement").and_then(Value::as_array) {
            let mut last_top: Option<String> = None;
            for element in nested {
                let is_sub = element.get("parent").and_then(Value::as_bool).unwrap_or(false);
                let parent =
                    if is_sub { last_top.clone().or(Some(code.clone())) } else { Some(code.clone()) };
                let added = builder.add(element, parent, "standard element");
                if !is_sub {
                    last_top = added;
                }
            }
        }
    }
    if let Some(elements) = framework.get("standardelements").and_then(Value::as_array) {
        add_flat_elements(&mut builder, elements, &standard_codes);
    }
    if let Some(statuses) = framework.get("evidencestatuses").and_then(Value::as_array) {
        builder.notes.push(format!(
            "ignored {} custom evidence statuses (folio uses accepted, needs-more, not-accepted)",
            statuses.len()
        ));
    }
    let framework = Framework {
        key: slugify(&title),
        title,
        source: Some("Imported from a Mahara SmartEvidence framework".into()),
        description: text_field(framework, "description"),
        levels: Vec::new(),
        competencies: builder.competencies,
        prompts: Vec::new(),
        updated_at: None,
    };
    Ok(Imported { value: framework, notes: builder.notes })
}

fn add_flat_elements(builder: &mut Builder, elements: &[Value], standards: &[(String, String)]) {
    let mut element_codes: Vec<(String, String)> = Vec::new();
    for (i, element) in elements.iter().enumerate() {
        let element_id = id_field(element, "elementid");
        if let Some(id) = &element_id
            && element_codes.iter().any(|(seen, _)| seen == id)
        {
            builder.notes.push(format!("skipped standardelements[{i}]: element id '{id}' appears twice"));
            continue;
        }
        let parent_element = id_field(element, "parentelementid").or_else(|| id_field(element, "parentid"));
        let standard = id_field(element, "standardid");
        let parent = match (&parent_element, &standard) {
            (Some(pid), _) if element_codes.iter().any(|(id, _)| id == pid) => {
                element_codes.iter().find(|(id, _)| id == pid).map(|(_, code)| code.clone())
            }
            (_, Some(sid)) => standards.iter().find(|(id, _)| id == sid).map(|(_, code)| code.clone()),
            _ => None,
        };
        if parent.is_none() {
            builder
                .notes
                .push(format!("standardelements[{i}] belongs to no known standard; kept at the top"));
        }
        if let Some(code) = builder.add(element, parent, "standard element") {
            element_codes.push((element_id.unwrap_or_else(|| code.clone()), code));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_layout_with_parentid_as_mahara_exports_it() {
        let text = r#"{"framework": {"name": "Career Readiness", "description": "NACE <a href=\"x\">Source</a>",
          "standards": [{"shortname": "CR", "name": "Career readiness", "standardid": 1}],
          "standardelements": [
            {"shortname": "Critical Thinking", "name": "Critical thinking", "standardid": 1, "elementid": "1.0"},
            {"shortname": "Sub", "name": "A sub element", "standardid": "1", "parentid": "1.0", "elementid": "1.1"},
            {"shortname": "Sub", "name": "Twice", "standardid": 1, "elementid": "1.1"}
          ]}}"#;
        let imported = parse(text).unwrap();
        let f = imported.value;
        assert_eq!(f.key, "career-readiness");
        assert_eq!(f.description.as_deref(), Some("NACE Source"));
        assert_eq!(f.competencies.len(), 3);
        assert_eq!(f.competencies[1].parent.as_deref(), Some("cr"));
        assert_eq!(f.competencies[2].code, "sub");
        assert_eq!(f.competencies[2].parent.as_deref(), Some("critical-thinking"));
        assert!(imported.notes.iter().any(|n| n.contains("appears twice")), "{:?}", imported.notes);
    }

    #[test]
    fn nested_layout_uses_the_parent_flag() {
        let text = r#"{"framework": {"name": "SE", "standards": [
            {"shortname": "PK 1.", "name": "Know the students", "standardelement": [
               {"shortname": "1.2", "name": "one point two", "parent": false},
               {"shortname": "1.2.1", "name": "one point two point one", "parent": true}]},
            {"shortname": "Unused", "name": "Unused standard"}]}}"#;
        let f = parse(text).unwrap().value;
        let codes: Vec<_> = f.competencies.iter().map(|c| (c.code.as_str(), c.parent.as_deref())).collect();
        assert_eq!(codes, [("pk-1", None), ("1.2", Some("pk-1")), ("1.2.1", Some("1.2")), ("unused", None)]);
    }

    #[test]
    fn missing_parts_are_errors() {
        assert!(parse("{\"framework\": {}}").unwrap_err().0.contains("framework.name"));
        assert!(parse("{oops").unwrap_err().0.contains("invalid JSON"));
    }
}
