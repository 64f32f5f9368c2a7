// Reading golden replay fixtures in the shapes `aigc replay` accepts — ours,
// the Python reference's wrapped and bare forms, `aigc enforce --record`
// JSONL records, and the artifacts of audit trails — into one runnable form,
// each checked against its part of schemas/golden_fixture.schema.json (an
// artifact against schemas/audit_artifact.schema.json).

import {readInputFile} from '../input-file.js';
import {JsonSyntaxError, parseJson} from '../../canonical/json.js';
import {bestMatch, compileSchema, type CompiledSchema} from '../../jsonschema/index.js';
import {isDict, type PyDict, type PyValue} from '../../python/values.js';
import {readShippedSchema} from '../../schemas.js';
import type {RecordedFixture, ReferenceWrappedFixture, ReplayFixture as ReplayFixtureDocument} from '../../types/generated/index.js';
import {epochSecondsOf} from '../clock.js';
import {TestingFileError} from '../errors.js';
import {recoverInvocation} from './trail.js';
import type {FixtureShape, ReplayExpectation, ReplayFixture, ReplayMode} from './types.js';

export type {FixtureShape, ReplayExpectation, ReplayFixture, ReplayMode} from './types.js';

export interface FixtureLoadOptions {
  /** Base for relative file names (default: process.cwd()). */
  cwd?: string;
  /** `--expected FILE`, already read: the expected artifact of every bare fixture. */
  expectedTemplate?: PyDict;
  /** `--mode`: for fixtures that do not carry their own. */
  mode?: ReplayMode;
  /** `--call-output FILE`, already read: the post-call output for split fixtures without one. */
  callOutput?: PyValue;
}

/** What a JSON file holds when it is not a fixture, so a folder walk can pass it by. */
export type NotAFixture = {notAFixture: true; file: string; reason: string};

type Definition = 'replayFixture' | 'referenceWrappedFixture' | 'bareInvocationFixture' | 'recordedFixture' | 'auditArtifact';

const validators = new Map<Definition, CompiledSchema>();

function validatorFor(definition: Definition): CompiledSchema {
  let compiled = validators.get(definition);
  if (!compiled) {
    if (definition === 'auditArtifact') {
      compiled = compileSchema(readShippedSchema('audit-artifact'), {defaultDraft: 'draft7'});
    } else {
      const schema = readShippedSchema('golden-fixture') as PyDict;
      compiled = compileSchema({$schema: schema.$schema, definitions: schema.definitions, $ref: `#/definitions/${definition}`}, {defaultDraft: 'draft7'});
    }
    validators.set(definition, compiled);
  }
  return compiled;
}

/** Reads a `.json` fixture or a `.jsonl` file of records/fixtures. */
export function loadFixtureFile(file: string, options: FixtureLoadOptions = {}): ReplayFixture[] | NotAFixture {
  const text = readInputFile(file, 'fixture', options.cwd);
  if (/\.jsonl$|\.ndjson$/i.test(file)) return loadJsonLines(text, file, options);
  const value = parseOrThrow(text, file, 1);
  const shape = shapeOf(value);
  if (shape === undefined) return {notAFixture: true, file, reason: describeNonFixture(value)};
  return [fixtureOf(value as PyDict, shape, file, undefined, options)];
}

function loadJsonLines(text: string, file: string, options: FixtureLoadOptions): ReplayFixture[] {
  const fixtures: ReplayFixture[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const value = parseOrThrow(line, file, index + 1);
    const shape = shapeOf(value) ?? (isArtifact(value) ? 'artifact' : undefined);
    if (shape === undefined) throw new TestingFileError(`line is not a replay fixture: ${describeNonFixture(value)}`, 'SCHEMA', {file, line: index + 1});
    fixtures.push(fixtureOf(value as PyDict, shape, file, index + 1, options));
  });
  return fixtures;
}

/** Reads a JSON document (Python semantics: `1.0` stays a float); a syntax error names the file and line. */
export function parseOrThrow(text: string, file: string, firstLine: number): PyValue {
  try {
    return parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new TestingFileError(`invalid JSON: ${error.reason}`, 'SYNTAX', {file, line: firstLine + error.line - 1, column: error.column});
    }
    throw error;
  }
}

/** Which shape a JSON value has, or undefined when it is no fixture (an expected-artifact template, a schema…). */
export function shapeOf(value: PyValue): FixtureShape | undefined {
  if (!isDict(value)) return undefined;
  const has = (key: string) => Object.hasOwn(value, key);
  if (has('invocation') && has('artifact')) return 'record';
  if (has('invocation') && has('name')) return 'ours';
  if (has('invocation')) return 'reference-wrapped';
  if (has('enforcement_result') || has('audit_schema_version')) return undefined;
  if (has('policy_file')) return 'reference-bare';
  return undefined;
}

