//! `folio import`: bring a portfolio document, a jrnl journal or a JSON
//! Resume in. Every import is one transaction and matches records by UUID,
//! so importing the same file twice changes nothing.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;

use crate::Context;
use crate::db::profile;
use crate::error::UserError;
use crate::import::document::{self, Input};
use crate::import::folio_json::{Part, StreamError};
use crate::import::{FormatError, PortfolioFormat, badge, folio_json};
use crate::model::EntryKind;
use crate::ops::merge::{MergeReport, Merger, merge};
use crate::trust::badge_check::BadgeCheck;

/// Import a folio document or PDF, JSON Resume, ORCID, LinkedIn, Day One, jrnl or Open Badges
///
/// The format is told from the content unless --from says. Records are
/// matched by UUID: new ones are added, an entry whose incoming version is
/// newer replaces the stored one, and verdicts, claims and ratings the
/// portfolio does not have are added (this is how a mentor's verdicts come
/// back). Entries from other tools get UUIDs from their own ids or content,
/// so re-importing the same file (or a later export of it) adds only what
/// is new. LinkedIn's and Day One's exports are read as their ZIP or the
/// folder it unzips to; what is taken and what is left is said. Open Badges (`--from badge`,
/// several files at once) become certificate entries with the badge file
/// attached and a claim for each alignment the portfolio's frameworks
/// know. Any error changes nothing.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file or folder to import (several files for badges)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// What the file is [default: told from its content]
    #[arg(long, value_enum)]
    pub from: Option<PortfolioFormat>,
    /// jrnl and Day One: the kind of entry each journal entry becomes
    #[arg(long, value_enum, default_value_t = EntryKind::Reflection)]
    pub kind: EntryKind,
    /// Badges: import one whose signature does not verify (marked "signature invalid")
    #[arg(long)]
    pub force: bool,
    /// Print JSON: what the import did ({entries_added, entries_updated, …, kept})
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: ImportArgs, ctx: &Context) -> anyhow::Result<()> {
    let path = &args.files[0];
    if args.files.len() == 1 && looks_like_folio_file(path, args.from) {
        if args.kind != EntryKind::Reflection {
            return Err(UserError::usage("--kind applies to jrnl and Day One imports only").into());
        }
        if let Some(report) = stream_folio(path, ctx)? {
            return say(&report, args.json, ctx);
        }
    }
    let input = input(&args, ctx)?;
    let format = document::format_of(&input, args.from);
    if format == PortfolioFormat::Badge {
        return badges(&args, ctx);
    }
    if args.files.len() > 1 {
        return Err(UserError::usage("one file at a time, except for badges (--from badge)").into());
    }
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let options = document::Options {
        kind: args.kind,
        stored_profile: profile::get(db.read())?,
        today: ctx.today,
        now: now.clone(),
    };
    let read = document::read(input, format, args.from.is_some(), options)
        .map_err(|e| UserError::new(format!("{}: {e}", path.display())))?;
    if !matches!(read.format, PortfolioFormat::Jrnl | PortfolioFormat::DayOne)
        && args.kind != EntryKind::Reflection
    {
        return Err(UserError::usage("--kind applies to jrnl and Day One imports only").into());
    }
    if let Some(taken) = &read.taken {
        ctx.ui.status(taken);
    }
    let imported = read.imported;
    for note in &imported.notes {
        ctx.ui.warn(note);
    }
    let mut document = imported.value;
    if document.entries.len() > 1000 {
        db.prepare_for_bulk_write()?;
    }
    // The records of a working life come from several tools: one already here is not added again.
    let from_elsewhere = matches!(
        read.format,
        PortfolioFormat::LinkedIn | PortfolioFormat::Orcid | PortfolioFormat::JsonResume
    );
    let (report, held) = db
        .write(|tx| {
            let held = match from_elsewhere {
                true => crate::ops::held::settle_already_held(tx, &mut document, &now)?,
                false => Default::default(),
            };
            Ok::<_, crate::ops::OpsError>((merge(tx, &document, &now)?, held))
        })
        .with_context(|| format!("nothing was imported from {}", path.display()))?;
    if !held.left_out.is_empty() {
        ctx.ui.warn(format!(
            "{} already in the portfolio (the same title and date, or DOI, from another source): {}",
            crate::output::count(held.left_out.len(), "entry", "entries"),
            held.left_out.join("; ")
        ));
    }
    if !held.filled_in.is_empty() {
        ctx.ui.status(format!("filled in what these lacked: {}", held.filled_in.join("; ")));
    }
    say(&report, args.json, ctx)
}

