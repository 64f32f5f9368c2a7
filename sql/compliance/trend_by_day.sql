-- Not in the JSON report: verdicts per UTC day.
-- Columns: dt, artifacts, pass_count, fail_count, compliance_rate (percent, 0 to 100).
SELECT
  dt,
  COUNT(*) AS artifacts,
  SUM(CASE WHEN enforcement_result = 'PASS' THEN 1 ELSE 0 END) AS pass_count,
  SUM(CASE WHEN enforcement_result = 'FAIL' THEN 1 ELSE 0 END) AS fail_count,
  ROUND(100.0 * SUM(CASE WHEN enforcement_result = 'PASS' THEN 1 ELSE 0 END) / COUNT(*), 2) AS compliance_rate
FROM aigc_artifacts
WHERE valid
GROUP BY dt
ORDER BY dt
