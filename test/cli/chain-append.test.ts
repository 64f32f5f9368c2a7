// `aigc chain append` as its runner sees it: what enters the trail, what is
// refused, and that the result verifies.
import {appendFileSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseJson} from '../../src/canonical/index.js';
import {pyJsonDumps} from '../../src/canonical/dumps.js';
import {HmacSigner, signArtifact} from '../../src/audit/signing.js';
import {verifyTrails} from '../../src/audit/verify/index.js';
import {type AppendFlags, runAppend} from '../../src/cli/run-append.js';
import type {PyDict} from '../../src/python/values.js';
import {captureIo} from './capture.js';

const DATA = resolve(import.meta.dirname, '..', 'data', 'chains');
const REFERENCE = readFileSync(join(DATA, 'reference-chain.jsonl'), 'utf8').trimEnd().split('\n');
const REFERENCE_KEY = new HmacSigner(readFileSync(join(DATA, 'reference-chain.key')).subarray(0, -1));
const KEY = 'append-key';

async function append(file: string, input: string, flags: AppendFlags = {}): Promise<{code: number; stderr: string}> {
  const io = captureIo({AIGC_KEY: KEY}, {stdin: input});
  const code = await runAppend(file, flags, io);
  return {code, stderr: io.stderr.text};
}

const trailFile = () => join(mkdtempSync(join(tmpdir(), 'aigc-append-')), 'audit.jsonl');
const artifact = (n: number): PyDict => ({audit_schema_version: '1.4', enforcement_result: 'PASS', context: {n, x: 1.0}, timestamp: 1700000000 + n});

describe('aigc chain append', () => {
  it('moves the reference trail into a new chain that verifies, signatures intact', async () => {
    const file = trailFile();
    const run = await append(file, `${REFERENCE.join('\n')}\n`, {'chain-id': 'moved'});
    expect(run).toEqual({code: 0, stderr: `aigc chain append: appended 40 artifacts to ${file} (chain moved, chain_index 0-39)\n`});
    const report = await verifyTrails([{file, source: file}], {signer: REFERENCE_KEY});
    expect(report.valid).toBe(true);
    expect(report.files[0].chains[0]).toMatchObject({chainId: 'moved', artifacts: 40, intact: 40, signaturesValid: 40});
  });

  it('continues the chain at the end of the file, as enforce --chain does', async () => {
    const file = trailFile();
    await append(file, `${pyJsonDumps(artifact(0))}\n`, {'chain-id': 'c'});
    const run = await append(file, `${pyJsonDumps(artifact(1))}\n${pyJsonDumps(artifact(2))}`);
    expect(run.stderr).toContain('(chain c, chain_index 1-2)');
    expect((await verifyTrails([{file, source: file}])).files[0].chains[0]).toMatchObject({artifacts: 3, intact: 3});
  });

  it('with a key, signs unsigned artifacts and refuses signed ones that do not verify', async () => {
    const file = trailFile();
    const forged = signArtifact(artifact(1), new HmacSigner('forger'));
    const genuine = signArtifact(artifact(2), new HmacSigner(KEY));
    const input = [artifact(0), forged, genuine].map((value) => pyJsonDumps(value)).join('\n');
    const run = await append(file, `${input}\n`, {'key-env': 'AIGC_KEY'});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('stdin:2: its signature does not verify with the given key; not appended');
    expect(run.stderr).toMatch(/appended 2 artifacts .*, 1 signed on the way; 1 refused/);
    const report = await verifyTrails([{file, source: file}], {signer: new HmacSigner(KEY)});
    expect(report.valid).toBe(true);
    expect(readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => (parseJson(line) as PyDict).context)).toEqual([
      {n: 0, x: expect.anything()},
      {n: 2, x: expect.anything()},
    ]);
  });

  it('refuses input that is not a JSON object, and goes on', async () => {
    const file = trailFile();
    const run = await append(file, `[1]\n{"a": \n${pyJsonDumps(artifact(0))}\n`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('stdin:1: not a JSON object; not appended');
    expect(run.stderr).toMatch(/stdin:2: the input is not valid JSON/);
    expect(run.stderr).toMatch(/appended 1 artifact .*; 2 refused/);
  });

  it('refuses to append after a damaged last line (exit 3)', async () => {
    const file = trailFile();
    await append(file, `${pyJsonDumps(artifact(0))}\n`);
    appendFileSync(file, '{"half":');
    await expect(append(file, `${pyJsonDumps(artifact(1))}\n`)).rejects.toMatchObject({exitCode: 3});
  });

  it('refuses to append after a last link whose chain id has a lone surrogate (exit 3, naming the file and the line)', async () => {
    const file = trailFile();
    await append(file, `${pyJsonDumps(artifact(0))}\n`);
    const size = readFileSync(file).length;
    appendFileSync(file, '{"chain_id": "\\ud800", "chain_index": 0, "previous_audit_checksum": null, "checksum": "ab"}\n');
    await expect(append(file, `${pyJsonDumps(artifact(1))}\n`)).rejects.toMatchObject({
      exitCode: 3,
      file,
      message: expect.stringContaining(`the line at byte ${size} has a chain_id with a lone surrogate`),
    });
  });

  it('refuses an artifact that cannot be recorded (NaN, a lone surrogate), and goes on', async () => {
    const file = trailFile();
    const run = await append(file, `{"a": NaN}\n{"b": "\\ud800"}\n${pyJsonDumps(artifact(0))}\n`);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('stdin:1: it cannot be recorded (Out of range float values are not JSON compliant); not appended');
    expect(run.stderr).toContain('stdin:2: it cannot be recorded (surrogates not allowed); not appended');
    expect(run.stderr).toMatch(/appended 1 artifact .*; 2 refused/);
    expect((await verifyTrails([{file, source: file}])).valid).toBe(true);
  });

  it('refuses an artifact that cannot be recorded with a key too (it cannot be signed)', async () => {
    const run = await append(trailFile(), '{"a": NaN}\n', {'key-env': 'AIGC_KEY'});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('stdin:1: it cannot be recorded');
  });
});
