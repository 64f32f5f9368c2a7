import {describe, expect, it} from 'vitest';
import {
  bestMatch,
  compileSchema,
  firstBySortedPointer,
  InvalidSchemaError,
  type SchemaError,
  validate,
} from '../../src/jsonschema/index.js';
import {PyDate, PyDateTime, PyFloat, type PyDict, recordOriginalKey} from '../../src/python/values.js';

function message(instance: Parameters<typeof validate>[0], schema: Parameters<typeof validate>[1]): string | undefined {
  return validate(instance, schema)?.message;
}

describe('type semantics of the value model', () => {
  it('accepts integral floats as integers but keeps their repr in messages', () => {
    expect(message(new PyFloat(1), {type: 'integer'})).toBeUndefined();
    expect(message(new PyFloat(1), {type: 'string'})).toBe("1.0 is not of type 'string'");
  });

  it('never treats booleans as numbers', () => {
    expect(message(true, {type: 'integer'})).toBe("True is not of type 'integer'");
    expect(message(false, {type: 'number'})).toBe("False is not of type 'number'");
  });

  it('rejects YAML dates where strings are required', () => {
    expect(message(new PyDate(2020, 1, 1), {type: 'string'})).toBe("datetime.date(2020, 1, 1) is not of type 'string'");
    expect(message(new PyDateTime(2020, 1, 1, 10, 0, 0, 0, null), {type: 'object'})).toBe(
      "datetime.datetime(2020, 1, 1, 10, 0) is not of type 'object'",
    );
  });

  it('compares big integers exactly', () => {
    expect(message(10n ** 20n + 1n, {maximum: 10n ** 20n})).toBe(
      '100000000000000000001 is greater than the maximum of 100000000000000000000',
    );
  });

  it('counts string length in code points', () => {
    expect(message('😀', {minLength: 2})).toBe("'😀' is too short");
  });

  it('reprs non-string YAML keys in additionalProperties messages', () => {
    const instance: PyDict = {'1': 'x', b: 'y'};
    recordOriginalKey(instance, '1', 1);
    expect(message(instance, {additionalProperties: false})).toBe(
      "Additional properties are not allowed (1, 'b' were unexpected)",
    );
  });
});

describe('best_match', () => {
  it('prefers the shallowest error', () => {
    const schema = {properties: {a: {properties: {b: {type: 'integer'}}}}, required: ['c']};
    expect(validate({a: {b: 'x'}}, schema)).toMatchObject({pointer: '$', validator: 'required'});
  });

  it('descends into anyOf context towards the branch whose type matches', () => {
    const schema: PyDict = {anyOf: [{type: 'string'}, {type: 'integer', minimum: 5}]};
    expect(message(3, schema)).toBe('3 is less than the minimum of 5');
  });

  it('keeps the anyOf error when its branches tie', () => {
    expect(message(null, {anyOf: [{type: 'string'}, {type: 'integer'}]})).toBe(
      'None is not valid under any of the given schemas',
    );
  });

  it('is undefined without errors', () => {
    expect(bestMatch([])).toBeUndefined();
  });
});

describe('the policy loader rule', () => {
  const error = (pointer: string, text: string): SchemaError => ({
    message: text,
    path: [],
    pointer,
    validator: 'type',
    validatorValue: 'string',
    schemaPath: [],
    instance: null,
    context: [],
    matchesType: false,
  });

  it('sorts pointers as plain strings, so $.roles.10 comes before $.roles.2', () => {
    expect(firstBySortedPointer([error('$.roles.2', 'two'), error('$.roles.10', 'ten')])?.message).toBe('ten');
  });

  it('keeps validator order among errors at the same pointer', () => {
    expect(firstBySortedPointer([error('$', 'first'), error('$', 'second')])?.message).toBe('first');
  });
});

describe('drafts', () => {
  it('defaults to Draft 2020-12, where unevaluatedProperties applies', () => {
    expect(message({a: 1}, {unevaluatedProperties: false})).toBe(
      "Unevaluated properties are not allowed ('a' was unexpected)",
    );
  });

  it('honours draft-04 boolean exclusiveMinimum', () => {
    const schema = {$schema: 'http://json-schema.org/draft-04/schema#', minimum: 5, exclusiveMinimum: true};
    expect(message(5, schema)).toBe('5 is less than or equal to the minimum of 5');
  });

  it('ignores format', () => {
    expect(message('not an email', {format: 'email'})).toBeUndefined();
  });
});

describe('unusable schemas raise InvalidSchemaError', () => {
  it('for an unknown type name', () => {
    expect(() => validate(1, {type: 'obj'})).toThrow(InvalidSchemaError);
  });

  it('for a pattern Python cannot compile', () => {
    expect(() => validate('x', {pattern: '\\p{L}'})).toThrow(expect.objectContaining({reason: 'regex'}));
  });

  it('for an unresolvable $ref, once validation reaches it', () => {
    const schema: PyDict = {anyOf: [{type: 'string'}, {$ref: '#/nope'}]};
    expect(validate('x', schema)).toBeUndefined();
    expect(() => validate(1, schema)).toThrow(expect.objectContaining({reason: 'unresolvable-ref'}));
  });
});

describe('compileSchema', () => {
  it('compiles a schema once', () => {
    const schema = {type: 'object'};
    expect(compileSchema(schema, {defaultDraft: 'draft2020'})).toBe(compileSchema({type: 'object'}, {defaultDraft: 'draft2020'}));
  });

  it('keeps schemas apart that differ only in float-ness or key order', () => {
    expect(message(2, {const: new PyFloat(1)})).toBe('1.0 was expected');
    expect(message(2, {const: 1})).toBe('1 was expected');
    const ordered = (schema: PyDict) => compileSchema(schema, {defaultDraft: 'draft2020'}).iterErrors('');
    expect(ordered({minLength: 1, pattern: 'x'}).map((e) => e.validator)).toEqual(['minLength', 'pattern']);
    expect(ordered({pattern: 'x', minLength: 1}).map((e) => e.validator)).toEqual(['pattern', 'minLength']);
  });
});
