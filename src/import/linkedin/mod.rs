//! LinkedIn's "Get a copy of your data" export, as its ZIP or the folder it
//! unzips to: Profile.csv (name, headline, summary, location), Email
//! Addresses.csv and PhoneNumbers.csv (the primary email, a phone),
//! Positions.csv (roles), Education.csv (qualifications), Certifications.csv
//! (certificates), Courses.csv (courses), Honors.csv and Projects.csv
//! (achievements), Publications.csv (publications), Skills.csv and
//! Languages.csv (the profile's skills), Recommendations_Received.csv
//! (feedback, the visible ones). Connections, messages, invitations and ads
//! data are never opened. Each entry's UUID comes from what it says, so a
//! later export with one more position adds just that one.

use std::collections::BTreeMap;

mod table;

use self::table::{Row, Table, date, table};
use super::archive::{Archive, file_name};
use super::{FormatError, Imported, stable_uuid};
use crate::model::document::{DocEntry, PortfolioDocument};
use crate::model::{EntryFields, EntryKind, KindDetails, KindValues, PartialDate, Profile};

/// The files read, each with the columns it is read by (the first is the
/// one a header row must have).
const READ: [(&str, &[&str]); 13] = [
    (
        "Profile.csv",
        &[
            "First Name",
            "Last Name",
            "Maiden Name",
            "Address",
            "Birth Date",
            "Headline",
            "Summary",
            "Industry",
            "Zip Code",
            "Geo Location",
            "Twitter Handles",
            "Websites",
            "Instant Messengers",
        ],
    ),
    ("Email Addresses.csv", &["Email Address", "Confirmed", "Primary", "Updated On"]),
    ("PhoneNumbers.csv", &["Number", "Extension", "Type"]),
    ("Positions.csv", &["Title", "Company Name", "Description", "Location", "Started On", "Finished On"]),
    ("Education.csv", &["School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities"]),
    ("Certifications.csv", &["Name", "Url", "Authority", "Started On", "Finished On", "License Number"]),
    ("Courses.csv", &["Name", "Number"]),
    ("Honors.csv", &["Title", "Description", "Issued On"]),
    ("Projects.csv", &["Title", "Description", "Url", "Started On", "Finished On"]),
    ("Publications.csv", &["Name", "Published On", "Description", "Publisher", "Url"]),
    ("Skills.csv", &["Name"]),
    ("Languages.csv", &["Name", "Proficiency"]),
    (
        "Recommendations_Received.csv",
        &["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"],
    ),
];

/// The stamp of what LinkedIn gives no date for.
const UNDATED: &str = "1970-01-01T00:00:00Z";

/// Whether these files are a LinkedIn export (it has a profile or positions).
pub fn is_export(archive: &Archive) -> bool {
    ["Profile.csv", "Positions.csv"].iter().any(|name| archive.find(name).is_some())
}

/// What the export held, read.
struct Read {
    profile: Profile,
    entries: Vec<(String, EntryFields)>,
    taken: Vec<String>,
    notes: Vec<String>,
}

/// Reads the export into a folio document, the profile's fields laid over
/// `stored` (skills added, not replaced). `exported_on` dates the courses,
/// which LinkedIn lists without a date.
pub fn read(
    archive: &mut Archive,
    stored: Profile,
    exported_on: PartialDate,
) -> Result<(Imported<PortfolioDocument>, String), FormatError> {
    let mut read =
        Read { profile: Profile::default(), entries: Vec::new(), taken: Vec::new(), notes: Vec::new() };
    let mut tables: BTreeMap<&str, Table> = BTreeMap::new();
    for (name, columns) in READ {
        let Some(path) = archive.find(name) else { continue };
        let text = archive.text(&path)?;
        let table = table(&text, columns).map_err(|e| format!("{path}: {e}"))?;
        if !table.unknown.is_empty() {
            read.notes.push(format!("{name}: columns not read: {}", table.unknown.join(", ")));
        }
        tables.insert(name, table);
    }
    if tables.is_empty() {
        return Err("no LinkedIn files in it (Profile.csv, Positions.csv, …)".into());
    }
    let mut rows = |name: &str| tables.remove(name).map(|t| t.rows).unwrap_or_default();
    profile(&mut read, rows("Profile.csv"), rows("Email Addresses.csv"), rows("PhoneNumbers.csv"));
    positions(&mut read, rows("Positions.csv"));
    education(&mut read, rows("Education.csv"));
    certifications(&mut read, rows("Certifications.csv"));
    courses(&mut read, rows("Courses.csv"), exported_on);
    achievements(&mut read, rows("Honors.csv"), "honor", "Issued On", None);
    achievements(&mut read, rows("Projects.csv"), "project", "Started On", Some("Finished On"));
    publications(&mut read, rows("Publications.csv"));
    skills(&mut read, rows("Skills.csv"), rows("Languages.csv"));
    recommendations(&mut read, rows("Recommendations_Received.csv"));
    let read_names: Vec<&str> = READ.iter().map(|(name, _)| *name).collect();
    let left: Vec<String> = archive
        .names()
        .into_iter()
        .map(|path| file_name(&path).to_string())
        .filter(|name| !read_names.iter().any(|r| r.eq_ignore_ascii_case(name)))
        .collect();
    if !left.is_empty() {
        read.notes.push(format!(
            "not read: {} other file{} ({}{}); folio never reads connections, messages or ads data",
            left.len(),
            if left.len() == 1 { "" } else { "s" },
            left.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
            if left.len() > 5 { ", …" } else { "" }
        ));
    }
    let taken = format!("read from LinkedIn: {}", read.taken.join(", "));
    let notes = read.notes;
    let mut document = PortfolioDocument::empty();
    document.profile = super::profile_over(stored, read.profile);
    for (seed, fields) in read.entries {
        // A course LinkedIn lists without a date is dated by the export; its
        // stamp is the oldest there is, so a later export never moves that date.
        let stamp = match fields.kind() {
            EntryKind::Course => UNDATED.to_string(),
            _ => format!("{}T00:00:00Z", fields.date.key()),
        };
        document.entries.push(DocEntry::new(stable_uuid(&format!("linkedin:{seed}")), fields, stamp));
    }
    Ok((Imported { value: document, notes }, taken))
}

