// Shared by the testing tests: where the repository is, a temporary folder, and
// the start of a suite for policies/support-assistant.yaml, the reference's case defaults.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {PyDict} from '../../src/python/values.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function temporaryFolder(): {path: string; remove: () => void} {
  const path = mkdtempSync(join(tmpdir(), 'aigc-testing-'));
  return {path, remove: () => rmSync(path, {recursive: true, force: true})};
}

/** A suite's header and the case defaults that pass policies/support-assistant.yaml for role agent; its cases follow. */
export function supportSuiteHead(suite: string, policy: string): string {
  return `
suite: ${suite}
policy: ${policy}
now: 1780000000
defaults:
  model_provider: internal
  model_identifier: m
  input: {}
  output: {answer: a, confidence: 0.5, escalate: false}
  context: {customer_verified: true, ticket_id: TCK-000001}
`;
}

/** The invocation the reference's PolicyTestCase builds for `policyFile` from its defaults, with `fields` set. */
export function referenceCaseInvocation(policyFile: string, fields: PyDict = {}): PyDict {
  return {policy_file: policyFile, role: 'planner', model_provider: 'test-provider', model_identifier: 'test-model', input: {}, output: {}, context: {}, ...fields};
}
