//! The two handles the rest of folio gets on the portfolio's tables.
//!
//! [`Conn`] reads: every table module's read functions take `&Conn`. [`Tx`]
//! is one immediate write transaction, and the only way to change anything:
//! write functions take `&Tx`, and a `Tx` reads too (it derefs to `Conn`).
//! The SQLite connection itself never leaves `src/db/`: the methods that
//! reach it are visible inside this module tree only.

use std::cell::RefCell;
use std::ops::Deref;

use rusqlite::{CachedStatement, Connection, Params, Row, Statement};

use super::cipher::Passphrase;
use super::unreadable::Unreadable;

/// A read handle on an open portfolio.
pub struct Conn {
    conn: Connection,
    /// Kept for copies (a backup) that must be encrypted the same way.
    key: Option<Passphrase>,
    /// Entries left out of what was read, because they could not be read.
    unreadable: RefCell<Vec<Unreadable>>,
}

/// One write transaction; all of it lands, or none ([`super::Db::write`]).
pub struct Tx<'a> {
    conn: &'a Conn,
}

impl Deref for Tx<'_> {
    type Target = Conn;

    fn deref(&self) -> &Conn {
        self.conn
    }
}

impl<'a> Tx<'a> {
    pub(in crate::db) fn begin(conn: &'a Conn) -> rusqlite::Result<Self> {
        conn.conn.execute_batch("BEGIN IMMEDIATE")?;
        Ok(Self { conn })
    }

    /// A handle whose writes each commit at once, for unit tests.
    #[cfg(test)]
    pub(in crate::db) fn autocommit(conn: &'a Conn) -> Self {
        Self { conn }
    }

    /// Settles the evidence counts of what changed ([`super::evidence`]), then commits.
    pub(in crate::db) fn commit(self) -> super::Result<()> {
        let result = super::evidence::settle(&self.conn.conn)
            .and_then(|()| Ok(self.conn.conn.execute_batch("COMMIT")?));
        if result.is_err() {
            self.rollback();
        }
        result
    }

    pub(in crate::db) fn rollback(self) {
        // Failing to roll back leaves the transaction to the connection's
        // close, which rolls it back too; the first error is the one to report.
        let _ = self.conn.conn.execute_batch("ROLLBACK");
    }
}

impl Conn {
    pub(in crate::db) fn new(conn: Connection, key: Option<Passphrase>) -> Self {
        Self { conn, key, unreadable: RefCell::new(Vec::new()) }
    }

    /// The passphrase the portfolio was opened with; none for a plain one.
    pub(in crate::db) fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// The entries left out of the reads so far because they could not be
    /// read (each once), emptying the list.
    pub fn take_unreadable(&self) -> Vec<Unreadable> {
        let mut found = self.unreadable.take();
        found.sort_by_key(|u| u.entry);
        found.dedup_by_key(|u| u.entry);
        found
    }

    pub(in crate::db) fn note_unreadable(&self, unreadable: Unreadable) {
        self.unreadable.borrow_mut().push(unreadable);
    }

    pub(in crate::db) fn raw(&self) -> &Connection {
        &self.conn
    }

    pub(in crate::db) fn raw_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub(in crate::db) fn prepare_cached(&self, sql: &str) -> rusqlite::Result<CachedStatement<'_>> {
        self.conn.prepare_cached(sql)
    }

    pub(in crate::db) fn prepare(&self, sql: &str) -> rusqlite::Result<Statement<'_>> {
        self.conn.prepare(sql)
    }

    pub(in crate::db) fn execute<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.conn.execute(sql, params)
    }

    pub(in crate::db) fn execute_batch(&self, sql: &str) -> rusqlite::Result<()> {
        self.conn.execute_batch(sql)
    }

    pub(in crate::db) fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.conn.query_row(sql, params, f)
    }

    pub(in crate::db) fn last_insert_rowid(&self) -> i64 {
        self.conn.last_insert_rowid()
    }
}
