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