/// "1 role", "3 roles".
fn took(read: &mut Read, count: usize, one: &str, many: &str) {
    if count > 0 {
        read.taken.push(format!("{count} {}", if count == 1 { one } else { many }));
    }
}

fn get<'a>(row: &'a Row, column: &str) -> Option<&'a str> {
    row.get(column).map(String::as_str)
}

fn profile(read: &mut Read, profile: Vec<Row>, emails: Vec<Row>, phones: Vec<Row>) {
    if let Some(row) = profile.first() {
        let name: Vec<&str> = [get(row, "First Name"), get(row, "Last Name")].into_iter().flatten().collect();
        let p = &mut read.profile;
        p.name = (!name.is_empty()).then(|| name.join(" "));
        p.headline = get(row, "Headline").map(String::from);
        p.summary = get(row, "Summary").map(String::from);
        p.location = get(row, "Geo Location").map(String::from);
        read.taken.push("the profile".into());
    }
    let primary = emails.iter().find(|r| get(r, "Primary").is_some_and(|p| p.eq_ignore_ascii_case("yes")));
    read.profile.email = primary.or(emails.first()).and_then(|r| get(r, "Email Address")).map(String::from);
    read.profile.phone = phones.first().and_then(|r| get(r, "Number")).map(String::from);
}

/// Fields of `kind` with a title and a date, or a note saying why the row was left.
fn fields(
    read: &mut Read,
    kind: EntryKind,
    title: Option<&str>,
    date: Option<PartialDate>,
    what: &str,
    n: usize,
) -> Option<EntryFields> {
    match (title, date) {
        (Some(title), Some(date)) => Some(EntryFields::new(kind, title, date)),
        (None, _) => {
            read.notes.push(format!("{what} {}: no title; not imported", n + 1));
            None
        }
        (Some(title), None) => {
            read.notes.push(format!("{what} '{title}': no date; not imported"));
            None
        }
    }
}

fn push(read: &mut Read, seed: String, mut fields: EntryFields, values: KindValues) {
    fields.details = KindDetails::keep(fields.kind(), values);
    read.entries.push((seed, fields));
}

fn positions(read: &mut Read, rows: Vec<Row>) {
    let count = rows.len();
    for (n, row) in rows.iter().enumerate() {
        let started = get(row, "Started On").and_then(date);
        let Some(mut f) = fields(read, EntryKind::Role, get(row, "Title"), started, "position", n) else {
            continue;
        };
        f.organisation = get(row, "Company Name").map(String::from);
        // An empty "Finished On" is a role held now.
        f.end_date = get(row, "Finished On").and_then(date);
        let location = get(row, "Location").map(|l| format!("Location: {l}"));
        f.body = [get(row, "Description").map(String::from), location]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n\n");
        let seed = format!("position:{}:{}:{}", f.organisation.as_deref().unwrap_or(""), f.title, f.date);
        push(read, seed, f, KindValues::default());
    }
    took(read, count, "role", "roles");
}

