-- Migration 6: `search --kind/--since` checks every full-text match against
-- the entry's kind and date. Looking those up in the table reads the entry
-- rows, bodies and all; this narrow index answers from a few pages.
CREATE INDEX entries_search_filter ON entries (id, kind, date_key);
