// Keys and signed notes in the c2sp.org/signed-note formats, pinned by the
// vectors of Go's sumdb/note tests and the spec's own example
// (test/data/tlog/signed-note-vectors.json): same keys, same key IDs,
// byte-identical signatures, and every rule of a valid note.
import {verify} from 'node:crypto';
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {
  cosignatureMessage,
  generateNoteKeyPair,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
  readSignerKeyFile,
  readVerifierKeyFile,
  writeNoteKeyPair,
} from '../../../src/audit/tlog/keys.js';
import {openNote, parseNote, signNote} from '../../../src/audit/tlog/note.js';

const vectors = JSON.parse(readFileSync(new URL('../../data/tlog/signed-note-vectors.json', import.meta.url), 'utf8')) as {
  keys: {peter: {signer: string; verifier: string; keyId: string}; enoch: {verifier: string; keyId: string}; specExample: {verifier: string}};
  badVerifierKeys: string[];
  text: string;
  peterSignature: string;
  enochSignature: string;
  signed: string;
  specExampleNote: string;
  malformedNotes: {desc: string; note: string}[];
};

const peter = parseVerifierKey(vectors.keys.peter.verifier);
const enoch = parseVerifierKey(vectors.keys.enoch.verifier);
const peterSigner = parseSignerKey(vectors.keys.peter.signer);
const folder = mkdtempSync(join(tmpdir(), 'aigc-keys-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

describe('signed-note keys', () => {
  it("reads Go's key pair, with its key ID", () => {
    expect(peter.name).toBe('PeterNeumann');
    expect(peter.keyId.toString(16)).toBe(vectors.keys.peter.keyId);
    expect(peterSigner.verifierKey).toBe(vectors.keys.peter.verifier);
    expect(noteKeyId('PeterNeumann', 'ed25519', peter.publicKey).toString(16)).toBe(vectors.keys.peter.keyId);
  });

  it('refuses every part and every one-byte change of a verifier key, as Go does', () => {
    const key = vectors.keys.peter.verifier;
    const mangled = [...vectors.badVerifierKeys];
    for (let i = 0; i <= key.length; i++) {
      for (let j = i + 1; j <= key.length; j++) if (i !== 0 || j !== key.length) mangled.push(key.slice(i, j));
    }
    for (let i = 0; i < key.length; i++) mangled.push(key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1));
    for (const text of mangled) expect(() => parseVerifierKey(text), text).toThrow(expect.objectContaining({code: 'malformed-key'}));
  });

  it('refuses every part and every one-byte change of a signer key, and never shows it', () => {
    const key = vectors.keys.peter.signer;
    for (let i = 0; i < key.length; i++) {
      const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
      expect(() => parseSignerKey(changed)).toThrow(expect.objectContaining({code: 'malformed-key'}));
      try {
        parseSignerKey(key.slice(0, i));
      } catch (error) {
        expect((error as Error).message).not.toContain(key.slice(-20));
      }
    }
  });

  it('generates key pairs that sign and verify, for logs and for witnesses', () => {
    for (const type of ['ed25519', 'cosignature/v1'] as const) {
      const pair = generateNoteKeyPair('audit.example.com/payments', type);
      const signer = parseSignerKey(pair.signerKey);
      const verifier = parseVerifierKey(pair.verifierKey);
      expect(signer.verifierKey).toBe(pair.verifierKey);
      expect(verifier.type).toBe(type);
      expect(pair.verifierKey).toMatch(/^audit\.example\.com\/payments\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
      expect(pair.signerKey.startsWith('PRIVATE+KEY+audit.example.com/payments+')).toBe(true);
      const text = Buffer.from('a note\n');
      expect(verifier.verify(text, signer.sign(text, 1700000000))).toBe(true);
    }
  });

  it('refuses a key name with a space or a plus', () => {
    expect(() => generateNoteKeyPair('audit example')).toThrow(expect.objectContaining({code: 'malformed-key'}));
    expect(() => generateNoteKeyPair('a+b')).toThrow(expect.objectContaining({code: 'malformed-key'}));
    expect(() => generateNoteKeyPair('')).toThrow(expect.objectContaining({code: 'malformed-key'}));
  });

  it('writes PREFIX.key with mode 0600 and PREFIX.pub, and never overwrites them', async () => {
    const prefix = join(mkdtempSync(join(folder, 'keys-')), 'log');
    const written = await writeNoteKeyPair(prefix, 'audit.example.com/payments');
    expect(statSync(`${prefix}.key`).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${prefix}.pub`, 'utf8')).toBe(`${written.verifierKey}\n`);
    expect((await readSignerKeyFile(`${prefix}.key`)).verifierKey).toBe(written.verifierKey);
    expect((await readVerifierKeyFile(`${prefix}.pub`)).verifierKey).toBe(written.verifierKey);
    await expect(writeNoteKeyPair(prefix, 'audit.example.com/payments')).rejects.toMatchObject({code: 'key-exists'});
    expect(readFileSync(`${prefix}.pub`, 'utf8')).toBe(`${written.verifierKey}\n`);
  });

  it('names the file of a key that cannot be read', async () => {
    const file = join(mkdtempSync(join(folder, 'keys-')), 'bad.pub');
    writeFileSync(file, 'not a key\n');
    await expect(readVerifierKeyFile(file)).rejects.toMatchObject({code: 'malformed-key', file});
  });
});

describe('signed notes', () => {
  it("signs exactly as Go's note.Sign does", () => {
    expect(signNote(vectors.text, [peterSigner])).toBe(vectors.signed);
  });

  it('verifies the example of the signed-note spec', () => {
    const opened = openNote(vectors.specExampleNote, [parseVerifierKey(vectors.keys.specExample.verifier)]);
    expect(opened.text).toBe('This is an example message.\n');
  });

  it('keeps signatures by unknown keys aside, unverified', () => {
    const opened = openNote(`${vectors.text}\n${vectors.peterSignature}${vectors.enochSignature}`, [peter]);
    expect(opened.text).toBe(vectors.text);
    expect(opened.verified.map((signature) => signature.name)).toEqual(['PeterNeumann']);
    expect(opened.unverified.map((signature) => signature.name)).toEqual(['EnochRoot']);
    const both = openNote(`${vectors.text}\n${vectors.peterSignature}${vectors.enochSignature}`, [peter, enoch]);
    expect(both.verified.map((signature) => signature.name)).toEqual(['PeterNeumann', 'EnochRoot']);
  });

  it('ignores a signature that shares only the name, or only the key ID, with a known key', () => {
    const otherId = vectors.peterSignature.replace('x08go', 'x08gp');
    const otherName = vectors.peterSignature.replace('PeterNeumann', 'PeterNeuman');
    const opened = openNote(`${vectors.text}\n${otherId}${otherName}${vectors.peterSignature}`, [peter]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unverified).toHaveLength(2);
  });

  it('rejects the whole note when a signature by a known key fails', () => {
    const bad = `${vectors.peterSignature.slice(0, 60)}ABCD${vectors.peterSignature.slice(60)}`;
    expect(() => openNote(`${vectors.text}\n${bad}`, [peter])).toThrow(expect.objectContaining({code: 'bad-signature'}));
    expect(() => openNote(`${vectors.text.replace('answer', 'question')}\n${vectors.peterSignature}`, [peter])).toThrow(expect.objectContaining({code: 'bad-signature'}));
  });

  it('rejects a note no given key signed', () => {
    expect(() => openNote(vectors.signed, [enoch])).toThrow(expect.objectContaining({code: 'unknown-key'}));
    expect(() => openNote(vectors.signed, [])).toThrow(expect.objectContaining({code: 'unknown-key'}));
  });

  for (const {desc, note} of vectors.malformedNotes) {
    it(`rejects as malformed a note with ${desc}`, () => {
      expect(() => openNote(note, [peter])).toThrow(expect.objectContaining({code: 'malformed-note'}));
    });
  }

  it('rejects as malformed a note that is not valid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xff]), Buffer.from(vectors.signed)]);
    expect(() => openNote(bytes, [peter])).toThrow(expect.objectContaining({code: 'malformed-note'}));
  });

  it('takes the text up to the last blank line, so the text may hold blank lines', () => {
    const text = 'first\n\nthird\n';
    const note = signNote(text, [peterSigner]);
    expect(parseNote(note).text).toBe(text);
    expect(openNote(note, [peter]).text).toBe(text);
  });

  it('replaces an older signature by the same key when signing again', () => {
    const note = signNote(vectors.text, [peterSigner], {signatures: parseNote(`${vectors.text}\n${vectors.enochSignature}${vectors.peterSignature}`).signatures});
    expect(note).toBe(`${vectors.text}\n${vectors.enochSignature}${vectors.peterSignature}`);
  });

  it('refuses to sign a text without its final newline or with control characters', () => {
    expect(() => signNote('abc', [peterSigner])).toThrow(expect.objectContaining({code: 'malformed-note'}));
    expect(() => signNote('a\u0007b\n', [peterSigner])).toThrow(expect.objectContaining({code: 'malformed-note'}));
  });
});

describe('cosignatures (cosignature/v1)', () => {
  it('sign "cosignature/v1", the time line and the note text, after an 8-byte big-endian timestamp', () => {
    const witness = parseSignerKey(generateNoteKeyPair('witness.example/w1', 'cosignature/v1').signerKey);
    const text = Buffer.from('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
    const signature = Buffer.from(witness.sign(text, 1679315147));
    expect(signature).toHaveLength(72);
    expect(signature.readBigUInt64BE(0)).toBe(1679315147n);
    const message = Buffer.concat([Buffer.from('cosignature/v1\ntime 1679315147\n'), text]);
    expect(cosignatureMessage(text, 1679315147n)).toEqual(message);
    const publicKey = parseVerifierKey(witness.verifierKey).publicKey;
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), publicKey]);
    expect(verify(null, message, {key: spki, format: 'der', type: 'spki'}, signature.subarray(8))).toBe(true);
  });

  it('have key IDs of type 0x04, distinct from the same key used for notes', () => {
    const verifier = parseVerifierKey(generateNoteKeyPair('witness.example/w1', 'cosignature/v1').verifierKey);
    expect(verifier.keyId).toBe(noteKeyId('witness.example/w1', 'cosignature/v1', verifier.publicKey));
    expect(verifier.keyId).not.toBe(noteKeyId('witness.example/w1', 'ed25519', verifier.publicKey));
    expect(Buffer.from(verifier.verifierKey.split('+')[2], 'base64')[0]).toBe(0x04);
  });
});
