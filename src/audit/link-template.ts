// An artifact made ready for a chain it is not yet in: its texts with the
// chain fields left open. A thread that decides artifacts writes their
// templates, as UTF-8 bytes in one buffer per batch (`LinkTemplateWriter`),
// which moves to the chain's thread without copying; that thread fills in
// each link's id, index and previous checksum, in order, with no artifact
// object and no text of the artifact's own (`fillTemplate`): one SHA-256 of
// copied bytes, and the link's few characters after the bytes of each line.
// So `enforce --threads N --chain` decides on every thread and links on one.
//
// The texts are exactly what linking the artifact (AuditChain.append) and
// then writing it would give: the canonical JSON has its keys in code-point
// order, so the three chain fields' values fall between fixed pieces of it;
// the chain fields and `checksum` are the artifact's last keys (append drops
// stale ones and adds them anew), so each written form ends with them.

import {hash} from 'node:crypto';
import {canonicalJson} from '../canonical/canonical.js';
import {compactJson, nativeJsonIsPythons, pyJsonDumps} from '../canonical/dumps.js';
import type {LineBytes} from '../io/line-bytes.js';
import {compareCodePoints} from '../python/semantics.js';
import type {PyDict, PyValue} from '../python/values.js';
import type {AuditChain} from './chain.js';
import {CHAIN_FIELDS} from './signing.js';
import type {TrailLinker} from './trail-writer.js';

/** The fields a link sets before its checksum, in code-point order (so their values fall in this order in the canonical text). */
const LINK_FIELDS = ['chain_id', 'chain_index', 'previous_audit_checksum'] as const;

/** How the artifact is printed besides its trail line. */
export type OutputForm = 'compact' | 'indented';

/**
 * The parts of a template, one after another in its batch's bytes:
 * - the canonical JSON of the linked artifact without `checksum`, cut where
 *   the values of LINK_FIELDS go: four pieces;
 * - the trail line (compact `json.dumps`) of the artifact before its chain
 *   fields, without its closing brace;
 * - the printed line the same way, when it is not the trail line (native
 *   numbers, or indented), else empty;
 * - the `--record` line's text before its artifact, or empty for no record.
 */
const CANONICAL = 0;
const TRAIL = 4;
const OUTPUT = 5;
const RECORD = 6;
const PARTS = 7;

/** The link templates of a batch of artifacts, in order. */
export interface LinkTemplates {
  /** Every template's parts as UTF-8, one after another. */
  readonly bytes: Uint8Array;
  /** Where each part starts: part `j` of template `k` is `bytes[bounds[k * 7 + j], bounds[k * 7 + j + 1])`. */
  readonly bounds: Int32Array;
  /** 1 for each template of a PASS. */
  readonly passes: Uint8Array;
  readonly outputForm: OutputForm;
  readonly count: number;
}

/** Templates' buffers, to move them to another thread rather than copy them (its sender must not use them again). */
export function templateBuffers(templates: LinkTemplates): ArrayBuffer[] {
  return [templates.bytes.buffer as ArrayBuffer, templates.bounds.buffer as ArrayBuffer, templates.passes.buffer as ArrayBuffer];
}

/** One template of a batch: what the trail writer links. */
export interface TemplateRef {
  readonly templates: LinkTemplates;
  readonly index: number;
}

/** A template once linked: the link's fields as JSON (chain id, index, previous checksum, checksum). */
export interface LinkedTemplate extends TemplateRef {
  readonly values: readonly string[];
}

/** Writes the templates of a batch of artifacts into one buffer. */
export class LinkTemplateWriter {
  private buffer: Buffer;
  private used = 0;
  private bounds: number[] = [0];
  private passes: number[] = [];

  /** `capacity`: bytes to start with; the writer grows as needed and starts the next batch with what the last one took. */
  constructor(
    readonly outputForm: OutputForm,
    private capacity = 64 * 1024,
  ) {
    this.buffer = Buffer.allocUnsafeSlow(capacity);
  }

