import {describe, expect, it} from 'vitest';
import {parseJson} from '../../src/canonical/index.js';
import {compileSchema, firstBySortedPointer, InvalidSchemaError, validate} from '../../src/jsonschema/index.js';
import {compareCodePoints} from '../../src/python/semantics.js';
import {dataRows} from '../data-rows.js';

// Vectors computed with python-jsonschema 4.26 by scripts/jsonschema-vectors.py.
// Schemas and instances are JSON text, so `1.0` stays a float.

const readRows = <T>(name: string) => dataRows<T>(`jsonschema/${name}`);

interface BestMatchRow {
  schema: string;
  instance: string;
  expect: {message: string; pointer: string; validator: string | null} | {invalid: true} | null;
}

function outcome(row: BestMatchRow): BestMatchRow['expect'] {
  try {
    const error = validate(parseJson(row.instance), parseJson(row.schema));
    return error ? {message: error.message, pointer: error.pointer, validator: error.validator} : null;
  } catch (error) {
    if (error instanceof InvalidSchemaError) return {invalid: true};
    throw error;
  }
}

describe('jsonschema.validate (check_schema, then best_match) agrees with python-jsonschema', () => {
  const rows = readRows<BestMatchRow>('best-match.jsonl');

  it('has a broad corpus', () => {
    expect(rows.length).toBeGreaterThan(3000);
  });

  it.each(rows.map((row) => [`${row.schema} ← ${row.instance}`, row] as const))('%s', (_label, row) => {
    expect(outcome(row)).toEqual(row.expect);
  });
});

interface PolicyRow {
  instance: string;
  sorted: Array<[string, string | null, string]>;
}

describe('the policy loader rule (Draft7Validator, every error, sorted by pointer) agrees with python-jsonschema', () => {
  const [header, ...rows] = readRows<{schema: string} & PolicyRow>('policy-errors.jsonl');
  const policySchema = compileSchema(parseJson(header.schema), {defaultDraft: 'draft7', trusted: true});

  it.each(rows.map((row) => [row.instance, row] as const))('%s', (_label, row) => {
    const errors = policySchema.iterErrors(parseJson(row.instance));
    const sorted = [...errors].sort((a, b) => compareCodePoints(a.pointer, b.pointer));
    expect(sorted.map((error) => [error.pointer, error.validator, error.message])).toEqual(row.sorted);
    expect(firstBySortedPointer(errors)?.message).toBe(row.sorted[0]?.[2]);
  });
});

interface SchemaErrorRow {
  schema: string;
  expect: {message: string; path: Array<string | number>};
}

describe('a schema its metaschema refuses is reported with the SchemaError python-jsonschema raises', () => {
  const rows = readRows<SchemaErrorRow>('schema-errors.jsonl');

  it.each(rows.map((row) => [row.schema, row] as const))('%s', (_label, row) => {
    const schema = parseJson(row.schema);
    let raised: unknown;
    try {
      compileSchema(schema, {defaultDraft: 'draft2020'});
    } catch (error) {
      raised = error;
    }
    expect(raised).toBeInstanceOf(InvalidSchemaError);
    const error = raised as InvalidSchemaError;
    expect({reason: error.reason, message: error.message, path: error.schemaPath}).toEqual({reason: 'metaschema', ...row.expect});
  });
});
