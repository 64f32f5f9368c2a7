// What verifying one line of a trail can find from that line alone: whether
// it parses and is a chained artifact, its canonical forms, whether its
// checksum matches and its signature verifies. The same `LineExaminer` runs on
// the main thread and in worker threads (parallel.ts); its `LineFacts` are
// plain data (they cross threads), and what depends on other lines (the index
// sequence, the links, which chain) is left to `TrailVerifier` (trail.ts).

import {createHmac, createSecretKey, type KeyObject, timingSafeEqual} from 'node:crypto';
import {sha256Hex} from '../../canonical/canonical.js';
import {CanonicalJsonError, canonicalJson, JsonSyntaxError, parseJson} from '../../canonical/index.js';
import {hasEscapedSurrogate, NOT_PLAIN, sortedPlainCopy, sortedPlainKeys} from '../../canonical/plain.js';
import type {JsonlRecord} from '../../io/jsonl.js';
import {batchRecords, type LineBatch} from '../../io/jsonl-batches.js';
import {compareCodePoints} from '../../python/semantics.js';
import {isDict, PyFloat, type PyDict, type PyValue} from '../../python/values.js';
import {type ArtifactSigner, CHAIN_FIELDS} from '../signing.js';
import type {ArtifactLine, LineFacts, LineProblem, ShownValue, SignatureCheck, SignatureVerdict} from './types.js';

