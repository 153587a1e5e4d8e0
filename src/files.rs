//! Files folio writes for the user (exports, documents, review files):
//! whole or not at all — a temporary file beside the target, then a
//! rename — so a killed or failed command leaves the old file as it was;
//! and what a file's name says it holds.

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

/// The media type for a file name, from its extension (`application/octet-stream` when unknown).
pub fn media_type_for(name: &str) -> &'static str {
    mime_guess::from_path(name).first_raw().unwrap_or("application/octet-stream")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_come_from_the_extension() {
        assert_eq!(media_type_for("Photo.JPG"), "image/jpeg");
        assert_eq!(media_type_for("cert.pdf"), "application/pdf");
        assert_eq!(media_type_for("notes.md"), "text/markdown");
        assert_eq!(media_type_for("notes"), "application/octet-stream");
    }
}
