//! An ORCID record (the public record, API v3.0 JSON, as its owner saved
//! it): the name and biography → profile; employments, invited positions,
//! memberships and services → roles; educations and qualifications →
//! qualifications; distinctions → achievements; works → publications
//! (title, journal, year, DOI); peer reviews → one evidence entry per year
//! with the year's count. Each entry's UUID comes from the record's own
//! `put-code`, so the same record twice adds nothing.

use serde_json::Value;

use super::{FormatError, Imported, stable_uuid};
use crate::model::document::{DocEntry, PortfolioDocument};
use crate::model::{EntryFields, EntryKind, KindDetails, KindValues, PartialDate, Profile};

/// Whether a JSON object is an ORCID record (told by its top-level keys).
pub fn is_record(root: &Value) -> bool {
    root.get("orcid-identifier").is_some() || root.get("activities-summary").is_some()
}

/// The affiliation sections read, with the kind each becomes and the word for one.
const AFFILIATIONS: [(&str, &str, EntryKind, &str); 7] = [
    ("employments", "employment-summary", EntryKind::Role, "employment"),
    ("invited-positions", "invited-position-summary", EntryKind::Role, "invited position"),
    ("memberships", "membership-summary", EntryKind::Role, "membership"),
    ("services", "service-summary", EntryKind::Role, "service"),
    ("educations", "education-summary", EntryKind::Qualification, "education"),
    ("qualifications", "qualification-summary", EntryKind::Qualification, "qualification"),
    ("distinctions", "distinction-summary", EntryKind::Achievement, "distinction"),
];

