// Ed25519 keys in the c2sp.org/signed-note formats, as Go's
// golang.org/x/mod/sumdb/note reads and writes them:
//
//   verifier key  <name>+<hex key ID>+base64(<type> ‖ 32-byte public key)
//   signer key    PRIVATE+KEY+<name>+<hex key ID>+base64(<type> ‖ 32-byte seed)
//   key ID        SHA-256(<name> ‖ 0x0A ‖ <type> ‖ public key)[:4], big-endian
//
// Type 0x01 signs notes (a log's checkpoints, DSSE envelopes); type 0x04 makes
// timestamped checkpoint cosignatures (c2sp.org/tlog-cosignature, a witness).
// All cryptography is Node's: a seed becomes a key through its PKCS#8 form.

import {createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify} from 'node:crypto';
import {open, readFile} from 'node:fs/promises';
import {pathExists} from '../../io/path-exists.js';
import {decodeBase64, encodeBase64, isValidKeyName} from './encoding.js';
import {TlogError} from './errors.js';

export type NoteKeyType = 'ed25519' | 'cosignature/v1';

const TYPE_BYTES: Record<NoteKeyType, number> = {ed25519: 0x01, 'cosignature/v1': 0x04};
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_SIGNATURE_BYTES = 64;
const TIMESTAMP_BYTES = 8;
const MAX_TIMESTAMP = 2n ** 63n - 1n;
const KEY_ID = /^[0-9a-fA-F]{8}$/;

/** A public key that checks the signature lines of its name and key ID. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  readonly type: NoteKeyType;
  readonly publicKey: Uint8Array;
  /** The key in the verifier key format. */
  readonly verifierKey: string;
  /** Whether `signature` (the bytes after the key ID) signs the note text `text`. */
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** A private key that makes signature lines. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly type: NoteKeyType;
  /** The matching verifier key. */
  readonly verifierKey: string;
  /** The signature of `text` (without the key ID); a cosignature records `now`, in seconds since the epoch. */
  sign(text: Uint8Array, now?: number): Uint8Array;
}

export interface NoteKeyPair {
  signerKey: string;
  verifierKey: string;
}

/** A verifier key as `name+hexid`, without its key material: how reports name the key that signed. */
export function verifierKeyLabel(verifierKey: string): string {
  return verifierKey.split('+').slice(0, 2).join('+');
}

/** SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4] as an unsigned 32-bit integer. */
export function noteKeyId(name: string, type: NoteKeyType, publicKey: Uint8Array): number {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, TYPE_BYTES[type]]))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

/** The message a cosignature signs: `cosignature/v1`, the time, then the checkpoint's note text. */
export function cosignatureMessage(text: Uint8Array, timestamp: bigint): Buffer {
  return Buffer.concat([Buffer.from(`cosignature/v1\ntime ${timestamp}\n`), text]);
}

/** The timestamp of a cosignature's signature bytes (after the key ID), or null when they are not one. */
export function cosignatureTimestamp(signature: Uint8Array): bigint | null {
  if (signature.length !== TIMESTAMP_BYTES + ED25519_SIGNATURE_BYTES) return null;
  const timestamp = Buffer.from(signature.buffer, signature.byteOffset, TIMESTAMP_BYTES).readBigUInt64BE(0);
  return timestamp <= MAX_TIMESTAMP ? timestamp : null;
}

/** What the verifier and the signer of one key share: its name, type, key ID and verifier key. */
abstract class NoteKey {
  readonly keyId: number;
  readonly verifierKey: string;

  protected constructor(
    readonly name: string,
    readonly type: NoteKeyType,
    publicKey: Uint8Array,
  ) {
    this.keyId = noteKeyId(name, type, publicKey);
    this.verifierKey = formatKey(name, this.keyId, type, publicKey);
  }
}

class Ed25519Verifier extends NoteKey implements NoteVerifier {
  private readonly key: KeyObject;

