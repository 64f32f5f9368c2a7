// The project config (`.aigc.yaml`) as a team's repository uses it: found by
// walking up from the working folder or named with --config, its globs
// deciding what is a policy or a suite, its lint rule severities, its
// defaults for each command's flags (a flag given wins), and a mistake in it
// told in one line at its file:line:column.
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {aigc, expectOneLineError, REPO_ROOT, tempFolder} from '../command-line.js';

const POLICY = 'policy_version: "1.0"\nroles: [agent]\n';
const FUTURE = `${POLICY}effective_date: "2999-01-01"\n`;
const SUITE =
  'defaults:\n  model_provider: internal\n  model_identifier: m\n  input: {}\n  output: {}\n  context: {}\ncases:\n  - name: agent may\n    policy: support.yaml\n    role: agent\n    expect: pass\n';
const COMPOSE = 'services:\n  web:\n    image: nginx\n';

let folder: ReturnType<typeof tempFolder>;
const write = (files: Record<string, string>) => {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder.path, name)), {recursive: true});
    writeFileSync(join(folder.path, name), text);
  }
};
const run = (args: string[], cwd = folder.path) => aigc(args, {cwd});

beforeEach(() => {
  folder = tempFolder('aigc-config-');
});
afterEach(() => folder.remove());

describe('policy lint on a repository laid out as users lay theirs out', () => {
  beforeEach(() => write({'policies/support.yaml': POLICY, 'policies/support.test.yaml': SUITE, 'docker-compose.yml': COMPOSE}));

  it('lints the policy, checks the suite as a suite, skips the compose file, and exits 0', async () => {
    const result = await run(['policy', 'lint', '.', '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.files.map((file: {file: string}) => file.file)).toEqual(['policies/support.test.yaml', 'policies/support.yaml']);
    expect(report.skipped).toEqual([{file: 'docker-compose.yml', reason: 'not a policy: no key of its top level is one of the policy schema'}]);
  });

  it('lists the skipped files on stderr with --verbose', async () => {
    const result = await run(['policy', 'lint', '.', '-f', 'text', '--verbose']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('aigc policy lint: docker-compose.yml: skipped: not a policy');
  });

  it('reports a malformed suite it finds with file:line:col under suite-invalid', async () => {
    write({'policies/support.test.yaml': 'cases:\n  - name: a\n    policy: support.yaml\n    expct: pass\n'});
    const result = await run(['policy', 'lint', '.', '-f', 'text']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("policies/support.test.yaml:4:5 error suite-invalid cases[0]: unknown key 'expct' (did you mean 'expect'?)\n");
  });

  it('checks a file named on the command line as a policy, whatever it holds', async () => {
    const result = await run(['policy', 'lint', 'docker-compose.yml', '-f', 'text']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('policy-schema');
  });

  it('validates only the policies of a folder, and says so when a folder holds none', async () => {
    const ok = await run(['policy', 'validate', '.']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('OK    policies/support.yaml\n');
    write({'other/docker-compose.yml': COMPOSE});
    expectOneLineError(await run(['policy', 'validate', 'other']), 2, 'other: no policy files (*.yaml, *.yml) found (1 YAML file skipped as not policies; see --verbose)');
  });
});

describe('.aigc.yaml', () => {
  it('is found in a folder above the working folder, and its globs decide what a policy is', async () => {
    write({
      '.aigc.yaml': 'policies:\n  include: ["policies/**/*.yaml"]\n  exclude: ["policies/drafts/**"]\n',
      'policies/support.yaml': POLICY,
      'policies/drafts/wip.yaml': 'roles: [\n',
      'policies/sub/x.txt': '',
    });
    const result = await run(['policy', 'lint', '.', '--json'], join(folder.path, 'policies'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.files.map((file: {file: string}) => file.file)).toEqual(['support.yaml']);
    expect(report.skipped).toEqual([{file: 'drafts/wip.yaml', reason: 'not among the policies of ../.aigc.yaml'}]);
  });

  it('sets lint rule severities: a warning made an error, an error made a warning, a rule turned off', async () => {
    write({'p.yaml': `${FUTURE}roles: [agent]\n`});
    const before = await run(['policy', 'lint', 'p.yaml', '-f', 'text']);
    expect(before.stdout).toMatch(/warning yaml-duplicate-key/);
    expect(before.stdout).toMatch(/warning date-inactive/);
    write({'.aigc.yaml': 'lint:\n  rules:\n    yaml-duplicate-key: error\n    date-inactive: "off"\n'});
    const after = await run(['policy', 'lint', 'p.yaml', '-f', 'sarif']);
    expect(after.code).toBe(1);
    const sarif = JSON.parse(after.stdout);
    expect(sarif.runs[0].results.map((result: {ruleId: string; level: string}) => `${result.ruleId} ${result.level}`)).toEqual(['yaml-duplicate-key error']);
    const rules = sarif.runs[0].tool.driver.rules.map((rule: {id: string}) => rule.id);
    expect(rules).not.toContain('date-inactive');
    expect(sarif.runs[0].tool.driver.rules.find((rule: {id: string}) => rule.id === 'yaml-duplicate-key').defaultConfiguration.level).toBe('error');
  });

  it('gives each command its defaults, which flags on the command line override', async () => {
    write({'.aigc.yaml': 'now: 1700000000\nlint:\n  format: json\n  output: reports/lint.json\n', 'p.yaml': POLICY});
    mkdirSync(join(folder.path, 'reports'));
    const configured = await run(['policy', 'lint', 'p.yaml']);
    expect(configured.code).toBe(0);
    expect(configured.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(folder.path, 'reports/lint.json'), 'utf8')).fileCount).toBe(1);
    const overridden = await run(['policy', 'lint', 'p.yaml', '-f', 'text', '-o', 'mine.txt']);
    expect(overridden.code).toBe(0);
    expect(readFileSync(join(folder.path, 'mine.txt'), 'utf8')).toBe('');
    // --json on the command line is a format, and wins over the config's without conflicting with it.
    expect((await run(['policy', 'lint', 'p.yaml', '--json', '-o', 'j.json'])).code).toBe(0);
  });

  it('gives `now` to the commands that take --now, for deterministic runs', async () => {
    write({'p.yaml': `${POLICY}expiration_date: "2024-01-01"\n`});
    expect((await run(['policy', 'validate', 'p.yaml'])).code).toBe(1);
    write({'.aigc.yaml': 'now: "2023-06-01T00:00:00Z"\n'});
    expect((await run(['policy', 'validate', 'p.yaml'])).code).toBe(0);
    expect((await run(['policy', 'validate', 'p.yaml', '--now', '2025-01-01'])).code).toBe(1);
  });

  it('gives policy test its coverage threshold and suite globs', async () => {
    write({'.aigc.yaml': 'suites:\n  include: ["checks/*.yaml"]\ntest:\n  threshold: 100\n', 'support.yaml': `${POLICY}tools: {allowed_tools: [{name: search, max_calls: 1}]}\n`});
    write({'checks/roles.yaml': SUITE.replace('support.yaml', '../support.yaml'), 'other.test.yaml': 'cases: nope\n'});
    const result = await run(['policy', 'test', '-f', 'text']);
    expect(result.stdout).toContain('1 passed, 0 failed');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/below the threshold|threshold/);
  });

  it('is read from --config FILE instead of the one found', async () => {
    write({'.aigc.yaml': 'lint:\n  format: nonsense-is-refused-only-if-read\n', 'ci/strict.yaml': 'lint:\n  rules:\n    date-inactive: error\n', 'p.yaml': FUTURE});
    const result = await run(['policy', 'lint', 'p.yaml', '-f', 'text', '--config', 'ci/strict.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/error date-inactive/);
  });

  it('refuses an unknown key in one line at its file:line:col, with the key likely meant (exit 2)', async () => {
    write({'.aigc.yaml': 'lint:\n  rules:\n    date-inactiv: "off"\n', 'p.yaml': POLICY});
    expectOneLineError(await run(['policy', 'lint', 'p.yaml']), 2, "aigc policy lint: .aigc.yaml:3:5: lint.rules: unknown key 'date-inactiv' (did you mean 'date-inactive'?)");
    write({'.aigc.yaml': 'lnt: {}\n'});
    expectOneLineError(await run(['policy', 'test']), 2, "aigc policy test: .aigc.yaml:1:1: unknown key 'lnt' (did you mean 'lint'?)");
  });

  it('refuses a wrong value at the value, and invalid YAML at the place it breaks', async () => {
    write({'.aigc.yaml': 'test:\n  format: xml\n', 'p.yaml': POLICY});
    expectOneLineError(await run(['policy', 'test']), 2, /^aigc policy test: \.aigc\.yaml:2:11: test\.format: 'xml' is not one of \['pretty'/);
    write({'.aigc.yaml': 'lint: [\n'});
    expectOneLineError(await run(['policy', 'lint', 'p.yaml']), 2, /^aigc policy lint: \.aigc\.yaml:2:1: invalid YAML: /);
  });

  it('is an I/O error (exit 3) when --config names no file', async () => {
    write({'p.yaml': POLICY});
    expectOneLineError(await run(['policy', 'lint', 'p.yaml', '--config', 'missing.yaml']), 3, 'aigc policy lint: missing.yaml: cannot read the config file: ENOENT');
  });

  it('has a schema that `aigc schema config` prints, naming every lint rule', async () => {
    const result = await run(['schema', 'config']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect(schema).toEqual(JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/aigc-config.schema.json'), 'utf8')));
    expect(Object.keys(schema.properties.lint.properties.rules.properties)).toContain('yaml-duplicate-key');
    expect(Object.keys(schema.properties.lint.properties.rules.properties)).not.toContain('file-unreadable');
  });
});

describe('policy lint and policy test without a PATH', () => {
  const PROJECT = {
    '.aigc.yaml': 'policies:\n  include: ["policies/**/*.yaml"]\n  exclude: ["policies/drafts/**"]\nsuites:\n  include: ["policies/**/*.test.yaml", "checks/*.yaml"]\n',
    'policies/support.yaml': POLICY,
    'policies/support.test.yaml': SUITE,
    'policies/drafts/wip.yaml': 'roles: [\n',
    'checks/more.yaml': SUITE.replace('support.yaml', '../policies/support.yaml'),
    'docs/example.yaml': 'roles: [\n',
  };
  const filesOf = (stdout: string) => JSON.parse(stdout).files.map((file: {file: string}) => file.file);

  it('lint takes the files of the config found above the working folder, by its globs, wherever they are', async () => {
    write({...PROJECT, 'docs/notes/readme.txt': ''});
    const result = await run(['policy', 'lint', '--json'], join(folder.path, 'docs/notes'));
    expect(result.code).toBe(0);
    expect(filesOf(result.stdout)).toEqual(['../../checks/more.yaml', '../../policies/support.test.yaml', '../../policies/support.yaml']);
  });

  it('lint finds what the globs take, and fails on it', async () => {
    write({...PROJECT, 'policies/broken.yaml': 'roles: [\n'});
    const result = await run(['policy', 'lint', '-f', 'text']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^policies\/broken\.yaml:2:1 error yaml-syntax /);
    expect(result.stdout).not.toMatch(/drafts|docs/);
  });

  it('test runs the suites the globs take, from anywhere in the project', async () => {
    write({...PROJECT, 'other.test.yaml': 'cases: nope\n'});
    mkdirSync(join(folder.path, 'docs'), {recursive: true});
    const result = await run(['policy', 'test', '-f', 'json'], join(folder.path, 'docs'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.summary.passed).toBe(2);
    expect(report.suiteFiles).toEqual(['../checks/more.yaml', '../policies/support.test.yaml']);
  });

  it('takes the working folder, and only it, without a config', async () => {
    write({'policies/support.yaml': POLICY, 'policies/support.test.yaml': SUITE, 'broken.yaml': 'roles: [\n'});
    const cwd = join(folder.path, 'policies');
    const lint = await run(['policy', 'lint', '--json'], cwd);
    expect(lint.code).toBe(0);
    expect(filesOf(lint.stdout)).toEqual(['support.test.yaml', 'support.yaml']);
    const test = await run(['policy', 'test', '-f', 'text'], cwd);
    expect(test.code).toBe(0);
    expect(test.stdout).toContain('1 passed, 0 failed');
    mkdirSync(join(folder.path, 'empty'));
    expectOneLineError(await run(['policy', 'lint'], join(folder.path, 'empty')), 2, 'aigc policy lint: .: no policy files (*.yaml, *.yml) found');
  });
});
