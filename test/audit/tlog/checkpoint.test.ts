// Checkpoints (c2sp.org/tlog-checkpoint) and the proof texts that carry them:
// strict parsing, and which key may sign a log's checkpoint.
import {describe, expect, it} from 'vitest';
import {formatCheckpoint, openCheckpoint, parseCheckpointText, signCheckpoint} from '../../../src/audit/tlog/checkpoint.js';
import {generateNoteKeyPair, parseSignerKey, parseVerifierKey} from '../../../src/audit/tlog/keys.js';
import {EMPTY_ROOT, merkleRoot} from '../../../src/audit/tlog/merkle.js';
import {signNote} from '../../../src/audit/tlog/note.js';
import {formatConsistencyProof, formatInclusionProof, parseConsistencyProof, parseInclusionProof} from '../../../src/audit/tlog/proof-text.js';

const ORIGIN = 'audit.example.com/payments';
const log = generateNoteKeyPair(ORIGIN);
const logSigner = parseSignerKey(log.signerKey);
const logKey = parseVerifierKey(log.verifierKey);
const root = merkleRoot(['a', 'b', 'c']);

describe('checkpoint text', () => {
  it('is the origin, the tree size and the base64 root, each on its line, then extension lines', () => {
    const text = formatCheckpoint({origin: ORIGIN, size: 3, root, extensions: ['ext one']});
    expect(text).toBe(`${ORIGIN}\n3\n${root.toString('base64')}\next one\n`);
    expect(parseCheckpointText(text)).toEqual({origin: ORIGIN, size: 3, root, extensions: ['ext one']});
  });

  it('writes the empty tree as size 0 with the hash of the empty string', () => {
    expect(formatCheckpoint({origin: ORIGIN, size: 0, root: EMPTY_ROOT, extensions: []})).toBe(`${ORIGIN}\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n`);
  });

  const r = root.toString('base64');
  const malformed: [string, string][] = [
    ['fewer than three lines', `${ORIGIN}\n3\n`],
    ['an empty origin', `\n3\n${r}\n`],
    ['a size with a leading zero', `${ORIGIN}\n03\n${r}\n`],
    ['a negative size', `${ORIGIN}\n-3\n${r}\n`],
    ['a size that is not a number', `${ORIGIN}\nthree\n${r}\n`],
    ['a size beyond 2^53', `${ORIGIN}\n18446744073709551616\n${r}\n`],
    ['a root that is not base64', `${ORIGIN}\n3\n${r.replace('=', '')}\n`],
    ['a root of 31 bytes', `${ORIGIN}\n3\n${root.subarray(1).toString('base64')}\n`],
    ['an empty extension line', `${ORIGIN}\n3\n${r}\n\next\n`],
    ['no final newline', `${ORIGIN}\n3\n${r}`],
  ];
  for (const [what, text] of malformed) {
    it(`refuses ${what}`, () => {
      expect(() => parseCheckpointText(text)).toThrow(expect.objectContaining({code: 'malformed-checkpoint'}));
    });
  }
});

