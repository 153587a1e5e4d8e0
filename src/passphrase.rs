//! Where folio gets the passphrase of an encrypted portfolio: the key
//! `folio unlock` keeps for it in this session, the file descriptor given
//! with `--passphrase-fd N`, the file named by `FOLIO_PASSPHRASE_FILE`, or
//! else a prompt on the terminal that does not echo. Never from a flag's value (it would sit in the shell's history and
//! in `ps`). What was read is kept in memory for this process only.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::db::{DbError, Keyring, Passphrase};
use crate::error::UserError;

/// How many wrong passphrases a prompt takes before giving up.
const PROMPT_TRIES: u32 = 3;
/// The pause after the last wrong try at a prompt, against guessing.
const WRONG_PAUSE: Duration = Duration::from_secs(2);

#[derive(Debug, Clone)]
enum Source {
    Fd(i32),
    File(PathBuf),
    Terminal,
}

/// The passphrase source of this process, and what it gave.
#[derive(Debug)]
pub struct Passphrases {
    source: Source,
    /// What the fd or file held (read once: a pipe can be read only once).
    read: RefCell<Option<Passphrase>>,
    /// The last passphrase that opened a portfolio: tried first on the next.
    opened: RefCell<Option<Passphrase>>,
    /// Whether a key kept by `folio unlock` is left untried (unlock itself asks the passphrase).
    skip_kept: std::cell::Cell<bool>,
}

impl Passphrases {
    /// `--passphrase-fd` wins over `FOLIO_PASSPHRASE_FILE`; else the terminal.
    pub fn from_env(fd: Option<i32>) -> Self {
        let source = match (fd, std::env::var_os("FOLIO_PASSPHRASE_FILE")) {
            (Some(fd), _) => Source::Fd(fd),
            (None, Some(file)) if !file.is_empty() => Source::File(PathBuf::from(file)),
            _ => Source::Terminal,
        };
        Self { source, read: RefCell::new(None), opened: RefCell::new(None), skip_kept: Default::default() }
    }

    /// A passphrase to try first on the next portfolio opened (the key of a
    /// private encrypted copy this process made).
    pub fn remember(&self, passphrase: Passphrase) {
        *self.opened.borrow_mut() = Some(passphrase);
    }

    /// Asks for the passphrase itself from now on, not trying a kept key.
    pub fn without_kept_keys(&self) {
        self.skip_kept.set(true);
    }

    /// The passphrase (or key) that last opened a portfolio in this process.
    pub fn last_opened(&self) -> Option<Passphrase> {
        self.opened.borrow().clone()
    }

    /// The passphrase for a portfolio being encrypted: from the fd or file,
    /// or typed twice at the terminal.
    pub fn choose_new(&self) -> anyhow::Result<Passphrase> {
        match &self.source {
            Source::Terminal => ask_twice("new passphrase"),
            _ => Ok(self.read_source()?),
        }
    }

    /// The passphrase of an age file: from the fd or file, or asked once.
    pub fn for_sealed_file(&self, path: &Path) -> anyhow::Result<Passphrase> {
        match &self.source {
            Source::Terminal => prompt(&format!("passphrase for {}: ", path.display())).map_err(|_| {
                UserError::new(format!(
                    "{} is protected by a passphrase and there is no terminal to type it at",
                    path.display()
                ))
                .hint("name a file holding it with FOLIO_PASSPHRASE_FILE, or give --passphrase-fd N")
                .into()
            }),
            _ => Ok(self.read_source()?),
        }
    }

    /// The fd's or the file's passphrase, read once.
    fn read_source(&self) -> crate::db::Result<Passphrase> {
        if let Some(known) = self.read.borrow().as_ref() {
            return Ok(known.clone());
        }
        let (path, shown) = match &self.source {
            Source::Fd(fd) => (PathBuf::from(format!("/dev/fd/{fd}")), format!("--passphrase-fd {fd}")),
            Source::File(path) => (path.clone(), format!("{} (FOLIO_PASSPHRASE_FILE)", path.display())),
            Source::Terminal => return Err(DbError::NeedsPassphrase { path: PathBuf::new() }),
        };
        let passphrase = read_passphrase_file(&path, &shown)?;
        *self.read.borrow_mut() = Some(passphrase.clone());
        Ok(passphrase)
    }
}

impl Keyring for Passphrases {
    fn passphrase(&self, path: &Path, wrong: u32) -> crate::db::Result<Passphrase> {
        // First what opened a portfolio in this process, then the key kept by `folio unlock`.
        let kept = if self.skip_kept.get() { None } else { crate::unlocked::recall(path) };
        let known: Vec<Passphrase> = self.opened.borrow().clone().into_iter().chain(kept).collect();
        if let Some(first) = known.get(wrong as usize) {
            return Ok(first.clone());
        }
        let tries = wrong - known.len() as u32;
        match &self.source {
            Source::Terminal if tries < PROMPT_TRIES => {
                if tries > 0 {
                    eprintln!("wrong passphrase; try again");
                }
                prompt(&format!("passphrase for {}: ", path.display()))
                    .map_err(|_| DbError::NeedsPassphrase { path: path.to_path_buf() })
            }
            Source::Terminal => {
                std::thread::sleep(WRONG_PAUSE);
                Err(DbError::WrongPassphrase { path: path.to_path_buf() })
            }
            _ if tries == 0 => self.read_source(),
            _ => Err(DbError::WrongPassphrase { path: path.to_path_buf() }),
        }
    }

    fn accepted(&self, _path: &Path, passphrase: &Passphrase) {
        *self.opened.borrow_mut() = Some(passphrase.clone());
    }
}

/// The first line of a file (or `/dev/fd/N`) as a passphrase. `shown` names
/// the file as the user gave it ("notes/pass (FOLIO_PASSPHRASE_FILE)").
pub fn read_passphrase_file(path: &Path, shown: &str) -> crate::db::Result<Passphrase> {
    let failed = |reason: String| DbError::PassphraseFile { shown: shown.to_string(), reason };
    let text = std::fs::read_to_string(path).map_err(|e| {
        failed(match e.kind() {
            std::io::ErrorKind::NotFound => "does not exist".to_string(),
            std::io::ErrorKind::PermissionDenied => "cannot be read (permission denied)".to_string(),
            _ => format!("cannot be read: {e}"),
        })
    })?;
    let first = text.split('\n').next().unwrap_or_default();
    Passphrase::new(first).ok_or_else(|| failed("is empty (its first line is the passphrase)".into()))
}

/// One line typed at the terminal, not echoed.
fn prompt(question: &str) -> std::io::Result<Passphrase> {
    let typed = rpassword::prompt_password(question)?;
    Passphrase::new(&typed).ok_or_else(|| std::io::Error::other("empty passphrase"))
}

/// A new passphrase, typed twice the same.
pub fn ask_twice(what: &str) -> anyhow::Result<Passphrase> {
    let no_terminal = || {
        UserError::new(format!("a {what} is needed and there is no terminal to type it at"))
            .hint("name a file holding it with FOLIO_PASSPHRASE_FILE, or give --passphrase-fd N")
    };
    let first = rpassword::prompt_password(format!("{what}: ")).map_err(|_| no_terminal())?;
    let first =
        Passphrase::new(&first).ok_or_else(|| UserError::new("an empty passphrase protects nothing"))?;
    let again = rpassword::prompt_password(format!("{what} again: ")).map_err(|_| no_terminal())?;
    if Passphrase::new(&again).as_ref() != Some(&first) {
        return Err(UserError::new("the two passphrases differ; nothing changed").into());
    }
    Ok(first)
}
