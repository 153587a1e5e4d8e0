-- Evidence per competency across a scheme: every mentee's `folio export json`
-- in exports/, one file each. For each competency of the framework: how many
-- mentees evidence it, with how many entries, and how many of those claims
-- carry an accepted verdict as their newest.
WITH entries AS (
    SELECT filename AS portfolio, unnest(entries) AS entry
      FROM read_json('exports/*.json', filename = true, maximum_object_size = 1073741824)
),
claims AS (
    SELECT portfolio, entry.uuid AS entry_uuid, entry.verdicts AS verdicts, unnest(entry.claims) AS claim
      FROM entries
),
judged AS (
    SELECT portfolio, entry_uuid, claim.ref AS ref,
           -- verdicts are newest first: the first on this claim (or on the whole entry) decides
           list_filter(verdicts, lambda v: v.claim IS NULL OR v.claim = claim.ref)[1].verdict AS verdict
      FROM claims
)
SELECT split_part(ref, '/', 2)                                     AS competency,
       count(DISTINCT portfolio)                                   AS mentees,
       count(DISTINCT entry_uuid)                                  AS entries,
       count(DISTINCT CASE WHEN verdict = 'accepted' THEN entry_uuid END) AS accepted
  FROM judged
 WHERE split_part(ref, '/', 1) = 'emcc'
 GROUP BY competency
 ORDER BY competency;
