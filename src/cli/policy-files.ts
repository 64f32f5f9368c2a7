// The files `policy lint` and `policy validate` check, from their PATH
// arguments: a file named is always checked as a policy; what a folder walk
// or a glob finds is checked as what it is (src/policy/recognise.ts: a
// policy, a suite for lint, or skipped), by the project config's globs when it
// has them.

import path from 'node:path';
import type {ProjectConfig} from '../config/types.js';
import {collectFiles, POLICY_FILES, skippedMessage} from '../files/collect.js';
import {FileRecogniser} from '../policy/recognise.js';
import {usageError} from './exit-codes.js';

export interface PolicyFiles {
  /** In the order found; `suite` only when suites are asked for. */
  checked: {file: string; kind: 'policy' | 'suite'}[];
  missing: string[];
  /** Found and not checked: not a policy (nor, for lint, a suite). */
  notPolicies: {file: string; reason: string}[];
}

export function policyFilesOf(
  paths: readonly string[],
  cwd: string,
  config: ProjectConfig | undefined,
  note: (message: string) => void,
  options: {suites: boolean},
): PolicyFiles {
  const {files, missing, empty, skipped, named} = collectFiles(paths, POLICY_FILES, cwd);
  for (const entry of skipped) note(skippedMessage(entry));
  const recogniser = new FileRecogniser(config);
  const selected: PolicyFiles = {checked: [], missing, notPolicies: []};
  for (const file of files) {
    const role = named.has(file) ? {kind: 'policy' as const} : recogniser.roleOf(path.resolve(cwd, file));
    if (role.kind === 'policy' || (role.kind === 'suite' && options.suites)) selected.checked.push({file, kind: role.kind});
    else selected.notPolicies.push({file, reason: role.kind === 'suite' ? 'a policy test suite, not a policy' : role.reason});
  }
  const what = 'no policy files (*.yaml, *.yml) found';
  if (selected.checked.length === 0 && missing.length === 0) {
    const skippedNote = selected.notPolicies.length > 0 ? ` (${selected.notPolicies.length} YAML file${selected.notPolicies.length === 1 ? '' : 's'} skipped as not policies; see --verbose)` : '';
    throw usageError(`${(empty.length > 0 ? empty : paths).join(', ')}: ${what}${skippedNote}`);
  }
  for (const given of empty) note(`${given}: ${what}`);
  return selected;
}
