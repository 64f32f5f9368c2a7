import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {exportReport, flagsFromArgs} from './compliance-io.js';

// Cases made by scripts/gen-compliance-cases.py: JSONL trails (real reference
// artifacts plus edge lines) and what the reference's `compliance export`
// printed for them, byte for byte.
const DATA = join(import.meta.dirname, '../data/compliance');

interface ReferenceCase {
  id: string;
  args: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
}

const {cases} = JSON.parse(readFileSync(join(DATA, 'cases.json'), 'utf8')) as {cases: ReferenceCase[]};

describe('compliance export -f json reproduces the reference byte for byte', () => {
  it.each(cases.map((testCase) => [testCase.id, testCase] as const))('%s', async (_id, testCase) => {
    const run = await exportReport(flagsFromArgs(testCase.args), {cwd: join(DATA, 'inputs')});
    expect(run.exitCode).toBe(testCase.exitCode);
    expect(run.stdout.toString('utf8')).toBe(readFileSync(join(DATA, testCase.stdout), 'utf8'));
    expect(run.stdout.equals(readFileSync(join(DATA, testCase.stdout)))).toBe(true);
    if (testCase.stderr !== '') expect(run.stderr).toContain(testCase.stderr);
  });
});
