// Builds Python values from the `yaml` package's node tree with PyYAML
// SafeConstructor's rules (tags, `<<` merges, key equality, shared alias
// objects), recording where every entry was written. Aliases are never
// copied, so construction is linear; their expanded size is still counted
// and capped, because consumers walk values as trees.

import {type Alias, type CST, isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, Scalar, type YAMLMap} from 'yaml';
import {floatRepr, strRepr} from '../../python/repr.js';
import {
  defineKey,
  isInt,
  PyDate,
  PyDateTime,
  type PyDict,
  PyFloat,
  type PyValue,
  recordOriginalKey,
} from '../../python/values.js';
import {YamlSyntaxError, type YamlErrorCode, type YamlErrorMark} from './errors.js';
import {endsWithoutLineBreak, TOO_DEEP} from './lexical.js';
import type {LineIndex, OffsetRange} from './positions.js';
import {type SeparatorScalar, separatorScalarText} from './separator-scalars.js';
import type {ReadSource} from './source.js';
import {
  constructScalarForTag,
  escapedSurrogatePair,
  implicitTag,
  MERGE_TAG,
  SCALAR_TAGS,
  ScalarValueError,
  STR_TAG,
  TAG_PREFIX,
  VALUE_TAG,
} from './scalars.js';

/**
 * Deeper nesting is refused. The reference (PyYAML under Python's default
 * recursion limit) fails somewhere between 400 and 500 levels; the `yaml`
 * package runs out of stack near 800 in the CLI, so this leaves a margin.
 */
export const MAX_NESTING_DEPTH = 500;
/** Nodes that aliases and merges may add to the document when it is walked as a tree. */
export const MAX_ALIAS_EXPANSION = 100_000;

const SEQ_TAG = `${TAG_PREFIX}seq`;
const MAP_TAG = `${TAG_PREFIX}map`;
const SET_TAG = `${TAG_PREFIX}set`;
const OMAP_TAG = `${TAG_PREFIX}omap`;
const PAIRS_TAG = `${TAG_PREFIX}pairs`;
const BINARY_TAG = `${TAG_PREFIX}binary`;

export type YamlPath = (string | number)[];

export interface EntryPosition {
  key: OffsetRange;
  value: OffsetRange;
}

export interface DuplicateKey {
  /** path of the mapping holding the key */
  path: YamlPath;
  key: string;
  range: OffsetRange;
}

export interface Construction {
  value: PyValue;
  rootRange: OffsetRange;
  /** for each constructed list or dict, where each of its entries was written */
  entryPositions: WeakMap<object, Map<string | number, EntryPosition>>;
  duplicateKeys: DuplicateKey[];
}

interface Built {
  value: PyValue;
  /** node count when the value is walked as a tree, aliases expanded */
  size: number;
}

interface MapEntry {
  jsKey: string;
  identity: string;
  key: PyValue;
  value: PyValue;
  size: number;
  position: EntryPosition;
  explicit: boolean;
}

/** A mapping in PyYAML's sense: a map node, or a single `key: value` pair inside a flow sequence. */
type MappingNode = YAMLMap | Pair;

export function constructDocument(root: Node | null, lines: LineIndex, properties: number[], source: ReadSource): Construction {
  const documentConstructor = new DocumentConstructor(lines, properties, source);
  const rootRange: OffsetRange = root?.range ? [root.range[0], root.range[1]] : [0, 0];
  const built = root ? documentConstructor.buildGuarded(root) : {value: null, size: 1};
  return {
    value: built.value,
    rootRange,
    entryPositions: documentConstructor.entryPositions,
    duplicateKeys: documentConstructor.duplicateKeys,
  };
}

class DocumentConstructor {
  readonly entryPositions = new WeakMap<object, Map<string | number, EntryPosition>>();
  readonly duplicateKeys: DuplicateKey[] = [];
  private readonly anchors = new Map<string, Node>();
  private readonly built = new Map<Node | Pair, Built>();
  private readonly mapEntries = new WeakMap<PyDict, MapEntry[]>();
  private readonly path: YamlPath = [];
  private aliasExpansion = 0;
  private nanKeys = 0;

  constructor(
    private readonly lines: LineIndex,
    private readonly properties: number[],
    private readonly source: ReadSource,
  ) {}

  buildGuarded(root: Node): Built {
    try {
      return this.build(root, 0);
    } catch (error) {
      if (error instanceof RangeError) throw this.error('limit', TOO_DEEP, root);
      throw error;
    }
  }

