-- Migration 2: let coverage, gaps and the documents find the live, visible
-- entries from an index instead of reading every entry row (with its body)
-- to check `deleted_at` and `private`.
CREATE INDEX entries_visibility ON entries (deleted_at, private, id);
