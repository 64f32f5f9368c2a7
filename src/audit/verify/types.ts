// The types verification's modules share: the report and options of the
// public API, the facts one line shows (plain data, they cross threads), and
// what a worker is started with. Imports no module of this folder, so each of
// them may import it.

import type {Readable} from 'node:stream';
import type {JsonlSource} from '../../io/jsonl.js';
import type {ArtifactSigner} from '../signing.js';

export type VerifyProblemCode =
  /** A line that is not valid JSON. */
  | 'invalid-json'
  /** A line that is not valid UTF-8. */
  | 'invalid-utf8'
  /** A line over the size limit (skipped unread). */
  | 'line-too-long'
  /** The last line has no newline and is incomplete. */
  | 'truncated'
  /** A JSON value that is not an object. */
  | 'not-an-object'
  /** An object without a string `chain_id`. */
  | 'not-chained'
  /** The file holds no artifacts at all. */
  | 'no-artifacts'
  /** `chain_index` is not the next one of its chain. */
  | 'chain-index'
  /** The artifact links to one chain but names another. */
  | 'chain-id'
  /** `previous_audit_checksum` is not the checksum of the chain's previous artifact. */
  | 'broken-link'
  /** `checksum` does not match the artifact's content. */
  | 'checksum-mismatch'
  /** The artifact holds values with no canonical form (NaN, lone surrogates), so it cannot be hashed. */
  | 'not-canonical'
  /** No signature, and unsigned artifacts are not allowed. */
  | 'unsigned'
  /** A signature that is not a string. */
  | 'signature-malformed'
  /** A signature that does not verify with the key. */
  | 'signature-invalid';

/** A value as a problem shows it: JSON scalars as they are, anything else as canonical JSON text. */
export type ShownValue = string | number | boolean | null;

export interface VerifyProblem {
  code: VerifyProblemCode;
  message: string;
  file: string;
  /** 1-based line, or null for a problem of the whole file. */
  line: number | null;
  chainId: string | null;
  /** The artifact's place in its chain: its `chain_index` when that is an integer, else the expected one. */
  index: number | null;
  /** Absent when the problem has no single expected value; `found` is absent when the field is missing. */
  expected?: ShownValue;
  found?: ShownValue;
  /** For a broken link: the line of the chain's previous artifact. */
  previousLine?: number;
}

export interface ChainSummary {
  chainId: string;
  firstLine: number;
  lastLine: number;
  artifacts: number;
  /** Artifacts with no index, link, chain id or checksum problem. */
  intact: number;
  /** Signatures checked (unsigned artifacts count unless allowed); 0 without a signer. */
  signaturesChecked: number;
  signaturesValid: number;
  /** Unsigned artifacts accepted by `allowUnsigned`. */
  unsignedAllowed: number;
  /** The last artifact's `chain_index` and link checksum, to compare with an anchored copy (a cut tail is otherwise invisible). */
  lastIndex: number | null;
  lastChecksum: string | null;
}

/** Where a chain of a file starts: a chain continued from an earlier file (daily rotation) starts past index 0, linked to that file's last checksum. */
export interface ChainStart {
  chainId: string;
  /** The first artifact's `chain_index` (null when not an integer). */
  firstIndex: number | null;
  /** Its `previous_audit_checksum` (null when null, missing or not a string). */
  firstPrevious: string | null;
}

export interface FileVerifyResult {
  file: string;
  /** The last line read that was not blank (so blank lines before it count). */
  lines: number;
  /** JSON objects read (chained or not). */
  artifacts: number;
  unreadableLines: number;
  chains: ChainSummary[];
  /** Where each chain starts, in the order of `chains`. */
  chainStarts: ChainStart[];
  problemCount: number;
}

export interface VerifyReport {
  files: FileVerifyResult[];
  /** The first `maxErrors` problems, in file order. */
  problems: VerifyProblem[];
  problemCount: number;
  /** Whether signatures were checked (a signer was given). */
  signaturesChecked: boolean;
  allowUnsigned: boolean;
  valid: boolean;
}

