// `aigc export parquet` as a library function: the trails' lines, classified
// and joined to their checkpoint-log leaves (trail-rows.ts), staged in a
// DuckDB database on disk and written as one Hive-partitioned Parquet dataset
// (zstd). A dataset grows: a later export reads each known trail from where
// the last one stopped (after proving the part already read unchanged) and
// adds files of its own run (`part-RUN-N.parquet`); the manifest, replaced
// last, names the runs that are complete.

import {mkdir, mkdtemp, readdir, rm, unlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {type CheckpointBeside, readCheckpointBeside} from '../audit/tlog/beside.js';
import {encodeBase64, decodeBase64} from '../audit/tlog/encoding.js';
import {sameHash} from '../audit/tlog/merkle.js';
import {datasetColumns, datasetVersion, PARTITION_COLUMNS, type PartitionKey} from './columns.js';
import {connectDuckDb, type DuckDBConnection, runSql, sqlString} from './duckdb.js';
import {DatasetError, readError} from './errors.js';
import {type DatasetManifest, MANIFEST_FILE, type ManifestCheckpoint, type ManifestSource, readManifest, writeManifest} from './manifest.js';
import {datasetRow} from './rows.js';
import {type LogEnd, START_OF_TRAIL, type TrailPosition, trailEnd, trailRows} from './trail-rows.js';

export interface DatasetTrail {
  /** The trail as the user gave it: `source_file` in rows and reports. */
  name: string;
  path: string;
}

export interface ExportParquetOptions {
  /** Partition folders, in order; default day then policy. Must be those of the dataset being extended. */
  partitionBy?: readonly PartitionKey[];
  /** Rows staged per DuckDB insert (for tests); default 100,000. */
  stageRows?: number;
}

export interface ExportedSource {
  name: string;
  /** Rows this export added for the trail. */
  rows: number;
  treeSize: number;
}

export interface ExportParquetResult {
  run: number;
  rows: number;
  sources: ExportedSource[];
  manifest: DatasetManifest;
}

export const DEFAULT_PARTITION_BY: readonly PartitionKey[] = ['day', 'policy'];

/** Exports the trails to the dataset in `dir` (made when absent), adding only lines not yet in it. */
export async function exportParquet(trails: readonly DatasetTrail[], dir: string, options: ExportParquetOptions = {}): Promise<ExportParquetResult> {
  const partitionBy = [...(options.partitionBy ?? DEFAULT_PARTITION_BY)];
  const previous = await datasetIn(dir);
  if (previous !== null && previous.partitionBy.join(',') !== partitionBy.join(',')) {
    throw new DatasetError('not-a-dataset', `the dataset is partitioned by ${previous.partitionBy.join(',') || 'none'}, not ${partitionBy.join(',') || 'none'}`, dir);
  }
  const manifest: DatasetManifest = previous ?? {datasetVersion: datasetVersion(), partitionBy, runs: 0, sources: []};
  const run = manifest.runs + 1;
  const staging = await mkdtemp(join(tmpdir(), 'aigc-parquet-'));
  let connection: DuckDBConnection | null = null;
  try {
    // In memory, spilling to the staging folder past DuckDB's memory limit: a database file would be written twice.
    connection = await connectDuckDb();
    await runSql(connection, `SET temp_directory = ${sqlString(join(staging, 'spill'))}`);
    await runSql(connection, `CREATE TABLE rows (${datasetColumns().map((column) => `"${column.name}" ${column.sqlType}`).join(', ')})`);
    const exported: ExportedSource[] = [];
    let rows = 0;
    for (const trail of trails) {
      const added = await stageTrail(connection, trail, manifest, run, staging, options.stageRows ?? 100_000);
      exported.push(added);
      rows += added.rows;
    }
    await mkdir(dir, {recursive: true});
    await removeRunFiles(dir, run);
    if (rows > 0) await writeParquet(connection, dir, partitionBy, run);
    manifest.runs = run;
    await writeManifest(dir, manifest);
    return {run, rows, sources: exported, manifest};
  } finally {
    connection?.closeSync();
    await rm(staging, {recursive: true, force: true});
  }
}

/** The manifest of the dataset in `dir`; null for a missing or empty folder; `not-a-dataset` for anything else. */
async function datasetIn(dir: string): Promise<DatasetManifest | null> {
  const manifest = await readManifest(dir);
  if (manifest !== null) {
    if (manifest.datasetVersion !== datasetVersion()) throw new DatasetError('not-a-dataset', `the dataset has schema version ${manifest.datasetVersion}, not ${datasetVersion()}: make it again in a new folder`, dir);
    return manifest;
  }
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw readError(dir, error);
  }
  if (entries.length > 0) throw new DatasetError('not-a-dataset', `not empty and not an aigc dataset (no ${MANIFEST_FILE})`, dir);
  return null;
}

