// parseJson reads with the engine's JSON.parse wherever its screen
// (nativeReadIsExact) says that gives the exact parser's value. The exact
// parser is the arbiter: over generated JSON of every awkward shape, the two
// must agree value for value (int or float, -0, bigints, key order).
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {canonicalJson, writerCanonicalJson} from '../../src/canonical/canonical.js';
import {compactJson} from '../../src/canonical/dumps.js';
import {nativeReadIsExact, parseJson, parseJsonPrefix} from '../../src/canonical/json.js';
import {PyFloat, type PyValue, pyKeys} from '../../src/python/values.js';
import {seededRandom} from '../seeded-random.js';

/** A value written out with everything that tells Python values apart: type, sign of zero, key order. */
function shape(value: PyValue): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `s${JSON.stringify(value)}`;
  if (typeof value === 'bigint') return `big:${value}`;
  if (value instanceof PyFloat) return `float:${Object.is(value.value, -0) ? '-0' : value.value}`;
  if (typeof value === 'number') {
    const kind = Number.isInteger(value) && !Object.is(value, -0) ? 'int' : 'float';
    return `${kind}:${Object.is(value, -0) ? '-0' : String(value)}`;
  }
  if (Array.isArray(value)) return `[${value.map(shape).join(',')}]`;
  const dict = value as Record<string, PyValue>;
  return `{${pyKeys(dict)
    .map((key) => `${JSON.stringify(key)}:${shape(dict[key])}`)
    .join(',')}}`;
}

const NUMBERS = [
  '0', '-0', '1', '-1', '1.0', '-0.0', '0.0', '1.5', '0.75', '2e3', '2E3', '2e-3', '1e400', '-1e400', '1e-400', '-1e-400', '1.5e2', '12.5e-1',
  '9007199254740991', '9007199254740992', '-9007199254740993', '123456789012345', '1234567890123456', '12345678901234567890',
  '1.0000000000000001', '0.99999999999999999', '2.0000000000000004', '123456789012345.6', '1234567890123456.5', '0.1111111111111111',
  '100000000000000000000.0', '1.7976931348623157e308', '5e-324', '4.9e-324', '0.1', '3.14159',
];
const STRINGS = [
  '', 'plain', 'café', '1.0', '12', '-0', '2e3', '9007199254740993', 'a\\"b', 'back\\\\slash', '\\u0031', '\\u00e9', '\\ud800', '\\udc00x',
  '\\ud83d\\ude00', '\\n\\t', '\\/', 'x\\\\\\"', '0x1f', 'ends with \\\\',
];
const KEYS = ['a', 'b', 'role', '1', '2', '0', '01', '10', '4294967294', '4294967295', '\\u0032', '\\u00312', '1a', '__proto__', 'a', '-1', '1.0', ''];
const SPACE = ['', ' ', '\n', '\t', '\r\n  '];

function generate(next: () => number, depth: number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const roll = next();
  if (depth > 3 || roll < 0.35) return roll < 0.2 ? pick(NUMBERS) : roll < 0.3 ? `"${pick(STRINGS)}"` : pick(['true', 'false', 'null']);
  const ws = () => pick(SPACE);
  const count = Math.floor(next() * 5);
  const items = Array.from({length: count}, () =>
    roll < 0.65 ? `${ws()}${generate(next, depth + 1)}${ws()}` : `${ws()}"${pick(KEYS)}"${ws()}:${ws()}${generate(next, depth + 1)}${ws()}`,
  );
  return roll < 0.65 ? `[${items.join(',')}]` : `{${items.join(',')}}`;
}

describe('the native read agrees with the exact parser', () => {
  it('gives the same value, value for value, for generated JSON of every awkward shape', () => {
    let native = 0;
    let exact = 0;
    for (let seed = 1; seed <= 20_000; seed++) {
      const text = generate(seededRandom(seed), 0);
      if (nativeReadIsExact(text)) native++;
      else exact++;
      expect(shape(parseJson(text)), `seed ${seed}: ${text}`).toBe(shape(parseJsonPrefix(text).value));
    }
    // Both paths are exercised, so the agreement says something about each.
    expect(native).toBeGreaterThan(2000);
    expect(exact).toBeGreaterThan(2000);
  });

  it('writes canonical JSON natively exactly as its own writer does, refusals included', () => {
    const outcome = (write: () => string) => {
      try {
        return write();
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    let refused = 0;
    for (let seed = 1; seed <= 20_000; seed++) {
      const value = parseJsonPrefix(generate(seededRandom(seed), 0)).value;
      const expected = outcome(() => writerCanonicalJson(value));
      if (expected.startsWith('CanonicalJsonError')) refused++;
      expect(outcome(() => canonicalJson(value)), `seed ${seed}`).toBe(expected);
    }
    expect(refused).toBeGreaterThan(500);
  });

  it.each(NUMBERS)('reads the number %s as the exact parser does, alone and inside values', (literal) => {
    for (const text of [literal, `[${literal}]`, `{"n": ${literal}}`, ` ${literal} `, `{"s": "${literal}", "n": [1, ${literal}]}`]) {
      expect(shape(parseJson(text)), text).toBe(shape(parseJsonPrefix(text).value));
    }
  });

  it('leaves integral floats, big integers and -0 to the exact parser', () => {
    for (const literal of ['1.0', '-0', '-0.0', '2e3', '1e-400', '9007199254740992', '1.0000000000000001']) {
      expect(nativeReadIsExact(`{"n": ${literal}}`), literal).toBe(false);
    }
  });

  it('leaves keys that objects reorder to the exact parser, also written with escapes', () => {
    for (const key of ['1', '0', '4294967294', '\\u0031', '1\\u0032']) expect(nativeReadIsExact(`{"b": 1, "${key}": 2}`), key).toBe(false);
    for (const key of ['01', '4294967295', '1a', '-1', 'caf\\u00e9']) expect(nativeReadIsExact(`{"b": 1, "${key}": 2}`), key).toBe(true);
  });

  it('reads digits, exponents and "1.0" inside strings natively', () => {
    const checksum = '"input_checksum": "2806c44a5f163b92806af9b7535a0930ad25c85712bb36e6f1d9e83afb98b76f"';
    expect(nativeReadIsExact(`{${checksum}, "policy_version": "1.0", "note": "2e3 -0 12345678901234567890 \\"1.0\\" [[[["}`)).toBe(true);
  });

  it('leaves nesting deeper than the exact parser allows to it', () => {
    expect(nativeReadIsExact(`${'['.repeat(1000)}${']'.repeat(1000)}`)).toBe(true);
    expect(nativeReadIsExact(`${'['.repeat(1001)}1${']'.repeat(1001)}`)).toBe(false);
    expect(() => parseJson(`${'['.repeat(1001)}1${']'.repeat(1001)}`)).toThrow('Maximum nesting depth exceeded');
    // Brackets inside strings do not count.
    expect(nativeReadIsExact(`["${'['.repeat(5000)}"]`)).toBe(true);
  });

  it('reads the artifacts aigc writes natively', () => {
    const lines = readFileSync(new URL('../data/corpus-public/expected.jsonl', import.meta.url), 'utf8').trim().split('\n');
    const artifacts = lines.map((line) => parseJson(line));
    // Written as `aigc enforce` writes them (integral floats as integers).
    const native = artifacts.filter((artifact) => nativeReadIsExact(compactJson(artifact)));
    expect(native.length).toBeGreaterThan(lines.length * 0.95);
  });
});