  /**
   * Adds the template of `artifact` (its stale chain fields dropped, in place);
   * `invocation` (undefined: no record) is what its `--record` line holds.
   * Throws CanonicalJsonError, adding nothing, when the artifact has no
   * canonical bytes. Returns whether it is a PASS.
   */
  add(artifact: PyDict, invocation?: PyValue): boolean {
    for (const field of CHAIN_FIELDS) delete artifact[field];
    const canonical = canonicalPieces(artifact);
    // Where native JSON writes the artifact as json.dumps does (most artifacts), the compact line is written once.
    const native = nativeJsonIsPythons(artifact);
    const trail = native ? JSON.stringify(artifact) : pyJsonDumps(artifact, {separators: [',', ':']});
    const form = this.outputForm;
    const output = form === 'indented' ? pyJsonDumps(artifact, {indent: 2}) : native ? trail : compactJson(artifact);
    // An indented line is never the trail line, even where their texts agree (`{}`).
    const openedOutput = form === 'compact' && output === trail ? '' : opened(output, form === 'indented' && output !== '{}' ? '\n}' : '}');
    const record = invocation === undefined ? '' : `{"invocation":${pyJsonDumps(invocation, {separators: [',', ':']})},"artifact":`;
    // Every part is made before any is written.
    for (const part of [...canonical, opened(trail, '}'), openedOutput, record]) this.part(part);
    const pass = artifact.enforcement_result === 'PASS';
    this.passes.push(pass ? 1 : 0);
    return pass;
  }

  /** The templates added so far; the next batch starts empty, in a buffer of its own. */
  take(): LinkTemplates {
    const templates: LinkTemplates = {
      bytes: this.buffer.subarray(0, this.used),
      bounds: Int32Array.from(this.bounds),
      passes: Uint8Array.from(this.passes),
      outputForm: this.outputForm,
      count: this.passes.length,
    };
    this.capacity = Math.max(this.capacity, this.used);
    this.buffer = Buffer.allocUnsafeSlow(this.capacity);
    this.used = 0;
    this.bounds = [0];
    this.passes = [];
    return templates;
  }