  constructor(
    name: string,
    type: NoteKeyType,
    readonly publicKey: Uint8Array,
  ) {
    super(name, type, publicKey);
    this.key = createPublicKey({key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki'});
  }

  verify(text: Uint8Array, signature: Uint8Array): boolean {
    if (this.type === 'ed25519') return signature.length === ED25519_SIGNATURE_BYTES && verify(null, text, this.key, signature);
    const timestamp = cosignatureTimestamp(signature);
    if (timestamp === null) return false;
    return verify(null, cosignatureMessage(text, timestamp), this.key, signature.subarray(TIMESTAMP_BYTES));
  }
}

class Ed25519Signer extends NoteKey implements NoteSigner {
  private readonly key: KeyObject;

  constructor(name: string, type: NoteKeyType, seed: Uint8Array) {
    const key = createPrivateKey({key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8'});
    super(name, type, publicKeyOf(key));
    this.key = key;
  }

  sign(text: Uint8Array, now: number = Date.now() / 1000): Uint8Array {
    if (this.type === 'ed25519') return sign(null, text, this.key);
    const timestamp = BigInt(Math.floor(now));
    if (timestamp < 0n || timestamp > MAX_TIMESTAMP) throw new RangeError(`a cosignature time must be between 0 and 2^63-1 seconds, not ${now}`);
    const stamp = Buffer.alloc(TIMESTAMP_BYTES);
    stamp.writeBigUInt64BE(timestamp);
    return Buffer.concat([stamp, sign(null, cosignatureMessage(text, timestamp), this.key)]);
  }
}

function publicKeyOf(privateKey: KeyObject): Buffer {
  return createPublicKey(privateKey).export({format: 'der', type: 'spki'}).subarray(SPKI_ED25519_PREFIX.length);
}

function formatKey(name: string, keyId: number, type: NoteKeyType, material: Uint8Array): string {
  return `${name}+${keyId.toString(16).padStart(8, '0')}+${encodeBase64(Buffer.concat([Buffer.from([TYPE_BYTES[type]]), material]))}`;
}

function typeOfByte(byte: number): NoteKeyType | null {
  if (byte === TYPE_BYTES.ed25519) return 'ed25519';
  if (byte === TYPE_BYTES['cosignature/v1']) return 'cosignature/v1';
  return null;
}

interface KeyFields {
  name: string;
  keyId: number;
  type: NoteKeyType;
  material: Buffer;
}

/** `name+hexid+base64(type ‖ key)`, split at the first two `+` (base64 may hold more). */
function keyFields(text: string, what: string): KeyFields {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw new TlogError('malformed-key', `${what} is not <name>+<key ID>+<key>`);
  const name = text.slice(0, first);
  const hex = text.slice(first + 1, second);
  const encoded = decodeBase64(text.slice(second + 1));
  if (!isValidKeyName(name)) throw new TlogError('malformed-key', `${what} has an invalid key name (empty, or with a space or +)`);
  if (!KEY_ID.test(hex)) throw new TlogError('malformed-key', `${what} has no 8-digit hex key ID`);
  if (encoded === null || encoded.length === 0) throw new TlogError('malformed-key', `${what} has no base64 key`);
  const type = typeOfByte(encoded[0]);
  if (type === null) throw new TlogError('malformed-key', `${what} is of an unknown signature type 0x${encoded[0].toString(16).padStart(2, '0')}`);
  if (encoded.length !== 33) throw new TlogError('malformed-key', `${what} holds ${encoded.length - 1} key bytes, not 32`);
  return {name, keyId: Number.parseInt(hex, 16), type, material: encoded.subarray(1)};
}

/** A verifier key (`name+hexid+base64`), checked: its key ID must be the one its name and key give. */
export function parseVerifierKey(text: string): NoteVerifier {
  const fields = keyFields(text, 'the verifier key');
  const verifier = new Ed25519Verifier(fields.name, fields.type, fields.material);
  if (verifier.keyId !== fields.keyId) throw new TlogError('malformed-key', `the verifier key's ID does not match its name and key`);
  return verifier;
}

/** A signer key (`PRIVATE+KEY+name+hexid+base64`), checked against the public key its seed gives. Messages never show the key. */
export function parseSignerKey(text: string): NoteSigner {
  if (!text.startsWith('PRIVATE+KEY+')) throw new TlogError('malformed-key', 'the signer key does not start with PRIVATE+KEY+');
  const fields = keyFields(text.slice('PRIVATE+KEY+'.length), 'the signer key');
  const signer = new Ed25519Signer(fields.name, fields.type, fields.material);
  if (signer.keyId !== fields.keyId) throw new TlogError('malformed-key', `the signer key's ID does not match its name and key`);
  return signer;
}

/** A new random Ed25519 key pair named `name` (a log's origin, or a witness's name). */
export function generateNoteKeyPair(name: string, type: NoteKeyType = 'ed25519'): NoteKeyPair {
  if (!isValidKeyName(name)) throw new TlogError('malformed-key', `the key name ${JSON.stringify(name)} is empty or holds a space or +`);
  const jwk = generateKeyPairSync('ed25519').privateKey.export({format: 'jwk'});
  const seed = Buffer.from(jwk.d!, 'base64url');
  const publicKey = Buffer.from(jwk.x!, 'base64url');
  const keyId = noteKeyId(name, type, publicKey);
  return {signerKey: `PRIVATE+KEY+${formatKey(name, keyId, type, seed)}`, verifierKey: formatKey(name, keyId, type, publicKey)};
}

/** Reads and parses a verifier key file (such as `PREFIX.pub`); errors name the file. */
export function readVerifierKeyFile(path: string): Promise<NoteVerifier> {
  return readKeyFile(path, parseVerifierKey);
}

/** Reads and parses a signer key file (such as `PREFIX.key`); errors name the file, never its content. */
export function readSignerKeyFile(path: string): Promise<NoteSigner> {
  return readKeyFile(path, parseSignerKey);
}

/** Parses the key in a key file (its text without one final line ending) with `parse`; errors name the file. */
async function readKeyFile<Key>(path: string, parse: (text: string) => Key): Promise<Key> {
  const text = (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
  try {
    return parse(text);
  } catch (error) {
    throw error instanceof TlogError ? error.inFile(path) : error;
  }
}

export interface WrittenKeyPair extends NoteKeyPair {
  signerKeyFile: string;
  verifierKeyFile: string;
}

/**
 * Generates a key pair and writes `PREFIX.key` (the signer key, mode 0600) and
 * `PREFIX.pub` (the verifier key), each ending in a newline. Neither file may
 * exist already: a key is never overwritten (`key-exists`).
 */
export async function writeNoteKeyPair(prefix: string, name: string, type: NoteKeyType = 'ed25519'): Promise<WrittenKeyPair> {
  const pair = generateNoteKeyPair(name, type);
  const signerKeyFile = `${prefix}.key`;
  const verifierKeyFile = `${prefix}.pub`;
  // Both are checked first, so an existing public key does not leave a new private key behind.
  for (const file of [signerKeyFile, verifierKeyFile]) {
    if (await pathExists(file)) throw new TlogError('key-exists', `${file} already exists; a key is never overwritten`, {file});
  }
  await writeNewFile(signerKeyFile, `${pair.signerKey}\n`, 0o600);
  await writeNewFile(verifierKeyFile, `${pair.verifierKey}\n`, 0o644);
  return {...pair, signerKeyFile, verifierKeyFile};
}

async function writeNewFile(path: string, contents: string, mode: number): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx', mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new TlogError('key-exists', `${path} already exists; a key is never overwritten`, {file: path});
    throw error;
  }
  try {
    await handle.chmod(mode);
    await handle.writeFile(contents, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}
