//! `folio outbox`: what left the portfolio, and when. Every `export`,
//! `export pdf`, `share` and `share --html` adds a line ([`record`]);
//! `outbox show N` says exactly which entries went out.

use std::path::Path;

use clap::{Args, Subcommand};
use sha2::{Digest, Sha256};

use crate::Context;
use crate::db::{Db, outbox};
use crate::error::UserError;
use crate::model::Visibility;
use crate::model::outbox::Sent;
use crate::output::{count, print_json};

/// What left the portfolio: every export, PDF and share, when and for whom
///
/// One line for each file written for someone else: when, the command, the
/// format, the file's name and SHA-256, the reviewer or the age recipients,
/// how many entries were in it, and whether private entries went too or
/// identifiers were redacted. Lines are never changed or deleted (not even
/// with the entries they list); they travel with sync and the JSON document.
#[derive(Debug, Args)]
pub struct OutboxArgs {
    #[command(subcommand)]
    pub action: Option<OutboxAction>,
    /// Only what left on or after this date
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Print JSON: [{n, uuid, sent_at, command, format, file_name, sha256, recipients, records, include_private, redacted}]
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum OutboxAction {
    /// Which entries went out in line N
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The line's number (`folio outbox` lists them)
    pub n: i64,
    /// Print JSON: {line, records: [{uuid, record, id, title, kind, date, in_trash}]} (id null: no longer here)
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: OutboxArgs, ctx: &Context) -> anyhow::Result<()> {
    if let Some(OutboxAction::Show(show_args)) = args.action {
        return show(show_args, ctx);
    }
    let db = ctx.open_db()?;
    let since = args.since.as_deref().map(|d| ctx.parse_date(d)).transpose()?;
    let lines: Vec<(i64, Sent)> = outbox::all(db.read())?
        .into_iter()
        .filter(|(_, s)| {
            since.is_none_or(|d| {
                crate::model::stamp::day_of(&s.sent_at).is_none_or(|day| day >= d.first_day())
            })
        })
        .collect();
    if args.json {
        let shown: Vec<serde_json::Value> = lines
            .iter()
            .map(|(n, s)| {
                let mut value = serde_json::to_value(s).unwrap_or_default();
                value["n"] = (*n).into();
                value
            })
            .collect();
        return print_json(&shown);
    }
    if lines.is_empty() {
        ctx.ui.status(match since {
            Some(day) => format!("nothing left this portfolio on or after {day}"),
            None => {
                "nothing has left this portfolio yet (export, share and export pdf are recorded here)".into()
            }
        });
        return Ok(());
    }
    let mut table = ctx.ui.table(&["#", "When", "What", "File", "For", "Records"]);
    for (n, s) in &lines {
        let mut notes = Vec::new();
        if s.include_private {
            notes.push("with private");
        }
        if s.redacted {
            notes.push("redacted");
        }
        let notes = if notes.is_empty() { String::new() } else { format!(" ({})", notes.join(", ")) };
        table.add_row(vec![
            n.to_string(),
            s.sent_at.get(..16).unwrap_or(&s.sent_at).replace('T', " "),
            s.command.clone(),
            s.file_name.clone().unwrap_or_else(|| "(standard output)".into()),
            s.recipients.join(", "),
            format!("{}{notes}", s.records.len()),
        ]);
    }
    println!("{table}");
    Ok(())
}

fn show(args: ShowArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let sent = outbox::get(db.read(), args.n)?.ok_or_else(|| {
        UserError::new(format!("there is no outbox line {}", args.n)).hint("`folio outbox` lists them")
    })?;
    let mut listed = Vec::new();
    for uuid in &sent.records {
        listed.push((uuid.clone(), outbox::named(db.read(), uuid)?));
    }
    if args.json {
        let records: Vec<serde_json::Value> = listed
            .iter()
            .map(|(uuid, named)| {
                let mut value = serde_json::to_value(named).unwrap_or_default();
                if value.is_null() {
                    value = serde_json::json!({"record": null, "id": null});
                }
                value["uuid"] = uuid.clone().into();
                value
            })
            .collect();
        return print_json(&serde_json::json!({"line": sent, "records": records}));
    }
    println!("{}  {}", sent.sent_at, sent.command);
    println!("file      {}", sent.file_name.as_deref().unwrap_or("(standard output)"));
    println!("sha256    {}", sent.sha256);
    if !sent.recipients.is_empty() {
        println!("for       {}", sent.recipients.join(", "));
    }
    println!(
        "private   {}; identifiers {}",
        if sent.include_private { "included" } else { "left out" },
        if sent.redacted { "redacted" } else { "not redacted" }
    );
    println!("{}:", count(listed.len(), "record", "records"));
    for (uuid, named) in &listed {
        match named {
            Some(n) => {
                let id =
                    if n.record == "entry" { format!("#{}", n.id) } else { format!("{} {}", n.record, n.id) };
                let date = n.date.as_ref().map(|d| format!(", {d}")).unwrap_or_default();
                let trash = if n.in_trash { ", in the trash" } else { "" };
                println!("  {id} {} ({}{date}{trash})", n.title, n.kind);
            }
            None => println!("  {uuid} (no longer in this portfolio)"),
        }
    }
    Ok(())
}

/// A file about to be recorded as sent.
pub(crate) struct Outgoing<'a> {
    pub format: &'a str,
    /// Where it was written; none for standard output.
    pub out: Option<&'a Path>,
    /// The SHA-256 of the bytes as they left ([`sha256`], or [`HashingWriter`]).
    pub sha256: String,
    pub recipients: Vec<String>,
    pub records: Vec<String>,
    pub visibility: Visibility,
    pub redacted: bool,
}

