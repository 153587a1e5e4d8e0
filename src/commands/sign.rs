//! `folio sign verdicts-….json`: a reviewer signs the verdicts they
//! downloaded from an HTML review pack, with their key, in place. The
//! browser cannot hold a key; this is how a pack's verdicts get signed.

use std::path::PathBuf;

use clap::Args;

use crate::Context;
use crate::error::UserError;
use crate::model::verdicts_file::VerdictsFile;
use crate::output::count;
use crate::trust::verdict_credential::{self, Judged};

/// Sign the verdicts file you downloaded from a review pack, with your key
///
/// Each verdict becomes a Verifiable Credential signed by you (see `folio key
/// new`), naming the entry, the claim, your verdict and comment, and the
/// digest of the evidence the pack showed you. The file is rewritten in
/// place (or to --out); send it back as before. `folio verify` checks it.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The verdicts file (verdicts-….json)
    pub file: PathBuf,
    /// Write the signed file here instead of over FILE
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(args: SignArgs, ctx: &Context) -> anyhow::Result<()> {
    let shown = args.file.display();
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| UserError::new(format!("cannot read {shown}: {e}")))?;
    let mut file = VerdictsFile::parse(&text).map_err(|e| {
        UserError::new(format!("cannot sign {shown}: {e}"))
            .hint("folio sign signs the verdicts file a review pack's Download verdicts button saves")
    })?;
    let key = super::key::yours(ctx)?;
    if !key.name.eq_ignore_ascii_case(file.reviewer.trim()) {
        ctx.ui.warn(format!(
            "the file names {} as the reviewer; the verdicts are signed as {} (your key's name)",
            file.reviewer, key.name
        ));
    }
    let now = ctx.now();
    let mut signed = 0;
    for n in 0..file.verdicts.len() {
        let v = &file.verdicts[n];
        if v.credential.is_some() {
            continue;
        }
        let (Some(entry), Some(evidence)) = (v.of_entry.clone(), v.evidence.clone()) else {
            return Err(UserError::new(format!(
                "cannot sign {shown}: its verdict on {} does not say what the pack showed",
                v.item()
            ))
            .hint("the pack was written by an older folio; ask for a new one")
            .into());
        };
        let judged = Judged {
            verdict_uuid: file.verdict_uuid(v),
            entry_uuid: entry,
            entry_title: v.title.clone().unwrap_or_default(),
            claim: v.reference.clone(),
            verdict: v.verdict,
            comment: v.comment(),
            date: v.date,
            evidence,
        };
        let credential = verdict_credential::issue(&judged, &key.signer(), &now)
            .map_err(|e| UserError::new(format!("cannot sign: {e}")))?;
        file.verdicts[n].credential = Some(credential);
        signed += 1;
    }
    let mut feedback_signed = false;
    if let Some(fields) = file.feedback_fields().filter(|_| file.feedback_credential.is_none()) {
        let credential = verdict_credential::issue_feedback(
            (&file.feedback_uuid(), &fields.title),
            fields.date,
            &fields.body,
            &crate::trust::evidence::of_fields(&fields),
            &key.signer(),
            &now,
        )
        .map_err(|e| UserError::new(format!("cannot sign: {e}")))?;
        file.feedback_credential = Some(credential);
        feedback_signed = true;
    }
    if signed == 0 && !feedback_signed {
        ctx.ui.status(format!("nothing to sign in {shown}: its verdicts are signed already"));
        return Ok(());
    }
    let target = args.out.as_ref().unwrap_or(&args.file);
    let bytes = serde_json::to_string_pretty(&file)? + "\n";
    crate::files::write_file_atomically(target, bytes.as_bytes())?;
    let feedback = if feedback_signed { " and the feedback" } else { "" };
    ctx.ui.status(format!(
        "signed {}{feedback} as {} ({}) in {}",
        count(signed, "verdict", "verdicts"),
        key.name,
        key.did(),
        target.display()
    ));
    Ok(())
}
