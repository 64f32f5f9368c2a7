// The text the `yaml` package reads, adjusted where it would read a stream
// differently from PyYAML:
// - line breaks: PyYAML also breaks lines at a lone CR, NEL (U+0085), LS
//   (U+2028) and PS (U+2029); each becomes a LF, one character for one, so
//   offsets do not move (a scalar that LS or PS breaks is scanned again for
//   its value, which PyYAML keeps them in: separator-scalars.ts);
// - insertions found while scanning (see lexical.ts): spaces that indent a
//   continuation line PyYAML does not check the indentation of, and a space
//   after a `?` that PyYAML reads as a key indicator. Inserted spaces change no
//   value, and every offset maps back to the text as given.

import type {OffsetMap} from './positions.js';
import type {BreakAt} from './separator-scalars.js';

/** Spaces to insert before the character at `at` (an offset into the current text). */
export interface Insertion {
  at: number;
  spaces: number;
}

const OTHER_BREAKS = /\r(?!\n)|[\x85\u2028\u2029]/g;
const KEPT_BREAKS = /[\u2028\u2029]/g;

export class ReadSource {
  /** what the `yaml` package reads */
  readonly text: string;

  private constructor(
    /** the text as given, its line breaks made LFs */
    private readonly base: string,
    /** spaces inserted, at offsets into `base`, ascending */
    private readonly insertions: readonly Insertion[],
    /** LS and PS by their offsets, the breaks PyYAML keeps in a scalar's value */
    private readonly keptBreaks: ReadonlyMap<number, string>,
  ) {
    let text = '';
    let from = 0;
    for (const {at, spaces} of insertions) {
      text += base.slice(from, at) + ' '.repeat(spaces);
      from = at;
    }
    this.text = text + base.slice(from);
  }

  static of(original: string): ReadSource {
    const keptBreaks = new Map(Array.from(original.matchAll(KEPT_BREAKS), (match) => [match.index, match[0]]));
    return new ReadSource(original.replace(OTHER_BREAKS, '\n'), [], keptBreaks);
  }

  /** This source with more spaces inserted; `insertions` are offsets into the current `text`. */
  withInsertions(insertions: readonly Insertion[]): ReadSource {
    const byOffset = new Map<number, number>();
    for (const {at, spaces} of this.insertions) byOffset.set(at, spaces);
    for (const {at, spaces} of insertions) {
      const original = this.toOriginal(at);
      byOffset.set(original, (byOffset.get(original) ?? 0) + spaces);
    }
    const all = [...byOffset.entries()].sort((a, b) => a[0] - b[0]).map(([at, spaces]) => ({at, spaces}));
    return new ReadSource(this.base, all, this.keptBreaks);
  }

  /** Maps an offset into `text` back to the text as given; an inserted space maps to where it was inserted. */
  readonly toOriginal: OffsetMap = (offset) => {
    let shift = 0;
    for (const {at, spaces} of this.insertions) {
      const insertedAt = at + shift;
      if (offset < insertedAt) break;
      if (offset < insertedAt + spaces) return at;
      shift += spaces;
    }
    return offset - shift;
  };

  /** True when PyYAML would keep a LS or PS in the value written at `[start, end)` of `text`. */
  keepsBreakWithin(start: number, end: number): boolean {
    if (this.keptBreaks.size === 0) return false;
    const from = this.toOriginal(start);
    const to = this.toOriginal(end);
    for (const offset of this.keptBreaks.keys()) if (offset >= from && offset < to) return true;
    return false;
  }

  /** The line break at an offset of `text` as PyYAML reads it: a LF, or the LS or PS written there. */
  readonly breakAt: BreakAt = (offset) => {
    const character = this.text[offset];
    if (character === '\r' && this.text[offset + 1] === '\n') return {value: '\n', length: 2};
    if (character !== '\n') return undefined;
    return {value: this.keptBreaks.get(this.toOriginal(offset)) ?? '\n', length: 1};
  };
}
