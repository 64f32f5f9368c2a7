// `aigc replay --policy` and audit trails, through the command's runner: the
// change summary in text and in JSON (checked against its schema), the exit
// status CI relies on, the warning for a mapping that applies to nothing, and
// the refusal of a trail with nothing replayable.
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Ajv} from 'ajv';
import {afterEach, describe, expect, it} from 'vitest';
import {type ReplayFlags, runReplay} from '../../src/cli/run-replay.js';
import {temporaryFolder} from '../testing/helpers.js';
import {invocations, NOTES, SUPPORT, SUPPORT_V2, TOOLS, WHAT_IF, writeRun} from '../testing/what-if-stream.js';
import {captureIo, REPO_ROOT} from './capture.js';

let folder: ReturnType<typeof temporaryFolder> | undefined;
afterEach(() => {
  folder?.remove();
  folder = undefined;
});

const TO_V2 = `${SUPPORT}=${SUPPORT_V2}`;

/** aigc replay run in-process: its exit status and what it wrote. */
async function replay(paths: string[], flags: ReplayFlags): Promise<{code: number; stdout: string; stderr: string}> {
  const io = captureIo();
  const code = await runReplay(paths, flags, io);
  return {code, stdout: io.stdout.text, stderr: io.stderr.text};
}

/** The report of aigc replay --format json. */
async function jsonReport(paths: string[], flags: ReplayFlags) {
  return JSON.parse((await replay(paths, {...flags, format: 'json'})).stdout);
}

function run() {
  folder = temporaryFolder();
  return writeRun(folder.path);
}

const validateReport = new Ajv({strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true}).compile(
  JSON.parse(readFileSync(join(REPO_ROOT, 'schemas/replay_report.schema.json'), 'utf8')),
);

