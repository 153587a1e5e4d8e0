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
    for (attachment, target) in entry.attachments.iter().zip(&targets) {
        let bytes = attachments::blob(db.read(), &attachment.sha256)?.ok_or_else(|| {
            user_error(format!(
                "the bytes of '{}' are missing from the portfolio; run `folio check`",
                attachment.name
            ))
        })?;
        super::write_file_atomically(target, &bytes)?;
        ctx.ui.status(format!("wrote {}", target.display()));
    }
    Ok(())
}

/// A name that stays inside the output folder: no separators, no `..`, no control characters.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c == '/' || c == '\\' || c.is_control() || c == ':' { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_string();
    if cleaned.is_empty() { "attachment".to_string() } else { cleaned }
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
}
