-- HTML review packs (`folio share --html`): the SHA-256 of the page folio
-- wrote (with its own digest blanked), and the claims and entries the page
-- asked a verdict on, so a verdicts file that names anything else is known
-- to have been edited.
ALTER TABLE shares ADD COLUMN pack_sha256 TEXT;

CREATE TABLE share_items (
    share_id TEXT NOT NULL REFERENCES shares (share_id) ON DELETE CASCADE,
    -- a claim's or an entry's UUID
    uuid     TEXT NOT NULL,
    PRIMARY KEY (share_id, uuid)
) WITHOUT ROWID;