  private build(node: Node | Pair | null, depth: number): Built {
    if (node === null) return {value: null, size: 1};
    if (isAlias(node)) return this.resolveAlias(node);
    const memo = this.built.get(node);
    if (memo) return memo;
    if (depth > MAX_NESTING_DEPTH) {
      throw this.error('limit', `the document nests deeper than ${MAX_NESTING_DEPTH} levels`, node);
    }
    if (!isPair(node)) this.registerAnchor(node);
    const built = this.buildByTag(node, depth);
    this.built.set(node, built);
    return built;
  }

  private buildByTag(node: Node | Pair, depth: number): Built {
    const tag = this.tagOf(node);
    if (isScalar(node)) return {value: this.constructScalar(node, tag), size: 1};
    const kind = isSeq(node) ? 'sequence' : 'mapping';
    switch (tag) {
      case MAP_TAG:
        if (kind !== 'mapping') throw this.error('constructor', 'expected a mapping node, but found sequence', node);
        return this.buildMapping(node as MappingNode, depth);
      case SEQ_TAG:
        if (kind !== 'sequence') throw this.error('constructor', 'expected a sequence node, but found mapping', node);
        return this.buildSequence(node as Node, depth);
      case OMAP_TAG:
      case PAIRS_TAG:
        return this.buildPairs(node, tag, depth);
      case SET_TAG:
        if (kind !== 'mapping') throw this.error('constructor', 'expected a mapping node, but found sequence', node);
        throw this.error('unsupported', '!!set values are not supported: a Python set has no equivalent here', node);
      default:
        if (SCALAR_TAGS.has(tag) || tag === BINARY_TAG) {
          throw this.error('constructor', `expected a scalar node, but found ${kind}`, node);
        }
        throw this.unknownTag(tag, node);
    }
  }

  /** The tag PyYAML's composer gives a node: explicit, or resolved from a plain scalar's text. */
  private tagOf(node: Node | Pair | null): string {
    if (node === null) return implicitTag('');
    if (isPair(node)) return MAP_TAG;
    if (isAlias(node)) return this.tagOf(this.anchors.get(node.source) ?? null);
    const tag = node.tag;
    if (isScalar(node)) {
      if (tag === '!' || (!tag && node.type === Scalar.PLAIN)) return implicitTag(this.textOf(node));
      return tag ?? STR_TAG;
    }
    if (tag && tag !== '!') return tag;
    return isSeq(node) ? SEQ_TAG : MAP_TAG;
  }

  private constructScalar(node: Scalar, tag: string): PyValue {
    if (tag === BINARY_TAG) {
      throw this.error('unsupported', '!!binary values are not supported: Python bytes have no equivalent here', node);
    }
    if (tag === SEQ_TAG || tag === OMAP_TAG || tag === PAIRS_TAG) {
      const problem = 'expected a sequence node, but found scalar';
      if (tag === SEQ_TAG) throw this.error('constructor', problem, node);
      throw this.error('constructor', 'expected a sequence, but found scalar', node, pairsContext(tag));
    }
    if (tag === MAP_TAG || tag === SET_TAG) throw this.error('constructor', 'expected a mapping node, but found scalar', node);
    const token = node.srcToken;
    const pair = token?.type === 'double-quoted-scalar' ? escapedSurrogatePair(token.source) : null;
    if (pair !== null) {
      const reason = `the escapes ${pair} give two lone surrogates in Python, which have no equivalent here; write the character itself`;
      throw this.error('unsupported', reason, node);
    }
    try {
      const value = constructScalarForTag(tag, this.textOf(node));
      if (value === undefined) throw this.unknownTag(tag, node);
      return value;
    } catch (error) {
      if (error instanceof ScalarValueError) throw this.error('invalid-value', error.message, node);
      throw error;
    }
  }

  /** The scalar's text after quoting and folding, before any typing, as PyYAML scans it. */
  private textOf(node: Scalar): string {
    const token = node.srcToken;
    if (token && 'source' in token && node.range && this.source.keepsBreakWithin(node.range[0], node.range[1])) {
      const scalar = separatorScalarOf(token);
      if (scalar) return separatorScalarText(this.source.text, this.source.breakAt, scalar);
    }
    return blockScalarText(node) ?? scalarText(node);
  }

