// A fast reader for the plain block YAML that policy test suites and most
// policies are written in: a block mapping at the root; block mappings and
// sequences; one-line plain, single- and double-quoted scalars; one-line flow
// collections; anchors and aliases; comments ending value lines. It builds
// exactly the values and entry positions the full reader builds, with
// PyYAML's scalar typing, in one pass over the lines. Anything else (tags,
// block or multi-line scalars, merges, duplicate keys or anchors, comment
// lines inside the document, tabs, directives, keys it does not know to be
// plain strings…) makes it give up: the full reader then reads the document,
// so every problem is still reported as PyYAML reports it.

import {defineKey, type PyDict, type PyValue} from '../../python/values.js';
import {type Construction, type EntryPosition, MAX_ALIAS_EXPANSION} from './construct.js';
import type {OffsetRange} from './positions.js';
import {constructScalarForTag, implicitTag, ScalarValueError, STR_TAG} from './scalars.js';

/**
 * An entry's position as four numbers, its ranges made when asked for: a
 * large suite has hundreds of thousands of entries, and two range arrays
 * each would be most of the memory reading it takes.
 */
class PackedPosition implements EntryPosition {
  constructor(
    private readonly keyStart: number,
    private readonly keyEnd: number,
    private readonly valueStart: number,
    private readonly valueEnd: number,
  ) {}

  get key(): OffsetRange {
    return [this.keyStart, this.keyEnd];
  }

  get value(): OffsetRange {
    return [this.valueStart, this.valueEnd];
  }
}

/** Thrown inside the reader when the document is not one it reads; never escapes. */
const GIVE_UP = Symbol('not plain block YAML');

/** Well below the full reader's limit, so a deep document is left to it. */
const MAX_DEPTH = 100;

interface Line {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset of the first non-space character. */
  content: number;
  /** Offset of the line break (or the end of the text). */
  end: number;
  /** Offset of the next line. */
  next: number;
  indent: number;
}

interface Read {
  value: PyValue;
  /** What the full reader records as the node's range. */
  range: OffsetRange;
  /** Where what follows the node starts, as the full reader counts it (after its line break, for a one-line node). */
  end: number;
  /** Nodes when walked as a tree, aliases expanded (the full reader's count). */
  size: number;
}

const PLAIN_KEY = /[A-Za-z_][A-Za-z0-9_./-]*/y;
const ANCHOR_NAME = /[-_0-9A-Za-z]+/y;
/** Characters a plain scalar cannot start with (`-` only before a digit or a point). */
const INDICATORS = new Set([...'-?:,[]{}#&*!|>\'"%@`']);
const SIMPLE_ESCAPES: Record<string, string> = {'\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r'};

