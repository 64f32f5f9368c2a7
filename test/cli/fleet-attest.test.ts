// `aigc chain verify-summaries --attest` and its check by `aigc compliance
// verify-attestation`: the fleet report attested like a compliance export,
// and a changed report, a changed summary or another key found.
import {appendFileSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {FLEET_REPORT_PREDICATE_TYPE} from '../../src/audit/fleet/attestation.js';
import {openDsseEnvelope} from '../../src/audit/tlog/attestation.js';
import {parseVerifierKey} from '../../src/audit/tlog/keys.js';
import {rotateChain} from '../audit/fleet/fleet-files.js';
import {aigc, type CliRun, expectOneLineError, tempFolder} from './command-line.js';

let folder: ReturnType<typeof tempFolder>;
const at = (name: string) => join(folder.path, name);
const run = (args: string[]): Promise<CliRun> => aigc(args, {cwd: folder.path});
const statementOf = (envelope: string) => JSON.parse(openDsseEnvelope(readFileSync(at(envelope)), [parseVerifierKey(readFileSync(at('audit.pub'), 'utf8').trim())]).payload.toString('utf8'));
const failureCode = (result: CliRun) => {
  expect(result.code, result.stdout).toBe(1);
  return result.stdout.match(/FAILED: ([a-z-]+): /)?.[1];
};

beforeAll(async () => {
  folder = tempFolder('aigc-fleet-attest-');
  expect((await run(['chain', 'keygen', 'audit.example.com/payments', '-o', 'audit'])).code).toBe(0);
  expect((await run(['chain', 'keygen', 'someone.example/else', '-o', 'else'])).code).toBe(0);
  rotateChain(folder.path, [15, 10, 15]);
  expect((await run(['chain', 'checkpoint', 'day-1.jsonl', '--key-file', 'audit.key', '-o', 'day-1.jsonl.checkpoint'])).code).toBe(0);
  for (const day of ['day-1', 'day-2', 'day-3']) await run(['chain', 'verify', `${day}.jsonl`, '--summary-json', `${day}.summary.json`, '--json']);
});
afterAll(() => folder.remove());

describe('aigc chain verify-summaries --attest', () => {
  it('writes FLEET.json.intoto.json: the report as subject, each summary and trail, the totals and the verdict, signed', async () => {
    const merged = await run(['chain', 'verify-summaries', 'day-1.summary.json', 'day-2.summary.json', 'day-3.summary.json', '-o', 'fleet.json', '--attest', '--key-file', 'audit.key']);
    expect(merged.code).toBe(0);
    expect(merged.stderr).toMatch(/aigc chain verify-summaries: attestation written to fleet\.json\.intoto\.json \(signed by audit\.example\.com\/payments\+[0-9a-f]{8}\)\n/);
    const statement = statementOf('fleet.json.intoto.json');
    const report = JSON.parse(readFileSync(at('fleet.json'), 'utf8'));
    expect(statement.predicateType).toBe(FLEET_REPORT_PREDICATE_TYPE);
    expect(statement.subject).toEqual([{name: 'fleet.json', digest: {sha256: expect.stringMatching(/^[0-9a-f]{64}$/)}}]);
    expect(statement.predicate).toMatchObject({whole: true, totals: {files: report.files, artifacts: report.artifacts, chains: report.chains.length, problems: 0}});
    const summary = readFileSync(at('day-1.summary.json'));
    expect(statement.predicate.summaries[0]).toEqual({name: 'day-1.summary.json', size: summary.length, digest: {sha256: expect.stringMatching(/^[0-9a-f]{64}$/)}});
    const said = JSON.parse(summary.toString('utf8')).files[0];
    expect(statement.predicate.trails.map((trail: {name: string}) => trail.name)).toEqual(['day-1.jsonl', 'day-2.jsonl', 'day-3.jsonl']);
    expect(statement.predicate.trails[0]).toEqual({
      name: 'day-1.jsonl',
      size: said.size,
      digest: {sha256: said.sha256},
      summary: 'day-1.summary.json',
      treeSize: 15,
      rootHash: said.root_hash,
      checkpoint: {treeSize: 15, rootMatches: true},
    });
    expect(statement.predicate.trails[1].checkpoint).toBeNull();
  });

  it('attests a fleet that is not whole too, saying so (exit 1)', async () => {
    const merged = await run(['chain', 'verify-summaries', 'day-1.summary.json', 'day-3.summary.json', '-o', 'gap.json', '--attest', '--key-file', 'audit.key']);
    expect(merged.code).toBe(1);
    expect(statementOf('gap.json.intoto.json').predicate).toMatchObject({whole: false, totals: {files: 2, problems: 1}});
    const verified = await run(['compliance', 'verify-attestation', 'gap.json.intoto.json', '--pubkey', 'audit.pub', 'gap.json']);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/\n {2}2 files, 1 chains, 30 artifacts: not whole: 1 problem; report of \d{4}-/);
  });

  it('needs -o FILE and --key-file (exit 2), and a log key (exit 3), before reading a summary', async () => {
    expectOneLineError(await run(['chain', 'verify-summaries', 'day-1.summary.json', '--attest', '--key-file', 'audit.key']), 2, '--attest needs -o FILE: the attestation is about the fleet report file');
    expectOneLineError(await run(['chain', 'verify-summaries', 'day-1.summary.json', '-o', 'f.json', '--attest']), 2, '--attest needs --key-file');
    expectOneLineError(await run(['chain', 'verify-summaries', 'day-1.summary.json', '-o', 'f.json', '--key-file', 'audit.key']), 2, '--key-file is the signer key of --attest');
    expectOneLineError(await run(['chain', 'verify-summaries', 'missing.summary.json', '-o', 'f.json', '--attest', '--key-file', 'audit.pub']), 3, /audit\.pub: malformed-key/);
  });
});

