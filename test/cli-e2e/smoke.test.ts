// The built CLI as a shell runs it: each command once per exit path and each
// report format once (the commands' behaviour is tested in-process, in
// test/cli/commands/), and what only a separate process shows: a reader that
// goes away, a full disk, another user's permissions.
import {closeSync, chmodSync, mkdirSync, openSync, readFileSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {expectNoStackTrace, tempFolder} from '../cli/command-line.js';
import {CLEAN_POLICY, passingInvocation, POLICY_WITH_FINDINGS} from '../cli/commands/policies.js';
import {CLI, REPO_ROOT, spawnAigc as aigc} from './cli.js';

const folder = tempFolder('aigc-smoke-');
afterAll(() => folder.remove());
folder.file('policy.yaml', CLEAN_POLICY);
folder.file('bad.yaml', POLICY_WITH_FINDINGS);
folder.file('invalid.jsonl', 'not json\n');
mkdirSync(join(folder.path, 'folder'));
const TRAIL = join(REPO_ROOT, 'test/data/chains/reference-chain.jsonl');
const tampered = folder.file('tampered.jsonl', readFileSync(TRAIL, 'utf8').replace('"role": "planner"', '"role": "admin"'));
const line = (value: unknown) => `${JSON.stringify(value)}\n`;
const passing = line(passingInvocation());
const failing = line({...passingInvocation(), role: 'intruder'});

const EXIT_PATHS: Array<[string, string[], number, string?]> = [
  ['policy lint, clean', ['policy', 'lint', 'policy.yaml', '-f', 'text'], 0],
  ['policy lint, findings', ['policy', 'lint', 'bad.yaml', '-f', 'text'], 1],
  ['policy lint, usage', ['policy', 'lint', 'policy.yaml', '-f', 'yaml'], 2],
  ['policy lint, unreadable', ['policy', 'lint', 'missing.yaml'], 3],
  ['policy validate, ok', ['policy', 'validate', 'policy.yaml'], 0],
  ['policy validate, fail', ['policy', 'validate', 'bad.yaml'], 1],
  ['policy validate, usage', ['policy', 'validate'], 2],
  ['policy validate, unreadable', ['policy', 'validate', 'missing.yaml'], 3],
  ['policy test, passed', ['policy', 'test', join(REPO_ROOT, 'fixtures/suites'), '-f', 'text'], 0],
  ['policy test, nothing ran', ['policy', 'test', join(REPO_ROOT, 'fixtures/suites'), '--run', 'no such case', '--fail-on-empty'], 1],
  ['policy test, usage', ['policy', 'test', '--run'], 2],
  ['policy test, coverage below the threshold', ['policy', 'test', join(REPO_ROOT, 'fixtures/suites'), '-f', 'text', '--threshold', '100'], 1],
  ['policy test, unreadable', ['policy', 'test', 'missing.test.yaml'], 3],
  ['replay, matched', ['replay', join(REPO_ROOT, 'fixtures/golden'), '--update=none', '--root', REPO_ROOT], 0],
  ['replay, decisions flipped', ['replay', join(REPO_ROOT, 'fixtures/golden'), '--update=none', '--root', REPO_ROOT, '--policy', `${join(REPO_ROOT, 'policies/support-assistant.yaml')}=${join(REPO_ROOT, 'policies/coding-agent.yaml')}`], 1],
  ['replay, usage', ['replay', 'x.json', '-u', 'none'], 2],
  ['replay, unreadable', ['replay', 'missing.json'], 3],
  ['schema, printed', ['schema', 'policy'], 0],
  ['schema, usage', ['schema', 'nonsense'], 2],
  ['enforce, pass', ['enforce', '--now', '1700000000'], 0, passing],
  ['enforce, fail', ['enforce', '--now', '1700000000'], 1, failing],
  ['enforce, usage', ['enforce', '--chain-id', 'c'], 2, passing],
  ['enforce, unreadable', ['enforce', '--input', 'missing.jsonl'], 3],
  ['chain append, appended', ['chain', 'append', join(folder.path, 'appended.jsonl')], 0, readFileSync(TRAIL, 'utf8')],
  ['chain append, refused', ['chain', 'append', join(folder.path, 'refused.jsonl')], 1, '[1]\n'],
  ['chain append, usage', ['chain', 'append'], 2],
  ['chain append, unwritable', ['chain', 'append', 'folder'], 3, readFileSync(TRAIL, 'utf8')],
  ['chain verify, intact', ['chain', 'verify', TRAIL], 0],
  ['chain verify, tampered', ['chain', 'verify', tampered], 1],
  ['chain verify, usage', ['chain', 'verify', TRAIL, '--max-errors', '0'], 2],
  ['chain verify, unreadable', ['chain', 'verify', 'missing.jsonl'], 3],
  ['compliance export, written', ['compliance', 'export', '-i', TRAIL], 0],
  ['compliance export, all invalid', ['compliance', 'export', '-i', 'invalid.jsonl'], 1],
  ['compliance export, usage', ['compliance', 'export'], 2],
  ['compliance export, unreadable', ['compliance', 'export', '-i', 'missing.jsonl'], 3],
  ['an unknown command', ['policy', 'lnt'], 2],
];

describe('each command, once per exit path', () => {
  it.each(EXIT_PATHS)('%s', async (_name, args, code, input) => {
    const run = await aigc(args, {cwd: folder.path, input});
    expect(run.code, run.stderr).toBe(code);
    expectNoStackTrace(run.stderr);
    if (code === 2) expect(run.stderr).toMatch(/^aigc\b[^\n]*\n$/);
  });
});

/** Each format of each report, with something only that format writes. */
const FORMATS: Array<[string, string[], RegExp]> = [
  ...(
    [
      ['pretty', /✖ 3 errors, 1 warning in 1 file/],
      ['text', /^bad\.yaml:7:13 error precondition-invalid /m],
      ['json', /"formatVersion": 1/],
      ['sarif', /"version": "2\.1\.0"/],
      ['github', /^::error file=bad\.yaml,/m],
      ['junit', /^<\?xml/],
    ] as const
  ).map(([format, marker]): [string, string[], RegExp] => [`policy lint -f ${format}`, ['policy', 'lint', 'bad.yaml', '-f', format], marker]),
  ...(
    [
      // Passing cases are counted, not listed.
      ['pretty', /^\d+ passed, 0 failed \(/m],
      ['text', /^ok {4}/m],
      ['json', /"formatVersion": 1/],
      ['junit', /^<\?xml/],
      ['tap', /^TAP version 14/],
      ['github', /^ok {4}/m],
    ] as const
  ).map(([format, marker]): [string, string[], RegExp] => [`policy test -f ${format}`, ['policy', 'test', join(REPO_ROOT, 'fixtures/suites'), '-f', format], marker]),
  ...(
    [
      ['pretty', /reference-chain/],
      ['text', /^chain reference-chain: 40\/40 artifacts intact/m],
      ['json', /"formatVersion": 1/],
    ] as const
  ).map(([format, marker]): [string, string[], RegExp] => [`chain verify -f ${format}`, ['chain', 'verify', TRAIL, '-f', format], marker]),
  ...(
    [
      ['json', /"compliance_rate": 77\.5/],
      ['markdown', /^# Compliance report/m],
      ['html', /^<!DOCTYPE html>/i],
    ] as const
  ).map(([format, marker]): [string, string[], RegExp] => [`compliance export -f ${format}`, ['compliance', 'export', '-i', TRAIL, '-f', format], marker]),
  ['policy test --coverage', ['policy', 'test', join(REPO_ROOT, 'fixtures/suites'), '-f', 'text', '--coverage'], /^coverage: \d+\/\d+ outcomes/m],
  ['replay -f text', ['replay', join(REPO_ROOT, 'fixtures/golden'), '--update=none', '--root', REPO_ROOT, '-f', 'text'], /^ok {7}/m],
  ['replay -f json', ['replay', join(REPO_ROOT, 'fixtures/golden'), '--update=none', '--root', REPO_ROOT, '-f', 'json'], /"formatVersion": 2/],
  ['policy validate', ['policy', 'validate', 'policy.yaml'], /^OK {4}policy\.yaml$/m],
  ['policy validate --json', ['policy', 'validate', 'policy.yaml', '--json'], /"ok": true/],
];

describe('each report format, once', () => {
  it.each(FORMATS)('%s', async (_name, args, marker) => {
    const run = await aigc(args, {cwd: folder.path});
    expect([0, 1], run.stderr).toContain(run.code);
    expect(run.stdout).toMatch(marker);
  });
});

describe('what only a separate process shows', () => {
  it('ends enforce quietly when its reader goes away (| head -1)', async () => {
    const run = await aigc(['enforce', '--now', '0'], {cwd: folder.path, input: passing.repeat(3000), headOneLine: true});
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
    expectNoStackTrace(run.stderr);
  });

  it('reports a stdout enforce cannot write to (a full disk) with exit 3, never as success', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [CLI, 'enforce', '--now', '1700000000'], {cwd: folder.path, input: passing, stdio: ['pipe', full, 'pipe'], encoding: 'utf8'});
      expect(run.status).toBe(3);
      expect(run.stderr).toBe('aigc enforce: stdout: cannot write the artifacts (ENOSPC); artifacts were lost\n');
    } finally {
      closeSync(full);
    }
  });

  // Root reads any file, so the check runs as "nobody" there.
  it('reports a policy file lint may not read', async () => {
    const locked = tempFolder('aigc-locked-');
    try {
      locked.file('locked.yaml', CLEAN_POLICY);
      chmodSync(join(locked.path, 'locked.yaml'), 0o000);
      // Dropping to "nobody" needs every folder on the way to be searchable.
      chmodSync(locked.path, 0o755);
      const run = await aigc(['policy', 'lint', 'locked.yaml', '-f', 'text'], {cwd: locked.path, ...(process.getuid?.() === 0 ? {uid: 65534} : {})});
      expect(run.code).toBe(3);
      expectNoStackTrace(run.stderr);
      expect(run.stdout).toMatch(/^locked\.yaml:\d+:\d+ error file-unreadable .*permission denied/);
    } finally {
      locked.remove();
    }
  });
});
