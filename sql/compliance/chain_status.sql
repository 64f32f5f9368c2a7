-- Not in the JSON report: per trail file and chain, how many artifacts, the
-- first and last chain_index, indexes missing in between (a gap; run
-- `aigc chain verify` to check links and checksums), and how many are signed.
-- Columns: source_file, chain_id, artifacts, first_index, last_index, missing_indexes, signed, unsigned.
SELECT
  source_file,
  chain_id,
  COUNT(*) AS artifacts,
  MIN(chain_index) AS first_index,
  MAX(chain_index) AS last_index,
  MAX(chain_index) - MIN(chain_index) + 1 - COUNT(DISTINCT chain_index) AS missing_indexes,
  SUM(CASE WHEN signature IS NOT NULL THEN 1 ELSE 0 END) AS signed,
  SUM(CASE WHEN signature IS NULL THEN 1 ELSE 0 END) AS unsigned
FROM aigc_artifacts
WHERE valid
GROUP BY source_file, chain_id
ORDER BY source_file, chain_id
