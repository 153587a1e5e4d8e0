//! The identifier check on what an export or a share is about to write.
//!
//! A command loads what it will write, passes each record through a
//! [`Check`], and only then renders: under [`Policy::Refuse`] any finding
//! stops the command before a byte is written, under [`Policy::Redact`]
//! each finding is replaced in the loaded copy (the portfolio is unchanged),
//! and under [`Policy::Allow`] the findings are only counted. The profile
//! (the owner's own details) and mentor records (contacts the user chose to
//! keep) are not scanned.

use base64::Engine as _;
use serde::Serialize;

use crate::db::{self, Conn};
use crate::model::document::{DocAction, DocEntry, DocGoal, DocRating, PortfolioDocument};
use crate::model::identifiers::{IdentifierKind, Scanner, redact};
use crate::model::names::named_enum;
use crate::model::{Action, Entry, Goal};

/// What to do with findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Stop: nothing is written.
    Refuse,
    /// Write as is.
    Allow,
    /// Write with each finding replaced by "[redacted <kind>]".
    Redact,
}

named_enum! {
    /// The kind of record a finding is in.
    pub enum RecordKind ("record") {
        Entry = "entry",
        Goal = "goal",
        Action = "action",
        Rating = "rating",
    }
}

/// One identifier in one field of one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The record's number (`folio show ID`, `folio goal show ID`); none for
    /// a rating, which has no number.
    pub id: Option<i64>,
    pub record: RecordKind,
    #[serde(skip)]
    pub uuid: String,
    /// The field, or a section by its key (`situation`, `action-plan`).
    pub field: String,
    pub kind: IdentifierKind,
    pub masked: String,
    /// The text found, as written (never shown: for [`Check::retain_written`]).
    #[serde(skip)]
    pub found: String,
}

/// Scans records one by one, collecting findings and redacting if asked.
pub struct Check {
    scanner: Scanner,
    policy: Policy,
    findings: Vec<Finding>,
    /// Attachments left out of what is written under [`Policy::Redact`]
    /// (their text holds identifiers; a file cannot be redacted in place).
    left_out: Vec<String>,
}

impl Check {
    /// A check that knows the owner and the watched names from the portfolio,
    /// and any further names given.
    pub fn new(conn: &Conn, policy: Policy, more_names: &[String]) -> db::Result<Self> {
        let mut names = db::watched_names::list(conn)?;
        names.extend(more_names.iter().cloned());
        Ok(Self::with_scanner(Scanner::new(&db::profile::get(conn)?, &names), policy))
    }

    pub fn with_scanner(scanner: Scanner, policy: Policy) -> Self {
        Self { scanner, policy, findings: Vec::new(), left_out: Vec::new() }
    }

    /// Keeps only the findings whose text is in `written`, the text of what
    /// is really written (a document prints less than it loads: the
    /// interview PDF no reflection's body).
    pub fn retain_written(&mut self, written: &str) {
        self.findings.retain(|f| written.contains(&f.found));
    }

    /// The attachments left out under [`Policy::Redact`], each said in a line.
    pub fn left_out(&self) -> &[String] {
        &self.left_out
    }

    /// Scans the text of an attached file, when it has text (text files,
    /// JSON, Markdown, CSV, HTML; a PDF's text layer); its findings are in
    /// the field `attachment:NAME`. Returns whether it holds any.
    pub fn attachment(
        &mut self,
        record: RecordKind,
        id: Option<i64>,
        uuid: &str,
        name: &str,
        media_type: &str,
        bytes: &[u8],
    ) -> bool {
        let Some(text) = attachment_text(name, media_type, bytes) else { return false };
        let found = self.scanner.find(&text);
        for f in &found {
            self.findings.push(Finding {
                id,
                record,
                uuid: uuid.to_string(),
                field: format!("attachment:{name}"),
                kind: f.kind,
                masked: f.masked(&text),
                found: text[f.range.clone()].to_string(),
            });
        }
        !found.is_empty()
    }