/// `{"value": "…"}` or a plain string, trimmed and not empty.
fn text(value: Option<&Value>) -> Option<String> {
    let value = value?;
    let text = value.get("value").unwrap_or(value).as_str()?.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// ORCID's `{year: {value}, month: {value}, day: {value}}` at the precision it has.
fn fuzzy_date(value: Option<&Value>) -> Option<PartialDate> {
    let value = value.filter(|v| !v.is_null())?;
    let part = |name: &str| text(value.get(name));
    let year = part("year")?;
    let date = match (part("month"), part("day")) {
        (Some(month), Some(day)) => format!("{year}-{month:0>2}-{day:0>2}"),
        (Some(month), None) => format!("{year}-{month:0>2}"),
        _ => year,
    };
    date.parse().ok()
}

/// Returns the document, with notes of what was left, and a line saying what was taken.
pub fn parse(source: &str, stored: Profile) -> Result<(Imported<PortfolioDocument>, String), FormatError> {
    let root: Value = serde_json::from_str(source).map_err(|e| format!("invalid JSON: {e}"))?;
    if !is_record(&root) {
        return Err("not an ORCID record (no orcid-identifier or activities-summary)".into());
    }
    let orcid = text(root.pointer("/orcid-identifier/path")).unwrap_or_default();
    let mut document = PortfolioDocument::empty();
    let mut notes = Vec::new();
    let mut taken = Vec::new();
    document.profile = super::profile_over(stored, person(&root));
    let summary = root.get("activities-summary").cloned().unwrap_or(Value::Null);
    let push = |seed: String, fields: EntryFields, document: &mut PortfolioDocument| {
        let stamp = format!("{}T00:00:00Z", fields.date.key());
        document.entries.push(DocEntry::new(stable_uuid(&format!("orcid:{orcid}:{seed}")), fields, stamp));
    };
    for (section, key, kind, word) in AFFILIATIONS {
        let mut count = 0;
        for item in affiliations(&summary, section, key) {
            let organisation = text(item.pointer("/organization/name"));
            let role = text(item.get("role-title"));
            let department = text(item.get("department-name"));
            let Some(title) = role.clone().or(department.clone()).or(organisation.clone()) else {
                notes.push(format!("an ORCID {word} with no title; not imported"));
                continue;
            };
            let (start, end) = (fuzzy_date(item.get("start-date")), fuzzy_date(item.get("end-date")));
            let Some(date) = start.or(end) else {
                notes.push(format!("ORCID {word} '{title}': no date; not imported"));
                continue;
            };
            let mut fields = EntryFields::new(kind, title, date);
            fields.organisation = organisation;
            fields.end_date = start.and(end);
            fields.body = [department.filter(|_| role.is_some()), text(item.pointer("/url"))]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("\n\n");
            let put_code = item.get("put-code").map(Value::to_string).unwrap_or_default();
            push(format!("{section}:{put_code}"), fields, &mut document);
            count += 1;
        }
        if count > 0 {
            taken.push(format!(
                "{count} {}",
                if count == 1 { word.to_string() } else { section.replace('-', " ") }
            ));
        }
    }
    let works = works(&summary);
    let mut count = 0;
    for work in works {
        let Some(title) = text(work.pointer("/title/title")) else { continue };
        let Some(date) = fuzzy_date(work.get("publication-date")) else {
            notes.push(format!("ORCID work '{title}': no publication date; not imported"));
            continue;
        };
        let mut fields = EntryFields::new(EntryKind::Publication, title, date);
        let ids =
            work.pointer("/external-ids/external-id").and_then(Value::as_array).cloned().unwrap_or_default();
        let doi = ids
            .iter()
            .find(|id| id.get("external-id-type").and_then(Value::as_str) == Some("doi"))
            .and_then(|id| text(id.get("external-id-value")));
        let values = KindValues {
            venue: text(work.get("journal-title")),
            doi,
            url: text(work.get("url")),
            ..KindValues::default()
        };
        if let Some(kind) = work.get("type").and_then(Value::as_str) {
            fields.body = format!("ORCID work type: {}", kind.replace('-', " "));
        }
        fields.details = KindDetails::keep(EntryKind::Publication, values);
        let put_code = work.get("put-code").map(Value::to_string).unwrap_or_default();
        push(format!("work:{put_code}"), fields, &mut document);
        count += 1;
    }
    if count > 0 {
        taken.push(format!("{count} work{}", if count == 1 { "" } else { "s" }));
    }
    let reviews = peer_reviews_by_year(&summary);
    for (year, reviews) in &reviews {
        let title = format!("Peer reviews in {year}");
        let Ok(date) = year.parse::<PartialDate>() else { continue };
        let mut fields = EntryFields::new(EntryKind::Evidence, title, date);
        let venues: Vec<String> =
            reviews.iter().filter_map(|r| text(r.pointer("/convening-organization/name"))).collect();
        let mut unique = venues.clone();
        unique.sort();
        unique.dedup();
        fields.body = format!(
            "{} peer review{} recorded on ORCID{}.",
            reviews.len(),
            if reviews.len() == 1 { "" } else { "s" },
            if unique.is_empty() { String::new() } else { format!(" for {}", unique.join(", ")) }
        );
        fields.tags = vec!["peer-review".into()];
        push(format!("peer-reviews:{year}"), fields, &mut document);
    }
    if !reviews.is_empty() {
        let years = reviews.len();
        taken.push(format!("peer reviews in {years} year{}", if years == 1 { "" } else { "s" }));
    }
    for (section, what) in [("fundings", "fundings"), ("research-resources", "research resources")] {
        let n = summary.pointer(&format!("/{section}/group")).and_then(Value::as_array).map_or(0, Vec::len);
        if n > 0 {
            notes.push(format!("{n} of the record's {what} not mapped: folio has no place for them"));
        }
    }
    let taken = format!(
        "read from ORCID {orcid}: {}",
        if taken.is_empty() { "nothing".into() } else { taken.join(", ") }
    );
    Ok((Imported { value: document, notes }, taken))
}

fn person(root: &Value) -> Profile {
    let mut profile = Profile::default();
    let name = root.pointer("/person/name");
    let credit = name.and_then(|n| text(n.get("credit-name")));
    let given = name.and_then(|n| text(n.get("given-names")));
    let family = name.and_then(|n| text(n.get("family-name")));
    profile.name = credit.or_else(|| {
        let parts: Vec<String> = [given, family].into_iter().flatten().collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    profile.summary = text(root.pointer("/person/biography/content"));
    profile.email = root
        .pointer("/person/emails/email")
        .and_then(Value::as_array)
        .and_then(|emails| emails.iter().find_map(|e| text(e.get("email"))));
    profile.job_skills = root
        .pointer("/person/keywords/keyword")
        .and_then(Value::as_array)
        .map(|k| k.iter().filter_map(|k| text(k.get("content"))).collect())
        .unwrap_or_default();
    profile
}

/// The summaries of one affiliation section: `affiliation-group[].summaries[].<key>`.
fn affiliations(summary: &Value, section: &str, key: &str) -> Vec<Value> {
    let groups = summary.pointer(&format!("/{section}/affiliation-group")).and_then(Value::as_array);
    groups
        .into_iter()
        .flatten()
        .flat_map(|g| g.get("summaries").and_then(Value::as_array).cloned().unwrap_or_default())
        .filter_map(|s| s.get(key).cloned())
        .collect()
}

/// One summary per work: the first of each group (ORCID groups versions of one work).
fn works(summary: &Value) -> Vec<Value> {
    let groups = summary.pointer("/works/group").and_then(Value::as_array);
    groups
        .into_iter()
        .flatten()
        .filter_map(|g| g.get("work-summary").and_then(Value::as_array).and_then(|w| w.first()).cloned())
        .collect()
}

/// Peer reviews by the year they were completed.
fn peer_reviews_by_year(summary: &Value) -> std::collections::BTreeMap<String, Vec<Value>> {
    let mut by_year: std::collections::BTreeMap<String, Vec<Value>> = Default::default();
    let groups = summary.pointer("/peer-reviews/group").and_then(Value::as_array);
    for group in groups.into_iter().flatten() {
        let inner = group.get("peer-review-group").and_then(Value::as_array).cloned().unwrap_or_default();
        for review in inner
            .iter()
            .flat_map(|g| g.get("peer-review-summary").and_then(Value::as_array).cloned().unwrap_or_default())
        {
            if let Some(year) = review.pointer("/completion-date/year").and_then(|y| text(Some(y))) {
                by_year.entry(year).or_default().push(review);
            }
        }
    }
    by_year
}
