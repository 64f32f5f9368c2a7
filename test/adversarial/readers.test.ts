// Property tests of the readers every command stands on: whatever bytes or
// text they get, they give a value or a located, typed error; they never
// throw anything else (which would surface as an internal error), and they end
// (the test timeout is the guard). Inputs are arbitrary bytes, arbitrary
// strings, and strings built from the pieces that make each syntax deep or
// ambiguous (brackets, quotes, anchors and aliases, tags, BOMs, NULs, lone
// surrogates), so the generators reach far past the first character.
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {parseGuardSyntax} from '../../src/guards/index.js';
import {JsonValueReader} from '../../src/io/json-values.js';
import {readJsonLines} from '../../src/io/jsonl.js';
import {readPolicyFile} from '../../src/policy/read.js';
import {readYaml, YamlSyntaxError} from '../../src/policy/yaml.js';
import {TestingFileError} from '../../src/testing/errors.js';
import {loadSuiteFile, parseSuite} from '../../src/testing/suite.js';

const RUNS = {numRuns: 300};

/** Strings made of the pieces that matter to a syntax, repeated and nested at random. */
function textOf(pieces: readonly string[], maxLength = 200): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...pieces), {maxLength}).map((parts) => parts.join(''));
}

const JSON_PIECES = ['{', '}', '[', ']', '"', '"a"', ':', ',', '\n', '\r\n', ' ', '1', '-', '1e999', 'NaN', 'true', 'null', '\\', '\\u', 'd800', '\u0000', '\ufeff', '\ud800', 'é', '{"a":1}\n', '[[[[[[[[', ']]]]]]]]'];
const YAML_PIECES = ['\n', '  ', '- ', ': ', 'a', 'key', '"', "'", '[', ']', '{', '}', ',', '&x ', '*x', '!!python/object ', '!!binary ', '? ', '|', '>', '#', '---\n', '...\n', '%YAML 1.1\n', '\t', '\ufeff', '\u0000', '\u001b', '2026-01-01', 'yes', '0x1F', '<<: *x\n', 'x: &x [*x, *x]\n'];
const SUITE_PIECES = [...YAML_PIECES, 'suite: s\n', 'policy: p.yaml\n', 'cases:\n', '  - name: c\n', '    expect: pass\n', '    expect: {result: fail, reason: "/(a+)+$/"}\n', 'now: 2026-01-01T00:00:00Z\n', 'defaults: {role: agent}\n'];
const GUARD_PIECES = ['(', ')', ' and ', ' or ', 'not ', 'a', 'role', ' == ', ' != ', ' >= ', '"x"', "'x'", ' in ', '1', '1.5', 'True', '\u0000', '\u202e', '"', '\\'];

const anyBytes = fc.oneof(fc.uint8Array({maxLength: 300}), textOf(JSON_PIECES).map((text) => new Uint8Array(Buffer.from(text))), textOf(JSON_PIECES).map((text) => new Uint8Array(Buffer.from(text, 'utf16le'))));

/** Splits bytes into chunks at arbitrary points, as a pipe delivers them. */
function chunked(bytes: Uint8Array, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(Buffer.from(bytes.subarray(start, point)));
    start = point;
  }
  return chunks;
}

const oneLine = (text: string) => expect(text).toMatch(/^[^\n]*$/);

describe('the JSON value stream (enforce and chain append stdin)', () => {
  it('gives, for any bytes in any chunks, values or one-line reasons with a line number, never an exception', () => {
    fc.assert(
      fc.property(anyBytes, fc.array(fc.nat(), {maxLength: 6}), (bytes, cuts) => {
        const reader = new JsonValueReader();
        const items = [...chunked(bytes, cuts).flatMap((chunk) => reader.push(chunk)), ...reader.end()];
        for (const item of items) {
          expect(item.line).toBeGreaterThanOrEqual(1);
          if (item.kind === 'invalid') oneLine(item.reason);
        }
        // values may follow one another on a line (`1 2`), but each takes at least a byte
        expect(items.length).toBeLessThanOrEqual(bytes.length);
      }),
      RUNS,
    );
  });

  it('gives the same items however the input is cut into chunks', () => {
    fc.assert(
      fc.property(anyBytes, fc.array(fc.nat(), {maxLength: 6}), (bytes, cuts) => {
        const whole = new JsonValueReader();
        const once = [...whole.push(Buffer.from(bytes)), ...whole.end()];
        const pieces = new JsonValueReader();
        const split = [...chunked(bytes, cuts).flatMap((chunk) => pieces.push(chunk)), ...pieces.end()];
        expect(split).toEqual(once);
      }),
      RUNS,
    );
  });
});

