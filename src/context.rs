//! What every command needs besides its own flags: where the portfolio is,
//! the terminal, and the clock (pinned by `FOLIO_TODAY` for scripts and tests).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, Local, NaiveDate, Utc};

use crate::db::{self, Db, Unlock};
use crate::error::UserError;
use crate::model::PartialDate;
use crate::output::Ui;
use crate::passphrase::Passphrases;
use crate::sealed::Unsealer;

pub struct Context {
    pub ui: Ui,
    pub db_path: PathBuf,
    /// The day relative dates (`today`, `3 days ago`) are counted from.
    pub today: NaiveDate,
    pub busy_timeout: Duration,
    /// Where an encrypted portfolio's passphrase comes from.
    pub passphrases: Passphrases,
    /// age secret keys for reading files encrypted to them (`--identity`).
    pub identity_files: Vec<PathBuf>,
    /// Whether this command may create the portfolio when there is none
    /// (only commands that add something do: [`crate::commands::creates_portfolio`]).
    pub may_create: std::cell::Cell<bool>,
    /// Whether files written for someone else are recorded in the outbox
    /// (not the demo's own documents: they are made to look at, not sent).
    pub records_outbox: bool,
}

impl Context {
    /// Reads `FOLIO_TODAY` and `FOLIO_BUSY_TIMEOUT_MS`, and finds the portfolio.
    pub fn from_env(db: Option<PathBuf>, passphrase_fd: Option<i32>, ui: Ui) -> anyhow::Result<Self> {
        let db_path = match db {
            Some(path) if !path.as_os_str().is_empty() => path,
            _ => default_db_path()?,
        };
        let today = match std::env::var("FOLIO_TODAY") {
            Ok(text) if !text.trim().is_empty() => text
                .parse::<PartialDate>()
                .ok()
                .filter(|d| d.to_string().len() == 10)
                .map(|d| d.first_day())
                .ok_or_else(|| {
                    UserError::new(format!("FOLIO_TODAY must be a YYYY-MM-DD date, not '{text}'"))
                })?,
            _ => Local::now().date_naive(),
        };
        let busy_timeout = match std::env::var("FOLIO_BUSY_TIMEOUT_MS") {
            Ok(ms) => Duration::from_millis(ms.trim().parse().map_err(|_| {
                UserError::new(format!("FOLIO_BUSY_TIMEOUT_MS must be a number of milliseconds, not '{ms}'"))
            })?),
            Err(_) => db::DEFAULT_BUSY_TIMEOUT,
        };
        Ok(Self {
            ui,
            db_path,
            today,
            busy_timeout,
            passphrases: Passphrases::from_env(passphrase_fd),
            identity_files: Vec::new(),
            may_create: std::cell::Cell::new(true),
            records_outbox: true,
        })
    }

    /// Opens (creating if needed) the portfolio.
    /// A command that only reads (or changes what is there) refuses a
    /// missing file, naming it; one that adds something creates the
    /// portfolio ([`crate::commands::run`] says so, or removes it again
    /// when the command fails).
    pub fn open_db(&self) -> anyhow::Result<Db> {
        let missing = !self.db_path.exists();
        if missing && !self.may_create.get() {
            return Err(UserError::new(format!("there is no portfolio at {}", self.db_path.display()))
                .hint("`folio init` or `folio add` makes one; --db (or FOLIO_DB) names another file")
                .into());
        }
        self.open_db_at(&self.db_path)
    }

    /// Opens (creating if needed) the portfolio at `path`, encrypted or not.
    pub fn open_db_at(&self, path: &Path) -> anyhow::Result<Db> {
        Ok(Db::open_with(path, self.busy_timeout, Unlock::With(&self.passphrases))?)
    }

    /// Opens another portfolio only to read it ([`Db::open_other`]).
    pub fn open_other(&self, path: &Path) -> crate::db::Result<Db> {
        Db::open_other(path, self.busy_timeout, &self.passphrases)
    }

    /// Opens age-encrypted input with `--identity` keys or the passphrase.
    pub fn unsealer(&self) -> Unsealer<'_> {
        Unsealer { identity_files: &self.identity_files, passphrases: &self.passphrases }
    }

    /// A file's bytes, decrypted first if it is an age file.
    pub fn read_input(&self, path: &Path) -> anyhow::Result<Vec<u8>> {
        let bytes = std::fs::read(path)
            .map_err(|e| UserError::new(format!("cannot read {}: {e}", path.display())))?;
        if crate::sealed::is_sealed(&bytes) {
            return Ok(self.unsealer().open(&bytes, path)?.0);
        }
        Ok(bytes)
    }

    /// Reads a date as the user typed it, relative to today.
    pub fn parse_date(&self, text: &str) -> anyhow::Result<PartialDate> {
        Ok(PartialDate::parse(text, self.today).map_err(|e| UserError::new(e.to_string()))?)
    }

    /// The stored timestamp for "now".
    pub fn now(&self) -> String {
        db::timestamp(now_utc())
    }
}

fn now_utc() -> DateTime<Utc> {
    Utc::now()
}

/// `<data dir>/folio/portfolio.db`, e.g. `~/.local/share/folio/portfolio.db`.
pub fn default_db_path() -> anyhow::Result<PathBuf> {
    let dirs = directories::BaseDirs::new()
        .context("cannot find your home folder to keep the portfolio in; pass --db PATH or set FOLIO_DB")?;
    Ok(dirs.data_dir().join("folio").join("portfolio.db"))
}
