//! Rows folio cannot read — text that is not UTF-8, written into the file by
//! another tool or a damaged disk. A listing or export leaves such an entry
//! out and says so (the handle collects them: [`Conn::take_unreadable`]),
//! instead of failing as a whole; `check` names every one.

use std::fmt;

use super::{Conn, Result};

/// An entry that could not be read, and the column at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub entry: i64,
    pub column: String,
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entry {}: its {} is not valid UTF-8 text", self.entry, self.column)
    }
}

/// The column index of an error converting a value, if it is one.
fn conversion_column(error: &rusqlite::Error) -> Option<usize> {
    match error {
        rusqlite::Error::Utf8Error(i, _)
        | rusqlite::Error::FromSqlConversionFailure(i, _, _)
        | rusqlite::Error::InvalidColumnType(i, _, _) => Some(*i),
        _ => None,
    }
}

/// Keeps the rows read (`(entry id, result)`); notes on `conn` each entry
/// with a value that could not be converted, naming the column with
/// `column_name`, and returns their ids too. Any other error ends the read.
pub(super) fn sort_out<T>(
    conn: &Conn,
    rows: impl Iterator<Item = rusqlite::Result<(i64, rusqlite::Result<T>)>>,
    column_name: impl Fn(usize) -> String,
) -> Result<(Vec<T>, Vec<i64>)> {
    let (mut kept, mut left_out) = (Vec::new(), Vec::new());
    for row in rows {
        let (entry, value) = row?;
        match value {
            Ok(value) => kept.push(value),
            Err(e) => match conversion_column(&e) {
                Some(column) => {
                    conn.note_unreadable(Unreadable { entry, column: column_name(column) });
                    left_out.push(entry);
                }
                None => return Err(e.into()),
            },
        }
    }
    Ok((kept, left_out))
}
