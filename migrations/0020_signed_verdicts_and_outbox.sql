-- A verdict its reviewer signed carries its Verifiable Credential (JSON,
-- docs/trust.md); an unsigned one has none.
ALTER TABLE verdicts ADD COLUMN credential TEXT CHECK (credential IS NULL OR json_valid(credential));

-- The outbox: one row for every file that left the portfolio (export,
-- export pdf, share): what, when, for whom, and the records in it. Never
-- deleted with an entry: it says what went out, not what is kept.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT    NOT NULL UNIQUE,
    sent_at         TEXT    NOT NULL,
    -- the command as typed, less its values that are paths ("export pdf --profile evidence")
    command         TEXT    NOT NULL,
    format          TEXT    NOT NULL,
    -- the output's file name (no folder), or NULL for standard output
    file_name       TEXT,
    sha256          TEXT    NOT NULL,
    -- reviewer names and age recipients (JSON array of strings)
    recipients      TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(recipients)),
    -- the records in it: a set of outbox_records (the same set is kept once)
    records         TEXT    NOT NULL REFERENCES outbox_records (sha256),
    include_private INTEGER NOT NULL DEFAULT 0 CHECK (include_private IN (0, 1)),
    redacted        INTEGER NOT NULL DEFAULT 0 CHECK (redacted IN (0, 1))
);
CREATE INDEX outbox_sent_at ON outbox (sent_at);

-- The UUIDs of the records (entries, goals, actions) some file held, sorted,
-- 16 bytes each, named by the SHA-256 of those bytes: exporting the same
-- portfolio again adds a line, not another copy of the list.
CREATE TABLE outbox_records (
    sha256 TEXT PRIMARY KEY,
    uuids  BLOB NOT NULL
) WITHOUT ROWID;
