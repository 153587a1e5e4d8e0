//! Files folio writes for the user (exports, documents, review files):
//! whole or not at all — a temporary file beside the target, then a
//! rename — so a killed or failed command leaves the old file as it was.

use std::path::Path;

use anyhow::Context as _;

/// Writes a file whole or not at all: a temporary file beside it, then a rename.
pub(crate) fn write_file_atomically(target: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_file_atomically_with(target, |file| Ok(std::io::Write::write_all(file, bytes)?))
}

/// The same, the bytes written by `write`; an error from it leaves nothing
/// behind (the file stays as it was).
pub(crate) fn write_file_atomically_with(
    target: &Path,
    write: impl FnOnce(&mut std::fs::File) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut temp = crate::scratch::beside(target, crate::scratch::WRITING, ".partial")
        .with_context(|| format!("cannot write into {}", crate::scratch::folder_of(target).display()))?;
    write(temp.as_file_mut())?;
    temp.persist(target).with_context(|| format!("cannot write {}", target.display()))?;
    Ok(())
}
