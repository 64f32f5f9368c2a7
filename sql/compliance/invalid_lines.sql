-- The first 50 lines that are not valid artifacts, in trail order, and why.
-- Columns: source_file, line_number, invalid_reason, invalid_message.
SELECT source_file, line_number, invalid_reason, invalid_message
FROM aigc_artifacts
WHERE NOT valid
ORDER BY source_index, line_number, line_record
LIMIT 50
