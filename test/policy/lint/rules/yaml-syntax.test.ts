// yaml-syntax: YAML that PyYAML's safe_load refuses, and the limits that stop hostile YAML.
import {describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';
import {aliasBomb} from '../../alias-bomb.js';

const workspace = lintWorkspace();
const findings = (text: string) => workspace.findingsOf('yaml-syntax', 'p.yaml', text);


describe('yaml-syntax', () => {
  it('reports a tab used for indentation where PyYAML finds it, with PyYAML’s context line', () => {
    expect(findings(`${MINIMAL}pre_conditions:\n\trequired: [x]\n`)).toEqual([
      "4:1 while scanning for the next token\nfound character '\\t' that cannot start any token",
    ]);
  });

  it('reports an unclosed flow sequence at the end of the stream', () => {
    expect(findings('policy_version: "1.0"\nroles: [agent\n')).toEqual(['3:1 Flow sequence in block collection must be sufficiently indented and end with a ]']);
  });

  it('refuses a second document', () => {
    expect(findings(`${MINIMAL}---\n${MINIMAL}`)[0]).toMatch(/^3:1 expected a single document in the stream\nbut found another document$/);
  });

  it('stops an alias bomb (billion laughs)', () => {
    expect(findings(aliasBomb())[0]).toMatch(/alias/);
  });

  it('stops flow sequences and mappings nested 10,000 deep', () => {
    expect(findings(`${MINIMAL}nested: ${'['.repeat(10000)}${']'.repeat(10000)}\n`)[0]).toMatch(/nests deeper than 500 levels/);
    expect(findings(`${MINIMAL}nested: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}\n`)[0]).toMatch(/nests deeper than 500 levels/);
  });

  it('is the only finding of such a file, and keeps its text for the code frame', () => {
    const result = workspace.lint('p.yaml', 'roles: [agent\nroles: [x]\n');
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['yaml-syntax']);
    expect(result.source).toBe('roles: [agent\nroles: [x]\n');
  });

  it('accepts YAML 1.1 that PyYAML reads', () => {
    expect(findings(`${MINIMAL}description: yes\nweights: [017, 1_000, 0x1f]\n`)).toEqual([]);
  });
});
