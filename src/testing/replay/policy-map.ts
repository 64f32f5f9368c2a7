// `aigc replay --policy`: which fixtures a what-if replays against another
// policy. `--policy NEW` stands for NEW=NEW (a policy edited in place);
// `--policy OLD=NEW` replays the records of OLD against NEW. A fixture is
// matched by its invocation's `policy_file`, resolved as enforcement resolves
// it; every other fixture is replayed against its own policy, unchanged.

import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {resolveLikePython} from '../../policy/paths.js';
import {isDict, type PyValue} from '../../python/values.js';
import type {PolicyMapping} from './types.js';

export type {PolicyMapping} from './types.js';

/** A `--policy` value that cannot be used: `USAGE` for its form, `UNREADABLE` when NEW cannot be read. */
export class PolicyMappingError extends Error {
  override readonly name = 'PolicyMappingError';

  constructor(
    message: string,
    readonly code: 'USAGE' | 'UNREADABLE',
    /** The file concerned, for `UNREADABLE`. */
    readonly file?: string,
  ) {
    super(message);
  }
}

/**
 * The mappings `--policy` values give, OLD and NEW resolved against `cwd`
 * (the working folder: where a path typed on the command line starts). A
 * value naming an existing file is NEW alone, even with an `=` in its name.
 */
export function parsePolicyMappings(values: readonly string[], cwd: string): PolicyMapping[] {
  const mappings: PolicyMapping[] = [];
  for (const value of values) {
    const mapping = mappingOf(value, cwd);
    const twin = mappings.find((other) => other.fromPath === mapping.fromPath);
    if (twin !== undefined && twin.toPath !== mapping.toPath) {
      throw new PolicyMappingError(`--policy: ${mapping.from} is mapped twice, to ${twin.to} and to ${mapping.to}`, 'USAGE');
    }
    if (twin === undefined) mappings.push(mapping);
  }
  return mappings;
}

function mappingOf(value: string, cwd: string): PolicyMapping {
  const equals = value.indexOf('=');
  const alone = equals < 0 || existsSync(path.resolve(cwd, value));
  const from = alone ? value : value.slice(0, equals);
  const to = alone ? value : value.slice(equals + 1);
  if (from === '' || to === '') throw new PolicyMappingError(`--policy '${value}': give NEW, or OLD=NEW with both paths`, 'USAGE');
  const toPath = path.resolve(cwd, to);
  try {
    // A typo in NEW would otherwise show as every mapped decision turned FAIL.
    readFileSync(toPath);
  } catch (error) {
    throw new PolicyMappingError(`--policy: cannot read the policy (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'UNREADABLE', to);
  }
  // OLD need not exist any more: the records still name it.
  return {from, to, fromPath: resolveLikePython(from, cwd), toPath};
}

/** Finds the mapping for a fixture's `policy_file`, resolving each path once. */
export class PolicySubstitution {
  private readonly resolved = new Map<string, string>();

  /** `cwd`: where the fixtures' policy paths resolve (`--root`, else the working folder). */
  constructor(
    readonly mappings: readonly PolicyMapping[],
    private readonly cwd: string,
  ) {}

  /** The mapping whose OLD is the policy `invocation` names, if any. */
  mappingFor(invocation: PyValue): PolicyMapping | undefined {
    if (!isDict(invocation) || typeof invocation.policy_file !== 'string' || invocation.policy_file === '') return undefined;
    const resolved = this.resolve(invocation.policy_file);
    return this.mappings.find((mapping) => mapping.fromPath === resolved);
  }

  private resolve(policyFile: string): string {
    let resolved = this.resolved.get(policyFile);
    if (resolved === undefined) {
      resolved = resolveLikePython(policyFile, this.cwd);
      this.resolved.set(policyFile, resolved);
    }
    return resolved;
  }
}
