/**
 * Generated from schemas/parquet_dataset.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

import type {PyFloat} from '../../python/values.js';

/**
 * One row of the Parquet dataset `aigc export parquet` writes: one line of an audit trail, its place in the trail's checkpoint log, and the artifact's fields as typed columns. Dataset schema version 1. `x-sql-type` is each column's type as DuckDB, Trino, Spark and Athena read it from the Parquet files (`VARCHAR` is a UTF-8 string; `T[]` a list; `STRUCT(...)` a group). Free-form objects are kept as canonical JSON text. `dt` and `policy` are Hive partition columns: with `--partition-by` they are in the folder names, not in the files.
 */
export type ParquetDatasetRow = {
  /**
   * Position of the source trail in the dataset's list of sources (from 0): with line_number and line_record, the order the streaming report reads the rows in.
   */
  source_index: number | bigint | PyFloat;
  /**
   * The trail as it was given to `aigc export parquet`.
   */
  source_file: string;
  /**
   * Line of the trail (from 1, counting newlines).
   */
  line_number: number | bigint | PyFloat;
  /**
   * Which record of the line (from 0): a line that Python's universal newlines split at a lone CR gives several.
   */
  line_record: number | bigint | PyFloat;
  /**
   * Index of the line in the trail's checkpoint log (its non-blank lines, from 0); null for a line that is not a leaf.
   */
  leaf_index: number | bigint | PyFloat | null;
  /**
   * RFC 6962 leaf hash of the line, SHA-256(0x00 || line bytes), lowercase hex.
   */
  leaf_hash: string | null;
  /**
   * Whether the line is a valid audit artifact (what the compliance report counts).
   */
  valid: boolean;
  /**
   * Why the line is not an artifact; null when valid.
   */
  invalid_reason?: null | 'json' | 'utf8' | 'too-long' | 'truncated' | 'not-object' | 'schema';
  /**
   * What is wrong with the line; null when valid.
   */
  invalid_message?: string | null;
  /**
   * The run of `aigc export parquet` that added the row (from 1).
   */
  export_run: number | bigint | PyFloat;
  /**
   * The artifact's `audit_schema_version`; null for an invalid line (or when the artifact has none).
   */
  audit_schema_version?: string | null;
  /**
   * The artifact's `policy_file`; null for an invalid line (or when the artifact has none).
   */
  policy_file?: string | null;
  /**
   * The artifact's `policy_schema_version`; null for an invalid line (or when the artifact has none).
   */
  policy_schema_version?: string | null;
  /**
   * The artifact's `policy_version`; null for an invalid line (or when the artifact has none).
   */
  policy_version?: string | null;
  /**
   * The artifact's `model_provider`; null for an invalid line (or when the artifact has none).
   */
  model_provider?: string | null;
  /**
   * The artifact's `model_identifier`; null for an invalid line (or when the artifact has none).
   */
  model_identifier?: string | null;
  /**
   * The artifact's `role`; null for an invalid line (or when the artifact has none).
   */
  role?: string | null;
  /**
   * The artifact's `enforcement_result`; null for an invalid line (or when the artifact has none).
   */
  enforcement_result?: string | null;
  /**
   * The artifact's failures, each with its code, message and field; null for an invalid line.
   */
  failures?:
    | {
        /**
         * `failures[].code` of the artifact; null when absent.
         */
        code: string;
        /**
         * `failures[].message` of the artifact; null when absent.
         */
        message: string;
        /**
         * `failures[].field` of the artifact; null when absent.
         */
        field: string | null;
      }[]
    | null;
  /**
   * The artifact's `failure_gate`; null for an invalid line (or when the artifact has none).
   */
  failure_gate?: string | null;
  /**
   * Whether the artifact has a failure_gate field at all (null and absent count apart in the report).
   */
  failure_gate_present?: boolean | null;
  /**
   * The artifact's `failure_reason`; null for an invalid line (or when the artifact has none).
   */
  failure_reason?: string | null;
  /**
   * The artifact's `input_checksum`; null for an invalid line (or when the artifact has none).
   */
  input_checksum?: string | null;
  /**
   * The artifact's `output_checksum`; null for an invalid line (or when the artifact has none).
   */
  output_checksum?: string | null;
  /**
   * Unix epoch seconds; null when beyond a 64-bit integer.
   */
  timestamp?: number | bigint | PyFloat | null;
  /**
   * The artifact's context as canonical JSON.
   */
  context_json?: string | null;
  /**
   * The documented keys of the artifact's metadata (all of it is in metadata_json); null for an invalid line.
   */
  metadata?: {
    /**
     * `metadata.enforcement_mode` of the artifact; null when absent.
     */
    enforcement_mode?: string | null;
    /**
     * `metadata.pre_call_gates_evaluated` of the artifact; null when absent.
     */
    pre_call_gates_evaluated?: string[] | null;
    /**
     * `metadata.post_call_gates_evaluated` of the artifact; null when absent.
     */
    post_call_gates_evaluated?: string[] | null;
    /**
     * `metadata.pre_call_timestamp` of the artifact; null when absent.
     */
    pre_call_timestamp?: number | bigint | PyFloat | null;
    /**
     * `metadata.post_call_timestamp` of the artifact; null when absent.
     */
    post_call_timestamp?: number | bigint | PyFloat | null;
  } | null;
  /**
   * The whole metadata object as canonical JSON (it may hold keys of any name).
   */
  metadata_json?: string | null;
  /**
   * The artifact's `risk_score`; null for an invalid line (or when the artifact has none).
   */
  risk_score?: number | bigint | PyFloat | null;
  /**
   * The artifact's `signature`; null for an invalid line (or when the artifact has none).
   */
  signature?: string | null;
  /**
   * The artifact's provenance; null when it has none.
   */
  provenance?: {
    /**
     * `provenance.source_ids` of the artifact; null when absent.
     */
    source_ids?: string[] | null;
    /**
     * `provenance.derived_from_audit_checksums` of the artifact; null when absent.
     */
    derived_from_audit_checksums?: string[] | null;
    /**
     * `provenance.compilation_source_hash` of the artifact; null when absent.
     */
    compilation_source_hash?: string | null;
  } | null;
  /**
   * The artifact's `chain_id`; null for an invalid line (or when the artifact has none).
   */
  chain_id?: string | null;
  /**
   * The artifact's `chain_index`; null for an invalid line (or when the artifact has none).
   */
  chain_index?: number | bigint | PyFloat | null;
  /**
   * The artifact's `previous_audit_checksum`; null for an invalid line (or when the artifact has none).
   */
  previous_audit_checksum?: string | null;
  /**
   * The artifact's `checksum`; null for an invalid line (or when the artifact has none).
   */
  checksum?: string | null;
  /**
   * Partition: the artifact's UTC day, YYYY-MM-DD; null (__HIVE_DEFAULT_PARTITION__) for an invalid line.
   */
  dt?: string | null;
  /**
   * Partition: the artifact's policy_file; null for an invalid line.
   */
  policy?: string | null;
};
