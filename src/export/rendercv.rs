//! A rendercv CV (its `cv:` schema, as `rendercv new` writes it): the
//! profile as name, headline, location, email, phone and website; the
//! summary; roles as experience, qualifications as education,
//! publications, certificates, achievements as awards, and skills. Written
//! as YAML by hand — every value a double-quoted scalar with JSON's escapes,
//! which YAML reads the same — so rendercv renders it without edits.

use std::fmt::Write as _;

use crate::model::{Entry, EntryKind, PartialDate, Profile};

/// The YAML, and what could not be carried (said to the user).
pub struct RenderCv {
    pub yaml: String,
    pub notes: Vec<String>,
}

/// A double-quoted YAML scalar.
fn quoted(text: &str) -> String {
    serde_json::to_string(text.trim()).unwrap_or_else(|_| "\"\"".into())
}

/// A date as rendercv reads one: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn date(date: PartialDate) -> String {
    quoted(&date.to_string())
}

/// The body's paragraphs and `- ` items as highlights (rendercv sets each as a bullet).
fn highlights(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut paragraph = Vec::new();
    let flush = |paragraph: &mut Vec<&str>, out: &mut Vec<String>| {
        if !paragraph.is_empty() {
            out.push(paragraph.join(" "));
            paragraph.clear();
        }
    };
    for line in body.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut paragraph, &mut out);
        } else if let Some(item) = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("* ")) {
            flush(&mut paragraph, &mut out);
            out.push(item.trim().to_string());
        } else {
            paragraph.push(trimmed);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

/// One entry of a section: `key: value` lines, the first after `- `.
struct Item(Vec<(String, String)>);

impl Item {
    fn new() -> Self {
        Item(Vec::new())
    }

    fn put(mut self, key: &str, value: Option<String>) -> Self {
        if let Some(value) = value {
            self.0.push((key.to_string(), value));
        }
        self
    }

    fn text(self, key: &str, value: Option<&str>) -> Self {
        let value = value.map(str::trim).filter(|v| !v.is_empty()).map(quoted);
        self.put(key, value)
    }

    fn list(mut self, key: &str, items: &[String]) -> Self {
        if !items.is_empty() {
            let lines: Vec<String> = items.iter().map(|i| format!("- {}", quoted(i))).collect();
            self.0.push((key.to_string(), format!("\n{}", lines.join("\n"))));
        }
        self
    }

    fn write(&self, out: &mut String) {
        for (n, (key, value)) in self.0.iter().enumerate() {
            let lead = if n == 0 { "      - " } else { "        " };
            match value.strip_prefix('\n') {
                Some(list) => {
                    let _ = writeln!(out, "{lead}{key}:");
                    for line in list.lines() {
                        let _ = writeln!(out, "          {line}");
                    }
                }
                None => {
                    let _ = writeln!(out, "{lead}{key}: {value}");
                }
            }
        }
    }
}

/// The CV; entries newest first within each section.
pub fn render(profile: &Profile, entries: &[Entry]) -> RenderCv {
    let mut notes = Vec::new();
    let mut out = String::from("cv:\n");
    let name = profile.name.as_deref().filter(|n| !n.trim().is_empty()).unwrap_or("Your name");
    let _ = writeln!(out, "  name: {}", quoted(name));
    for (key, value) in [("location", &profile.location), ("email", &profile.email)] {
        if let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            let _ = writeln!(out, "  {key}: {}", quoted(value));
        }
    }
    match profile.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        // rendercv takes a number in international form only.
        Some(phone) if phone.starts_with('+') => {
            let digits: String = phone.chars().filter(|c| *c == '+' || c.is_ascii_digit()).collect();
            let _ = writeln!(out, "  phone: {}", quoted(&digits));
        }
        Some(phone) => notes.push(format!(
            "the phone number '{phone}' is left out: rendercv takes one in international form (+44 …)"
        )),
        None => {}
    }
    let _ = writeln!(out, "  sections:");
    // The headline and summary open the CV, a paragraph each.
    let mut opening: Vec<String> = profile.headline.iter().cloned().collect();
    opening.extend(profile.summary.as_deref().map(highlights).unwrap_or_default());
    if !opening.is_empty() {
        let _ = writeln!(out, "    summary:");
        for paragraph in &opening {
            let _ = writeln!(out, "      - {}", quoted(&crate::markdown::plain(paragraph)));
        }
    }
    let of = |kind: EntryKind| -> Vec<&Entry> { entries.iter().filter(|e| e.kind() == kind).collect() };
    let mut section = |title: &str, items: Vec<Item>| {
        if !items.is_empty() {
            let _ = writeln!(out, "    {title}:");
            for item in &items {
                item.write(&mut out);
            }
        }
    };
    let experience = of(EntryKind::Role)
        .into_iter()
        .map(|e| {
            Item::new()
                .text("company", Some(e.fields.organisation.as_deref().unwrap_or(&e.fields.title)))
                .text("position", Some(&e.fields.title))
                .put("start_date", Some(date(e.fields.date)))
                .put("end_date", Some(e.fields.end_date.map_or_else(|| quoted("present"), date)))
                .list("highlights", &highlights(&crate::markdown::plain(&e.fields.body)))
        })
        .collect();
    section("experience", experience);
    let education = of(EntryKind::Qualification)
        .into_iter()
        .map(|e| {
            let end = e.fields.end_date;
            let mut item = Item::new()
                .text("institution", Some(e.fields.organisation.as_deref().unwrap_or("—")))
                .text("area", Some(&e.fields.title));
            item = match end {
                Some(end) => {
                    item.put("start_date", Some(date(e.fields.date))).put("end_date", Some(date(end)))
                }
                None => item.put("date", Some(date(e.fields.date))),
            };
            let mut lines = highlights(&crate::markdown::plain(&e.fields.body));
            if let Some(grade) = e.fields.details.grade() {
                lines.insert(0, format!("Grade: {grade}"));
            }
            item.list("highlights", &lines)
        })
        .collect();
    section("education", education);
    let publications = of(EntryKind::Publication)
        .into_iter()
        .map(|e| {
            let details = &e.fields.details;
            let authors: Vec<String> = match details.authors() {
                [] => vec![name.to_string()],
                authors => authors.to_vec(),
            };
            let doi = details.doi().filter(|d| crate::model::kind_field::is_doi(d));
            let url = details.url().filter(|u| u.starts_with("https://") || u.starts_with("http://"));
            Item::new()
                .text("title", Some(&e.fields.title))
                .list("authors", &authors)
                .put("date", Some(date(e.fields.date)))
                .text("journal", details.venue().or(e.fields.organisation.as_deref()))
                .text("doi", doi)
                .text("url", if doi.is_none() { url } else { None })
        })
        .collect();
    section("publications", publications);
    let certifications = of(EntryKind::Certificate)
        .into_iter()
        .map(|e| {
            let details = &e.fields.details;
            let mut lines = Vec::new();
            lines.extend(e.fields.organisation.as_deref().map(|o| format!("Awarded by {o}")));
            lines.extend(details.credential_id().map(|id| format!("Credential ID {id}")));
            lines.extend(details.expires().map(|x| format!("Valid to {}", x.for_people())));
            Item::new()
                .text("name", Some(&e.fields.title))
                .put("date", Some(date(e.fields.date)))
                .list("highlights", &lines)
        })
        .collect();
    section("certifications", certifications);
    let awards = of(EntryKind::Achievement)
        .into_iter()
        .map(|e| {
            Item::new()
                .text("name", Some(&e.fields.title))
                .put("date", Some(date(e.fields.date)))
                .list("highlights", &highlights(&crate::markdown::plain(&e.fields.body)))
        })
        .collect();
    section("awards", awards);
    let skills: Vec<Item> =
        [("Job skills", &profile.job_skills), ("Personal skills", &profile.personal_skills)]
            .into_iter()
            .filter(|(_, items)| !items.is_empty())
            .map(|(label, items)| {
                Item::new().text("label", Some(label)).text("details", Some(&items.join(", ")))
            })
            .collect();
    section("skills", skills);
    RenderCv { yaml: out, notes }
}
