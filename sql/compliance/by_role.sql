-- Not in the JSON report: verdicts per role.
-- Columns: role, artifacts, pass_count, fail_count.
SELECT
  role,
  COUNT(*) AS artifacts,
  SUM(CASE WHEN enforcement_result = 'PASS' THEN 1 ELSE 0 END) AS pass_count,
  SUM(CASE WHEN enforcement_result = 'FAIL' THEN 1 ELSE 0 END) AS fail_count
FROM aigc_artifacts
WHERE valid
GROUP BY role
ORDER BY role
