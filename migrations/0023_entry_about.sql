-- Entries about entries: a reflection about a course or a meeting, evidence
-- about a role. A link names the other entry by UUID, so it survives sync and
-- imports in any order (the entry it names may arrive later) and the trash (a
-- link to a trashed entry is kept and shown again when it is restored). The
-- second index answers "what was written about this entry".
CREATE TABLE entry_about (
    entry_id   INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    about_uuid TEXT    NOT NULL CHECK (length(about_uuid) > 0),
    PRIMARY KEY (entry_id, about_uuid)
) WITHOUT ROWID;
CREATE INDEX entry_about_by_target ON entry_about (about_uuid, entry_id);
