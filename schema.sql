-- folio portfolio schema — migration 1.
--
-- This file is the first migration: a fresh portfolio runs it once and sets
-- `PRAGMA user_version = 1`. It is never edited after release; later changes go
-- into `migrations/NNNN_<why>.sql` and are applied in order by `src/db/migrate.rs`.
--
-- Dates a user types keep their precision: `date` holds `YYYY`, `YYYY-MM` or
-- `YYYY-MM-DD` exactly as given, and `date_key` holds the first day it covers
-- (`YYYY-MM-DD`) so sorting and range filters use an index. Timestamps are
-- RFC 3339 in UTC.

CREATE TABLE entries (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid           TEXT    NOT NULL UNIQUE,
    kind           TEXT    NOT NULL CHECK (kind IN ('achievement', 'qualification', 'certificate',
                                                    'course', 'role', 'reflection', 'feedback',
                                                    'meeting', 'evidence')),
    title          TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    body           TEXT    NOT NULL DEFAULT '',
    date           TEXT    NOT NULL,
    date_key       TEXT    NOT NULL,
    end_date       TEXT,
    end_date_key   TEXT,
    organisation   TEXT,
    private        INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    -- course
    hours          REAL    CHECK (hours IS NULL OR hours >= 0),
    participatory  INTEGER CHECK (participatory IS NULL OR participatory IN (0, 1)),
    -- certificate
    credential_id  TEXT,
    url            TEXT,
    expires        TEXT,
    -- qualification
    grade          TEXT,
    -- feedback
    feedback_from  TEXT,
    -- reflection / achievement
    template       TEXT    CHECK (template IS NULL OR template IN ('gibbs', 'rolfe', 'star')),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    -- set when the entry is in the trash; NULL for live entries
    deleted_at     TEXT,
    CHECK (end_date_key IS NULL OR end_date_key >= date_key),
    CHECK (hours IS NULL OR kind = 'course'),
    CHECK (participatory IS NULL OR kind = 'course'),
    CHECK ((credential_id IS NULL AND url IS NULL AND expires IS NULL) OR kind = 'certificate'),
    CHECK (grade IS NULL OR kind = 'qualification'),
    CHECK (feedback_from IS NULL OR kind = 'feedback'),
    CHECK (template IS NULL OR kind IN ('reflection', 'achievement'))
);
CREATE INDEX entries_live_by_date    ON entries (deleted_at, date_key DESC, id DESC);
CREATE INDEX entries_live_by_created ON entries (deleted_at, created_at DESC, id DESC);
CREATE INDEX entries_kind_by_date    ON entries (kind, deleted_at, date_key DESC);

-- The named sections of a template (Gibbs, Rolfe, STAR), in template order.
CREATE TABLE entry_sections (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    name     TEXT    NOT NULL,
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (entry_id, name)
) WITHOUT ROWID;

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0)
);

CREATE TABLE entry_tags (
    entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX entry_tags_by_tag ON entry_tags (tag_id, entry_id);

-- Evidence files: the bytes are stored once per SHA-256, whatever their names.
CREATE TABLE blobs (
    sha256 TEXT    PRIMARY KEY CHECK (length(sha256) = 64),
    size   INTEGER NOT NULL CHECK (size >= 0),
    data   BLOB    NOT NULL
);

CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL CHECK (length(name) > 0),
    media_type TEXT    NOT NULL,
    size       INTEGER NOT NULL CHECK (size >= 0),
    sha256     TEXT    NOT NULL REFERENCES blobs (sha256),
    created_at TEXT    NOT NULL,
    UNIQUE (entry_id, name)
);
CREATE INDEX attachments_by_blob ON attachments (sha256);

-- The portfolio owner: exactly one row, id 1.
CREATE TABLE profile (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    name     TEXT,
    headline TEXT,
    email    TEXT,
    phone    TEXT,
    location TEXT,
    summary  TEXT
);

