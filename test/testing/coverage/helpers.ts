// Runs invocations through enforcement with a coverage collector, in a
// folder of policies written for the test, and reads the hits back by
// file and pointer.
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {decide} from '../../../src/pipeline/enforce.js';
import {PolicyCache} from '../../../src/policy/cache.js';
import type {PyDict} from '../../../src/python/values.js';
import {CoverageCollector, type CoverageReport, coverageReport, type ElementCoverage} from '../../../src/testing/coverage/index.js';
import {temporaryFolder} from '../helpers.js';

export const NOW = 1_780_000_000;

/** An invocation of `policy` with the fields a test does not care about filled in. */
export function invocationOf(policy: string, fields: PyDict = {}): PyDict {
  return {
    policy_file: policy,
    model_provider: 'internal',
    model_identifier: 'm',
    role: 'agent',
    input: {},
    output: {},
    context: {},
    ...fields,
  };
}

export interface CoverageRun {
  report: CoverageReport;
  /** Absolute path of a policy the test wrote. */
  path: (name: string) => string;
  /** The element at `pointer` of policy `name`. */
  element: (name: string, pointer: string) => ElementCoverage;
  /** Hits per outcome of the element at `pointer` of policy `name`. */
  hits: (name: string, pointer: string) => Record<string, number>;
  /** The verdict of each invocation, in order. */
  results: string[];
}

/** Writes `policies` (name → YAML) to a fresh folder, enforces each invocation there with one collector, and reports. */
export function runCoverage(policies: Record<string, string>, invocations: PyDict[], options: {now?: number} = {}): CoverageRun {
  const folder = temporaryFolder();
  try {
    for (const [name, text] of Object.entries(policies)) writeFileSync(join(folder.path, name), text);
    const collector = new CoverageCollector();
    const cache = new PolicyCache();
    const results = invocations.map((invocation) => {
      const at = typeof invocation.__now === 'number' ? invocation.__now : (options.now ?? NOW);
      const {__now: _ignored, ...rest} = invocation;
      return String(decide(rest, {cwd: folder.path, now: () => at, cache, observer: collector, trace: false}).artifact.enforcement_result);
    });
    const report = coverageReport(collector);
    const path = (name: string) => report.files.find((file) => file.file.endsWith(`/${name}`))?.file ?? join(folder.path, name);
    const element = (name: string, pointer: string): ElementCoverage => {
      const file = report.files.find((candidate) => candidate.file === path(name));
      const found = file?.elements.find((candidate) => candidate.element.pointer === pointer);
      if (!found) throw new Error(`no element ${pointer} in ${name}: ${file?.elements.map((candidate) => candidate.element.pointer).join(', ')}`);
      return found;
    };
    const hits = (name: string, pointer: string) => {
      const found = element(name, pointer);
      return Object.fromEntries(found.element.outcomes.map((outcome, index) => [outcome, found.hits[index]]));
    };
    return {report, path, element, hits, results};
  } finally {
    folder.remove();
  }
}
