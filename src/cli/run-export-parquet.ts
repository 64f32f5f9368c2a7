// `aigc export parquet`: export the trails to the dataset folder, say what was
// added on stderr and, with --athena-ddl, print the Athena table on stdout.
import {readdir} from 'node:fs/promises';
import {resolve} from 'node:path';
import {athenaTableDdl} from '../dataset/athena.js';
import type {PartitionKey} from '../dataset/columns.js';
import {DatasetError} from '../dataset/errors.js';
import {exportParquet} from '../dataset/export.js';
import type {CommandIo} from './command-io.js';
import {datasetCliError} from './dataset-errors.js';
import {commandNotes} from './diagnostics.js';
import {ExitCode, usageError} from './exit-codes.js';
import {writeToStream} from './output.js';
import type {EXPORT_PARQUET} from './specs/export-parquet.js';
import type {FlagValues} from './start/spec.js';

export type ExportParquetFlags = FlagValues<(typeof EXPORT_PARQUET)['flags']>;

export async function runExportParquet(trails: string[], flags: ExportParquetFlags, io: CommandIo): Promise<number> {
  if (trails.includes('-')) throw usageError('a dataset is made from files: stdin (-) cannot be exported');
  const duplicate = trails.find((trail, index) => trails.indexOf(trail) !== index);
  if (duplicate !== undefined) throw usageError(`${duplicate} is given twice`);
  const note = commandNotes(io.stderr, 'export parquet');
  const partitionBy = partitionKeys(flags['partition-by']);
  const dir = resolve(io.cwd, flags.output);
  try {
    const result = await exportParquet(
      trails.map((trail) => ({name: trail, path: resolve(io.cwd, trail)})),
      dir,
      {partitionBy},
    );
    for (const source of result.sources) note(`${source.name}: ${source.rows} new row${source.rows === 1 ? '' : 's'} (log size ${source.treeSize})`);
    note(`run ${result.run}: ${result.rows} row${result.rows === 1 ? '' : 's'} added to ${flags.output}`);
    if (flags['athena-ddl'] !== undefined) {
      await writeToStream(io.stdout, athenaTableDdl({location: flags['athena-ddl'], partitionBy: result.manifest.partitionBy, policyFolders: await policyFolders(dir, result.manifest.partitionBy)}));
    }
  } catch (error) {
    if (error instanceof DatasetError) throw datasetCliError(error);
    throw error;
  }
  return ExitCode.Success;
}

function partitionKeys(flag: string | undefined): PartitionKey[] {
  if (flag === undefined) return ['day', 'policy'];
  return flag === 'none' ? [] : (flag.split(',') as PartitionKey[]);
}

/** The `policy=` folder names under the dataset (under each day folder when it is partitioned by day first). */
async function policyFolders(dir: string, partitionBy: readonly PartitionKey[]): Promise<string[]> {
  if (!partitionBy.includes('policy')) return [];
  const entries = await readdir(dir, {recursive: true, withFileTypes: true});
  const values = new Set<string>();
  for (const entry of entries) if (entry.isDirectory() && entry.name.startsWith('policy=')) values.add(entry.name.slice('policy='.length));
  return [...values].sort();
}
