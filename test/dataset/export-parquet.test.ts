// `aigc export parquet`: one typed row per trail line, joined to the trail's
// checkpoint log, Hive-partitioned, growing with the trail.
import {createHash} from 'node:crypto';
import {appendFileSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {encodeBase64} from '../../src/audit/tlog/encoding.js';
import {readTrailTree} from '../../src/audit/tlog/trail.js';
import {datasetColumns} from '../../src/dataset/columns.js';
import {connectDuckDb, querySql} from '../../src/dataset/duckdb.js';
import {aigc, expectOneLineError, REPO_ROOT} from '../cli/command-line.js';
import {DUCKDB_INSTALLED, datasetRows, NO_DUCKDB} from './dataset-helpers.js';

const CHAINS = join(REPO_ROOT, 'test', 'data', 'chains');
const MIXED = join(REPO_ROOT, 'test', 'data', 'compliance', 'inputs', 'mixed.jsonl');

describe.skipIf(!DUCKDB_INSTALLED)(`aigc export parquet${DUCKDB_INSTALLED ? '' : ` (skipped: ${NO_DUCKDB})`}`, () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'aigc-export-'));
  });
  afterEach(() => rmSync(work, {recursive: true, force: true}));

  it('writes one row per line, partitioned by day and policy, with each line’s leaf hash and index', async () => {
    copyFileSync(MIXED, join(work, 'mixed.jsonl'));
    const run = await aigc(['export', 'parquet', 'mixed.jsonl', '-o', 'ds'], {cwd: work});
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/run 1: 45 rows added to ds/);
    const dayFolders = readdirSync(join(work, 'ds')).filter((name) => name.startsWith('dt='));
    expect(dayFolders).toContain('dt=2023-11-14');
    expect(readdirSync(join(work, 'ds', 'dt=2023-11-14')).some((name) => name.startsWith('policy=policies%2F'))).toBe(true);

    const rows = await datasetRows(join(work, 'ds'), 'line_number, leaf_index, leaf_hash, valid, invalid_reason, source_file, policy_file, policy, dt');
    const lines = readFileSync(MIXED).toString('latin1').split('\n');
    expect(rows).toHaveLength(45);
    for (const row of rows) {
      const bytes = Buffer.from(lines[Number(row.line_number) - 1], 'latin1');
      expect(row.leaf_hash).toBe(createHash('sha256').update(Buffer.concat([Buffer.of(0), bytes])).digest('hex'));
      expect(row.source_file).toBe('mixed.jsonl');
      if (row.valid) expect(row.policy).toBe(row.policy_file);
    }
    expect(rows.map((row) => Number(row.leaf_index))).toEqual(rows.map((_, index) => index));
    expect(rows.filter((row) => !row.valid).map((row) => row.invalid_reason)).toEqual(expect.arrayContaining(['schema']));
  });

  it('gives every column the type `aigc schema parquet` documents', async () => {
    const run = await aigc(['export', 'parquet', join(CHAINS, 'reference-two-chains.jsonl'), '-o', join(work, 'ds'), '--partition-by', 'none']);
    expect(run.code).toBe(0);
    const connection = await connectDuckDb();
    try {
      const described = await querySql(connection, `DESCRIBE SELECT * FROM read_parquet('${join(work, 'ds')}/*.parquet')`);
      const documented = JSON.parse((await aigc(['schema', 'parquet'])).stdout).properties as Record<string, {'x-sql-type': string}>;
      expect(described.map((column) => column.column_name)).toEqual(Object.keys(documented));
      for (const column of described) expect(normalType(String(column.column_type))).toBe(normalType(documented[String(column.column_name)]['x-sql-type']));
      const chained = await querySql(connection, `SELECT count(DISTINCT chain_id) AS chains, min(chain_index) AS first, bool_and(valid) AS valid FROM read_parquet('${join(work, 'ds')}/*.parquet')`);
      expect(chained).toEqual([{chains: 2n, first: 0n, valid: true}]);
    } finally {
      connection.closeSync();
    }
  });

  it('records the checkpoint log’s size and root in the manifest, as chain checkpoints compute them', async () => {
    const trail = join(CHAINS, 'reference-chain.jsonl');
    expect((await aigc(['export', 'parquet', trail, '-o', join(work, 'ds')])).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(work, 'ds', '_aigc_dataset.json'), 'utf8'));
    const tree = await readTrailTree(trail);
    expect(manifest.aigc_dataset_version).toBe('1');
    expect(manifest.sources).toMatchObject([{name: trail, tree_size: tree.size, root_hash: encodeBase64(tree.root), checkpoint: null}]);
  });

  it('adds only the new lines of a grown trail, and holds back an unfinished last line', async () => {
    const lines = readFileSync(join(CHAINS, 'reference-chain.jsonl'), 'utf8').trimEnd().split('\n');
    const trail = join(work, 'trail.jsonl');
    writeFileSync(trail, `${lines.slice(0, 3).join('\n')}\n${lines[3]}`);
    expect((await aigc(['export', 'parquet', 'trail.jsonl', '-o', 'ds'], {cwd: work})).stderr).toMatch(/trail\.jsonl: 3 new rows/);
    appendFileSync(trail, `\n${lines.slice(4).join('\n')}\n`);
    const second = await aigc(['export', 'parquet', 'trail.jsonl', '-o', 'ds'], {cwd: work});
    expect(second.stderr).toMatch(new RegExp(`trail\\.jsonl: ${lines.length - 3} new rows`));
    expect(second.stderr).toMatch(/run 2:/);
    const rows = await datasetRows(join(work, 'ds'), 'line_number, leaf_index, export_run, chain_index');
    expect(rows.map((row) => Number(row.line_number))).toEqual(lines.map((_, index) => index + 1));
    expect(rows.map((row) => Number(row.leaf_index))).toEqual(lines.map((_, index) => index));
    expect(new Set(rows.map((row) => Number(row.export_run)))).toEqual(new Set([1, 2]));
    const third = await aigc(['export', 'parquet', 'trail.jsonl', '-o', 'ds'], {cwd: work});
    expect(third.stderr).toMatch(/trail\.jsonl: 0 new rows/);
    expect(await datasetRows(join(work, 'ds'), 'line_number')).toHaveLength(lines.length);
  });

  it('refuses a trail rewritten before the point the dataset reached (exit 1), adding nothing', async () => {
    const trail = join(work, 'trail.jsonl');
    copyFileSync(join(CHAINS, 'reference-chain.jsonl'), trail);
    expect((await aigc(['export', 'parquet', 'trail.jsonl', '-o', 'ds'], {cwd: work})).code).toBe(0);
    const text = readFileSync(trail, 'utf8');
    writeFileSync(trail, `${text.replace('"chain_index": 1', '"chain_index": 7')}`);
    expectOneLineError(await aigc(['export', 'parquet', 'trail.jsonl', '-o', 'ds'], {cwd: work}), 1, /trail\.jsonl.*rewritten or truncated/);
    expect(JSON.parse(readFileSync(join(work, 'ds', '_aigc_dataset.json'), 'utf8')).export_runs).toBe(1);
  });

  it('refuses to write into a folder that holds something else (exit 3)', async () => {
    writeFileSync(join(work, 'notes.txt'), 'mine');
    expectOneLineError(await aigc(['export', 'parquet', MIXED, '-o', work]), 3, /not empty and not an aigc dataset/);
    expect(existsSync(join(work, '_aigc_dataset.json'))).toBe(false);
  });

  it('refuses to extend a dataset with another partitioning (exit 3)', async () => {
    expect((await aigc(['export', 'parquet', MIXED, '-o', join(work, 'ds'), '--partition-by', 'day'])).code).toBe(0);
    expectOneLineError(await aigc(['export', 'parquet', MIXED, '-o', join(work, 'ds')]), 3, /partitioned by day, not day,policy/);
  });

  it('prints an Athena table over the S3 copy with every column and partition projection', async () => {
    const run = await aigc(['export', 'parquet', MIXED, '-o', join(work, 'ds'), '--athena-ddl', 's3://bucket/aigc']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^CREATE EXTERNAL TABLE IF NOT EXISTS aigc_artifacts \(/);
    expect(run.stdout).toContain("LOCATION 's3://bucket/aigc/'");
    expect(run.stdout).toContain('PARTITIONED BY (`dt` string, `policy` string)');
    expect(run.stdout).toContain('`failures` array<struct<code:string,message:string,field:string>>');
    expect(run.stdout).toMatch(/'projection.policy.values' = '[^']*policies%2Fsupport-assistant\.yaml/);
    for (const column of datasetColumns().filter((c) => c.name !== 'dt' && c.name !== 'policy')) expect(run.stdout).toContain(`\`${column.name}\` ${column.hiveType}`);
  });

  it('refuses stdin and a trail given twice (exit 2)', async () => {
    expectOneLineError(await aigc(['export', 'parquet', '-', '-o', join(work, 'ds')]), 2, /stdin/);
    expectOneLineError(await aigc(['export', 'parquet', MIXED, MIXED, '-o', join(work, 'ds')]), 2, /given twice/);
  });

  it('says which file cannot be read, and why (exit 3)', async () => {
    expectOneLineError(await aigc(['export', 'parquet', 'missing.jsonl', '-o', 'ds'], {cwd: work}), 3, /missing\.jsonl.*cannot read: no such file/);
    expectOneLineError(await aigc(['export', 'parquet', '.', '-o', 'ds'], {cwd: work}), 3, /cannot read: the path is a folder/);
  });
});

/** DuckDB's DESCRIBE spells struct fields with quotes and lists with `[]`. */
function normalType(type: string): string {
  return type.replaceAll('"', '').replaceAll(/\s+/g, ' ').toUpperCase();
}
