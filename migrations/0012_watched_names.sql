-- The names of other people `folio scan` and every export watch for
-- (patients, colleagues, clients): a finding wherever they appear.
CREATE TABLE watched_names (
    name     TEXT NOT NULL PRIMARY KEY COLLATE NOCASE CHECK (length(trim(name)) > 0),
    added_at TEXT NOT NULL
);
