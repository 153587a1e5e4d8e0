-- The agenda, `list --expiring` and the calendar read every live
-- certificate with an expiry, oldest first: from this index alone, in its
-- order, instead of one entry row (a page read each) per certificate.
CREATE INDEX entries_certificate_expiry
    ON entries (date_key, id, title, date, expires, uuid, updated_at)
    WHERE kind = 'certificate' AND deleted_at IS NULL AND expires IS NOT NULL;
