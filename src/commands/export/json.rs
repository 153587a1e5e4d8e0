//! `folio export json`: everything in one folio JSON document.

use clap::Args;

use super::{Destination, Sending, deliver};
use crate::Context;
use crate::commands::identifiers::conclude;
use std::collections::HashSet;
use std::path::Path;

use super::private_note;
use crate::db::Conn;
use crate::db::document_read::{ReadOptions, doc_entries, entry_order, read_document, read_head, read_tail};
use crate::export;
use crate::model::EntryId;
use crate::output::count;

/// Everything in one folio JSON document (re-import it with `folio import`)
///
/// Profile, entries with every field, attachments (base64), frameworks,
/// claims, verdicts, ratings and goals, in a stable order: the same
/// portfolio always gives the same bytes. Entries in the trash are left out.
#[derive(Debug, Args)]
pub struct JsonArgs {
    #[command(flatten)]
    pub to: Destination,
    /// Leave out the attachments' bytes (names, sizes and hashes stay)
    #[arg(long)]
    pub no_attachments: bool,
}

pub fn run(args: JsonArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let options = ReadOptions {
        visibility: args.to.visibility(),
        with_attachment_data: !args.no_attachments,
        include_trash: false,
    };
    if let Some(out) = args.to.out.as_deref().filter(|_| !args.to.seal.is_sealed()) {
        let (summary, sending, sha256) =
            db.snapshot(|conn| Ok(stream_to_file(conn, out, options, &args, ctx)))??;
        ctx.ui.status(format!("wrote {} ({summary}{})", out.display(), private_note(&args.to)));
        let outgoing = crate::commands::outbox::Outgoing {
            format: sending.format,
            out: Some(out),
            sha256,
            recipients: Vec::new(),
            records: sending.records,
            visibility: args.to.visibility(),
            redacted: sending.redacted,
        };
        crate::commands::outbox::record(ctx, &mut db, outgoing);
        return crate::commands::finish_reading(&db, ctx);
    }
    let mut document = read_document(db.read(), options)?;
    let mut check = args.to.identifiers.check(db.read())?;
    check.document(&mut document);
    let redacted = conclude(check, db.read(), ctx)?;
    let bytes = export::folio_json::render(&document)?;
    let summary = format!(
        "{}, {}",
        count(document.entries.len(), "entry", "entries"),
        count(document.frameworks.len(), "framework", "frameworks")
    );
    let sending = Sending::documented("json", &document, redacted);
    deliver(&args.to, &bytes, &summary, ctx, &mut db, sending)?;
    crate::commands::finish_reading(&db, ctx)
}

/// How many entries are read and written at a time.
const PAGE: usize = 500;

/// Writes the document to `out` as it is read, a page of entries at a
/// time, so a portfolio of any size takes the memory of one page. The file
/// appears only whole, and only if the identifier check lets it.
fn stream_to_file(
    conn: &Conn,
    out: &Path,
    options: ReadOptions,
    args: &JsonArgs,
    ctx: &Context,
) -> anyhow::Result<(String, Sending<'static>, String)> {
    let order = entry_order(conn, options.visibility)?;
    let mut records: Vec<String> = order.iter().map(|(_, uuid)| uuid.clone()).collect();
    let shown: HashSet<String> = order.iter().map(|(_, uuid)| uuid.clone()).collect();
    let mut rest = read_head(conn)?;
    let frameworks = rest.frameworks.len();
    read_tail(conn, options, &shown, &mut rest)?;
    records.extend(rest.goals.iter().map(|g| g.uuid.clone()));
    let redacted = std::cell::Cell::new(false);
    let said = &redacted;
    let mut check = args.to.identifiers.check(conn)?;
    check.document(&mut rest);
    let ids: Vec<EntryId> = order.iter().map(|(id, _)| *id).collect();
    let mut pages = ids.chunks(PAGE);
    let total = ids.len();
    // An entry that cannot be read is left out (and said): count what is written.
    let written = std::cell::Cell::new(0);
    let counted = &written;
    let mut progress = crate::progress::Progress::new(&ctx.ui, total as u64, "exporting entries");
    let shown_progress = &mut progress;
    let sha256 = std::cell::RefCell::new(String::new());
    let hashed = &sha256;
    crate::commands::write_file_atomically_with(out, move |file| {
        let mut hashing = crate::commands::outbox::HashingWriter::new(file);
        export::folio_json::write_streamed(&mut hashing, &rest, total, &mut || {
            let Some(page) = pages.next() else { return Ok(None) };
            let mut entries = doc_entries(conn, page, options)?;
            check.doc_entries(&mut entries);
            counted.set(counted.get() + entries.len());
            for _ in &entries {
                shown_progress.item(counted.get() as u64);
            }
            Ok(Some(entries))
        })?;
        // Refused: the half-made file is dropped, nothing is written.
        said.set(conclude(check, conn, ctx)?);
        *hashed.borrow_mut() = hashing.sha256();
        Ok(())
    })?;
    progress.finish();
    let summary = format!(
        "{}, {}",
        count(written.get(), "entry", "entries"),
        count(frameworks, "framework", "frameworks")
    );
    Ok((summary, Sending { format: "json", records, redacted: redacted.get() }, sha256.into_inner()))
}
