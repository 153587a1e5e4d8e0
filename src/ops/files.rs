//! Files to attach: read from disk before any transaction starts, so a
//! missing or unreadable file stores nothing.

use std::path::PathBuf;

use super::{OpsError, Result};
use crate::files::media_type_for;

/// A file read from disk, ready to store.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub name: String,
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Reads every file first; any problem fails them all.
pub fn read_files(paths: &[PathBuf]) -> Result<Vec<NewFile>> {
    let mut files: Vec<NewFile> = Vec::with_capacity(paths.len());
    for path in paths {
        let bad = |reason: String| OpsError::BadFile { path: path.display().to_string(), reason };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| bad("it is not a file".into()))?;
        if path.is_dir() {
            return Err(bad("it is a folder".into()));
        }
        let bytes = std::fs::read(path).map_err(|e| OpsError::UnreadableFile {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        if files.iter().any(|f| f.name == name) {
            return Err(OpsError::SameNameTwice(name));
        }
        files.push(NewFile { media_type: media_type_for(&name), name, bytes });
    }
    Ok(files)
}