describe('aigc compliance verify-attestation of a fleet report', () => {
  const verify = (...extra: string[]) => run(['compliance', 'verify-attestation', 'fleet.json.intoto.json', '--pubkey', 'audit.pub', 'fleet.json', ...extra]);

  it('verifies the report and the summaries and trails given, and says it is a fleet report', async () => {
    const result = await verify('-i', 'day-1.summary.json', '-i', 'day-2.jsonl');
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^fleet\.json\.intoto\.json: verified: fleet\.json is the attested fleet report \(SHA-256 [0-9a-f]{64}\), signed by audit\.example\.com\/payments\+[0-9a-f]{8}$/);
    expect(lines[1]).toMatch(/^ {2}summary day-1\.summary\.json: unchanged \(\d+ bytes\)$/);
    expect(lines[2]).toBe('  summary day-2.summary.json: not checked (give it with -i)');
    expect(lines[4]).toMatch(/^ {2}trail day-1\.jsonl \(per day-1\.summary\.json\): not checked \(give it with -i\); log of 15 leaves; checkpoint of 15 leaves matched$/);
    expect(lines[5]).toMatch(/^ {2}trail day-2\.jsonl \(per day-2\.summary\.json\): unchanged \(\d+ bytes\); log of 10 leaves; no checkpoint$/);
    expect(lines[7]).toMatch(/^ {2}3 files, 1 chains, 40 artifacts: whole; report of \d{4}-/);
    const json = JSON.parse((await verify('--json', '-i', 'day-3.summary.json')).stdout);
    expect(json).toMatchObject({ok: true, predicateType: FLEET_REPORT_PREDICATE_TYPE, inputsChecked: ['day-3.summary.json'], checkpoints: [], predicate: {whole: true}});
  });

  it('fails with subject-mismatch on a changed report, input-mismatch on a changed summary, unknown-key for another key (exit 1)', async () => {
    expect(failureCode(await run(['compliance', 'verify-attestation', 'fleet.json.intoto.json', '--pubkey', 'else.pub', 'fleet.json']))).toBe('unknown-key');
    appendFileSync(at('day-2.summary.json'), ' ');
    expect(failureCode(await verify('-i', 'day-2.summary.json'))).toBe('input-mismatch');
    expect(failureCode(await verify('-i', 'audit.pub'))).toBe('input-mismatch');
    writeFileSync(at('fleet.json'), readFileSync(at('fleet.json'), 'utf8').replace('"valid": true', '"valid": false'));
    expect(failureCode(await verify())).toBe('subject-mismatch');
    const json = await verify('--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ok: false, predicateType: null, failure: {code: 'subject-mismatch'}});
  });
});