  private part(text: string): void {
    // A UTF-16 code unit takes at most three bytes.
    const room = this.used + text.length * 3;
    if (room > this.buffer.length) {
      // allocUnsafeSlow: an ArrayBuffer of the batch's own, never a slice of a shared pool, so it can be transferred.
      const grown = Buffer.allocUnsafeSlow(Math.max(room, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
    this.bounds.push(this.used);
  }
}

/** Where a template's part is in its batch's bytes. */
function partOf(ref: TemplateRef, part: number): Uint8Array {
  const {bytes, bounds} = ref.templates;
  const at = ref.index * PARTS + part;
  return bytes.subarray(bounds[at], bounds[at + 1]);
}

/** Bytes the canonical text is assembled in to be hashed, grown as needed (one per thread). */
let scratch = Buffer.allocUnsafe(16 * 1024);

/** Links a template as `chain`'s next artifact (advancing it): the checksum AuditChain.append would give. */
export function fillTemplate(chain: AuditChain, ref: TemplateRef): LinkedTemplate {
  const chainId = chain.chainId;
  const index = chain.length;
  const previous = chain.lastChecksum;
  // canonicalJson refuses a chain id or checksum read from a trail that has no canonical bytes, as append does.
  const texts = [canonicalJson(chainId), String(index), canonicalJson(previous)];
  const {bytes, bounds} = ref.templates;
  const first = ref.index * PARTS + CANONICAL;
  let size = bounds[first + 4] - bounds[first];
  for (const text of texts) size += text.length * 3;
  if (size > scratch.length) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
  let at = 0;
  for (let piece = 0; piece < 4; piece++) {
    if (piece > 0) at += scratch.write(texts[piece - 1], at, 'utf8');
    const start = bounds[first + piece];
    const end = bounds[first + piece + 1];
    scratch.set(bytes.subarray(start, end), at);
    at += end - start;
  }
  const checksum = hash('sha256', scratch.subarray(0, at), 'hex');
  chain.appendLinked(checksum);
  return {templates: ref.templates, index: ref.index, values: [JSON.stringify(chainId), String(index), JSON.stringify(previous), `"${checksum}"`]};
}

/** Whether a linked template is a PASS. */
export function linkedPass(linked: TemplateRef): boolean {
  return linked.templates.passes[linked.index] === 1;
}

/** Whether the printed line is not the trail line (json.dumps's numbers differ from native JSON's, or indented). */
export function hasOwnOutput(linked: TemplateRef): boolean {
  const {bounds} = linked.templates;
  const at = linked.index * PARTS + OUTPUT;
  return bounds[at + 1] > bounds[at];
}

/** Appends the trail line and its newline. */
export function writeTrailLine(lines: LineBytes, linked: LinkedTemplate): void {
  writeTrailLineBody(lines, linked);
  lines.newline();
}

/** Appends the printed line (`enforce`'s stdout) and its newline. */
export function writePrintedLine(lines: LineBytes, linked: LinkedTemplate): void {
  if (hasOwnOutput(linked)) {
    const output = partOf(linked, OUTPUT);
    lines.bytes(output);
    lines.text(closing(output.length === 1, linked.values, linked.templates.outputForm));
  } else writeTrailLineBody(lines, linked);
  lines.newline();
}

/** Appends the `--record` line with its newline, if the template has one. */
export function writeRecordLine(lines: LineBytes, linked: LinkedTemplate): void {
  const record = partOf(linked, RECORD);
  if (record.length === 0) return;
  lines.bytes(record);
  writeTrailLineBody(lines, linked);
  lines.text('}');
  lines.newline();
}

/** The trail line without its newline. */
function writeTrailLineBody(lines: LineBytes, linked: LinkedTemplate): void {
  const trail = partOf(linked, TRAIL);
  lines.bytes(trail);
  lines.text(closing(trail.length === 1, linked.values, 'compact'));
}

const CLOSED_KEYS = [...LINK_FIELDS, 'checksum'];

/**
 * What follows an opened text (`empty`: it is just `{`): the link's fields
 * (`values`, as JSON) and the closing brace, as json.dumps writes them in that form.
 */
function closing(empty: boolean, values: readonly string[], form: OutputForm): string {
  let text = '';
  for (let i = 0; i < CLOSED_KEYS.length; i++) {
    const separator = i === 0 && empty ? '' : ',';
    text += form === 'indented' ? `${separator}\n  "${CLOSED_KEYS[i]}": ${values[i]}` : `${separator}"${CLOSED_KEYS[i]}":${values[i]}`;
  }
  return text + (form === 'indented' ? '\n}' : '}');
}

/** `text` without its closing (which it must end with). */
function opened(text: string, closing: string): string {
  if (!text.endsWith(closing)) throw new TypeError(`an artifact's JSON text does not end with ${JSON.stringify(closing)}`);
  return text.slice(0, text.length - closing.length);
}

/**
 * The canonical JSON of the artifact with LINK_FIELDS added, cut where their
 * values go: the artifact's keys fall into runs before, between and after
 * them (in code-point order), and each run is written as the canonical JSON
 * of an object of its own, without its braces.
 */
function canonicalPieces(artifact: PyDict): string[] {
  const runs: PyDict[] = LINK_FIELDS.map(() => ({}));
  runs.push({});
  for (const key of Object.keys(artifact)) {
    let run = 0;
    while (run < LINK_FIELDS.length && compareCodePoints(key, LINK_FIELDS[run]) > 0) run++;
    // `__proto__` as a property of its own, as the artifact has it.
    if (key === '__proto__') Object.defineProperty(runs[run], key, {value: artifact[key], enumerable: true, writable: true, configurable: true});
    else runs[run][key] = artifact[key];
  }
  const pieces: string[] = [];
  let piece = '{';
  let empty = true;
  for (let run = 0; run < runs.length; run++) {
    const inner = canonicalJson(runs[run]).slice(1, -1);
    if (inner !== '') {
      piece += empty ? inner : `,${inner}`;
      empty = false;
    }
    if (run === LINK_FIELDS.length) break;
    piece += `${empty ? '' : ','}"${LINK_FIELDS[run]}":`;
    empty = false;
    pieces.push(piece);
    piece = '';
  }
  pieces.push(`${piece}}`);
  return pieces;
}

/** The trail writer's linker of templates (`TrailWriterOptions.linker`). */
export const TEMPLATE_LINKER: TrailLinker<TemplateRef, LinkedTemplate> = {
  link(chain, ref, lines) {
    const linked = fillTemplate(chain, ref);
    writeTrailLine(lines, linked);
    return linked;
  },
};
