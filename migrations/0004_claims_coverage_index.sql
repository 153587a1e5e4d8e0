-- Migration 4: coverage reads every claim of a framework; this index holds
-- all it needs (competency, level, indicator, entry, and the claim's id), so
-- no claim row is read. It replaces the narrower claims_by_competency.
CREATE INDEX claims_coverage ON claims (competency_id, level_id, indicator_id, entry_id);
DROP INDEX claims_by_competency;
