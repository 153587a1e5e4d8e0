-- The same scheme from `folio cohort … --csv > cohort.csv`: mentees with
-- claims still waiting for a verdict, most waiting first.
SELECT mentee, pending, last_activity
  FROM read_csv('cohort.csv', header = true)
 WHERE pending > 0
 ORDER BY pending DESC, mentee;
