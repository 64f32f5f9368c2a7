// `aigc compliance export --from-parquet`: the shipped SQL over a dataset, in
// embedded DuckDB, gives the same report as streaming the trails it came from,
// byte for byte (the reference's report, for the reference's own cases).
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {COMPLIANCE_QUERIES, runComplianceQuery} from '../../src/dataset/sql-report.js';
import {aigc, EXAMPLE_INVOCATIONS, expectOneLineError, REPO_ROOT} from '../cli/command-line.js';
import {DUCKDB_INSTALLED, NO_DUCKDB} from './dataset-helpers.js';

const COMPLIANCE = join(REPO_ROOT, 'test', 'data', 'compliance');
const CHAINS = join(REPO_ROOT, 'test', 'data', 'chains');

interface ComplianceCase {
  id: string;
  args: string[];
  input: string;
  exitCode: number;
  stdout: string;
}

// A last line without its newline is not exported yet (it may still be being
// written), so the reports of these two differ by design.
const UNFINISHED_LAST_LINE = new Set(['no-final-newline', 'truncated-last-line']);
const CASES = (JSON.parse(readFileSync(join(COMPLIANCE, 'cases.json'), 'utf8')).cases as ComplianceCase[]).filter(
  (c) => c.args.length === 4 && !UNFINISHED_LAST_LINE.has(c.id),
);

describe.skipIf(!DUCKDB_INSTALLED)(`aigc compliance export --from-parquet${DUCKDB_INSTALLED ? '' : ` (skipped: ${NO_DUCKDB})`}`, () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'aigc-sql-report-'));
  });
  afterEach(() => rmSync(work, {recursive: true, force: true}));

  it.each(CASES)('gives the reference’s report bytes for case $id', async (c) => {
    const given = c.args[3];
    mkdirSync(join(work, dirname(c.input)), {recursive: true});
    copyFileSync(join(COMPLIANCE, 'inputs', c.input), join(work, c.input));
    const streamed = await aigc(['compliance', 'export', '-i', given], {cwd: work});
    expect((await aigc(['export', 'parquet', given, '-o', 'ds'], {cwd: work})).code).toBe(0);
    const fromSql = await aigc(['compliance', 'export', '--from-parquet', 'ds'], {cwd: work});
    expect(fromSql.code).toBe(c.exitCode);
    expect(fromSql.stdout).toBe(readFileSync(join(COMPLIANCE, c.stdout), 'utf8'));
    expect(fromSql.stdout).toBe(streamed.stdout);
    expect(fromSql.stderr).toBe(streamed.stderr);
  });

  it('gives the streaming report’s bytes, in every format, for generated trails exported in several runs', async () => {
    const trails = await generatedTrails(work);
    const first = await aigc(['export', 'parquet', ...trails.slice(0, 2), '-o', 'ds'], {cwd: work});
    expect(first.code).toBe(0);
    expect((await aigc(['export', 'parquet', ...trails, '-o', 'ds'], {cwd: work})).code).toBe(0);
    for (const format of ['json', 'markdown', 'html']) {
      const streamed = await aigc(['compliance', 'export', '-i', ...trails, '-f', format, '--now', '1700000000'], {cwd: work});
      const fromSql = await aigc(['compliance', 'export', '--from-parquet', 'ds', '-f', format, '--now', '1700000000'], {cwd: work});
      expect(streamed.code).toBe(0);
      expect(fromSql.code).toBe(0);
      if (format !== 'json') expect(fromSql.stdout).toContain('Not checked: the report was made from a Parquet dataset, not from the trails.');
      expect(withoutIntegrity(fromSql.stdout)).toBe(withoutIntegrity(streamed.stdout));
    }
  });

  it('runs every shipped query, those the JSON report lacks included', async () => {
    const trails = await generatedTrails(work);
    expect((await aigc(['export', 'parquet', ...trails, '-o', 'ds'], {cwd: work})).code).toBe(0);
    const results = Object.fromEntries(await Promise.all(COMPLIANCE_QUERIES.map(async (name) => [name, await runComplianceQuery(join(work, 'ds'), name)] as const)));
    const artifacts = Number(results.totals[0].total_artifacts);
    for (const name of ['trend_by_day', 'by_role', 'by_model'] as const) expect(results[name].reduce((sum, row) => sum + Number(row.artifacts), 0)).toBe(artifacts);
    const chains = results.chain_status.filter((row) => row.chain_id !== null);
    expect(chains.length).toBeGreaterThanOrEqual(3);
    for (const chain of chains) expect(Number(chain.missing_indexes)).toBe(0);
  });

  it('reports an empty dataset as an empty trail is reported', async () => {
    writeFileSync(join(work, 'empty.jsonl'), '');
    expect((await aigc(['export', 'parquet', 'empty.jsonl', '-o', 'ds'], {cwd: work})).code).toBe(0);
    const streamed = await aigc(['compliance', 'export', '-i', 'empty.jsonl'], {cwd: work});
    const fromSql = await aigc(['compliance', 'export', '--from-parquet', 'ds'], {cwd: work});
    expect(fromSql).toEqual(streamed);
  });

  it('refuses a folder that is not a dataset (exit 3) and --input or --lineage beside it (exit 2)', async () => {
    expectOneLineError(await aigc(['compliance', 'export', '--from-parquet', work]), 3, /not an aigc dataset/);
    expectOneLineError(await aigc(['compliance', 'export', '--from-parquet', work, '-i', 'a.jsonl']), 2, /cannot be used together/);
    expectOneLineError(await aigc(['compliance', 'export', '--from-parquet', work, '--lineage']), 2, /use --input/);
    expectOneLineError(await aigc(['compliance', 'export']), 2, /--input.*--from-parquet/);
  });
});

/** Three trails: two reference chains and one written by `aigc enforce --chain` over the example invocations. */
async function generatedTrails(work: string): Promise<string[]> {
  copyFileSync(join(CHAINS, 'reference-chain.jsonl'), join(work, 'a.jsonl'));
  copyFileSync(join(CHAINS, 'reference-two-chains.jsonl'), join(work, 'b.jsonl'));
  const enforced = await aigc(['enforce', '--chain', join(work, 'c.jsonl'), '--now', '1700000000'], {cwd: REPO_ROOT, input: readFileSync(EXAMPLE_INVOCATIONS)});
  expect(enforced.stderr).not.toMatch(/error/i);
  return ['a.jsonl', 'b.jsonl', 'c.jsonl'];
}

/** A human report without its input integrity section: a dataset holds no trail to verify, so only it may differ. */
function withoutIntegrity(report: string): string {
  return report.replace(/## Input integrity\n[\s\S]*?\n\n(?=## )/, '').replace(/<section aria-labelledby="integrity-heading">[\s\S]*?<\/section>\n/, '');
}
