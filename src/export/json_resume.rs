//! A `resume.json` (JSON Resume schema) from the profile, roles,
//! qualifications, certificates, achievements and publications.

use serde_json::{Map, Value, json};

use crate::model::{Entry, EntryKind, Profile};

fn put(object: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) {
        object.insert(key.into(), json!(value));
    }
}

fn highlights_and_summary(body: &str) -> (Option<String>, Vec<String>) {
    let mut summary = Vec::new();
    let mut highlights = Vec::new();
    for line in body.lines() {
        match line.trim_start().strip_prefix("- ") {
            Some(item) => highlights.push(item.trim().to_string()),
            None => summary.push(line),
        }
    }
    let summary = summary.join("\n").trim().to_string();
    ((!summary.is_empty()).then_some(summary), highlights)
}

/// The resume as pretty JSON; entries come newest first.
pub fn render(profile: &Profile, entries: &[Entry]) -> String {
    let mut basics = Map::new();
    put(&mut basics, "name", profile.name.as_deref());
    put(&mut basics, "label", profile.headline.as_deref());
    put(&mut basics, "email", profile.email.as_deref());
    put(&mut basics, "phone", profile.phone.as_deref());
    put(&mut basics, "summary", profile.summary.as_deref());
    if let Some(location) = profile.location.as_deref().filter(|l| !l.trim().is_empty()) {
        basics.insert("location".into(), json!({ "address": location }));
    }
    let of = |kind: EntryKind| entries.iter().filter(move |e| e.kind() == kind);
    let work: Vec<Value> = of(EntryKind::Role)
        .map(|e| {
            let mut item = Map::new();
            put(&mut item, "name", e.fields.organisation.as_deref());
            put(&mut item, "position", Some(&e.fields.title));
            item.insert("startDate".into(), json!(e.fields.date.to_string()));
            if let Some(end) = e.fields.end_date {
                item.insert("endDate".into(), json!(end.to_string()));
            }
            let (summary, highlights) = highlights_and_summary(&e.fields.body);
            put(&mut item, "summary", summary.as_deref());
            if !highlights.is_empty() {
                item.insert("highlights".into(), json!(highlights));
            }
            Value::Object(item)
        })
        .collect();
    let education: Vec<Value> = of(EntryKind::Qualification)
        .map(|e| {
            let mut item = Map::new();
            put(&mut item, "institution", e.fields.organisation.as_deref());
            put(&mut item, "area", Some(&e.fields.title));
            match e.fields.end_date {
                Some(end) => {
                    item.insert("startDate".into(), json!(e.fields.date.to_string()));
                    item.insert("endDate".into(), json!(end.to_string()));
                }
                None => {
                    item.insert("endDate".into(), json!(e.fields.date.to_string()));
                }
            }
            put(&mut item, "score", e.fields.details.grade());
            Value::Object(item)
        })
        .collect();
    let certificates: Vec<Value> = of(EntryKind::Certificate)
        .map(|e| {
            let mut item = Map::new();
            put(&mut item, "name", Some(&e.fields.title));
            item.insert("date".into(), json!(e.fields.date.to_string()));
            put(&mut item, "issuer", e.fields.organisation.as_deref());
            put(&mut item, "url", e.fields.details.url());
            Value::Object(item)
        })
        .collect();
    let awards: Vec<Value> = of(EntryKind::Achievement)
        .map(|e| {
            let mut item = Map::new();
            put(&mut item, "title", Some(&e.fields.title));
            item.insert("date".into(), json!(e.fields.date.to_string()));
            put(&mut item, "awarder", e.fields.organisation.as_deref());
            let summary = if e.fields.body.trim().is_empty() {
                e.fields.details.sections().iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n\n")
            } else {
                e.fields.body.clone()
            };
            put(&mut item, "summary", Some(&summary));
            Value::Object(item)
        })
        .collect();
    let publications: Vec<Value> = of(EntryKind::Publication)
        .map(|e| {
            let details = &e.fields.details;
            let mut item = Map::new();
            put(&mut item, "name", Some(&e.fields.title));
            put(&mut item, "publisher", details.venue().or(e.fields.organisation.as_deref()));
            item.insert("releaseDate".into(), json!(e.fields.date.to_string()));
            let doi = details
                .doi()
                .filter(|d| crate::model::kind_field::is_doi(d))
                .map(|d| format!("https://doi.org/{d}"));
            put(&mut item, "url", doi.as_deref().or(details.url()));
            put(&mut item, "summary", Some(&e.fields.body));
            Value::Object(item)
        })
        .collect();
    let skills: Vec<Value> = profile.job_skills.iter().map(|s| json!({ "name": s })).collect();
    let mut resume = Map::new();
    resume.insert(
        "$schema".into(),
        json!("https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"),
    );
    resume.insert("basics".into(), Value::Object(basics));
    for (key, items) in [
        ("work", work),
        ("education", education),
        ("certificates", certificates),
        ("awards", awards),
        ("publications", publications),
        ("skills", skills),
    ] {
        if !items.is_empty() {
            resume.insert(key.into(), Value::Array(items));
        }
    }
    resume.insert("meta".into(), json!({ "version": "v1.0.0" }));
    let mut text = serde_json::to_string_pretty(&Value::Object(resume)).unwrap_or_default();
    text.push('\n');
    text
}