    pub fn policy(&self) -> Policy {
        self.policy
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The findings, each with its record's number looked up.
    pub fn into_findings(mut self, conn: &Conn) -> db::Result<Vec<Finding>> {
        for finding in &mut self.findings {
            if finding.id.is_none() {
                finding.id = match finding.record {
                    RecordKind::Entry => db::entries::find_by_uuid(conn, &finding.uuid)?.map(|(id, ..)| id.0),
                    RecordKind::Goal => db::goals::by_uuid(conn, &finding.uuid)?.map(|(id, _)| id.0),
                    RecordKind::Action => db::actions::by_uuid(conn, &finding.uuid)?.map(|(id, _)| id.0),
                    RecordKind::Rating => None,
                };
            }
        }
        Ok(self.findings)
    }

    /// Scans (and under [`Policy::Redact`] rewrites) one text.
    fn text(&mut self, record: RecordKind, id: Option<i64>, uuid: &str, field: &str, text: &mut String) {
        let found = self.scanner.find(text);
        if found.is_empty() {
            return;
        }
        for f in &found {
            self.findings.push(Finding {
                id,
                record,
                uuid: uuid.to_string(),
                field: field.to_string(),
                kind: f.kind,
                masked: f.masked(text),
                found: text[f.range.clone()].to_string(),
            });
        }
        if self.policy == Policy::Redact {
            *text = redact(text, &found);
        }
    }

    fn optional(
        &mut self,
        record: RecordKind,
        id: Option<i64>,
        uuid: &str,
        field: &str,
        text: &mut Option<String>,
    ) {
        if let Some(text) = text {
            self.text(record, id, uuid, field, text);
        }
    }

    pub fn entry(&mut self, entry: &mut Entry) {
        let (id, uuid) = (Some(entry.id.0), entry.uuid.as_str());
        entry.fields.each_text_mut(&mut |field, text| self.text(RecordKind::Entry, id, uuid, field, text));
        for claim in &mut entry.claims {
            self.optional(RecordKind::Entry, id, uuid, "claim note", &mut claim.note);
        }
        for verdict in &mut entry.verdicts {
            self.optional(RecordKind::Entry, id, uuid, "verdict comment", &mut verdict.comment);
        }
    }

    pub fn entries(&mut self, entries: &mut [Entry]) {
        entries.iter_mut().for_each(|e| self.entry(e));
    }

    pub fn goal(&mut self, goal: &mut Goal) {
        let (id, uuid) = (Some(goal.id.0), goal.uuid.as_str());
        self.text(RecordKind::Goal, id, uuid, "title", &mut goal.title);
        self.text(RecordKind::Goal, id, uuid, "body", &mut goal.body);
        self.optional(RecordKind::Goal, id, uuid, "reason", &mut goal.reason);
    }

    pub fn action(&mut self, action: &mut Action) {
        let (id, uuid) = (Some(action.id.0), action.uuid.as_str());
        self.text(RecordKind::Action, id, uuid, "text", &mut action.text);
        self.optional(RecordKind::Action, id, uuid, "owner", &mut action.owner);
        self.optional(RecordKind::Action, id, uuid, "note", &mut action.note);
    }

    /// The goals and actions of an export (the mentors are contacts, not scanned).
    pub fn plan(&mut self, plan: &mut crate::model::plan::Plan) {
        plan.goals.iter_mut().for_each(|g| self.goal(g));
        plan.actions.iter_mut().for_each(|a| self.action(a));
    }

    /// A calendar event's text; its UID (`action-<uuid>@folio`) says whose.
    /// A mentor's meeting reminder is a contact's, and not scanned.
    pub fn event(&mut self, uid: &str, field: &str, text: &mut String) {
        let (source, rest) = uid.split_once('-').unwrap_or((uid, ""));
        let uuid = rest.split('@').next().unwrap_or(rest);
        let record = match source {
            "action" => RecordKind::Action,
            "goal" => RecordKind::Goal,
            "expiry" => RecordKind::Entry,
            _ => return,
        };
        self.text(record, None, uuid, field, text);
    }

    /// Everything a folio document holds that a person wrote, but the
    /// profile and the mentors.
    pub fn document(&mut self, document: &mut PortfolioDocument) {
        for entry in &mut document.entries {
            self.doc_entry(entry);
        }
        for rating in &mut document.ratings {
            self.doc_rating(rating);
        }
        for goal in &mut document.goals {
            self.doc_goal(goal);
        }
        for action in &mut document.actions {
            self.doc_action(action);
        }
    }

    /// Entries of a document read a page at a time.
    pub fn doc_entries(&mut self, entries: &mut [DocEntry]) {
        entries.iter_mut().for_each(|e| self.doc_entry(e));
    }

    fn doc_entry(&mut self, entry: &mut DocEntry) {
        // A file goes out with its bytes only when the document carries them.
        let mut kept = Vec::with_capacity(entry.attachments.len());
        for file in std::mem::take(&mut entry.attachments) {
            let bytes =
                file.data.as_deref().and_then(|d| base64::engine::general_purpose::STANDARD.decode(d).ok());
            let found = bytes.as_deref().is_some_and(|bytes| {
                self.attachment(RecordKind::Entry, None, &entry.uuid, &file.name, &file.media_type, bytes)
            });
            if found && self.policy == Policy::Redact {
                self.left_out.push(format!(
                    "left out {} of '{}': the file holds identifiers",
                    file.name, entry.fields.title
                ));
                continue;
            }
            kept.push(file);
        }
        entry.attachments = kept;
        let uuid = entry.uuid.as_str();
        entry.fields.each_text_mut(&mut |field, text| self.text(RecordKind::Entry, None, uuid, field, text));
        for claim in &mut entry.claims {
            self.optional(RecordKind::Entry, None, uuid, "claim note", &mut claim.note);
        }
        for verdict in &mut entry.verdicts {
            self.optional(RecordKind::Entry, None, uuid, "verdict comment", &mut verdict.comment);
        }
    }

    fn doc_rating(&mut self, rating: &mut DocRating) {
        self.optional(RecordKind::Rating, None, &rating.uuid, "note", &mut rating.note);
    }

    fn doc_goal(&mut self, goal: &mut DocGoal) {
        let uuid = goal.uuid.as_str();
        self.text(RecordKind::Goal, None, uuid, "title", &mut goal.title);
        self.text(RecordKind::Goal, None, uuid, "body", &mut goal.body);
        self.optional(RecordKind::Goal, None, uuid, "reason", &mut goal.reason);
        for action in &mut goal.actions {
            self.doc_action(action);
        }
    }

    fn doc_action(&mut self, action: &mut DocAction) {
        let uuid = action.uuid.as_str();
        self.text(RecordKind::Action, None, uuid, "text", &mut action.text);
        self.optional(RecordKind::Action, None, uuid, "owner", &mut action.owner);
        self.optional(RecordKind::Action, None, uuid, "note", &mut action.note);
    }
}

/// The text of a file that has some: text files, JSON, Markdown, CSV,
/// HTML, XML by type or name, and the text layer of a PDF; none for the rest
/// (images, archives).
fn attachment_text(name: &str, media_type: &str, bytes: &[u8]) -> Option<String> {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let texty_type = media_type.starts_with("text/")
        || matches!(media_type, "application/json" | "application/xml" | "application/csv");
    let texty_name =
        matches!(extension.as_str(), "txt" | "md" | "markdown" | "csv" | "html" | "htm" | "json" | "xml");
    if texty_type || texty_name {
        return Some(String::from_utf8_lossy(bytes).into_owned());
    }
    if media_type == "application/pdf" || extension == "pdf" {
        let document = lopdf::Document::load_mem(bytes).ok()?;
        let pages: Vec<u32> = document.get_pages().keys().copied().collect();
        return document.extract_text_with_limit(&pages, crate::model::limits::BADGE_TEXT_BYTES).ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attached_text_file_is_scanned_and_an_image_is_not() {
        let mut check = Check::with_scanner(Scanner::default(), Policy::Refuse);
        let note = b"Saw the patient, NHS number 943 476 5919, on the ward.";
        assert!(check.attachment(RecordKind::Entry, Some(4), "u", "note.txt", "text/plain", note));
        assert_eq!(check.findings()[0].field, "attachment:note.txt");
        assert!(!check.attachment(RecordKind::Entry, Some(4), "u", "scan.png", "image/png", note));
        assert!(check.attachment(
            RecordKind::Entry,
            Some(4),
            "u",
            "notes.md",
            "application/octet-stream",
            note
        ));
    }
}
