// Policy work in CI on a repository laid out as users lay theirs out, built at
// test time: policies beside their `*.test.yaml` suites, drafts the config
// excludes, a `docker-compose.yml`, golden fixtures, and a `.aigc.yaml` with
// include/exclude globs and a coverage threshold. The command lines are the
// ones the README's plain workflow runs (and it runs them here, as CI would):
// lint, tests with coverage and LCOV (read by Debian's lcov and genhtml when
// installed), and the replay of the fixtures.
import {spawnSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {schemaStoreValidator} from '../../github/schemastore.js';
import {aigc, REPO_ROOT, tempFolder} from '../command-line.js';

const HAS_GENHTML = spawnSync('genhtml', ['--version']).status === 0 && spawnSync('lcov', ['--version']).status === 0;
const SKIPPED = HAS_GENHTML ? '' : ' (skipped: lcov and genhtml are not installed; apt-get install -y lcov)';

let folder: ReturnType<typeof tempFolder>;
const write = (name: string, text: string) => {
  mkdirSync(dirname(join(folder.path, name)), {recursive: true});
  writeFileSync(join(folder.path, name), text);
};
const run = (args: string[]) => aigc(args, {cwd: folder.path});

beforeAll(() => {
  folder = tempFolder('aigc-ci-repo-');
  write('.aigc.yaml', 'policies:\n  include: ["policies/**/*.yaml"]\n  exclude: ["policies/drafts/**"]\nsuites:\n  include: ["policies/**/*.test.yaml"]\ntest:\n  threshold: 80\n');
  write('policies/support-assistant.yaml', readFileSync(join(REPO_ROOT, 'policies/support-assistant.yaml'), 'utf8'));
  const suite = readFileSync(join(REPO_ROOT, 'fixtures/suites/support-assistant.test.yaml'), 'utf8');
  write('policies/support-assistant.test.yaml', suite.replaceAll('../../policies/', './'));
  write('policies/legacy.yaml', 'policy_version: "1.0"\nroles: [agent]\nroles: [agent, lead]\n');
  write('policies/drafts/wip.yaml', 'roles: [\n');
  write('docker-compose.yml', 'services:\n  web:\n    image: nginx\n');
  mkdirSync(join(folder.path, 'fixtures/golden'), {recursive: true});
  for (const name of readdirSync(join(REPO_ROOT, 'fixtures/golden')).filter((file) => file.startsWith('support-'))) {
    copyFileSync(join(REPO_ROOT, 'fixtures/golden', name), join(folder.path, 'fixtures/golden', name));
  }
});
afterAll(() => folder.remove());

describe('aigc policy lint .', () => {
  it('lints the policies and checks the suite as a suite, skipping the compose file and the excluded drafts', async () => {
    const result = await run(['policy', 'lint', '.', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.files.map((file: {file: string}) => file.file)).toEqual(['policies/legacy.yaml', 'policies/support-assistant.test.yaml', 'policies/support-assistant.yaml']);
    expect(report.skipped).toEqual([
      {file: 'docker-compose.yml', reason: 'not among the policies of .aigc.yaml'},
      {file: 'policies/drafts/wip.yaml', reason: 'not among the policies of .aigc.yaml'},
    ]);
  });

  it('gives the one finding at its file:line:col, a warning: exit 0, or 1 with --max-warnings 0', async () => {
    const result = await run(['policy', 'lint', '.', '-f', 'text']);
    expect(result.stdout).toBe("policies/legacy.yaml:3:1 warning yaml-duplicate-key duplicate key 'roles': the last value wins\n");
    expect(result.code).toBe(0);
    expect((await run(['policy', 'lint', '.', '-f', 'github', '--max-warnings', '0'])).code).toBe(1);
  });
});

describe('aigc policy test . --coverage --threshold PCT', () => {
  it('passes above the threshold, saying what the cases did not reach', async () => {
    const result = await run(['policy', 'test', '.', '--coverage', '--threshold', '80', '-f', 'text']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('12 passed, 0 failed\n');
    expect(result.stdout).toContain('coverage: 16/19 outcomes (84.21%), 9/11 elements fully covered, in 1 policy file\n');
    expect(result.stdout).toContain('policies/support-assistant.yaml:36:7  tool `kb_search`: never called\n');
  });

  it('fails below the threshold, and says by how much', async () => {
    const result = await run(['policy', 'test', '.', '--coverage', '--threshold', '90', '-f', 'text']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('aigc policy test: coverage is below the threshold of 90% by 5.79 percentage points (16/19 outcomes covered; 2 more needed)\n');
  });

  it('takes the threshold from the config when the command line gives none', async () => {
    write('policies/narrow.test.yaml', 'policy: support-assistant.yaml\ndefaults: {model_provider: p, model_identifier: m, role: intern, input: {}, output: {}, context: {}}\ncases:\n  - name: intern\n    expect: fail\n');
    try {
      const result = await run(['policy', 'test', 'policies/narrow.test.yaml', '-f', 'text']);
      expect(result.stdout).toContain('1 passed, 0 failed\n');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/coverage is below the threshold of 80%/);
    } finally {
      rmSync(join(folder.path, 'policies/narrow.test.yaml'));
    }
  });

  it.skipIf(!HAS_GENHTML)(`writes LCOV that lcov and genhtml read, with the policy's lines${SKIPPED}`, async () => {
    const result = await run(['policy', 'test', '.', '--threshold', '80', '-o', 'junit=policy-tests.xml', '--coverage-format', 'lcov', '--coverage-output', 'policy.lcov']);
    expect(result.code).toBe(0);
    expect(readFileSync(join(folder.path, 'policy-tests.xml'), 'utf8')).toMatch(/<testsuites[^>]* tests="12"/);
    const summary = spawnSync('lcov', ['--summary', 'policy.lcov', '--rc', 'lcov_branch_coverage=1'], {cwd: folder.path, encoding: 'utf8'});
    expect(summary.status).toBe(0);
    expect(summary.stdout + summary.stderr).toMatch(/lines\.+: 90\.9% \(10 of 11 lines\)/);
    const html = spawnSync('genhtml', ['--branch-coverage', '--output-directory', 'html', 'policy.lcov'], {cwd: folder.path, encoding: 'utf8'});
    expect(html.status, html.stderr).toBe(0);
    expect(existsSync(join(folder.path, 'html/policies/support-assistant.yaml.gcov.html'))).toBe(true);
  });
});

describe('aigc replay fixtures/golden', () => {
  it('replays the golden fixtures against the policies they name', async () => {
    const result = await run(['replay', 'fixtures/golden', '-f', 'text']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/5 passed, 0 failed\n$/);
  });
});

describe("the README's plain GitHub Actions workflow", () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### A plain workflow, without the action'));
  const workflow = parse(/```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '') as {jobs: Record<string, {steps: {run?: string; uses?: string; with?: Record<string, string>}[]}>};
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  const commands = steps.flatMap((step) => (step.run?.startsWith('aigc ') ? [step.run.trim().split(/\s+/).slice(1)] : []));

  it('is valid by the published GitHub workflow schema', () => {
    const validate = schemaStoreValidator('github-workflow');
    expect(validate(workflow), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('lints with annotations and SARIF it uploads, tests with JUnit, a coverage threshold and LCOV, and replays the fixtures', () => {
    expect(commands.map((args) => args.slice(0, 2).join(' '))).toEqual(['policy lint', 'policy test', 'replay fixtures/golden']);
    expect(commands[0]).toEqual(['policy', 'lint', '-f', 'github', '-o', 'sarif=aigc.sarif']);
    expect(commands[1]).toEqual(expect.arrayContaining(['-o', 'junit=aigc-tests.xml', '--coverage', '--threshold', '80', '--coverage-format', 'lcov']));
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe('aigc.sarif');
  });

  it('runs, every command line of it, in the repository, as CI runs it', async () => {
    for (const args of commands) {
      const result = await aigc(args, {cwd: folder.path, env: {CI: 'true', GITHUB_ACTIONS: 'true'}});
      expect(result.code, `aigc ${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
    expect(JSON.parse(readFileSync(join(folder.path, 'aigc.sarif'), 'utf8')).runs[0].results.map((result: {ruleId: string}) => result.ruleId)).toEqual(['yaml-duplicate-key']);
    expect(readFileSync(join(folder.path, 'aigc-tests.xml'), 'utf8')).toMatch(/<testsuites[^>]* failures="0"/);
    expect(readFileSync(join(folder.path, 'aigc-coverage.lcov'), 'utf8')).toContain('SF:policies/support-assistant.yaml\n');
  });
});

