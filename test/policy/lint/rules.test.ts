// The lint rule registry (src/policy/lint/rules.ts): one module per rule,
// named by its id, each with its own tests and a documented example that the
// rule does report; listed in the order reports have always listed them.

import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ALL_RULES, LINT_RULES, RULE_METADATA} from '../../../src/policy/lint/rules.js';
import {REPO_ROOT} from '../../testing/helpers.js';
import {lintWorkspace} from './helpers.js';

const RULE_FILES = readdirSync(join(REPO_ROOT, 'src/policy/lint/rules')).map((name) => name.replace(/\.ts$/, ''));
const TEST_FILES = readdirSync(join(REPO_ROOT, 'test/policy/lint/rules')).filter((name) => name.endsWith('.test.ts'));

const workspace = lintWorkspace();

describe('the lint rule registry', () => {
  it('holds every rule module once, under the id its file is named by', () => {
    expect(RULE_METADATA.map((rule) => rule.id).sort()).toEqual([...RULE_FILES].sort());
    expect(new Set(RULE_METADATA.map((rule) => rule.id)).size).toBe(RULE_METADATA.length);
  });

  it('runs every rule but suite-invalid on policies (suites are checked as suites)', () => {
    expect(RULE_METADATA.filter((rule) => !LINT_RULES.includes(rule as never)).map((rule) => rule.id)).toEqual(['suite-invalid']);
  });

  it('has a test file for every rule', () => {
    expect(TEST_FILES.sort()).toEqual(RULE_FILES.map((id) => `${id}.test.ts`).sort());
  });

  it('lists the rules in the order SARIF and JUnit reports have always listed them', () => {
    expect(ALL_RULES.map((rule) => rule.id)).toEqual([
      'file-unreadable',
      'yaml-syntax',
      'yaml-duplicate-key',
      'policy-root-type',
      'policy-schema',
      'guard-syntax',
      'guard-unknown-condition',
      'output-schema-invalid',
      'precondition-invalid',
      'postcondition-unsupported',
      'postcondition-without-schema',
      'extends-target',
      'composition-escalation',
      'date-invalid',
      'date-inactive',
      'risk-factor-condition',
      'regex-backtracking',
      'lint-ignore-invalid',
      'suite-invalid',
    ]);
    // The explanation is SARIF's fullDescription.
    expect(ALL_RULES.every((rule) => Object.keys(rule).join() === 'id,severity,description,explanation')).toBe(true);
  });

  it.each(RULE_METADATA.map((rule) => [rule.id, rule] as const))('documents %s: a description, an explanation and an example', (_id, rule) => {
    expect(rule.description).toMatch(/^\S.*\.$/);
    expect(rule.explanation.length).toBeGreaterThan(rule.description.length);
    expect(rule.example.trim()).not.toBe('');
  });

  // The examples are written as policy files; file-unreadable's is saved as Latin-1, as it says, and composition-escalation's base is the one it names.
  it.each(LINT_RULES.map((rule) => [rule.id, rule] as const))('reports %s for its own example', (id, rule) => {
    workspace.write({'base.yaml': 'policy_version: "1.0"\nroles: [agent]\n'});
    const text = id === 'file-unreadable' ? Buffer.from(rule.example, 'latin1') : rule.example;
    expect(workspace.lint(`${id}.yaml`, text).findings.map((finding) => finding.ruleId)).toContain(id);
  });
});