/** A line of an audit trail: an artifact alone (in a `.json` file, such a value is an expected-artifact template). */
function isArtifact(value: PyValue): boolean {
  return isDict(value) && !Object.hasOwn(value, 'invocation') && (Object.hasOwn(value, 'enforcement_result') || Object.hasOwn(value, 'audit_schema_version'));
}

function describeNonFixture(value: PyValue): string {
  if (!isDict(value)) return 'not a JSON object';
  if (Object.hasOwn(value, 'enforcement_result') || Object.hasOwn(value, 'audit_schema_version')) return 'an expected artifact, not an invocation';
  return 'no `invocation` or `policy_file`';
}

const DEFINITION_OF: Record<FixtureShape, Definition> = {
  ours: 'replayFixture',
  'reference-wrapped': 'referenceWrappedFixture',
  'reference-bare': 'bareInvocationFixture',
  record: 'recordedFixture',
  artifact: 'auditArtifact',
};

function fixtureOf(value: PyDict, shape: FixtureShape, file: string, line: number | undefined, options: FixtureLoadOptions): ReplayFixture {
  const errors = validatorFor(DEFINITION_OF[shape]).iterErrors(value);
  if (errors.length > 0) {
    const error = bestMatch(errors) ?? errors[0];
    const where = error.path.length === 0 ? '' : `${error.path.join('.')}: `;
    throw new TestingFileError(`not a valid ${SHAPE_NAMES[shape]}: ${where}${error.message}`, 'SCHEMA', {file, line});
  }
  return fixtureOfValid(value, shape, file, line, options);
}

/** `value` is valid as its shape's definition. */
function fixtureOfValid(value: PyDict, shape: FixtureShape, file: string, line: number | undefined, options: FixtureLoadOptions): ReplayFixture {
  const label = line === undefined ? file : `${file}:${line}`;
  switch (shape) {
    case 'ours':
      return ourFixture(value as ReplayFixtureDocument, file, line, options);
    case 'reference-wrapped':
    case 'reference-bare': {
      // The reference's own fixtures: run with the mode and call output the user gave.
      const wrapped = shape === 'reference-wrapped';
      return {
        name: label,
        file,
        line,
        shape,
        raw: value,
        invocation: wrapped ? value.invocation : value,
        mode: options.mode ?? 'unified',
        output: options.callOutput,
        expectation: wrapped
          ? wrappedExpectation(value as ReferenceWrappedFixture)
          : options.expectedTemplate === undefined
            ? undefined
            : {artifact: options.expectedTemplate},
      };
    }
    case 'record': {
      const {artifact} = value as RecordedFixture;
      const recordedAt = typeof artifact.timestamp === 'number' ? artifact.timestamp : undefined;
      return {name: label, file, line, shape, raw: value, invocation: value.invocation, mode: 'unified', now: recordedAt, expectation: {artifact}};
    }
    case 'artifact': {
      // Replayed by its decision only: the rebuilt invocation has no input or output to checksum.
      const {invocation, mode, unreplayable} = recoverInvocation(value);
      const recordedAt = typeof value.timestamp === 'number' ? value.timestamp : undefined;
      const fixture: ReplayFixture = {name: label, file, line, shape, raw: value, invocation, mode, output: {}, now: recordedAt, expectation: {artifact: value}};
      if (unreplayable !== undefined) fixture.unreplayable = unreplayable;
      return fixture;
    }
  }
}

const SHAPE_NAMES: Record<FixtureShape, string> = {
  ours: 'replay fixture',
  'reference-wrapped': 'wrapped reference fixture',
  'reference-bare': 'bare invocation fixture',
  record: 'recorded invocation',
  artifact: 'audit artifact',
};

function ourFixture(value: ReplayFixtureDocument, file: string, line: number | undefined, options: FixtureLoadOptions): ReplayFixture {
  let now: number | undefined;
  if (value.now !== undefined) {
    now = epochSecondsOf(value.now);
    if (now === undefined) throw new TestingFileError(`now: '${String(value.now)}' is not a valid instant`, 'INVALID_VALUE', {file, line});
  }
  return {
    name: value.name,
    file,
    line,
    shape: 'ours',
    raw: value,
    invocation: value.invocation,
    mode: value.mode ?? options.mode ?? 'unified',
    output: Object.hasOwn(value, 'output') ? value.output : options.callOutput,
    now,
    expectation: isDict(value.expected) ? {artifact: value.expected} : undefined,
  };
}

function wrappedExpectation(value: ReferenceWrappedFixture): ReplayExpectation {
  const expectation: ReplayExpectation = {exceptionClass: value.expected_exception ?? null};
  if (value.expected_exception_code !== undefined) expectation.exceptionCode = value.expected_exception_code;
  if (isDict(value.expected_audit_artifact_stable_fields)) expectation.artifact = value.expected_audit_artifact_stable_fields;
  return expectation;
}
