// Folder walks in a pull request's tree cannot be made to read what they must
// not: `policy lint DIR`, `policy validate DIR`, `policy test DIR` and
// `replay DIR` skip links that leave the folder (a link to a secret, to
// /proc/self/environ), named pipes, sockets, link loops and dangling links,
// saying so by the link's name on stderr, and never print a byte of what such
// a link leads to, in any format. A path named on the command line is the
// user's own choice, and is followed.
import {execFileSync} from 'node:child_process';
import {copyFileSync, mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:net';
import {dirname, join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type CliRun, expectNoStackTrace, tempFolder} from '../cli/command-line.js';
import {REPO_ROOT, spawnAigc as aigc} from './cli.js';

/** In the secret file a link leads to, on a line a YAML error's code frame would show, and as a key a schema error would quote. */
const FILE_CANARY = 'canary-file-5c1e7b';
/** In the environment of aigc itself, which /proc/self/environ shows. */
const ENV_CANARY = 'canary-env-9d2f40';
const ENV = {AIGC_TEST_CANARY: ENV_CANARY};

let tree: ReturnType<typeof tempFolder>;
let server: Server;
const at = (name: string) => join(tree.path, name);
const write = (name: string, text: string) => {
  mkdirSync(dirname(at(name)), {recursive: true});
  writeFileSync(at(name), text);
};

beforeAll(async () => {
  tree = tempFolder();
  const secret = `policy_version: "1.0"\nroles: [agent]\n${FILE_CANARY}: [unclosed\n`;
  write('outside/canary.yaml', secret);
  write('outside/canary.test.yaml', secret);
  write('outside/canary.json', `{"name": "${FILE_CANARY}", ${FILE_CANARY}}\n`);
  write('outside/dir/inner.yaml', secret);

  write('repo/policies/policy.yaml', 'policy_version: "1.0"\nroles: [agent]\n');
  symlinkSync(at('outside/canary.yaml'), at('repo/policies/leak.yaml'));
  symlinkSync('/proc/self/environ', at('repo/policies/env.yaml'));
  symlinkSync(at('outside/dir'), at('repo/policies/ext'));
  symlinkSync('..', at('repo/policies/up'));
  symlinkSync('.', at('repo/policies/self'));
  symlinkSync('loop.yaml', at('repo/policies/loop.yaml'));
  symlinkSync('nowhere.yaml', at('repo/policies/dangling.yaml'));
  execFileSync('mkfifo', [at('repo/policies/pipe.yaml')]);
  server = createServer();
  await new Promise<void>((listening) => server.listen(at('repo/policies/socket.yaml'), listening));

  write(
    'repo/suites/ok.test.yaml',
    'suite: walk\npolicy: ../policies/policy.yaml\nnow: 1700000000\ndefaults: {model_provider: p, model_identifier: m, role: agent, input: {}, output: {}, context: {}}\ncases:\n  - name: the agent passes\n    expect: pass\n',
  );
  symlinkSync(at('outside/canary.test.yaml'), at('repo/suites/leak.test.yaml'));
  symlinkSync('/proc/self/environ', at('repo/suites/env.test.yaml'));
  execFileSync('mkfifo', [at('repo/suites/pipe.test.yaml')]);

  mkdirSync(at('repo/golden'));
  copyFileSync(join(REPO_ROOT, 'fixtures/golden/analytics-analyst-internal-data.json'), at('repo/golden/one.json'));
  symlinkSync(at('outside/canary.json'), at('repo/golden/leak.json'));
  execFileSync('mkfifo', [at('repo/golden/pipe.json')]);
});
afterAll(() => {
  server?.close();
  tree.remove();
});

/** No canary anywhere, no stack trace, and the run ended by itself. */
function expectNothingLeaked(run: CliRun): void {
  const output = run.stdout + run.stderr;
  expect(output).not.toContain(FILE_CANARY);
  expect(output).not.toContain(ENV_CANARY);
  expectNoStackTrace(run.stderr);
}

const skippedLines = (command: string, folder: string, entries: string[]) => entries.map((entry) => `aigc ${command}: ${folder}/${entry}\n`);

const POLICY_SKIPS = [
  'dangling.yaml: skipped: a symbolic link that cannot be followed (ENOENT)',
  'env.yaml: skipped: a symbolic link that leads out of the folder, not followed',
  'ext: skipped: a symbolic link that leads out of the folder, not followed',
  'leak.yaml: skipped: a symbolic link that leads out of the folder, not followed',
  'loop.yaml: skipped: a symbolic link that loops',
  'pipe.yaml: skipped: a named pipe, not a regular file',
  'socket.yaml: skipped: a socket, not a regular file',
  'up: skipped: a symbolic link that leads out of the folder, not followed',
];

describe('aigc policy lint DIR', () => {
  it.each(['pretty', 'text', 'json', 'sarif', 'github', 'junit'])('-f %s lints the policy, skips the rest by name, and leaks nothing', async (format) => {
    const run = await aigc(['policy', 'lint', 'policies', '-f', format], {cwd: at('repo'), env: ENV});
    expect(run.code, run.stderr).toBe(0);
    for (const line of skippedLines('policy lint', 'policies', POLICY_SKIPS)) expect(run.stderr).toContain(line);
    expectNothingLeaked(run);
  });

  it('checks the one policy there is', async () => {
    const run = await aigc(['policy', 'lint', 'policies', '--json'], {cwd: at('repo'), env: ENV});
    expect(JSON.parse(run.stdout).files.map((file: {file: string}) => file.file)).toEqual(['policies/policy.yaml']);
  });

  it('skips the same files a glob matches', async () => {
    const run = await aigc(['policy', 'lint', 'policies/*.yaml', '-f', 'text'], {cwd: at('repo'), env: ENV});
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('aigc policy lint: policies/leak.yaml: skipped: a symbolic link that leads out of the folder, not followed\n');
    expectNothingLeaked(run);
  });

  it('says why it found nothing to lint when a folder holds only what it skips (exit 2)', async () => {
    write('repo/only-links/.keep', '');
    symlinkSync(at('outside/canary.yaml'), at('repo/only-links/leak.yaml'));
    const run = await aigc(['policy', 'lint', 'only-links'], {cwd: at('repo'), env: ENV});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('only-links/leak.yaml: skipped: a symbolic link that leads out of the folder');
    expectNothingLeaked(run);
  });
});

describe('aigc policy validate DIR', () => {
  it.each([[[]], [['--json']]])('%j validates the policy and leaks nothing', async (flags) => {
    const run = await aigc(['policy', 'validate', 'policies', ...flags], {cwd: at('repo'), env: ENV});
    expect(run.code, run.stderr).toBe(0);
    for (const line of skippedLines('policy validate', 'policies', POLICY_SKIPS)) expect(run.stderr).toContain(line);
    expectNothingLeaked(run);
  });
});

describe('aigc policy test DIR', () => {
  it.each(['pretty', 'text', 'json', 'junit', 'tap', 'github'])('-f %s runs the suite there is, skips the rest by name, and leaks nothing', async (format) => {
    const run = await aigc(['policy', 'test', 'suites', '-f', format], {cwd: at('repo'), env: ENV});
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('aigc policy test: suites/env.test.yaml: skipped: a symbolic link that leads out of the folder, not followed\n');
    expect(run.stderr).toContain('aigc policy test: suites/leak.test.yaml: skipped: a symbolic link that leads out of the folder, not followed\n');
    expect(run.stderr).toContain('aigc policy test: suites/pipe.test.yaml: skipped: a named pipe, not a regular file\n');
    expectNothingLeaked(run);
  });

  it('refuses a named pipe named on the command line instead of waiting on it (exit 3)', async () => {
    const run = await aigc(['policy', 'test', 'suites/pipe.test.yaml'], {cwd: at('repo'), env: ENV});
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('suites/pipe.test.yaml: cannot read the suite: not a regular file (a named pipe)');
  });
});

describe('aigc replay DIR', () => {
  it.each(['text', 'json'])('-f %s replays the fixture there is, skips the rest by name, and leaks nothing', async (format) => {
    const run = await aigc(['replay', at('repo/golden'), '-f', format], {env: ENV});
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`aigc replay: ${at('repo/golden/leak.json')}: skipped: a symbolic link that leads out of the folder, not followed\n`);
    expect(run.stderr).toContain(`aigc replay: ${at('repo/golden/pipe.json')}: skipped: a named pipe, not a regular file\n`);
    expectNothingLeaked(run);
  });
});

describe('a path named on the command line', () => {
  it('is followed through a link, as the user asked: the canary the walks never show is then shown', async () => {
    const run = await aigc(['policy', 'lint', 'policies/leak.yaml', '-f', 'pretty'], {cwd: at('repo'), env: ENV});
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(FILE_CANARY);
  });

  it('must still be a regular file', async () => {
    const run = await aigc(['policy', 'lint', 'policies/pipe.yaml', 'policies/socket.yaml', '-f', 'text'], {cwd: at('repo'), env: ENV});
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('policies/pipe.yaml:1:1 error file-unreadable is not a regular file\npolicies/socket.yaml:1:1 error file-unreadable is not a regular file\n');
  });

  it('reports a link that loops as unreadable', async () => {
    const run = await aigc(['policy', 'lint', 'policies/loop.yaml', '-f', 'text'], {cwd: at('repo'), env: ENV});
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('policies/loop.yaml:1:1 error file-unreadable cannot be read (ELOOP)\n');
  });
});
