// suite-invalid: a suite found beside policies is checked as a suite, every problem at its line.
import {describe, expect, it} from 'vitest';
import {lintSuiteFile} from '../../../../src/testing/lint-suite.js';
import {lintWorkspace} from '../helpers.js';

const workspace = lintWorkspace();
const lintSuite = (name: string, text: string, ruleSettings?: Record<string, 'error' | 'warning' | 'off'>) => {
  workspace.write({[name]: text, 'p.yaml': 'policy_version: "1.0"\nroles: [agent]\n'});
  return lintSuiteFile(name, {cwd: workspace.path, ruleSettings});
};

describe('suite-invalid', () => {
  it('passes a valid suite', () => {
    expect(lintSuite('ok.test.yaml', 'cases:\n  - name: a\n    policy: p.yaml\n    role: agent\n    expect: pass\n').findings).toEqual([]);
  });

  it('reports every case written wrong, each at its line, an unknown key with the key meant', () => {
    const text = 'cases:\n  - name: a\n    policy: p.yaml\n    expct: pass\n  - name: b\n    policy: p.yaml\n    expect: maybe\n';
    const shown = lintSuite('bad.test.yaml', text).findings.map((finding) => `${finding.range?.start.line}:${finding.range?.start.column} ${finding.ruleId} ${finding.message}`);
    expect(shown).toHaveLength(2);
    expect(shown[0]).toBe("4:5 suite-invalid cases[0]: unknown key 'expct' (did you mean 'expect'?)");
    expect(shown[1]).toMatch(/^7:\d+ suite-invalid cases\[1\]\.expect: /);
  });

  it('reports invalid YAML once', () => {
    expect(lintSuite('broken.test.yaml', 'cases: [\n').findings.map((finding) => finding.ruleId)).toEqual(['suite-invalid']);
  });

  it('takes its severity from the settings, and runs not at all when off', () => {
    const text = 'cases:\n  - name: a\n    policy: p.yaml\n    expct: pass\n';
    expect(lintSuite('w.test.yaml', text, {'suite-invalid': 'warning'}).findings[0].severity).toBe('warning');
    expect(lintSuite('w.test.yaml', text, {'suite-invalid': 'off'}).findings).toEqual([]);
  });
});
