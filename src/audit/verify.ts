// Verification of hash-chained audit trails (JSONL), streaming and in constant
// memory per chain: only each chain's last link, next index and counts are kept.
//
// Artifacts are grouped by `chain_id` (several chains may share a file) and each
// chain is checked in file order like the reference's `verify_chain`: the
// `chain_index` sequence, the `previous_audit_checksum` link, the `checksum`
// recomputed over the canonical form (legacy artifacts without one link by the
// hash of the whole artifact) and, given a signer, the HMAC signature (payload
// per compatibility.md §3). Unlike the reference, verification resynchronises
// after a problem, so each tampering is reported where it happened instead of
// at every later position, and every problem carries a stable code, its line,
// and what was expected and found.

import {createHash} from 'node:crypto';
import type {Readable} from 'node:stream';
import {CanonicalJsonError, canonicalJson, JsonSyntaxError, parseJson} from '../canonical/index.js';
import {hasEscapedSurrogate, NOT_PLAIN, sortedPlainCopy, sortedPlainKeys} from '../canonical/plain.js';
import {type JsonlRecord, type JsonlSource, readJsonLines} from '../io/jsonl.js';
import {compareCodePoints} from '../python/semantics.js';
import {isDict, PyFloat, type PyDict, type PyValue} from '../python/values.js';
import {type ArtifactSigner, CHAIN_FIELDS} from './signing.js';

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

export interface FileVerifyResult {
  file: string;
  /** The last line read that was not blank (so blank lines before it count). */
  lines: number;
  /** JSON objects read (chained or not). */
  artifacts: number;
  unreadableLines: number;
  chains: ChainSummary[];
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
  /** Checks every signature with this signer; without one, signatures are not checked. */
  signer?: ArtifactSigner | null;
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

export const DEFAULT_MAX_ERRORS = 1000;
const PROGRESS_EVERY = 4096;

/** Verifies each input in turn; throws `JsonlSourceError` for a source that cannot be read. */
export async function verifyTrails(inputs: readonly VerifyInput[], options: VerifyOptions = {}): Promise<VerifyReport> {
  const problems = new ProblemList(options.maxErrors ?? DEFAULT_MAX_ERRORS);
  const files: FileVerifyResult[] = [];
  for (const input of inputs) {
    const verifier = new TrailVerifier(input.file, options, problems);
    const onProgress = options.onProgress;
    let bytesRead = 0;
    const onRead = onProgress ? (bytes: number) => onProgress(verifier.progress((bytesRead = bytes))) : undefined;
    const records = readJsonLines(input.source, {maxLineBytes: options.maxLineBytes, stdin: options.stdin, onRead, parse: verifier.parseLine});
    let count = 0;
    for await (const record of records) {
      verifier.accept(record);
      if (onProgress !== undefined && ++count % PROGRESS_EVERY === 0) onProgress(verifier.progress(bytesRead));
    }
    files.push(verifier.finish());
  }
  return {
    files,
    problems: problems.kept,
    problemCount: problems.count,
    signaturesChecked: Boolean(options.signer),
    allowUnsigned: Boolean(options.allowUnsigned),
    valid: problems.count === 0,
  };
}

/** Problems of a whole run: all counted, the first `max` kept. */
export class ProblemList {
  readonly kept: VerifyProblem[] = [];
  count = 0;
  constructor(private readonly max: number) {}

  add(problem: VerifyProblem): void {
    this.count++;
    if (this.kept.length < this.max) this.kept.push(problem);
  }
}

interface ChainState extends ChainSummary {
  /** The index the next artifact should have. */
  nextIndex: number;
  /** What the next artifact's `previous_audit_checksum` should be. */
  link: string | null;
}

const INVALID_LINE_CODES = {json: 'invalid-json', utf8: 'invalid-utf8', 'too-long': 'line-too-long', truncated: 'truncated'} as const;
const SIGNATURE_EXCLUDED: ReadonlySet<string> = new Set(['signature', ...CHAIN_FIELDS]);

/** The canonical texts one artifact is hashed and signed over, built in one pass over its sorted keys. */
interface CanonicalForms {
  /** Everything but `checksum`: what `checksum` covers. */
  withoutChecksum: string;
  /** The whole artifact, for legacy links; only when `checksum` is present but null. */
  whole: string | null;
  /** Everything but `signature` and the chain fields: the signature payload; null without a signer. */
  signed: string | null;
}

/** Verifies the records of one file. */
export class TrailVerifier {
  artifacts = 0;
  private lines = 0;
  private unreadable = 0;
  private lastUnreadableLine = 0;
  private readonly problemsBefore: number;
  private readonly chains = new Map<string, ChainState>();
  private readonly signer: ArtifactSigner | null;
  private readonly allowUnsigned: boolean;
  private sortedKeysFor = '';
  private sortedKeys: string[] = [];
  /** Whether the last line was parsed natively (its value is plain JSON, see `parseLine`). */
  private plainValue = false;