describe('signed checkpoints', () => {
  const note = signCheckpoint({size: 3, root}, logSigner);

  it('are signed by the log key, whose name is the origin', () => {
    const opened = openCheckpoint(note, [logKey]);
    expect(opened.checkpoint).toMatchObject({origin: ORIGIN, size: 3});
    expect(opened.logKey.verifierKey).toBe(log.verifierKey);
    expect(() => signCheckpoint({size: 3, root, origin: 'another.example/log'}, logSigner)).toThrow(expect.objectContaining({code: 'origin-mismatch'}));
  });

  it('fail with bad-signature when the root, size or origin was changed', () => {
    const other = merkleRoot(['a', 'b', 'x']).toString('base64');
    for (const changed of [note.replace(root.toString('base64'), other), note.replace('\n3\n', '\n4\n'), note.replace(ORIGIN, 'audit.example.com/payment')]) {
      expect(() => openCheckpoint(changed, [logKey])).toThrow(expect.objectContaining({code: 'bad-signature'}));
    }
  });

  it('fail with unknown-key when signed by another key, even one of the same name', () => {
    const impostor = parseSignerKey(generateNoteKeyPair(ORIGIN).signerKey);
    expect(() => openCheckpoint(signCheckpoint({size: 3, root}, impostor), [logKey])).toThrow(expect.objectContaining({code: 'unknown-key'}));
  });

  it('fail with origin-mismatch when the signing log key is named otherwise than the origin', () => {
    const other = generateNoteKeyPair('other.example/log');
    const text = formatCheckpoint({origin: ORIGIN, size: 3, root, extensions: []});
    const signedByOther = signNote(text, [parseSignerKey(other.signerKey)]);
    expect(() => openCheckpoint(signedByOther, [parseVerifierKey(other.verifierKey)])).toThrow(expect.objectContaining({code: 'origin-mismatch'}));
    expect(() => openCheckpoint(note, [logKey], {origin: 'other.example/log'})).toThrow(expect.objectContaining({code: 'origin-mismatch'}));
  });

  it('fail with malformed-checkpoint when they are not notes, or not checkpoints', () => {
    for (const text of ['', 'hello\n', `${ORIGIN}\n3\n${root.toString('base64')}\n`, note.replace('\n3\n', '\nthree\n')]) {
      expect(() => openCheckpoint(text, [logKey])).toThrow(expect.objectContaining({code: 'malformed-checkpoint'}));
    }
  });

  it('are not counted as the log’s when only a witness cosigned them', () => {
    const witness = generateNoteKeyPair('witness.example/w1', 'cosignature/v1');
    const cosigned = signCheckpoint({size: 3, root}, logSigner, {cosigners: [parseSignerKey(witness.signerKey)], now: 1700000000});
    expect(openCheckpoint(cosigned, [logKey, parseVerifierKey(witness.verifierKey)]).verified).toHaveLength(2);
    expect(() => openCheckpoint(cosigned, [parseVerifierKey(witness.verifierKey)])).toThrow(expect.objectContaining({code: 'unknown-key'}));
  });
});

describe('proof texts', () => {
  const note = signCheckpoint({size: 3, root}, logSigner);
  const hashes = [merkleRoot(['x']), merkleRoot(['y'])];

  it('write tlog-proof@v1: header, index, hashes leaf level first, a blank line, the checkpoint', () => {
    const text = formatInclusionProof({index: 2, hashes, checkpoint: note});
    expect(text).toBe(`c2sp.org/tlog-proof@v1\nindex 2\n${hashes[0].toString('base64')}\n${hashes[1].toString('base64')}\n\n${note}`);
    expect(parseInclusionProof(text)).toEqual({index: 2, extra: null, hashes, checkpoint: note});
  });

  it('read the optional extra line', () => {
    const text = formatInclusionProof({index: 0, hashes: [], checkpoint: note, extra: Buffer.from('context')});
    expect(text.split('\n')[1]).toBe(`extra ${Buffer.from('context').toString('base64')}`);
    expect(parseInclusionProof(text).extra?.toString()).toBe('context');
  });

  it('write the consistency proof as a header and a tlog-witness add-checkpoint body', () => {
    const text = formatConsistencyProof({oldSize: 2, hashes, checkpoint: note});
    expect(text).toBe(`aigc.dev/tlog-consistency-proof@v1\nold 2\n${hashes[0].toString('base64')}\n${hashes[1].toString('base64')}\n\n${note}`);
    expect(parseConsistencyProof(text)).toEqual({oldSize: 2, hashes, checkpoint: note});
  });

  const good = formatInclusionProof({index: 2, hashes, checkpoint: note});
  const bad: [string, string][] = [
    ['another header', good.replace('c2sp.org/tlog-proof@v1', 'c2sp.org/tlog-proof@v2')],
    ['an index with a leading zero', good.replace('index 2', 'index 02')],
    ['no index line', good.replace('index 2\n', '')],
    ['a hash that is not 32 bytes', good.replace(hashes[0].toString('base64'), 'AAAA')],
    ['no blank line before the checkpoint', good.replace('\n\n', '\n')],
    ['no checkpoint', good.slice(0, good.indexOf('\n\n') + 2)],
  ];
  for (const [what, text] of bad) {
    it(`refuse a proof with ${what}`, () => {
      expect(() => parseInclusionProof(text)).toThrow(expect.objectContaining({code: 'malformed-proof'}));
    });
  }
});
