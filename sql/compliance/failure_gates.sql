-- The report's failure_gates_summary: FAIL artifacts by failure_gate, 'unknown'
-- when the artifact has no failure_gate field, 'null' when it is null.
-- Columns: gate, artifacts.
SELECT gate, COUNT(*) AS artifacts
FROM (
  SELECT
    CASE
      WHEN NOT failure_gate_present THEN 'unknown'
      WHEN failure_gate IS NULL THEN 'null'
      ELSE failure_gate
    END AS gate
  FROM aigc_artifacts
  WHERE valid AND enforcement_result = 'FAIL'
) AS failed
GROUP BY gate
ORDER BY gate