  constructor(
    readonly file: string,
    options: VerifyOptions,
    private readonly problems: ProblemList,
  ) {
    this.signer = options.signer ?? null;
    this.allowUnsigned = Boolean(options.allowUnsigned);
    this.problemsBefore = problems.count;
  }

  /**
   * Parses a line for `readJsonLines`. Only canonical bytes matter here, so
   * lines are parsed natively, several times faster; a value `JSON.parse` may
   * have read inexactly (an integer beyond 2^53) is caught when its canonical
   * form is written (`plainForms`) and the line is then read again exactly.
   * What `JSON.parse` refuses is read as `json.loads` would (it accepts NaN and
   * Infinity and words the errors).
   */
  readonly parseLine = (text: string): PyValue => {
    try {
      const value = JSON.parse(text) as PyValue;
      this.plainValue = true;
      return value;
    } catch {
      this.plainValue = false;
      return parseJson(text);
    }
  };

  progress(bytesRead: number): VerifyProgress {
    return {file: this.file, bytesRead, artifacts: this.artifacts, problems: this.problems.count};
  }

  accept(record: JsonlRecord): void {
    this.lines = record.line;
    if (record.kind === 'invalid') {
      this.unreadable++;
      this.lastUnreadableLine = record.line;
      this.report(INVALID_LINE_CODES[record.reason], record.message, record.line, null, null);
      return;
    }
    let artifact = record.value;
    if (!isDict(artifact)) {
      this.report('not-an-object', `line ${record.line} is not a JSON object`, record.line, null, null);
      return;
    }
    this.artifacts++;
    const chainId = artifact.chain_id;
    if (typeof chainId !== 'string') {
      const found = 'chain_id' in artifact ? {found: shown(chainId)} : {};
      this.report('not-chained', 'the artifact has no chain_id string: it is not part of a chain', record.line, null, null, found);
      return;
    }
    let forms: CanonicalForms | null = null;
    if (this.plainValue) {
      forms = this.plainForms(artifact);
      if (forms === null) {
        const exact = exactValue(record.text);
        if (exact === null) {
          this.report('invalid-json', `line ${record.line} is nested too deeply to be read as the reference reads JSON`, record.line, chainId, null);
          return;
        }
        artifact = exact;
      }
    }
    this.check(artifact, chainId, record.line, forms);
  }

  finish(): FileVerifyResult {
    if (this.artifacts === 0 && this.unreadable === 0) {
      this.report('no-artifacts', 'the file holds no artifacts', null, null, null);
    }
    const chains: ChainSummary[] = [];
    for (const state of this.chains.values()) {
      const {nextIndex: _next, link: _link, ...summary} = state;
      chains.push(summary);
    }
    return {
      file: this.file,
      lines: this.lines,
      artifacts: this.artifacts,
      unreadableLines: this.unreadable,
      chains,
      problemCount: this.problems.count - this.problemsBefore,
    };
  }

