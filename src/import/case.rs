//! 1EdTech CASE 1.0 CFPackage JSON (`CFDocument`, `CFItems`, `CFAssociations`).
//!
//! Items become competencies; `isChildOf` associations (child → parent item
//! or the document) give the hierarchy, ordered by `sequenceNumber`. Real
//! files deviate from the schema — string sequence numbers, nulls where
//! strings belong, items without codes — so this reader is lenient and notes
//! what it skipped. Items typed `Indicator` and `CFConcepts` keyworded
//! `folio-level` are how folio's own CASE export carries indicators and
//! levels, so an export reads back as the same framework.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::{FormatError, Imported, clean_text, unique_code};
use crate::model::framework::{is_valid_code, slugify};
use crate::model::{Competency, Framework, Indicator, Level};

/// Marks a CFConcept that carries one of a folio framework's levels.
pub const LEVEL_KEYWORD: &str = "folio-level";
/// Prefix of the CFDocument `subject` that carries a folio framework key.
pub const KEY_SUBJECT: &str = "folio-key:";
/// The CFItemType of an item that is an indicator, not a competency.
pub const INDICATOR_TYPE: &str = "Indicator";

fn string(value: &Value, field: &str) -> Option<String> {
    match value.get(field)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `sequenceNumber` as a number, whether written as 3 or "3".
fn sequence(value: &Value) -> Option<i64> {
    match value.get("sequenceNumber")? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn node_id(association: &Value, end: &str) -> Option<String> {
    match association.get(end)? {
        Value::Object(_) => string(association.get(end)?, "identifier"),
        Value::String(uri) => uri.rsplit('/').next().map(str::to_string),
        _ => None,
    }
}

struct Item {
    identifier: String,
    statement: String,
    code: Option<String>,
    abbreviated: Option<String>,
    item_type: Option<String>,
    education_level: Option<String>,
}

fn read_item(value: &Value) -> Option<Item> {
    let identifier = string(value, "identifier")?;
    let statement = string(value, "fullStatement").map(|s| clean_text(&s))?;
    let item_type =
        string(value, "CFItemType").or_else(|| value.get("CFItemTypeURI").and_then(|t| string(t, "title")));
    let education_level = value
        .get("educationLevel")
        .and_then(Value::as_array)
        .and_then(|levels| levels.first())
        .and_then(Value::as_str)
        .map(str::to_string);
    Some(Item {
        identifier,
        statement,
        code: string(value, "humanCodingScheme"),
        abbreviated: string(value, "abbreviatedStatement").map(|s| clean_text(&s)),
        item_type,
        education_level,
    })
}

fn title_of(item: &Item) -> (String, Option<String>) {
    if let Some(short) = &item.abbreviated {
        let definition = (short != &item.statement).then(|| item.statement.clone());
        return (short.clone(), definition);
    }
    let first_line = item.statement.lines().next().unwrap_or_default();
    if first_line.chars().count() <= 100 && first_line == item.statement {
        return (item.statement.clone(), None);
    }
    let mut title: String = first_line.chars().take(97).collect();
    if title.chars().count() < first_line.chars().count() {
        title.push('…');
    }
    (title, Some(item.statement.clone()))
}

pub fn parse(text: &str) -> Result<Imported<Framework>, FormatError> {
    let root: Value = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    let document = root.get("CFDocument").ok_or("no CFDocument: not a CASE CFPackage")?;
    let title = string(document, "title").ok_or("CFDocument.title is missing")?;
    let document_id = string(document, "identifier").unwrap_or_default();
    let mut notes = Vec::new();

    let mut items: Vec<Item> = Vec::new();
    let mut identifiers: HashSet<String> = HashSet::new();
    for (i, value) in root.get("CFItems").and_then(Value::as_array).into_iter().flatten().enumerate() {
        match read_item(value) {
            Some(item) if !identifiers.insert(item.identifier.clone()) => {
                notes.push(format!("skipped CFItems[{i}]: identifier {} appears twice", item.identifier));
            }
            Some(item) => items.push(item),
            None => notes.push(format!("skipped CFItems[{i}]: it has no identifier or no fullStatement")),
        }
    }
    let index: HashMap<&str, usize> =
        items.iter().enumerate().map(|(i, item)| (item.identifier.as_str(), i)).collect();

    // Parent and order of each item, from isChildOf.
    let mut parent: Vec<Option<usize>> = vec![None; items.len()];
    let mut order: Vec<(i64, usize)> = (0..items.len()).map(|i| (i64::MAX, i)).collect();
    let mut ignored: HashMap<String, usize> = HashMap::new();
    let mut lenient_numbers = 0;
    for (i, association) in
        root.get("CFAssociations").and_then(Value::as_array).into_iter().flatten().enumerate()
    {
        let kind = string(association, "associationType").unwrap_or_else(|| "(none)".into());
        if kind != "isChildOf" {
            *ignored.entry(kind).or_default() += 1;
            continue;
        }
        let (Some(child), Some(target)) =
            (node_id(association, "originNodeURI"), node_id(association, "destinationNodeURI"))
        else {
            notes.push(format!("skipped CFAssociations[{i}]: origin or destination missing"));
            continue;
        };
        let Some(&child) = index.get(child.as_str()) else {
            notes.push(format!("skipped CFAssociations[{i}]: its origin is not an item of this package"));
            continue;
        };
        if let Some(seq) = sequence(association) {
            order[child].0 = seq;
            if association.get("sequenceNumber").is_some_and(Value::is_string) {
                lenient_numbers += 1;
            }
        }
        if target == document_id {
            continue;
        }
        match index.get(target.as_str()) {
            Some(&p) if parent[child].is_none() && p != child => parent[child] = Some(p),
            Some(_) => notes.push(format!(
                "CFAssociations[{i}]: item {} already has a parent; kept the first",
                items[child].identifier
            )),
            None => notes.push(format!(
                "CFAssociations[{i}]: parent {target} is not in this package; item kept at the top"
            )),
        }
    }
    if lenient_numbers > 0 {
        notes.push(format!("read {lenient_numbers} sequenceNumber values written as strings"));
    }
    let nulls = count_nulls(&root);
    if nulls > 0 {
        notes.push(format!("ignored {nulls} null values where the CASE schema expects text"));
    }
    let mut kinds: Vec<_> = ignored.into_iter().collect();
    kinds.sort();
    for (kind, count) in kinds {
        notes.push(format!("ignored {count} '{kind}' associations (only isChildOf is used)"));
    }
    break_cycles(&mut parent, &items, &mut notes);

    let levels = read_levels(&root);
    let key = document
        .get("subject")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .find_map(|s| s.strip_prefix(KEY_SUBJECT))
        .map(str::to_string)
        .unwrap_or_else(|| slugify(&title));
    let source = string(document, "notes").or_else(|| {
        string(document, "creator")
            .or_else(|| string(document, "publisher"))
            .map(|c| format!("CASE package by {c}"))
    });
    let framework = Framework {
        key,
        title: clean_text(&title),
        source,
        description: string(document, "description").map(|d| clean_text(&d)),
        competencies: build_tree(&items, &parent, &mut order, &levels, &mut notes),
        prompts: Vec::new(),
        levels,
        updated_at: None,
    };
    Ok(Imported { value: framework, notes })
}

/// Nulls in the document, items, associations and definitions (the schema has no nullable fields).
fn count_nulls(root: &Value) -> usize {
    let definitions =
        root.get("CFDefinitions").and_then(Value::as_object).into_iter().flat_map(|d| d.values());
    let lists = ["CFItems", "CFAssociations"].into_iter().filter_map(|k| root.get(k));
    let objects = root
        .get("CFDocument")
        .into_iter()
        .chain(lists.chain(definitions).filter_map(Value::as_array).flatten());
    objects.filter_map(Value::as_object).map(|o| o.values().filter(|v| v.is_null()).count()).sum()
}

fn break_cycles(parent: &mut [Option<usize>], items: &[Item], notes: &mut Vec<String>) {
    for start in 0..parent.len() {
        let mut seen = vec![start];
        let mut at = start;
        while let Some(p) = parent[at] {
            if seen.contains(&p) {
                parent[at] = None;
                notes.push(format!("item {} is its own ancestor; moved to the top", items[at].identifier));
                break;
            }
            seen.push(p);
            at = p;
        }
    }
}

fn read_levels(root: &Value) -> Vec<Level> {
    let concepts = root.pointer("/CFDefinitions/CFConcepts").and_then(Value::as_array);
    concepts
        .into_iter()
        .flatten()
        .filter(|c| string(c, "keywords").as_deref() == Some(LEVEL_KEYWORD))
        .filter_map(|c| {
            Some(Level {
                code: string(c, "hierarchyCode")?,
                title: string(c, "title")?,
                description: string(c, "description"),
            })
        })
        .collect()
}

/// Competencies in tree order (parents first); indicator items attach to their parent.
fn build_tree(
    items: &[Item],
    parent: &[Option<usize>],
    order: &mut [(i64, usize)],
    levels: &[Level],
    notes: &mut Vec<String>,
) -> Vec<Competency> {
    order.sort();
    let mut children_of: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
    for &(_, i) in order.iter() {
        children_of.entry(parent[i]).or_default().push(i);
    }
    let children = |of: Option<usize>| -> Vec<usize> { children_of.get(&of).cloned().unwrap_or_default() };
    let mut competencies: Vec<Competency> = Vec::new();
    let mut codes: HashSet<String> = HashSet::new();
    let mut code_of: Vec<Option<String>> = vec![None; items.len()];
    // Where each item's competency sits in `competencies`, for attaching indicators.
    let mut index_of: Vec<Option<usize>> = vec![None; items.len()];
    // Depth-first, keeping sibling order; a stack of (item, position among siblings).
    let mut stack: Vec<(usize, usize)> =
        children(None).into_iter().enumerate().map(|(n, i)| (i, n + 1)).rev().collect();
    while let Some((i, position)) = stack.pop() {
        let item = &items[i];
        let parent_code = parent[i].and_then(|p| code_of[p].clone());
        let is_indicator = item.item_type.as_deref().is_some_and(|t| t.eq_ignore_ascii_case(INDICATOR_TYPE));
        if let (true, Some(p)) = (is_indicator, parent[i])
            && let Some(comp) = index_of[p].and_then(|at| competencies.get_mut(at))
        {
            let level = item.education_level.clone().filter(|l| levels.iter().any(|x| x.code == *l));
            comp.indicators.push(Indicator { level, text: item.statement.clone() });
            continue;
        }
        let wanted = match &item.code {
            Some(code) if is_valid_code(code) => code.clone(),
            Some(code) => slugify(code),
            None => match &parent_code {
                Some(p) => format!("{p}.{position}"),
                None => position.to_string(),
            },
        };
        let code = unique_code(&wanted, &mut codes, notes);
        code_of[i] = Some(code.clone());
        index_of[i] = Some(competencies.len());
        let (title, definition) = title_of(item);
        competencies.push(Competency {
            code,
            title,
            definition,
            question: None,
            parent: parent_code,
            external_id: Some(item.identifier.clone()),
            indicators: Vec::new(),
        });
        for (n, child) in children(Some(i)).into_iter().enumerate().rev() {
            stack.push((child, n + 1));
        }
    }
    competencies
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKAGE: &str = r#"{
      "CFDocument": {"identifier": "doc", "title": "Maths", "creator": "Someone"},
      "CFItems": [
        {"identifier": "a", "fullStatement": "Ratio concepts", "humanCodingScheme": "RP.A"},
        {"identifier": "b", "fullStatement": "Use ratio language", "humanCodingScheme": "RP.A.1"},
        {"identifier": "c", "fullStatement": "Unit rates", "humanCodingScheme": "RP.A.2", "description": null},
        {"identifier": "d", "fullStatement": null},
        {"identifier": "e", "fullStatement": "No code here"}
      ],
      "CFAssociations": [
        {"associationType": "isChildOf", "originNodeURI": {"identifier": "a"}, "destinationNodeURI": {"identifier": "doc"}},
        {"associationType": "isChildOf", "originNodeURI": {"identifier": "c"}, "destinationNodeURI": {"identifier": "a"}, "sequenceNumber": "1"},
        {"associationType": "isChildOf", "originNodeURI": {"identifier": "b"}, "destinationNodeURI": {"identifier": "a"}, "sequenceNumber": 2},
        {"associationType": "isChildOf", "originNodeURI": {"identifier": "e"}, "destinationNodeURI": {"identifier": "a"}, "sequenceNumber": 3},
        {"associationType": "exactMatchOf", "originNodeURI": {"identifier": "a"}, "destinationNodeURI": {"identifier": "zz"}}
      ]}"#;

    #[test]
    fn hierarchy_order_and_leniency() {
        let imported = parse(PACKAGE).unwrap();
        let f = &imported.value;
        let tree: Vec<_> = f.competencies.iter().map(|c| (c.code.as_str(), c.parent.as_deref())).collect();
        assert_eq!(
            tree,
            [("RP.A", None), ("RP.A.2", Some("RP.A")), ("RP.A.1", Some("RP.A")), ("RP.A.3", Some("RP.A"))]
        );
        assert_eq!(f.competencies[0].external_id.as_deref(), Some("a"));
        assert!(imported.notes.iter().any(|n| n.contains("CFItems[3]")), "{:?}", imported.notes);
        assert!(imported.notes.iter().any(|n| n.contains("1 'exactMatchOf'")), "{:?}", imported.notes);
    }

    #[test]
    fn long_statements_get_a_short_title() {
        let item = Item {
            identifier: "x".into(),
            statement: "word ".repeat(40).trim().to_string(),
            code: None,
            abbreviated: None,
            item_type: None,
            education_level: None,
        };
        let (title, definition) = title_of(&item);
        assert!(title.ends_with('…') && title.chars().count() == 98, "{title}");
        assert!(definition.is_some());
    }
}
