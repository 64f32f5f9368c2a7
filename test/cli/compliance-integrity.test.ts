// `aigc compliance export -f markdown|html`: the report date and each input
// trail's integrity (its chain, its signed checkpoint and the key that signed
// it), as chain verify finds them; the json stays the reference's report.
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openDsseEnvelope} from '../../src/audit/tlog/attestation.js';
import {parseVerifierKey} from '../../src/audit/tlog/keys.js';
import {aigc, type CliRun, EXAMPLE_INVOCATIONS, expectOneLineError, REPO_ROOT, tempFolder} from './command-line.js';

let folder: ReturnType<typeof tempFolder>;
const at = (name: string) => join(folder.path, name);
const run = (args: string[], env?: Record<string, string>): Promise<CliRun> => aigc(args, {cwd: folder.path, env});
const KEY = 'integrity-key';
let keyLabel: string;

/** The integrity table's row for `trail` in the markdown report. */
function markdownRow(markdown: string, trail: string): string {
  const row = markdown.split('\n').find((line) => line.startsWith(`| \`${trail}\` |`));
  if (row === undefined) throw new Error(`no integrity row for ${trail} in:\n${markdown}`);
  return row;
}

beforeAll(async () => {
  folder = tempFolder('aigc-integrity-');
  expect((await run(['chain', 'keygen', 'audit.example.com/payments', '-o', 'audit'])).code).toBe(0);
  expect((await run(['chain', 'keygen', 'someone.example/else', '-o', 'else'])).code).toBe(0);
  keyLabel = readFileSync(at('audit.pub'), 'utf8').trim().split('+').slice(0, 2).join('+');
  const invocations = readFileSync(EXAMPLE_INVOCATIONS, 'utf8');
  const enforce = ['enforce', '--chain', at('good.jsonl'), '--checkpoint-key', at('audit.key'), '--key-env', 'AIGC_KEY', '--now', '1700000000'];
  await aigc(enforce, {cwd: REPO_ROOT, input: invocations, env: {AIGC_KEY: KEY}});
  copyFileSync(at('good.jsonl'), at('tampered.jsonl'));
  copyFileSync(at('good.jsonl.checkpoint'), at('tampered.jsonl.checkpoint'));
  const lines = readFileSync(at('tampered.jsonl'), 'utf8').split('\n');
  lines[2] = (lines[2] as string).replace('"enforcement_result":"FAIL"', '"enforcement_result":"PASS"');
  writeFileSync(at('tampered.jsonl'), lines.join('\n'));
  copyFileSync(at('good.jsonl'), at('<b>plain.jsonl'));
  await run(['chain', 'checkpoint', 'good.jsonl', '--key-file', 'else.key', '-o', 'else.checkpoint']);
  writeFileSync(at('unchained.jsonl'), (await aigc(['enforce', '--now', '1700000000'], {cwd: REPO_ROOT, input: invocations})).stdout);
});
afterAll(() => folder.remove());

