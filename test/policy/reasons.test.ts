// Every way a policy cannot be used carries a typed reason (src/errors.ts),
// so that lint and other callers switch on it rather than on the message's
// words; the reason never reaches an artifact, whose bytes are the reference's.

import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {AigcError, type PolicyErrorReason} from '../../src/errors.js';
import {compileGuardExpression, evaluateGuardAst, resolveConditions} from '../../src/guards/index.js';
import type {CalendarDay} from '../../src/policy/dates.js';
import {loadPolicy} from '../../src/policy/loader.js';
import {decide} from '../../src/pipeline/enforce.js';
import {temporaryFolder} from '../testing/helpers.js';

let folder: ReturnType<typeof temporaryFolder>;
beforeEach(() => {
  folder = temporaryFolder();
});
afterEach(() => folder.remove());

const today: () => CalendarDay = () => ({year: 2025, month: 6, day: 1});
const BASE = 'policy_version: "1"\nroles: [a, b]\npost_conditions:\n  required: [output_schema_valid]\noutput_schema: {type: object}\n';

function write(name: string, text: string | Buffer): string {
  const file = join(folder.path, name);
  writeFileSync(file, text);
  return file;
}

/** The reason `loadPolicy` fails `text` (written as `name`) with. */
function reasonOf(text: string | Buffer, name = 'p.yaml', options: {policyRoot?: string} = {}): PolicyErrorReason | undefined {
  const file = write(name, text);
  try {
    loadPolicy(file, {today, ...options});
  } catch (error) {
    expect(error).toBeInstanceOf(AigcError);
    return (error as AigcError).reason;
  }
  throw new Error(`${name} loaded`);
}

describe('loading a policy gives each failure a reason', () => {
  it('names a path that is not YAML', () => {
    expect(reasonOf('policy_version: "1"\nroles: [a]\n', 'p.txt')).toBe('not-yaml-path');
  });

  it('tells a missing policy from a missing base', () => {
    let reason: PolicyErrorReason | undefined;
    try {
      loadPolicy(join(folder.path, 'absent.yaml'), {today});
    } catch (error) {
      reason = (error as AigcError).reason;
    }
    expect(reason).toBe('file-missing');
    expect(reasonOf('extends: absent.yaml\npolicy_version: "1"\nroles: [a]\n')).toBe('missing-base');
  });

  it('names a folder where a file was expected', () => {
    mkdirSync(join(folder.path, 'folder.yaml'));
    expect(reasonOf('extends: folder.yaml\npolicy_version: "1"\nroles: [a]\n')).toBe('not-a-file');
  });

  it('names a policy outside the policy root', () => {
    expect(reasonOf('policy_version: "1"\nroles: [a]\n', 'p.yaml', {policyRoot: join(folder.path, 'elsewhere')})).toBe('outside-policy-root');
  });

  it('names what reading found: too large, not UTF-8, YAML syntax, not a mapping', () => {
    expect(reasonOf(`roles: ['${'x'.repeat(1024 * 1024)}']\n`)).toBe('file-too-large');
    expect(reasonOf(Buffer.from([0x72, 0x6f, 0xff, 0x0a]))).toBe('not-utf8');
    expect(reasonOf('roles: [a\n')).toBe('yaml-syntax');
    expect(reasonOf('- a\n')).toBe('root-not-mapping');
  });

  it('names a schema violation', () => {
    expect(reasonOf('policy_version: 1\nroles: [a]\n')).toBe('schema-violation');
  });

  it('names each date problem and which date is invalid', () => {
    expect(reasonOf('policy_version: "1"\nroles: [a]\nexpiration_date: "2021-01-01"\n')).toBe('expired');
    expect(reasonOf('policy_version: "1"\nroles: [a]\neffective_date: "2029-01-01"\n')).toBe('not-yet-active');
    expect(reasonOf('policy_version: "1"\nroles: [a]\neffective_date: "2024-06-01"\nexpiration_date: "2024-01-01"\n')).toBe('date-order');
    expect(reasonOf('policy_version: "1"\nroles: [a]\neffective_date: "2024-02-30"\n')).toBe('invalid-effective-date');
    expect(reasonOf('policy_version: "1"\nroles: [a]\nexpiration_date: "2024-02-30"\n')).toBe('invalid-expiration-date');
  });

  it('names what composition refuses', () => {
    write('base.yaml', BASE);
    expect(reasonOf('extends: base.yaml\ncomposition_strategy: union\npolicy_version: "2"\nroles: [c]\n')).toBe('composition-escalation');
    expect(reasonOf('extends: base.yaml\ncomposition_strategy: replace\npolicy_version: "2"\nroles: [a]\npost_conditions: {required: []}\n')).toBe(
      'composition-weakening',
    );
    expect(reasonOf('extends: base.yaml\ncomposition_strategy: bogus\npolicy_version: "2"\nroles: [a]\n')).toBe('invalid-composition-strategy');
    expect(reasonOf('extends: p.yaml\npolicy_version: "2"\nroles: [a]\n')).toBe('cyclic-extends');
    expect(reasonOf('extends: [base.yaml]\npolicy_version: "2"\nroles: [a]\n')).toBe('extends-not-string');
  });
});

describe('guards and conditions give their failures a reason', () => {
  it('names a guard syntax error', () => {
    expect(() => compileGuardExpression('role == ')).toThrow(expect.objectContaining({reason: 'guard-syntax'}));
    expect(() => compileGuardExpression('   ')).toThrow(expect.objectContaining({reason: 'guard-syntax'}));
  });

  it('names an unknown condition and a comparison of non-numbers', () => {
    const env = {role: 'a', conditions: {}, context: {n: 'text'}};
    expect(() => evaluateGuardAst(compileGuardExpression('ready'), env)).toThrow(expect.objectContaining({reason: 'unknown-condition'}));
    expect(() => evaluateGuardAst(compileGuardExpression('n > 3'), env)).toThrow(expect.objectContaining({reason: 'non-numeric-comparison'}));
  });

  it('names a condition that is not boolean, and a required one that is missing', () => {
    expect(() => resolveConditions({conditions: {x: {type: 'boolean'}}}, {x: 'yes'})).toThrow(expect.objectContaining({reason: 'condition-not-boolean'}));
    expect(() => resolveConditions({conditions: {x: {type: 'boolean', required: true}}}, {})).toThrow(
      expect.objectContaining({reason: 'required-condition-missing'}),
    );
  });
});

describe('the reason stays out of artifacts', () => {
  it('writes the FAIL artifact of an expired policy without a reason anywhere in it', () => {
    const policyFile = write('old.yaml', 'policy_version: "1"\nroles: [a]\nexpiration_date: "2021-01-01"\n');
    const invocation = {policy_file: policyFile, model_provider: 'p', model_identifier: 'm', role: 'a', input: {}, output: {}, context: {}};
    const decision = decide(invocation, {now: () => 1700000000, cwd: folder.path});
    expect(decision.error?.reason).toBe('expired');
    expect(decision.artifact.enforcement_result).toBe('FAIL');
    expect(JSON.stringify(decision.artifact)).not.toContain('"expired"');
    expect(Object.keys(decision.artifact)).not.toContain('reason');
  });
});
