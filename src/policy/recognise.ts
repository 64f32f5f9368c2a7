// What a YAML file found by a folder walk is, for the commands that check
// policies: a policy test suite (named `*.test.yaml`/`*.test.yml`, or a
// mapping with `cases` and neither of a policy's required keys), a policy (a
// mapping with at least one key of the policy schema), or something else
// (a compose file, a workflow), which is skipped. With a project config that
// sets `policies` or `suites`, those globs decide instead. A file that cannot
// be read, or is not YAML, is taken as a policy when its text shows a key of
// one at the start of a line, so that its problem is reported.

import path from 'node:path';
import {fileSetTest} from '../config/file-sets.js';
import type {ProjectConfig} from '../config/types.js';
import {readRegularFile} from '../files/regular-file.js';
import {isDict, pyKeys} from '../python/values.js';
import {readShippedSchema} from '../schemas.js';
import {firstInvalidUtf8Offset, MAX_POLICY_BYTES} from './read.js';
import {readYaml} from './yaml.js';

export type FileRole = {kind: 'policy'} | {kind: 'suite'} | {kind: 'skipped'; reason: string};

export const SUITE_NAME = /\.test\.ya?ml$/;

/** Tells files found by a walk apart, by the project config's globs when it has them. */
export class FileRecogniser {
  private readonly policies;
  private readonly suites;
  private readonly configFile?: string;

  constructor(config: ProjectConfig | undefined) {
    this.policies = fileSetTest(config, 'policies');
    this.suites = fileSetTest(config, 'suites');
    this.configFile = config?.file;
  }

  /** What the file at `absolute` is. */
  roleOf(absolute: string): FileRole {
    const isSuite = this.suites ? this.suites(absolute) : SUITE_NAME.test(path.basename(absolute));
    if (isSuite) return {kind: 'suite'};
    if (this.policies) {
      return this.policies(absolute) ? {kind: 'policy'} : {kind: 'skipped', reason: `not among the policies of ${this.configFile}`};
    }
    return sniff(absolute);
  }
}

let policyKeys: ReadonlySet<string> | undefined;

function knownPolicyKeys(): ReadonlySet<string> {
  if (policyKeys === undefined) {
    const schema = readShippedSchema('policy');
    policyKeys = new Set(isDict(schema) && isDict(schema.properties) ? pyKeys(schema.properties) : []);
  }
  return policyKeys;
}

function sniff(absolute: string): FileRole {
  const read = readRegularFile(absolute, MAX_POLICY_BYTES);
  // What cannot be read as text is checked, so that its problem is reported.
  if (!read.ok || firstInvalidUtf8Offset(read.bytes) !== read.bytes.length) return {kind: 'policy'};
  const text = read.bytes.toString('utf8');
  let value: unknown;
  try {
    value = readYaml(text, {simpleFirst: true}).value;
  } catch {
    return topLevelKeysOf(text).some((key) => knownPolicyKeys().has(key))
      ? {kind: 'policy'}
      : {kind: 'skipped', reason: 'not a policy: not YAML, and no line starts with a key of the policy schema'};
  }
  if (!isDict(value)) return {kind: 'skipped', reason: 'not a policy: its top level is not a mapping'};
  const keys = pyKeys(value);
  if (keys.includes('cases') && !keys.includes('policy_version') && !keys.includes('roles')) return {kind: 'suite'};
  if (keys.some((key) => knownPolicyKeys().has(key))) return {kind: 'policy'};
  return {kind: 'skipped', reason: 'not a policy: no key of its top level is one of the policy schema'};
}

/** Keys written at the start of a line (`roles:`), for text that does not parse. */
function topLevelKeysOf(text: string): string[] {
  return [...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:/gm)].map((match) => match[1]);
}
