// The columns of a Parquet dataset, read from the shipped JSON Schema of its
// rows (schemas/parquet_dataset.schema.json, `aigc schema parquet`): the one
// place the dataset's layout is written down, for DuckDB's writer and for the
// Athena table definition alike.

import {readShippedSchemaText} from '../schemas.js';

export interface DatasetColumn {
  name: string;
  /** DuckDB's spelling: `VARCHAR`, `BIGINT`, `STRUCT(a VARCHAR)[]` … */
  sqlType: string;
  /** Hive's spelling (Athena, Spark DDL): `string`, `bigint`, `array<struct<a:string>>` … */
  hiveType: string;
}

/** The columns Hive-partitioned folders are named by, in folder order. */
export const PARTITION_COLUMNS = {day: 'dt', policy: 'policy'} as const;
export type PartitionKey = keyof typeof PARTITION_COLUMNS;

interface RowSchema {
  'x-dataset-version': string;
  properties: Record<string, {'x-sql-type': string}>;
}

let rowSchema: RowSchema | undefined;

function schema(): RowSchema {
  rowSchema ??= JSON.parse(readShippedSchemaText('parquet')) as RowSchema;
  return rowSchema;
}

/** The dataset schema version the files follow. */
export function datasetVersion(): string {
  return schema()['x-dataset-version'];
}

/** Every column, partition columns included, in schema order. */
export function datasetColumns(): DatasetColumn[] {
  return Object.entries(schema().properties).map(([name, property]) => ({name, sqlType: property['x-sql-type'], hiveType: hiveType(property['x-sql-type'])}));
}

const SCALARS: Record<string, string> = {VARCHAR: 'string', BIGINT: 'bigint', DOUBLE: 'double', BOOLEAN: 'boolean'};

/** Hive's name of a DuckDB type of the few shapes the schema uses. */
export function hiveType(sqlType: string): string {
  const type = sqlType.trim();
  if (type.endsWith('[]')) return `array<${hiveType(type.slice(0, -2))}>`;
  if (type.startsWith('STRUCT(') && type.endsWith(')')) {
    const fields = splitTopLevel(type.slice('STRUCT('.length, -1)).map((field) => {
      const space = field.trim().indexOf(' ');
      return `${field.trim().slice(0, space)}:${hiveType(field.trim().slice(space + 1))}`;
    });
    return `struct<${fields.join(',')}>`;
  }
  const scalar = SCALARS[type];
  if (scalar === undefined) throw new RangeError(`no Hive type for ${type}`);
  return scalar;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
