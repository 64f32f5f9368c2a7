// Attestations of files aigc writes: an in-toto Statement v1 in a DSSE
// envelope signed with the log's Ed25519 key. One signing and one opening path
// for every predicate type; the compliance export's predicate is here, the
// fleet report's in ../fleet/attestation.ts.
//
// - DSSE: the signature is Ed25519 over PAE(payloadType, payload) =
//   "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body; payloadType
//   `application/vnd.in-toto+json`; each signature's `keyid` is the signer's
//   verifier key (`name+hexid+base64`), a hint only: verification tries every
//   given key. Standard and URL-safe base64 are both read, as DSSE requires.
// - Statement: `_type` https://in-toto.io/Statement/v1, one subject (the
//   attested file's name and SHA-256) and a predicate type of ours, e.g.
//   https://aigc.dev/attestations/compliance-export/v1 (below).

import {createHash} from 'node:crypto';
import {createReadStream} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {basename} from 'node:path';
import {type OpenedCheckpoint, openCheckpoint} from './checkpoint.js';
import {encodeBase64, quoted} from './encoding.js';
import {TlogError, type TlogErrorCode} from './errors.js';
import type {NoteSigner, NoteVerifier} from './keys.js';
import {trailCheckpointPath} from './log.js';

export const DSSE_PAYLOAD_TYPE_IN_TOTO = 'application/vnd.in-toto+json';
export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
export const COMPLIANCE_EXPORT_PREDICATE_TYPE = 'https://aigc.dev/attestations/compliance-export/v1';

/** DSSE's pre-authentication encoding: what is actually signed. */
export function dssePae(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

export interface DsseSignature {
  keyid: string;
  sig: string;
}

export interface DsseEnvelope {
  payload: string;
  payloadType: string;
  signatures: DsseSignature[];
}

/** A DSSE envelope of `payload`, signed by each Ed25519 log key in `signers`. */
export function signDsseEnvelope(payloadType: string, payload: Uint8Array, signers: readonly NoteSigner[]): DsseEnvelope {
  const pae = dssePae(payloadType, payload);
  const signatures = signers.map((signer) => {
    if (signer.type !== 'ed25519') throw new TlogError('malformed-key', `${signer.name} is a cosignature key; an envelope is signed by an Ed25519 log key`);
    return {keyid: signer.verifierKey, sig: encodeBase64(signer.sign(pae))};
  });
  return {payload: encodeBase64(payload), payloadType, signatures};
}

export interface OpenedDsseEnvelope {
  payloadType: string;
  /** The payload exactly as verified (never re-read from the envelope). */
  payload: Buffer;
  signedBy: NoteVerifier[];
}

function malformedEnvelope(reason: string): TlogError {
  return new TlogError('malformed-envelope', `not a DSSE envelope: ${reason}`);
}

/** Standard or URL-safe base64, padded or not (DSSE allows either); null when it is neither. */
function decodeAnyBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/\-_]*={0,2}$/.test(text) || (/[+/]/.test(text) && /[-_]/.test(text))) return null;
  const bytes = Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64');
  const canonical = bytes.toString('base64').replace(/=+$/, '');
  const given = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  return canonical === given ? bytes : null;
}

