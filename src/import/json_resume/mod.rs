//! JSON Resume (`resume.json`, jsonresume.org): basics → profile; work and
//! volunteer → roles; education → qualifications; certificates →
//! certificates; awards and projects → achievements; publications →
//! publications (the publisher as the venue); skills and languages →
//! profile skills. Anything else is noted as not mapped. The file is read
//! into typed structs whose fields are lenient: a value of the wrong type
//! (a number where text belongs) is read as absent, as real resumes need.

mod schema;

use serde_json::Value;

use self::schema::{Item, ResumeFile, Text};

use super::{FormatError, Imported, stable_uuid};
use crate::model::document::{DocEntry, PortfolioDocument};
use crate::model::{EntryFields, EntryKind, KindDetails, KindValues, PartialDate, Profile};

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

pub fn parse(text_in: &str) -> Result<Imported<Resume>, FormatError> {
    let root: Value = serde_json::from_str(text_in).map_err(|e| format!("invalid JSON: {e}"))?;
    if !root.is_object() {
        return Err("a JSON Resume is an object with sections such as basics, work and education".into());
    }
    let file: ResumeFile = serde_json::from_value(root).map_err(|e| format!("invalid JSON Resume: {e}"))?;
    let mut resume = Resume::default();
    let mut notes = Vec::new();
    let basics = &file.basics.0;
    let p = &mut resume.profile;
    p.name = basics.name.get();
    p.headline = basics.label.get();
    p.email = basics.email.get();
    p.phone = basics.phone.get();
    p.summary = basics.summary.get();
    let location = &basics.location.0;
    let parts: Vec<String> = [&location.city, &location.region, &location.country_code]
        .into_iter()
        .filter_map(Text::get)
        .collect();
    p.location = (!parts.is_empty()).then(|| parts.join(", "));
    let sections: [(&str, EntryKind, Vec<Item>); 7] = [
        ("work", EntryKind::Role, file.work.0.iter().map(Item::from).collect()),
        ("volunteer", EntryKind::Role, file.volunteer.0.iter().map(Item::from).collect()),
        ("education", EntryKind::Qualification, file.education.0.iter().map(Item::from).collect()),
        ("certificates", EntryKind::Certificate, file.certificates.0.iter().map(Item::from).collect()),
        ("awards", EntryKind::Achievement, file.awards.0.iter().map(Item::from).collect()),
        ("projects", EntryKind::Achievement, file.projects.0.iter().map(Item::from).collect()),
        ("publications", EntryKind::Publication, file.publications.0.iter().map(Item::from).collect()),
    ];
    for (section, kind, items) in sections {
        for (n, item) in items.into_iter().enumerate() {
            match entry_of(section, kind, item, n) {
                Some(entry) => resume.entries.push(entry),
                None => notes.push(format!("{section}[{n}] has no title or no date; not imported")),
            }
        }
    }
    for skill in &file.skills.0 {
        if let Some(mut line) = skill.name.get() {
            if let Some(level) = skill.level.get() {
                line.push_str(&format!(" ({level})"));
            }
            if !skill.keywords.0.is_empty() {
                line.push_str(&format!(": {}", skill.keywords.0.join(", ")));
            }
            resume.profile.job_skills.push(line);
        }
    }
    for language in &file.languages.0 {
        if let Some(name) = language.language.get() {
            let line = match language.fluency.get() {
                Some(fluency) => format!("{name} ({fluency})"),
                None => name,
            };
            resume.profile.personal_skills.push(line);
        }
    }
    for (section, items) in [("interests", &file.interests), ("references", &file.references)] {
        if !items.0.is_empty() {
            notes.push(format!("{} {section} not mapped: folio has no place for them", items.0.len()));
        }
    }
    Ok(Imported { value: resume, notes })
}

/// The entry an item becomes, if it has a title and a date. A URL is kept
/// as such on a certificate and added to the text of anything else.
fn entry_of(section: &str, kind: EntryKind, item: Item, n: usize) -> Option<ResumeEntry> {
    let (url, body) = match (kind, item.url) {
        (EntryKind::Certificate | EntryKind::Publication, url) => (url, item.body),
        (_, Some(url)) if item.body.is_empty() => (None, url),
        (_, Some(url)) => (None, format!("{}\n\n{url}", item.body)),
        (_, None) => (None, item.body),
    };
    Some(ResumeEntry {
        origin: format!("{section}[{n}]"),
        kind,
        title: item.title?,
        organisation: item.organisation,
        date: item.start?,
        end_date: item.end,
        body,
        url,
        grade: item.grade,
    })
}

/// The resume as a folio document: its profile fields laid over the stored
/// profile (skills added, not replaced), each item an entry with a UUID
/// stable across re-imports.
pub fn to_document(resume: Resume, stored: Profile) -> PortfolioDocument {
    let mut document = PortfolioDocument::empty();
    document.profile = super::profile_over(stored, resume.profile);
    for item in resume.entries {
        let stamp = format!("{}T00:00:00Z", item.date.key());
        let uuid = stable_uuid(&format!("json-resume:{}:{}:{}", item.kind, item.title, item.date));
        let mut fields = EntryFields::new(item.kind, item.title, item.date);
        fields.end_date = item.end_date;
        // A publication's publisher is where it appeared.
        let (organisation, venue) = match item.kind {
            EntryKind::Publication => (None, item.organisation),
            _ => (item.organisation, None),
        };
        fields.organisation = organisation;
        fields.body = item.body;
        let extra = KindValues { url: item.url, grade: item.grade, venue, ..KindValues::default() };
        fields.details = KindDetails::keep(item.kind, extra);
        document.entries.push(DocEntry::new(uuid, fields, stamp));
    }
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_the_wrong_type_are_read_as_absent() {
        let json = r#"{
          "basics": "not an object",
          "work": [{"name": 42, "position": "Porter", "startDate": "2020", "highlights": "one string"}, "junk"],
          "skills": [{"name": "Lifting", "keywords": ["safe", 7]}],
          "languages": {"not": "a list"}
        }"#;
        let imported = parse(json).unwrap();
        assert_eq!(imported.value.profile.name, None);
        assert_eq!(imported.value.entries.len(), 1);
        let porter = &imported.value.entries[0];
        assert_eq!(
            (porter.title.as_str(), porter.organisation.as_deref(), porter.body.as_str()),
            ("Porter", None, "")
        );
        assert_eq!(imported.value.profile.job_skills, ["Lifting: safe"]);
        assert!(imported.notes.iter().any(|n| n.contains("work[1]")), "{:?}", imported.notes);
        assert!(parse("[1, 2]").is_err());
    }

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