  private buildSequence(node: Node, depth: number): Built {
    const list: PyValue[] = [];
    const positions = new Map<string | number, EntryPosition>();
    this.entryPositions.set(list, positions);
    let size = 1;
    const items = isSeq(node) ? node.items : [];
    items.forEach((item, index) => {
      this.path.push(index);
      const built = this.build(item as Node | Pair | null, depth + 1);
      this.path.pop();
      list.push(built.value);
      size += built.size;
      const range = this.rangeOf(item as Node | Pair | null);
      positions.set(index, {key: range, value: range});
    });
    return {value: list, size};
  }

  /** `!!omap` and `!!pairs`: a sequence of one-pair mappings, as a list of `[key, value]` lists. */
  private buildPairs(node: Node | Pair, tag: string, depth: number): Built {
    const context = pairsContext(tag);
    if (!isSeq(node)) throw this.error('constructor', 'expected a sequence, but found mapping', node, context);
    const list: PyValue[] = [];
    let size = 1;
    for (const item of node.items as (Node | Pair | null)[]) {
      const pairs = isPair(item) ? [item] : isMap(item) ? item.items : null;
      if (!pairs) {
        throw this.error('constructor', `expected a mapping of length 1, but found ${nodeKind(item)}`, item, context, node);
      }
      if (pairs.length !== 1) {
        const problem = `expected a mapping of length 1, but found ${pairs.length}`;
        throw this.error('constructor', problem, item, context, node);
      }
      const key = this.build(pairs[0].key as Node | null, depth + 1);
      const value = this.build(pairs[0].value as Node | null, depth + 1);
      list.push([key.value, value.value]);
      size += 1 + key.size + value.size;
    }
    return {value: list, size};
  }

  private buildMapping(node: MappingNode, depth: number): Built {
    const merged: MapEntry[] = [];
    const explicit: MapEntry[] = [];
    for (const pair of mappingPairs(node)) {
      const keyNode = pair.key as Node | null;
      const keyTag = this.tagOf(keyNode);
      if (keyTag === MERGE_TAG) {
        merged.push(...this.mergedEntries(pair.value as Node | null, node, depth));
        continue;
      }
      const key = keyTag === VALUE_TAG ? {value: '=', size: 1} : this.build(keyNode, depth + 1);
      const identity = this.keyIdentity(key.value, node, keyNode);
      const jsKey = keyText(key.value);
      this.path.push(jsKey);
      const value = this.build(pair.value as Node | null, depth + 1);
      this.path.pop();
      const keyRange = this.rangeOf(keyNode, pair);
      const valueRange = pair.value ? this.rangeOf(pair.value as Node) : ([keyRange[1], keyRange[1]] as const);
      const position = {key: keyRange, value: valueRange};
      explicit.push({jsKey, identity, key: key.value, value: value.value, size: 1 + value.size, position, explicit: true});
    }
    return this.assembleDict([...merged, ...explicit]);
  }

  /** Later entries win; the first key object and its place in the order stay, as in a Python dict. */
  private assembleDict(entries: MapEntry[]): Built {
    const byIdentity = new Map<string, MapEntry>();
    for (const entry of entries) {
      const earlier = byIdentity.get(entry.identity);
      if (!earlier) {
        byIdentity.set(entry.identity, entry);
        continue;
      }
      if (earlier.explicit && entry.explicit) {
        this.duplicateKeys.push({path: [...this.path], key: earlier.jsKey, range: entry.position.key});
      }
      // A new record (merged entries are shared with the dict they came from); `set` keeps the key's place.
      byIdentity.set(entry.identity, {...earlier, value: entry.value, size: entry.size, position: entry.position, explicit: entry.explicit});
    }
    const dict: PyDict = {};
    const positions = new Map<string | number, EntryPosition>();
    let size = 1;
    const final = [...byIdentity.values()];
    for (const entry of final) {
      defineKey(dict, entry.jsKey, entry.value);
      if (typeof entry.key !== 'string') recordOriginalKey(dict, entry.jsKey, entry.key);
      positions.set(entry.jsKey, entry.position);
      size += entry.size;
    }
    this.entryPositions.set(dict, positions);
    this.mapEntries.set(dict, final);
    return {value: dict, size};
  }