/** The document's construction, or undefined when it is not plain block YAML (the full reader then reads it). */
export function readSimpleYaml(text: string): Construction | undefined {
  // Tabs, and the line breaks YAML 1.1 knows besides \n (\r, NEL, LS, PS), are the full reader's to handle.
  if (/[\t\r\uFEFF\x85\u2028\u2029]/.test(text)) return undefined;
  try {
    return new SimpleReader(text).read();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

function giveUp(): never {
  throw GIVE_UP;
}

class SimpleReader {
  private readonly lines: Line[] = [];
  private index = 0;
  private depth = 0;
  private aliasExpansion = 0;
  private readonly entryPositions = new WeakMap<object, Map<string | number, EntryPosition>>();
  /** Anchored values; `null` while the anchored node is still being read (an alias to it is recursive). */
  private readonly anchors = new Map<string, Read | null>();

  constructor(private readonly text: string) {
    let seenContent = false;
    for (let start = 0; start < text.length; ) {
      const breakAt = text.indexOf('\n', start);
      const end = breakAt === -1 ? text.length : breakAt;
      let content = start;
      while (content < end && text[content] === ' ') content++;
      const next = breakAt === -1 ? text.length : breakAt + 1;
      if (content === end) {
        start = next;
        continue;
      }
      // Comment lines are the full reader's to place; only a header before the document is passed over.
      if (text[content] === '#') {
        if (seenContent) giveUp();
      } else {
        if (text[start] === '%' || /^(---|\.\.\.)( |$)/.test(text.slice(start, start + 4))) giveUp();
        seenContent = true;
        this.lines.push({start, content, end, next, indent: content - start});
      }
      start = next;
    }
  }

  read(): Construction {
    const first = this.lines[0];
    if (first === undefined || first.indent !== 0 || this.isSequenceLine(first)) giveUp();
    const root = this.blockMapping(0, first.content);
    if (this.index !== this.lines.length) giveUp();
    return {value: root.value, rootRange: root.range, entryPositions: this.entryPositions, duplicateKeys: []};
  }

  private isSequenceLine(line: Line): boolean {
    return this.text[line.content] === '-' && (line.content + 1 === line.end || this.text[line.content + 1] === ' ');
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) giveUp();
  }

  /** A block mapping whose keys stand at `indent`; its first key at `firstKey` (mid-line in `- key: value`). */
  private blockMapping(indent: number, firstKey: number): Read {
    this.enter();
    const dict: PyDict = {};
    const positions = new Map<string | number, EntryPosition>();
    this.entryPositions.set(dict, positions);
    let size = 1;
    let end = firstKey;
    let keyAt = firstKey;
    for (;;) {
      const line = this.lines[this.index];
      const key = this.key(keyAt, line.end);
      if (key === undefined || Object.hasOwn(dict, key.value)) giveUp();
      const value = this.mappingValue(line, key.after, indent);
      defineKey(dict, key.value, value.value);
      positions.set(key.value, new PackedPosition(key.start, key.end, value.range[0], value.range[1]));
      size += 1 + value.size;
      end = value.end;
      const next = this.lines[this.index];
      if (next === undefined || next.indent < indent) break;
      if (next.indent > indent || this.isSequenceLine(next)) giveUp();
      keyAt = next.content;
    }
    this.depth--;
    return {value: dict, range: [firstKey, end], end, size};
  }

  /** A block sequence whose `-` stand at `indent`. */
  private blockSequence(indent: number): Read {
    this.enter();
    const list: PyValue[] = [];
    const positions = new Map<string | number, EntryPosition>();
    this.entryPositions.set(list, positions);
    const start = this.lines[this.index].content;
    let size = 1;
    let end = start;
    for (;;) {
      const line = this.lines[this.index];
      let at = line.content + 1;
      while (at < line.end && this.text[at] === ' ') at++;
      if (at === line.end || (this.text[at] === '-' && (at + 1 === line.end || this.text[at + 1] === ' '))) giveUp();
      const item = this.sequenceItem(line, at, indent);
      positions.set(list.length, new PackedPosition(item.range[0], item.range[1], item.range[0], item.range[1]));
      list.push(item.value);
      size += item.size;
      end = item.end;
      const next = this.lines[this.index];
      if (next === undefined || next.indent < indent) break;
      if (next.indent > indent || !this.isSequenceLine(next)) {
        // A mapping key at the indent of an indentless sequence ends it.
        if (next.indent === indent && !this.isSequenceLine(next)) break;
        giveUp();
      }
    }
    this.depth--;
    return {value: list, range: [start, end], end, size};
  }

  /** What follows `- `: a compact mapping (`- key: value`), a node on the line, or an anchored one of either or of a block below. */
  private sequenceItem(line: Line, at: number, indent: number): Read {
    if (this.text[at] === '&') {
      const anchor = this.anchorName(at + 1, line.end);
      const after = this.skipSpaces(anchor.end, line.end);
      // Two properties (`&a &b`, `&a *b`) are the full reader's to refuse.
      if ('&*'.includes(this.text[after])) giveUp();
      if (after === line.end) return this.anchored(anchor.name, () => this.blockBelow(indent, false) ?? giveUp());
      return this.anchored(anchor.name, () => this.sequenceItem(line, after, indent));
    }
    return this.key(at, line.end) === undefined ? this.inlineNode(line, at, indent, false) : this.blockMapping(at - line.start, at);
  }

  /** After `key:`: a value on the line, a block below it (or an indentless sequence), or nothing (None). */
  private mappingValue(line: Line, afterColon: number, indent: number): Read {
    let at = afterColon;
    while (at < line.end && this.text[at] === ' ') at++;
    if (at < line.end && this.text[at] === '&') {
      const anchor = this.anchorName(at + 1, line.end);
      const after = this.skipSpaces(anchor.end, line.end);
      if ('&*'.includes(this.text[after])) giveUp();
      if (after < line.end) return this.anchored(anchor.name, () => this.inlineNode(line, after, indent, true));
      return this.anchored(anchor.name, () => this.blockBelow(indent, true) ?? giveUp());
    }
    if (at < line.end) return this.inlineNode(line, at, indent, true);
    // Trailing spaces or a comment after a bare `key:` would move where the full reader places its None.
    const below = this.blockBelow(indent, true);
    if (below) return below;
    if (afterColon !== line.end) giveUp();
    return {value: null, range: [afterColon, afterColon], end: afterColon, size: 1};
  }

  /** The block collection on the lines after the current one, if one follows; `indentless`: a mapping value may be a sequence at the key's indent. */
  private blockBelow(indent: number, indentless: boolean): Read | undefined {
    this.index++;
    const next = this.lines[this.index];
    if (next === undefined) return undefined;
    if (next.indent > indent) return this.isSequenceLine(next) ? this.blockSequence(next.indent) : this.blockMapping(next.indent, next.content);
    if (indentless && next.indent === indent && this.isSequenceLine(next)) return this.blockSequence(indent);
    return undefined;
  }

  private anchored(name: string, read: () => Read): Read {
    if (this.anchors.has(name)) giveUp();
    this.anchors.set(name, null);
    const node = read();
    this.anchors.set(name, node);
    return node;
  }

  /** A node that fits on its line, from `at` (a scalar, a flow collection, an alias), and the end of that line. */
  private inlineNode(line: Line, at: number, indent: number, afterKey: boolean): Read {
    let node: Read;
    const first = this.text[at];
    if (first === '*') node = this.alias(at, line.end);
    else if (first === '"' || first === "'") node = this.quoted(at, line.end);
    else if (first === '[' || first === '{') node = this.flow(at, line.end);
    else if (first === '&') giveUp();
    else node = this.plain(at, line.end, afterKey);
    const [, valueEnd] = node.range;
    let rest = valueEnd;
    while (rest < line.end && this.text[rest] === ' ') rest++;
    if (rest < line.end && (this.text[rest] !== '#' || rest === valueEnd)) giveUp();
    this.index++;
    const next = this.lines[this.index];
    // A more indented line would continue a multi-line scalar (or be an error): the full reader's to read.
    if (next !== undefined && next.indent > indent) giveUp();
    return {...node, end: line.next};
  }

  private alias(at: number, lineEnd: number): Read {
    const {name, end} = this.anchorName(at + 1, lineEnd);
    const target = this.anchors.get(name);
    if (!target) giveUp();
    this.aliasExpansion += target.size;
    if (this.aliasExpansion > MAX_ALIAS_EXPANSION) giveUp();
    return {value: target.value, range: [at, end], end, size: target.size};
  }

  private anchorName(at: number, lineEnd: number): {name: string; end: number} {
    ANCHOR_NAME.lastIndex = at;
    const match = ANCHOR_NAME.exec(this.text);
    const end = at + (match?.[0].length ?? 0);
    if (!match || (end < lineEnd && this.text[end] !== ' ')) giveUp();
    return {name: match[0], end};
  }

  /** A plain key (a string by PyYAML's typing) or a quoted one, then `:` and a space or the line's end. */
  private key(at: number, lineEnd: number): {value: string; start: number; end: number; after: number} | undefined {
    let value: string;
    let end: number;
    const first = this.text[at];
    if (first === '"' || first === "'") {
      const quoted = this.quoted(at, lineEnd);
      value = quoted.value as string;
      end = quoted.range[1];
    } else {
      PLAIN_KEY.lastIndex = at;
      const match = PLAIN_KEY.exec(this.text);
      if (!match) return undefined;
      value = match[0];
      end = at + value.length;
      if (this.text[end] === ':' && implicitTag(value) !== STR_TAG) giveUp();
    }
    if (this.text[end] !== ':' || (end + 1 < lineEnd && this.text[end + 1] !== ' ')) return undefined;
    return {value, start: at, end, after: end + 1};
  }

  /** A one-line plain scalar in block context, typed as PyYAML types it. */
  private plain(at: number, lineEnd: number, afterKey: boolean): Read {
    const first = this.text[at];
    if (INDICATORS.has(first) && !(first === '-' && /[0-9.]/.test(this.text[at + 1] ?? ''))) giveUp();
    // Up to a comment (` #`) or the line's end, trailing spaces left out.
    let end = at;
    while (end < lineEnd && !(this.text[end] === '#' && this.text[end - 1] === ' ')) end++;
    while (end > at && this.text[end - 1] === ' ') end--;
    const source = this.text.slice(at, end);
    // `a: b` here would be a mapping PyYAML refuses (after a key) or reads as one (in a sequence).
    if (source.includes(': ') || source.endsWith(':') || (!afterKey && source.includes(':'))) giveUp();
    return {value: typedScalar(source), range: [at, end], end, size: 1};
  }

  /** A quoted scalar closed on its line: `'…'` (`''` is a quote) or `"…"` with the common escapes. */
  private quoted(at: number, lineEnd: number): Read {
    const quote = this.text[at];
    let value = '';
    let position = at + 1;
    for (;;) {
      if (position >= lineEnd) giveUp();
      const char = this.text[position];
      if (char === quote) {
        if (quote === "'" && this.text[position + 1] === "'") {
          value += "'";
          position += 2;
          continue;
        }
        break;
      }
      if (quote === '"' && char === '\\') {
        const code = this.text[position + 1];
        if (code === 'u') {
          const hex = this.text.slice(position + 2, position + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex) || (Number.parseInt(hex, 16) >= 0xd800 && Number.parseInt(hex, 16) <= 0xdfff)) giveUp();
          value += String.fromCharCode(Number.parseInt(hex, 16));
          position += 6;
          continue;
        }
        const replacement = SIMPLE_ESCAPES[code];
        if (replacement === undefined) giveUp();
        value += replacement;
        position += 2;
        continue;
      }
      value += char;
      position++;
    }
    return {value, range: [at, position + 1], end: position + 1, size: 1};
  }

  /** A flow collection closed on its line, holding scalars and flow collections. */
  private flow(at: number, lineEnd: number): Read {
    this.enter();
    const opening = this.text[at];
    const closing = opening === '[' ? ']' : '}';
    const list: PyValue[] = [];
    const dict: PyDict = {};
    const positions = new Map<string | number, EntryPosition>();
    let size = 1;
    let position = this.skipSpaces(at + 1, lineEnd);
    if (this.text[position] !== closing) {
      for (;;) {
        if (opening === '[') {
          const item = this.flowItem(position, lineEnd);
          positions.set(list.length, new PackedPosition(item.range[0], item.range[1], item.range[0], item.range[1]));
          list.push(item.value);
          size += item.size;
          position = item.range[1];
        } else {
          const key = this.key(position, lineEnd);
          if (key === undefined || key.after >= lineEnd || Object.hasOwn(dict, key.value)) giveUp();
          const value = this.flowItem(this.skipSpaces(key.after, lineEnd), lineEnd);
          defineKey(dict, key.value, value.value);
          positions.set(key.value, new PackedPosition(key.start, key.end, value.range[0], value.range[1]));
          size += 1 + value.size;
          position = value.range[1];
        }
        position = this.skipSpaces(position, lineEnd);
        if (this.text[position] === closing) break;
        if (this.text[position] !== ',') giveUp();
        position = this.skipSpaces(position + 1, lineEnd);
        // A trailing comma, or an empty entry, is left to the full reader.
        if (this.text[position] === closing || this.text[position] === ',') giveUp();
      }
    }
    const value = opening === '[' ? list : dict;
    this.entryPositions.set(value, positions);
    this.depth--;
    return {value, range: [at, position + 1], end: position + 1, size};
  }

  private flowItem(at: number, lineEnd: number): Read {
    if (at >= lineEnd) giveUp();
    const first = this.text[at];
    if (first === '[' || first === '{') return this.flow(at, lineEnd);
    if (first === '"' || first === "'") return this.quoted(at, lineEnd);
    if (INDICATORS.has(first) && !(first === '-' && /[0-9.]/.test(this.text[at + 1] ?? ''))) giveUp();
    let end = at;
    while (end < lineEnd && !',[]{}#:?'.includes(this.text[end])) end++;
    // `:`, `#` and `?` (a key indicator anywhere in flow context, for PyYAML) in a flow scalar,
    // or a key without `: `, are left to the full reader.
    if (end < lineEnd && ':#?'.includes(this.text[end])) giveUp();
    while (end > at && this.text[end - 1] === ' ') end--;
    if (end === at) giveUp();
    return {value: typedScalar(this.text.slice(at, end)), range: [at, end], end, size: 1};
  }

  private skipSpaces(at: number, lineEnd: number): number {
    let position = at;
    while (position < lineEnd && this.text[position] === ' ') position++;
    return position;
  }
}

/** A plain scalar's value by PyYAML's implicit typing; merge keys, `=` and unrepresentable values are left to the full reader. */
function typedScalar(source: string): PyValue {
  const tag = implicitTag(source);
  try {
    const value = constructScalarForTag(tag, source);
    if (value === undefined) giveUp();
    return value;
  } catch (error) {
    if (error instanceof ScalarValueError) giveUp();
    throw error;
  }
}
