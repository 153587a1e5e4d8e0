//! A framework as a 1EdTech CASE 1.0 CFPackage (JSON).
//!
//! Competencies are CFItems joined by `isChildOf`; indicators are CFItems of
//! type `Indicator` under their competency, with the level code in
//! `educationLevel`; levels are CFConcepts keyworded `folio-level`; the key
//! travels in the document's `subject`. Identifiers are stable (a stored
//! CASE GUID, or a UUID v5 of the framework key and code), so exporting twice
//! gives the same file and other CASE tools can match items across exports.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::import::case::{INDICATOR_TYPE, KEY_SUBJECT, LEVEL_KEYWORD};
use crate::model::{Competency, Framework};

fn stable_id(parts: &[&str]) -> String {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, format!("folio:{}", parts.join("/")).as_bytes()).to_string()
}

fn link(title: &str, identifier: &str) -> Value {
    json!({ "title": title, "identifier": identifier, "uri": format!("urn:uuid:{identifier}") })
}

/// Renders the package; `changed` is the `lastChangeDateTime` written everywhere.
pub fn render(framework: &Framework, changed: &str) -> String {
    let doc_id = stable_id(&[&framework.key]);
    let doc_link = link(&framework.title, &doc_id);
    let mut document = json!({
        "identifier": doc_id,
        "uri": format!("urn:uuid:{doc_id}"),
        "creator": "folio",
        "title": framework.title,
        "subject": [format!("{KEY_SUBJECT}{}", framework.key)],
        "lastChangeDateTime": changed,
    });
    if let Some(source) = &framework.source {
        document["notes"] = json!(source);
    }
    if let Some(description) = &framework.description {
        document["description"] = json!(description);
    }
    let id_of =
        |c: &Competency| c.external_id.clone().unwrap_or_else(|| stable_id(&[&framework.key, &c.code]));
    let mut items = Vec::new();
    let mut associations = Vec::new();
    let mut sequence: std::collections::HashMap<String, i64> = Default::default();
    let mut associate = |child: &Value, parent: &Value, key: String| {
        let n = sequence.entry(key).or_insert(0);
        *n += 1;
        let id = stable_id(&["association", child["identifier"].as_str().unwrap_or_default()]);
        associations.push(json!({
            "identifier": id,
            "uri": format!("urn:uuid:{id}"),
            "associationType": "isChildOf",
            "sequenceNumber": *n,
            "originNodeURI": child,
            "destinationNodeURI": parent,
            "CFDocumentURI": doc_link,
            "lastChangeDateTime": changed,
        }));
    };
    for competency in &framework.competencies {
        let id = id_of(competency);
        items.push(json!({
            "identifier": id,
            "uri": format!("urn:uuid:{id}"),
            "fullStatement": competency.definition.clone().unwrap_or_else(|| competency.title.clone()),
            "abbreviatedStatement": competency.title,
            "humanCodingScheme": competency.code,
            "CFItemType": "Competency",
            "CFDocumentURI": doc_link,
            "lastChangeDateTime": changed,
        }));
        let parent = competency.parent.as_deref().and_then(|p| framework.competency(p));
        let parent_link = match parent {
            Some(p) => link(&p.title, &id_of(p)),
            None => doc_link.clone(),
        };
        let parent_key = parent_link["identifier"].as_str().unwrap_or_default().to_string();
        associate(&link(&competency.title, &id), &parent_link, parent_key);
        let own_link = link(&competency.title, &id);
        for (n, indicator) in competency.indicators.iter().enumerate() {
            let level = indicator.level.clone().unwrap_or_default();
            let ind_id = stable_id(&[&framework.key, &competency.code, &level, &n.to_string()]);
            let mut item = json!({
                "identifier": ind_id,
                "uri": format!("urn:uuid:{ind_id}"),
                "fullStatement": indicator.text,
                "CFItemType": INDICATOR_TYPE,
                "CFDocumentURI": doc_link,
                "lastChangeDateTime": changed,
            });
            if !level.is_empty() {
                item["educationLevel"] = json!([level]);
            }
            items.push(item);
            associate(&link(&indicator.text, &ind_id), &own_link, id.clone());
        }
    }
    let concepts: Vec<Value> = framework
        .levels
        .iter()
        .map(|level| {
            let id = stable_id(&[&framework.key, "level", &level.code]);
            let mut concept = json!({
                "identifier": id,
                "uri": format!("urn:uuid:{id}"),
                "title": level.title,
                "keywords": LEVEL_KEYWORD,
                "hierarchyCode": level.code,
                "lastChangeDateTime": changed,
            });
            if let Some(description) = &level.description {
                concept["description"] = json!(description);
            }
            concept
        })
        .collect();
    let mut package = json!({
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
    });
    if !concepts.is_empty() {
        package["CFDefinitions"] = json!({ "CFConcepts": concepts });
    }
    let mut text = serde_json::to_string_pretty(&package).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::framework_toml;

    #[test]
    fn a_case_export_reads_back_as_the_same_framework() {
        let toml = r#"
key = "demo"
title = "Demo"
source = "Written for a test"
[[levels]]
code = "basic"
title = "Basic"
[[levels]]
code = "expert"
title = "Expert"
[[competencies]]
code = "listen"
title = "Listening"
definition = "Hears the mentee out"
[competencies.indicators]
basic = ["Lets the speaker finish", "Asks open questions"]
expert = ["Hears what is not said"]
[[competencies]]
code = "listen.active"
title = "Active listening"
parent = "listen"
"#;
        let mut framework = framework_toml::parse(toml).unwrap().value;
        framework.normalise();
        let text = render(&framework, "2026-01-01T00:00:00Z");
        assert_eq!(text, render(&framework, "2026-01-01T00:00:00Z"), "stable output");
        let mut again = crate::import::case::parse(&text).unwrap().value;
        again.normalise();
        // CASE keeps identifiers; the original had none.
        for c in &mut again.competencies {
            c.external_id = None;
        }
        assert_eq!(again, framework);
    }
}