fn education(read: &mut Read, rows: Vec<Row>) {
    let count = rows.len();
    for (n, row) in rows.iter().enumerate() {
        let school = get(row, "School Name");
        let title = get(row, "Degree Name").or(school);
        let (start, end) = (get(row, "Start Date").and_then(date), get(row, "End Date").and_then(date));
        let Some(mut f) = fields(read, EntryKind::Qualification, title, start.or(end), "education", n) else {
            continue;
        };
        f.organisation = school.map(String::from);
        f.end_date = start.and(end);
        f.body = [get(row, "Notes"), get(row, "Activities")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n\n");
        let seed = format!("education:{}:{}:{}", school.unwrap_or(""), f.title, f.date);
        push(read, seed, f, KindValues::default());
    }
    took(read, count, "qualification", "qualifications");
}

fn certifications(read: &mut Read, rows: Vec<Row>) {
    let count = rows.len();
    for (n, row) in rows.iter().enumerate() {
        let started = get(row, "Started On").and_then(date);
        let Some(mut f) = fields(read, EntryKind::Certificate, get(row, "Name"), started, "certification", n)
        else {
            continue;
        };
        f.organisation = get(row, "Authority").map(String::from);
        let values = KindValues {
            credential_id: get(row, "License Number").map(String::from),
            url: get(row, "Url").map(String::from),
            expires: get(row, "Finished On").and_then(date),
            ..KindValues::default()
        };
        let seed =
            format!("certification:{}:{}:{}", f.title, values.credential_id.as_deref().unwrap_or(""), f.date);
        push(read, seed, f, values);
    }
    took(read, count, "certificate", "certificates");
}

fn courses(read: &mut Read, rows: Vec<Row>, exported_on: PartialDate) {
    let count = rows.len();
    for (n, row) in rows.iter().enumerate() {
        let Some(mut f) = fields(read, EntryKind::Course, get(row, "Name"), Some(exported_on), "course", n)
        else {
            continue;
        };
        let number = get(row, "Number").map(|n| format!("Course number {n}. ")).unwrap_or_default();
        f.body = format!("{number}Listed on LinkedIn without a date; dated by the export ({exported_on}).");
        let seed = format!("course:{}:{}", f.title, get(row, "Number").unwrap_or(""));
        push(read, seed, f, KindValues::default());
    }
    took(read, count, "course", "courses");
}

fn achievements(read: &mut Read, rows: Vec<Row>, what: &str, date_column: &str, end_column: Option<&str>) {
    let count = rows.len();
    for (n, row) in rows.iter().enumerate() {
        let when = get(row, date_column).and_then(date);
        let Some(mut f) = fields(read, EntryKind::Achievement, get(row, "Title"), when, what, n) else {
            continue;
        };
        f.end_date = end_column.and_then(|c| get(row, c)).and_then(date);
        f.body =
            [get(row, "Description"), get(row, "Url")].into_iter().flatten().collect::<Vec<_>>().join("\n\n");
        let seed = format!("{what}:{}:{}", f.title, f.date);
        push(read, seed, f, KindValues::default());
    }
    took(read, count, what, &format!("{what}s"));
}

fn publications(read: &mut Read, rows: Vec<Row>) {
    let count = rows.len();
    for (n, row) in rows.iter().enumerate() {
        let when = get(row, "Published On").and_then(date);
        let Some(mut f) = fields(read, EntryKind::Publication, get(row, "Name"), when, "publication", n)
        else {
            continue;
        };
        f.body = get(row, "Description").unwrap_or_default().to_string();
        let values = KindValues {
            venue: get(row, "Publisher").map(String::from),
            url: get(row, "Url").map(String::from),
            ..KindValues::default()
        };
        let seed = format!("publication:{}:{}", f.title, f.date);
        push(read, seed, f, values);
    }
    took(read, count, "publication", "publications");
}

fn skills(read: &mut Read, skills: Vec<Row>, languages: Vec<Row>) {
    read.profile.job_skills = skills.iter().filter_map(|r| get(r, "Name")).map(String::from).collect();
    read.profile.personal_skills = languages
        .iter()
        .filter_map(|r| {
            let name = get(r, "Name")?;
            Some(match get(r, "Proficiency") {
                Some(level) => format!("{name} ({level})"),
                None => name.to_string(),
            })
        })
        .collect();
    took(read, skills.len(), "skill", "skills");
    took(read, languages.len(), "language", "languages");
}

fn recommendations(read: &mut Read, rows: Vec<Row>) {
    let (visible, hidden): (Vec<Row>, Vec<Row>) =
        rows.into_iter().partition(|r| get(r, "Status").is_none_or(|s| s.eq_ignore_ascii_case("visible")));
    for (n, row) in visible.iter().enumerate() {
        let name: Vec<&str> = [get(row, "First Name"), get(row, "Last Name")].into_iter().flatten().collect();
        let name = name.join(" ");
        let title = (!name.is_empty()).then(|| format!("Recommendation from {name}"));
        let when = get(row, "Creation Date").and_then(date);
        let Some(mut f) = fields(read, EntryKind::Feedback, title.as_deref(), when, "recommendation", n)
        else {
            continue;
        };
        let role: Vec<&str> = [get(row, "Job Title"), get(row, "Company")].into_iter().flatten().collect();
        f.organisation = get(row, "Company").map(String::from);
        f.body = get(row, "Text").unwrap_or_default().to_string();
        let from = if role.is_empty() { name.clone() } else { format!("{name}, {}", role.join(", ")) };
        let seed = format!("recommendation:{name}:{}", f.date);
        push(read, seed, f, KindValues { from: Some(from), ..KindValues::default() });
    }
    took(read, visible.len(), "recommendation", "recommendations");
    if !hidden.is_empty() {
        let n = hidden.len();
        read.notes.push(format!(
            "{n} recommendation{} you hid on LinkedIn {} left out",
            if n == 1 { "" } else { "s" },
            if n == 1 { "was" } else { "were" }
        ));
    }
}
