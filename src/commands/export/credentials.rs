//! `folio export credentials`: the signed verdicts as Verifiable
//! Credentials, a JSON array any wallet or verifier reads.

use std::path::PathBuf;

use clap::Args;

use crate::Context;
use crate::db::filter::EntryFilter;
use crate::model::{EntryId, Visibility};
use crate::output::count;

/// The signed verdicts as W3C Verifiable Credentials (a JSON array)
///
/// Each is an Open Badges 3.0 EndorsementCredential signed by its reviewer
/// (eddsa-jcs-2022, did:key): any verifier can check it offline, and
/// `folio verify` does. Unsigned verdicts have no credential and are left
/// out. A credential is signed as it is: its title and comment cannot be
/// redacted. Verdicts on private entries stay out unless --include-private.
#[derive(Debug, Args)]
pub struct CredentialsArgs {
    /// Only the verdicts on this entry
    #[arg(long, value_name = "ID")]
    pub entry: Option<EntryId>,
    /// Write to this file (atomically) instead of standard output
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Include verdicts on private entries
    #[arg(long)]
    pub include_private: bool,
}

pub fn run(args: CredentialsArgs, ctx: &Context) -> anyhow::Result<()> {
    let mut db = ctx.open_db()?;
    let visibility = Visibility::with_private(args.include_private);
    let found = match args.entry {
        Some(id) => {
            let entry = crate::db::entries::get(db.read(), id)?;
            if entry.fields.private && !visibility.includes_private() {
                return Err(crate::error::UserError::new(format!("entry {id} is private"))
                    .hint("--include-private exports its credentials")
                    .into());
            }
            vec![entry]
        }
        None => crate::db::entries::list(
            db.read(),
            &EntryFilter { privacy: visibility.into(), ..Default::default() },
        )?,
    };
    let credentials: Vec<&serde_json::Value> =
        found.iter().flat_map(|e| e.verdicts.iter().filter_map(|v| v.credential.as_ref())).collect();
    let text = serde_json::to_string_pretty(&credentials)? + "\n";
    let summary = count(credentials.len(), "credential", "credentials");
    let judged = found.iter().filter(|e| e.verdicts.iter().any(|v| v.credential.is_some()));
    let sent = crate::commands::outbox::Outgoing {
        format: "credentials",
        out: args.out.as_deref(),
        sha256: crate::commands::outbox::sha256(text.as_bytes()),
        recipients: Vec::new(),
        records: judged.map(|e| e.uuid.clone()).collect(),
        visibility,
        redacted: false,
    };
    match &args.out {
        Some(path) => {
            crate::files::write_file_atomically(path, text.as_bytes())?;
            ctx.ui.status(format!("wrote {} ({summary}{})", path.display(), visibility.written_note()));
        }
        None => {
            print!("{text}");
            ctx.ui.status(summary);
        }
    }
    crate::commands::outbox::record(ctx, &mut db, sent);
    super::super::finish_reading(&db, ctx)
}
