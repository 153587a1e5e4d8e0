-- A feedback entry its reviewer signed carries its Verifiable Credential
-- (docs/trust.md); it goes when the entry is deleted for good.
CREATE TABLE entry_credentials (
    entry_id   INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
    credential TEXT    NOT NULL CHECK (json_valid(credential))
);