function envelopeFields(envelope: string | Uint8Array | DsseEnvelope): {payloadType: string; payload: Buffer; signatures: {keyid: string; sig: Buffer}[]} {
  let value: unknown = envelope;
  if (typeof envelope === 'string' || envelope instanceof Uint8Array) {
    try {
      value = JSON.parse(typeof envelope === 'string' ? envelope : Buffer.from(envelope).toString('utf8'));
    } catch {
      throw malformedEnvelope('it is not JSON');
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw malformedEnvelope('it is not a JSON object');
  const {payload, payloadType, signatures} = value as Record<string, unknown>;
  if (typeof payload !== 'string' || typeof payloadType !== 'string') throw malformedEnvelope('`payload` and `payloadType` must be strings');
  if (!Array.isArray(signatures) || signatures.length === 0) throw malformedEnvelope('`signatures` must be a non-empty array');
  const decoded = decodeAnyBase64(payload);
  if (decoded === null) throw malformedEnvelope('`payload` is not base64');
  const parsed = signatures.map((signature: unknown) => {
    const {keyid, sig} = (signature ?? {}) as Record<string, unknown>;
    if (typeof sig !== 'string' || (keyid !== undefined && typeof keyid !== 'string')) throw malformedEnvelope('each signature has a string `sig` (and maybe a string `keyid`)');
    const bytes = decodeAnyBase64(sig);
    if (bytes === null) throw malformedEnvelope('a signature is not base64');
    return {keyid: keyid ?? '', sig: bytes};
  });
  return {payloadType, payload: decoded, signatures: parsed};
}

/**
 * Verifies a DSSE envelope with Ed25519 `verifiers`: `bad-signature` when a
 * signature whose keyid names one of them fails, `unknown-key` when none of
 * them signed it.
 */
export function openDsseEnvelope(envelope: string | Uint8Array | DsseEnvelope, verifiers: readonly NoteVerifier[]): OpenedDsseEnvelope {
  const fields = envelopeFields(envelope);
  const pae = dssePae(fields.payloadType, fields.payload);
  const keys = verifiers.filter((verifier) => verifier.type === 'ed25519');
  const signedBy: NoteVerifier[] = [];
  for (const signature of fields.signatures) {
    const verifier = keys.find((key) => key.verify(pae, signature.sig));
    if (verifier !== undefined) {
      if (!signedBy.includes(verifier)) signedBy.push(verifier);
      continue;
    }
    const named = keys.find((key) => key.verifierKey === signature.keyid);
    if (named !== undefined) throw new TlogError('bad-signature', `the envelope's signature by ${named.name} does not verify: the payload was changed or not signed by that key`);
  }
  if (signedBy.length === 0) throw new TlogError('unknown-key', 'the envelope is signed by none of the given keys');
  return {payloadType: fields.payloadType, payload: fields.payload, signedBy};
}

export interface InTotoSubject {
  name: string;
  digest: {sha256: string};
}

export interface InTotoStatement<P> {
  _type: typeof IN_TOTO_STATEMENT_V1;
  subject: InTotoSubject[];
  predicateType: string;
  predicate: P;
}

/** A file an attestation names, with its size and SHA-256 when it was made. */
export interface AttestedFile {
  name: string;
  size: number;
  digest: {sha256: string};
}

/** One input trail of the export, named as the user named it. */
export interface AttestedInput extends AttestedFile {
  /** Its signed checkpoint (`TRAIL.checkpoint`, or the one given) when it had one, else null. */
  checkpoint: string | null;
  /** What the exporter found when it checked the input (absent from attestations made before it was recorded). */
  integrity?: AttestedIntegrity;
}

/**
 * An input's integrity when it was exported, as `aigc compliance export`
 * checked it: its chain (indexes, links, checksums, and the HMAC signatures
 * when `signaturesChecked`), and its checkpoint against the trail with the
 * log keys it was given. A claim of the signer, as the totals are.
 */
export interface AttestedIntegrity {
  chain: 'verified' | 'failed' | 'unchained' | 'not-checked';
  signaturesChecked: boolean;
  /** The first problem's code (`chain verify`'s codes), when the chain failed. */
  chainProblem?: string;
  checkpoint: 'none' | 'unchecked' | 'verified' | 'failed';
  /** The verifier key that signed the checkpoint, when verified. */
  checkpointKey?: string;
  /** Why the checkpoint failed (`chain verify --checkpoint`'s codes). */
  checkpointProblem?: string;
}

export interface ComplianceTotals {
  totalArtifacts: number;
  passCount: number;
  failCount: number;
  invalidArtifacts: number;
  complianceRate: number;
}

/** The predicate of `https://aigc.dev/attestations/compliance-export/v1`. */
export interface ComplianceExportPredicate {
  /** The compliance report's format version. */
  reportVersion: string;
  /** When the report was made (RFC 3339, UTC). */
  generatedAt: string;
  /** The period its artifacts cover: the earliest and latest artifact time (RFC 3339), null when it has none. */
  period: {start: string | null; end: string | null};
  totals: ComplianceTotals;
  inputs: AttestedInput[];
}

export type ComplianceStatement = InTotoStatement<ComplianceExportPredicate>;

/** Size and SHA-256 of a file, read as a stream. */
export async function fileDigest(path: string): Promise<{size: number; sha256: string}> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path, {highWaterMark: 1 << 20})) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return {size, sha256: hash.digest('hex')};
}

