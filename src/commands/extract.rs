//! `folio extract`: write an entry's attachments back out as files, with
//! names that cannot escape the folder.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;

use crate::Context;
use crate::db::{attachments, entries};
use crate::error::{UserError, user_error};
use crate::model::EntryId;

/// Write an entry's attachments back out as files
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The entry's id
    pub id: EntryId,
    /// The folder to write into (created if missing)
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub out: PathBuf,
    /// Overwrite files that already exist
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: ExtractArgs, ctx: &Context) -> anyhow::Result<()> {
    let db = ctx.open_db()?;
    let entry = entries::get(db.read(), args.id)?;
    if entry.attachments.is_empty() {
        ctx.ui.status(format!("entry {} has no attachments", args.id));
        return Ok(());
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create the folder {}", args.out.display()))?;
    let mut targets: Vec<PathBuf> = Vec::new();
    for attachment in &entry.attachments {
        let target = unique_target(&args.out, &safe_file_name(&attachment.name), &targets);
        if target.exists() && !args.force {
            return Err(UserError::new(format!("{} already exists", target.display()))
                .hint("add --force to overwrite, or choose another folder with --out")
                .into());
        }
        targets.push(target);
    }
    // Every file is read and verified before any is written: a damaged one
    // stops the extraction with nothing written.
    let mut verified = Vec::with_capacity(targets.len());
    for attachment in &entry.attachments {
        let bytes = attachments::blob(db.read(), &attachment.sha256)?.ok_or_else(|| {
            user_error(format!(
                "the bytes of '{}' are missing from the portfolio; run `folio check`",
                attachment.name
            ))
        })?;
        if attachments::sha256_hex(&bytes) != attachment.sha256 {
            return Err(UserError::new(format!(
                "the stored bytes of '{}' are damaged (they no longer match their SHA-256); nothing was written",
                attachment.name
            ))
            .hint("run `folio check`; restore the file from a backup")
            .into());
        }
        verified.push(bytes);
    }
    for (bytes, target) in verified.iter().zip(&targets) {
        super::write_file_atomically(target, bytes)?;
        ctx.ui.status(format!("wrote {}", target.display()));
    }
    Ok(())
}

/// The longest name written, in bytes: file systems allow 255, and a
/// `N-` prefix may be added to tell two files of the same name apart.
const MAX_NAME_BYTES: usize = 240;

/// Characters that reorder how a name is displayed (so `gpj.exe` can look like `exe.jpg`).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A name that stays inside the output folder and that every file system
/// takes: no separators, no `..`, no control or bidirectional-override
/// characters, at most [`MAX_NAME_BYTES`] bytes with the extension kept.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !is_bidi_control(*c))
        .map(|c| if c == '/' || c == '\\' || c.is_control() || c == ':' { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    let cleaned = if cleaned.is_empty() { "attachment".to_string() } else { cleaned };
    shorten(&cleaned)
}

/// The name cut to [`MAX_NAME_BYTES`] at a character boundary, keeping a short extension.
fn shorten(name: &str) -> String {
    if name.len() <= MAX_NAME_BYTES {
        return name.to_string();
    }
    let extension = name.rsplit_once('.').map(|(_, e)| e).filter(|e| e.len() <= 16).unwrap_or("");
    let room = MAX_NAME_BYTES - if extension.is_empty() { 0 } else { extension.len() + 1 };
    let mut stem = String::new();
    for c in name.chars() {
        if stem.len() + c.len_utf8() > room {
            break;
        }
        stem.push(c);
    }
    if extension.is_empty() { stem } else { format!("{stem}.{extension}") }
}

fn unique_target(dir: &Path, name: &str, taken: &[PathBuf]) -> PathBuf {
    let mut candidate = dir.join(name);
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = dir.join(format!("{n}-{name}"));
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_cannot_escape_the_folder() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name(".."), "attachment");
        assert_eq!(safe_file_name("a\\b:c\n.txt"), "a_b_c_.txt");
        assert_eq!(safe_file_name("Zdjęcie.png"), "Zdjęcie.png");
        assert_eq!(safe_file_name(".hidden"), "hidden");
    }

    #[test]
    fn names_lose_bidi_controls_and_fit_the_file_system() {
        assert_eq!(safe_file_name("photo\u{202E}gpj.exe"), "photogpj.exe");
        assert_eq!(safe_file_name("a\u{2066}b\u{2069}.pdf"), "ab.pdf");
        let long = format!("{}.pdf", "ż".repeat(300));
        let short = safe_file_name(&long);
        assert!(short.len() <= MAX_NAME_BYTES && short.ends_with(".pdf"), "{} bytes", short.len());
        assert!(short.starts_with("żż"));
    }
}
