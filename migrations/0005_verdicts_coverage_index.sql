-- Migration 5: coverage reads every verdict in order of entry, then time;
-- this index holds all it needs (entry, date, id, claim, verdict), in that
-- order, so no verdict row is read and nothing is sorted. It replaces the
-- narrower verdicts_by_entry.
CREATE INDEX verdicts_coverage ON verdicts (entry_id, date, id, claim_id, verdict);
DROP INDEX verdicts_by_entry;
