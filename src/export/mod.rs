//! Writing portfolio data out in other formats. Renderers return strings or
//! bytes; commands decide where they go.

pub mod case;
pub mod csv;
pub mod docx;
pub mod folio_json;
pub mod html;
pub mod ics;
pub mod json_resume;
pub mod markdown;
pub mod rendercv;

use crate::model::{EntryFields, format};

/// The facts of an entry in a line, as the Markdown and HTML exports show
/// them: its period, organisation, hours, grade, credential, expiry, who it
/// was from or with, method, practice hours, and "private".
pub fn entry_facts(fields: &EntryFields) -> Vec<String> {
    let mut facts = vec![fields.period()];
    facts.extend(fields.organisation.clone());
    let details = &fields.details;
    if let Some(hours) = details.hours() {
        let participatory = if details.is_participatory() { ", participatory" } else { "" };
        facts.push(format!("{} hours{participatory}", format::hours(hours)));
    }
    facts.extend(details.grade().map(|g| format!("grade: {g}")));
    facts.extend(details.credential_id().map(|c| format!("credential {c}")));
    facts.extend(details.expires().map(|d| format!("expires {d}")));
    facts.extend(details.from().map(|f| format!("from {f}")));
    facts.extend(details.with().map(|w| format!("with {w}")));
    facts.extend(details.method().map(str::to_string));
    facts.extend(details.practice_hours().map(|h| format!("{} practice hours", format::hours(h))));
    if fields.private {
        facts.push("private".into());
    }
    facts
}
