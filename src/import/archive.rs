//! The files of an export as it arrives: a ZIP archive (LinkedIn's "Get a
//! copy of your data", Day One's JSON export) or the folder it unzips to.
//! Files are found by name anywhere inside, in any case; each is read only
//! when asked for, and none larger than [`limits::INPUT_BYTES`].

use std::io::{Read, Seek};
use std::path::{Path, PathBuf};

use super::FormatError;
use crate::model::limits;

/// An export's files.
pub enum Archive {
    Zip(zip::ZipArchive<Box<dyn ReadSeek>>),
    Folder {
        root: PathBuf,
        files: Vec<String>,
    },
    /// One file given on its own (a Day One journal without its photos).
    Single {
        name: String,
        bytes: Vec<u8>,
    },
}

/// The bytes a ZIP archive starts with.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// What a ZIP archive is read from: its file, or its bytes (decrypted).
pub trait ReadSeek: Read + Seek {}

impl<T: Read + Seek> ReadSeek for T {}

impl Archive {
    /// A ZIP archive, read from a file or from bytes; its files are read only when asked for.
    pub fn zip(from: impl ReadSeek + 'static) -> Result<Self, FormatError> {
        let from: Box<dyn ReadSeek> = Box::new(from);
        let archive = zip::ZipArchive::new(from).map_err(|e| format!("not a readable ZIP archive: {e}"))?;
        Ok(Archive::Zip(archive))
    }

    /// A folder's files, two levels deep (an export's own subfolders).
    pub fn folder(root: &Path) -> Result<Self, FormatError> {
        let mut files = Vec::new();
        collect(root, root, 0, &mut files).map_err(|e| format!("cannot read the folder: {e}"))?;
        files.sort();
        Ok(Archive::Folder { root: root.to_path_buf(), files })
    }

    /// When a file was last changed, as the archive or the folder says.
    pub fn modified(&mut self, path: &str) -> Option<chrono::NaiveDate> {
        match self {
            Archive::Zip(zip) => {
                let stamp = zip.by_name(path).ok()?.last_modified()?;
                chrono::NaiveDate::from_ymd_opt(stamp.year().into(), stamp.month().into(), stamp.day().into())
            }
            Archive::Folder { root, .. } => {
                let modified = std::fs::metadata(root.join(path)).ok()?.modified().ok()?;
                Some(chrono::DateTime::<chrono::Utc>::from(modified).date_naive())
            }
            Archive::Single { .. } => None,
        }
    }

    /// Every file's path inside, `/`-separated.
    pub fn names(&self) -> Vec<String> {
        match self {
            Archive::Zip(zip) => zip
                .file_names()
                .filter_map(Result::ok)
                .filter(|n| !n.ends_with('/'))
                .map(|n| n.into_owned())
                .collect(),
            Archive::Folder { files, .. } => files.clone(),
            Archive::Single { name, .. } => vec![name.clone()],
        }
    }

    /// The path of the file named `name` (any case, in any folder), the shallowest first.
    pub fn find(&self, name: &str) -> Option<String> {
        let mut found: Vec<String> =
            self.names().into_iter().filter(|path| file_name(path).eq_ignore_ascii_case(name)).collect();
        found.sort_by_key(|path| path.matches('/').count());
        found.into_iter().next()
    }

    /// A file's bytes.
    pub fn read(&mut self, path: &str) -> Result<Vec<u8>, FormatError> {
        let too_large = || format!("{path} is larger than folio reads ({} MB)", limits::INPUT_BYTES >> 20);
        match self {
            Archive::Zip(zip) => {
                let file = zip.by_name(path).map_err(|e| format!("cannot read {path}: {e}"))?;
                if file.size() > limits::INPUT_BYTES {
                    return Err(too_large().into());
                }
                let mut bytes = Vec::with_capacity(file.size() as usize);
                // Read at most the limit: the size a ZIP states may not be the size it holds.
                file.take(limits::INPUT_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| format!("cannot read {path}: {e}"))?;
                if bytes.len() as u64 > limits::INPUT_BYTES {
                    return Err(too_large().into());
                }
                Ok(bytes)
            }
            Archive::Folder { root, .. } => {
                let full = root.join(path);
                if std::fs::metadata(&full).map(|m| m.len()).unwrap_or(0) > limits::INPUT_BYTES {
                    return Err(too_large().into());
                }
                std::fs::read(&full).map_err(|e| format!("cannot read {path}: {e}").into())
            }
            Archive::Single { name, bytes } if name == path => Ok(bytes.clone()),
            Archive::Single { .. } => Err(format!("{path} is not in it").into()),
        }
    }

    /// A file's text, without a byte-order mark.
    pub fn text(&mut self, path: &str) -> Result<String, FormatError> {
        let bytes = self.read(path)?;
        let text = String::from_utf8(bytes).map_err(|_| format!("{path} is not UTF-8 text"))?;
        Ok(crate::model::format::without_bom(&text).to_string())
    }
}

/// The last part of a path inside an archive.
pub fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn collect(root: &Path, dir: &Path, depth: usize, out: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() && depth < 2 {
            collect(root, &path, depth + 1, out)?;
        } else if kind.is_file()
            && let Ok(relative) = path.strip_prefix(root)
        {
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}
