import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Ajv, type ErrorObject, type ValidateFunction} from 'ajv';
import {describe, expect, it} from 'vitest';
import {parse as parseYaml} from 'yaml';
import {PyFloat} from '../../src/python/values.js';
import {
  isShippedSchemaName,
  readShippedSchema,
  readShippedSchemaText,
  SHIPPED_SCHEMA_NAMES,
  type ShippedSchemaName,
  shippedSchemaPath,
} from '../../src/schemas.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const examplesDir = fileURLToPath(new URL('./examples/', import.meta.url));

type JsonObject = Record<string, unknown>;

function schemaJson(name: ShippedSchemaName): JsonObject {
  return JSON.parse(readShippedSchemaText(name)) as JsonObject;
}

const ajv = new Ajv({strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true});
// The Parquet dataset schema's annotations: the SQL type of each column and the dataset version (they constrain nothing).
ajv.addKeyword({keyword: 'x-sql-type', schemaType: 'string'});
ajv.addKeyword({keyword: 'x-dataset-version', schemaType: 'string'});
const validators = new Map<ShippedSchemaName, ValidateFunction>();

function validatorFor(name: ShippedSchemaName): ValidateFunction {
  const known = validators.get(name);
  if (known) return known;
  const validate = ajv.compile(schemaJson(name));
  validators.set(name, validate);
  return validate;
}

/** An example file: YAML (or JSON), optionally headed by `# rejects: <instance path>`. */
interface Example {
  file: string;
  document: unknown;
  rejectedAt?: string;
}

function examples(name: ShippedSchemaName, kind: 'valid' | 'invalid'): Example[] {
  const dir = join(examplesDir, name, kind);
  return readdirSync(dir)
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const rejects = /^# rejects: (.*)$/m.exec(text)?.[1].trim();
      return {
        file: `${name}/${kind}/${file}`,
        document: parseYaml(text),
        rejectedAt: rejects === '(root)' ? '' : rejects,
      };
    });
}

function errorPaths(errors: ErrorObject[] | null | undefined): string[] {
  return [...new Set((errors ?? []).map((error) => error.instancePath))];
}

/** Every `properties` entry in a schema, with its location, for annotation checks. */
function propertyEntries(node: unknown, at = '#'): Array<[string, JsonObject]> {
  if (Array.isArray(node)) return node.flatMap((child, index) => propertyEntries(child, `${at}/${index}`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as JsonObject).flatMap(([key, child]) => {
    const nested = propertyEntries(child, `${at}/${key}`);
    if (key !== 'properties' || child === null || typeof child !== 'object') return nested;
    const own = Object.entries(child as JsonObject).map(
      ([property, spec]): [string, JsonObject] => [`${at}/properties/${property}`, spec as JsonObject],
    );
    return [...own, ...nested];
  });
}

describe('shipped schemas', () => {
  it.each(SHIPPED_SCHEMA_NAMES)('resolves the CLI name %s to a Draft-07 schema file', (name) => {
    const schema = schemaJson(name);
    const fileName = shippedSchemaPath(name).split(/[\\/]/).pop();
    expect(isShippedSchemaName(name)).toBe(true);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe(`https://aigc.dev/schemas/${fileName}`);
    expect(typeof schema.title).toBe('string');
    expect(readFileSync(join(root, 'schemas', fileName!), 'utf8')).toBe(readShippedSchemaText(name));
  });

  it('knows no other names', () => {
    expect(isShippedSchemaName('policy_dsl')).toBe(false);
    expect(isShippedSchemaName('toString')).toBe(false);
  });

  it.each(SHIPPED_SCHEMA_NAMES)('compiles %s with Ajv in strict mode', (name) => {
    expect(() => validatorFor(name)).not.toThrow();
  });

  it.each(SHIPPED_SCHEMA_NAMES)('describes every property of %s', (name) => {
    const undocumented = propertyEntries(schemaJson(name))
      .filter(([, spec]) => typeof spec.description !== 'string' || spec.description.length === 0)
      .map(([at]) => at);
    expect(undocumented).toEqual([]);
  });

  it('reads float bounds as floats, as the reference prints them in messages', () => {
    const policy = readShippedSchema('policy') as {properties: {risk: {properties: {threshold: JsonObject}}}};
    expect(policy.properties.risk.properties.threshold.maximum).toEqual(new PyFloat(1));
  });

  it.each(['policy-test-suite', 'golden-fixture'] as const)(
    'lists in %s the invocation fields of invocation.schema.json, each taking any JSON value (enforcement refuses bad ones)',
    (name) => {
      const definitions = schemaJson(name).definitions as {invocationFields: {properties: Record<string, JsonObject>}};
      const fields = definitions.invocationFields.properties;
      expect(Object.keys(fields)).toEqual(Object.keys(schemaJson('invocation').properties as JsonObject));
      for (const field of Object.values(fields)) expect(Object.keys(field)).toEqual(['description']);
    },
  );
});

describe.each(SHIPPED_SCHEMA_NAMES)('%s examples', (name) => {
  it.each(examples(name, 'valid'))('accepts $file', ({document}) => {
    const validate = validatorFor(name);
    validate(document);
    expect(validate.errors ?? []).toEqual([]);
  });

  it.each(examples(name, 'invalid'))('rejects $file at its marked location', ({document, rejectedAt}) => {
    const validate = validatorFor(name);
    expect(validate(document)).toBe(false);
    expect(rejectedAt, 'invalid examples name the rejected location').toBeDefined();
    expect(errorPaths(validate.errors)).toContain(rejectedAt);
  });
});

describe('generated types', () => {
  it('are up to date with the schemas', () => {
    const check = spawnSync(process.execPath, ['scripts/gen-types.js', '--check'], {cwd: root, encoding: 'utf8'});
    expect(check.stderr).toContain('up to date');
    expect(check.status).toBe(0);
  });
});
