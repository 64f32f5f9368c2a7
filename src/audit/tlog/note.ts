// Signed notes (c2sp.org/signed-note): a text ending in a newline, a blank
// line, then one or more signature lines `— <key name> base64(key ID ‖ sig)`.
// Every rule of the spec is enforced when a note is read: valid UTF-8, no
// control character but newline, the text ends at the last blank line, key
// names without spaces or `+`, at most 100 signatures (the spec asks for at
// least 16; Go's reader stops at 100). Signatures by unknown keys are kept
// aside unverified; every signature whose name and key ID match a known key is
// verified, and one that fails rejects the whole note.

import {isUtf8} from 'node:buffer';
import {decodeBase64, encodeBase64, isValidKeyName} from './encoding.js';
import {TlogError} from './errors.js';
import type {NoteSigner, NoteVerifier} from './keys.js';

export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '— ';
const BLANK_LINE = Buffer.from('\n\n');

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  keyId: number;
  /** The signature bytes after the 4-byte key ID. */
  signature: Buffer;
  /** The line as written, without its newline. */
  line: string;
}

export interface VerifiedNoteSignature extends NoteSignature {
  verifier: NoteVerifier;
}

export interface ParsedNote {
  /** The note text, final newline included. */
  text: string;
  textBytes: Buffer;
  signatures: NoteSignature[];
}

export interface OpenedNote {
  text: string;
  textBytes: Buffer;
  /** Signatures by the given keys, all verified, in note order. */
  verified: VerifiedNoteSignature[];
  /** Signatures by other keys (ignored, as the spec says), repeats dropped. */
  unverified: NoteSignature[];
}

function malformed(reason: string): TlogError {
  return new TlogError('malformed-note', `not a signed note: ${reason}`);
}

function noteBytes(message: string | Uint8Array): Buffer {
  if (typeof message === 'string') return Buffer.from(message, 'utf8');
  const bytes = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  if (!isUtf8(bytes)) throw malformed('it is not valid UTF-8');
  return bytes;
}

/** Splits a note into its text and signature lines without verifying anything; throws `malformed-note`. */
export function parseNote(message: string | Uint8Array): ParsedNote {
  const bytes = noteBytes(message);
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] < 0x20 && bytes[i] !== 0x0a) throw malformed(`it holds the control character 0x${bytes[i].toString(16).padStart(2, '0')}`);
  }
  const split = bytes.lastIndexOf(BLANK_LINE);
  if (split < 0) throw malformed('there is no blank line before the signatures');
  const textBytes = bytes.subarray(0, split + 1);
  const block = bytes.subarray(split + 2);
  if (block.length === 0) throw malformed('there are no signature lines');
  if (block[block.length - 1] !== 0x0a) throw malformed('the last signature line does not end in a newline');
  const lines = block.toString('utf8', 0, block.length - 1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed(`it has more than ${MAX_NOTE_SIGNATURES} signatures`);
  return {text: textBytes.toString('utf8'), textBytes, signatures: lines.map(parseSignatureLine)};
}

function parseSignatureLine(line: string, index: number): NoteSignature {
  const where = `signature line ${index + 1}`;
  if (!line.startsWith(SIGNATURE_PREFIX)) throw malformed(`${where} does not start with "— "`);
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? rest : rest.slice(0, space);
  const encoded = space < 0 ? '' : rest.slice(space + 1);
  if (!isValidKeyName(name)) throw malformed(`${where} has an invalid key name`);
  const bytes = decodeBase64(encoded);
  if (bytes === null || bytes.length < 5) throw malformed(`${where} has no base64 key ID and signature`);
  return {name, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4), line};
}

/**
 * Reads a note and checks its signatures against `verifiers`: `bad-signature`
 * when a signature by one of them fails, `unknown-key` when none of them
 * signed it, `malformed-note` when it is not a note.
 */
export function openNote(message: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const note = parseNote(message);
  const verified: VerifiedNoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenUnverified = new Set<string>();
  for (const signature of note.signatures) {
    const verifier = verifierFor(signature, verifiers);
    if (verifier === null) {
      if (!seenUnverified.has(signature.line)) unverified.push(signature);
      seenUnverified.add(signature.line);
      continue;
    }
    if (!verifier.verify(note.textBytes, signature.signature)) {
      throw new TlogError('bad-signature', `the signature by ${verifier.name} (key ${hexKeyId(verifier.keyId)}) does not verify: the note was changed or not signed by that key`);
    }
    if (!verified.some((seen) => seen.verifier === verifier)) verified.push({...signature, verifier});
  }
  if (verified.length === 0) {
    const names = [...new Set(note.signatures.map((signature) => `${signature.name} (key ${hexKeyId(signature.keyId)})`))].join(', ');
    throw new TlogError('unknown-key', `the note is signed by none of the given keys (it is signed by ${names})`);
  }
  return {text: note.text, textBytes: note.textBytes, verified, unverified};
}

function verifierFor(signature: NoteSignature, verifiers: readonly NoteVerifier[]): NoteVerifier | null {
  let found: NoteVerifier | null = null;
  for (const verifier of verifiers) {
    if (verifier.name !== signature.name || verifier.keyId !== signature.keyId) continue;
    if (found !== null && found.verifierKey !== verifier.verifierKey) {
      throw new TlogError('malformed-key', `two of the given keys share the name ${signature.name} and key ID ${hexKeyId(signature.keyId)}`);
    }
    found ??= verifier;
  }
  return found;
}

export function hexKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

export interface SignNoteOptions {
  /** Signatures already on the note, written first; one by the same name and key ID as a new signer is replaced. */
  signatures?: readonly NoteSignature[];
  /** Seconds since the epoch, for cosignatures; default now. */
  now?: number;
}

/** The signature line `signer` makes for the note text `text`. */
export function signatureLine(text: Uint8Array, signer: NoteSigner, now?: number): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(signer.keyId);
  return `${SIGNATURE_PREFIX}${signer.name} ${encodeBase64(Buffer.concat([id, signer.sign(text, now)]))}`;
}

/** A signed note: `text` (which must end in a newline and be a valid note text) signed by each of `signers`. */
export function signNote(text: string, signers: readonly NoteSigner[], options: SignNoteOptions = {}): string {
  if (!text.endsWith('\n')) throw malformed('the text does not end in a newline');
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw malformed('the text holds a control character');
  if (!text.isWellFormed()) throw malformed('the text is not valid Unicode');
  if (signers.length === 0 && (options.signatures ?? []).length === 0) throw malformed('a note needs at least one signature');
  const textBytes = Buffer.from(text, 'utf8');
  const replaced = (signature: NoteSignature) => signers.some((signer) => signer.name === signature.name && signer.keyId === signature.keyId);
  const kept = (options.signatures ?? []).filter((signature) => !replaced(signature)).map((signature) => signature.line);
  const added = signers.map((signer) => {
    if (!isValidKeyName(signer.name)) throw malformed(`the signer name ${JSON.stringify(signer.name)} is not a valid key name`);
    return signatureLine(textBytes, signer, options.now);
  });
  const lines = [...kept, ...added];
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed(`it would have more than ${MAX_NOTE_SIGNATURES} signatures`);
  return `${text}\n${lines.map((line) => `${line}\n`).join('')}`;
}
