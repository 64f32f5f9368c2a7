// What the dataset tests share: whether DuckDB is installed (it is an optional
// dependency), and reading a dataset folder with it.
import {createRequire} from 'node:module';
import {connectDuckDb, querySql} from '../../src/dataset/duckdb.js';

export const DUCKDB_INSTALLED = (() => {
  try {
    createRequire(import.meta.url)('@duckdb/node-api');
    return true;
  } catch {
    return false;
  }
})();

export const NO_DUCKDB = 'the optional dependency @duckdb/node-api is not installed';

/** The dataset's rows, in trail order. */
export async function datasetRows(dir: string, columns = '*'): Promise<Record<string, unknown>[]> {
  const connection = await connectDuckDb();
  try {
    return await querySql(connection, `SELECT ${columns} FROM read_parquet('${dir}/**/*.parquet', hive_partitioning = true, hive_types = {'dt': VARCHAR, 'policy': VARCHAR}) ORDER BY source_index, line_number, line_record`);
  } finally {
    connection.closeSync();
  }
}
