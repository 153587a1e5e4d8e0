//! The resume.json schema (jsonresume.org), as typed structs with lenient
//! fields: a value of the wrong type — a number where text belongs, a string
//! where a list does — is read as absent instead of refusing the whole file,
//! as real resumes need. Each section's item becomes an [`Item`].

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::model::PartialDate;

/// A text field as resumes write it: a string, trimmed (empty is absent);
/// a value of another type is read as absent rather than refusing the file.
#[derive(Debug, Clone, Default)]
pub(super) struct Text(Option<String>);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Ok(Text(value.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)))
    }
}

impl Text {
    pub(super) fn get(&self) -> Option<String> {
        self.0.clone()
    }

    /// A date written as `2019`, `2019-06`, `2019-06-01` or a full timestamp.
    fn date(&self) -> Option<PartialDate> {
        let raw = self.0.as_deref()?;
        raw.get(..10).unwrap_or(raw).parse().ok().or_else(|| raw.get(..7)?.parse().ok())
    }
}

/// A list of strings; other values in it are skipped, and a value that is not a list is empty.
#[derive(Debug, Clone, Default)]
pub(super) struct Texts(pub(super) Vec<String>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let items = value.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_string);
        Ok(Texts(items.collect()))
    }
}

/// A section: a list of items. A value that is not a list is empty; an item
/// that is not an object reads as an empty item (and is noted as lacking a title).
#[derive(Debug, Clone)]
pub(super) struct Items<T>(pub(super) Vec<T>);

impl<T> Default for Items<T> {
    fn default() -> Self {
        Items(Vec::new())
    }
}

impl<'de, T: serde::de::DeserializeOwned + Default> Deserialize<'de> for Items<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let items = value.as_array().into_iter().flatten();
        Ok(Items(items.map(|item| serde_json::from_value(item.clone()).unwrap_or_default()).collect()))
    }
}

/// An object field; a value of another type reads as empty.
#[derive(Debug, Clone, Default)]
pub(super) struct Lenient<T>(pub(super) T);

impl<'de, T: serde::de::DeserializeOwned + Default> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Lenient(serde_json::from_value(Value::deserialize(deserializer)?).unwrap_or_default()))
    }
}

/// The sections of a resume.json that folio reads (jsonresume.org schema).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct ResumeFile {
    pub(super) basics: Lenient<Basics>,
    pub(super) work: Items<Work>,
    pub(super) volunteer: Items<Work>,
    pub(super) education: Items<Education>,
    pub(super) certificates: Items<Certificate>,
    pub(super) awards: Items<Award>,
    pub(super) projects: Items<Project>,
    pub(super) skills: Items<Skill>,
    pub(super) languages: Items<Language>,
    pub(super) publications: Items<Publication>,
    pub(super) interests: Items<Value>,
    pub(super) references: Items<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Basics {
    pub(super) name: Text,
    pub(super) label: Text,
    pub(super) email: Text,
    pub(super) phone: Text,
    pub(super) summary: Text,
    pub(super) location: Lenient<Location>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Location {
    pub(super) city: Text,
    pub(super) region: Text,
    pub(super) country_code: Text,
}

/// `work` and `volunteer` (which names the organisation `organization`).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Work {
    pub(super) name: Text,
    pub(super) organization: Text,
    pub(super) position: Text,
    pub(super) url: Text,
    pub(super) start_date: Text,
    pub(super) end_date: Text,
    pub(super) summary: Text,
    pub(super) highlights: Texts,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Education {
    pub(super) institution: Text,
    pub(super) url: Text,
    pub(super) area: Text,
    pub(super) study_type: Text,
    pub(super) start_date: Text,
    pub(super) end_date: Text,
    pub(super) score: Text,
    pub(super) courses: Texts,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Certificate {
    pub(super) name: Text,
    pub(super) date: Text,
    pub(super) issuer: Text,
    pub(super) url: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Award {
    pub(super) title: Text,
    pub(super) date: Text,
    pub(super) awarder: Text,
    pub(super) summary: Text,
    pub(super) url: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Publication {
    pub(super) name: Text,
    pub(super) publisher: Text,
    pub(super) release_date: Text,
    pub(super) url: Text,
    pub(super) summary: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Project {
    pub(super) name: Text,
    pub(super) entity: Text,
    pub(super) description: Text,
    pub(super) highlights: Texts,
    pub(super) start_date: Text,
    pub(super) end_date: Text,
    pub(super) url: Text,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Skill {
    pub(super) name: Text,
    pub(super) level: Text,
    pub(super) keywords: Texts,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Language {
    pub(super) language: Text,
    pub(super) fluency: Text,
}

fn body_of(summary: Option<String>, highlights: &[String]) -> String {
    let mut body = summary.unwrap_or_default();
    if !highlights.is_empty() {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(&highlights.iter().map(|h| format!("- {h}")).collect::<Vec<_>>().join("\n"));
    }
    body
}

/// What every section's item gives, before it is checked for a title and a date.
pub(super) struct Item {
    pub(super) title: Option<String>,
    pub(super) organisation: Option<String>,
    pub(super) start: Option<PartialDate>,
    pub(super) end: Option<PartialDate>,
    pub(super) body: String,
    pub(super) grade: Option<String>,
    pub(super) url: Option<String>,
}

impl From<&Work> for Item {
    fn from(w: &Work) -> Self {
        Item {
            title: w.position.get().or_else(|| w.name.get()),
            organisation: w.name.get().or_else(|| w.organization.get()),
            start: w.start_date.date(),
            end: w.end_date.date(),
            body: body_of(w.summary.get(), &w.highlights.0),
            grade: None,
            url: w.url.get(),
        }
    }
}

impl From<&Education> for Item {
    fn from(e: &Education) -> Self {
        let title = match (e.study_type.get(), e.area.get()) {
            (Some(t), Some(a)) => Some(format!("{t} {a}")),
            (t, a) => t.or(a).or_else(|| e.institution.get()),
        };
        let (start, end) = (e.start_date.date(), e.end_date.date());
        Item {
            title,
            organisation: e.institution.get(),
            start: start.or(end),
            end: end.filter(|_| start.is_some()),
            body: body_of(None, &e.courses.0),
            grade: e.score.get(),
            url: e.url.get(),
        }
    }
}

impl From<&Certificate> for Item {
    fn from(c: &Certificate) -> Self {
        Item {
            title: c.name.get(),
            organisation: c.issuer.get(),
            start: c.date.date(),
            end: None,
            body: String::new(),
            grade: None,
            url: c.url.get(),
        }
    }
}

impl From<&Publication> for Item {
    fn from(p: &Publication) -> Self {
        Item {
            title: p.name.get(),
            organisation: p.publisher.get(),
            start: p.release_date.date(),
            end: None,
            body: p.summary.get().unwrap_or_default(),
            grade: None,
            url: p.url.get(),
        }
    }
}

impl From<&Award> for Item {
    fn from(a: &Award) -> Self {
        Item {
            title: a.title.get(),
            organisation: a.awarder.get(),
            start: a.date.date(),
            end: None,
            body: a.summary.get().unwrap_or_default(),
            grade: None,
            url: a.url.get(),
        }
    }
}

impl From<&Project> for Item {
    fn from(p: &Project) -> Self {
        let (start, end) = (p.start_date.date(), p.end_date.date());
        Item {
            title: p.name.get(),
            organisation: p.entity.get(),
            start: start.or(end),
            end: end.filter(|_| start.is_some()),
            body: body_of(p.description.get(), &p.highlights.0),
            grade: None,
            url: p.url.get(),
        }
    }
}
