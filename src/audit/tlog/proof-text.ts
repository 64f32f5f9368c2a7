// Proof texts, verifiable offline.
//
// Inclusion: c2sp.org/tlog-proof@v1, exactly as the spec has it:
//
//   c2sp.org/tlog-proof@v1
//   [extra <base64>]
//   index <leaf index>
//   <base64 hash>            one per line, the leaf's sibling first, up to the root's child
//   (empty line)
//   <the checkpoint, verbatim, signatures and cosignatures included>
//
// Consistency (ours, in the same family): a header line, then exactly the body
// of a c2sp.org/tlog-witness add-checkpoint request, so a witness can be handed
// the lines after the header as they are:
//
//   aigc.dev/tlog-consistency-proof@v1
//   old <size of the older tree>
//   <base64 hash>            the RFC 6962 consistency proof, in RFC order (none when old is 0 or the same size)
//   (empty line)
//   <the newer checkpoint, verbatim>

import {isUtf8} from 'node:buffer';
import {decodeBase64, encodeBase64, parseDecimal, quoted} from './encoding.js';
import {TlogError} from './errors.js';
import {HASH_BYTES} from './merkle.js';

export const INCLUSION_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';
export const CONSISTENCY_PROOF_HEADER = 'aigc.dev/tlog-consistency-proof@v1';
/** A tree of 2^63 leaves needs 63 hashes; tlog-witness allows no more. */
const MAX_PROOF_HASHES = 63;

export interface InclusionProofText {
  index: number;
  /** Opaque, unauthenticated extra data (the `extra` line), or null. */
  extra: Buffer | null;
  hashes: Buffer[];
  /** The checkpoint note, verbatim. */
  checkpoint: string;
}

export interface ConsistencyProofText {
  oldSize: number;
  hashes: Buffer[];
  /** The newer checkpoint note, verbatim. */
  checkpoint: string;
}

function malformed(what: string, reason: string): TlogError {
  return new TlogError('malformed-proof', `not ${what}: ${reason}`);
}

function hashLines(hashes: readonly Uint8Array[]): string {
  return hashes.map((hash) => `${encodeBase64(hash)}\n`).join('');
}

function withFinalNewline(note: string): string {
  return note.endsWith('\n') ? note : `${note}\n`;
}

export function formatInclusionProof(proof: {index: number; hashes: readonly Uint8Array[]; checkpoint: string; extra?: Uint8Array | null}): string {
  const extra = proof.extra === undefined || proof.extra === null ? '' : `extra ${encodeBase64(proof.extra)}\n`;
  return `${INCLUSION_PROOF_HEADER}\n${extra}index ${proof.index}\n${hashLines(proof.hashes)}\n${withFinalNewline(proof.checkpoint)}`;
}

export function formatConsistencyProof(proof: {oldSize: number; hashes: readonly Uint8Array[]; checkpoint: string}): string {
  return `${CONSISTENCY_PROOF_HEADER}\nold ${proof.oldSize}\n${hashLines(proof.hashes)}\n${withFinalNewline(proof.checkpoint)}`;
}

function proofLines(text: string | Uint8Array, what: string, header: string): string[] {
  if (typeof text !== 'string') {
    if (!isUtf8(text)) throw malformed(what, 'it is not valid UTF-8');
    text = Buffer.from(text).toString('utf8');
  }
  const lines = text.split('\n');
  // Not quoted: the file may be anything a path was pointed at.
  if (lines[0] !== header) throw malformed(what, `the first line is not ${header}`);
  return lines;
}

/** Hash lines from `lines[from]` up to the empty line; returns them and where the checkpoint starts. */
function readHashes(lines: readonly string[], from: number, what: string): {hashes: Buffer[]; next: number} {
  const hashes: Buffer[] = [];
  let at = from;
  for (; at < lines.length && lines[at] !== ''; at++) {
    const hash = decodeBase64(lines[at]);
    if (hash === null || hash.length !== HASH_BYTES) throw malformed(what, `line ${at + 1} is not the base64 of a ${HASH_BYTES}-byte hash`);
    hashes.push(hash);
    if (hashes.length > MAX_PROOF_HASHES) throw malformed(what, `it has more than ${MAX_PROOF_HASHES} hashes`);
  }
  if (at >= lines.length) throw malformed(what, 'there is no empty line before the checkpoint');
  return {hashes, next: at + 1};
}

function checkpointFrom(lines: readonly string[], from: number, what: string): string {
  const checkpoint = lines.slice(from).join('\n');
  if (checkpoint.trim() === '') throw malformed(what, 'it holds no checkpoint');
  return checkpoint;
}

/** Parses a `c2sp.org/tlog-proof@v1` text (the checkpoint in it is read, not verified, by the caller). */
export function parseInclusionProof(text: string | Uint8Array): InclusionProofText {
  const what = 'a c2sp.org/tlog-proof@v1 proof';
  const lines = proofLines(text, what, INCLUSION_PROOF_HEADER);
  let at = 1;
  let extra: Buffer | null = null;
  if (lines[at]?.startsWith('extra ')) {
    extra = decodeBase64(lines[at].slice('extra '.length));
    if (extra === null) throw malformed(what, 'the extra line is not base64');
    at++;
  }
  const indexLine = lines[at] ?? '';
  const index = indexLine.startsWith('index ') ? parseDecimal(indexLine.slice('index '.length)) : null;
  if (index === null) throw malformed(what, `line ${at + 1} is ${quoted(indexLine)}, not "index N" with N a decimal without leading zeroes`);
  const {hashes, next} = readHashes(lines, at + 1, what);
  return {index, extra, hashes, checkpoint: checkpointFrom(lines, next, what)};
}

/** Parses an `aigc.dev/tlog-consistency-proof@v1` text. */
export function parseConsistencyProof(text: string | Uint8Array): ConsistencyProofText {
  const what = `an ${CONSISTENCY_PROOF_HEADER} proof`;
  const lines = proofLines(text, what, CONSISTENCY_PROOF_HEADER);
  const oldLine = lines[1] ?? '';
  const oldSize = oldLine.startsWith('old ') ? parseDecimal(oldLine.slice('old '.length)) : null;
  if (oldSize === null) throw malformed(what, `line 2 is ${quoted(oldLine)}, not "old N" with N a decimal without leading zeroes`);
  const {hashes, next} = readHashes(lines, 2, what);
  return {oldSize, hashes, checkpoint: checkpointFrom(lines, next, what)};
}
