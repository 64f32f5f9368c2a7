// A second, independent reader of the Parquet files: Python's pyarrow (or
// Python's duckdb) reads every column with the documented type and the same
// rows. Skipped, saying why, where neither is installed.
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {datasetColumns} from '../../src/dataset/columns.js';
import {aigc, REPO_ROOT} from '../cli/command-line.js';
import {DUCKDB_INSTALLED, NO_DUCKDB} from './dataset-helpers.js';

const hasModule = (name: string) => spawnSync('python3', ['-c', `import ${name}`], {stdio: 'ignore'}).status === 0;
const READER = hasModule('pyarrow') ? 'pyarrow' : hasModule('duckdb') ? 'duckdb' : null;
const SKIP = !DUCKDB_INSTALLED ? NO_DUCKDB : READER === null ? 'neither python3 -c "import pyarrow" nor "import duckdb" works here' : '';

/** Prints {"rows": N, "columns": {name: type}} for the dataset at argv[1], types in pyarrow's or DuckDB's words. */
const PYARROW = `
import json, sys
import pyarrow.dataset as ds
table = ds.dataset(sys.argv[1], format="parquet", partitioning="hive").to_table()
print(json.dumps({"rows": table.num_rows, "columns": {f.name: str(f.type) for f in table.schema}}))
`;
const PYDUCKDB = `
import json, sys, duckdb
rel = duckdb.sql(f"SELECT * FROM read_parquet('{sys.argv[1]}/**/*.parquet', hive_partitioning = true, hive_types = {{'dt': VARCHAR, 'policy': VARCHAR}})")
print(json.dumps({"rows": len(rel.fetchall()), "columns": {name: str(kind) for name, kind in zip(rel.columns, rel.types)}}))
`;

/** The documented type in pyarrow's words (partition columns are dictionary-encoded strings when read by pyarrow). */
function arrowType(sqlType: string): string {
  const type = sqlType.trim();
  if (type.endsWith('[]')) return `list<element: ${arrowType(type.slice(0, -2))}>`;
  if (type.startsWith('STRUCT(')) {
    const fields = type.slice('STRUCT('.length, -1).split(/,(?![^(]*\))/).map((field) => field.trim());
    return `struct<${fields.map((field) => `${field.slice(0, field.indexOf(' '))}: ${arrowType(field.slice(field.indexOf(' ') + 1))}`).join(', ')}>`;
  }
  return {VARCHAR: 'string', BIGINT: 'int64', DOUBLE: 'double', BOOLEAN: 'bool'}[type] ?? type;
}

describe.skipIf(SKIP !== '')(`a second reader of the dataset${SKIP === '' ? ` (${READER})` : ` (skipped: ${SKIP})`}`, () => {
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'aigc-second-reader-'));
    const run = await aigc(['export', 'parquet', join(REPO_ROOT, 'test', 'data', 'compliance', 'inputs', 'mixed.jsonl'), '-o', join(work, 'ds')]);
    expect(run.code).toBe(0);
  });
  afterAll(() => rmSync(work, {recursive: true, force: true}));

  it('reads every row and every column with the documented type', () => {
    const read = spawnSync('python3', ['-c', READER === 'pyarrow' ? PYARROW : PYDUCKDB, join(work, 'ds')], {encoding: 'utf8'});
    expect(read.stderr).toBe('');
    const {rows, columns} = JSON.parse(read.stdout) as {rows: number; columns: Record<string, string>};
    expect(rows).toBe(45);
    for (const column of datasetColumns()) {
      const found = columns[column.name];
      if (READER === 'pyarrow') {
        const partition = column.name === 'dt' || column.name === 'policy';
        expect(partition ? /string|dictionary<values=string/.test(found) : found === arrowType(column.sqlType)).toBe(true);
      } else {
        expect(found.replaceAll('"', '').toUpperCase()).toBe(column.sqlType.toUpperCase());
      }
    }
  });
});
