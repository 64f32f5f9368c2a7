import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runReplay} from '../../src/cli/run-replay.js';
import {temporaryFolder} from '../testing/helpers.js';
import {captureIo, REPO_ROOT} from './capture.js';

const DATA = 'test/data/replay';
let folder: ReturnType<typeof temporaryFolder> | undefined;
afterEach(() => {
  folder?.remove();
  folder = undefined;
});

describe('aigc replay', () => {
  it('passes the reference-shaped fixtures: bare with --expected, wrapped, split with --call-output', async () => {
    const bare = captureIo();
    expect(await runReplay([`${DATA}/bare_pass.json`], {expected: `${DATA}/bare_pass_expected.json`}, bare)).toBe(0);
    expect(bare.stdout.text).toBe(`ok       ${DATA}/bare_pass.json\n1 passed, 0 failed\n`);
    const wrapped = captureIo();
    expect(await runReplay([`${DATA}/wrapped_role_fail.json`, `${DATA}/wrapped_missing_fields.json`, `${DATA}/ours_schema_fail.json`], {}, wrapped)).toBe(0);
    const split = captureIo();
    const flags = {mode: 'split' as const, 'call-output': `${DATA}/split_output.json`, expected: `${DATA}/split_expected.json`};
    expect(await runReplay([`${DATA}/split_pre_call.json`], flags, split)).toBe(0);
  });

  it('replays a split fixture failing at pre-call without --call-output, and asks for the output only when pre-call passes', async () => {
    const preFail = captureIo({CI: 'true'});
    const failFlags = {mode: 'split' as const, expected: `${DATA}/split_pre_fail_expected.json`};
    expect(await runReplay([`${DATA}/split_pre_fail_role.json`], failFlags, preFail)).toBe(0);
    expect(preFail.stdout.text).toBe(`ok       ${DATA}/split_pre_fail_role.json\n1 passed, 0 failed\n`);
    const prePass = captureIo({CI: 'true'});
    expect(await runReplay([`${DATA}/split_pre_call.json`], {mode: 'split', expected: `${DATA}/split_expected.json`}, prePass)).toBe(1);
    expect(prePass.stdout.text).toBe(
      `FAIL     ${DATA}/split_pre_call.json\n` +
        '         the pre-call phase passed, so the post-call phase needs the model output: give `output` in the fixture, or --call-output FILE\n' +
        '0 passed, 1 failed\n',
    );
  });

  it('fails with a diff by JSON pointer when one expected field is edited', async () => {
    folder = temporaryFolder();
    const edited = JSON.parse(readFileSync(join(REPO_ROOT, DATA, 'wrapped_role_fail.json'), 'utf8'));
    edited.expected_audit_artifact_stable_fields.failure_gate = 'precondition_validation';
    const file = join(folder.path, 'edited.json');
    writeFileSync(file, JSON.stringify(edited));
    const io = captureIo({CI: 'true'});
    expect(await runReplay([file], {}, io)).toBe(1);
    expect(io.stdout.text).toContain('/failure_gate: "precondition_validation" → "role_validation"');
    expect(io.stdout.text.trimEnd().split('\n').at(-1)).toBe('0 passed, 1 failed');
  });

  it('writes missing expectations locally, fails them under CI, and rewrites mismatches with -u', async () => {
    folder = temporaryFolder();
    mkdirSync(join(folder.path, 'golden'));
    const fixture = join(folder.path, 'golden', 'new.json');
    const source = JSON.parse(readFileSync(join(REPO_ROOT, DATA, 'ours_schema_fail.json'), 'utf8'));
    writeFileSync(fixture, JSON.stringify({name: 'new one', invocation: source.invocation, now: source.now}, null, 2));
    const ci = captureIo({CI: 'true'});
    expect(await runReplay([join(folder.path, 'golden')], {}, ci)).toBe(1);
    expect(ci.stdout.text).toContain('MISSING');
    const local = captureIo();
    expect(await runReplay([join(folder.path, 'golden')], {}, local)).toBe(0);
    expect(local.stdout.text.trimEnd().split('\n').at(-1)).toBe('0 passed, 0 failed, 1 written');
    expect(JSON.parse(readFileSync(fixture, 'utf8')).expected.failure_gate).toBe('schema_validation');
    expect(await runReplay([fixture], {}, captureIo({CI: 'true'}))).toBe(0);

    const stored = JSON.parse(readFileSync(fixture, 'utf8'));
    stored.expected.policy_version = '0.1';
    writeFileSync(fixture, JSON.stringify(stored, null, 2));
    const updated = captureIo();
    expect(await runReplay([fixture], {update: 'all'}, updated)).toBe(0);
    expect(updated.stdout.text).toContain('updated');
    expect(JSON.parse(readFileSync(fixture, 'utf8')).expected.policy_version).toBe('2.3');
  });

  it('summarises changed decisions and gates when --policy OLD=NEW replays a policy\'s fixtures against another', async () => {
    folder = temporaryFolder();
    for (const file of ['bare_pass.json', 'wrapped_role_fail.json']) copyFileSync(join(REPO_ROOT, DATA, file), join(folder.path, file));
    const io = captureIo();
    const mapping = `${DATA}/briefing-policy.yaml=policies/support-assistant.yaml`;
    const code = await runReplay([join(folder.path, 'wrapped_role_fail.json'), `${DATA}/ours_schema_fail.json`], {policy: [mapping]}, io);
    expect(code).toBe(1);
    expect(io.stdout.text).toContain(`policy ${DATA}/briefing-policy.yaml → policies/support-assistant.yaml: applied to 2 records`);
    expect(io.stdout.text).toContain('1 of 2 decisions changed');
    expect(io.stdout.text).toContain('FAIL at another gate: 1');
    await expect(runReplay([`${DATA}/bare_pass.json`], {policy: [mapping], update: 'all'}, captureIo())).rejects.toMatchObject({exitCode: 2});
  });

  it('applies --policy NEW only to fixtures of NEW itself, and warns when a mapping applies to none', async () => {
    const io = captureIo();
    const code = await runReplay([`${DATA}/wrapped_role_fail.json`, `${DATA}/ours_schema_fail.json`], {policy: ['policies/support-assistant.yaml']}, io);
    expect(code).toBe(0);
    expect(io.stdout.text).toContain('policy policies/support-assistant.yaml (as it is now): applied to no record');
    expect(io.stdout.text).toContain('0 of 2 decisions changed');
    expect(io.stderr.text).toContain(
      `aigc replay: warning: --policy policies/support-assistant.yaml applied to no record: none names policies/support-assistant.yaml (resolved as ${join(REPO_ROOT, 'policies/support-assistant.yaml')}); the records name ${DATA}/briefing-policy.yaml (2)`,
    );
  });

  it('refuses a --policy file it cannot read before replaying anything (exit 3)', async () => {
    const io = captureIo();
    const replayed = runReplay([`${DATA}/bare_pass.json`], {expected: `${DATA}/bare_pass_expected.json`, policy: ['policies/no-such-policy.yaml']}, io);
    await expect(replayed).rejects.toMatchObject({exitCode: 3, file: 'policies/no-such-policy.yaml', message: '--policy: cannot read the policy (ENOENT)'});
    expect(io.stdout.text).toBe('');
  });

  it('resolves policy paths against --root', async () => {
    folder = temporaryFolder();
    mkdirSync(join(folder.path, 'rules'));
    copyFileSync(join(REPO_ROOT, DATA, 'briefing-policy.yaml'), join(folder.path, 'rules', 'briefing.yaml'));
    const invocation = JSON.parse(readFileSync(join(REPO_ROOT, DATA, 'bare_pass.json'), 'utf8'));
    const fixture = join(folder.path, 'f.json');
    writeFileSync(fixture, JSON.stringify({name: 'rooted', invocation: {...invocation, policy_file: 'rules/briefing.yaml'}, expected: {enforcement_result: 'PASS'}}));
    expect(await runReplay([fixture], {}, captureIo())).toBe(1);
    expect(await runReplay([fixture], {root: folder.path}, captureIo())).toBe(0);
  });

  it('reports a fixture file that is not valid JSON with its line, and replays nothing', async () => {
    folder = temporaryFolder();
    const broken = join(folder.path, 'broken.json');
    writeFileSync(broken, '{\n  "name": "x",\n  "invocation": {,}\n}');
    const io = captureIo();
    expect(await runReplay([broken, `${DATA}/bare_pass.json`], {}, io)).toBe(1);
    expect(io.stderr.text).toMatch(new RegExp(`${broken}:3:\\d+: invalid JSON`));
    expect(io.stdout.text).toBe('');
  });

  it('exits 3 for a fixture path that does not exist, as for any unreadable input', async () => {
    await expect(runReplay(['no/such/fixture.json'], {}, captureIo())).rejects.toMatchObject({exitCode: 3, file: 'no/such/fixture.json'});
  });

  it('prints a JSON report with -f json', async () => {
    const io = captureIo();
    await runReplay([`${DATA}/wrapped_role_fail.json`], {format: 'json'}, io);
    const report = JSON.parse(io.stdout.text);
    expect(report.summary).toEqual({total: 1, passed: 1, failed: 0, written: 0, updated: 0});
    expect(report.fixtures[0]).toMatchObject({shape: 'reference-wrapped', status: 'passed', verdict: {result: 'FAIL', gate: 'role_validation'}});
  });
});