describe('aigc replay --policy OLD=NEW', () => {
  it('prints the change summary by direction, gate, role and policy after the records', async () => {
    const files = run();
    const {code, stdout: text, stderr} = await replay([files.records], {policy: [TO_V2]});
    expect(code).toBe(1);
    const summary = text.slice(text.indexOf(`policy ${SUPPORT} →`), text.indexOf('  changed:'));
    expect(summary).toBe(
      [
        `policy ${SUPPORT} → ${SUPPORT_V2}: applied to 37 records`,
        '17 of 53 decisions changed (15 flipped, 2 by the reason only), 36 unchanged',
        '  PASS → FAIL: 7 (role_validation 7)',
        '  FAIL → PASS: 5 (from precondition_validation 5)',
        '  FAIL at another gate: 3 (precondition_validation → role_validation 3)',
        '  reason changed only: 2 (precondition_validation 2)',
        '  by role: intern 10 (PASS → FAIL 7, FAIL at another gate 3); agent 7 (FAIL → PASS 5, reason changed only 2)',
        '  by policy:',
        `    ${SUPPORT} replayed against ${SUPPORT_V2}: 17 of 37 changed (PASS → FAIL 7, FAIL → PASS 5, FAIL at another gate 3, reason changed only 2)`,
        `    ${NOTES}: 0 of 10 changed`,
        `    ${TOOLS}: 0 of 6 changed`,
        '',
      ].join('\n'),
    );
    expect(text).toContain(`    ${join(folder!.path, 'recorded.jsonl')}:3 (role intern): PASS → FAIL (role_validation)\n`);
    expect(text.trimEnd().split('\n').at(-1)).toBe('36 passed, 15 failed, 2 changed');
    expect(stderr).toBe('');
  });

  it('prints the same counts as JSON that its schema accepts', async () => {
    const files = run();
    const report = await jsonReport([files.records], {policy: [TO_V2]});
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.formatVersion).toBe(2);
    expect(report.summary).toEqual({total: 53, passed: 36, failed: 15, written: 0, updated: 0});
    expect(report.decisions).toMatchObject({
      mappings: [{from: SUPPORT, to: SUPPORT_V2, resolved: join(REPO_ROOT, SUPPORT), applied: 37}],
      warnings: [],
      compared: 53,
      unchanged: 36,
      changed: 17,
      flipped: 15,
      counts: {pass_to_fail: 7, fail_to_pass: 5, gate_changed: 3, reason_changed: 2},
      unreplayable: {count: 0, byReason: {}},
      coveredByRecords: 0,
    });
    expect(report.decisions.byRole.map((role: {role: string}) => role.role)).toEqual(['intern', 'agent']);
    expect(report.fixtures[2]).toMatchObject({
      shape: 'record',
      status: 'failed',
      change: 'pass_to_fail',
      policy: {from: SUPPORT, to: SUPPORT_V2},
      expectedVerdict: {result: 'PASS', gate: null, reason: null},
      verdict: {result: 'FAIL', gate: 'role_validation', reason: "Unauthorized role 'intern'"},
    });
    expect(report.fixtures.find((fixture: {policy?: unknown; change: unknown}) => fixture.policy === undefined)).toMatchObject({change: null, status: 'passed'});
  });

  it('exits 0 with --allow-flips, still listing the flips', async () => {
    const files = run();
    const io = captureIo();
    expect(await runReplay([files.records], {policy: [TO_V2], 'allow-flips': true}, io)).toBe(0);
    expect(io.stdout.text).toContain('15 flipped');
  });

  it('exits 0 when decisions changed by their reason only, which are counted as changed', async () => {
    const files = run();
    const patterns = join(folder!.path, 'support-patterns.yaml');
    writeFileSync(patterns, readFileSync(join(REPO_ROOT, SUPPORT), 'utf8').replace('^TCK-[0-9]{6}$', '^TCK-[0-9]{6}$|^TCK-0$'));
    const io = captureIo();
    expect(await runReplay([files.records], {policy: [`${SUPPORT}=${patterns}`]}, io)).toBe(0);
    expect(io.stdout.text).toContain('  reason changed only: 3 (precondition_validation 3)');
    expect(io.stdout.text.trimEnd().split('\n').at(-1)).toBe('50 passed, 0 failed, 3 changed');
  });

  it('warns on stderr and in the report when a mapping applies to no record, and exits 0 having changed nothing', async () => {
    const files = run();
    const io = captureIo();
    expect(await runReplay([files.records], {policy: [`${WHAT_IF}/suport.yaml=${SUPPORT_V2}`]}, io)).toBe(0);
    const warning = `--policy ${WHAT_IF}/suport.yaml=${SUPPORT_V2} applied to no record: none names ${WHAT_IF}/suport.yaml`;
    expect(io.stderr.text).toContain(`aigc replay: warning: ${warning}`);
    expect(io.stdout.text).toContain(`policy ${WHAT_IF}/suport.yaml → ${SUPPORT_V2}: applied to no record\nwarning: ${warning}`);
    const report = await jsonReport([files.records], {policy: [`${WHAT_IF}/suport.yaml=${SUPPORT_V2}`]});
    expect(report.decisions.mappings[0].applied).toBe(0);
    expect(report.decisions.warnings[0]).toContain(warning);
  });

  it('refuses a malformed mapping as a usage error (exit 2) and an unreadable NEW as an I/O error (exit 3)', async () => {
    const files = run();
    await expect(runReplay([files.records], {policy: [`${SUPPORT}=`]}, captureIo())).rejects.toMatchObject({exitCode: 2});
    await expect(runReplay([files.records], {policy: [TO_V2, `${SUPPORT}=${NOTES}`]}, captureIo())).rejects.toMatchObject({exitCode: 2});
    await expect(runReplay([files.records], {policy: [`${SUPPORT}=gone.yaml`]}, captureIo())).rejects.toMatchObject({exitCode: 3, file: 'gone.yaml'});
  });
});

