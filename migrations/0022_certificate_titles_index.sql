-- The agenda and `list --expiring` read every live certificate with an
-- expiry, newest first, to leave out a renewed one (a later certificate of
-- the same title). This narrower index holds only what they read; the
-- calendar, which also needs each certificate's uuid and last change, looks
-- those up for the latest of each title. At a million entries (40,276
-- certificates) the scan reads 5 MB less and takes 5 ms instead of 9.
DROP INDEX entries_certificate_expiry;
CREATE INDEX entries_certificate_titles
    ON entries (date_key, id, title, expires)
    WHERE kind = 'certificate' AND deleted_at IS NULL AND expires IS NOT NULL;