/// The SHA-256 of bytes that left, as the outbox writes it.
pub(crate) fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A writer that hashes what it writes: the SHA-256 of a file written as a
/// stream, without reading it back.
pub(crate) struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
}

impl<W: std::io::Write> HashingWriter<W> {
    pub fn new(inner: W) -> Self {
        Self { inner, hasher: Sha256::new() }
    }

    /// The SHA-256 of everything written.
    pub fn sha256(self) -> String {
        hex::encode(self.hasher.finalize())
    }
}

impl<W: std::io::Write> std::io::Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The command line as typed, less the global options and the values that
/// are paths or keys (`export pdf --profile evidence`).
fn command_line() -> String {
    const DROPPED_WITH_VALUE: [&str; 8] =
        ["--db", "--out", "-o", "--identity", "--passphrase-fd", "--encrypt-to", "--job", "--color"];
    let mut kept = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let name = arg.split('=').next().unwrap_or_default();
        if DROPPED_WITH_VALUE.contains(&name) {
            if !arg.contains('=') {
                args.next();
            }
        } else if arg != "--quiet" && arg != "-q" {
            kept.push(arg);
        }
    }
    kept.join(" ")
}

/// Records in the outbox a file that left. A failure to record is said, not
/// fatal: the file was written.
pub(crate) fn record(ctx: &Context, db: &mut Db, outgoing: Outgoing) {
    if !ctx.records_outbox {
        return;
    }
    let sent = line(ctx, outgoing);
    if let Err(e) = db.write(|tx| outbox::record(tx, &sent)) {
        ctx.ui.warn(format!("the file was written but not recorded in the outbox: {e}"));
    }
}

/// Records a file that left in the transaction that wrote it (`share`).
pub(crate) fn record_in(tx: &crate::db::Tx, ctx: &Context, outgoing: Outgoing) -> crate::db::Result<()> {
    if ctx.records_outbox {
        outbox::record(tx, &line(ctx, outgoing))?;
    }
    Ok(())
}

/// The outbox line of a file that left.
fn line(ctx: &Context, outgoing: Outgoing) -> Sent {
    Sent {
        uuid: uuid::Uuid::new_v4().to_string(),
        sent_at: ctx.now(),
        command: command_line(),
        format: outgoing.format.to_string(),
        file_name: outgoing.out.and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()),
        sha256: outgoing.sha256,
        recipients: outgoing.recipients,
        records: outgoing.records,
        include_private: outgoing.visibility.includes_private(),
        redacted: outgoing.redacted,
    }
}
