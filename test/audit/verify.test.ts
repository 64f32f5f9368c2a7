// Chain verification over trails the Python reference wrote
// (test/data/chains, made by scripts/gen-reference-chain.py): intact trails
// verify with and without the key, and every single tampering is reported at
// the line where it happened.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {canonicalJson, checksum, parseJson} from '../../src/canonical/index.js';
import {pyJsonDumps} from '../../src/canonical/dumps.js';
import {AuditChain} from '../../src/audit/chain.js';
import {HmacSigner, signArtifact} from '../../src/audit/signing.js';
import {type VerifyOptions, type VerifyReport, verifyTrails} from '../../src/audit/verify/index.js';
import type {PyDict} from '../../src/python/values.js';

const DATA = join(import.meta.dirname, '..', 'data', 'chains');
const TRAIL = readFileSync(join(DATA, 'reference-chain.jsonl'), 'utf8');
const LINES = TRAIL.trimEnd().split('\n');
const KEY = readFileSync(join(DATA, 'reference-chain.key')).subarray(0, -1);
const signer = new HmacSigner(KEY);

function verifyText(text: string | Buffer, options: VerifyOptions = {}): Promise<VerifyReport> {
  return verifyTrails([{file: 'trail.jsonl', source: Readable.from([Buffer.from(text)])}], options);
}

/** The lines as a file; a line ending in `\0` marks a file cut off there (no final newline). */
const verifyLines = (lines: string[], options: VerifyOptions = {}) => {
  const text = `${lines.join('\n')}\n`;
  return verifyText(text.endsWith('\0\n') ? text.slice(0, -2) : text, options);
};
const where = (report: VerifyReport) => report.problems.map((problem) => `${problem.line}:${problem.code}`);

/** Line `n` (1-based) of the reference trail, edited as a Python dict and written back as json.dumps would. */
function edit(n: number, change: (artifact: PyDict) => void): string[] {
  const lines = [...LINES];
  const artifact = parseJson(lines[n - 1]) as PyDict;
  change(artifact);
  lines[n - 1] = pyJsonDumps(artifact);
  return lines;
}

/** The trail with line `n`'s role made admin and its checksum recomputed, after `resign` when given. */
function roleMadeAdmin(n: number, resign?: (artifact: PyDict) => void): string[] {
  return edit(n, (artifact) => {
    artifact.role = 'admin';
    resign?.(artifact);
    recomputeChecksum(artifact);
  });
}

function recomputeChecksum(artifact: PyDict): void {
  delete artifact.checksum;
  artifact.checksum = checksum(artifact);
}

describe('verifying a trail the reference wrote', () => {
  it('finds it intact, with every signature valid', async () => {
    const report = await verifyText(TRAIL, {signer});
    expect(report.valid).toBe(true);
    expect(report.files[0].chains).toEqual([
      expect.objectContaining({chainId: 'reference-chain', artifacts: 40, intact: 40, signaturesChecked: 40, signaturesValid: 40, lastIndex: 39}),
    ]);
  });

  it('finds it intact without a key, and says signatures were not checked', async () => {
    const report = await verifyText(TRAIL);
    expect(report).toMatchObject({valid: true, signaturesChecked: false});
    expect(report.files[0].chains[0]).toMatchObject({intact: 40, signaturesChecked: 0});
  });

  it('groups interleaved chains by chain_id and checks each in file order', async () => {
    const report = await verifyText(readFileSync(join(DATA, 'reference-two-chains.jsonl')), {signer});
    expect(report.valid).toBe(true);
    expect(report.files[0].chains.map((chain) => [chain.chainId, chain.artifacts, chain.signaturesValid])).toEqual([
      ['chain-b', 7, 7],
      ['chain-a', 13, 13],
    ]);
  });

  it('reads numbers and escapes as written, so checksums of 1.0, 1e-07, big integers and \\u escapes match', async () => {
    expect(TRAIL).toContain('1e-07');
    expect(TRAIL).toContain('12345678901234567890123');
    expect(TRAIL).toContain('\\u00e9');
    expect(TRAIL).toMatch(/"odd": 1\.0/);
    // The trail up to the first line holding each: every checksum the reference stored recomputes.
    for (const written of ['1e-07', '12345678901234567890123', '\\u00e9', '"odd": 1.0']) {
      const line = LINES.findIndex((text) => text.includes(written)) + 1;
      const report = await verifyLines(LINES.slice(0, line));
      expect({written, problems: report.problems}).toEqual({written, problems: []});
      const stored = (parseJson(LINES[line - 1]) as PyDict).checksum;
      expect(report.files[0].chains[0]).toMatchObject({artifacts: line, intact: line, lastChecksum: stored});
    }
  });

  it('accepts a legacy chain whose artifacts carry no checksum, linked by the hash of the whole artifact', async () => {
    const chain = new AuditChain('legacy');
    let previous: string | null = null;
    const lines = LINES.slice(0, 5).map((line, index) => {
      const artifact = parseJson(line) as PyDict;
      for (const field of ['chain_id', 'chain_index', 'previous_audit_checksum', 'checksum']) delete artifact[field];
      Object.assign(artifact, {chain_id: chain.chainId, chain_index: index, previous_audit_checksum: previous});
      previous = checksum(artifact);
      return canonicalJson(artifact);
    });
    expect(await verifyLines(lines)).toMatchObject({valid: true});
    expect(where(await verifyLines([lines[0], lines[2], lines[3]]))).toEqual(['2:chain-index', '2:broken-link']);
  });
});

