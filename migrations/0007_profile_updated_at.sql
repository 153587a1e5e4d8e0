-- When the profile last changed, so a merge keeps the newer profile instead
-- of whichever came last. NULL for a profile saved before this version.
ALTER TABLE profile ADD COLUMN updated_at TEXT;