describe('the JSONL trail reader (chain verify, compliance export, replay of trails)', () => {
  it('gives, for any bytes, one record per non-blank line: a value or a located invalid record', async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes, fc.array(fc.nat(), {maxLength: 6}), async (bytes, cuts) => {
        const records = [];
        for await (const record of readJsonLines(
          (async function* () {
            yield* chunked(bytes, cuts);
          })(),
          {maxLineBytes: 64},
        )) {
          records.push(record);
        }
        let previous = 0;
        for (const record of records) {
          expect(record.line).toBeGreaterThan(previous);
          previous = record.line;
          expect(record.offset).toBeGreaterThanOrEqual(0);
          expect(record.offset).toBeLessThanOrEqual(bytes.length);
          if (record.kind === 'invalid') {
            expect(['json', 'utf8', 'too-long', 'truncated']).toContain(record.reason);
            oneLine(record.message);
          }
        }
      }),
      RUNS,
    );
  });
});

describe('the YAML policy reader (lint, validate, enforce)', () => {
  const yamlText = fc.oneof(fc.string({maxLength: 200, unit: 'binary'}), textOf(YAML_PIECES));

  it('gives a document or a YamlSyntaxError with a range inside the text, for any text', () => {
    fc.assert(
      fc.property(yamlText, fc.boolean(), (text, simpleFirst) => {
        try {
          const document = readYaml(text, {simpleFirst});
          expect(document).toHaveProperty('value');
        } catch (error) {
          expect(error).toBeInstanceOf(YamlSyntaxError);
          const syntax = error as YamlSyntaxError;
          oneLine(syntax.reason);
          if (syntax.range) expect(syntax.range.start.line).toBeLessThanOrEqual(text.split('\n').length + 1);
        }
      }),
      RUNS,
    );
  });

  const folder = mkdtempSync(join(tmpdir(), 'aigc-readers-'));
  afterAll(() => rmSync(folder, {recursive: true, force: true}));

  it('reads any bytes as a policy or a typed problem, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({maxLength: 300}), textOf(YAML_PIECES).map((text) => new Uint8Array(Buffer.from(text)))), (bytes) => {
        const file = join(folder, 'p.yaml');
        writeFileSync(file, bytes);
        const read = readPolicyFile(file);
        if (!read.ok) expect(['not-utf8', 'yaml-syntax', 'root-not-mapping']).toContain(read.problem.reason);
        if (!read.ok && read.problem.reason === 'yaml-syntax') expect(read.problem.error).toBeInstanceOf(YamlSyntaxError);
      }),
      RUNS,
    );
  });
});

describe('the suite reader (policy test)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'aigc-suites-'));
  writeFileSync(join(folder, 'p.yaml'), 'policy_version: "1.0"\nroles: [agent]\n');
  afterAll(() => rmSync(folder, {recursive: true, force: true}));

  it('expands a suite or refuses it with a TestingFileError naming the file, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({maxLength: 200, unit: 'binary'}), textOf(SUITE_PIECES, 40)), (text) => {
        try {
          parseSuite(text, 's.test.yaml', {cwd: folder});
        } catch (error) {
          expect(error).toBeInstanceOf(TestingFileError);
          const refusal = error as TestingFileError;
          expect(refusal.file).toBe('s.test.yaml');
          expect(refusal.message).not.toBe('');
        }
      }),
      RUNS,
    );
  });

  it('reads any bytes from a file as a suite or a refusal, invalid UTF-8 included', () => {
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 300}), (bytes) => {
        writeFileSync(join(folder, 'b.test.yaml'), bytes);
        try {
          loadSuiteFile('b.test.yaml', {cwd: folder});
        } catch (error) {
          expect(error).toBeInstanceOf(TestingFileError);
        }
      }),
      RUNS,
    );
  });
});

describe('guard expressions', () => {
  it('parse to a tree or a guard-syntax error at an offset inside the expression, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({maxLength: 200}), textOf(GUARD_PIECES, 400)), (expression) => {
        const result = parseGuardSyntax(expression);
        if (!result.ok) {
          expect(result.error.reason).toBe('guard-syntax');
          expect(result.offset).toBeGreaterThanOrEqual(0);
          expect(result.offset).toBeLessThanOrEqual(Array.from(expression).length);
        }
      }),
      RUNS,
    );
  });

  it('never overflow the stack, however deep the nesting', () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 20_000}), fc.constantFrom('(', 'not ', 'a and '), (depth, piece) => {
        const expression = piece === '(' ? `${'('.repeat(depth)}a${')'.repeat(depth)}` : `${piece.repeat(depth)}a`;
        const result = parseGuardSyntax(expression);
        if (!result.ok) expect(result.error.reason).toBe('guard-syntax');
      }),
      {numRuns: 50},
    );
  });
});