describe('every single tampering is reported where it happened', () => {
  const cases: {name: string; lines: () => string[]; withKey: string[]; withoutKey: string[]}[] = [
    {
      name: 'a field edited',
      lines: () => edit(5, (artifact) => (artifact.role = 'admin')),
      withKey: ['5:checksum-mismatch', '5:signature-invalid'],
      withoutKey: ['5:checksum-mismatch'],
    },
    {
      name: 'a nested value edited (1e-07 to 1e-06)',
      lines: () => LINES.map((line, n) => (n === 1 ? line.replace('1e-07', '1e-06') : line)),
      withKey: ['2:checksum-mismatch', '2:signature-invalid'],
      withoutKey: ['2:checksum-mismatch'],
    },
    {
      name: 'a line deleted',
      lines: () => LINES.filter((_, n) => n !== 9),
      withKey: ['10:chain-index', '10:broken-link'],
      withoutKey: ['10:chain-index', '10:broken-link'],
    },
    {
      name: 'the first line deleted',
      lines: () => LINES.slice(1),
      withKey: ['1:chain-index', '1:broken-link'],
      withoutKey: ['1:chain-index', '1:broken-link'],
    },
    {
      name: 'a line duplicated',
      lines: () => [...LINES.slice(0, 10), LINES[9], ...LINES.slice(10)],
      withKey: ['11:chain-index', '11:broken-link'],
      withoutKey: ['11:chain-index', '11:broken-link'],
    },
    {
      name: 'two lines swapped',
      lines: () => [...LINES.slice(0, 9), LINES[10], LINES[9], ...LINES.slice(11)],
      withKey: ['10:chain-index', '10:broken-link', '11:chain-index', '11:broken-link', '12:chain-index', '12:broken-link'],
      withoutKey: ['10:chain-index', '10:broken-link', '11:chain-index', '11:broken-link', '12:chain-index', '12:broken-link'],
    },
    {
      name: 'the last line truncated',
      lines: () => [...LINES.slice(0, 39), `${LINES[39].slice(0, 300)}\0`],
      withKey: ['40:truncated'],
      withoutKey: ['40:truncated'],
    },
    {
      name: 'a line cut short in the middle',
      lines: () => LINES.map((line, n) => (n === 19 ? line.slice(0, 300) : line)),
      withKey: ['20:invalid-json', '21:chain-index', '21:broken-link'],
      withoutKey: ['20:invalid-json', '21:chain-index', '21:broken-link'],
    },
    {
      name: 'a signature replaced by another artifact’s',
      lines: () => edit(7, (artifact) => (artifact.signature = (parseJson(LINES[7]) as PyDict).signature)),
      withKey: ['7:checksum-mismatch', '7:signature-invalid'],
      withoutKey: ['7:checksum-mismatch'],
    },
    {
      name: 'a field edited and its checksum recomputed',
      lines: () => roleMadeAdmin(5),
      withKey: ['5:signature-invalid', '6:broken-link'],
      withoutKey: ['6:broken-link'],
    },
    {
      name: 'a field edited, re-signed with another key and its checksum recomputed',
      lines: () => roleMadeAdmin(5, (artifact) => signArtifact(artifact, new HmacSigner('forger'))),
      withKey: ['5:signature-invalid', '6:broken-link'],
      withoutKey: ['6:broken-link'],
    },
    {
      name: 'a chain_id edited',
      lines: () => edit(8, (artifact) => (artifact.chain_id = 'other-chain')),
      // The signature does not cover chain fields (compatibility.md §3): the checksum catches it.
      withKey: ['8:chain-id', '8:checksum-mismatch'],
      withoutKey: ['8:chain-id', '8:checksum-mismatch'],
    },
  ];

  for (const tamper of cases) {
    it(`${tamper.name}: with the key`, async () => {
      const report = await verifyLines(tamper.lines(), {signer});
      expect(report.valid).toBe(false);
      expect(where(report)).toEqual(tamper.withKey);
    });
    it(`${tamper.name}: without the key`, async () => {
      const report = await verifyLines(tamper.lines());
      expect(report.valid).toBe(false);
      expect(where(report)).toEqual(tamper.withoutKey);
    });
  }

  it('says what was expected and found, and which line the link points back to', async () => {
    const report = await verifyLines(LINES.filter((_, n) => n !== 9));
    const [index, link] = report.problems;
    expect(index).toMatchObject({file: 'trail.jsonl', chainId: 'reference-chain', index: 10, expected: 9, found: 10, message: '1 artifact is missing before this one'});
    expect(link).toMatchObject({expected: (parseJson(LINES[8]) as PyDict).checksum, found: (parseJson(LINES[10]) as PyDict).previous_audit_checksum, previousLine: 9});
  });
});