export interface AttestInput {
  file: string;
  /** Name recorded (default: the path as given). */
  name?: string;
  /** The trail's checkpoint note; default `TRAIL.checkpoint` when it exists, else none. */
  checkpoint?: string | null;
  /** The input's integrity as checked by the exporter, recorded as given. */
  integrity?: AttestedIntegrity;
}

export interface AttestComplianceOptions {
  exportFile: string;
  /** Subject name (default: the export file's base name). */
  subjectName?: string;
  inputs: readonly AttestInput[];
  reportVersion: string;
  generatedAt: string;
  period: ComplianceExportPredicate['period'];
  totals: ComplianceTotals;
  signer: NoteSigner;
}

export type ComplianceAttestation = Attestation<ComplianceExportPredicate>;

async function checkpointBeside(file: string): Promise<string | null> {
  try {
    return await readFile(trailCheckpointPath(file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export interface AttestFileOptions<P> {
  /** The attested file: the Statement's one subject. */
  subjectFile: string;
  /** Subject name (default: the file's base name). */
  subjectName?: string;
  predicateType: string;
  predicate: P;
  signer: NoteSigner;
}

export interface Attestation<P> {
  statement: InTotoStatement<P>;
  envelope: DsseEnvelope;
  /** The envelope as a file holds it (JSON, final newline). */
  text: string;
}

/** Hashes the subject file and signs the Statement of `predicate` about it. */
export async function attestFile<P>(options: AttestFileOptions<P>): Promise<Attestation<P>> {
  const subject = await fileDigest(options.subjectFile);
  const statement: InTotoStatement<P> = {
    _type: IN_TOTO_STATEMENT_V1,
    subject: [{name: options.subjectName ?? basename(options.subjectFile), digest: {sha256: subject.sha256}}],
    predicateType: options.predicateType,
    predicate: options.predicate,
  };
  const envelope = signDsseEnvelope(DSSE_PAYLOAD_TYPE_IN_TOTO, Buffer.from(JSON.stringify(statement), 'utf8'), [options.signer]);
  return {statement, envelope, text: `${JSON.stringify(envelope, null, 2)}\n`};
}

/** Hashes the export and its inputs and signs the Statement about them. */
export async function attestComplianceExport(options: AttestComplianceOptions): Promise<ComplianceAttestation> {
  const inputs: AttestedInput[] = [];
  for (const input of options.inputs) {
    const {size, sha256} = await fileDigest(input.file);
    const checkpoint = input.checkpoint === undefined ? await checkpointBeside(input.file) : input.checkpoint;
    inputs.push({name: input.name ?? input.file, size, digest: {sha256}, checkpoint, ...(input.integrity === undefined ? {} : {integrity: input.integrity})});
  }
  return attestFile({
    subjectFile: options.exportFile,
    subjectName: options.subjectName,
    predicateType: COMPLIANCE_EXPORT_PREDICATE_TYPE,
    predicate: {reportVersion: options.reportVersion, generatedAt: options.generatedAt, period: options.period, totals: options.totals, inputs},
    signer: options.signer,
  });
}

/** The predicate types an opening accepts, each with the check that its predicate is well formed. */
export type PredicateChecks = Readonly<Record<string, (predicate: unknown) => boolean>>;

export interface OpenAttestationOptions {
  /** The subject name expected (default: the file's base name). */
  subjectName?: string;
  predicates: PredicateChecks;
}

export interface OpenedAttestation {
  statement: InTotoStatement<unknown>;
  /** The subject file's SHA-256 (the subject's). */
  sha256: string;
  signedBy: NoteVerifier[];
}

function statementOf(payload: Buffer, predicates: PredicateChecks): InTotoStatement<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    throw new TlogError('malformed-envelope', 'the envelope payload is not JSON');
  }
  const statement = value as Partial<InTotoStatement<unknown>> | null;
  if (statement === null || typeof statement !== 'object' || statement._type !== IN_TOTO_STATEMENT_V1) {
    throw new TlogError('malformed-envelope', `the payload is not an in-toto Statement v1 (${IN_TOTO_STATEMENT_V1})`);
  }
  const types = Object.keys(predicates);
  const wellFormed = typeof statement.predicateType === 'string' && Object.hasOwn(predicates, statement.predicateType) ? predicates[statement.predicateType] : undefined;
  if (wellFormed === undefined) {
    throw new TlogError('malformed-envelope', `the Statement's predicate type is ${quoted(String(statement.predicateType))}, not ${types.join(' or ')}`);
  }
  const subjectsValid = Array.isArray(statement.subject) && statement.subject.length > 0 && statement.subject.every((subject) => typeof subject?.digest?.sha256 === 'string');
  if (!subjectsValid || !wellFormed(statement.predicate)) throw new TlogError('malformed-envelope', 'the Statement lacks a subject digest or a well-formed predicate');
  return statement as InTotoStatement<unknown>;
}

/**
 * Opens an attestation of `subjectFile`: the envelope's signature by one of
 * `keys`, an in-toto Statement of one of the accepted predicate types, and the
 * file as its subject (name and SHA-256: `subject-mismatch`).
 */
export async function openAttestation(envelope: string | Uint8Array, keys: readonly NoteVerifier[], subjectFile: string, options: OpenAttestationOptions): Promise<OpenedAttestation> {
  const opened = openDsseEnvelope(envelope, keys);
  if (opened.payloadType !== DSSE_PAYLOAD_TYPE_IN_TOTO) throw new TlogError('malformed-envelope', `the payload type is ${quoted(opened.payloadType)}, not ${DSSE_PAYLOAD_TYPE_IN_TOTO}`);
  const statement = statementOf(opened.payload, options.predicates);
  const found = await fileDigest(subjectFile);
  const subject = statement.subject.find((candidate) => candidate.digest.sha256 === found.sha256);
  if (subject === undefined) {
    throw new TlogError('subject-mismatch', `${subjectFile} is not the attested file: its SHA-256 is ${found.sha256}, the attestation's ${statement.subject[0].digest.sha256}`, {
      file: subjectFile,
      expected: statement.subject[0].digest.sha256,
      found: found.sha256,
    });
  }
  const name = options.subjectName ?? basename(subjectFile);
  if (subject.name !== name) throw new TlogError('subject-mismatch', `the attested file is named ${quoted(subject.name)}, not ${quoted(name)}`, {file: subjectFile, expected: subject.name, found: name});
  return {statement, sha256: found.sha256, signedBy: opened.signedBy};
}

/** How a file checked against an attestation is spoken of in its failures. */
export interface AttestedFileWording {
  /** e.g. "an input of the attested export". */
  role: string;
  /** e.g. "the export". */
  since: string;
}

/**
 * Checks `input` against the files an attestation names: found by name (or by
 * base name when only one has it), same size and SHA-256 as one of them
 * (`input-mismatch`). Returns the attested name.
 */
export async function checkAttestedFile(attested: readonly AttestedFile[], input: {file: string; name?: string}, wording: AttestedFileWording): Promise<string> {
  const name = input.name ?? input.file;
  const byName = attested.filter((entry) => entry.name === name);
  const byBase = attested.filter((entry) => basename(entry.name) === basename(name));
  const candidates = byName.length > 0 ? byName : byBase.length === 1 ? byBase : [];
  if (candidates.length === 0) throw new TlogError('input-mismatch', `${name} is not ${wording.role}`, {file: input.file});
  const {size, sha256} = await fileDigest(input.file);
  const entry = candidates.find((candidate) => candidate.size === size && candidate.digest.sha256 === sha256);
  if (entry === undefined) {
    const [first] = candidates;
    throw new TlogError('input-mismatch', `${input.file} changed since ${wording.since}: ${size} bytes with SHA-256 ${sha256}, attested ${first.size} bytes with ${first.digest.sha256}`, {
      file: input.file,
      expected: first.digest.sha256,
      found: sha256,
    });
  }
  return entry.name;
}

export interface VerifyAttestationOptions {
  /** The subject name expected (default: the export file's base name). */
  subjectName?: string;
  /** Input files to check against the attestation (size and SHA-256). */
  inputs?: readonly {file: string; name?: string}[];
  /** Log keys to verify each input's checkpoint with. */
  logKeys?: readonly NoteVerifier[];
}

export interface InputCheckpointStatus {
  name: string;
  /** none: the input had no checkpoint; verified: signed by `logKey`; else why not. */
  status: 'none' | 'verified' | 'unverified';
  logKey?: string;
  code?: TlogErrorCode;
  checkpoint?: OpenedCheckpoint['checkpoint'];
}

export interface AttestationVerification {
  statement: ComplianceStatement;
  signedBy: NoteVerifier[];
  /** The inputs checked against files (by name). */
  inputsChecked: string[];
  /** Each input's checkpoint, verified with the log keys when given. */
  checkpoints: InputCheckpointStatus[];
}

function isCompliancePredicate(value: unknown): boolean {
  const predicate = value as Partial<ComplianceExportPredicate> | undefined;
  return (
    Array.isArray(predicate?.inputs) &&
    predicate.inputs.every((input) => typeof input?.name === 'string' && typeof input.size === 'number' && typeof input.digest?.sha256 === 'string' && (input.checkpoint === null || typeof input.checkpoint === 'string'))
  );
}

/** The compliance export's predicate type, for openAttestation. */
export const COMPLIANCE_EXPORT_PREDICATE: PredicateChecks = {[COMPLIANCE_EXPORT_PREDICATE_TYPE]: isCompliancePredicate};

const EXPORT_INPUT: AttestedFileWording = {role: 'an input of the attested export', since: 'the export'};

/**
 * Verifies an attestation of a compliance export: opened as openAttestation
 * does for our compliance predicate type, then each input file given as
 * attested (`input-mismatch`).
 */
export async function verifyComplianceAttestation(
  envelope: string | Uint8Array,
  keys: readonly NoteVerifier[],
  exportFile: string,
  options: VerifyAttestationOptions = {},
): Promise<AttestationVerification> {
  const opened = await openAttestation(envelope, keys, exportFile, {subjectName: options.subjectName, predicates: COMPLIANCE_EXPORT_PREDICATE});
  return checkComplianceAttestation(opened, options);
}

/** The compliance predicate's own checks of an opened attestation: the inputs given, and each input's checkpoint. */
export async function checkComplianceAttestation(opened: OpenedAttestation, options: VerifyAttestationOptions): Promise<AttestationVerification> {
  const statement = opened.statement as ComplianceStatement;
  const inputsChecked: string[] = [];
  for (const input of options.inputs ?? []) inputsChecked.push(await checkAttestedFile(statement.predicate.inputs, input, EXPORT_INPUT));
  const checkpoints = statement.predicate.inputs.map((input) => checkpointStatus(input, options.logKeys));
  return {statement, signedBy: opened.signedBy, inputsChecked, checkpoints};
}

function checkpointStatus(input: AttestedInput, logKeys: readonly NoteVerifier[] | undefined): InputCheckpointStatus {
  if (input.checkpoint === null) return {name: input.name, status: 'none'};
  if (logKeys === undefined) return {name: input.name, status: 'unverified'};
  try {
    const opened = openCheckpoint(input.checkpoint, logKeys);
    return {name: input.name, status: 'verified', logKey: opened.logKey.verifierKey, checkpoint: opened.checkpoint};
  } catch (error) {
    if (!(error instanceof TlogError)) throw error;
    return {name: input.name, status: 'unverified', code: error.code};
  }
}
