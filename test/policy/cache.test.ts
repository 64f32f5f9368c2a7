// The policy cache (ours; the reference's PolicyCache keys on the child's
// mtime only, §1.6): one entry per resolved path and calendar day, valid while
// every file the load read (the policy and its bases) is unchanged, failures
// cached too and re-thrown as fresh error objects. Within `recheckMs` of the
// last look the files are not stat'ed again; most tests set it to 0.

import {rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {PolicyLoadError, PolicyValidationError} from '../../src/errors.js';
import {PolicyCache} from '../../src/policy/cache.js';
import type {CalendarDay} from '../../src/policy/dates.js';
import {loadPolicy} from '../../src/policy/loader.js';
import type {PyDict} from '../../src/python/values.js';
import {makeRoot, removeRoot} from './reference-cases.js';

const JUNE_15: CalendarDay = {year: 2025, month: 6, day: 15};
const JUNE_16: CalendarDay = {year: 2025, month: 6, day: 16};

describe('PolicyCache', () => {
  let root: string;
  let cache: PolicyCache;

  beforeEach(() => {
    root = makeRoot();
    cache = new PolicyCache(1024, 0);
  });
  afterEach(() => removeRoot(root));

  const write = (name: string, text: string) => writeFileSync(join(root, name), text);
  const load = (name: string, today = JUNE_15) => loadPolicy(name, {cwd: root, cache, today: () => today});
  const thrown = (run: () => unknown): Error => {
    try {
      run();
    } catch (error) {
      return error as Error;
    }
    throw new Error('no error');
  };
  /** Moves a file's modification time so an edit of the same size is still seen. */
  const touch = (name: string, secondsLater: number) => {
    const {mtime} = statSync(join(root, name));
    const later = new Date(mtime.getTime() + secondsLater * 1000);
    utimesSync(join(root, name), later, later);
  };

  it('returns the same policy object on a hit', () => {
    write('p.yaml', "policy_version: '1.0'\nroles: [a]\n");
    const first = load('p.yaml');
    expect(load('p.yaml')).toBe(first);
    expect(cache.size).toBe(1);
  });

  it('shares one entry between relative and absolute spellings of a file', () => {
    write('p.yaml', "policy_version: '1.0'\nroles: [a]\n");
    expect(load(join(root, 'p.yaml'))).toBe(load('./p.yaml'));
    expect(cache.size).toBe(1);
  });

  it('reloads after the file is edited', () => {
    write('p.yaml', "policy_version: '1.0'\nroles: [a]\n");
    const first = load('p.yaml');
    write('p.yaml', "policy_version: '2.0'\nroles: [a]\n");
    touch('p.yaml', 5);
    const second = load('p.yaml');
    expect(second).not.toBe(first);
    expect(second.policy_version).toBe('2.0');
  });

  it('reloads after an edit that changes only the size', () => {
    write('p.yaml', "policy_version: '1.0'\nroles: [a]\n");
    const {mtime} = statSync(join(root, 'p.yaml'));
    load('p.yaml');
    write('p.yaml', "policy_version: '1.0'\nroles: [a, b]\n");
    utimesSync(join(root, 'p.yaml'), mtime, mtime);
    expect(load('p.yaml').roles).toEqual(['a', 'b']);
  });

  it('reloads after a base of the policy is edited', () => {
    write('base.yaml', "policy_version: '1.0'\nroles: [a, b]\n");
    write('child.yaml', 'extends: base.yaml\ndescription: child\n');
    expect(load('child.yaml').roles).toEqual(['a', 'b']);
    write('base.yaml', "policy_version: '1.0'\nroles: [a, b, c]\n");
    touch('base.yaml', 5);
    expect(load('child.yaml').roles).toEqual(['a', 'b', 'c']);
  });

  it('reports a base deleted since the load', () => {
    write('base.yaml', "policy_version: '1.0'\nroles: [a]\n");
    write('child.yaml', 'extends: base.yaml\n');
    load('child.yaml');
    rmSync(join(root, 'base.yaml'));
    expect(thrown(() => load('child.yaml'))).toMatchObject({message: 'Policy file does not exist'});
  });

  it('caches a failure and re-throws it as a fresh error with the same class, message and details', () => {
    write('p.yaml', "policy_version: 1\nroles: [a]\n");
    const first = thrown(() => load('p.yaml')) as PolicyValidationError;
    first.auditArtifact = {marked: true} as PyDict;
    const second = thrown(() => load('p.yaml')) as PolicyValidationError;
    expect(second).toBeInstanceOf(PolicyValidationError);
    expect(second).not.toBe(first);
    expect(second.message).toBe(first.message);
    expect(second.details).toEqual(first.details);
    expect(second.className).toBe('PolicyValidationError');
    expect(second.auditArtifact).toBeNull();
    expect(cache.size).toBe(1);
  });

  it('loads a fixed policy after a cached failure', () => {
    write('p.yaml', "policy_version: 1\nroles: [a]\n");
    expect(thrown(() => load('p.yaml'))).toBeInstanceOf(PolicyValidationError);
    write('p.yaml', "policy_version: '1'\nroles: [a]\n");
    touch('p.yaml', 5);
    expect(load('p.yaml').policy_version).toBe('1');
  });

  it('does not cache path errors: a file created later loads', () => {
    expect(thrown(() => load('later.yaml'))).toBeInstanceOf(PolicyLoadError);
    write('later.yaml', "policy_version: '1'\nroles: [a]\n");
    expect(load('later.yaml').roles).toEqual(['a']);
    expect(cache.size).toBe(1);
  });

  it('re-checks dates on a new day', () => {
    write('p.yaml', "policy_version: '1'\nroles: [a]\nexpiration_date: '2025-06-15'\n");
    expect(load('p.yaml', JUNE_15).expiration_date).toBe('2025-06-15');
    expect(thrown(() => load('p.yaml', JUNE_16))).toMatchObject({
      message: 'Policy expired: expiration_date is 2025-06-15, today is 2025-06-16',
    });
  });

  it('runs a load once per key and day', () => {
    let loads = 0;
    const policy = {policy_version: '1', roles: ['a']} as PyDict;
    const run = (today: CalendarDay) =>
      cache.getOrLoad(
        '/p.yaml',
        today,
        () => {
          loads++;
          return policy;
        },
        () => [],
      );
    run(JUNE_15);
    run(JUNE_15);
    expect(loads).toBe(1);
    run(JUNE_16);
    expect(loads).toBe(2);
  });

  it('runs a failing load once, re-throwing the cached failure', () => {
    let loads = 0;
    const failing = () => {
      loads++;
      throw new PolicyLoadError('Policy YAML parsing failed', {policy_file: '/p.yaml'});
    };
    for (let call = 0; call < 3; call++) {
      expect(() => cache.getOrLoad('/p.yaml', JUNE_15, failing, () => [])).toThrow('Policy YAML parsing failed');
    }
    expect(loads).toBe(1);
  });

  it('evicts the least recently used entry when full', () => {
    const small = new PolicyCache(2);
    let loads = 0;
    const run = (key: string) =>
      small.getOrLoad(
        key,
        JUNE_15,
        () => {
          loads++;
          return {} as PyDict;
        },
        () => [],
      );
    run('/a.yaml');
    run('/b.yaml');
    run('/a.yaml');
    run('/c.yaml');
    expect(small.size).toBe(2);
    run('/a.yaml');
    expect(loads).toBe(3);
    run('/b.yaml');
    expect(loads).toBe(4);
  });

  it('serves a policy edited within the recheck interval until the interval passes', async () => {
    const throttled = new PolicyCache(1024, 200);
    const loadThrottled = () => loadPolicy('p.yaml', {cwd: root, cache: throttled, today: () => JUNE_15});
    write('p.yaml', "policy_version: '1.0'\nroles: [a]\n");
    const first = loadThrottled();
    write('p.yaml', "policy_version: '1.0'\nroles: [a, b]\n");
    expect(loadThrottled()).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(loadThrottled().roles).toEqual(['a', 'b']);
  });

  it('refuses a size below one, and clears', () => {
    expect(() => new PolicyCache(0)).toThrow('max_size must be >= 1');
    write('p.yaml', "policy_version: '1'\nroles: [a]\n");
    load('p.yaml');
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
