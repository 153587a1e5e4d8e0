//! The temporary files folio makes, and what a killed folio left of them.
//!
//! Every temporary file or folder folio makes carries its maker's process
//! id in its name: `.folio-copy-PID-…` (a copy being encrypted, decrypted
//! or re-keyed), `.folio-backup-PID-…` and `.folio-writing-PID-….partial`
//! beside the file being written, and `folio-sealed-PID-…` and
//! `folio-share-PID-…` folders (mode 0700, only this user can open them) in
//! the system's temporary folder for the decrypted copy of an age file. A
//! folio killed mid-command leaves them behind; the next folio command that
//! looks in that folder ([`sweep`]) removes those whose process is gone and
//! says so once. Where the system cannot tell which processes are alive
//! (no `/proc`), what is older than a day goes.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The names folio gives its temporary files and folders, each followed by `PID-`.
pub const COPY: &str = ".folio-copy-";
pub const BACKUP: &str = ".folio-backup-";
pub const WRITING: &str = ".folio-writing-";
pub const SEALED: &str = "folio-sealed-";
pub const SHARE: &str = "folio-share-";
const ALL: [&str; 5] = [COPY, BACKUP, WRITING, SEALED, SHARE];

/// The start of the name of a temporary file or folder of this process.
pub fn prefix(kind: &str) -> String {
    format!("{kind}{}-", std::process::id())
}

/// The folder a file goes in ("." for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// A temporary file of `kind` beside `target`, in its folder (what killed
/// folio processes left there swept first), to be renamed over it once whole.
pub fn beside(target: &Path, kind: &str, suffix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = folder_of(target);
    sweep(dir);
    tempfile::Builder::new().prefix(&prefix(kind)).suffix(suffix).tempfile_in(dir)
}

/// A new folder in the system's temporary folder that only this user can
/// open, for what must have a path for a while (a decrypted copy).
pub fn private_dir(kind: &str) -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::Builder::new().prefix(&prefix(kind)).tempdir()?;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))?;
    Ok(dir)
}

/// Removes from `dir` the temporary files and folders killed folio
/// processes left there; returns how many.
pub fn sweep(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(rest) = ALL.iter().find_map(|p| name.strip_prefix(p)) else { continue };
        let pid = rest.split('-').next().and_then(|n| n.parse::<u32>().ok());
        if !left_behind(pid, &entry) {
            continue;
        }
        let path = entry.path();
        let gone = if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
        if gone.is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether the process that made a temporary file is gone.
fn left_behind(pid: Option<u32>, entry: &std::fs::DirEntry) -> bool {
    let proc_known = Path::new("/proc/self").exists();
    match pid {
        Some(pid) if pid == std::process::id() => false,
        Some(pid) if proc_known => !Path::new(&format!("/proc/{pid}")).exists(),
        // An older folio's name (no process id), or no way to tell: by age.
        _ => {
            let day_ago = SystemTime::now() - Duration::from_secs(24 * 3600);
            let hour_ago = SystemTime::now() - Duration::from_secs(3600);
            let limit = if pid.is_none() { hour_ago } else { day_ago };
            entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < limit)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_gone_process_left_is_swept_and_what_this_one_makes_is_not() {
        let dir = tempfile::tempdir().unwrap();
        // A process id that cannot be alive (above the kernel's limit of 2^22).
        let dead = dir.path().join(format!("{COPY}9999999-abc.db"));
        std::fs::write(&dead, b"left by a killed folio").unwrap();
        std::fs::create_dir(dir.path().join(format!("{SEALED}9999999-xyz"))).unwrap();
        let mine = dir.path().join(format!("{}abc.partial", prefix(WRITING)));
        std::fs::write(&mine, b"being written").unwrap();
        let other = dir.path().join("notes.txt");
        std::fs::write(&other, b"the user's").unwrap();
        assert_eq!(sweep(dir.path()), 2);
        assert!(!dead.exists() && mine.exists() && other.exists());
        let private = private_dir(SEALED).unwrap();
        let mode = std::fs::metadata(private.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