async function stageTrail(connection: DuckDBConnection, trail: DatasetTrail, manifest: DatasetManifest, run: number, staging: string, stageRows: number): Promise<ExportedSource> {
  let source = manifest.sources.find((known) => known.name === trail.name);
  const sourceIndex = source === undefined ? manifest.sources.length : manifest.sources.indexOf(source);
  const from: TrailPosition = source === undefined ? START_OF_TRAIL : {bytes: source.bytes, lines: source.lines, leaves: source.treeSize, root: decodeBase64(source.rootHash) ?? Buffer.alloc(0)};
  const beside = await readCheckpointBeside(trail.path);
  const end = await trailEnd(trail.path, trail.name, from, beside?.size);
  const chunk = join(staging, 'rows.ndjson');
  let lines: string[] = [];
  let added = 0;
  const flush = async () => {
    if (lines.length === 0) return;
    await writeFile(chunk, lines.join(''));
    lines = [];
    await runSql(connection, `INSERT INTO rows SELECT * FROM read_json(${sqlString(chunk)}, format = 'newline_delimited', columns = ${columnsLiteral()})`);
  };
  const reader = trailRows(trail.path, trail.name, from, end);
  let next = await reader.next();
  while (!next.done) {
    for (const row of next.value) {
      lines.push(`${JSON.stringify(datasetRow(row.facts, {sourceIndex, sourceFile: trail.name, lineRecord: row.lineRecord, leaf: row.leaf, exportRun: run}))}\n`);
      added++;
    }
    if (lines.length >= stageRows) await flush();
    next = await reader.next();
  }
  await flush();
  const reached = next.value;
  const updated: ManifestSource = {
    name: trail.name,
    bytes: reached.bytes,
    lines: reached.lines,
    treeSize: reached.leaves,
    rootHash: encodeBase64(reached.root),
    rows: (source?.rows ?? 0) + added,
    checkpoint: checkpointRecord(beside, end) ?? source?.checkpoint ?? null,
  };
  if (source === undefined) manifest.sources.push(updated);
  else manifest.sources[sourceIndex] = updated;
  source = updated;
  return {name: trail.name, rows: added, treeSize: reached.leaves};
}

let columnsSql: string | undefined;

function columnsLiteral(): string {
  columnsSql ??= `{${datasetColumns().map((column) => `${sqlString(column.name)}: ${sqlString(column.sqlType)}`).join(', ')}}`;
  return columnsSql;
}

function checkpointRecord(beside: CheckpointBeside | null, end: LogEnd): ManifestCheckpoint | null {
  if (beside === null) return null;
  return {note: beside.note, size: beside.size, rootMatches: end.rootAtSize !== undefined && sameHash(end.rootAtSize, beside.root)};
}

function runPrefix(run: number): string {
  return `part-${String(run).padStart(6, '0')}-`;
}

/** Removes what an interrupted export of this run left, so it is written afresh. */
async function removeRunFiles(dir: string, run: number): Promise<void> {
  const prefix = runPrefix(run);
  const entries = await readdir(dir, {recursive: true, withFileTypes: true});
  for (const entry of entries) {
    if (entry.isFile() && entry.name.startsWith(prefix) && entry.name.endsWith('.parquet')) await unlink(join(entry.parentPath, entry.name));
  }
}

async function writeParquet(connection: DuckDBConnection, dir: string, partitionBy: readonly PartitionKey[], run: number): Promise<void> {
  const ordered = 'SELECT * FROM rows ORDER BY source_index, line_number, line_record';
  const prefix = runPrefix(run);
  if (partitionBy.length === 0) {
    await runSql(connection, `COPY (${ordered}) TO ${sqlString(join(dir, `${prefix}0.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
    return;
  }
  const columns = partitionBy.map((key) => PARTITION_COLUMNS[key]).join(', ');
  await runSql(
    connection,
    `COPY (${ordered}) TO ${sqlString(dir)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (${columns}), FILENAME_PATTERN ${sqlString(`${prefix}{i}`)}, OVERWRITE_OR_IGNORE)`,
  );
}
