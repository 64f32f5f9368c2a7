// extends-target: the base a policy extends cannot be used, or the composition cannot be made.
import {mkdirSync, realpathSync} from 'node:fs';
import {join} from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {lintWorkspace, MINIMAL} from '../helpers.js';

const workspace = lintWorkspace();
const findings = (name: string, text?: string) => workspace.findingsOf('extends-target', name, text);
const child = (base: string, more = '') => `extends: ${base}\npolicy_version: "2"\nroles: [agent]\n${more}`;

beforeAll(() => {
  workspace.write({
    'base.yaml': 'policy_version: "1"\nroles: [agent, admin]\n',
    'broken-base.yaml': 'roles: [agent\n',
    'list-base.yaml': '- agent\n',
    'wrong-base.yaml': 'policy_version: 1\nroles: [agent]\n',
    'late-base.yaml': 'policy_version: "1"\nroles: [agent]\neffective_date: "2025-03-01"\n',
    'base.txt': 'policy_version: "1"\n',
  });
  mkdirSync(join(workspace.path, 'folder.yaml'));
});

describe('extends-target', () => {
  it('reports a base that does not exist, at extends, quoting the loader and naming the path it looked for', () => {
    expect(findings('missing.yaml', child('nope.yaml'))).toEqual([`1:10 extends 'nope.yaml': Policy file does not exist: ${join(realpathSync(workspace.path), 'nope.yaml')}`]);
  });

  it('reports a base that is not YAML, not a file, or does not load', () => {
    const at = (name: string) => join(realpathSync(workspace.path), name);
    expect(findings('a.yaml', child('base.txt'))).toEqual([`1:10 extends 'base.txt': Policy file must be YAML: ${at('base.txt')}`]);
    expect(findings('b.yaml', child('folder.yaml'))).toEqual([`1:10 extends 'folder.yaml': Policy path must reference a file: ${at('folder.yaml')}`]);
    expect(findings('c.yaml', child('broken-base.yaml'))).toEqual(["1:10 extends 'broken-base.yaml': Policy YAML parsing failed"]);
    expect(findings('d.yaml', child('list-base.yaml'))).toEqual(["1:10 extends 'list-base.yaml': Policy root must be a mapping object"]);
    expect(findings('e.yaml', child('wrong-base.yaml'))).toEqual([
      "1:10 extends 'wrong-base.yaml': Policy schema validation failed at $.policy_version: 1 is not of type 'string'",
    ]);
  });

  it('reports a cycle once the file’s own schema holds (it is the schema’s to report first)', () => {
    expect(findings('self.yaml', child('self.yaml'))).toEqual([expect.stringMatching(/^1:10 extends 'self\.yaml': Circular extends detected: .*self\.yaml$/)]);
    expect(findings('self-wrong.yaml', 'extends: self-wrong.yaml\npolicy_version: 2\nroles: [agent]\n')).toEqual([]);
  });

  it('leaves an unknown composition_strategy to the schema, which refuses it', () => {
    const result = workspace.lint('strategy.yaml', child('base.yaml', 'composition_strategy: bogus\n'));
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['policy-schema']);
  });

  it('reports dates out of order in the composed policy, which neither file has alone', () => {
    expect(findings('order.yaml', child('late-base.yaml', 'expiration_date: "2025-12-31"\n'))).toEqual([]);
    expect(findings('order2.yaml', child('late-base.yaml', 'expiration_date: "2025-02-01"\n'))).toEqual([
      "1:10 extends 'late-base.yaml': Policy effective_date is after expiration_date",
    ]);
  });

  it('leaves the file’s own problems to its own rules', () => {
    expect(findings('own-dates.yaml', child('base.yaml', 'effective_date: "2025-03-01"\nexpiration_date: "2025-02-01"\n'))).toEqual([]);
    expect(findings('own-schema.yaml', child('base.yaml', 'roles2: [x]\n'))).toEqual([]);
  });

  it('is not reported for a base that loads, nor for a policy that extends nothing', () => {
    expect(findings('fine.yaml', child('base.yaml'))).toEqual([]);
    expect(findings('alone.yaml', MINIMAL)).toEqual([]);
  });
});
