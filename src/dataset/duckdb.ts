// DuckDB, the engine that writes and queries Parquet datasets: an optional
// dependency, loaded only when a dataset command runs, so the package works
// (and installs) without it. It is a CommonJS package, loaded with `require`:
// the CLI runs as one bundled script, where `import()` has no module loader.

import {createRequire} from 'node:module';
import type {DuckDBConnection} from '@duckdb/node-api';
import {DatasetError} from './errors.js';

export type {DuckDBConnection} from '@duckdb/node-api';

/** A connection to a fresh DuckDB database (in memory, or in `file`); close it with `closeSync`. */
export async function connectDuckDb(file = ':memory:'): Promise<DuckDBConnection> {
  let api: typeof import('@duckdb/node-api');
  try {
    api = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
  } catch (error) {
    throw new DatasetError('duckdb-missing', 'Parquet datasets need DuckDB: install the optional dependency with `npm install @duckdb/node-api`', undefined, {cause: error});
  }
  const instance = await api.DuckDBInstance.create(file);
  return instance.connect();
}

/** Runs `sql`, turning DuckDB's errors into one-line `DatasetError`s. */
export async function runSql(connection: DuckDBConnection, sql: string): Promise<void> {
  try {
    await connection.run(sql);
  } catch (error) {
    throw engineError(error);
  }
}

/** The rows of a query as plain objects (integers as bigint, lists as arrays). */
export async function querySql(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } catch (error) {
    throw engineError(error);
  }
}

function engineError(error: unknown): DatasetError {
  const text = error instanceof Error ? error.message : String(error);
  return new DatasetError('engine', `DuckDB: ${text.split('\n')[0]}`, undefined, {cause: error});
}

/** `text` as a SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
