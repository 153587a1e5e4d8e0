-- Migration 3: the search index holds live entries only. Moving an entry to
-- the trash takes it out of `entry_fts`; restoring it puts it back. Search
-- then ranks on the index alone, without checking every match against the
-- entries table.
DELETE FROM entry_fts WHERE rowid IN (SELECT id FROM entries WHERE deleted_at IS NOT NULL);

CREATE TRIGGER entries_fts_trash AFTER UPDATE OF deleted_at ON entries
    WHEN new.deleted_at IS NOT NULL AND old.deleted_at IS NULL
     AND (SELECT deferred FROM search_state) = 0 BEGIN
    DELETE FROM entry_fts WHERE rowid = new.id;
END;

CREATE TRIGGER entries_fts_restore AFTER UPDATE OF deleted_at ON entries
    WHEN new.deleted_at IS NULL AND old.deleted_at IS NOT NULL
     AND (SELECT deferred FROM search_state) = 0 BEGIN
    INSERT INTO entry_fts (rowid, title, body, sections, tags, organisation)
    SELECT e.id, e.title, e.body,
           coalesce((SELECT group_concat(text, ' ') FROM entry_sections s WHERE s.entry_id = e.id), ''),
           coalesce((SELECT group_concat(t.name, ' ') FROM entry_tags et JOIN tags t ON t.id = et.tag_id
                      WHERE et.entry_id = e.id), ''),
           coalesce(e.organisation, '')
      FROM entries e WHERE e.id = new.id;
END;
