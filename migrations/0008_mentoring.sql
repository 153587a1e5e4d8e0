-- The mentoring loop: goals that are closed on a date (and why one was
-- dropped), actions that stand alone, have an owner, a note and their own
-- stamp, both with a trash; mentors; meetings held with someone; reflections
-- started from a framework's question; those questions themselves.

ALTER TABLE goals ADD COLUMN set_on TEXT;     -- the day it was set; NULL: the day it was stored
ALTER TABLE goals ADD COLUMN closed_on TEXT;  -- the day it was done or dropped
ALTER TABLE goals ADD COLUMN reason TEXT;     -- why it was dropped
ALTER TABLE goals ADD COLUMN deleted_at TEXT; -- set while in the trash

-- `goal_id` was nullable already: an action may stand without a goal.
ALTER TABLE actions ADD COLUMN owner TEXT;    -- who does it; NULL is the portfolio's owner
ALTER TABLE actions ADD COLUMN note TEXT;     -- what came of it, said when it was done
ALTER TABLE actions ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN deleted_at TEXT;
UPDATE actions SET updated_at = created_at;
CREATE INDEX actions_open_by_due ON actions (done_date, due);
CREATE INDEX goals_by_status ON goals (status, due);

-- A mentoring relationship: who, in what role, since when, how often to meet.
CREATE TABLE mentors (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT    NOT NULL UNIQUE,
    name                TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    role                TEXT    NOT NULL DEFAULT 'mentor'
                                CHECK (role IN ('mentor', 'supervisor', 'assessor', 'coach', 'line-manager')),
    since               TEXT,
    until               TEXT,
    email               TEXT,
    -- how often you agreed to meet: 4w, 1m, …
    meet_every          TEXT,
    -- the signed contract, stored like an attachment
    contract_name       TEXT,
    contract_media_type TEXT,
    contract_size       INTEGER,
    contract_sha256     TEXT    REFERENCES blobs (sha256),
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    CHECK ((contract_name IS NULL) = (contract_sha256 IS NULL))
);

-- The person a meeting was held with (a mentor's name, or anyone's).
ALTER TABLE entries ADD COLUMN meeting_with TEXT CHECK (meeting_with IS NULL OR kind = 'meeting');
-- The question a reflection was started from.
ALTER TABLE entries ADD COLUMN prompt TEXT CHECK (prompt IS NULL OR kind = 'reflection');
CREATE INDEX entries_meetings_by_person ON entries (meeting_with COLLATE NOCASE, date_key)
    WHERE meeting_with IS NOT NULL;

-- A framework's questions for reflection: one per competency, and the
-- framework's own "questions to consider", by topic.
ALTER TABLE competencies ADD COLUMN question TEXT;
CREATE TABLE framework_prompts (
    framework_id INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    topic        TEXT    NOT NULL,
    text         TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    PRIMARY KEY (framework_id, position)
) WITHOUT ROWID;

-- Goals and actions are searched like entries.
CREATE VIRTUAL TABLE goal_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE action_fts USING fts5 (text, note, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO goal_fts (rowid, title, body) SELECT id, title, body FROM goals;
INSERT INTO action_fts (rowid, text, note) SELECT id, text, '' FROM actions;

CREATE TRIGGER goals_fts_insert AFTER INSERT ON goals BEGIN
    INSERT INTO goal_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER goals_fts_update AFTER UPDATE OF title, body ON goals BEGIN
    UPDATE goal_fts SET title = new.title, body = new.body WHERE rowid = new.id;
END;
CREATE TRIGGER goals_fts_delete AFTER DELETE ON goals BEGIN
    DELETE FROM goal_fts WHERE rowid = old.id;
END;
CREATE TRIGGER actions_fts_insert AFTER INSERT ON actions BEGIN
    INSERT INTO action_fts (rowid, text, note) VALUES (new.id, new.text, coalesce(new.note, ''));
END;
CREATE TRIGGER actions_fts_update AFTER UPDATE OF text, note ON actions BEGIN
    UPDATE action_fts SET text = new.text, note = coalesce(new.note, '') WHERE rowid = new.id;
END;
CREATE TRIGGER actions_fts_delete AFTER DELETE ON actions BEGIN
    DELETE FROM action_fts WHERE rowid = old.id;
END;
