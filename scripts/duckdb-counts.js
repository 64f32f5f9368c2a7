// DuckDB's grouped counts over an audit trail: the analytical engine
// `aigc compliance export` is measured against (scripts/bench.js). DuckDB is
// not a dependency: `@duckdb/node-api` is imported from the project, or from
// the node_modules folder named by AIGC_BENCH_DUCKDB_DIR; exit 3 when it
// cannot be imported. Prints the number of groups.
//
//   node scripts/duckdb-counts.js TRAIL
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';

async function importDuckDb() {
  try {
    return await import('@duckdb/node-api');
  } catch {
    const dir = process.env.AIGC_BENCH_DUCKDB_DIR;
    if (!dir) return null;
    try {
      return await import(pathToFileURL(createRequire(join(dir, 'noop.js')).resolve('@duckdb/node-api')).href);
    } catch {
      return null;
    }
  }
}

const trail = process.argv[2];
const duckdb = await importDuckDb();
if (!trail || duckdb === null) {
  console.error(trail ? '@duckdb/node-api cannot be imported (install it outside the project and set AIGC_BENCH_DUCKDB_DIR to its node_modules)' : 'usage: node scripts/duckdb-counts.js TRAIL');
  process.exit(trail ? 3 : 2);
}
const connection = await (await duckdb.DuckDBInstance.create(':memory:')).connect();
const path = trail.replaceAll("'", "''");
const reader = await connection.runAndReadAll(
  `SELECT enforcement_result, policy_file, failure_gate, count(*) FROM read_json_auto('${path}', format = 'newline_delimited', ignore_errors = true) GROUP BY ALL`,
);
console.log(reader.getRows().length);
