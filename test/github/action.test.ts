// The repository's action.yml: valid action metadata as GitHub reads it, and
// inputs that every step uses.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {REPO_ROOT} from '../cli/capture.js';
import {schemaStoreValidator} from './schemastore.js';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const text = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8');
const action = parse(text) as {inputs: Record<string, {description: string; default?: string}>; runs: {using: string; steps: Step[]}};

describe('action.yml', () => {
  it('is valid action metadata by the published GitHub action schema', () => {
    const validate = schemaStoreValidator('github-action');
    expect(validate(action), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('is refused by that schema when it breaks a rule of action metadata (the check can fail)', () => {
    const validate = schemaStoreValidator('github-action');
    const withoutShell = structuredClone(action);
    delete (withoutShell.runs.steps.find((step) => step.run !== undefined) as {shell?: string}).shell;
    expect(validate(withoutShell)).toBe(false);
  });

  it('is a composite action whose inputs are each used by a step and described', () => {
    expect(action.runs.using).toBe('composite');
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).not.toBe('');
      expect(text, name).toMatch(new RegExp(`\\binputs\\.${name}(?![\\w-])`));
    }
  });

  it('passes inputs to scripts through the environment, never pasted into the script', () => {
    for (const step of action.runs.steps) if (step.run !== undefined) expect(step.run, step.name).not.toContain('${{');
  });

  it('lints as SARIF with an upload, tests with JUnit and a threshold, and can verify trails', () => {
    const scripts = action.runs.steps.map((step) => step.run ?? '').join('\n');
    expect(scripts).toMatch(/aigc policy lint .* -f sarif -o "\$SARIF_FILE"/);
    expect(scripts).toMatch(/aigc policy test .* -f junit -o "\$JUNIT_FILE"/);
    expect(scripts).toMatch(/--threshold "\$THRESHOLD"/);
    expect(scripts).toMatch(/aigc chain verify \$TRAILS/);
    expect(action.runs.steps.some((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
  });

  it('has every input listed in the README with its default', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    for (const [name, input] of Object.entries(action.inputs)) {
      const row = readme.split('\n').find((line) => line.startsWith('| ') && line.includes(`\`${name}\``));
      expect(row, name).toBeDefined();
      if (input.default) expect(row, name).toContain(`\`${input.default}\``);
    }
  });
});