describe('aigc compliance export: the integrity of its inputs', () => {
  it('shows a good trail verified, and its checkpoint verified by the log key, naming the key', async () => {
    const result = await run(['compliance', 'export', 'good.jsonl', '-f', 'markdown', '--pubkey', 'audit.pub', '--key-env', 'AIGC_KEY'], {AIGC_KEY: KEY});
    expect(result.code).toBe(0);
    const row = markdownRow(result.stdout, 'good.jsonl');
    expect(row).toContain('| verified: 15 artifacts, indexes, links and checksums; every HMAC signature |');
    expect(row).toContain(`| verified: good.jsonl.checkpoint of 15 leaves, signed by ${keyLabel} |`);
  });

  it('shows a tampered trail failed: the chain at the changed line, and the checkpoint root', async () => {
    const result = await run(['compliance', 'export', 'tampered.jsonl', '-f', 'markdown', '--pubkey', 'audit.pub']);
    expect(result.code).toBe(0);
    const row = markdownRow(result.stdout, 'tampered.jsonl');
    expect(row).toContain('| **FAILED: 1 problem; first: checksum-mismatch at line 3** |');
    expect(row).toMatch(/\| \*\*FAILED: root-mismatch: the first 15 leaves of tampered\.jsonl do not have/);
  });

  it('shows a checkpoint signed by another key as failed (unknown-key), and one given with no key as not verified', async () => {
    const other = await run(['compliance', 'export', 'good.jsonl', '-f', 'markdown', '--checkpoint', 'else.checkpoint', '--pubkey', 'audit.pub']);
    expect(markdownRow(other.stdout, 'good.jsonl')).toMatch(/\| \*\*FAILED: unknown-key: the note is signed by none of the given keys .*\\\(else\.checkpoint\\\)\*\* \|$/);
    const noKey = await run(['compliance', 'export', 'good.jsonl', '-f', 'markdown']);
    expect(markdownRow(noKey.stdout, 'good.jsonl')).toContain('| good.jsonl.checkpoint of 15 leaves: not verified \\(no --pubkey\\) |');
    const none = await run(['compliance', 'export', '<b>plain.jsonl', '-f', 'markdown']);
    expect(none.stdout).toContain('| none \\(no --checkpoint, no TRAIL.checkpoint beside it\\) |');
  });

  it('shows a trail written without --chain as not a hash chain, and one read from stdin as not checked', async () => {
    const unchained = await run(['compliance', 'export', 'unchained.jsonl', '-f', 'markdown']);
    expect(markdownRow(unchained.stdout, 'unchained.jsonl')).toContain('| not a hash chain: none of its 15 artifacts has a chain\\_id \\(written without --chain\\) |');
    const piped = await aigc(['compliance', 'export', '-i', '-', '-f', 'markdown'], {cwd: folder.path, input: readFileSync(at('good.jsonl'))});
    expect(markdownRow(piped.stdout, 'stdin')).toContain('| not checked: read from stdin or a pipe, which cannot be read again | none \\(no --checkpoint, no TRAIL.checkpoint beside it\\) |');
  });

  it('shows the same in HTML, with text from the inputs escaped, and the report date from --now', async () => {
    const result = await run(['compliance', 'export', 'good.jsonl', 'tampered.jsonl', '<b>plain.jsonl', '-f', 'html', '--pubkey', 'audit.pub', '--now', '2026-01-02T03:04:05Z']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(' · report date 2026-01-02T03:04:05Z</p>');
    expect(result.stdout).toContain(`<td class="verdict verified">verified: good.jsonl.checkpoint of 15 leaves, signed by ${keyLabel}</td>`);
    expect(result.stdout).toContain('<td class="verdict failed">FAILED: 1 problem; first: checksum-mismatch at line 3</td>');
    expect(result.stdout).toContain('<th scope="row"><code>&#60;b&#62;plain.jsonl</code></th>');
    expect(result.stdout).not.toContain('<b>plain');
  });

  it('dates the markdown report by --now, so two runs give the same bytes', async () => {
    const args = ['compliance', 'export', 'good.jsonl', '-f', 'markdown', '--now', '1700000500'];
    const first = await run(args);
    expect(first.stdout).toContain('· report date 2023-11-14T22:21:40Z\n');
    expect((await run(args)).stdout).toBe(first.stdout);
  });

  it('keeps the json the reference report: the integrity flags are refused there (exit 2), --now changes nothing', async () => {
    expectOneLineError(await run(['compliance', 'export', 'good.jsonl', '--pubkey', 'audit.pub']), 2, '--pubkey: the integrity of the inputs is shown for the markdown and html reports and --attest');
    const plain = await run(['compliance', 'export', 'good.jsonl']);
    expect((await run(['compliance', 'export', 'good.jsonl', '--now', '1'])).stdout).toBe(plain.stdout);
    expect(plain.stdout).not.toMatch(/integrity|report_date/);
  });

  it('takes one --checkpoint per input, in order (exit 2 otherwise)', async () => {
    expectOneLineError(
      await run(['compliance', 'export', 'good.jsonl', 'tampered.jsonl', '-f', 'markdown', '--checkpoint', 'else.checkpoint']),
      2,
      '--checkpoint is given 1 time(s) for 2 input trail(s)',
    );
  });

  it('attests each input’s integrity, and the report date of --now', async () => {
    const exported = await run(['compliance', 'export', 'good.jsonl', 'tampered.jsonl', '-o', 'report.json', '--attest', '--key-file', 'audit.key', '--pubkey', 'audit.pub', '--now', '1700000500']);
    expect(exported.code, exported.stderr).toBe(0);
    const opened = openDsseEnvelope(readFileSync(at('report.json.intoto.json')), [parseVerifierKey(readFileSync(at('audit.pub'), 'utf8').trim())]);
    const {predicate} = JSON.parse(opened.payload.toString('utf8'));
    expect(predicate.generatedAt).toBe('2023-11-14T22:21:40Z');
    expect(predicate.inputs.map((input: {integrity: unknown}) => input.integrity)).toEqual([
      {chain: 'verified', signaturesChecked: false, checkpoint: 'verified', checkpointKey: readFileSync(at('audit.pub'), 'utf8').trim()},
      {chain: 'failed', signaturesChecked: false, chainProblem: 'checksum-mismatch', checkpoint: 'failed', checkpointProblem: 'root-mismatch'},
    ]);
  });
});
