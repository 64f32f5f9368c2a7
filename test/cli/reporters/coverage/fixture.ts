// A folder with a policy and a suite whose coverage is known line by line,
// run through `aigc policy test` in-process.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach} from 'vitest';
import {runPolicyTest} from '../../../../src/cli/run-policy-test.js';
import {temporaryFolder} from '../../../testing/helpers.js';
import {captureIo} from '../../capture.js';

/**
 * Elements by line: 2 roles agent (reached) and supervisor (not); 5 the
 * precondition ticket (satisfied and violated); 8 the tool search (never
 * called); 9 output_schema (accepted, never rejected).
 */
export const POLICY = `policy_version: "1"
roles: [agent, supervisor]
pre_conditions:
  required:
    ticket: {type: string}
tools:
  allowed_tools:
    - {name: search, max_calls: 1}
output_schema:
  type: object
`;

export const SUITE = `policy: p.yaml
now: 1780000000
defaults: {model_provider: internal, model_identifier: m, role: agent, input: {}, output: {}, context: {ticket: t}}
cases:
  - name: agent passes
  - name: ticket is required
    context: {}
    expect: {result: fail, gate: precondition_validation}
`;

export interface FixtureRun {
  folder: string;
  code: number;
  stdout: string;
  stderr: string;
  /** The text of `--coverage-output`, when one was asked for. */
  output?: string;
  remove: () => void;
}

/** Runs the suite in a fresh folder with `flags`; `coverage-output` is a name inside the folder. */
export async function runFixture(flags: Record<string, unknown>, files: Record<string, string> = {}): Promise<FixtureRun> {
  const folder = temporaryFolder();
  writeFileSync(join(folder.path, 'p.yaml'), POLICY);
  writeFileSync(join(folder.path, 'p.test.yaml'), SUITE);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder.path, name), text);
  const io = {...captureIo(), cwd: folder.path};
  const code = await runPolicyTest(['.'], {format: 'text', ...flags}, io);
  const name = flags['coverage-output'];
  const output = typeof name === 'string' ? readFileSync(join(folder.path, name), 'utf8') : undefined;
  return {folder: folder.path, code, stdout: io.stdout.text, stderr: io.stderr.text, output, remove: folder.remove};
}

/** `runFixture` for one test file: every run's folder is removed after its test. */
export function fixtureRunner(): typeof runFixture {
  const runs: FixtureRun[] = [];
  afterEach(() => {
    for (const run of runs.splice(0)) run.remove();
  });
  return async (flags, files) => {
    const run = await runFixture(flags, files);
    runs.push(run);
    return run;
  };
}