export interface VerifyProgress {
  file: string;
  /** Bytes of the current file read so far. */
  bytesRead: number;
  artifacts: number;
  problems: number;
}

export interface VerifyOptions {
  /** Checks every signature with this signer; without one (or `signingKey`), signatures are not checked. */
  signer?: ArtifactSigner | null;
  /** Checks every signature with HMAC-SHA256 under these key bytes (as `HmacSigner` does); unlike `signer`, usable by worker threads. Wins over `signer`. */
  signingKey?: Uint8Array | null;
  /**
   * Threads examining a file's lines: 1 is this thread alone; N adds N - 1
   * worker threads. By default, one per available CPU (at most 4) for files
   * of 8 MiB or more, 1 for smaller ones. Streams and stdin are always read on this thread
   * alone, and so is everything when the worker script is not built (running
   * from TypeScript sources) or the signer is not a key (`signingKey`).
   */
  threads?: number;
  /** With a signer: an unsigned artifact is accepted (counted, not checked) instead of being a problem. */
  allowUnsigned?: boolean;
  /** Problems kept in the report (counting goes on); default 1000. */
  maxErrors?: number;
  /** Lines longer than this are reported and skipped (see `readJsonLines`). */
  maxLineBytes?: number;
  /** Called now and then while reading (every few thousand lines and every chunk). */
  onProgress?: (progress: VerifyProgress) => void;
  /** What `-` reads. */
  stdin?: Readable;
}

export interface VerifyInput {
  /** The name problems are reported under (a path, or `-`). */
  file: string;
  source: JsonlSource;
}

/** A problem as one line shows it; the verifier adds the file, line, chain and index. */
export interface LineProblem {
  code: VerifyProblemCode;
  message: string;
  expected?: ShownValue;
  found?: ShownValue;
}

/** A line that could not be read (see `readJsonLines`). */
export interface UnreadableLine {
  kind: 'unreadable';
  line: number;
  problem: LineProblem;
}

/** A value that is not a chained artifact (not an object, no chain id, unreadable as the reference reads it). */
export interface UnchainedLine {
  kind: 'unchained';
  line: number;
  /** Whether it counts as an artifact (a JSON object). */
  isObject: boolean;
  chainId: string | null;
  problem: LineProblem;
}

/** What signature checking found: not done (no key), or what the chain summary counts. */
export type SignatureVerdict = 'not-checked' | 'valid' | 'problem' | 'unverifiable' | 'unsigned-allowed';

export interface ArtifactLine {
  kind: 'artifact';
  line: number;
  chainId: string;
  /** `chain_index` when it can be a position (an integer), else null. */
  index: number | null;
  /** `chain_index` as a problem shows it; absent when the field is. */
  indexFound?: ShownValue;
  /** `previous_audit_checksum` when it is a string or null (a missing field reads as null); false for any other value, which links to nothing. */
  previous: string | null | false;
  /** `previous_audit_checksum` as a problem shows it; absent when the field is. */
  previousFound?: ShownValue;
  /** What the chain's next artifact must link to: the stored checksum, or for a legacy artifact the hash of the whole. */
  link: string | null;
  /** The content hashes to its stored checksum (or has none to check). */
  authentic: boolean;
  /** The artifact has a canonical form and no checksum mismatch. */
  sound: boolean;
  signature: SignatureVerdict;
  /** Its own problems, in the order they are reported (after any about its place in the chain). */
  problems: LineProblem[];
}

export type LineFacts = UnreadableLine | UnchainedLine | ArtifactLine;

/** How signatures are checked: over the payload text; null when they are not. */
export type SignatureCheck = (payload: string, signature: string) => boolean;

/** What a worker is started with. The key travels only here, never in a message or a log. */
export interface VerifyWorkerData {
  signingKey: Uint8Array | null;
  allowUnsigned: boolean;
  maxLineBytes: number | undefined;
}
