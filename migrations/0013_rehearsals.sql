-- When each competency's story was last rehearsed with `folio rehearse`,
-- so the next session starts with the one rehearsed longest ago.
CREATE TABLE rehearsals (
    reference TEXT NOT NULL PRIMARY KEY,
    last_at   TEXT NOT NULL,
    times     INTEGER NOT NULL DEFAULT 1 CHECK (times >= 1)
);
