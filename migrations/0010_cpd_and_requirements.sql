-- CPD records as the NMC log keeps them, practice hours, and requirement sets.

-- A course's CPD method (course, e-learning, conference, …), its relevance to
-- practice, and the parts of a code it relates to (a JSON array of text).
ALTER TABLE entries ADD COLUMN method TEXT CHECK (method IS NULL OR kind = 'course');
ALTER TABLE entries ADD COLUMN relevance TEXT CHECK (relevance IS NULL OR kind = 'course');
ALTER TABLE entries ADD COLUMN standards TEXT CHECK (standards IS NULL OR kind = 'course');
-- Hours of practice in a role (a regulator's practice-hours requirement).
ALTER TABLE entries ADD COLUMN practice_hours REAL
    CHECK (practice_hours IS NULL OR (kind = 'role' AND practice_hours >= 0));

-- Requirement sets imported from files (the built-in ones live in the binary),
-- and the ones the user follows in `folio agenda`.
CREATE TABLE requirement_sets (
    key         TEXT PRIMARY KEY COLLATE NOCASE,
    text        TEXT NOT NULL,
    imported_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE tracked_requirements (
    key TEXT PRIMARY KEY COLLATE NOCASE,
    -- the day the requirement must be met by (a revalidation date), if given
    due TEXT
) WITHOUT ROWID;

-- `requirements check` reads what its rules count of thousands of entries;
-- this index holds all of it, so the entry rows (and their bodies) stay unread.
CREATE INDEX entries_requirement_facts ON entries
    (deleted_at, date_key, kind, private, id, end_date_key, date, end_date, template, participatory, hours,
     practice_hours, method);
