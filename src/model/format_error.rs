//! The error of text that cannot be read as its format (a TOML file, a
//! JSON document, a CSV export): one line saying what and where.

/// Why text could not be read as its format; the message says what and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FormatError(pub String);

impl From<String> for FormatError {
    fn from(message: String) -> Self {
        FormatError(message)
    }
}

impl From<&str> for FormatError {
    fn from(message: &str) -> Self {
        FormatError(message.to_string())
    }
}
