-- Migration 16: coverage and gaps read how many entries evidence each cell
-- and indicator from counts kept as claims, verdicts and entries change,
-- instead of reading every claim and verdict (330,000 and 110,000 of them
-- in a portfolio of a million entries).
--
-- Triggers only note which entries changed (evidence_stale); the write
-- transaction that changed them works out their evidence again before it
-- commits (`db::evidence::settle`). While an entry is noted, readers do not
-- trust the counts and count from the claims, as before.

-- Entries whose evidence is to be worked out again.
CREATE TABLE evidence_stale (
    entry_id INTEGER PRIMARY KEY
);

-- What each live entry evidences: a row per cell it counts in (indicator 0)
-- and per indicator it claims (level 0). A claim counts at its own level,
-- else at its indicator's (0: at no level). `accepted`: the verdict that decides
-- one of the entry's claims there is `accepted`.
CREATE TABLE evidence_of_entry (
    entry_id      INTEGER NOT NULL,
    competency_id INTEGER NOT NULL,
    level_id      INTEGER NOT NULL,
    indicator_id  INTEGER NOT NULL,
    private       INTEGER NOT NULL,
    accepted      INTEGER NOT NULL,
    PRIMARY KEY (entry_id, competency_id, level_id, indicator_id)
) WITHOUT ROWID;
-- The entries behind one indicator (gaps lists those not yet accepted).
CREATE INDEX evidence_by_indicator ON evidence_of_entry (indicator_id, entry_id, private)
    WHERE indicator_id <> 0;

-- evidence_of_entry summed: how many entries, and how many accepted, per
-- cell or indicator, private entries apart.
CREATE TABLE evidence_counts (
    competency_id INTEGER NOT NULL,
    level_id      INTEGER NOT NULL,
    indicator_id  INTEGER NOT NULL,
    private       INTEGER NOT NULL,
    entries       INTEGER NOT NULL,
    accepted      INTEGER NOT NULL,
    PRIMARY KEY (competency_id, level_id, indicator_id, private)
) WITHOUT ROWID;

CREATE TRIGGER evidence_claim_added AFTER INSERT ON claims BEGIN
    INSERT OR IGNORE INTO evidence_stale VALUES (new.entry_id);
END;
CREATE TRIGGER evidence_claim_removed AFTER DELETE ON claims BEGIN
    INSERT OR IGNORE INTO evidence_stale VALUES (old.entry_id);
END;
CREATE TRIGGER evidence_claim_changed AFTER UPDATE OF entry_id, competency_id, level_id, indicator_id ON claims BEGIN
    INSERT OR IGNORE INTO evidence_stale VALUES (old.entry_id), (new.entry_id);
END;
CREATE TRIGGER evidence_verdict_added AFTER INSERT ON verdicts BEGIN
    INSERT OR IGNORE INTO evidence_stale VALUES (new.entry_id);
END;
CREATE TRIGGER evidence_verdict_removed AFTER DELETE ON verdicts BEGIN
    INSERT OR IGNORE INTO evidence_stale VALUES (old.entry_id);
END;
CREATE TRIGGER evidence_verdict_changed AFTER UPDATE OF entry_id, claim_id, verdict, date ON verdicts BEGIN
    INSERT OR IGNORE INTO evidence_stale VALUES (old.entry_id), (new.entry_id);
END;
CREATE TRIGGER evidence_entry_shown AFTER UPDATE OF deleted_at, private ON entries
    WHEN old.deleted_at IS NOT new.deleted_at OR old.private IS NOT new.private BEGIN
    INSERT OR IGNORE INTO evidence_stale VALUES (new.id);
END;
CREATE TRIGGER evidence_entry_removed AFTER DELETE ON entries BEGIN
    INSERT OR IGNORE INTO evidence_stale VALUES (old.id);
END;
CREATE TRIGGER evidence_indicator_moved AFTER UPDATE OF level_id, competency_id ON indicators BEGIN
    INSERT OR IGNORE INTO evidence_stale SELECT entry_id FROM claims WHERE indicator_id = new.id;
END;

-- Every entry with a claim, worked out when this migration commits.
INSERT INTO evidence_stale SELECT DISTINCT entry_id FROM claims;