  /** `plainForms`: the canonical texts, when already written natively. */
  private check(artifact: PyDict, chainId: string, line: number, plainForms: CanonicalForms | null): void {
    const found = artifact.chain_index;
    const foundIndex = integerIndex(found);
    let state = this.chains.get(chainId);
    let intact = true;
    if (state === undefined) {
      const linkedTo = this.chainEndingWith(artifact.previous_audit_checksum);
      if (linkedTo !== undefined) {
        intact = false;
        this.report('chain-id', `the artifact links to the end of chain ${linkedTo.chainId} but its chain_id is ${JSON.stringify(chainId)}`, line, linkedTo.chainId, foundIndex ?? linkedTo.nextIndex, {expected: linkedTo.chainId, found: chainId});
        state = linkedTo;
      } else {
        state = newChain(chainId, line);
        this.chains.set(chainId, state);
      }
    }
    const index = foundIndex ?? state.nextIndex;

    if (foundIndex !== state.nextIndex) {
      intact = false;
      this.report('chain-index', indexMessage(state, found, foundIndex), line, state.chainId, index, {expected: state.nextIndex, ...presence(artifact, 'chain_index')});
    }

    // A missing field reads as null, as `dict.get` does in the reference.
    const previous = artifact.previous_audit_checksum ?? null;
    if (previous !== state.link) {
      intact = false;
      const extra = state.artifacts > 0 ? {previousLine: state.lastLine} : {};
      this.report('broken-link', linkMessage(state, this.lastUnreadableLine), line, state.chainId, index, {expected: state.link, ...presence(artifact, 'previous_audit_checksum'), ...extra});
    }

    const forms = plainForms ?? this.exactForms(artifact, line, state.chainId, index);
    const stored = artifact.checksum;
    let link: string | null;
    let authentic = true;
    if (stored !== undefined && stored !== null) {
      link = typeof stored === 'string' ? stored : canonicalOrNull(stored);
      if (forms !== null) {
        const recomputed = sha256(forms.withoutChecksum);
        if (recomputed !== stored) {
          intact = false;
          authentic = false;
          this.report('checksum-mismatch', 'the artifact was modified after it was chained: its checksum does not match its content', line, state.chainId, index, {expected: recomputed, found: shown(stored)});
        }
      } else {
        intact = false;
        authentic = false;
      }
    } else {
      link = forms === null ? null : sha256(forms.whole ?? forms.withoutChecksum);
      if (forms === null) intact = false;
    }

    if (this.signer !== null) this.checkSignature(artifact, forms, state, line, index);

    // A verified artifact's own index is trusted, so one gap or repeat is reported once;
    // an altered one is taken to stand where the next artifact should.
    state.nextIndex = authentic && foundIndex !== null ? foundIndex + 1 : state.nextIndex + 1;
    state.link = link;
    state.artifacts++;
    if (intact) state.intact++;
    state.lastLine = line;
    state.lastIndex = foundIndex;
    state.lastChecksum = link;
  }

  private checkSignature(artifact: PyDict, forms: CanonicalForms | null, state: ChainState, line: number, index: number): void {
    const signature = artifact.signature;
    if (signature === undefined || signature === null) {
      if (this.allowUnsigned) {
        state.unsignedAllowed++;
        return;
      }
      state.signaturesChecked++;
      this.report('unsigned', 'the artifact is not signed (use --allow-unsigned to accept unsigned artifacts)', line, state.chainId, index, presence(artifact, 'signature'));
      return;
    }
    state.signaturesChecked++;
    if (typeof signature !== 'string') {
      this.report('signature-malformed', 'the signature is not a string', line, state.chainId, index, {found: shown(signature)});
      return;
    }
    if (forms?.signed == null) return;
    if (this.signer!.verify(Buffer.from(forms.signed, 'utf8'), signature)) {
      state.signaturesValid++;
    } else {
      this.report('signature-invalid', 'the signature does not verify with the key: the artifact was altered or signed with another key', line, state.chainId, index, {found: signature});
    }
  }

  /**
   * The forms written natively from sorted copies; null when the exact writer
   * is needed. Runs of consecutive members the signature covers are written
   * together, once, and shared by both texts; the members it skips (signature
   * and chain fields) are written alone and spliced into the checksum's text.
   */
  private plainForms(artifact: PyDict): CanonicalForms | null {
    const keys = sortedPlainKeys(artifact);
    if (keys === null || artifact.checksum === null) return null;
    let signed = '';
    let withoutChecksum = '';
    let run: Record<string, unknown> | null = null;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === 'checksum') continue;
      const copy = sortedPlainCopy(artifact[key]);
      if (copy === NOT_PLAIN) return null;
      if (!SIGNATURE_EXCLUDED.has(key)) {
        run ??= {};
        run[key] = copy;
        continue;
      }
      if (run !== null) {
        const members = membersText(run);
        signed = joinMembers(signed, members);
        withoutChecksum = joinMembers(withoutChecksum, members);
        run = null;
      }
      withoutChecksum = joinMembers(withoutChecksum, `${JSON.stringify(key)}:${JSON.stringify(copy)}`);
    }
    if (run !== null) {
      const members = membersText(run);
      signed = joinMembers(signed, members);
      withoutChecksum = joinMembers(withoutChecksum, members);
    }
    if (hasEscapedSurrogate(withoutChecksum)) return null;
    return {withoutChecksum: `{${withoutChecksum}}`, whole: null, signed: this.signer === null ? null : `{${signed}}`};
  }

  /** The forms written by `canonicalJson`, member by member; null (after reporting) when there is none. */
  private exactForms(artifact: PyDict, line: number, chainId: string, index: number): CanonicalForms | null {
    const keys = this.keysInOrder(artifact);
    const signing = this.signer !== null;
    let withoutChecksum = '{';
    let signed = '{';
    let checksumMember: string | null = null;
    try {
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const member = `${canonicalJson(key)}:${canonicalJson(artifact[key])}`;
        if (key === 'checksum') {
          checksumMember = member;
          continue;
        }
        withoutChecksum += withoutChecksum.length === 1 ? member : `,${member}`;
        if (signing && !SIGNATURE_EXCLUDED.has(key)) signed += signed.length === 1 ? member : `,${member}`;
      }
    } catch (error) {
      // RangeError: nesting too deep to write.
      if (!(error instanceof CanonicalJsonError || error instanceof RangeError)) throw error;
      this.report('not-canonical', `the artifact cannot be put in canonical form to be hashed: ${error.message}`, line, chainId, index);
      return null;
    }
    withoutChecksum += '}';
    const whole = checksumMember !== null && artifact.checksum === null ? canonicalJson(artifact) : null;
    return {withoutChecksum, whole, signed: signing ? `${signed}}` : null};
  }

  /** Sorted keys, reused while consecutive artifacts have the same keys in the same order (the usual case). */
  private keysInOrder(artifact: PyDict): string[] {
    const keys = Object.keys(artifact);
    const shape = keys.join('\u0000');
    if (shape !== this.sortedKeysFor) {
      this.sortedKeysFor = shape;
      this.sortedKeys = keys.sort(compareCodePoints);
    }
    return this.sortedKeys;
  }

  /** The chain whose last link is `previous`, when an artifact with an unknown chain id points there. */
  private chainEndingWith(previous: PyValue | undefined): ChainState | undefined {
    if (typeof previous !== 'string') return undefined;
    for (const state of this.chains.values()) if (state.link === previous) return state;
    return undefined;
  }

  private report(
    code: VerifyProblemCode,
    message: string,
    line: number | null,
    chainId: string | null,
    index: number | null,
    values: {expected?: ShownValue; found?: ShownValue; previousLine?: number} = {},
  ): void {
    this.problems.add({code, message, file: this.file, line, chainId, index, ...values});
  }
}

