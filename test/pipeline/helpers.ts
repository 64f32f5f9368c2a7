import {mkdtempSync, writeFileSync} from 'node:fs';
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

export const PLANNER_POLICY = `
policy_version: "1.0"
roles: [planner, verifier]
pre_conditions:
  required:
    role_declared: {type: boolean}
output_schema:
  type: object
  properties:
    result: {type: string}
    confidence: {type: number}
  required: [result, confidence]
post_conditions:
  required: [output_schema_valid]
`;

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
