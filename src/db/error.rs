//! What can go wrong with the portfolio file, in words a user can act on.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("{path} is not a folio portfolio")]
    NotAPortfolio { path: PathBuf },
    #[error(
        "{path} was written by a newer folio (schema version {found}; this folio knows up to {supported})"
    )]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    #[error("wrong passphrase or not a folio portfolio: {path}")]
    WrongPassphrase { path: PathBuf },
    #[error("{path} is encrypted and no passphrase was given")]
    NeedsPassphrase { path: PathBuf },
    #[error("{path} already exists")]
    AlreadyExists { path: PathBuf },
    #[error("{path} was written by an older folio")]
    OlderPortfolio { path: PathBuf },
    #[error("the portfolio {path} is busy: another folio command is writing to it")]
    Busy { path: PathBuf },
    #[error("the portfolio {path} is read-only")]
    ReadOnly { path: PathBuf },
    #[error("cannot open the portfolio {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// The passphrase file (FOLIO_PASSPHRASE_FILE or --passphrase-fd) cannot be used.
    #[error("the passphrase file {shown} {reason}")]
    PassphraseFile { shown: String, reason: String },
    #[error("{0}")]
    UnreadableEntry(crate::db::unreadable::Unreadable),
    #[error("the portfolio file is damaged: {0}")]
    Damaged(String),
    #[error("no entry with id {0}")]
    NoSuchEntry(crate::model::EntryId),
    #[error("no goal with id {0}")]
    NoSuchGoal(crate::model::GoalId),
    #[error("no action with id {0}")]
    NoSuchAction(crate::model::ActionId),
    #[error("no mentor named '{0}'")]
    NoSuchMentor(String),
    #[error("there is already a mentor named '{0}'")]
    MentorExists(String),
    #[error("entry {id} is a {kind}, not a meeting")]
    NotAMeeting { id: crate::model::EntryId, kind: crate::model::EntryKind },
    #[error("{0} is the mentee's, shared for review: a review file takes verdicts and feedback, not changes")]
    SharedForReview(String),
    #[error("the bytes of attachment '{name}' (SHA-256 {sha256}) are missing from the portfolio")]
    MissingBlob { name: String, sha256: String },
    #[error("{at}: {reason}")]
    BadRecord { at: String, reason: String },
    #[error("no framework with key '{0}'")]
    NoSuchFramework(String),
    #[error("unknown reference '{reference}': {reason}")]
    BadReference { reference: String, reason: String, suggestions: Vec<String> },
    #[error("invalid search query '{query}': {reason}")]
    BadQuery { query: String, reason: String },
    #[error(transparent)]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for DbError {
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) => DbError::Damaged(error.to_string()),
            _ => DbError::Sqlite(error),
        }
    }
}