/** An object's members as JSON text, without the braces. */
function membersText(members: Record<string, unknown>): string {
  const text = JSON.stringify(members);
  return text.slice(1, -1);
}

function joinMembers(text: string, members: string): string {
  return text === '' ? members : `${text},${members}`;
}

/** The line read exactly as `json.loads` would (for a value `JSON.parse` may have rounded); null when it nests too deeply. */
function exactValue(text: string): PyDict | null {
  try {
    return parseJson(text) as PyDict;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return null;
    throw error;
  }
}

function newChain(chainId: string, line: number): ChainState {
  return {
    chainId,
    firstLine: line,
    lastLine: line,
    artifacts: 0,
    intact: 0,
    signaturesChecked: 0,
    signaturesValid: 0,
    unsignedAllowed: 0,
    lastIndex: null,
    lastChecksum: null,
    nextIndex: 0,
    link: null,
  };
}

function indexMessage(state: ChainState, found: PyValue | undefined, foundIndex: number | null): string {
  if (found === undefined) return 'chain_index is missing';
  if (foundIndex === null) return 'chain_index is not an integer';
  if (state.artifacts === 0) return 'the chain starts here without its first artifact (chain_index 0): the start of the chain is missing';
  if (foundIndex > state.nextIndex) {
    const missing = foundIndex - state.nextIndex;
    return `${missing} artifact${missing === 1 ? ' is' : 's are'} missing before this one`;
  }
  return 'chain_index goes back: a duplicated or reordered artifact';
}

function linkMessage(state: ChainState, lastUnreadableLine: number): string {
  if (state.artifacts === 0) return 'the first artifact of a chain must have previous_audit_checksum null';
  const unreadable = lastUnreadableLine > state.lastLine ? ` (line ${lastUnreadableLine} between them could not be read)` : '';
  return `previous_audit_checksum is not the checksum of the chain's previous artifact (line ${state.lastLine})${unreadable}: one of them was changed, removed or moved`;
}

/**
 * A `chain_index` that can be a position: an integer (bool excluded). An
 * integral float counts, as `1.0 == 1` in the reference and `1.0` has the same
 * canonical form (and so the same checksum) as `1`.
 */
function integerIndex(value: PyValue | undefined): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  return value instanceof PyFloat && Number.isSafeInteger(value.value) ? value.value : null;
}

/** `{found}` with the field's value, or nothing when the field is missing. */
function presence(artifact: PyDict, field: string): {found?: ShownValue} {
  return field in artifact ? {found: shown(artifact[field])} : {};
}

function shown(value: PyValue | undefined): ShownValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (value instanceof PyFloat) return value.value;
  if (typeof value === 'bigint') return value.toString();
  const text = canonicalOrNull(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function canonicalOrNull(value: PyValue): string | null {
  try {
    return canonicalJson(value);
  } catch {
    return null;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
