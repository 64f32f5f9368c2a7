// Interop through the command line: what `aigc chain keygen`, `checkpoint`,
// `prove` and `consistency` write is checked by Go's sumdb/note (note.Open)
// and sumdb/tlog (tlog.CheckRecord, tlog.CheckTree), and what Go wrote is
// checked by `aigc chain verify --checkpoint`, `verify-proof` and
// `verify-consistency`. Skipped, saying why, without Go or its x/mod sources.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {aigc, type CliRun, tempFolder} from '../cli/command-line.js';
import {buildGoInterop, type GoRun, whyGoIsMissing} from './go-harness.js';

const skipped = whyGoIsMissing();
const ORIGIN = 'audit.example.com/payments';

describe.skipIf(skipped !== null)(`the aigc chain commands and Go's sumdb/note and sumdb/tlog${skipped === null ? '' : ` (skipped: ${skipped})`}`, () => {
  let folder: ReturnType<typeof tempFolder>;
  const at = (name: string) => join(folder.path, name);
  const run = (args: string[], input?: string): Promise<CliRun> => aigc(args, {cwd: folder.path, input});
  const lines = Array.from({length: 3000}, (_, n) => `{"audit_schema_version":"1.4","n":${n},"note":"naïve ${n}"}`);
  let go: GoRun;

  beforeAll(async () => {
    folder = tempFolder('aigc-go-cli-');
    go = buildGoInterop(folder.path);
    writeFileSync(at('trail.jsonl'), lines.map((line) => `${line}\n`).join(''));
    expect((await run(['chain', 'keygen', ORIGIN, '-o', 'log'])).code).toBe(0);
    for (const size of ['1000', '3000']) expect((await run(['chain', 'checkpoint', 'trail.jsonl', '--key-file', 'log.key', '--size', size, '-o', `cp${size}`])).code).toBe(0);
  }, 180_000);
  afterAll(() => folder.remove());

  it("Go's note.Open opens a checkpoint that aigc chain checkpoint signed with a key from aigc chain keygen", () => {
    expect(go('verify-checkpoint', at('log.pub'), at('cp3000'))).toMatchObject({ok: true, output: expect.stringMatching(new RegExp(`^ok ${ORIGIN} 3000 `))});
    writeFileSync(at('cp-changed'), readFileSync(at('cp3000'), 'utf8').replace('\n3000\n', '\n2999\n'));
    expect(go('verify-checkpoint', at('log.pub'), at('cp-changed')).ok).toBe(false);
  });

  it("Go's tlog.CheckRecord accepts the proofs of aigc chain prove, and not for another leaf", async () => {
    for (const index of [0, 1, 999, 1500, 2999]) {
      const proof = `proof${index}`;
      expect((await run(['chain', 'prove', 'trail.jsonl', '--index', String(index), '--checkpoint', 'cp3000', '-o', proof])).code).toBe(0);
      writeFileSync(at('leaf'), `${lines[index]}\n`);
      expect(go('check-inclusion', at('log.pub'), at(proof), at('leaf')), `leaf ${index}`).toEqual({ok: true, output: 'ok'});
      writeFileSync(at('leaf'), `${lines[(index + 1) % lines.length]}\n`);
      expect(go('check-inclusion', at('log.pub'), at(proof), at('leaf')).ok).toBe(false);
    }
  });

  it("Go's tlog.CheckTree accepts the proof of aigc chain consistency", async () => {
    expect((await run(['chain', 'consistency', 'trail.jsonl', '--from', 'cp1000', '--to', 'cp3000', '-o', 'consistency'])).code).toBe(0);
    expect(go('check-consistency', at('log.pub'), at('cp1000'), at('cp3000'), at('consistency'))).toEqual({ok: true, output: 'ok'});
  });

  it('aigc chain verify, verify-proof and verify-consistency accept what Go wrote, and find it changed', async () => {
    expect(go('make-log', 'go.example/log', folder.path, '500', '200', '0', '499')).toEqual({ok: true, output: 'ok'});
    const goLines = readFileSync(at('go-trail.jsonl'), 'utf8').split('\n');
    const verified = await run(['chain', 'verify', 'go-trail.jsonl', '--checkpoint', 'go-old.checkpoint', '--checkpoint', 'go-new.checkpoint', '--pubkey', 'go.pub', '--json']);
    expect(JSON.parse(verified.stdout).checkpoints.results.map((result: {ok: boolean}) => result.ok)).toEqual([true, true]);
    for (const index of [0, 499]) {
      expect((await run(['chain', 'verify-proof', `go-proof-${index}.tlog-proof`, '--pubkey', 'go.pub'], goLines[index])).code).toBe(0);
      expect((await run(['chain', 'verify-proof', `go-proof-${index}.tlog-proof`, '--pubkey', 'go.pub'], goLines[1])).code).toBe(1);
    }
    expect((await run(['chain', 'verify-consistency', '--pubkey', 'go.pub', 'go-old.checkpoint', 'go-new.checkpoint', 'go-consistency.txt'])).code).toBe(0);
    expect((await run(['chain', 'verify-consistency', '--pubkey', 'log.pub', 'go-old.checkpoint', 'go-new.checkpoint', 'go-consistency.txt'])).code).toBe(1);
  });
});
