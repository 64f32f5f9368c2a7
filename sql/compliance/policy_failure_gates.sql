-- The report's failure_gates of each policy: the distinct non-empty gates of
-- its artifacts that did not pass, with where each was first seen (list them
-- in that order).
-- Columns: policy_file, failure_gate, source_index, line_number, line_record.
SELECT policy_file, failure_gate, source_index, line_number, line_record
FROM (
  SELECT
    policy_file,
    failure_gate,
    source_index,
    line_number,
    line_record,
    ROW_NUMBER() OVER (PARTITION BY policy_file, failure_gate ORDER BY source_index, line_number, line_record) AS seen
  FROM aigc_artifacts
  WHERE valid AND enforcement_result <> 'PASS' AND failure_gate IS NOT NULL AND failure_gate <> ''
) AS gates
WHERE seen = 1
ORDER BY policy_file, source_index, line_number, line_record
