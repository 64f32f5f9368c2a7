// The compliance report of a dataset, computed by the shipped SQL
// (sql/compliance/*.sql, in the subset DuckDB, Trino, Spark SQL and Athena
// share) in embedded DuckDB over a view named `aigc_artifacts`, as those
// engines would name the table. The queries return counts and first-seen
// positions; the report is assembled here exactly as the streaming tally
// assembles it (src/report/compliance.ts), so its JSON is the same bytes.

import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {packageRoot} from '../package-root.js';
import {pyRound} from '../python/format.js';
import {compareCodePoints} from '../python/semantics.js';
import {COMPLIANCE_REPORT_VERSION, type ComplianceReport, type InvalidLine, type InvalidReason, type PolicySummary} from '../report/compliance.js';
import {sourceFileLabel} from '../report/source-file.js';
import {datasetColumns, PARTITION_COLUMNS} from './columns.js';
import {connectDuckDb, type DuckDBConnection, querySql, runSql, sqlString} from './duckdb.js';
import {DatasetError} from './errors.js';
import {type DatasetManifest, readManifest} from './manifest.js';

/** The queries in sql/compliance/, by file name without `.sql`. */
export const COMPLIANCE_QUERIES = ['totals', 'failure_gates', 'policies', 'policy_failure_gates', 'invalid_lines', 'trend_by_day', 'by_role', 'by_model', 'chain_status'] as const;
export type ComplianceQuery = (typeof COMPLIANCE_QUERIES)[number];

/** The SQL text of a shipped query. */
export async function complianceQuerySql(name: ComplianceQuery): Promise<string> {
  return readFile(join(packageRoot(), 'sql', 'compliance', `${name}.sql`), 'utf8');
}

/** A connection with the dataset in `dir` as the view `aigc_artifacts` (rows of complete export runs only). */
export async function openDataset(dir: string): Promise<{connection: DuckDBConnection; manifest: DatasetManifest}> {
  const manifest = await readManifest(dir);
  if (manifest === null) throw new DatasetError('not-a-dataset', 'not an aigc dataset (no _aigc_dataset.json): make one with aigc export parquet', dir);
  const connection = await connectDuckDb();
  try {
    if (await hasParquetFiles(dir)) {
      const partitions = manifest.partitionBy.map((key) => `${sqlString(PARTITION_COLUMNS[key])}: 'VARCHAR'`);
      const hive = partitions.length > 0 ? `, hive_partitioning = true, hive_types = {${partitions.join(', ')}}` : ', hive_partitioning = false';
      await runSql(connection, `CREATE VIEW aigc_artifacts AS SELECT * FROM read_parquet(${sqlString(join(dir, '**', '*.parquet'))}${hive}) WHERE export_run <= ${manifest.runs}`);
    } else {
      await runSql(connection, `CREATE TABLE aigc_artifacts (${datasetColumns().map((column) => `"${column.name}" ${column.sqlType}`).join(', ')})`);
    }
  } catch (error) {
    connection.closeSync();
    throw error;
  }
  return {connection, manifest};
}

async function hasParquetFiles(dir: string): Promise<boolean> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true});
  return entries.some((entry) => entry.isFile() && entry.name.endsWith('.parquet'));
}

/** The rows of a shipped query over the dataset in `dir`. */
export async function runComplianceQuery(dir: string, name: ComplianceQuery): Promise<Record<string, unknown>[]> {
  const {connection} = await openDataset(dir);
  try {
    return await querySql(connection, await complianceQuerySql(name));
  } finally {
    connection.closeSync();
  }
}

/** The compliance report (version 1.0) of the dataset in `dir`, as `compliance export` makes it from the trails it was exported from. */
export async function datasetComplianceReport(dir: string): Promise<ComplianceReport> {
  const {connection, manifest} = await openDataset(dir);
  try {
    const query = async (name: ComplianceQuery) => querySql(connection, await complianceQuerySql(name));
    const [totals] = await query('totals');
    const total = count(totals?.total_artifacts);
    const passCount = count(totals?.pass_count);
    const failureGates = new Map<string, number>();
    for (const row of await query('failure_gates')) failureGates.set(String(row.gate), count(row.artifacts));
    const policies = new Map<string, PolicySummary>();
    for (const row of await query('policies')) {
      const policyFile = String(row.policy_file);
      policies.set(policyFile, {policyFile, policyVersion: row.policy_version as string | null, passCount: count(row.pass_count), failCount: count(row.fail_count), failureGates: []});
    }
    for (const row of await query('policy_failure_gates')) policies.get(String(row.policy_file))?.failureGates.push(String(row.failure_gate));
    const invalidLines: InvalidLine[] = (await query('invalid_lines')).map((row) => ({
      source: String(row.source_file),
      line: count(row.line_number),
      reason: row.invalid_reason as InvalidReason,
      message: String(row.invalid_message),
    }));
    return {
      version: COMPLIANCE_REPORT_VERSION,
      sourceFile: sourceFileLabel(manifest.sources.map((source) => source.name)),
      totalArtifacts: total,
      passCount,
      failCount: count(totals?.fail_count),
      invalidArtifacts: count(totals?.invalid_artifacts),
      complianceRate: total === 0 ? 0 : pyRound((passCount / total) * 100, 2),
      failureGates,
      // Engines' string orders differ (collations, UTF-16 or UTF-8): sorted here as the tally sorts them.
      policies: [...policies.values()].sort((a, b) => compareCodePoints(a.policyFile, b.policyFile)),
      invalidLines,
      period: totals?.first_timestamp === null || totals?.first_timestamp === undefined ? null : {start: count(totals.first_timestamp), end: count(totals.last_timestamp)},
    };
  } finally {
    connection.closeSync();
  }
}

/** A count from SQL (bigint, number or NULL for a sum over no rows). */
function count(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
