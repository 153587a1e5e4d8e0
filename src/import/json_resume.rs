//! JSON Resume (`resume.json`, jsonresume.org): basics → profile; work and
//! volunteer → roles; education → qualifications; certificates →
//! certificates; awards and projects → achievements; skills and languages →
//! profile skills. Anything else is noted as not mapped.

use serde_json::Value;

use super::{FormatError, Imported, stable_uuid};
use crate::model::document::{DocEntry, PortfolioDocument};
use crate::model::{EntryFields, EntryKind, FieldsRecord, KindDetails, PartialDate, Profile, ProfileList};

/// One entry read from the resume, before it gets a UUID.
#[derive(Debug, Clone, PartialEq)]
pub struct ResumeEntry {
    /// `work[2]` — stable across re-imports of the same file.
    pub origin: String,
    pub kind: EntryKind,
    pub title: String,
    pub organisation: Option<String>,
    pub date: PartialDate,
    pub end_date: Option<PartialDate>,
    pub body: String,
    pub url: Option<String>,
    pub grade: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resume {
    /// Profile fields the resume sets (others stay `None`/empty).
    pub profile: Profile,
    pub entries: Vec<ResumeEntry>,
}

fn text(value: &Value, field: &str) -> Option<String> {
    value.get(field).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn strings(value: &Value, field: &str) -> Vec<String> {
    value
        .get(field)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// A date the resume may write as `2019`, `2019-06` or `2019-06-01` (or a full timestamp).
fn date(value: &Value, field: &str) -> Option<PartialDate> {
    let raw = text(value, field)?;
    raw.get(..10).unwrap_or(&raw).parse().ok().or_else(|| raw.get(..7)?.parse().ok())
}

fn body_of(summary: Option<String>, highlights: Vec<String>) -> String {
    let mut body = summary.unwrap_or_default();
    if !highlights.is_empty() {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(&highlights.iter().map(|h| format!("- {h}")).collect::<Vec<_>>().join("\n"));
    }
    body
}

pub fn parse(text_in: &str) -> Result<Imported<Resume>, FormatError> {
    let root: Value = serde_json::from_str(text_in).map_err(|e| format!("invalid JSON: {e}"))?;
    if !root.is_object() {
        return Err("a JSON Resume is an object with sections such as basics, work and education".into());
    }
    let mut resume = Resume::default();
    let mut notes = Vec::new();
    if let Some(basics) = root.get("basics") {
        let p = &mut resume.profile;
        p.name = text(basics, "name");
        p.headline = text(basics, "label");
        p.email = text(basics, "email");
        p.phone = text(basics, "phone");
        p.summary = text(basics, "summary");
        if let Some(location) = basics.get("location") {
            let parts: Vec<String> =
                ["city", "region", "countryCode"].iter().filter_map(|f| text(location, f)).collect();
            p.location = (!parts.is_empty()).then(|| parts.join(", "));
        }
    }
    let sections: [(&str, EntryKind); 6] = [
        ("work", EntryKind::Role),
        ("volunteer", EntryKind::Role),
        ("education", EntryKind::Qualification),
        ("certificates", EntryKind::Certificate),
        ("awards", EntryKind::Achievement),
        ("projects", EntryKind::Achievement),
    ];
    for (section, kind) in sections {
        for (n, item) in root.get(section).and_then(Value::as_array).into_iter().flatten().enumerate() {
            match read_item(section, kind, item, n) {
                Some(entry) => resume.entries.push(entry),
                None => notes.push(format!("{section}[{n}] has no title or no date; not imported")),
            }
        }
    }
    for skill in root.get("skills").and_then(Value::as_array).into_iter().flatten() {
        if let Some(name) = text(skill, "name") {
            let keywords = strings(skill, "keywords");
            let level = text(skill, "level");
            let mut line = name;
            if let Some(level) = level {
                line.push_str(&format!(" ({level})"));
            }
            if !keywords.is_empty() {
                line.push_str(&format!(": {}", keywords.join(", ")));
            }
            resume.profile.job_skills.push(line);
        }
    }
    for language in root.get("languages").and_then(Value::as_array).into_iter().flatten() {
        if let Some(name) = text(language, "language") {
            let line = match text(language, "fluency") {
                Some(fluency) => format!("{name} ({fluency})"),
                None => name,
            };
            resume.profile.personal_skills.push(line);
        }
    }
    for section in ["publications", "interests", "references"] {
        if let Some(items) = root.get(section).and_then(Value::as_array).filter(|a| !a.is_empty()) {
            notes.push(format!("{} {section} not mapped: folio has no place for them", items.len()));
        }
    }
    Ok(Imported { value: resume, notes })
}

fn read_item(section: &str, kind: EntryKind, item: &Value, n: usize) -> Option<ResumeEntry> {
    let (title, organisation, start, end, body, grade) = match section {
        "work" | "volunteer" => (
            text(item, "position").or_else(|| text(item, "name")),
            text(item, "name").or_else(|| text(item, "organization")),
            date(item, "startDate"),
            date(item, "endDate"),
            body_of(text(item, "summary"), strings(item, "highlights")),
            None,
        ),
        "education" => {
            let title = match (text(item, "studyType"), text(item, "area")) {
                (Some(t), Some(a)) => Some(format!("{t} {a}")),
                (t, a) => t.or(a).or_else(|| text(item, "institution")),
            };
            let start = date(item, "startDate");
            let end = date(item, "endDate");
            (
                title,
                text(item, "institution"),
                start.or(end),
                end.filter(|_| start.is_some()),
                body_of(None, strings(item, "courses")),
                text(item, "score"),
            )
        }
        "certificates" => {
            (text(item, "name"), text(item, "issuer"), date(item, "date"), None, String::new(), None)
        }
        "awards" => (
            text(item, "title"),
            text(item, "awarder"),
            date(item, "date"),
            None,
            text(item, "summary").unwrap_or_default(),
            None,
        ),
        _ => (
            text(item, "name"),
            text(item, "entity"),
            date(item, "startDate").or_else(|| date(item, "endDate")),
            date(item, "endDate").filter(|_| date(item, "startDate").is_some()),
            body_of(text(item, "description"), strings(item, "highlights")),
            None,
        ),
    };
    let url = text(item, "url");
    let (url, body) = match (kind, url) {
        (EntryKind::Certificate, url) => (url, body),
        (_, Some(url)) if body.is_empty() => (None, url),
        (_, Some(url)) => (None, format!("{body}\n\n{url}")),
        (_, None) => (None, body),
    };
    Some(ResumeEntry {
        origin: format!("{section}[{n}]"),
        kind,
        title: title?,
        organisation,
        date: start?,
        end_date: end,
        body,
        url,
        grade,
    })
}

/// The resume as a folio document: its profile fields laid over the stored
/// profile (skills added, not replaced), each item an entry with a UUID
/// stable across re-imports.
pub fn to_document(resume: Resume, stored: Profile) -> PortfolioDocument {
    let mut document = PortfolioDocument::empty();
    let mut profile = stored;
    let incoming = resume.profile;
    let fields = [
        (incoming.name, &mut profile.name),
        (incoming.headline, &mut profile.headline),
        (incoming.email, &mut profile.email),
        (incoming.phone, &mut profile.phone),
        (incoming.location, &mut profile.location),
        (incoming.summary, &mut profile.summary),
    ];
    for (value, field) in fields {
        if value.is_some() {
            *field = value;
        }
    }
    for (list, items) in [
        (ProfileList::JobSkills, incoming.job_skills),
        (ProfileList::PersonalSkills, incoming.personal_skills),
    ] {
        let stored = list.items_mut(&mut profile);
        for item in items {
            if !stored.contains(&item) {
                stored.push(item);
            }
        }
    }
    document.profile = profile;
    for item in resume.entries {
        let stamp = format!("{}T00:00:00Z", item.date.key());
        let uuid = stable_uuid(&format!("json-resume:{}:{}:{}", item.kind, item.title, item.date));
        let mut fields = EntryFields::new(item.kind, item.title, item.date);
        fields.end_date = item.end_date;
        fields.organisation = item.organisation;
        fields.body = item.body;
        let extra = FieldsRecord { url: item.url, grade: item.grade, ..FieldsRecord::blank() };
        fields.details = KindDetails::keep(item.kind, &extra);
        document.entries.push(DocEntry::new(uuid, fields, stamp));
    }
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_map_to_kinds_and_profile() {
        let json = r#"{
          "basics": {"name": "Zofia", "label": "Nurse", "location": {"city": "Kraków", "countryCode": "PL"}},
          "work": [{"name": "NHS Trust", "position": "Staff nurse", "startDate": "2019-09", "highlights": ["Led audits"]}],
          "education": [{"institution": "UJ", "area": "Nursing", "studyType": "BSc", "endDate": "2019", "score": "First"}],
          "certificates": [{"name": "First aid", "date": "2024-01-10", "issuer": "Red Cross", "url": "https://x.test"}],
          "awards": [{"title": "Nurse of the year"}],
          "skills": [{"name": "Mentoring", "keywords": ["listening", "feedback"]}],
          "languages": [{"language": "Polish", "fluency": "Native"}],
          "interests": [{"name": "Hiking"}]
        }"#;
        let imported = parse(json).unwrap();
        let resume = imported.value;
        assert_eq!(resume.profile.location.as_deref(), Some("Kraków, PL"));
        assert_eq!(resume.profile.job_skills, ["Mentoring: listening, feedback"]);
        assert_eq!(resume.profile.personal_skills, ["Polish (Native)"]);
        let kinds: Vec<_> = resume.entries.iter().map(|e| (e.kind, e.title.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (EntryKind::Role, "Staff nurse"),
                (EntryKind::Qualification, "BSc Nursing"),
                (EntryKind::Certificate, "First aid")
            ]
        );
        assert_eq!(resume.entries[0].body, "- Led audits");
        assert_eq!(resume.entries[1].date.to_string(), "2019");
        assert_eq!(resume.entries[2].url.as_deref(), Some("https://x.test"));
        assert!(imported.notes.iter().any(|n| n.contains("awards[0]")), "{:?}", imported.notes);
        assert!(imported.notes.iter().any(|n| n.contains("interests")), "{:?}", imported.notes);
    }
}
