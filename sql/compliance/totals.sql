-- The report's totals (valid artifacts, PASS, FAIL, invalid lines) and the
-- period the valid artifacts cover (epoch seconds).
-- Columns: total_artifacts, pass_count, fail_count, invalid_artifacts, first_timestamp, last_timestamp.
SELECT
  SUM(CASE WHEN valid THEN 1 ELSE 0 END) AS total_artifacts,
  SUM(CASE WHEN valid AND enforcement_result = 'PASS' THEN 1 ELSE 0 END) AS pass_count,
  SUM(CASE WHEN valid AND enforcement_result = 'FAIL' THEN 1 ELSE 0 END) AS fail_count,
  SUM(CASE WHEN valid THEN 0 ELSE 1 END) AS invalid_artifacts,
  MIN(CASE WHEN valid THEN timestamp END) AS first_timestamp,
  MAX(CASE WHEN valid THEN timestamp END) AS last_timestamp
FROM aigc_artifacts