-- Personal attributes, job skills and personal skills (the "Personal Profile").
CREATE TABLE profile_items (
    kind     TEXT    NOT NULL CHECK (kind IN ('attribute', 'job-skill', 'personal-skill')),
    position INTEGER NOT NULL,
    text     TEXT    NOT NULL CHECK (length(text) > 0),
    PRIMARY KEY (kind, position)
) WITHOUT ROWID;

-- Competency frameworks ----------------------------------------------------

CREATE TABLE frameworks (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(key) > 0),
    title       TEXT NOT NULL,
    source      TEXT,
    description TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE framework_levels (
    id           INTEGER PRIMARY KEY,
    framework_id INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    code         TEXT    NOT NULL COLLATE NOCASE,
    title        TEXT    NOT NULL,
    description  TEXT,
    position     INTEGER NOT NULL,
    UNIQUE (framework_id, code)
);

CREATE TABLE competencies (
    id           INTEGER PRIMARY KEY,
    framework_id INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    code         TEXT    NOT NULL COLLATE NOCASE,
    title        TEXT    NOT NULL,
    definition   TEXT,
    parent_id    INTEGER REFERENCES competencies (id) ON DELETE SET NULL,
    position     INTEGER NOT NULL,
    -- the identifier in the file it came from (a CASE GUID), for re-imports
    external_id  TEXT,
    UNIQUE (framework_id, code)
);
CREATE INDEX competencies_by_parent ON competencies (parent_id);

CREATE TABLE indicators (
    id            INTEGER PRIMARY KEY,
    competency_id INTEGER NOT NULL REFERENCES competencies (id) ON DELETE CASCADE,
    level_id      INTEGER REFERENCES framework_levels (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    text          TEXT    NOT NULL
);
CREATE INDEX indicators_by_competency ON indicators (competency_id, level_id, position);

-- An entry offered as evidence of a competency, optionally at a level or for one indicator.
CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT    NOT NULL UNIQUE,
    entry_id      INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    competency_id INTEGER NOT NULL REFERENCES competencies (id),
    level_id      INTEGER REFERENCES framework_levels (id),
    indicator_id  INTEGER REFERENCES indicators (id),
    note          TEXT,
    created_at    TEXT    NOT NULL
);
CREATE UNIQUE INDEX claims_unique
    ON claims (entry_id, competency_id, coalesce(level_id, 0), coalesce(indicator_id, 0));
CREATE INDEX claims_by_competency ON claims (competency_id, level_id);

