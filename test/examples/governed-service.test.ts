// examples/governed-service: the service type-checks against the built
// package, answers PASS and refuses FAIL requests, and leaves a trail in which
// every artifact is signed and hash-chained.
import {type ChildProcess, execFile, spawn} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {recomputeChecksum} from '../../src/audit/chain.js';
import {HmacSigner, verifyArtifact} from '../../src/audit/signing.js';
import {parseJson} from '../../src/canonical/json.js';
import type {PyDict} from '../../src/python/values.js';
import {REPO_ROOT, spawnAigc as aigc} from '../cli-e2e/cli.js';

const EXAMPLE = join(REPO_ROOT, 'examples', 'governed-service');
const KEY = 'governed-service-test-key';
const run = promisify(execFile);

const dir = mkdtempSync(join(tmpdir(), 'aigc-governed-service-'));
const trailFile = join(dir, 'audit.jsonl');
let service: ChildProcess;
let baseUrl: string;

/** Starts the service on an ephemeral port and resolves with its address, read from its first line. */
function startService(): Promise<string> {
  service = spawn(process.execPath, ['--import', 'tsx', join(EXAMPLE, 'service.ts')], {
    cwd: REPO_ROOT,
    env: {...process.env, AIGC_AUDIT_KEY: KEY, AUDIT_TRAIL: trailFile, PORT: '0'},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  service.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    createInterface({input: service.stdout!}).once('line', (line) => resolve(line.replace('listening on ', '')));
    service.once('exit', (code) => reject(new Error(`the service exited (${code}): ${stderr}`)));
  });
}

async function ask(body: unknown): Promise<{status: number; body: PyDict}> {
  const response = await fetch(`${baseUrl}/answer`, {method: 'POST', body: JSON.stringify(body)});
  return {status: response.status, body: (await response.json()) as PyDict};
}

const customer = {customer_verified: true, ticket_id: 'TCK-000123'};

beforeAll(async () => {
  baseUrl = await startService();
}, 60000);

afterAll(() => {
  if (service.exitCode === null) service.kill('SIGTERM');
});

describe.sequential('examples/governed-service', () => {
  it('type-checks against the built package', async () => {
    const result = await run(process.execPath, [join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', EXAMPLE]).catch(
      (error) => error,
    );
    expect(result.stdout ?? '').toBe('');
  }, 60000);

  it('answers a verified customer', async () => {
    const reply = await ask({question: 'Where is my order?', ...customer});
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({answer: 'Ticket noted. About "Where is my order?": it ships today.', confidence: 0.9});
  });

  it('refuses an unverified customer before calling the model', async () => {
    const reply = await ask({question: 'Where is my order?', customer_verified: false, ticket_id: 'TCK-000123'});
    expect(reply).toEqual({status: 403, body: {error: 'PRECONDITION_FAILED', gate: 'precondition_validation'}});
  });

  it("refuses an answer the policy's output schema does not allow", async () => {
    const reply = await ask({question: 'ramble on', ...customer});
    expect(reply).toEqual({status: 403, body: {error: 'OUTPUT_SCHEMA_VALIDATION_ERROR', gate: 'schema_validation'}});
  });

  it('reports a failing model call as such', async () => {
    expect(await ask({question: 'crash now', ...customer})).toEqual({status: 502, body: {error: 'the model call failed'}});
  });

  it('records every decision in one signed hash chain', async () => {
    service.kill('SIGTERM');
    await new Promise((resolve) => (service.exitCode === null ? service.once('exit', resolve) : resolve(null)));
    const links = readFileSync(trailFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => parseJson(line) as PyDict);
    expect(links.map((link) => [link.enforcement_result, link.failure_gate])).toEqual([
      ['PASS', null],
      ['FAIL', 'precondition_validation'],
      ['FAIL', 'schema_validation'],
      ['FAIL', 'wrapped_function_error'],
    ]);
    const signer = new HmacSigner(KEY);
    links.forEach((link, index) => {
      expect(link.chain_id).toBe(links[0].chain_id);
      expect(link.chain_index).toBe(index);
      expect(link.previous_audit_checksum).toBe(index === 0 ? null : links[index - 1].checksum);
      expect(recomputeChecksum(link)).toBe(link.checksum);
      expect(verifyArtifact(link, signer)).toBe(true);
    });
  });

  it('passes aigc chain verify with the key', async () => {
    const result = await aigc(['chain', 'verify', trailFile, '--key-env', 'AIGC_AUDIT_KEY'], {env: {AIGC_AUDIT_KEY: KEY}});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});
