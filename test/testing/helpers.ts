// Shared by the testing tests: where the repository is, a temporary folder, and
// the start of a suite for policies/support-assistant.yaml.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

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
