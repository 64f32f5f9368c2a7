// `aigc export parquet`: its help, arguments and flags (run: src/cli/run-export-parquet.ts).
import {defineCommand} from '../start/spec.js';

export const EXPORT_PARQUET = defineCommand({
  id: 'export:parquet',
  summary: 'Write audit trails as a Hive-partitioned Parquet dataset for DuckDB, Trino, Spark or Athena.',
  description: `Reads each TRAIL (JSONL audit artifacts) and writes one row per line to a Parquet dataset in DIR (zstd; folders dt=YYYY-MM-DD/policy=…/part-RUN-N.parquet): every artifact field as a typed column, and the source file, line number, the line's leaf index and hash in the trail's checkpoint log (SHA-256(0x00 || line), as chain checkpoints use), and whether the line is a valid artifact (as compliance export counts it). The columns and their types: aigc schema parquet.

The JSONL trail stays the record of integrity: the dataset is a derived copy. Its manifest (DIR/_aigc_dataset.json) records, for each trail, how far it was read, the checkpoint log's tree size and root there, and the signed checkpoint found beside the trail (TRAIL.checkpoint).

Run it again over grown trails and only the new lines are added (as files of a new run); a trail whose earlier lines changed is refused. A last line without its newline is left for a later run.

Needs the optional dependency @duckdb/node-api.

Exit status: 0 dataset written, 1 a trail was rewritten since the last export, 2 usage error, 3 a trail or DIR cannot be read or written, or DuckDB is not installed.`,
  examples: [
    {description: 'Export a day of trails', command: '<%= config.bin %> <%= command.id %> audit-2026-01-*.jsonl -o dataset/'},
    {description: 'Partition by day only, and print the Athena table for its S3 copy', command: '<%= config.bin %> <%= command.id %> audit.jsonl -o dataset/ --partition-by day --athena-ddl s3://audit-bucket/aigc/'},
  ],
  args: {trail: {description: 'JSONL audit trail; several may be given.', required: true}},
  variadic: true,
  flags: {
    output: {type: 'string', char: 'o', description: 'Dataset folder (made when absent; extended when it holds a dataset).', helpValue: 'DIR', required: true},
    'partition-by': {
      type: 'string',
      description: 'Partition folders: day, policy, both in that order (default day,policy) or none. A dataset keeps the partitioning it was made with.',
      helpValue: 'KEYS',
      options: ['day,policy', 'day', 'policy', 'none'],
    },
    'athena-ddl': {
      type: 'string',
      description: 'Print on stdout the Athena CREATE EXTERNAL TABLE (with partition projection) for the dataset copied to this S3 location.',
      helpValue: 'S3_URI',
    },
  },
});
