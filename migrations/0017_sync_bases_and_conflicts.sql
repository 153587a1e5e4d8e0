-- Three-way sync: what two copies last agreed on, and conflicts kept as data.
--
-- `sync_state.token` is written on both copies by a two-way sync, so a base
-- is used only while both still name the same sync; `one_sided` marks a row
-- written on one copy alone (the copy made by `folio backup`, or a sync with
-- a read-only copy), trusted by itself.
--
-- `sync_base` holds, per other copy and per record, a short hash of each
-- field as the two copies last agreed on it (no text: the base says only
-- whether a field changed since).
--
-- `field_clock` says, per record, when each field last changed as this copy
-- knows it (a digest and a stamp; the digest `-` for a field removed): the
-- later change of a field wins on every copy, so any number of copies
-- synced in any order end equal.
--
-- `conflicts` keeps both values of a field changed on both copies (or a
-- deletion against an edit); the record holds the `kept` value until the
-- user settles it with `folio conflicts resolve`.
ALTER TABLE sync_state ADD COLUMN token TEXT;
-- the token before it: a sync killed after one copy committed and before the
-- other did leaves them one token apart, and the older base still holds
ALTER TABLE sync_state ADD COLUMN previous_token TEXT;
ALTER TABLE sync_state ADD COLUMN one_sided INTEGER NOT NULL DEFAULT 0 CHECK (one_sided IN (0, 1));

CREATE TABLE sync_base (
    peer       TEXT NOT NULL,
    record     TEXT NOT NULL,
    -- the record's updated_at when its digests were taken
    updated_at TEXT NOT NULL,
    hashes     TEXT NOT NULL,
    PRIMARY KEY (peer, record)
) WITHOUT ROWID;

CREATE TABLE field_clock (
    record     TEXT PRIMARY KEY,
    -- the record's updated_at when the clock was brought up to date
    updated_at TEXT NOT NULL,
    clock      TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE conflicts (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    record        TEXT NOT NULL,
    label         TEXT NOT NULL,
    field         TEXT NOT NULL,
    kept          TEXT NOT NULL,
    kept_replica  TEXT NOT NULL,
    kept_device   TEXT NOT NULL,
    other         TEXT NOT NULL,
    other_replica TEXT NOT NULL,
    other_device  TEXT NOT NULL,
    found_at      TEXT NOT NULL,
    resolved_at   TEXT,
    resolution    TEXT
);
CREATE INDEX conflicts_open ON conflicts (resolved_at, record);
