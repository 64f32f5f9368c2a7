// The transparency-log commands as a log operator, an auditor and a witness
// use them: keys, checkpoints, inclusion and consistency proofs, witnessing,
// and every tampering found with exit 1 and its stable code.
import {spawnSync} from 'node:child_process';
import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openCheckpoint} from '../../src/audit/tlog/checkpoint.js';
import {parseSignerKey, parseVerifierKey} from '../../src/audit/tlog/keys.js';
import {aigc, type CliRun, EXAMPLE_INVOCATIONS, expectOneLineError, tempFolder} from './command-line.js';

const ORIGIN = 'audit.example.com/payments';
const HAS_MKFIFO = spawnSync('mkfifo', ['--version']).status === 0;
const artifact = (n: number) => `{"audit_schema_version":"1.4","n":${n},"note":"café ☃ ${n}"}`;
/** The lines of trail.jsonl: 40 artifacts in one hash chain (chain append), so chain verify finds no problem in it. */
let LINES: string[];

let dir: string;
const at = (name: string) => join(dir, name);
const read = (name: string) => readFileSync(at(name), 'utf8');
const write = (name: string, contents: string) => writeFileSync(at(name), contents);
const run = (args: string[], input?: string): Promise<CliRun> => aigc(args, {cwd: dir, input});

/** The one-line failure on stderr, its exit code, and nothing on stdout. */
function failed(result: CliRun, code: number, pattern: RegExp | string): void {
  expectOneLineError(result, code, pattern);
  expect(result.stdout).toBe('');
}

let folder: ReturnType<typeof tempFolder>;
afterAll(() => folder.remove());

beforeAll(async () => {
  folder = tempFolder('aigc-tlog-');
  dir = folder.path;
  const appended = await run(['chain', 'append', 'trail.jsonl', '--durability', 'none'], Array.from({length: 40}, (_, n) => `${artifact(n)}\n`).join(''));
  expect(appended.code).toBe(0);
  LINES = read('trail.jsonl').trimEnd().split('\n');
  expect((await run(['chain', 'keygen', ORIGIN, '-o', 'log'])).code).toBe(0);
  expect((await run(['chain', 'keygen', 'other.example.com/log', '-o', 'other'])).code).toBe(0);
  expect((await run(['chain', 'keygen', ORIGIN, '-o', 'impostor'])).code).toBe(0);
  expect((await run(['chain', 'checkpoint', 'trail.jsonl', '--key-file', 'log.key', '--size', '25', '-o', 'cp25'])).code).toBe(0);
  expect((await run(['chain', 'checkpoint', 'trail.jsonl', '--key-file', 'log.key', '-o', 'cp40'])).code).toBe(0);
});

