-- The language a person's documents are written in (BCP 47, e.g. en-GB, cy,
-- ar): the PDFs' /Lang and the HTML page's lang. Empty means en-GB.
ALTER TABLE profile ADD COLUMN lang TEXT;