impl DbError {
    /// Classifies an error met while opening `path`.
    pub(crate) fn from_open(error: rusqlite::Error, path: &Path) -> Self {
        match error.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => DbError::NotAPortfolio { path: path.to_path_buf() },
            Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
                DbError::Unreadable { path: path.to_path_buf(), reason: error.to_string() }
            }
            _ => DbError::from(error).at_path(path),
        }
    }

    /// Fills in the path and turns SQLite's busy/read-only codes into their own kinds.
    pub(crate) fn at_path(self, path: &Path) -> Self {
        let path = path.to_path_buf();
        match self {
            DbError::NotAPortfolio { .. } => DbError::NotAPortfolio { path },
            DbError::TooNew { found, supported, .. } => DbError::TooNew { path, found, supported },
            DbError::OlderPortfolio { .. } => DbError::OlderPortfolio { path },
            DbError::Sqlite(e) => match e.sqlite_error_code() {
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => DbError::Busy { path },
                Some(ErrorCode::ReadOnly) => DbError::ReadOnly { path },
                Some(ErrorCode::NotADatabase) => DbError::NotAPortfolio { path },
                _ => DbError::Sqlite(e),
            },
            other => other,
        }
    }

    pub(crate) fn at_path_opt(self, path: Option<&Path>) -> Self {
        match path {
            Some(path) => self.at_path(path),
            None => self,
        }
    }

    /// Whether the portfolio file itself could not be used (exit code 3).
    pub fn is_file_problem(&self) -> bool {
        match self {
            DbError::NotAPortfolio { .. }
            | DbError::TooNew { .. }
            | DbError::Busy { .. }
            | DbError::ReadOnly { .. }
            | DbError::Unreadable { .. }
            | DbError::WrongPassphrase { .. }
            | DbError::NeedsPassphrase { .. }
            | DbError::Damaged(_) => true,
            DbError::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked | ErrorCode::ReadOnly)
            ),
            _ => false,
        }
    }

    /// What the user can do about it, if anything.
    pub fn hint(&self) -> Option<String> {
        match self {
            DbError::NotAPortfolio { .. } => {
                Some("point --db (or FOLIO_DB) at a folio portfolio, or at a new file to create one".into())
            }
            DbError::TooNew { .. } => Some("upgrade folio to open this portfolio".into()),
            DbError::PassphraseFile { .. } => Some(
                "a passphrase file holds the passphrase on its first line (FOLIO_PASSPHRASE_FILE, --passphrase-fd N)".into(),
            ),
            DbError::NeedsPassphrase { .. } => Some(
                "type it at the prompt on a terminal, or name a file holding it with FOLIO_PASSPHRASE_FILE, or give --passphrase-fd N"
                    .into(),
            ),
            DbError::OlderPortfolio { path } => {
                Some(format!("open it once with this folio (`folio --db {} check`) to bring it up to date", path.display()))
            }
            DbError::Busy { .. } => Some("wait for the other folio command to finish, then try again".into()),
            DbError::ReadOnly { .. } => Some("check the permissions of the file and its folder".into()),
            DbError::NoSuchEntry(_) => {
                Some("`folio list` shows the ids; `folio trash` shows deleted entries".into())
            }
            DbError::NoSuchGoal(_) => {
                Some("`folio goal list --status all` shows the ids; `folio trash` shows deleted goals".into())
            }
            DbError::NoSuchAction(_) => {
                Some("`folio action list` shows the ids; `folio trash` shows deleted actions".into())
            }
            DbError::NoSuchMentor(_) => Some("`folio mentor list` shows the names".into()),
            DbError::MentorExists(_) => Some(
                "`folio mentor show NAME` shows them; use another name (e.g. with an initial) for someone else"
                    .into(),
            ),
            DbError::SharedForReview(_) => Some(
                "record a verdict with `folio verdict ID …`, or your own feedback with `folio add feedback TITLE`"
                    .into(),
            ),
            DbError::NotAMeeting { .. } => {
                Some("`folio list --kind meeting` shows the meetings and their ids".into())
            }
            DbError::UnreadableEntry(_) => {
                Some("`folio check` lists every unreadable entry; fix or remove it with another SQLite tool".into())
            }
            DbError::Damaged(_) => Some(
                "run `folio check` to see what is damaged; restore the file from a backup (`folio backup` makes one)"
                    .into(),
            ),
            DbError::MissingBlob { .. } => {
                Some("run `folio check` to see every problem in the portfolio".into())
            }
            DbError::NoSuchFramework(_) => Some(
                "`folio framework list` shows the frameworks; add one with `folio framework import FILE`"
                    .into(),
            ),
            DbError::BadReference { suggestions, .. } if !suggestions.is_empty() => {
                Some(format!("did you mean {}?", suggestions.join(" or ")))
            }
            DbError::BadReference { .. } => {
                Some("`folio framework show KEY` lists the codes, levels and numbered indicators".into())
            }
            DbError::BadQuery { .. } => {
                Some("put phrases in double quotes; AND, OR, NOT and prefix* are supported".into())
            }
            _ => None,
        }
    }
}