-- An assessor's judgement. Append-only: the newest per entry/claim counts.
CREATE TABLE verdicts (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT    NOT NULL UNIQUE,
    entry_id   INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    claim_id   INTEGER REFERENCES claims (id) ON DELETE CASCADE,
    verdict    TEXT    NOT NULL CHECK (verdict IN ('accepted', 'needs-more', 'not-accepted')),
    assessor   TEXT    NOT NULL CHECK (length(assessor) > 0),
    comment    TEXT,
    date       TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX verdicts_by_entry ON verdicts (entry_id, date DESC);
CREATE INDEX verdicts_by_claim ON verdicts (claim_id);

-- Self-assessment: "How expert am I? How often do I do it?", dated.
CREATE TABLE ratings (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT    NOT NULL UNIQUE,
    competency_id INTEGER NOT NULL REFERENCES competencies (id) ON DELETE CASCADE,
    indicator_id  INTEGER REFERENCES indicators (id) ON DELETE CASCADE,
    expertise     INTEGER NOT NULL CHECK (expertise BETWEEN 1 AND 5),
    frequency     INTEGER NOT NULL CHECK (frequency BETWEEN 1 AND 5),
    date          TEXT    NOT NULL,
    note          TEXT,
    created_at    TEXT    NOT NULL
);
CREATE INDEX ratings_by_item ON ratings (competency_id, indicator_id, date);

-- Objectives and the actions agreed towards them.
CREATE TABLE goals (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT    NOT NULL UNIQUE,
    title      TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    body       TEXT    NOT NULL DEFAULT '',
    due        TEXT,
    status     TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
    private    INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE goal_competencies (
    goal_id       INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    competency_id INTEGER NOT NULL REFERENCES competencies (id) ON DELETE CASCADE,
    PRIMARY KEY (goal_id, competency_id)
) WITHOUT ROWID;

CREATE TABLE actions (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT    NOT NULL UNIQUE,
    goal_id    INTEGER REFERENCES goals (id) ON DELETE CASCADE,
    -- the meeting entry in which the action was agreed, if any
    meeting_id INTEGER REFERENCES entries (id) ON DELETE SET NULL,
    text       TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    due        TEXT,
    done_date  TEXT,
    position   INTEGER NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX actions_by_goal ON actions (goal_id, position);
CREATE INDEX actions_by_meeting ON actions (meeting_id);

-- Full-text search ----------------------------------------------------------
--
-- One row per entry (rowid = entries.id) over the text a user searches:
-- title, body, template sections, tags and organisation. Triggers keep it in
-- step with every table that feeds it.

-- While `deferred` is 1 (only ever inside a bulk-import transaction), the
-- triggers stand aside and the importer indexes the entries it wrote in one
-- statement at the end: FTS5 flushes its index at every statement boundary,
-- so indexing row by row through triggers costs many times more.
CREATE TABLE search_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    deferred INTEGER NOT NULL DEFAULT 0 CHECK (deferred IN (0, 1))
);
INSERT INTO search_state (id, deferred) VALUES (1, 0);

CREATE VIRTUAL TABLE entry_fts USING fts5 (
    title, body, sections, tags, organisation,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries
    WHEN (SELECT deferred FROM search_state) = 0 BEGIN
    INSERT INTO entry_fts (rowid, title, body, sections, tags, organisation)
    VALUES (new.id, new.title, new.body, '', '', coalesce(new.organisation, ''));
END;

CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body, organisation ON entries
    WHEN (SELECT deferred FROM search_state) = 0 BEGIN
    UPDATE entry_fts
       SET title = new.title, body = new.body, organisation = coalesce(new.organisation, '')
     WHERE rowid = new.id;
END;

CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries
    WHEN (SELECT deferred FROM search_state) = 0 BEGIN
    DELETE FROM entry_fts WHERE rowid = old.id;
END;

CREATE TRIGGER sections_fts_insert AFTER INSERT ON entry_sections
    WHEN (SELECT deferred FROM search_state) = 0 BEGIN
    UPDATE entry_fts
       SET sections = (SELECT group_concat(text, ' ') FROM entry_sections WHERE entry_id = new.entry_id)
     WHERE rowid = new.entry_id;
END;

CREATE TRIGGER sections_fts_update AFTER UPDATE ON entry_sections
    WHEN (SELECT deferred FROM search_state) = 0 BEGIN
    UPDATE entry_fts
       SET sections = (SELECT group_concat(text, ' ') FROM entry_sections WHERE entry_id = new.entry_id)
     WHERE rowid = new.entry_id;
END;

CREATE TRIGGER sections_fts_delete AFTER DELETE ON entry_sections
    WHEN (SELECT deferred FROM search_state) = 0 BEGIN
    UPDATE entry_fts
       SET sections = coalesce((SELECT group_concat(text, ' ') FROM entry_sections
                                 WHERE entry_id = old.entry_id), '')
     WHERE rowid = old.entry_id;
END;

CREATE TRIGGER entry_tags_fts_insert AFTER INSERT ON entry_tags
    WHEN (SELECT deferred FROM search_state) = 0 BEGIN
    UPDATE entry_fts
       SET tags = (SELECT group_concat(t.name, ' ') FROM entry_tags et JOIN tags t ON t.id = et.tag_id
                    WHERE et.entry_id = new.entry_id)
     WHERE rowid = new.entry_id;
END;

CREATE TRIGGER entry_tags_fts_delete AFTER DELETE ON entry_tags
    WHEN (SELECT deferred FROM search_state) = 0 BEGIN
    UPDATE entry_fts
       SET tags = coalesce((SELECT group_concat(t.name, ' ') FROM entry_tags et JOIN tags t ON t.id = et.tag_id
                             WHERE et.entry_id = old.entry_id), '')
     WHERE rowid = old.entry_id;
END;
