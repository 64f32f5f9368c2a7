import {describe, expect, it} from 'vitest';
import {parse} from '../../src/cli/policy-test-main.js';

describe('the fast start-up path of policy test', () => {
  it('parses paths and flags as oclif does', () => {
    expect(parse(['fixtures/suites', '-f', 'json', '--run', 'role', '--bail', '--gate', 'a.mjs', '--gate', 'b.mjs', '--no-color'])).toEqual({
      paths: ['fixtures/suites'],
      flags: {format: 'json', run: 'role', bail: true, gate: ['a.mjs', 'b.mjs'], color: false},
    });
    expect(parse(['--output=report.xml', '--format=junit', 'a', 'b'])).toEqual({paths: ['a', 'b'], flags: {output: 'report.xml', format: 'junit'}});
    expect(parse(['--', '--color'])).toEqual({paths: ['--color'], flags: {}});
  });

  it('leaves to oclif what it might read differently: unknown flags, -f=VALUE, a flag without its value', () => {
    expect(parse(['--no-such-flag'])).toBeUndefined();
    expect(parse(['-f=json'])).toBeUndefined();
    expect(parse(['--run'])).toBeUndefined();
  });
});
