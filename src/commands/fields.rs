//! The entry field flags `add` and `edit` share, and how they change a draft.

use std::io::Read;

use clap::Args;

use crate::Context;
use crate::error::UserError;
use crate::model::template::normalise_section_name;
use crate::model::{DraftError, EntryFields, FieldsRecord, KindDetails, Section, Template};

#[derive(Debug, Clone, Default, Args)]
pub struct FieldArgs {
    /// When it happened: YYYY, YYYY-MM, YYYY-MM-DD, today, yesterday or 'N days|weeks|months|years ago' [default: today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,

    /// When it ended (roles, courses); an empty value clears it
    #[arg(long, value_name = "DATE")]
    pub end: Option<String>,

    /// The organisation, provider or awarding body; an empty value clears it
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,

    /// The text of the entry; `-` reads it from standard input
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub body: Option<String>,

    /// Write the body and sections in $VISUAL or $EDITOR (needs a terminal)
    #[arg(long)]
    pub edit: bool,

    /// Course: hours of CPD it counts for
    #[arg(long, value_name = "H", allow_negative_numbers = true, help_heading = "Kind-specific")]
    pub hours: Option<f64>,

    /// Course: it was participatory (interactive, not just listening); `--participatory=false` unsets it
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL", help_heading = "Kind-specific")]
    pub participatory: Option<bool>,

    /// Course: how it was learned — course, e-learning, conference, workshop, reading, supervision, … (any text)
    #[arg(long, value_name = "METHOD", help_heading = "Kind-specific")]
    pub method: Option<String>,

    /// Course: how it is relevant to your practice; an empty value clears it
    #[arg(long, value_name = "TEXT", help_heading = "Kind-specific")]
    pub relevance: Option<String>,

    /// Course: the part of a code or standard it relates to (repeatable; one empty value clears them)
    #[arg(long = "standard", value_name = "TEXT", help_heading = "Kind-specific")]
    pub standards: Vec<String>,

    /// Role: hours of practice in it, for a practice-hours requirement
    #[arg(long, value_name = "H", allow_negative_numbers = true, help_heading = "Kind-specific")]
    pub practice_hours: Option<f64>,

    /// Certificate: the credential id
    #[arg(long, value_name = "ID", help_heading = "Kind-specific")]
    pub credential_id: Option<String>,

    /// Certificate: where it can be verified
    #[arg(long, value_name = "URL", help_heading = "Kind-specific")]
    pub url: Option<String>,

    /// Certificate: when it expires
    #[arg(long, value_name = "DATE", help_heading = "Kind-specific")]
    pub expires: Option<String>,

    /// Qualification: the grade or class awarded
    #[arg(long, value_name = "GRADE", help_heading = "Kind-specific")]
    pub grade: Option<String>,

    /// Feedback: who gave it
    #[arg(long, value_name = "NAME", help_heading = "Kind-specific")]
    pub from: Option<String>,

    /// Meeting: who it was held with (a mentor's name links it to them); an empty value clears it
    #[arg(long, value_name = "NAME", help_heading = "Kind-specific")]
    pub with: Option<String>,

    /// Reflection: start from a framework's question, e.g. emcc/self or emcc:3 (`folio prompts` lists them); an empty value clears it
    #[arg(long, value_name = "REF", help_heading = "Kind-specific")]
    pub prompt: Option<String>,

    /// Reflection or achievement: the structure it is written in
    #[arg(long, value_enum, help_heading = "Kind-specific")]
    pub template: Option<Template>,

    /// Reflection or achievement: one section, e.g. --section "so what=It changed how I listen" (repeatable)
    #[arg(long = "section", value_name = "NAME=TEXT", help_heading = "Kind-specific")]
    pub sections: Vec<String>,
}