  /** PyYAML's `<<`: a mapping, or a list of mappings where earlier ones win. */
  private mergedEntries(valueNode: Node | null, mapping: MappingNode, depth: number): MapEntry[] {
    const source = this.build(valueNode, depth + 1);
    const target = this.dereference(valueNode);
    let entries: MapEntry[];
    if (isMap(target)) {
      entries = this.entriesOf(source.value);
    } else if (isSeq(target)) {
      const groups = (target.items as (Node | Pair | null)[]).map((item) => {
        const sub = this.dereference(item);
        if (!isMap(sub) && !isPair(sub)) {
          const problem = `expected a mapping for merging, but found ${nodeKind(sub)}`;
          throw this.error('constructor', problem, sub ?? item, 'while constructing a mapping', mapping);
        }
        return this.entriesOf(this.built.get(sub)?.value ?? null);
      });
      entries = groups.reverse().flat();
    } else {
      const problem = `expected a mapping or list of mappings for merging, but found ${nodeKind(target)}`;
      throw this.error('constructor', problem, target ?? valueNode, 'while constructing a mapping', mapping);
    }
    return entries.map((entry) => ({...entry, explicit: false}));
  }

  private entriesOf(value: PyValue): MapEntry[] {
    return value !== null && typeof value === 'object' ? (this.mapEntries.get(value as PyDict) ?? []) : [];
  }

  private dereference(node: Node | Pair | null): Node | Pair | null {
    return node && isAlias(node) ? (this.anchors.get(node.source) ?? null) : node;
  }

  private registerAnchor(node: Node): void {
    const anchor = node.anchor;
    if (!anchor) return;
    const first = this.anchors.get(anchor);
    if (first) {
      throw new YamlSyntaxError({
        code: 'anchor',
        context: `found duplicate anchor ${strRepr(anchor)}; first occurrence`,
        contextMark: this.markOf(first),
        reason: 'second occurrence',
        mark: this.markOf(node),
      });
    }
    this.anchors.set(anchor, node);
  }

  private resolveAlias(alias: Alias): Built {
    const target = this.anchors.get(alias.source);
    if (!target) throw this.error('anchor', `found undefined alias ${strRepr(alias.source)}`, alias);
    const built = this.built.get(target);
    if (!built) {
      throw this.error('limit', `alias ${strRepr(alias.source)} refers to a node that contains it (recursive aliases are not supported)`, alias);
    }
    this.countExpansion(built.size, alias);
    return built;
  }

  private countExpansion(size: number, at: Node | Pair): void {
    this.aliasExpansion += size;
    if (this.aliasExpansion > MAX_ALIAS_EXPANSION) {
      const reason = `aliases expand the document by more than ${MAX_ALIAS_EXPANSION} nodes (possible alias bomb)`;
      throw this.error('limit', reason, at);
    }
  }

  /** Python dict key equality: `1`, `1.0` and `True` are one key; lists and dicts are unhashable. */
  private keyIdentity(key: PyValue, mapping: MappingNode, keyNode: Node | null): string {
    if (key === null) return 'none';
    if (typeof key === 'string') return `str:${key}`;
    if (typeof key === 'boolean') return `num:${key ? 1 : 0}`;
    if (typeof key === 'bigint') return `num:${key}`;
    if (typeof key === 'number' || key instanceof PyFloat) {
      const number = key instanceof PyFloat ? key.value : key;
      if (Number.isNaN(number)) return `nan:${this.nanKeys++}`;
      return Number.isInteger(number) ? `num:${BigInt(number)}` : `num:${number}`;
    }
    if (key instanceof PyDateTime) return dateTimeIdentity(key);
    if (key instanceof PyDate) return `date:${key.year}-${key.month}-${key.day}`;
    throw this.error('constructor', 'found unhashable key', keyNode ?? mapping, 'while constructing a mapping', mapping);
  }

  private rangeOf(node: Node | Pair | null, fallback?: Pair): OffsetRange {
    if (node && isPair(node)) {
      const start = this.rangeOf(node.key as Node | null, node)[0];
      const end = node.value ? this.rangeOf(node.value as Node)[1] : this.rangeOf(node.key as Node | null, node)[1];
      return [start, end];
    }
    if (node?.range) return [node.range[0], node.range[1]];
    if (fallback?.value && !isPair(fallback.value)) {
      const start = (fallback.value as Node).range?.[0] ?? 0;
      return [start, start];
    }
    return [0, 0];
  }

