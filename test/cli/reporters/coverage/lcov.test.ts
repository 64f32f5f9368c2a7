// The LCOV report: each element a function at its line, a line's count the
// hits of its elements, an element's outcomes the branches of its block; and
// Debian's lcov (`lcov --summary`, `genhtml`) reading it as code coverage.
import {spawnSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {fixtureRunner} from './fixture.js';

const runFixture = fixtureRunner();

const HAS_LCOV = spawnSync('lcov', ['--version'], {encoding: 'utf8'}).status === 0 && spawnSync('genhtml', ['--version']).status === 0;
const SKIPPED = HAS_LCOV ? '' : ' (skipped: lcov and genhtml are not installed; apt-get install -y lcov)';

describe('LCOV coverage report', () => {
  it('writes one record per policy file: functions, branches and lines at the lines the elements are written on', async () => {
    const run = await runFixture({'coverage-format': 'lcov', 'coverage-output': 'policy.lcov'});
    expect(run.code).toBe(0);
    expect(run.output).toBe(
      [
        'TN:',
        'SF:p.yaml',
        'FN:2,role agent (/roles/0)',
        'FN:2,role supervisor (/roles/1)',
        'FN:5,precondition ticket (/pre_conditions/required/ticket)',
        'FN:8,tool search (/tools/allowed_tools/0)',
        'FN:9,output_schema (/output_schema)',
        'FNDA:2,role agent (/roles/0)',
        'FNDA:0,role supervisor (/roles/1)',
        'FNDA:2,precondition ticket (/pre_conditions/required/ticket)',
        'FNDA:0,tool search (/tools/allowed_tools/0)',
        'FNDA:1,output_schema (/output_schema)',
        'FNF:5',
        'FNH:3',
        'BRDA:5,0,0,1',
        'BRDA:5,0,1,1',
        'BRDA:8,0,0,-',
        'BRDA:8,0,1,-',
        'BRDA:9,0,0,1',
        'BRDA:9,0,1,0',
        'BRF:6',
        'BRH:3',
        'DA:2,2',
        'DA:5,2',
        'DA:8,0',
        'DA:9,1',
        'LF:4',
        'LH:3',
        'end_of_record',
        '',
      ].join('\n'),
    );
  });

  it('keeps every record on one line whatever a name holds (commas and line breaks in a role)', async () => {
    const policy = 'policy_version: "1"\nroles: ["a,b", "c\\nd"]\n';
    const suite = 'policy: q.yaml\ncases:\n  - {name: a, role: "a,b", model_provider: x, model_identifier: m, input: {}, output: {}, context: {}}\n';
    const run = await runFixture({'coverage-format': 'lcov', 'coverage-output': 'policy.lcov'}, {'q.yaml': policy, 'q.test.yaml': suite});
    const record = run.output!.split('end_of_record\n').find((part) => part.includes('SF:q.yaml'))!;
    expect(record).toContain('FN:2,role a;b (/roles/0)\n');
    expect(record).toContain('FN:2,role c?d (/roles/1)\n');
  });

  it.skipIf(!HAS_LCOV)(`is read by lcov --summary with the right line, function and branch counts${SKIPPED}`, async () => {
    const run = await runFixture({'coverage-format': 'lcov', 'coverage-output': 'policy.lcov'});
    const summary = spawnSync('lcov', ['--summary', 'policy.lcov', '--rc', 'lcov_branch_coverage=1'], {cwd: run.folder, encoding: 'utf8'});
    expect(summary.status, summary.stderr).toBe(0);
    const text = `${summary.stdout}${summary.stderr}`;
    expect(text).toMatch(/lines\.+: 75\.0% \(3 of 4 lines\)/);
    expect(text).toMatch(/functions\.+: 60\.0% \(3 of 5 functions\)/);
    expect(text).toMatch(/branches\.+: 50\.0% \(3 of 6 branches\)/);
  });

  it.skipIf(!HAS_LCOV)(`is rendered by genhtml, each policy line with its count${SKIPPED}`, async () => {
    const run = await runFixture({'coverage-format': 'lcov', 'coverage-output': 'policy.lcov'});
    const html = spawnSync('genhtml', ['--branch-coverage', '--output-directory', 'html', 'policy.lcov'], {cwd: run.folder, encoding: 'utf8'});
    expect(html.status, html.stderr).toBe(0);
    expect(html.stdout).toMatch(/lines\.+: 75\.0% \(3 of 4 lines\)/);
    const page = findFile(join(run.folder, 'html'), 'p.yaml.gcov.html');
    expect(page, 'genhtml writes a page for the policy file').toBeDefined();
    const source = readFileSync(page!, 'utf8');
    expect(source).toMatch(/<span class="lineCov"> +2 : roles: \[agent, supervisor\]<\/span>/);
    expect(source).toMatch(/<span class="lineNoCov"> +0 : +- \{name: search, max_calls: 1\}<\/span>/);
    expect(source).toMatch(/<span class="lineCov"> +1 : output_schema:<\/span>/);
    // A line with no element is not counted at all.
    expect(source).toMatch(/<span class="lineNum"> +1 <\/span> +: +: policy_version: &quot;1&quot;<\/a>/);
  });
});

function findFile(folder: string, name: string): string | undefined {
  if (!existsSync(folder)) return undefined;
  for (const entry of readdirSync(folder, {withFileTypes: true})) {
    const path = join(folder, entry.name);
    if (entry.isFile() && entry.name === name) return path;
    if (entry.isDirectory()) {
      const found = findFile(path, name);
      if (found) return found;
    }
  }
  return undefined;
}
