//! Writing an entry's body and sections in the user's `$EDITOR`.
//!
//! The file opened holds a short comment header (lines starting with `#`
//! before any text, removed on save), the body, then one `## Heading` per
//! section of the entry's template. Saving an empty file cancels.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::Command;

use anyhow::Context as _;

use crate::error::UserError;
use crate::model::{EntryFields, Section, Template};

const HEADER: &str = "\
# Write the body of the entry below. These '#' lines at the top are removed.
# Under each '## Heading' write that section of the template; leave it empty to skip it.
# Save and close the editor when done; save an empty file to cancel.
";

/// The text written in the editor, and the file it was written in.
pub struct Edited {
    body: String,
    sections: Vec<Section>,
    file: tempfile::NamedTempFile,
}

impl Edited {
    /// Puts the edited body and sections into the fields.
    pub fn apply(&self, fields: &mut EntryFields) {
        fields.body = self.body.clone();
        fields.details.set_sections(self.sections.clone());
    }

    /// Keeps the edited file (it is deleted otherwise), so the text is not lost; returns its path.
    pub fn keep(self) -> anyhow::Result<PathBuf> {
        let (_, path) = self.file.keep().context("cannot keep the edited text")?;
        Ok(path)
    }
}

/// Opens the editor on the entry's body and sections and reads them back.
/// `notes` are shown in the comment header (a prompt, open actions to follow up).
pub fn edit_text(fields: &EntryFields, notes: &[String]) -> anyhow::Result<Edited> {
    if !std::io::stdin().is_terminal() {
        return Err(UserError::new("--edit needs a terminal, and standard input is not one")
            .hint("give the text with --body TEXT, --body - (from standard input) or --section NAME=TEXT")
            .into());
    }
    let template = fields.details.template();
    let mut text = render(&fields.body, fields.details.sections(), template);
    if let Some(prompt) = fields.details.prompt() {
        text.insert_str(0, &format!("# Prompt: {prompt}\n"));
    }
    for note in notes.iter().rev() {
        text.insert_str(0, &format!("# {note}\n"));
    }
    let (edited, file) = open_editor(&text, "folio-entry-")?;
    let (body, sections) = parse(&edited, template);
    Ok(Edited { body, sections, file })
}

/// Opens `$VISUAL` or `$EDITOR` (else vi) on `text` and reads back what was
/// saved (refusing an empty file), with the file it was written in.
pub fn open_editor(text: &str, prefix: &str) -> anyhow::Result<(String, tempfile::NamedTempFile)> {
    if !std::io::stdin().is_terminal() {
        return Err(UserError::new("--edit needs a terminal, and standard input is not one").into());
    }
    let file = tempfile::Builder::new().prefix(prefix).suffix(".md").tempfile()?;
    std::fs::write(file.path(), text)?;
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .ok()
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("folio-editor")
        .arg(file.path())
        .status()
        .with_context(|| format!("cannot start the editor '{editor}'"))?;
    if !status.success() {
        return Err(
            UserError::new(format!("the editor '{editor}' failed ({status}); nothing was saved")).into()
        );
    }
    let edited = std::fs::read_to_string(file.path()).context("cannot read back the edited text")?;
    if edited.trim().is_empty() {
        return Err(UserError::new("the edited text is empty; nothing was saved").into());
    }
    Ok((edited, file))
}

fn render(body: &str, sections: &[Section], template: Option<Template>) -> String {
    let mut text = String::from(HEADER);
    text.push_str(body);
    text.push('\n');
    if let Some(template) = template {
        for spec in template.sections() {
            let existing = sections
                .iter()
                .find(|s| template.section(&s.name).is_some_and(|found| found.key == spec.key));
            text.push_str(&format!("\n## {}\n", spec.heading));
            if let Some(section) = existing {
                text.push_str(&section.text);
                text.push('\n');
            }
        }
    }
    text
}

/// Splits edited text into the body and the sections under known headings.
fn parse(text: &str, template: Option<Template>) -> (String, Vec<Section>) {
    let mut lines = text.lines().skip_while(|l| l.starts_with('#') && !l.starts_with("## ")).peekable();
    let mut body = Vec::new();
    let mut sections: Vec<(String, Vec<&str>)> = Vec::new();
    for line in lines.by_ref() {
        let heading = line.strip_prefix("## ").and_then(|h| {
            template.and_then(|t| t.sections().iter().find(|s| s.heading.eq_ignore_ascii_case(h.trim())))
        });
        match (heading, sections.last_mut()) {
            (Some(spec), _) => sections.push((spec.key.to_string(), Vec::new())),
            (None, Some((_, section_lines))) => section_lines.push(line),
            (None, None) => body.push(line),
        }
    }
    let sections = sections
        .into_iter()
        .map(|(name, lines)| Section { name, text: lines.join("\n").trim().to_string() })
        .filter(|s| !s.text.is_empty())
        .collect();
    (body.join("\n").trim().to_string(), sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_text_parses_back_to_the_same_text() {
        let body = "Overall a good week.\n## Not a section heading";
        let written =
            vec![Section { name: "so-what".into(), text: "I listen more.\n\nAnd ask more.".into() }];
        let text = render(body, &written, Some(Template::Rolfe));
        let (parsed_body, sections) = parse(&text, Some(Template::Rolfe));
        assert_eq!(parsed_body, body);
        assert_eq!(sections, written);
    }

    #[test]
    fn without_a_template_everything_is_body() {
        let (body, sections) = parse("# comment\nline one\n## heading\nline two\n", None);
        assert_eq!(body, "line one\n## heading\nline two");
        assert!(sections.is_empty());
    }
}