  /** PyYAML marks a node from its first property (`&anchor`, `!tag`). */
  private markOf(node: Node | Pair | null, codeOffset?: number): YamlErrorMark {
    const [start, end] = this.rangeOf(node);
    let first = codeOffset ?? start;
    if (node && !isPair(node) && codeOffset === undefined) {
      const propertyCount = (node.anchor ? 1 : 0) + (node.tag ? 1 : 0);
      const before = this.propertiesBefore(start);
      if (propertyCount > 0 && before.length >= propertyCount) first = before[before.length - propertyCount];
    }
    return {range: this.lines.range([first, Math.max(first, end)])};
  }

  private propertiesBefore(offset: number): number[] {
    let low = 0;
    let high = this.properties.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.properties[middle] < offset) low = middle + 1;
      else high = middle;
    }
    return this.properties.slice(Math.max(0, low - 2), low);
  }

  private unknownTag(tag: string, node: Node | Pair): YamlSyntaxError {
    return this.error('unknown-tag', `could not determine a constructor for the tag ${strRepr(tag)}`, node);
  }

  private error(
    code: YamlErrorCode,
    reason: string,
    node: Node | Pair | null,
    context?: string,
    contextNode?: Node | Pair,
  ): YamlSyntaxError {
    return new YamlSyntaxError({
      code,
      reason,
      mark: this.markOf(node),
      context,
      contextMark: contextNode ? this.markOf(contextNode) : undefined,
    });
  }
}

function mappingPairs(node: MappingNode): Pair[] {
  return isPair(node) ? [node] : (node.items as Pair[]);
}

/** The scalar's text after quoting and folding, before any typing. */
function scalarText(node: Scalar): string {
  return typeof node.source === 'string' ? node.source : String(node.value ?? '');
}

/** A block scalar's text, corrected where the stream ends without a final line break. */
function blockScalarText(node: Scalar): string | undefined {
  const token = node.srcToken;
  if (token?.type !== 'block-scalar' || !endsWithoutLineBreak(token)) return undefined;
  const text = scalarText(node);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** Where a scalar token a LS or PS breaks is scanned again from, by its style. */
function separatorScalarOf(token: CST.Token): SeparatorScalar | undefined {
  switch (token.type) {
    case 'scalar':
      return {style: 'plain', start: token.offset, end: token.offset + token.source.length};
    case 'single-quoted-scalar':
      return {style: 'single', start: token.offset};
    case 'double-quoted-scalar':
      return {style: 'double', start: token.offset};
    case 'block-scalar':
      return {style: 'block', start: token.offset, parentIndent: token.indent};
    default:
      return undefined;
  }
}

function nodeKind(node: Node | Pair | null): string {
  if (node === null || isScalar(node)) return 'scalar';
  return isSeq(node) ? 'sequence' : 'mapping';
}

function pairsContext(tag: string): string {
  return tag === OMAP_TAG ? 'while constructing an ordered map' : 'while constructing pairs';
}

function dateTimeIdentity(value: PyDateTime): string {
  const fields = [value.year, value.month, value.day, value.hour, value.minute, value.second, value.microsecond];
  if (value.utcOffsetMinutes === null) return `naive:${fields.join(',')}`;
  const utc = Date.UTC(value.year, value.month - 1, value.day, value.hour, value.minute - value.utcOffsetMinutes, value.second);
  return `aware:${utc},${value.microsecond}`;
}

/** Python `str()` of a key, used as the JavaScript property name. */
function keyText(key: PyValue): string {
  if (typeof key === 'string') return key;
  if (key === null) return 'None';
  if (typeof key === 'boolean') return key ? 'True' : 'False';
  if (typeof key === 'bigint') return key.toString();
  if (key instanceof PyFloat) return floatRepr(key.value);
  if (typeof key === 'number') return isInt(key) ? String(key) : floatRepr(key);
  if (key instanceof PyDateTime) return dateTimeText(key);
  if (key instanceof PyDate) return dateText(key);
  return '';
}

function dateText(value: PyDate): string {
  return `${String(value.year).padStart(4, '0')}-${pad2(value.month)}-${pad2(value.day)}`;
}

/** Python `str(datetime)`: ISO format with a space, microseconds and offset when present. */
function dateTimeText(value: PyDateTime): string {
  let text = `${dateText(value)} ${pad2(value.hour)}:${pad2(value.minute)}:${pad2(value.second)}`;
  if (value.microsecond) text += `.${String(value.microsecond).padStart(6, '0')}`;
  if (value.utcOffsetMinutes !== null) {
    const sign = value.utcOffsetMinutes < 0 ? '-' : '+';
    const minutes = Math.abs(value.utcOffsetMinutes);
    text += `${sign}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
  }
  return text;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
