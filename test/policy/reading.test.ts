// Reading a policy file (reference-policy-layer.md §1.3, §1.9, §12.1): UTF-8
// text, YAML 1.1 via safe_load rules, a mapping at the root. Where the
// reference crashes (non-UTF-8 bytes, PyYAML's bare ValueError) or has no
// limit (size, alias bombs, nesting), a clear PolicyLoadError is ours.

import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {PolicyLoadError} from '../../src/errors.js';
import {loadPolicy} from '../../src/policy/loader.js';
import {MAX_POLICY_BYTES} from '../../src/policy/read.js';
import {crashCases, makeRoot, type Outcome, type PolicyCase, readCases, recorded, removeRoot, replay, sharedCases} from './reference-cases.js';
import {aliasBomb} from './alias-bomb.js';

const cases = readCases('reading');

/** Syntax errors the `yaml` package words itself: only PyYAML's marks (file, line, column) are shared. */
const WORDED_BY_THE_YAML_PACKAGE = new Set(['an unclosed flow sequence fails to parse']);

function lastLineOfError(outcome: Outcome): Outcome {
  const details = outcome.details?.replace(/'error': '(?:[^'\\]|\\.)*\\n( {2}in [^']*)'/, "'error': '…$1'");
  return {...outcome, details};
}

describe('policy files read as the reference reads them', () => {
  const shared = sharedCases(cases).filter((policyCase) => !WORDED_BY_THE_YAML_PACKAGE.has(policyCase.name));

  it.each(shared.map((policyCase) => [policyCase.name, policyCase] as const))('%s', (_name, policyCase) => {
    expect(replay(policyCase)).toEqual(recorded(policyCase));
  });

  it.each([...WORDED_BY_THE_YAML_PACKAGE])('%s, naming the file and the problem’s line (wording is the yaml package’s)', (name) => {
    const policyCase = cases.find((candidate) => candidate.name === name)!;
    expect(lastLineOfError(replay(policyCase))).toEqual(lastLineOfError(recorded(policyCase)));
  });
});

/**
 * The byte Python's UnicodeDecodeError names. At the end of the file Python
 * counts within the undecoded tail ("bytes in position 0-1: unexpected end of
 * data"), so the offset is taken from the end of the file instead.
 */
function bytePosition(policyCase: PolicyCase): number {
  const [, start, end] = /in position (\d+)(?:-(\d+))?/.exec(policyCase.message!)!;
  if (!policyCase.message!.endsWith('unexpected end of data')) return Number(start);
  const size = Buffer.from((policyCase.files!['p.yaml'] as {base64: string}).base64, 'base64').length;
  return size - (Number(end ?? start) - Number(start) + 1);
}

describe('where the reference crashes, loading fails closed with a PolicyLoadError (compatibility.md §1)', () => {
  const crashes = [...crashCases(cases).values()];
  const notUtf8 = crashes.filter((policyCase) => policyCase.raw === 'UnicodeDecodeError');

  it('records the reference’s crashes: undecodable bytes and PyYAML’s bare ValueError', () => {
    expect(notUtf8.length).toBeGreaterThanOrEqual(8);
    expect(crashes.filter((policyCase) => policyCase.raw !== 'UnicodeDecodeError').map((policyCase) => policyCase.name)).toEqual([
      'an invalid calendar date is a raw ValueError in PyYAML',
    ]);
  });

  it.each(notUtf8.map((policyCase) => [policyCase.name, policyCase] as const))(
    '%s: "not valid UTF-8" at the byte Python names, instead of a raw UnicodeDecodeError',
    (_name, policyCase) => {
      const position = bytePosition(policyCase);
      expect(replay(policyCase)).toEqual({
        error: 'PolicyLoadError',
        message: 'Policy file is not valid UTF-8',
        details: `{'policy_file': '<root>/p.yaml', 'error': 'invalid UTF-8 at byte ${position}'}`,
      });
    },
  );

  it('an impossible date (2020-13-45) is a YAML parsing failure, not PyYAML’s raw ValueError', () => {
    const policyCase = crashes.find((candidate) => candidate.raw === 'ValueError')!;
    const outcome = replay(policyCase);
    expect(outcome).toMatchObject({error: 'PolicyLoadError', message: 'Policy YAML parsing failed'});
    expect(outcome.details).toContain(policyCase.message);
  });
});

describe('hostile input is refused quickly (ours: the reference has no limits)', () => {
  let root: string;

  beforeEach(() => {
    root = makeRoot();
  });
  afterEach(() => removeRoot(root));

  function loadWritten(content: string | Buffer): {error: PolicyLoadError} {
    const path = join(root, 'p.yaml');
    writeFileSync(path, content);
    try {
      loadPolicy(path, {today: () => ({year: 2025, month: 6, day: 15})});
    } catch (error) {
      if (!(error instanceof PolicyLoadError)) throw error;
      return {error};
    }
    throw new Error('the policy loaded');
  }

  it('refuses a file over 1 MiB without parsing it', () => {
    const big = `policy_version: '1.0'\nroles: [a]\ndescription: '${'x'.repeat(MAX_POLICY_BYTES)}'\n`;
    const {error} = loadWritten(big);
    expect(error.message).toBe('Policy file is too large');
    expect(error.details).toMatchObject({policy_file: join(root, 'p.yaml'), size: Buffer.byteLength(big), limit: MAX_POLICY_BYTES});
  });

  it('reads a file of exactly 1 MiB', () => {
    const head = "policy_version: '1.0'\nroles: [a]\ndescription: '";
    const text = `${head}${'x'.repeat(MAX_POLICY_BYTES - head.length - 2)}'\n`;
    expect(Buffer.byteLength(text)).toBe(MAX_POLICY_BYTES);
    writeFileSync(join(root, 'p.yaml'), text);
    expect(loadPolicy(join(root, 'p.yaml')).roles).toEqual(['a']);
  });

  it('refuses an alias bomb (a billion laughs) as a YAML error', () => {
    const {error} = loadWritten(aliasBomb());
    expect(error.message).toBe('Policy YAML parsing failed');
    expect(error.details.error).toMatch(/alias/i);
  });

  it('refuses 10,000-deep nesting as a YAML error', () => {
    const {error} = loadWritten(`roles: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
    expect(error.message).toBe('Policy YAML parsing failed');
    expect(error.details.error).toMatch(/nest/i);
  });

  it('refuses 1,200-deep block nesting as a YAML error (much deeper would exceed the size limit)', () => {
    const lines = Array.from({length: 1_200}, (_, depth) => `${' '.repeat(depth)}k${depth}:`);
    const {error} = loadWritten(`${lines.join('\n')} x\n`);
    expect(error.message).toBe('Policy YAML parsing failed');
  });

  it('refuses binary garbage that happens to be valid UTF-8 as a YAML or root error', () => {
    const {error} = loadWritten(Buffer.from('\u0000\u0001\u0002\u00ff garbage: [', 'utf8'));
    expect(['Policy YAML parsing failed', 'Policy root must be a mapping object']).toContain(error.message);
  });

  it('refuses a file it cannot read with a PolicyLoadError naming the OS error', () => {
    const path = join(root, 'p.yaml');
    writeFileSync(path, "policy_version: '1.0'\nroles: [a]\n", {mode: 0o000});
    if (process.getuid?.() === 0) return; // root reads anything
    expect(() => loadPolicy(path)).toThrow(expect.objectContaining({message: 'Policy file could not be read', details: {policy_file: path, error: 'EACCES'}}));
  });
});