describe('aigc replay of audit trails', () => {
  it('compares what a chain file allows and lists every other artifact as not replayable, with why', async () => {
    const files = run();
    const {code, stdout: text} = await replay([files.trail], {policy: [TO_V2]});
    expect(code).toBe(1);
    expect(text).toContain(
      `n/a      ${join(folder!.path, 'trail.jsonl')}:4\n` +
        '         not replayable: the authorization gates pass (when recorded, it failed at precondition_validation), but the policy validates the output (output_schema), and the artifact holds it only as output_checksum\n',
    );
    expect(text).toContain('12 of 22 decisions changed (10 flipped, 2 by the reason only), 10 unchanged, 31 not replayable\n');
    expect(text).toContain(
      '  not replayable: 31\n' +
        '    25 need the output, which an artifact holds only as output_checksum (the policy has an output_schema)\n' +
        '    6 need the tool calls, which an artifact does not record (the policy has a tools block)\n',
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe('10 passed, 10 failed, 2 changed, 31 not replayable');
    const report = await jsonReport([files.trail], {policy: [TO_V2]});
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.decisions.unreplayable).toEqual({count: 31, byReason: {'needs-output': 25, 'needs-tool-calls': 6}});
    expect(report.fixtures[0]).toMatchObject({shape: 'artifact', status: 'unreplayable', verdict: null, unreplayable: {reason: 'needs-output'}});
  });

  it('replays the records instead of the trail lines they hold when both are given (a folder holding both)', async () => {
    const files = run();
    const io = captureIo();
    await runReplay([files.trail, files.records], {policy: [TO_V2]}, io);
    expect(io.stdout.text).toContain(`  ${invocations().length} trail artifact(s) replayed as the records that hold them\n`);
    expect(io.stdout.text).toContain('17 of 53 decisions changed');
    expect(io.stdout.text).not.toContain('not replayable');
  });

  it('refuses a trail of which nothing can be replayed, pointing to enforce --record (exit 1)', async () => {
    folder = temporaryFolder();
    const answered = invocations().filter(({kind}) => kind.kind === 'agent answers');
    const files = writeRun(folder.path, answered.map((item) => item.invocation));
    const io = captureIo();
    expect(await runReplay([files.trail], {}, io)).toBe(1);
    expect(io.stderr.text).toBe(
      `aigc replay: ${files.trail}: nothing in it can be replayed: its 14 audit artifacts keep the input and the output only as checksums and no tool calls, ` +
        'and every decision needs what is missing (14 need the output, which an artifact holds only as output_checksum (the policy has an output_schema)); ' +
        'record the invocations with `aigc enforce --record FILE` and replay that file\n',
    );
    expect(io.stdout.text).toBe('0 passed, 0 failed\n');
    // Beside a fixture that replays, the refused trail still fails the run.
    const both = captureIo();
    expect(await runReplay([files.trail, 'test/data/replay/wrapped_role_fail.json'], {}, both)).toBe(1);
    expect(both.stdout.text).toBe('ok       test/data/replay/wrapped_role_fail.json\n1 passed, 0 failed\n');
  });

  it('never rewrites a trail with --update', async () => {
    const files = run();
    const before = readFileSync(files.trail, 'utf8');
    const edited = join(folder!.path, 'edited.jsonl');
    copyFileSync(files.trail, edited);
    // A notes artifact made to say PASS where its reviewer fails: a mismatch, which -u would rewrite in a fixture.
    const lines = before.trimEnd().split('\n').map((line) => JSON.parse(line));
    const reviewer = lines.findIndex((artifact) => artifact.role === 'reviewer');
    lines[reviewer] = {...lines[reviewer], enforcement_result: 'PASS', failure_gate: null, failure_reason: null, failures: []};
    const text = `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`;
    writeFileSync(edited, text);
    expect(await runReplay([edited], {update: 'all'}, captureIo())).toBe(1);
    expect(readFileSync(edited, 'utf8')).toBe(text);
  });
});
