-- Not in the JSON report: verdicts per model provider and model.
-- Columns: model_provider, model_identifier, artifacts, pass_count, fail_count.
SELECT
  model_provider,
  model_identifier,
  COUNT(*) AS artifacts,
  SUM(CASE WHEN enforcement_result = 'PASS' THEN 1 ELSE 0 END) AS pass_count,
  SUM(CASE WHEN enforcement_result = 'FAIL' THEN 1 ELSE 0 END) AS fail_count
FROM aigc_artifacts
WHERE valid
GROUP BY model_provider, model_identifier
ORDER BY model_provider, model_identifier
