-- Sharing with a reviewer and syncing copies.
--
-- `portfolio` names this portfolio once, so its review files and its copies
-- on other devices can be recognised; `shares` lists the review files it
-- wrote. A review file (written by `folio share`) holds one `review_manifest`
-- row and, in `review_shared`, the UUIDs of the mentee's records it carries,
-- which stay read-only there.

CREATE TABLE portfolio (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    uuid       TEXT    NOT NULL
);
INSERT INTO portfolio (id, uuid)
SELECT 1, lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-8'
                || substr(h, 18, 3) || '-' || substr(h, 21, 12))
  FROM (SELECT hex(randomblob(16)) AS h);

CREATE TABLE shares (
    share_id   TEXT    PRIMARY KEY,
    reviewer   TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    -- what was selected, as the command line said it (JSON)
    selection  TEXT    NOT NULL,
    entries    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE review_manifest (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    share_id       TEXT    NOT NULL,
    portfolio_uuid TEXT    NOT NULL,
    owner          TEXT,
    reviewer       TEXT    NOT NULL CHECK (length(trim(reviewer)) > 0),
    created_at     TEXT    NOT NULL,
    selection      TEXT    NOT NULL
);

CREATE TABLE review_shared (
    uuid TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Sync between copies of one portfolio (`folio sync`).
--
-- `replica` names this copy (a copied file gets a new one at its first
-- sync); `sync_state` says when this copy last synced with each other one,
-- so a record changed on both sides since then is a conflict. `tombstones`
-- remember, by UUID alone (no text), what was deleted for good, so the
-- other copy deletes it too; triggers keep them for every delete.
CREATE TABLE replica (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    uuid TEXT    NOT NULL
);
INSERT INTO replica (id, uuid) SELECT 1, lower(hex(randomblob(16)));

CREATE TABLE sync_state (
    peer           TEXT PRIMARY KEY,
    last_synced_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE tombstones (
    uuid       TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    deleted_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER entries_tombstone AFTER DELETE ON entries BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, deleted_at)
    VALUES (old.uuid, 'entry', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER claims_tombstone AFTER DELETE ON claims BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, deleted_at)
    VALUES (old.uuid, 'claim', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER verdicts_tombstone AFTER DELETE ON verdicts BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, deleted_at)
    VALUES (old.uuid, 'verdict', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER ratings_tombstone AFTER DELETE ON ratings BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, deleted_at)
    VALUES (old.uuid, 'rating', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER goals_tombstone AFTER DELETE ON goals BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, deleted_at)
    VALUES (old.uuid, 'goal', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
CREATE TRIGGER actions_tombstone AFTER DELETE ON actions BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, deleted_at)
    VALUES (old.uuid, 'action', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
-- A file detached from a live entry: named by the entry, the name and the bytes.
CREATE TRIGGER attachments_tombstone AFTER DELETE ON attachments
    WHEN EXISTS (SELECT 1 FROM entries WHERE id = old.entry_id) BEGIN
    INSERT OR REPLACE INTO tombstones (uuid, kind, deleted_at)
    VALUES ((SELECT uuid FROM entries WHERE id = old.entry_id) || '/' || old.name || '@' || old.sha256,
            'attachment', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
