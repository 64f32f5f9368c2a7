// Where a policy path leads (reference-policy-layer.md §1.2, §1.9): relative to
// the working directory, symlinks followed, then "must be YAML" (on the
// resolved name, case-sensitive), "does not exist", "must reference a file".
// `--policy-root` confinement is ours: the reference has no containment check.

import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {PolicyLoadError} from '../../src/errors.js';
import {loadPolicy} from '../../src/policy/loader.js';
import {pythonSuffix, resolvePolicyPath} from '../../src/policy/paths.js';
import {makeRoot, readCases, recorded, removeRoot, replay} from './reference-cases.js';

const VALID = "policy_version: '1.0'\nroles: [planner]\n";

describe('policy paths resolve and are checked as the reference does', () => {
  const cases = readCases('paths');

  it('covers the spec’s path table', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases.map((policyCase) => [policyCase.name, policyCase] as const))('%s', (_name, policyCase) => {
    expect(replay(policyCase)).toEqual(recorded(policyCase));
  });
});

describe('Python path suffixes', () => {
  it.each([
    ['p.yaml', '.yaml'],
    ['dir/p.yml', '.yml'],
    ['.yaml', ''],
    ['p.yaml.', ''],
    ['archive.tar.yaml', '.yaml'],
    ['noext', ''],
    ['UP.YAML', '.YAML'],
  ])('the suffix of %j is %j', (path, suffix) => {
    expect(pythonSuffix(path)).toBe(suffix);
  });
});

describe('--policy-root confines policy paths (ours; the reference loads ../outside.yaml)', () => {
  let root: string;
  let policies: string;

  beforeEach(() => {
    root = makeRoot();
    policies = join(root, 'policies');
    mkdirSync(join(policies, 'team'), {recursive: true});
    writeFileSync(join(policies, 'p.yaml'), VALID);
    writeFileSync(join(policies, 'team', 'child.yaml'), 'extends: ../p.yaml\n');
    writeFileSync(join(root, 'outside.yaml'), VALID);
    writeFileSync(join(policies, 'escape.yaml'), 'extends: ../outside.yaml\n');
    symlinkSync(join(root, 'outside.yaml'), join(policies, 'link.yaml'));
    symlinkSync(join(policies, 'p.yaml'), join(root, 'inward.yaml'));
  });

  afterEach(() => removeRoot(root));

  const outsideError = (policyFile: string) => {
    try {
      loadPolicy(policyFile, {cwd: policies, policyRoot: policies});
    } catch (error) {
      return error;
    }
    throw new Error(`${policyFile} loaded`);
  };

  it('loads a policy inside the root, and a base inside it', () => {
    expect(loadPolicy('p.yaml', {cwd: policies, policyRoot: policies}).roles).toEqual(['planner']);
    expect(loadPolicy('team/child.yaml', {cwd: policies, policyRoot: policies}).roles).toEqual(['planner']);
  });

  it('refuses a relative path climbing out with ..', () => {
    const error = outsideError('../outside.yaml');
    expect(error).toBeInstanceOf(PolicyLoadError);
    expect(error).toMatchObject({
      message: 'Policy file is outside the policy root',
      details: {policy_file: '../outside.yaml', policy_root: policies},
    });
  });

  it('refuses an absolute path outside the root', () => {
    expect(outsideError(join(root, 'outside.yaml'))).toMatchObject({message: 'Policy file is outside the policy root'});
  });

  it('refuses a symlink inside the root that points outside it', () => {
    expect(outsideError('link.yaml')).toMatchObject({message: 'Policy file is outside the policy root'});
  });

  it('refuses a base that escapes through extends', () => {
    expect(outsideError('escape.yaml')).toMatchObject({
      message: 'Policy file is outside the policy root',
      details: {policy_file: join(root, 'outside.yaml')},
    });
  });

  it('accepts a path outside the root that resolves (through a symlink) inside it', () => {
    expect(loadPolicy(join(root, 'inward.yaml'), {cwd: policies, policyRoot: policies}).roles).toEqual(['planner']);
  });

  it('refuses a sibling directory whose name starts with the root’s', () => {
    mkdirSync(`${policies}-evil`);
    writeFileSync(join(`${policies}-evil`, 'p.yaml'), VALID);
    expect(outsideError(join(`${policies}-evil`, 'p.yaml'))).toMatchObject({message: 'Policy file is outside the policy root'});
  });

  it('still reports a missing file as missing, before confinement', () => {
    expect(() => resolvePolicyPath('../nope.yaml', {cwd: policies, policyRoot: policies})).toThrow('Policy file does not exist');
  });
});
