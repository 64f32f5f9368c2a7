-- The report's policies: per policy file, the policy_version of its first
-- artifact in trail order, its PASS count and the count of every other verdict.
-- Columns: policy_file, policy_version, pass_count, fail_count.
SELECT
  policy_file,
  MAX(CASE WHEN seen = 1 THEN policy_version END) AS policy_version,
  SUM(CASE WHEN enforcement_result = 'PASS' THEN 1 ELSE 0 END) AS pass_count,
  SUM(CASE WHEN enforcement_result = 'PASS' THEN 0 ELSE 1 END) AS fail_count
FROM (
  SELECT
    policy_file,
    policy_version,
    enforcement_result,
    ROW_NUMBER() OVER (PARTITION BY policy_file ORDER BY source_index, line_number, line_record) AS seen
  FROM aigc_artifacts
  WHERE valid
) AS artifacts
GROUP BY policy_file
ORDER BY policy_file
