import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {EnforceOptions} from '../../src/pipeline/enforce.js';
import type {PyDict} from '../../src/python/values.js';

/** A temporary folder holding the given policy files; options resolve paths against it. */
export function policyFolder(files: Record<string, string>): {dir: string; options: EnforceOptions} {
  const dir = mkdtempSync(join(tmpdir(), 'aigc-pipeline-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return {dir, options: {cwd: dir, now: () => 1700000000}};
}

/** A policy for role `planner`: a boolean precondition, an output schema `{result, confidence}`, a postcondition. */
export const PLANNER_POLICY = readFileSync(new URL('../data/pipeline/planner-policy.yaml', import.meta.url), 'utf8');

export function invocation(overrides: PyDict = {}): PyDict {
  return {
    policy_file: 'policy.yaml',
    model_provider: 'openai',
    model_identifier: 'gpt-4o',
    role: 'planner',
    input: {task: 'summarise'},
    context: {role_declared: true},
    output: {result: 'ok', confidence: 0.9},
    ...overrides,
  };
}

/** `invocation` as it stands before the model call: no output yet. */
export function preCallInvocation(overrides: PyDict = {}): PyDict {
  const {output: _output, ...preCall} = invocation();
  return {...preCall, ...overrides};
}
