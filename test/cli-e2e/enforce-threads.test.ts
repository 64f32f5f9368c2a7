// `aigc enforce --threads N` writes exactly the bytes one thread writes, in
// input order: on the conformance corpora (several batches each, decided by
// workers and by the main thread), signed, pretty, recorded, with a gate
// module and redaction patterns loaded again by every worker, from stdin and
// from --input; and with --chain, the same trail, continued where it ended.
import {cpSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {tempFolder} from '../cli/command-line.js';
import {REPO_ROOT, spawnAigc as aigc} from './cli.js';

const CORPORA = ['corpus-public', 'corpus-edges', 'corpus-wide'];
/** A guard against a hang, not a timing assertion: four runs of a few MiB at once take a while on a loaded 2-core machine. */
const RUN_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT_MS = RUN_TIMEOUT_MS + 30_000;

describe('aigc enforce on several threads', () => {
  const folder = tempFolder();
  afterAll(() => folder.remove());
  for (const corpus of CORPORA) cpSync(join(REPO_ROOT, 'test', 'data', corpus, 'policies'), join(folder.path, 'policies'), {recursive: true});
  // Every corpus twice over: a few MiB, so many batches go to the worker and some stay on the main thread.
  const invocations = Buffer.concat(CORPORA.flatMap((corpus) => Array(2).fill(readFileSync(join(REPO_ROOT, 'test', 'data', corpus, 'invocations.jsonl')))));
  const input = folder.file('invocations.jsonl', invocations);
  folder.file(
    'gates.mjs',
    `export default {name: 'no-secrets', insertionPoint: 'pre_output', evaluate: (invocation) => JSON.stringify(invocation.input ?? {}).includes('secret') ? {passed: false, failures: [{code: 'SECRET', message: 'secret in the input'}]} : {passed: true}};\n`,
  );
  const enforce = (args: string[], options: {stdin?: boolean} = {}) =>
    aigc(['enforce', '--now', '1700000000', ...(options.stdin ? [] : ['--input', input]), ...args], {
      cwd: folder.path,
      input: options.stdin ? invocations : undefined,
      env: {AIGC_TEST_KEY: 'threads-key'},
      timeoutMs: RUN_TIMEOUT_MS,
    });

  it('writes the artifacts one thread writes, byte for byte, in input order', async () => {
    expect(invocations.length).toBeGreaterThan(1024 * 1024);
    const [one, two, three, piped] = await Promise.all([enforce([]), enforce(['--threads', '2']), enforce(['--threads', '3']), enforce(['--threads', '2'], {stdin: true})]);
    expect(one.code).toBe(1);
    expect(one.stdout.split('\n').length).toBeGreaterThan(2000);
    for (const run of [two, three, piped]) {
      expect([run.code, run.stderr]).toEqual([1, '']);
      expect(run.stdout).toBe(one.stdout);
    }
  }, TEST_TIMEOUT_MS);

  it('signs, indents, records, gates and redacts as one thread does', async () => {
    const flags = ['--key-env', 'AIGC_TEST_KEY', '--pretty', '--gate', './gates.mjs', '--redact', 'digits=\\d{3,}'];
    const [one, two] = await Promise.all([
      enforce([...flags, '--record', 'one.records.jsonl']),
      enforce([...flags, '--record', 'two.records.jsonl', '--threads', '2']),
    ]);
    expect(one.code).toBe(1);
    expect([two.code, two.stderr]).toEqual([1, '']);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stdout).toContain('"signature": "');
    const records = readFileSync(join(folder.path, 'one.records.jsonl'), 'utf8');
    expect(records.length).toBeGreaterThan(invocations.length);
    expect(readFileSync(join(folder.path, 'two.records.jsonl'), 'utf8')).toBe(records);
  }, TEST_TIMEOUT_MS);

  it('chains as one thread does: the same trail, output and records, continuing the chain the trail ends with', async () => {
    // Both trails start with the same chain of a few artifacts (its id from the file), which both runs continue.
    const start = await enforce(['--chain', 'start.jsonl', '--threads', '2'], {stdin: true});
    expect([start.code, start.stderr]).toEqual([1, '']);
    const started = readFileSync(join(folder.path, 'start.jsonl'));
    for (const name of ['one', 'two', 'signed-one', 'signed-two']) writeFileSync(join(folder.path, `${name}.trail.jsonl`), started);
    const chained = (name: string, extra: string[]) => enforce(['--chain', `${name}.trail.jsonl`, '--record', `${name}.records.jsonl`, ...extra]);
    const signed = ['--key-env', 'AIGC_TEST_KEY', '--pretty'];
    const [one, two, signedOne, signedTwo] = await Promise.all([
      chained('one', []),
      chained('two', ['--threads', '2']),
      chained('signed-one', signed),
      chained('signed-two', [...signed, '--threads', '3']),
    ]);
    for (const [single, threaded, name] of [
      [one, two, 'two'],
      [signedOne, signedTwo, 'signed-two'],
    ] as const) {
      expect(single.code).toBe(1);
      expect([threaded.code, threaded.stderr]).toEqual([1, '']);
      expect(threaded.stdout).toBe(single.stdout);
      const singleName = name.replace('two', 'one');
      const trail = readFileSync(join(folder.path, `${name}.trail.jsonl`), 'utf8');
      expect(trail).toBe(readFileSync(join(folder.path, `${singleName}.trail.jsonl`), 'utf8'));
      expect(trail.split('\n').length - 1).toBe(2 * (started.toString('utf8').split('\n').length - 1));
      expect(readFileSync(join(folder.path, `${name}.records.jsonl`), 'utf8')).toBe(readFileSync(join(folder.path, `${singleName}.records.jsonl`), 'utf8'));
    }
    expect(signedTwo.stdout).toContain('"checksum": "');
    // The chain it continued was unsigned.
    const verified = await aigc(['chain', 'verify', join(folder.path, 'signed-two.trail.jsonl'), '--key-env', 'AIGC_TEST_KEY', '--allow-unsigned'], {
      cwd: folder.path,
      env: {AIGC_TEST_KEY: 'threads-key'},
      timeoutMs: RUN_TIMEOUT_MS,
    });
    expect([verified.code, verified.stderr]).toEqual([0, '']);
  }, TEST_TIMEOUT_MS);
});