describe('signatures', () => {
  const unsigned = () => edit(3, (artifact) => delete artifact.signature);

  it('reports an unsigned artifact unless unsigned ones are allowed', async () => {
    expect(where(await verifyLines(unsigned(), {signer}))).toEqual(['3:checksum-mismatch', '3:unsigned']);
    const allowed = await verifyLines(unsigned(), {signer, allowUnsigned: true});
    expect(where(allowed)).toEqual(['3:checksum-mismatch']);
    expect(allowed.files[0].chains[0]).toMatchObject({signaturesChecked: 39, signaturesValid: 39, unsignedAllowed: 1});
  });

  it('treats a non-string signature as a failed verification, not a crash', async () => {
    const lines = edit(4, (artifact) => {
      artifact.signature = 123;
      recomputeChecksum(artifact);
    });
    expect(where(await verifyLines(lines, {signer}))).toEqual(['4:signature-malformed', '5:broken-link']);
  });

  it('fails every signature with the wrong key', async () => {
    const report = await verifyText(TRAIL, {signer: new HmacSigner('wrong')});
    expect(report.problemCount).toBe(40);
    expect(report.files[0].chains[0]).toMatchObject({intact: 40, signaturesValid: 0});
  });
});

describe('what is not a chain', () => {
  it('reports an empty file', async () => {
    expect(where(await verifyText(''))).toEqual(['null:no-artifacts']);
    expect(where(await verifyText('\n\n'))).toEqual(['null:no-artifacts']);
  });

  it('reports values that are not objects, objects outside any chain and binary lines', async () => {
    const report = await verifyText(Buffer.concat([Buffer.from('[1]\n{"a": 1}\n'), Buffer.from([0xff, 0x00, 0x0a])]));
    expect(where(report)).toEqual(['1:not-an-object', '2:not-chained', '3:invalid-utf8']);
  });

  it('reports an artifact holding a value with no canonical form', async () => {
    const lines = [LINES[0].replace('"n": 0', '"n": NaN')];
    expect(where(await verifyLines(lines))).toEqual(['1:not-canonical']);
  });

  it('keeps the first maxErrors problems and counts the rest', async () => {
    const report = await verifyText(TRAIL, {signer: new HmacSigner('wrong'), maxErrors: 3});
    expect(report.problems).toHaveLength(3);
    expect(report.problemCount).toBe(40);
  });
});