/// `None` for an empty or blank value, which clears a field.
fn non_empty(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

impl FieldArgs {
    /// Reads `--body -` from standard input now, before any lock is taken.
    pub fn read_body_from_stdin(&mut self) -> anyhow::Result<()> {
        self.body = body_from(self.body.take())?;
        Ok(())
    }

    /// Turns `--prompt REF` into the question it names, and `--with`/`--from`
    /// into a mentor's own spelling of their name; returns the names that
    /// match no mentor, for a hint.
    pub fn resolve_names(&mut self, conn: &crate::db::Conn) -> anyhow::Result<Vec<String>> {
        if let Some(reference) = self.prompt.as_deref().filter(|r| !r.trim().is_empty()) {
            self.prompt = Some(super::prompts::find(conn, reference)?.question);
        }
        let mut unknown = Vec::new();
        // A meeting is held with a mentor (or not yet one); feedback comes from
        // anyone — a patient, a colleague — so only a mentor's name is tidied.
        for (name, says_unknown) in [(&mut self.with, true), (&mut self.from, false)] {
            let Some(name) = name.as_mut().filter(|n| !n.trim().is_empty()) else { continue };
            match crate::ops::plan::mentor_name(conn, name)? {
                Ok(mentor) => *name = mentor,
                Err(typed) if says_unknown => unknown.push(typed),
                Err(_) => {}
            }
        }
        Ok(unknown)
    }

    /// Puts every given flag into the fields (without validating them yet).
    ///
    /// A flag for a field the entry's kind does not take is refused here.
    pub fn apply(&self, fields: &mut EntryFields, ctx: &Context) -> anyhow::Result<()> {
        if let Some(date) = &self.date {
            fields.date = ctx.parse_date(date)?;
        }
        if let Some(end) = &self.end {
            fields.end_date = non_empty(end).map(|e| ctx.parse_date(&e)).transpose()?;
        }
        if let Some(org) = &self.org {
            fields.organisation = non_empty(org);
        }
        if let Some(body) = &self.body {
            fields.body = body.clone();
        }
        let mut flat = FieldsRecord::from(fields.clone());
        if let Some(hours) = self.hours {
            flat.hours = Some(hours);
        }
        if let Some(participatory) = self.participatory {
            flat.participatory = Some(participatory);
        }
        if let Some(hours) = self.practice_hours {
            flat.practice_hours = Some(hours);
        }
        if !self.standards.is_empty() {
            flat.standards = self.standards.iter().filter_map(|s| non_empty(s)).collect();
        }
        let text_fields = [
            (&self.credential_id, &mut flat.credential_id),
            (&self.url, &mut flat.url),
            (&self.grade, &mut flat.grade),
            (&self.from, &mut flat.from),
            (&self.with, &mut flat.with),
            (&self.method, &mut flat.method),
            (&self.relevance, &mut flat.relevance),
        ];
        for (flag, field) in text_fields {
            if let Some(value) = flag {
                *field = non_empty(value);
            }
        }
        if let Some(expires) = &self.expires {
            flat.expires = non_empty(expires).map(|e| ctx.parse_date(&e)).transpose()?;
        }
        if let Some(prompt) = &self.prompt {
            flat.prompt = non_empty(prompt);
        }
        if let Some(template) = self.template {
            flat.template = Some(template);
        }
        for section in &self.sections {
            let (name, text) = section.split_once('=').ok_or_else(|| {
                UserError::new(format!("--section needs NAME=TEXT, got '{section}'"))
                    .hint("for example: --section \"so what=It changed how I listen\"")
            })?;
            let key = normalise_section_name(name);
            flat.sections.retain(|s| normalise_section_name(&s.name) != key);
            flat.sections.push(Section { name: name.trim().to_string(), text: text.trim().to_string() });
        }
        fields.details = KindDetails::from_record(fields.kind(), &flat)
            .map_err(|e| UserError::new(DraftError::from(e).to_string()))?;
        Ok(())
    }
}

/// A `--body` value: `-` reads standard input (call before any lock is taken).
pub fn body_from(value: Option<String>) -> anyhow::Result<Option<String>> {
    match value.as_deref() {
        Some("-") => read_stdin().map(Some),
        _ => Ok(value),
    }
}

fn read_stdin() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| UserError::new(format!("cannot read the body from standard input: {e}")))?;
    Ok(text.trim_end().to_string())
}

/// The hint for a `--with`/`--from` name that is no mentor's.
pub fn unknown_person(name: &str) -> String {
    format!(
        "'{name}' is not one of your mentors; kept as written (add them with `folio mentor add \"{name}\"`)"
    )
}

/// Validates the fields, turning a broken rule into a user error.
pub fn validate(fields: &mut EntryFields) -> anyhow::Result<()> {
    fields.validate().map_err(|e| UserError::new(e.to_string()).into())
}