describe('aigc chain keygen', () => {
  it('writes the signer key with mode 0600 and the verifier key, printing only the verifier key', async () => {
    const result = await run(['chain', 'keygen', 'keys.example/log', '-o', 'fresh']);
    const signer = read('fresh.key');
    const verifier = read('fresh.pub');
    expect(result).toEqual({code: 0, stdout: verifier, stderr: expect.stringContaining('wrote fresh.key')});
    expect(statSync(at('fresh.key')).mode & 0o777).toBe(0o600);
    expect(parseSignerKey(signer.trimEnd()).verifierKey).toBe(verifier.trimEnd());
    expect(parseVerifierKey(verifier.trimEnd())).toMatchObject({name: 'keys.example/log', type: 'ed25519'});
    // The secret is what follows PRIVATE+KEY+name+id+ (base64 may hold '+' itself).
    const secret = signer.trimEnd().split('+').slice(4).join('+');
    expect(secret).toMatch(/^[A-Za-z0-9+/]{44}$/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(secret);
  });

  it('never overwrites a key (exit 3), leaving both files as they were', async () => {
    const before = [read('log.key'), read('log.pub')];
    failed(await run(['chain', 'keygen', ORIGIN, '-o', 'log']), 3, /^aigc chain keygen: log\.key: key-exists: /);
    expect([read('log.key'), read('log.pub')]).toEqual(before);
  });

  it('refuses a name with a space (exit 2)', async () => {
    failed(await run(['chain', 'keygen', 'audit example', '-o', 'spaced']), 2, 'the key name "audit example" must be non-empty, without spaces or +');
  });

  it('makes a witness key with --witness', async () => {
    const result = await run(['chain', 'keygen', 'witness.example', '--witness', '-o', 'keygen-witness']);
    expect(result.code).toBe(0);
    expect(parseVerifierKey(result.stdout.trimEnd())).toMatchObject({name: 'witness.example', type: 'cosignature/v1'});
  });
});

describe('aigc chain checkpoint', () => {
  it("signs the trail's size and root with the key named as the origin", async () => {
    const result = await run(['chain', 'checkpoint', 'trail.jsonl', '--key-file', 'log.key']);
    expect(result).toEqual({code: 0, stdout: read('cp40'), stderr: ''});
    expect(openCheckpoint(result.stdout, [parseVerifierKey(read('log.pub').trimEnd())]).checkpoint).toMatchObject({origin: ORIGIN, size: 40});
    expect(openCheckpoint(read('cp25'), [parseVerifierKey(read('log.pub').trimEnd())]).checkpoint.size).toBe(25);
  });

  it('leaves out a last line without its newline, saying so', async () => {
    write('unfinished.jsonl', `${LINES[0]}\n${LINES[1]}`);
    const result = await run(['chain', 'checkpoint', 'unfinished.jsonl', '--key-file', 'log.key']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toBe('1');
    expect(result.stderr).toBe(`aigc chain checkpoint: unfinished.jsonl: its last line (${Buffer.byteLength(LINES[1])} bytes) has no newline yet; it is not in the checkpoint\n`);
  });

  it('refuses a size beyond the trail (exit 1), a missing trail (3) and a public key as the signer key (3)', async () => {
    failed(await run(['chain', 'checkpoint', 'trail.jsonl', '--key-file', 'log.key', '--size', '41']), 1, 'trail-too-short: trail.jsonl has 40 leaves; the checkpoint is of 41');
    failed(await run(['chain', 'checkpoint', 'missing.jsonl', '--key-file', 'log.key']), 3, 'aigc chain checkpoint: missing.jsonl: cannot read the trail: no such file (ENOENT)');
    failed(await run(['chain', 'checkpoint', 'trail.jsonl', '--key-file', 'log.pub']), 3, 'aigc chain checkpoint: log.pub: malformed-key: the signer key does not start with PRIVATE+KEY+');
  });
});

describe('aigc chain prove and aigc chain verify-proof', () => {
  beforeAll(async () => {
    expect((await run(['chain', 'prove', 'trail.jsonl', '--index', '17', '--checkpoint', 'cp25', '-o', 'proof17'])).code).toBe(0);
    write('artifact17', `${LINES[17]}\n`);
  });

  it('proves a leaf in the tlog-proof@v1 text, the checkpoint last', () => {
    const proof = read('proof17');
    expect(proof.startsWith('c2sp.org/tlog-proof@v1\nindex 17\n')).toBe(true);
    expect(proof.endsWith(`\n\n${read('cp25')}`)).toBe(true);
  });

  it('verifies the proof offline with only the public key, from a file or stdin', async () => {
    const fromFile = await run(['chain', 'verify-proof', 'proof17', '--pubkey', 'log.pub', 'artifact17']);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toMatch(new RegExp(`^proof17: verified: leaf 17 is in the tree of 25 leaves of the log ${ORIGIN}, root \\S+, signed by ${ORIGIN}\\+[0-9a-f]{8}\\n$`));
    const fromStdin = await run(['chain', 'verify-proof', 'proof17', '--pubkey', 'log.pub', '--json'], LINES[17]);
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({formatVersion: 1, kind: 'inclusion', ok: true, failure: null, origin: ORIGIN, size: 25, index: 17});
  });

  it('finds the leaf by the checksum field with --checksum', async () => {
    write('checksummed.jsonl', ['{"checksum":"aa"}', `{"checksum":"${'b'.repeat(64)}","n":1}`, '{"n":2}'].map((line) => `${line}\n`).join(''));
    expect((await run(['chain', 'checkpoint', 'checksummed.jsonl', '--key-file', 'log.key', '-o', 'checksummed.cp'])).code).toBe(0);
    const proof = await run(['chain', 'prove', 'checksummed.jsonl', '--checksum', 'B'.repeat(64), '--checkpoint', 'checksummed.cp']);
    expect(proof.stdout.split('\n')[1]).toBe('index 1');
    failed(await run(['chain', 'prove', 'checksummed.jsonl', '--checksum', 'c'.repeat(64), '--checkpoint', 'checksummed.cp']), 1, /leaf-not-found: no artifact with checksum c{64}/);
  });

  /** verify-proof on a changed proof or artifact: exit 1 and the code in both formats. */
  async function refused(proof: string, artifactLine: string, code: string, pubkey = 'log.pub'): Promise<void> {
    write('changed.proof', proof);
    const text = await run(['chain', 'verify-proof', 'changed.proof', '--pubkey', pubkey], artifactLine);
    expect({code: text.code, stderr: text.stderr}).toEqual({code: 1, stderr: ''});
    expect(text.stdout).toMatch(new RegExp(`^changed\\.proof: FAILED: ${code}: .+\\n$`));
    const json = JSON.parse((await run(['chain', 'verify-proof', 'changed.proof', '--pubkey', pubkey, '--json'], artifactLine)).stdout);
    expect(json).toMatchObject({ok: false, failure: {code}});
  }

  it('finds a changed artifact, another index, a changed hash and a truncated proof', async () => {
    const proof = read('proof17');
    await refused(proof, LINES[17].replace('"n":17', '"n":18'), 'root-mismatch');
    await refused(proof, LINES[18], 'root-mismatch');
    await refused(proof.replace('index 17', 'index 16'), LINES[17], 'root-mismatch');
    const lines = proof.split('\n');
    const changed = [...lines];
    changed[2] = `${changed[2][0] === 'A' ? 'B' : 'A'}${changed[2].slice(1)}`;
    await refused(changed.join('\n'), LINES[17], 'root-mismatch');
    await refused(proof.slice(0, proof.indexOf('\n\n')), LINES[17], 'malformed-proof');
    await refused([...lines.slice(0, 3), ...lines.slice(4)].join('\n'), LINES[17], 'malformed-proof');
    await refused(proof.replace('index 17', 'index 25'), LINES[17], 'index-out-of-range');
  });

  it('says plainly that no artifact was given for an empty stdin, an empty file or a blank line (no-artifact, exit 1)', async () => {
    const proof = read('proof17');
    await refused(proof, '', 'no-artifact');
    await refused(proof, ' \r\n', 'no-artifact');
    write('empty.json', '');
    const fromFile = await run(['chain', 'verify-proof', 'proof17', '--pubkey', 'log.pub', 'empty.json']);
    expect(fromFile.code).toBe(1);
    expect(fromFile.stdout).toBe('proof17: FAILED: no-artifact: no artifact was given: it is empty (no bytes, or a blank line); give the artifact exactly as it stands in the trail, e.g. sed -n 138p trail.jsonl > artifact.json\n');
  });

  it('finds a checkpoint signed by another key, or of another log, or changed after signing (its size or origin)', async () => {
    const proof = read('proof17');
    await refused(proof, LINES[17], 'unknown-key', 'impostor.pub');
    await refused(proof, LINES[17], 'unknown-key', 'other.pub');
    await refused(proof.replace(`\n\n${ORIGIN}\n25\n`, `\n\n${ORIGIN}\n24\n`), LINES[17], 'bad-signature');
    await refused(proof.replace(`\n\n${ORIGIN}\n`, '\n\nunknown.example/log\n'), LINES[17], 'bad-signature');
  });

  it('does not prove against a checkpoint of another log or a rewritten trail (exit 1)', async () => {
    write('another.jsonl', LINES.slice(1).map((line) => `${line}\n`).join(''));
    failed(await run(['chain', 'prove', 'another.jsonl', '--index', '3', '--checkpoint', 'cp25']), 1, /^aigc chain prove: another\.jsonl: root-mismatch: the first 25 leaves of another\.jsonl do not have the checkpoint's root/);
  });

  it('says which usage is wrong (exit 2) and which file cannot be read (exit 3)', async () => {
    failed(await run(['chain', 'prove', 'trail.jsonl', '--checkpoint', 'cp25']), 2, 'say which artifact to prove: --index I or --checksum HEX');
    failed(await run(['chain', 'prove', 'trail.jsonl', '--index', '1', '--checksum', 'ab', '--checkpoint', 'cp25']), 2, 'give either --index or --checksum, not both');
    failed(await run(['chain', 'prove', 'trail.jsonl', '--index', '1', '--checkpoint', 'nope']), 3, 'aigc chain prove: nope: cannot read the checkpoint: no such file (ENOENT)');
    failed(await run(['chain', 'prove', 'trail.jsonl', '--index', '1', '--checkpoint', 'trail.jsonl']), 1, /^aigc chain prove: trail\.jsonl: malformed-checkpoint: /);
    failed(await run(['chain', 'verify-proof', 'proof17', '--pubkey', 'log.key'], LINES[17]), 3, /^aigc chain verify-proof: log\.key: malformed-key: /);
    failed(await run(['chain', 'verify-proof', '-', '--pubkey', 'log.pub', '-']), 2, 'stdin (-) can be read only once');
  });
});

describe('aigc chain verify --checkpoint', () => {
  const lines40 = () => LINES.map((line) => `${line}\n`);

  async function verify(trailLines: string[], checkpoints: string[], pubkey = 'log.pub'): Promise<CliRun> {
    write('verified.jsonl', trailLines.join(''));
    return run(['chain', 'verify', 'verified.jsonl', ...checkpoints.flatMap((cp) => ['--checkpoint', cp]), '--pubkey', pubkey, '--json']);
  }

  /** The checkpoints' codes (null: verified) in the JSON report. */
  const codes = (result: CliRun) => (JSON.parse(result.stdout) as {checkpoints: {results: {code: string | null}[]}}).checkpoints.results.map((result) => result.code);

  it('accepts a trail that only grew since its checkpoints', async () => {
    const result = await verify([...lines40(), `${artifact(40)}\n`], ['cp25', 'cp40']);
    expect(codes(result)).toEqual([null, null]);
    expect(JSON.parse(result.stdout).checkpoints).toMatchObject({file: 'verified.jsonl', leavesRead: 40});
  });

  it('finds a line changed, removed, inserted or reordered before the checkpointed size', async () => {
    const changed = lines40();
    changed[30] = changed[30].replace('café', 'cafe');
    const removed = lines40().filter((_, n) => n !== 30);
    const inserted = [...lines40().slice(0, 30), `${artifact(99)}\n`, ...lines40().slice(30)];
    const reordered = lines40();
    [reordered[10], reordered[11]] = [reordered[11], reordered[10]];
    for (const trail of [changed, removed, inserted, reordered]) {
      const result = await verify(trail, ['cp25', 'cp40']);
      expect(result.code).toBe(1);
      expect(codes(result)).toEqual([trail === reordered ? 'root-mismatch' : null, trail === removed ? 'trail-too-short' : 'root-mismatch']);
    }
  });

  it('finds a trail shorter than the checkpoint, another key, a changed signature and a malformed checkpoint', async () => {
    expect(codes(await verify(lines40().slice(0, 30), ['cp40']))).toEqual(['trail-too-short']);
    expect(codes(await verify(lines40(), ['cp40'], 'impostor.pub'))).toEqual(['unknown-key']);
    write('cp-resigned', read('cp40').replace('\n40\n', '\n39\n'));
    write('cp-broken', 'not a checkpoint\n');
    expect(codes(await verify(lines40(), ['cp-resigned', 'cp-broken']))).toEqual(['bad-signature', 'malformed-checkpoint']);
  });

  it('says in the text report which checkpoint verified and which did not', async () => {
    const result = await run(['chain', 'verify', 'trail.jsonl', '--checkpoint', 'cp25', '--checkpoint', 'cp-broken', '--pubkey', 'log.pub']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`checkpoint cp25: verified: the first 25 leaves have its root `);
    expect(result.stdout).toContain('checkpoint cp-broken: malformed-checkpoint: ');
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('FAILED: 0 problems in 1 file; 1 of 2 checkpoints not verified');
  });

  it('refuses --checkpoint without --pubkey, with several files or stdin, and --pubkey alone (exit 2)', async () => {
    failed(await run(['chain', 'verify', 'trail.jsonl', '--checkpoint', 'cp25']), 2, "--checkpoint needs --pubkey, the log's verifier key");
    failed(await run(['chain', 'verify', 'trail.jsonl', 'trail.jsonl', '--checkpoint', 'cp25', '--pubkey', 'log.pub']), 2, /give exactly one FILE/);
    failed(await run(['chain', 'verify', 'trail.jsonl', '--pubkey', 'log.pub']), 2, '--pubkey, --witness and --quorum need --checkpoint');
  });
});

describe('aigc chain consistency and aigc chain verify-consistency', () => {
  beforeAll(async () => {
    expect((await run(['chain', 'consistency', 'trail.jsonl', '--from', 'cp25', '--to', 'cp40', '-o', 'c25-40'])).code).toBe(0);
  });

  it('proves and verifies offline that the newer tree extends the older one', async () => {
    expect(read('c25-40').startsWith('aigc.dev/tlog-consistency-proof@v1\nold 25\n')).toBe(true);
    const result = await run(['chain', 'verify-consistency', '--pubkey', 'log.pub', 'cp25', 'cp40', 'c25-40', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({kind: 'consistency', ok: true, oldSize: 25, size: 40, origin: ORIGIN});
  });

  it('makes no proof across a rewrite (exit 1)', async () => {
    write('rewritten.jsonl', LINES.map((line, n) => `${n === 3 ? artifact(300) : line}\n`).join(''));
    expect((await run(['chain', 'checkpoint', 'rewritten.jsonl', '--key-file', 'log.key', '-o', 'cp-rewritten'])).code).toBe(0);
    failed(await run(['chain', 'consistency', 'rewritten.jsonl', '--from', 'cp25', '--to', 'cp-rewritten']), 1, /inconsistent-trees: the first 25 leaves of rewritten\.jsonl no longer have the older checkpoint's root/);
  });

  it('finds a proof between other checkpoints, a changed hash, another log and a rewritten newer tree', async () => {
    const check = async (old: string, newer: string, proof: string, pubkey = 'log.pub') => {
      write('c.proof', proof);
      const result = await run(['chain', 'verify-consistency', '--pubkey', pubkey, old, newer, 'c.proof']);
      expect(result.code).toBe(1);
      return result.stdout.match(/FAILED: ([a-z-]+):/)?.[1];
    };
    const proof = read('c25-40');
    expect(await check('cp40', 'cp40', proof)).toBe('checkpoint-mismatch');
    expect(await check('cp25', 'cp-rewritten', proof)).toBe('checkpoint-mismatch');
    const lines = proof.split('\n');
    lines[2] = `${lines[2][0] === 'A' ? 'B' : 'A'}${lines[2].slice(1)}`;
    expect(await check('cp25', 'cp40', lines.join('\n'))).toBe('inconsistent-trees');
    expect(await check('cp25', 'cp40', proof, 'other.pub')).toBe('unknown-key');
    const honest = await run(['chain', 'consistency', 'trail.jsonl', '--from', 'cp25', '--to', 'cp40']);
    expect(await check('cp25', 'cp-rewritten', honest.stdout.replace(read('cp40'), read('cp-rewritten')))).toBe('inconsistent-trees');
  });
});

describe('aigc chain cosign, and witnesses in the verifiers', () => {
  beforeAll(async () => {
    expect((await run(['chain', 'keygen', 'witness.example', '--witness', '-o', 'witness'])).code).toBe(0);
    expect((await run(['chain', 'keygen', 'second.example', '--witness', '-o', 'second'])).code).toBe(0);
  });

  it('cosigns from the empty tree, then only a checkpoint consistent with the last one it cosigned', async () => {
    const first = await run(['chain', 'consistency', 'trail.jsonl', '--to', 'cp25', '-o', 'request25']);
    expect(first.code).toBe(0);
    const cosign = (request: string) => run(['chain', 'cosign', request, '--key-file', 'witness.key', '--pubkey', 'log.pub', '--state', 'witness.state']);
    const at25 = await cosign('request25');
    expect(at25.code).toBe(0);
    expect(at25.stdout.startsWith(read('cp25'))).toBe(true);
    expect(at25.stdout.split('\n').filter((line) => line.startsWith('— witness.example '))).toHaveLength(1);
    expect(read('witness.state')).toBe(at25.stdout);
    failed(await cosign('request25'), 1, /^aigc chain cosign: witness\.state: witness-conflict: the witness last cosigned "audit\.example\.com\/payments" at 25 leaves; the proof is from 0$/);
    expect((await run(['chain', 'consistency', 'trail.jsonl', '--from', 'witness.state', '--to', 'cp40', '-o', 'request40'])).code).toBe(0);
    const at40 = await run(['chain', 'cosign', 'request40', '--key-file', 'witness.key', '--pubkey', 'log.pub', '--state', 'witness.state', '-o', 'cp40-cosigned']);
    expect(at40).toMatchObject({code: 0, stdout: ''});
    expect(read('witness.state')).toBe(read('cp40-cosigned'));
  });

  it('refuses a rewritten log (exit 1), a log key it does not trust (1) and a log key as the witness key (3)', async () => {
    write('request-rewritten', read('c25-40').replace(read('cp40'), read('cp-rewritten')));
    const cosign = (request: string, key: string, pubkey: string) => run(['chain', 'cosign', request, '--key-file', key, '--pubkey', pubkey, '--state', 'other.state']);
    write('other.state', '');
    expect((await run(['chain', 'consistency', 'trail.jsonl', '--to', 'cp25', '-o', 'other-request'])).code).toBe(0);
    failed(await cosign('other-request', 'witness.key', 'other.pub'), 1, /unknown-key/);
    failed(await cosign('other-request', 'log.key', 'log.pub'), 3, /malformed-key: .* is not a witness key/);
    failed(await run(['chain', 'cosign', 'other-request', '--key-file', 'witness.key', '--state', 's']), 2, /--pubkey is needed/);
  });

  it('dates the cosignature by --now, so two witnesses in the same state cosign the same bytes', async () => {
    const cosign = (state: string, now: string) => run(['chain', 'cosign', 'request25', '--key-file', 'witness.key', '--pubkey', 'log.pub', '--state', state, '--now', now]);
    const first = await cosign('dated-a.state', '2026-01-02T03:04:05Z');
    expect(first.code, first.stderr).toBe(0);
    expect((await cosign('dated-b.state', '1767323045')).stdout).toBe(first.stdout);
    const verified = await run(['chain', 'verify', 'trail.jsonl', '--checkpoint', 'dated-a.state', '--pubkey', 'log.pub', '--witness', 'witness.pub', '--json']);
    expect(JSON.parse(verified.stdout).checkpoints.results[0].cosignatures).toEqual([expect.objectContaining({name: 'witness.example', timestamp: 1767323045})]);
    failed(await cosign('dated-c.state', '1969-12-31T23:59:59Z'), 2, "--now must not be before 1970 for a cosignature timestamp, got '1969-12-31T23:59:59Z'");
  });

  it.skipIf(!HAS_MKFIFO)(`refuses a --state that is a named pipe at once, without opening it (exit 3)${HAS_MKFIFO ? '' : ' (skipped: mkfifo is not installed)'}`, async () => {
    expect(spawnSync('mkfifo', [at('fifo.state')]).status).toBe(0);
    failed(
      await run(['chain', 'cosign', 'request25', '--key-file', 'witness.key', '--pubkey', 'log.pub', '--state', 'fifo.state']),
      3,
      'aigc chain cosign: fifo.state: cannot use the witness state: it is a named pipe, not a regular file',
    );
    mkdirSync(at('folder.state'));
    failed(await run(['chain', 'cosign', 'request25', '--key-file', 'witness.key', '--pubkey', 'log.pub', '--state', 'folder.state']), 3, 'cannot use the witness state: it is a folder, not a file');
  });

  it('verifies a quorum of witnesses in chain verify and verify-proof, and finds one missing', async () => {
    const verify = (...witnessFlags: string[]) => run(['chain', 'verify', 'trail.jsonl', '--checkpoint', 'cp40-cosigned', '--pubkey', 'log.pub', ...witnessFlags, '--json']);
    const both = ['--witness', 'witness.pub', '--witness', 'second.pub'];
    const one = await verify(...both, '--quorum', '1');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).checkpoints.results[0].cosignatures).toEqual([expect.objectContaining({name: 'witness.example'})]);
    const all = await verify(...both);
    expect({code: all.code, failure: JSON.parse(all.stdout).checkpoints.results[0].code}).toEqual({code: 1, failure: 'quorum-not-met'});
    failed(await verify(...both, '--quorum', '3'), 2, '--quorum 3 is more than the 2 witness key(s) given');

    expect((await run(['chain', 'prove', 'trail.jsonl', '--index', '39', '--checkpoint', 'cp40-cosigned', '-o', 'proof39'])).code).toBe(0);
    const proven = await run(['chain', 'verify-proof', 'proof39', '--pubkey', 'log.pub', '--witness', 'witness.pub'], LINES[39]);
    expect(proven.code).toBe(0);
    expect(proven.stdout).toMatch(/\n {2}cosigned by witness witness\.example\+[0-9a-f]{8} at \d{4}-\d\d-\d\dT/);
    const unwitnessed = await run(['chain', 'verify-proof', 'proof17', '--pubkey', 'log.pub', '--witness', 'witness.pub'], LINES[17]);
    expect(unwitnessed).toMatchObject({code: 1, stdout: expect.stringContaining('FAILED: quorum-not-met: ')});
  });
});

describe('enforce --chain and chain append with --checkpoint-key', () => {
  const verifyWithCheckpoint = (trail: string) => run(['chain', 'verify', trail, '--checkpoint', `${trail}.checkpoint`, '--pubkey', 'log.pub', '--json']);

  it('chain append keeps TRAIL.checkpoint signed and current as the trail grows', async () => {
    const input = (from: number, to: number) => Array.from({length: to - from}, (_, n) => `${artifact(from + n)}\n`).join('');
    const first = await run(['chain', 'append', 'appended.jsonl', '--checkpoint-key', 'log.key', '--checkpoint-every', '3'], input(0, 7));
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('aigc chain append: signed checkpoint of 7 leaves in appended.jsonl.checkpoint\n');
    expect((await run(['chain', 'append', 'appended.jsonl', '--checkpoint-key', 'log.key'], input(7, 12))).code).toBe(0);
    const result = await verifyWithCheckpoint('appended.jsonl');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).checkpoints.results[0]).toMatchObject({ok: true, origin: ORIGIN, size: 12});
  });

  it('enforce --chain writes the checkpoint of what it chained, which then proves any artifact', async () => {
    const invocations = readFileSync(EXAMPLE_INVOCATIONS, 'utf8');
    const trail = at('enforced.jsonl');
    const enforced = await aigc(['enforce', '--chain', trail, '--checkpoint-key', at('log.key'), '--checkpoint-every', '4', '--now', '1700000000'], {input: invocations});
    expect(enforced.code).toBe(1);
    const count = enforced.stdout.trimEnd().split('\n').length;
    expect(JSON.parse((await verifyWithCheckpoint('enforced.jsonl')).stdout).checkpoints.results[0]).toMatchObject({ok: true, size: count});
    expect((await run(['chain', 'prove', 'enforced.jsonl', '--index', String(count - 1), '--checkpoint', 'enforced.jsonl.checkpoint', '-o', 'enforced.proof'])).code).toBe(0);
    const last = read('enforced.jsonl').trimEnd().split('\n').pop();
    expect((await run(['chain', 'verify-proof', 'enforced.proof', '--pubkey', 'log.pub'], last)).code).toBe(0);
  });

  it('appends everything even when the checkpoint cannot be written, then exits 3 naming it', async () => {
    mkdirSync(at('blocked.jsonl.checkpoint'));
    const result = await run(['chain', 'append', 'blocked.jsonl', '--checkpoint-key', 'log.key'], `${artifact(0)}\n${artifact(1)}\n`);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^aigc chain append: cannot write the checkpoint blocked\.jsonl\.checkpoint: .*\naigc chain append: blocked\.jsonl\.checkpoint: cannot write the checkpoint \(E[A-Z]+\)\n$/);
    expect(read('blocked.jsonl').trimEnd().split('\n')).toHaveLength(2);
  });

  it('checks the key before reading any input: a bad key is exit 3 and nothing is chained', async () => {
    failed(await run(['chain', 'append', 'never.jsonl', '--checkpoint-key', 'log.pub'], `${artifact(0)}\n`), 3, /^aigc chain append: log\.pub: malformed-key: /);
    failed(await run(['chain', 'append', 'never.jsonl', '--checkpoint-key', 'witness.key'], `${artifact(0)}\n`), 3, /a witness key \(cosignature\/v1\) cannot sign checkpoints/);
    expect(() => statSync(at('never.jsonl'))).toThrow();
    failed(await run(['chain', 'append', 'never.jsonl', '--checkpoint-every', '2'], ''), 2, '--checkpoint-every needs --checkpoint-key');
    failed(await run(['enforce', '--checkpoint-key', 'log.key'], ''), 2, 'aigc enforce: --checkpoint-key needs --chain');
  });
});

describe('files that are not files', () => {
  it('opens no device, FIFO or folder as a key, checkpoint or proof (exit 3)', async () => {
    failed(await run(['chain', 'verify-proof', 'proof17', '--pubkey', '/dev/zero'], LINES[17]), 3, 'aigc chain verify-proof: /dev/zero: cannot read the public key file: it is not a regular file');
    failed(await run(['chain', 'checkpoint', 'trail.jsonl', '--key-file', '/dev/zero']), 3, 'aigc chain checkpoint: /dev/zero: cannot read the signer key file: it is not a regular file');
    failed(await run(['chain', 'prove', 'trail.jsonl', '--index', '1', '--checkpoint', '.']), 3, 'aigc chain prove: .: cannot read the checkpoint: it is not a regular file');
    failed(await run(['chain', 'verify-proof', '/dev/zero', '--pubkey', 'log.pub'], LINES[17]), 3, 'aigc chain verify-proof: /dev/zero: cannot read the proof: it is not a regular file');
  });
});
