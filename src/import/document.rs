//! A file (or folder) read as a folio document, whatever its format: the
//! one place that tells the format from the content and hands the bytes to
//! that format's reader. Open Badges, read several files at once with their
//! claims, and a folio document streamed entry by entry, are read by the
//! command itself; everything else comes through [`read`].

use std::path::Path;

use chrono::NaiveDate;

use super::archive::Archive;
use super::{
    FORMATS_TRIED, FormatError, Imported, PortfolioFormat, dayone, folio_json, jrnl, json_resume, linkedin,
    orcid, pdf_data,
};
use crate::model::document::PortfolioDocument;
use crate::model::{EntryKind, PartialDate, Profile};

/// What a reader may need besides the bytes.
pub struct Options {
    /// What a journal entry becomes (jrnl, Day One).
    pub kind: EntryKind,
    /// The profile stored now, for a résumé's or a record's profile to be laid over.
    pub stored_profile: Profile,
    /// Today, to date what an export lists without a date when it says nothing else.
    pub today: NaiveDate,
    /// The stored timestamp of now (a profile brought in is a change made now).
    pub now: String,
}

/// What arrived: a file's bytes, a ZIP archive's file (read as needed, at any size), or a folder.
pub enum Input<'a> {
    Bytes(Vec<u8>),
    Zip(std::fs::File),
    Folder(&'a Path),
}

/// The format it is: `from` when given, else told from the content.
pub fn format_of(input: &Input, from: Option<PortfolioFormat>) -> PortfolioFormat {
    match (from, input) {
        (Some(format), _) => format,
        (None, Input::Folder(_) | Input::Zip(_)) => PortfolioFormat::LinkedIn,
        (None, Input::Bytes(bytes)) => PortfolioFormat::detect_bytes(bytes),
    }
}

/// A file read: the format it was read as, the document with notes of what
/// was left out, and (for an export) a line saying what was taken.
pub struct Read {
    pub format: PortfolioFormat,
    pub imported: Imported<PortfolioDocument>,
    pub taken: Option<String>,
}

/// Reads the input as `format` (see [`format_of`]; an archive is looked
/// into to tell LinkedIn from Day One). `told` is whether `--from` said so.
pub fn read(
    input: Input,
    format: PortfolioFormat,
    told: bool,
    options: Options,
) -> Result<Read, FormatError> {
    let mut archive = match input {
        Input::Folder(path) => Archive::folder(path)?,
        Input::Zip(file) => Archive::zip(file)?,
        Input::Bytes(bytes) if super::archive::is_zip(&bytes) => Archive::zip(std::io::Cursor::new(bytes))?,
        Input::Bytes(bytes) => return read_bytes(bytes, format, told, options),
    };
    let archive = &mut archive;
    let format = match format {
        PortfolioFormat::LinkedIn | PortfolioFormat::DayOne if !told => {
            if linkedin::is_export(archive) {
                PortfolioFormat::LinkedIn
            } else if dayone::is_export(archive) {
                PortfolioFormat::DayOne
            } else {
                return Err(format!(
                    "it holds neither a LinkedIn export nor a Day One export; folio imports {FORMATS_TRIED}"
                )
                .into());
            }
        }
        other => other,
    };
    let (imported, taken) = match format {
        PortfolioFormat::LinkedIn => {
            let dated =
                archive.find("Courses.csv").and_then(|p| archive.modified(&p)).unwrap_or(options.today);
            let (mut imported, taken) =
                linkedin::read(archive, options.stored_profile, PartialDate::day(dated))?;
            imported.value.profile.updated_at = Some(options.now);
            (imported, taken)
        }
        PortfolioFormat::DayOne => dayone::read(archive, options.kind)?,
        other => return Err(format!("a ZIP archive or a folder is not {}", name(other)).into()),
    };
    Ok(Read { format, imported, taken: Some(taken) })
}

fn read_bytes(
    bytes: Vec<u8>,
    format: PortfolioFormat,
    told: bool,
    options: Options,
) -> Result<Read, FormatError> {
    // A PDF folio made carries its folio JSON document: that is what is read.
    let (format, bytes) = match format {
        PortfolioFormat::Pdf => (PortfolioFormat::Folio, pdf_data::embedded_json(&bytes)?.into_bytes()),
        other => (other, bytes),
    };
    let text = String::from_utf8(bytes).map_err(|_| FormatError::from("it is not UTF-8 text"))?;
    let mut taken = None;
    let imported = match format {
        PortfolioFormat::Folio => Imported { value: folio_json::parse(&text)?, notes: Vec::new() },
        PortfolioFormat::Jrnl => {
            // Detected as a journal only because nothing else fitted: say what was tried.
            let imported = jrnl::parse(&text).map_err(|e| match told {
                true => e,
                false => format!("it is none of the formats folio imports: {FORMATS_TRIED} ({e})").into(),
            })?;
            Imported { value: jrnl::to_document(imported.value, options.kind), notes: imported.notes }
        }
        PortfolioFormat::JsonResume => {
            let imported = json_resume::parse(&text)?;
            let mut document = json_resume::to_document(imported.value, options.stored_profile);
            // Bringing a resume in is a change made now.
            document.profile.updated_at = Some(options.now);
            Imported { value: document, notes: imported.notes }
        }
        PortfolioFormat::Orcid => {
            let (mut imported, said) = orcid::parse(&text, options.stored_profile)?;
            imported.value.profile.updated_at = Some(options.now);
            taken = Some(said);
            imported
        }
        PortfolioFormat::DayOne => {
            let mut single = Archive::Single { name: "Journal.json".into(), bytes: text.into_bytes() };
            let (imported, said) = dayone::read(&mut single, options.kind)?;
            taken = Some(said);
            imported
        }
        PortfolioFormat::LinkedIn => {
            return Err("a LinkedIn export is its ZIP file or the folder it unzips to".into());
        }
        PortfolioFormat::Badge | PortfolioFormat::Pdf => {
            return Err(format!("{} is read by the command, not here", name(format)).into());
        }
    };
    Ok(Read { format, imported, taken })
}

fn name(format: PortfolioFormat) -> &'static str {
    match format {
        PortfolioFormat::Folio => "a folio JSON document",
        PortfolioFormat::Jrnl => "a jrnl journal",
        PortfolioFormat::JsonResume => "a JSON Resume",
        PortfolioFormat::Badge => "an Open Badge",
        PortfolioFormat::Pdf => "a folio PDF",
        PortfolioFormat::LinkedIn => "a LinkedIn export",
        PortfolioFormat::Orcid => "an ORCID record",
        PortfolioFormat::DayOne => "a Day One export",
    }
}