/// What was given: a folder, a ZIP archive (read from its file as needed,
/// at any size), or a file's bytes (decrypted when age-encrypted).
fn input<'a>(args: &'a ImportArgs, ctx: &Context) -> anyhow::Result<Input<'a>> {
    let path = &args.files[0];
    if path.is_dir() {
        return Ok(Input::Folder(path));
    }
    let mut head = [0u8; 4];
    let is_zip = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|()| crate::import::archive::is_zip(&head));
    if is_zip && args.files.len() == 1 {
        let file = std::fs::File::open(path)
            .map_err(|e| UserError::new(format!("cannot read {}: {e}", path.display())))?;
        return Ok(Input::Zip(file));
    }
    for path in &args.files {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > crate::model::limits::INPUT_BYTES {
            return Err(UserError::new(format!(
                "{} is {}: folio reads a JSON Resume, a badge or a journal of up to {}",
                path.display(),
                crate::output::human_size(size as i64),
                crate::output::human_size(crate::model::limits::INPUT_BYTES as i64)
            ))
            .hint("a folio JSON document is read as a stream, and a ZIP export as it is needed, at any size")
            .into());
        }
    }
    let first = ctx.read_input(path)?;
    let named_png = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("png"));
    if named_png && args.from.is_none() && !first.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(UserError::new(format!("{} is named .png but is not a PNG image", path.display()))
            .hint(format!("folio imports {}", crate::import::FORMATS_TRIED))
            .into());
    }
    Ok(Input::Bytes(first))
}

fn say(report: &MergeReport, json: bool, ctx: &Context) -> anyhow::Result<()> {
    if json {
        return crate::output::print_json(report);
    }
    ctx.ui.status(describe(report));
    Ok(())
}

/// Whether the file is a plain (not age-encrypted) folio document, told
/// from its first bytes, or said to be one by `--from folio`.
fn looks_like_folio_file(path: &std::path::Path, from: Option<PortfolioFormat>) -> bool {
    use std::io::Read as _;
    if from.is_some_and(|f| f != PortfolioFormat::Folio) {
        return false;
    }
    let mut head = vec![0u8; 4096];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    head.truncate(n);
    if crate::sealed::is_sealed(&head) {
        return false;
    }
    let text = String::from_utf8_lossy(&head);
    let text = crate::import::without_bom(&text).trim_start();
    from.is_some()
        || (text.starts_with('{') && text.contains(&format!("\"{}\"", crate::model::document::FORMAT)))
}

/// Imports a folio document as it is read, an entry at a time, in one
/// transaction: a document of any size takes the memory of one entry.
/// `None` when the document is not in folio's own order (read it whole).
fn stream_folio(path: &std::path::Path, ctx: &Context) -> anyhow::Result<Option<MergeReport>> {
    let file = std::fs::File::open(path)
        .map_err(|e| UserError::new(format!("cannot read {}: {e}", path.display())))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let big = size > 1 << 20;
    let mut progress = crate::progress::Progress::new(&ctx.ui, size, "importing entries");
    let file = crate::progress::Counted::new(file);
    let read_so_far = file.read.clone();
    let mut db = ctx.open_db()?;
    if big {
        db.prepare_for_bulk_write()?;
    }
    let now = ctx.now();
    let outcome = db.write(|tx| -> anyhow::Result<Option<MergeReport>> {
        let mut merger = Merger::new(tx, &now)?;
        let mut failed: Option<crate::db::DbError> = None;
        let read = folio_json::stream(std::io::BufReader::with_capacity(1 << 16, file), &mut |part| {
            let done = match part {
                Part::Profile(profile) => merger.profile(&profile),
                Part::Frameworks(frameworks) => merger.frameworks(&frameworks),
                Part::Entry(i, entry) => {
                    progress.item(read_so_far.get());
                    merger.entry(i, &entry)
                }
            };
            done.map_err(|e| failed = Some(e)).is_ok()
        });
        match read {
            Ok(rest) => Ok(Some(merger.finish(&rest)?)),
            // Rolled back (the merge has begun), then read whole.
            Err(StreamError::OutOfOrder) => Err(NotInOrder.into()),
            Err(StreamError::Stopped) => {
                Err(failed.map_or_else(|| anyhow::anyhow!("the import stopped"), Into::into))
            }
            Err(StreamError::Format(first)) => {
                // Read it again whole: the plain reader says where, and in which field.
                let text = std::fs::read_to_string(path).unwrap_or_default();
                let why = folio_json::parse(&text).err().map_or(first, |e| e.to_string());
                Err(UserError::new(format!("{}: {why}", path.display())).into())
            }
        }
    });
    progress.finish();
    match outcome {
        Err(e) if e.is::<NotInOrder>() => Ok(None),
        // A malformed document: the line already says which file, and where.
        Err(e) if e.is::<UserError>() => Err(e),
        outcome => outcome.with_context(|| format!("nothing was imported from {}", path.display())),
    }
}

