// The JSON Schemas shipped in the package's `schemas/` folder, by the names
// `aigc schema NAME` accepts.

import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {parseJson} from './canonical/json.js';
import {packageRoot} from './package-root.js';
import type {PyValue} from './python/values.js';

/** CLI name → file in `schemas/`. */
export const SHIPPED_SCHEMAS = {
  policy: 'policy_dsl.schema.json',
  'audit-artifact': 'audit_artifact.schema.json',
  invocation: 'invocation.schema.json',
  'policy-test-suite': 'policy_test_suite.schema.json',
  'golden-fixture': 'golden_fixture.schema.json',
  'replay-report': 'replay_report.schema.json',
  'coverage-report': 'coverage-report.schema.json',
  config: 'aigc-config.schema.json',
  parquet: 'parquet_dataset.schema.json',
} as const;

export type ShippedSchemaName = keyof typeof SHIPPED_SCHEMAS;

export const SHIPPED_SCHEMA_NAMES = Object.keys(SHIPPED_SCHEMAS) as ShippedSchemaName[];

export function isShippedSchemaName(name: string): name is ShippedSchemaName {
  return Object.hasOwn(SHIPPED_SCHEMAS, name);
}

/** Absolute path of a shipped schema file. */
export function shippedSchemaPath(name: ShippedSchemaName): string {
  return join(packageRoot(), 'schemas', SHIPPED_SCHEMAS[name]);
}

const schemaTexts = new Map<ShippedSchemaName, string>();

/** The schema file's text, exactly as shipped (what `aigc schema NAME` prints). */
export function readShippedSchemaText(name: ShippedSchemaName): string {
  let text = schemaTexts.get(name);
  if (text === undefined) {
    text = readFileSync(shippedSchemaPath(name), 'utf8');
    schemaTexts.set(name, text);
  }
  return text;
}

/**
 * The schema read as Python's `json.load` reads it: `1.0` stays a float, so
 * validator messages print bounds as the reference does (`maximum of 1.0`).
 */
export function readShippedSchema(name: ShippedSchemaName): PyValue {
  return parseJson(readShippedSchemaText(name));
}
