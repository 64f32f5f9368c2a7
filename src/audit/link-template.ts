// An artifact made ready for a chain it is not yet in: its texts with the
// chain fields left open. A thread that decides an artifact writes them once
// (`linkTemplate`); the thread that owns the chain fills in the link's id,
// index and previous checksum, in order, with no artifact object at all
// (`fillTemplate`): one SHA-256 and a few joins an artifact. So `enforce
// --threads N --chain` decides on every thread and links on one.
//
// The texts are exactly what linking the artifact (AuditChain.append) and
// then writing it would give: the canonical JSON has its keys in code-point
// order, so the three chain fields' values fall between fixed pieces of it;
// the chain fields and `checksum` are the artifact's last keys (append drops
// stale ones and adds them anew), so each written form ends with them.

import {canonicalJson, sha256Hex} from '../canonical/canonical.js';
import {compactJson, nativeJsonIsPythons, pyJsonDumps} from '../canonical/dumps.js';
import {compareCodePoints} from '../python/semantics.js';
import type {PyDict, PyValue} from '../python/values.js';
import type {AuditChain} from './chain.js';
import {CHAIN_FIELDS} from './signing.js';
import type {TrailLinker} from './trail-writer.js';

/** The fields a link sets before its checksum, in code-point order (so their values fall in this order in the canonical text). */
const LINK_FIELDS = ['chain_id', 'chain_index', 'previous_audit_checksum'] as const;

/** How the artifact is printed besides its trail line. */
export type OutputForm = 'compact' | 'indented';

export interface LinkTemplate {
  /** The canonical JSON of the linked artifact without `checksum`, cut where the values of LINK_FIELDS go: four pieces. */
  readonly canonical: readonly string[];
  /** The trail line (compact `json.dumps`) of the artifact before its chain fields, without its closing brace. */
  readonly trail: string;
  /** The printed line the same way, when it is not the trail line (native numbers, or indented). */
  readonly output: string | null;
  readonly outputForm: OutputForm;
  /** The `--record` line's text before its artifact, or null for no record. */
  readonly record: string | null;
  readonly pass: boolean;
}

/** A template once linked: its lines as written. */
export interface LinkedText {
  /** The trail line, without its newline. */
  readonly trail: string;
  /** The printed line, when it is not the trail line. */
  readonly output: string | null;
  /** The `--record` line with its newline, or null. */
  readonly record: string | null;
  readonly pass: boolean;
}

/**
 * The template of `artifact` (its stale chain fields dropped, in place).
 * `invocation` (undefined: no record) is what its `--record` line holds.
 * Throws CanonicalJsonError when the artifact has no canonical bytes.
 */
export function linkTemplate(artifact: PyDict, outputForm: OutputForm, invocation?: PyValue): LinkTemplate {
  for (const field of CHAIN_FIELDS) delete artifact[field];
  // Where native JSON writes the artifact as json.dumps does (most artifacts), the compact line is written once.
  const native = nativeJsonIsPythons(artifact);
  const trail = native ? JSON.stringify(artifact) : pyJsonDumps(artifact, {separators: [',', ':']});
  const output = outputForm === 'indented' ? pyJsonDumps(artifact, {indent: 2}) : native ? trail : compactJson(artifact);
  return {
    canonical: canonicalPieces(artifact),
    trail: opened(trail, '}'),
    output: output === trail ? null : opened(output, outputForm === 'indented' && output !== '{}' ? '\n}' : '}'),
    outputForm,
    record: invocation === undefined ? null : `{"invocation":${pyJsonDumps(invocation, {separators: [',', ':']})},"artifact":`,
    pass: artifact.enforcement_result === 'PASS',
  };
}

/** Links a template as `chain`'s next artifact (advancing it): its lines as AuditChain.append and writing the artifact would give. */
export function fillTemplate(chain: AuditChain, template: LinkTemplate): LinkedText {
  const chainId = chain.chainId;
  const index = chain.length;
  const previous = chain.lastChecksum;
  const [before, betweenIds, beforePrevious, after] = template.canonical;
  // canonicalJson refuses a chain id or checksum read from a trail that has no canonical bytes, as append does.
  const checksum = sha256Hex(before + canonicalJson(chainId) + betweenIds + index + beforePrevious + canonicalJson(previous) + after);
  chain.appendLinked(checksum);
  const values = [JSON.stringify(chainId), String(index), JSON.stringify(previous), `"${checksum}"`];
  const trail = closed(template.trail, values, 'compact');
  return {
    trail,
    output: template.output === null ? null : closed(template.output, values, template.outputForm),
    record: template.record === null ? null : `${template.record}${trail}}\n`,
    pass: template.pass,
  };
}

const CLOSED_KEYS = [...LINK_FIELDS, 'checksum'];

/** An opened text with the link's fields (`values`, as JSON) and its closing added, as json.dumps writes them in that form. */
function closed(open: string, values: readonly string[], form: OutputForm): string {
  const first = open === '{';
  let text = open;
  for (let i = 0; i < CLOSED_KEYS.length; i++) {
    const separator = i === 0 && first ? '' : ',';
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
export const TEMPLATE_LINKER: TrailLinker<LinkTemplate, LinkedText> = {
  link(chain, template) {
    const linked = fillTemplate(chain, template);
    return {linked, line: linked.trail};
  },
};
