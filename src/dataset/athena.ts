// The Athena table over a dataset uploaded to S3: a `CREATE EXTERNAL TABLE`
// with the dataset's columns in Hive types and partition projection, so new
// days are queryable without `MSCK REPAIR` or crawlers (a new policy needs the
// DDL made again: its folder is one more value of an enum).

import {datasetColumns, PARTITION_COLUMNS, type PartitionKey} from './columns.js';

export interface AthenaTableOptions {
  /** `s3://bucket/prefix/`: where the dataset folder was copied. */
  location: string;
  partitionBy: readonly PartitionKey[];
  /** Default `aigc_artifacts`, the table the shipped SQL reads. */
  table?: string;
  /** First day partition projection enumerates; default 2020-01-01. */
  firstDay?: string;
  /** The `policy=` folder values as written (escaped); projected as an enum, so queries need not name a policy. */
  policyFolders?: readonly string[];
}

export function athenaTableDdl(options: AthenaTableOptions): string {
  const table = options.table ?? 'aigc_artifacts';
  const location = options.location.endsWith('/') ? options.location : `${options.location}/`;
  const partitions = options.partitionBy.map((key) => PARTITION_COLUMNS[key]);
  const columns = datasetColumns().filter((column) => !partitions.includes(column.name as 'dt' | 'policy'));
  const lines = [`CREATE EXTERNAL TABLE IF NOT EXISTS ${table} (`, columns.map((column) => `  \`${column.name}\` ${column.hiveType}`).join(',\n'), ')'];
  if (partitions.length > 0) lines.push(`PARTITIONED BY (${partitions.map((name) => `\`${name}\` string`).join(', ')})`);
  lines.push('STORED AS PARQUET', `LOCATION '${location.replaceAll("'", "''")}'`);
  const properties: string[] = [];
  if (partitions.length > 0) {
    properties.push("'projection.enabled' = 'true'");
    if (partitions.includes('dt')) {
      properties.push("'projection.dt.type' = 'date'", "'projection.dt.format' = 'yyyy-MM-dd'", `'projection.dt.range' = '${options.firstDay ?? '2020-01-01'},NOW'`, "'projection.dt.interval' = '1'", "'projection.dt.interval.unit' = 'DAYS'");
    }
    // The folder values as DuckDB escaped them (`policies%2Fa.yaml`): queries use the policy_file column, never this one.
    if (partitions.includes('policy')) properties.push("'projection.policy.type' = 'enum'", `'projection.policy.values' = '${(options.policyFolders ?? []).join(',').replaceAll("'", "''")}'`);
    const template = partitions.map((name) => `${name}=\${${name}}`).join('/');
    properties.push(`'storage.location.template' = '${location.replaceAll("'", "''")}${template}/'`);
  }
  properties.push("'parquet.compression' = 'ZSTD'");
  lines.push(`TBLPROPERTIES (\n  ${properties.join(',\n  ')}\n);`);
  return `${lines.join('\n')}\n`;
}