/// A document not in folio's own order: not streamed.
#[derive(Debug, thiserror::Error)]
#[error("the document is not in folio's order")]
struct NotInOrder;

/// Open Badges files: read all of them first, then one transaction.
fn badges(args: &ImportArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let now = ctx.now();
    let mut document = crate::model::document::PortfolioDocument::empty();
    for path in &args.files {
        let bytes = ctx.read_input(path)?;
        let invalid = |e: FormatError| UserError::new(format!("{}: {e}", path.display()));
        let carried = badge::carried(&bytes).map_err(invalid)?;
        let credential = badge::payload(&carried).map_err(invalid)?;
        let badge = badge::read(&credential).map_err(invalid)?;
        let checked = crate::trust::badge_check::check(&carried, &credential);
        if let BadgeCheck::Invalid(why) = &checked {
            if !args.force {
                return Err(UserError::new(format!("{}: {why}", path.display()))
                    .hint("--force imports it anyway, marked \"signature invalid\"")
                    .into());
            }
            ctx.ui.warn(format!("{}: imported although {why} (--force)", path.display()));
        }
        let mut claims = Vec::new();
        for code in &badge.alignments {
            match crate::db::refs::by_alignment(db.read(), code)? {
                Some(reference) => claims.push(reference),
                None => ctx.ui.warn(format!(
                    "{}: alignment '{code}' names no competency of the portfolio's frameworks",
                    path.display()
                )),
            }
        }
        let name =
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "badge".into());
        ctx.ui.status(format!("{}: {}", path.display(), checked.words()));
        document.entries.push(badge::to_entry(&badge, &checked, &name, &bytes, claims));
    }
    let report = db.write(|tx| merge(tx, &document, &now)).context("nothing was imported")?;
    if args.json {
        return crate::output::print_json(&report);
    }
    ctx.ui.status(describe(&report));
    Ok(())
}

fn describe(r: &MergeReport) -> String {
    let mut parts = vec![format!(
        "entries: {} added, {} updated, {} unchanged",
        r.entries_added, r.entries_updated, r.entries_unchanged
    )];
    if r.frameworks_added + r.frameworks_updated > 0 {
        parts.push(format!("frameworks: {} added, {} updated", r.frameworks_added, r.frameworks_updated));
    }
    for (count, what) in
        [(r.claims_added, "claims"), (r.verdicts_added, "verdicts"), (r.ratings_added, "ratings")]
    {
        if count > 0 {
            parts.push(format!("{count} {what} added"));
        }
    }
    for (added, updated, what) in [
        (r.goals_added, r.goals_updated, "goals"),
        (r.actions_added, r.actions_updated, "actions"),
        (r.mentors_added, r.mentors_updated, "mentors"),
    ] {
        if added + updated > 0 {
            parts.push(format!("{what}: {added} added, {updated} updated"));
        }
    }
    if r.profile_updated {
        parts.push("profile updated".into());
    }
    for kept in &r.kept {
        parts.push(format!("kept {kept}"));
    }
    if r.attachments_skipped > 0 {
        parts.push(format!("{} attachments skipped (no bytes in the file)", r.attachments_skipped));
    }
    format!("imported — {}", parts.join("; "))
}