/** HMAC-SHA256 under `key`, as `HmacSigner.verify` checks it, without encoding the payload twice. */
export function hmacSignatureCheck(key: Uint8Array): SignatureCheck {
  const secret: KeyObject = createSecretKey(key);
  return (payload, signature) => {
    const expected = Buffer.from(createHmac('sha256', secret).update(payload, 'utf8').digest('hex'), 'latin1');
    const given = Buffer.from(signature, 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
}

export function signerSignatureCheck(signer: ArtifactSigner): SignatureCheck {
  return (payload, signature) => signer.verify(Buffer.from(payload, 'utf8'), signature);
}

export interface LineExaminerOptions {
  signatureCheck: SignatureCheck | null;
  allowUnsigned: boolean;
}

const INVALID_LINE_CODES = {json: 'invalid-json', utf8: 'invalid-utf8', 'too-long': 'line-too-long', truncated: 'truncated'} as const;
const SIGNATURE_EXCLUDED: ReadonlySet<string> = new Set(['signature', ...CHAIN_FIELDS]);

/** The canonical texts one artifact is hashed and signed over, built in one pass over its sorted keys. */
interface CanonicalForms {
  /** Everything but `checksum`: what `checksum` covers. */
  withoutChecksum: string;
  /** The whole artifact, for legacy links; only when `checksum` is present but null. */
  whole: string | null;
  /** Everything but `signature` and the chain fields: the signature payload; null without a signature check. */
  signed: string | null;
}

/** Examines lines one at a time; keeps only caches between them. */
export class LineExaminer {
  private readonly signatureCheck: SignatureCheck | null;
  private readonly allowUnsigned: boolean;
  private sortedKeysFor = '';
  private sortedKeys: string[] = [];
  /** Whether the last line was parsed natively (its value is plain JSON, see `parse`). */
  private plainValue = false;

  constructor(options: LineExaminerOptions) {
    this.signatureCheck = options.signatureCheck;
    this.allowUnsigned = options.allowUnsigned;
  }

  /**
   * Parses a line for `readJsonLines`. Only canonical bytes matter here, so
   * lines are parsed natively, several times faster; a value `JSON.parse` may
   * have read inexactly (an integer beyond 2^53) is caught when its canonical
   * form is written (`plainForms`) and the line is then read again exactly.
   * What `JSON.parse` refuses is read as `json.loads` would (it accepts NaN and
   * Infinity and words the errors).
   */
  readonly parse = (text: string): PyValue => {
    try {
      const value = JSON.parse(text) as PyValue;
      this.plainValue = true;
      return value;
    } catch {
      this.plainValue = false;
      return parseJson(text);
    }
  };

  /** The facts of a record read with `parse`. */
  examine(record: JsonlRecord): LineFacts {
    const line = record.line;
    if (record.kind === 'invalid') return {kind: 'unreadable', line, problem: {code: INVALID_LINE_CODES[record.reason], message: record.message}};
    let artifact = record.value;
    if (!isDict(artifact)) {
      return {kind: 'unchained', line, isObject: false, chainId: null, problem: {code: 'not-an-object', message: `line ${line} is not a JSON object`}};
    }
    const chainId = artifact.chain_id;
    if (typeof chainId !== 'string') {
      const message = 'the artifact has no chain_id string: it is not part of a chain';
      return {kind: 'unchained', line, isObject: true, chainId: null, problem: {code: 'not-chained', message, ...presence(artifact, 'chain_id')}};
    }
    let forms: CanonicalForms | null = null;
    if (this.plainValue) {
      forms = this.plainForms(artifact);
      if (forms === null) {
        const exact = exactValue(record.text);
        if (exact === null) {
          const message = `line ${line} is nested too deeply to be read as the reference reads JSON`;
          return {kind: 'unchained', line, isObject: true, chainId, problem: {code: 'invalid-json', message}};
        }
        artifact = exact;
      }
    }
    return this.examineArtifact(artifact, chainId, line, forms);
  }

  /** `plainForms`: the canonical texts, when already written natively. */
  private examineArtifact(artifact: PyDict, chainId: string, line: number, plainForms: CanonicalForms | null): ArtifactLine {
    const problems: LineProblem[] = [];
    const forms = plainForms ?? this.exactForms(artifact, problems);
    const stored = artifact.checksum;
    let link: string | null;
    let sound = forms !== null;
    let authentic = true;
    if (stored !== undefined && stored !== null) {
      link = typeof stored === 'string' ? stored : canonicalOrNull(stored);
      authentic = sound;
      if (forms !== null) {
        const recomputed = sha256Hex(forms.withoutChecksum);
        if (recomputed !== stored) {
          sound = authentic = false;
          const message = 'the artifact was modified after it was chained: its checksum does not match its content';
          problems.push({code: 'checksum-mismatch', message, expected: recomputed, found: shown(stored)});
        }
      }
    } else {
      link = forms === null ? null : sha256Hex(forms.whole ?? forms.withoutChecksum);
    }
    // A missing field reads as null, as `dict.get` does in the reference.
    const previous = artifact.previous_audit_checksum ?? null;
    const facts: ArtifactLine = {
      kind: 'artifact',
      line,
      chainId,
      index: integerIndex(artifact.chain_index),
      previous: typeof previous === 'string' || previous === null ? previous : false,
      link,
      authentic,
      sound,
      signature: this.signatureVerdict(artifact, forms, problems),
      problems,
    };
    if ('chain_index' in artifact) facts.indexFound = shown(artifact.chain_index);
    if ('previous_audit_checksum' in artifact) facts.previousFound = shown(artifact.previous_audit_checksum);
    return facts;
  }

  private signatureVerdict(artifact: PyDict, forms: CanonicalForms | null, problems: LineProblem[]): SignatureVerdict {
    if (this.signatureCheck === null) return 'not-checked';
    const signature = artifact.signature;
    if (signature === undefined || signature === null) {
      if (this.allowUnsigned) return 'unsigned-allowed';
      const message = 'the artifact is not signed (use --allow-unsigned to accept unsigned artifacts)';
      problems.push({code: 'unsigned', message, ...presence(artifact, 'signature')});
      return 'problem';
    }
    if (typeof signature !== 'string') {
      problems.push({code: 'signature-malformed', message: 'the signature is not a string', found: shown(signature)});
      return 'problem';
    }
    if (forms?.signed == null) return 'unverifiable';
    if (this.signatureCheck(forms.signed, signature)) return 'valid';
    const message = 'the signature does not verify with the key: the artifact was altered or signed with another key';
    problems.push({code: 'signature-invalid', message, found: signature});
    return 'problem';
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
    return {withoutChecksum: `{${withoutChecksum}}`, whole: null, signed: this.signatureCheck === null ? null : `{${signed}}`};
  }

  /** The forms written by `canonicalJson`, member by member; null (after noting the problem) when there is none. */
  private exactForms(artifact: PyDict, problems: LineProblem[]): CanonicalForms | null {
    const keys = this.keysInOrder(artifact);
    const signing = this.signatureCheck !== null;
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
      problems.push({code: 'not-canonical', message: `the artifact cannot be put in canonical form to be hashed: ${error.message}`});
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
}

/** The facts of every line of a batch, in order. */
export function examineBatch(batch: LineBatch, examiner: LineExaminer, maxLineBytes?: number): LineFacts[] {
  const facts: LineFacts[] = [];
  for (const record of batchRecords(batch, examiner.parse, maxLineBytes)) facts.push(examiner.examine(record));
  return facts;
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

/** A value as a problem shows it: JSON scalars as they are, anything else as canonical JSON text. */
export function shown(value: PyValue | undefined): ShownValue {
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
