//! Operations that span tables, each run inside one write transaction the
//! caller opens: a command parses its flags, calls one of these with a
//! [`Tx`](crate::db::Tx), and prints. Nothing here parses flags or prints.

pub mod document_data;
pub mod entry;
pub mod files;
pub mod give_verdict;
pub mod held;
pub mod identifiers;
pub mod merge;
mod merge_entry;
mod merge_plan;
pub mod page;
pub mod plan;
pub mod share;
pub mod sync;
pub mod take_review;
pub mod take_verdicts;

use crate::db::DbError;
use crate::model::EntryId;

/// Why an operation refused; the message is shown to the user as is.
#[derive(Debug, thiserror::Error)]
pub enum OpsError {
    #[error("entry {entry} already has an attachment named '{name}'")]
    DuplicateAttachment { entry: EntryId, name: String },
    #[error("cannot attach '{path}': {reason}")]
    BadFile { path: String, reason: String },
    #[error("cannot read attachment '{path}': {reason}")]
    UnreadableFile { path: String, reason: String },
    #[error("two files named '{0}' given; attach them to different entries or rename one")]
    SameNameTwice(String),
    /// A verdicts file that says what its review pack could not have.
    #[error("{0}")]
    Edited(String),
    /// Refused, with what to do instead.
    #[error("{message}")]
    Refused { message: String, hint: Option<String> },
    #[error(transparent)]
    Db(#[from] DbError),
}

impl OpsError {
    /// What the user can do about it, if anything.
    pub fn hint(&self) -> Option<String> {
        match self {
            OpsError::DuplicateAttachment { entry, name } => {
                Some(format!("detach it first with `folio detach {entry} '{name}'`"))
            }
            OpsError::Refused { hint, .. } => hint.clone(),
            OpsError::Db(db) => db.hint(),
            _ => None,
        }
    }

    pub fn refused(message: impl Into<String>, hint: Option<String>) -> Self {
        OpsError::Refused { message: message.into(), hint }
    }

    /// Whether the portfolio file itself could not be used (exit code 3).
    pub fn is_file_problem(&self) -> bool {
        matches!(self, OpsError::Db(db) if db.is_file_problem())
    }
}

pub type Result<T, E = OpsError> = std::result::Result<T, E>;
