// Continuing a hash chain at the end of a JSONL file, whatever the file's end
// looks like: links found by reading backwards, lines split anywhere by the
// reads, a missing final newline, a byte order mark, other chains after the
// one to continue, a damaged end that is not appended to, and the torn line
// and lock a killed writer leaves.
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import {hostname, tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {AuditChain, verifyChain} from '../../src/audit/chain.js';
import {pyJsonDumps} from '../../src/canonical/dumps.js';
import {parseJson} from '../../src/canonical/json.js';
import {ChainFileError, TrailWriter} from '../../src/audit/trail-writer.js';
import {tryFileLock} from '../../src/io/file-lock.js';
import type {PyDict} from '../../src/python/values.js';

const trailFile = () => join(mkdtempSync(join(tmpdir(), 'aigc-chain-file-')), 'trail.jsonl');
const artifact = (n: number, extra: PyDict = {}): PyDict => ({enforcement_result: 'PASS', timestamp: 1700000000 + n, ...extra});
const lines = (file: string): PyDict[] =>
  readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => parseJson(line) as PyDict);
const chainOf = (artifacts: PyDict[], id: string) => artifacts.filter((a) => a.chain_id === id);

describe('TrailWriter', () => {
  it('links after a legacy last artifact whose non-ASCII text spans several reads', () => {
    // Three paddings put a read boundary inside a three-byte character at least once, wherever it falls.
    for (const pad of ['', 'x', 'xx']) {
      const file = trailFile();
      const chain = new AuditChain('legacy');
      const first = chain.append(artifact(0));
      // A legacy link: chain fields, no checksum; the next link hashes the whole artifact.
      const note = pad + '€'.repeat(400_000);
      const legacy: PyDict = {...artifact(1, {note}), chain_id: 'legacy', chain_index: 1, previous_audit_checksum: first.checksum};
      writeFileSync(file, `${pyJsonDumps(first)}\n${pyJsonDumps(legacy, {ensureAscii: false})}\n`);
      new TrailWriter(file).commitSync([artifact(2)]);
      const trail = lines(file);
      expect(trail.map((a) => a.chain_index)).toEqual([0, 1, 2]);
      expect(verifyChain(trail)).toEqual({valid: true, errors: []});
    }
  });

  it('continues after a complete last line that lacks its newline', () => {
    const file = trailFile();
    writeFileSync(file, pyJsonDumps(new AuditChain('c').append(artifact(0))));
    new TrailWriter(file).commitSync([artifact(1)]);
    const trail = lines(file);
    expect(trail).toHaveLength(2);
    expect(verifyChain(trail).valid).toBe(true);
  });

  it('continues a file that starts with a byte order mark', () => {
    const file = trailFile();
    writeFileSync(file, `\uFEFF${pyJsonDumps(new AuditChain('c').append(artifact(0)))}\n`);
    new TrailWriter(file).commitSync([artifact(1)]);
    expect(verifyChain(lines(file))).toEqual({valid: true, errors: []});
  });

  it('continues the named chain when other chains were written after it', () => {
    const file = trailFile();
    const a = new AuditChain('a');
    const b = new AuditChain('b');
    const text = [a.append(artifact(0)), a.append(artifact(1)), ...Array.from({length: 500}, (_, n) => b.append(artifact(n, {pad: 'x'.repeat(300)})))]
      .map((value) => pyJsonDumps(value))
      .join('\n');
    writeFileSync(file, `${text}\n\n`);
    new TrailWriter(file, {chainId: 'a'}).commitSync([artifact(9)]);
    new TrailWriter(file).commitSync([artifact(10)]);
    const trail = lines(file);
    // Without a chain id, the chain of the file's last link: 'a', just continued.
    expect(chainOf(trail, 'a').map((x) => x.chain_index)).toEqual([0, 1, 2, 3]);
    expect(verifyChain(chainOf(trail, 'a')).valid).toBe(true);
    expect(verifyChain(chainOf(trail, 'b')).valid).toBe(true);
  });

  it('takes in what other writers appended since its last look', () => {
    const file = trailFile();
    const mine = new TrailWriter(file, {chainId: 'shared'});
    const theirs = new TrailWriter(file, {chainId: 'shared'});
    for (let n = 0; n < 6; n++) (n % 2 === 0 ? mine : theirs).commitSync([artifact(n, {n: 'ü'.repeat(n * 20_000)})]);
    expect(verifyChain(lines(file))).toEqual({valid: true, errors: []});
  });

  it('refuses to append after a last line that is not JSON, and leaves the file as it was', () => {
    const file = trailFile();
    const text = `${pyJsonDumps(new AuditChain('c').append(artifact(0)))}\n{"enforcement_re`;
    writeFileSync(file, text);
    expect(() => new TrailWriter(file).commitSync([artifact(1)])).toThrow(ChainFileError);
    expect(() => new TrailWriter(file).commitSync([artifact(1)])).toThrow('the last line is incomplete or not JSON');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  // Each last link the next one cannot repeat in canonical bytes (a lone surrogate, or NaN in a legacy link hashed whole).
  it.each([
    ['a chain_id with a lone surrogate', '{"chain_id": "c\\ud800", "chain_index": 0, "previous_audit_checksum": null, "checksum": "ab"}'],
    ['a checksum with a lone surrogate', '{"chain_id": "c", "chain_index": 0, "previous_audit_checksum": null, "checksum": "\\udfffab"}'],
    ['no checksum and no canonical form (surrogates not allowed)', '{"chain_id": "c", "chain_index": 0, "previous_audit_checksum": null, "x": "\\ud800"}'],
    ['no checksum and no canonical form (Out of range float values are not JSON compliant)', '{"chain_id": "c", "chain_index": 0, "previous_audit_checksum": null, "x": NaN}'],
  ])('refuses to append after a last link with %s, naming its line, and leaves the file as it was', (what, last) => {
    const file = trailFile();
    const text = `${pyJsonDumps(new AuditChain('c').append(artifact(0)))}\n${last}\n`;
    writeFileSync(file, text);
    const at = text.indexOf(last);
    // With no chain id: the chain of the file's last link.
    const writer = new TrailWriter(file);
    expect(() => writer.commitSync([artifact(1)])).toThrow(new ChainFileError(file, `the line at byte ${at} has ${what}, which no next link can be hashed with; refusing to append after it`));
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('cuts off the torn last line of a writer that died holding the lock, and continues after its last link', () => {
    const file = trailFile();
    const chain = new AuditChain('c');
    const whole = [chain.append(artifact(0)), chain.append(artifact(1))].map((value) => pyJsonDumps(value)).join('\n');
    const torn = '{"enforcement_result": "PA';
    writeFileSync(file, `${whole}\n${torn}`);
    const pid = leaveDeadLock(file);
    const notices: string[] = [];
    new TrailWriter(file, {onRecovery: (message) => notices.push(message)}).commitSync([artifact(2)]);
    expect(notices).toEqual([`${file}: removed a torn last line of ${torn.length} bytes left by a writer that died (pid ${pid} on host ${hostname()})`]);
    const trail = lines(file);
    expect(trail.map((a) => a.chain_index)).toEqual([0, 1, 2]);
    expect(verifyChain(trail)).toEqual({valid: true, errors: []});
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('links a batch again after the real end when another writer took its lock over before it was written', () => {
    const file = trailFile();
    new TrailWriter(file, {chainId: 'shared'}).commitSync([artifact(0)]);
    const other = new TrailWriter(file, {chainId: 'shared'});
    let tookOver = false;
    const writer = new TrailWriter(file, {
      chainId: 'shared',
      format: (linked) => {
        if (!tookOver) {
          // As if our holding were judged dead: another writer takes the lock and appends.
          tookOver = true;
          leaveDeadLock(file);
          other.commitSync([artifact(1)]);
        }
        return pyJsonDumps(linked, {separators: [',', ':']});
      },
    });
    writer.commitSync([artifact(2)]);
    const trail = lines(file);
    expect(trail.map((a) => [a.timestamp, a.chain_index])).toEqual([
      [1700000000, 0],
      [1700000001, 1],
      [1700000002, 2],
    ]);
    expect(verifyChain(trail)).toEqual({valid: true, errors: []});
  });
});

/** Leaves the lock a writer of this machine that died would leave (our identity, the pid of a child that has exited); returns that pid. */
function leaveDeadLock(file: string): number {
  const lock = tryFileLock(`${file}.probe`)!;
  const own = JSON.parse(readFileSync(`${file}.probe.lock`, 'utf8'));
  lock.release();
  const pid = spawnSync(process.execPath, ['-e', '0']).pid!;
  writeFileSync(`${file}.lock`, JSON.stringify({...own, pid, token: 'dead'}));
  return pid;
}
