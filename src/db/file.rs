//! The portfolio file itself, before SQLite opens it: creating it private,
//! letting one process set a new file up while others wait, and telling a
//! read-only file — or a read-only `-wal`/`-shm` beside it — apart.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{APPLICATION_ID, DbError, Result};

/// Held while a new portfolio is set up; other processes wait for it.
pub(super) struct SetUpLock {
    _file: File,
}

/// How folio may open the file.
pub(super) enum Access {
    /// Writable; `lock` is held when the file is not a portfolio yet.
    ReadWrite { lock: Option<SetUpLock> },
    /// The file cannot be written.
    ReadOnly,
}

/// Creates the file (and its folder) if missing, with owner-only
/// permissions, and decides how it can be opened. A file that is empty or
/// not yet a folio portfolio is locked (`flock`) before it is set up, so
/// several processes creating it at once take turns instead of failing.
pub(super) fn prepare(path: &Path) -> Result<Access> {
    let io = |source| DbError::Io { path: path.to_path_buf(), source };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
        std::fs::create_dir_all(parent)
            .map_err(|source| DbError::Io { path: parent.to_path_buf(), source })?;
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied && path.exists() => {
            return Ok(Access::ReadOnly);
        }
        Err(source) => return Err(io(source)),
    };
    if is_portfolio(&file) || super::cipher::looks_encrypted(path) {
        // A portfolio the user may write in a folder they may not: SQLite could
        // not make its log beside it, so it is read (and a write says why).
        if !folder_takes_new_files(path) {
            return Ok(Access::ReadOnly);
        }
        return Ok(Access::ReadWrite { lock: None });
    }
    file.lock().map_err(io)?;
    if file.metadata().map_err(io)?.len() == 0 {
        // A new file, or an empty one named with --db: private from the start.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600)).map_err(io)?;
        }
    }
    Ok(Access::ReadWrite { lock: Some(SetUpLock { _file: file }) })
}

/// Whether SQLite can make its `-wal` beside the file: there is one already,
/// or the folder's permissions let this process add files. Told from the
/// folder's owner and mode against this process's user (the owner of
/// `/proc/self`), without making a file: only a folder that is surely closed
/// to this user (not group- or world-writable, not its own with write, and
/// the user not root) counts as closed; anything else is left to SQLite.
fn folder_takes_new_files(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    if side_file(path, "-wal").exists() {
        return true;
    }
    let dir = crate::scratch::folder_of(path);
    let (Ok(me), Ok(folder)) = (std::fs::metadata("/proc/self"), std::fs::metadata(dir)) else {
        return true;
    };
    let mode = folder.mode();
    me.uid() == 0 || (folder.uid() == me.uid() && mode & 0o200 != 0) || mode & 0o022 != 0
}

/// Whether the file's header says it is a folio portfolio already.
fn is_portfolio(file: &File) -> bool {
    let mut header = [0u8; 100];
    let mut reader = file;
    reader.read_exact(&mut header).is_ok()
        && header.starts_with(b"SQLite format 3\0")
        && i32::from_be_bytes([header[68], header[69], header[70], header[71]]) == APPLICATION_ID
}

/// A `-wal` or `-shm` beside the portfolio that exists but cannot be
/// written: writing would fail on it, not on the portfolio. One that
/// another folio removes meanwhile (the last to close a portfolio deletes
/// its log) is not in the way.
pub(super) fn read_only_side_file(path: &Path) -> Option<PathBuf> {
    ["-wal", "-shm"].into_iter().map(|suffix| side_file(path, suffix)).find(|side| {
        matches!(
            OpenOptions::new().write(true).open(side),
            Err(e) if e.kind() != std::io::ErrorKind::NotFound
        )
    })
}

pub(super) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// How to open a file folio may only read without leaving `-wal`/`-shm`
/// files behind: as immutable, unless a write-ahead log with content is
/// there (then SQLite must read it, and opens it normally).
pub(super) fn read_only_uri(path: &Path) -> Option<String> {
    let wal = side_file(path, "-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return None;
    }
    let text = path.to_str()?;
    let mut uri = String::from("file:");
    for c in text.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            _ => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    Some(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_locked_for_set_up_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        let Access::ReadWrite { lock: Some(_) } = prepare(&path).unwrap() else { panic!("not locked") };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn read_only_uris_escape_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a?b#c%d.db");
        let uri = read_only_uri(&path).unwrap();
        assert!(uri.starts_with("file:") && uri.ends_with("a%3fb%23c%25d.db?immutable=1"), "{uri}");
    }
}
