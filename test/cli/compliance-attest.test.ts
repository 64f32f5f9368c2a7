// `aigc compliance export --attest` and `aigc compliance verify-attestation`:
// a signed in-toto attestation of an export, checked with only the public key,
// that finds a changed export or input.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openDsseEnvelope} from '../../src/audit/tlog/attestation.js';
import {parseVerifierKey} from '../../src/audit/tlog/keys.js';
import {aigc, type CliRun, EXAMPLE_INVOCATIONS, expectOneLineError, REPO_ROOT, tempFolder} from './command-line.js';

let folder: ReturnType<typeof tempFolder>;
const at = (name: string) => join(folder.path, name);
const run = (args: string[], input?: string): Promise<CliRun> => aigc(args, {cwd: folder.path, input});

beforeAll(async () => {
  folder = tempFolder('aigc-attest-');
  expect((await run(['chain', 'keygen', 'audit.example.com/payments', '-o', 'audit'])).code).toBe(0);
  expect((await run(['chain', 'keygen', 'someone.example/else', '-o', 'else'])).code).toBe(0);
  const invocations = readFileSync(EXAMPLE_INVOCATIONS, 'utf8');
  await aigc(['enforce', '--chain', at('audit.jsonl'), '--checkpoint-key', at('audit.key'), '--now', '1700000000'], {cwd: REPO_ROOT, input: invocations});
  await aigc(['enforce', '--chain', at('other.jsonl'), '--now', '1700000100'], {cwd: REPO_ROOT, input: invocations});
});
afterAll(() => folder.remove());

describe('aigc compliance export --attest', () => {
  it('writes EXPORT.intoto.json: the export and its inputs, their checkpoints, the period and the totals, signed', async () => {
    const exported = await run(['compliance', 'export', '-i', 'audit.jsonl', 'other.jsonl', '-o', 'report.json', '--attest', '--key-file', 'audit.key']);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/aigc compliance export: attestation written to report\.json\.intoto\.json \(signed by audit\.example\.com\/payments\+[0-9a-f]{8}\)\n$/);
    const opened = openDsseEnvelope(readFileSync(at('report.json.intoto.json')), [parseVerifierKey(readFileSync(at('audit.pub'), 'utf8').trim())]);
    const statement = JSON.parse(opened.payload.toString('utf8'));
    const report = JSON.parse(readFileSync(at('report.json'), 'utf8'));
    expect(statement.subject).toEqual([{name: 'report.json', digest: {sha256: expect.stringMatching(/^[0-9a-f]{64}$/)}}]);
    expect(statement.predicate.period).toEqual({start: '2023-11-14T22:13:20Z', end: '2023-11-14T22:15:00Z'});
    expect(statement.predicate.totals).toEqual({
      totalArtifacts: report.total_artifacts,
      passCount: report.pass_count,
      failCount: report.fail_count,
      invalidArtifacts: report.invalid_artifacts,
      complianceRate: report.compliance_rate,
    });
    expect(statement.predicate.inputs.map((input: {name: string; checkpoint: string | null}) => [input.name, input.checkpoint === null])).toEqual([
      ['audit.jsonl', false],
      ['other.jsonl', true],
    ]);
  });

  it('shows the period covered in the markdown and HTML reports too', async () => {
    const markdown = await run(['compliance', 'export', '-i', 'audit.jsonl', 'other.jsonl', '-f', 'markdown']);
    expect(markdown.stdout).toContain('| Period covered (artifact timestamps, UTC) | 2023-11-14T22:13:20Z to 2023-11-14T22:15:00Z |');
    const html = await run(['compliance', 'export', '-i', 'audit.jsonl', 'other.jsonl', '-f', 'html']);
    expect(html.stdout).toContain(' · period covered 2023-11-14T22:13:20Z to 2023-11-14T22:15:00Z · report date ');
  });

  it('needs --key-file, -o FILE and input files (exit 2), and a log key (exit 3)', async () => {
    expectOneLineError(await run(['compliance', 'export', '-i', 'audit.jsonl', '-o', 'r.json', '--attest']), 2, '--attest needs --key-file');
    expectOneLineError(await run(['compliance', 'export', '-i', 'audit.jsonl', '--attest', '--key-file', 'audit.key']), 2, '--attest needs -o FILE');
    expectOneLineError(await run(['compliance', 'export', '-i', '-', '-o', 'r.json', '--attest', '--key-file', 'audit.key'], ''), 2, '--attest cannot attest stdin');
    expectOneLineError(await run(['compliance', 'export', '-i', 'audit.jsonl', '-o', 'r.json', '--attest', '--key-file', 'audit.pub']), 3, /audit\.pub: malformed-key/);
  });
});

describe('aigc compliance verify-attestation', () => {
  const verify = (...extra: string[]) => run(['compliance', 'verify-attestation', 'report.json.intoto.json', '--pubkey', 'audit.pub', 'report.json', ...extra]);

  it('verifies the export, the inputs given and each input checkpoint, by which key', async () => {
    const result = await verify('-i', 'audit.jsonl', '-i', 'other.jsonl');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^report\.json\.intoto\.json: verified: report\.json is the attested export \(SHA-256 [0-9a-f]{64}\), signed by audit\.example\.com\/payments\+[0-9a-f]{8}$/);
    expect(lines[1]).toMatch(/^ {2}input audit\.jsonl: unchanged \(\d+ bytes\); checkpoint of 15 leaves verified \(signed by audit\.example\.com\/payments\+[0-9a-f]{8}\); at export: chain verified, checkpoint unchecked$/);
    expect(lines[2]).toMatch(/^ {2}input other\.jsonl: unchanged \(\d+ bytes\); no checkpoint; at export: chain verified, checkpoint none$/);
    expect(lines[3]).toMatch(/^ {2}period 2023-11-14T22:13:20Z to 2023-11-14T22:15:00Z, report of \d{4}-/);
    const json = JSON.parse((await verify('--json')).stdout);
    expect(json).toMatchObject({formatVersion: 1, ok: true, inputsChecked: [], checkpoints: [{name: 'audit.jsonl', status: 'verified', checkpoint: {size: 15}}, {name: 'other.jsonl', status: 'none'}]});
  });

  it('finds a changed export, a changed input and another key (exit 1, with the code)', async () => {
    const failure = async (result: Promise<CliRun>) => {
      const done = await result;
      expect(done.code).toBe(1);
      return done.stdout.match(/FAILED: ([a-z-]+): /)?.[1];
    };
    writeFileSync(at('other.jsonl'), `${readFileSync(at('other.jsonl'), 'utf8')}\n`);
    expect(await failure(verify('-i', 'audit.jsonl', '-i', 'other.jsonl'))).toBe('input-mismatch');
    expect(await failure(run(['compliance', 'verify-attestation', 'report.json.intoto.json', '--pubkey', 'else.pub', 'report.json']))).toBe('unknown-key');
    writeFileSync(at('report.json'), readFileSync(at('report.json'), 'utf8').replace('"pass_count"', '"pass_count" '));
    expect(await failure(verify())).toBe('subject-mismatch');
    writeFileSync(at('garbage.json'), '{"payload": 1}');
    expect(await failure(run(['compliance', 'verify-attestation', 'garbage.json', '--pubkey', 'audit.pub', 'report.json']))).toBe('malformed-envelope');
  });
});
