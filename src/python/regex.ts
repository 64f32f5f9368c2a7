// Python `re` patterns (str patterns, Python 3.11) translated to JavaScript
// RegExps with Python's matching semantics, for JSON Schema `pattern`,
// `patternProperties` and guard tokens: `\d`/`\w`/`\s`/`\b` and IGNORECASE
// as Python 3.11 has them (Unicode 14, Python's case classes, scoped
// `(?i:…)`/`(?-i:…)`), `$` before a final newline, `\A`/`\Z`,
// `(?P<name>…)`, `\N{NAME}`, conditionals `(?(1)…|…)`, inline flags,
// possessive quantifiers and atomic groups. Use `pythonSearch` for `re.search`.
//
// The output uses the JavaScript `v` flag (Node 20+), which allows the nested
// classes that `[^\W]` needs. Known differences, all rare in policies:
// - a backreference under IGNORECASE compares with JavaScript's case folding
//   (the whole pattern then runs with the `i` flag, which also folds `\w`);
//   in a pattern that is partly case-sensitive it raises `PythonRegexError`
//   with code `PYTHON_REGEX_UNSUPPORTED`;
// - a group inside a repeated group forgets its capture when the repetition
//   starts again (Python keeps the last one), for backreferences and
//   conditionals alike; a conditional tested on an empty text always takes
//   its "yes" branch.

import {strRepr} from './repr.js';
import {caseClosure, caseVariants, isCapitalOutsideBmp} from './unicode/case.js';
import {decimalDigitValue, digitClass, spaceClass, wordClass} from './unicode/classes.js';
import {lookupCharacterName} from './unicode/names.js';
import {type CodePointRanges, classContents, normalizeRanges} from './unicode/ranges.js';

export type PythonRegexErrorCode = 'PYTHON_REGEX_INVALID' | 'PYTHON_REGEX_UNSUPPORTED';

/** A pattern Python's `re.compile` rejects, or one this translator cannot express. */
export class PythonRegexError extends Error {
  override name = 'PythonRegexError';
  constructor(
    message: string,
    readonly code: PythonRegexErrorCode,
    readonly pattern: string,
    /** index in code points, as Python reports it */
    readonly position: number,
  ) {
    super(position >= 0 ? `${message} at position ${position}` : message);
  }
}

export interface PythonRegexFlags {
  ignoreCase?: boolean;
  multiline?: boolean;
  dotAll?: boolean;
  verbose?: boolean;
  ascii?: boolean;
}

interface ScopeFlags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
  verbose: boolean;
  ascii: boolean;
}

/** Minimum and maximum match length in code points (max may be Infinity). */
interface Width {
  min: number;
  max: number;
}

interface Piece {
  source: string;
  width: Width;
  /** a zero-width anchor Python refuses to repeat (`^`, `$`, `\b`, `\A`, `\Z`) */
  anchor?: boolean;
}

const ASCII_WORD = 'A-Za-z0-9_';
const ASCII_SPACE = '\\t\\n\\v\\f\\r\\x20';
/** `_sre.MAXGROUPS` */
const MAX_GROUPS = 1073741823;
const ANY = '[\\s\\S]';
const ESCAPE_LETTERS: Record<string, number> = {a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11};
const OCTAL = /^[0-7]$/;
const DIGIT = /^[0-9]$/;
const HEX = /^[0-9a-fA-F]$/;
const ASCII_LETTER = /^[A-Za-z]$/;
const GROUP_NAME = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;
const FLAG_LETTERS = 'aiLmsux';

function cpEscape(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}

function plainChar(cp: number): string {
  const char = String.fromCodePoint(cp);
  return /^[A-Za-z0-9 _]$/.test(char) ? char : cpEscape(cp);
}

/** What one translation pass learnt about the pattern. */
interface PassResult {
  source: string;
  /** Python groups a conditional tests, which need a participation marker */
  conditionGroups: Set<number>;
  /** a backreference under IGNORECASE, which only the JavaScript `i` flag can express */
  ignoreCaseBackreference: boolean;
  /** an atom translated case-sensitively, which the `i` flag would change */
  caseSensitiveAtom: boolean;
}

interface PassOptions {
  /** groups that get a marker recording that they took part in the match */
  markedGroups: ReadonlySet<number>;
}

/** One class member: code point ranges (literals are one-point ranges), or a shorthand set like `\d`. */
type ClassItem = {kind: 'literal'; codePoint: number} | {kind: 'range'; low: number; high: number} | {kind: 'set'; source: string};

class Translator {
  private readonly chars: string[];
  private pos = 0;
  private groupCount = 0;
  private readonly groupNames = new Map<string, number>();
  private readonly openGroups = new Set<number>();
  private readonly groupWidths = new Map<number, Width>();
  /** group count when the innermost enclosing lookbehind started, or null outside lookbehinds */
  private lookbehindGroups: number | null = null;
  /** forward group references of conditionals, checked at the end: group -> position */
  private readonly forwardReferences = new Map<number, number>();
  private helperCount = 0;
  private readonly conditionGroups = new Set<number>();
  private ignoreCaseBackreference = false;
  private caseSensitiveAtom = false;

  constructor(
    private readonly pattern: string,
    private flags: ScopeFlags,
    private readonly options: PassOptions,
  ) {
    this.chars = Array.from(pattern);
  }

  translate(): PassResult {
    this.readGlobalFlags();
    const body = this.alternation();
    if (this.pos < this.chars.length) this.fail('unbalanced parenthesis', this.pos);
    for (const [group, position] of this.forwardReferences) {
      if (group > this.groupCount) this.fail(`invalid group reference ${group}`, position);
    }
    return {
      source: body.source,
      conditionGroups: this.conditionGroups,
      ignoreCaseBackreference: this.ignoreCaseBackreference,
      caseSensitiveAtom: this.caseSensitiveAtom,
    };
  }

  private fail(message: string, position: number, code: PythonRegexErrorCode = 'PYTHON_REGEX_INVALID'): never {
    throw new PythonRegexError(message, code, this.pattern, position);
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private eof(): boolean {
    return this.pos >= this.chars.length;
  }

  /** Python only accepts global `(?flags)` at the very start; several may follow each other. */
  private readGlobalFlags(): void {
    while (this.peek() === '(' && this.peek(1) === '?' && FLAG_LETTERS.includes(this.peek(2) ?? '')) {
      let end = this.pos + 2;
      while (end < this.chars.length && FLAG_LETTERS.includes(this.chars[end])) end++;
      if (this.chars[end] !== ')') return;
      for (let i = this.pos + 2; i < end; i++) this.applyFlag(this.chars[i], true, i);
      this.pos = end + 1;
    }
  }

  private applyFlag(letter: string, on: boolean, position: number): void {
    switch (letter) {
      case 'i':
        this.flags.ignoreCase = on;
        break;
      case 'm':
        this.flags.multiline = on;
        break;
      case 's':
        this.flags.dotAll = on;
        break;
      case 'x':
        this.flags.verbose = on;
        break;
      case 'a':
        this.flags.ascii = on;
        break;
      case 'u':
        break;
      default:
        this.fail("bad inline flags: cannot use 'L' flag with a str pattern", position);
    }
  }

  private skipVerbose(): void {
    if (!this.flags.verbose) return;
    while (!this.eof()) {
      const char = this.peek()!;
      if (/^[ \t\n\r\v\f]$/.test(char)) this.pos++;
      else if (char === '#') {
        while (!this.eof() && this.peek() !== '\n') this.pos++;
      } else return;
    }
  }

  private alternation(): Piece {
    const branches: Piece[] = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0];
    return {
      source: branches.map((branch) => branch.source).join('|'),
      width: {
        min: Math.min(...branches.map((branch) => branch.width.min)),
        max: Math.max(...branches.map((branch) => branch.width.max)),
      },
    };
  }

  private sequence(): Piece {
    let source = '';
    const width: Width = {min: 0, max: 0};
    for (;;) {
      this.skipVerbose();
      const char = this.peek();
      if (char === undefined || char === '|' || char === ')') break;
      const start = this.pos;
      if ('*+?'.includes(char) || (char === '{' && this.quantifierAhead())) this.fail('nothing to repeat', start);
      const atom = this.atom();
      const piece = this.quantified(atom);
      source += piece.source;
      width.min += piece.width.min;
      width.max += piece.width.max;
    }
    return {source, width};
  }

  /** Whether `{` at the cursor starts a valid `{m}`, `{m,}`, `{,n}` or `{m,n}`. */
  private quantifierAhead(): boolean {
    let i = this.pos + 1;
    let digitsBefore = 0;
    while (DIGIT.test(this.chars[i] ?? '')) {
      i++;
      digitsBefore++;
    }
    if (this.chars[i] === '}') return digitsBefore > 0;
    if (this.chars[i] !== ',') return false;
    i++;
    while (DIGIT.test(this.chars[i] ?? '')) i++;
    return this.chars[i] === '}';
  }

  private quantified(atom: Piece): Piece {
    this.skipVerbose();
    const quantifierStart = this.pos;
    const bounds = this.readQuantifier();
    if (!bounds) return atom;
    if (atom.anchor) this.fail('nothing to repeat', quantifierStart);
    let mode = '';
    if (this.peek() === '?') {
      mode = '?';
      this.pos++;
    } else if (this.peek() === '+') {
      mode = '+';
      this.pos++;
    }
    this.skipVerbose();
    const next = this.peek();
    if (next !== undefined && ('*+?'.includes(next) || (next === '{' && this.quantifierAhead()))) {
      this.fail('multiple repeat', this.pos);
    }
    const {min, max} = bounds;
    let suffix: string;
    if (min === 0 && max === Infinity) suffix = '*';
    else if (min === 1 && max === Infinity) suffix = '+';
    else if (min === 0 && max === 1) suffix = '?';
    else if (max === Infinity) suffix = `{${min},}`;
    else if (min === max) suffix = `{${min}}`;
    else suffix = `{${min},${max}}`;
    const repeated = `(?:${atom.source})${suffix}${mode === '?' ? '?' : ''}`;
    const width = {min: atom.width.min * min, max: max === 0 ? 0 : atom.width.max * max};
    if (mode === '+') return {source: this.atomic(repeated), width};
    return {source: repeated, width};
  }

  private readQuantifier(): Width | null {
    const char = this.peek();
    if (char === '*') {
      this.pos++;
      return {min: 0, max: Infinity};
    }
    if (char === '+') {
      this.pos++;
      return {min: 1, max: Infinity};
    }
    if (char === '?') {
      this.pos++;
      return {min: 0, max: 1};
    }
    if (char !== '{' || !this.quantifierAhead()) return null;
    const start = this.pos;
    this.pos++;
    let low = '';
    while (DIGIT.test(this.peek() ?? '')) low += this.chars[this.pos++];
    let high = low;
    if (this.peek() === ',') {
      this.pos++;
      high = '';
      while (DIGIT.test(this.peek() ?? '')) high += this.chars[this.pos++];
    }
    this.pos++;
    const min = low === '' ? 0 : Number(low);
    const max = high === '' ? Infinity : Number(high);
    if (min >= 4294967295 || (max !== Infinity && max >= 4294967295)) {
      this.fail('the repetition number is too large', start + 1);
    }
    if (max < min) this.fail('min repeat greater than max repeat', start + 1);
    return {min, max};
  }

  private helperName(kind: string): string {
    return `py${kind}${++this.helperCount}`;
  }

  /** Atomic matching (no backtracking into the group) via lookahead + backreference. */
  private atomic(source: string): string {
    const name = this.helperName('Atomic');
    return `(?=(?<${name}>${source}))\\k<${name}>`;
  }

  private atom(): Piece {
    const start = this.pos;
    const char = this.chars[this.pos++];
    switch (char) {
      case '(':
        return this.group(start);
      case '[':
        return this.charClass(start);
      case '.':
        return {source: this.flags.dotAll ? ANY : '[^\\n]', width: {min: 1, max: 1}};
      case '^':
        return {source: this.flags.multiline ? '(?<=^|\\n)' : '^', width: {min: 0, max: 0}, anchor: true};
      case '$':
        return {
          source: this.flags.multiline ? '(?=\\n|$)' : '(?=\\n?$)',
          width: {min: 0, max: 0},
          anchor: true,
        };
      case '\\':
        return this.escape(start);
      default:
        return this.literal(char.codePointAt(0)!);
    }
  }

  /** Notes an atom that JavaScript's `i` flag would fold; returns whether IGNORECASE applies to it. */
  private caseApplies(): boolean {
    if (!this.flags.ignoreCase) this.caseSensitiveAtom = true;
    return this.flags.ignoreCase;
  }

  private literal(cp: number): Piece {
    const width = {min: 1, max: 1};
    if (!this.caseApplies()) return {source: plainChar(cp), width};
    const variants = this.flags.ascii ? asciiCaseVariants(cp) : caseVariants(cp);
    if (variants.length === 1) return {source: plainChar(cp), width};
    return {source: `[${classContents(normalizeRanges(variants.map((member) => [member, member] as const)))}]`, width};
  }

  private wordClass(): string {
    return this.flags.ascii ? ASCII_WORD : wordClass();
  }

  private spaceClass(): string {
    return this.flags.ascii ? ASCII_SPACE : spaceClass();
  }

  private digitClass(): string {
    return this.flags.ascii ? '0-9' : digitClass();
  }

  /** `\d`, `\w`, `\s` and negations as class contents (v-mode nested classes for negations). */
  private classShorthand(letter: string): string | null {
    switch (letter) {
      case 'd':
        return this.digitClass();
      case 'D':
        return `[^${this.digitClass()}]`;
      case 'w':
        return this.wordClass();
      case 'W':
        return `[^${this.wordClass()}]`;
      case 's':
        return this.spaceClass();
      case 'S':
        return `[^${this.spaceClass()}]`;
      default:
        return null;
    }
  }

  private escape(start: number): Piece {
    const letter = this.chars[this.pos++];
    if (letter === undefined) this.fail('bad escape (end of pattern)', start);
    const one = {min: 1, max: 1};
    const zero = {min: 0, max: 0};
    const shorthand = this.classShorthand(letter);
    if (shorthand !== null) {
      this.caseApplies();
      return {source: `[${shorthand}]`, width: one};
    }
    const word = `[${this.wordClass()}]`;
    switch (letter) {
      case 'A':
        return {source: '^', width: zero, anchor: true};
      case 'Z':
        return {source: '$', width: zero, anchor: true};
      case 'b':
        this.caseApplies();
        return {source: `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`, width: zero, anchor: true};
      case 'B':
        this.caseApplies();
        return {source: `(?:(?<=${word})(?=${word})|(?<!${word})(?!${word}))`, width: zero, anchor: true};
    }
    if (DIGIT.test(letter)) return this.numericEscape(letter, start);
    const cp = this.codeEscape(letter, start, false);
    return this.literal(cp);
  }

  /** `\0`, octal `\141`, or a backreference `\1`..`\99`. */
  private numericEscape(first: string, start: number): Piece {
    const second = this.peek();
    if (first === '0') {
      let digits = '0';
      for (let i = 0; i < 2 && OCTAL.test(this.peek() ?? ''); i++) digits += this.chars[this.pos++];
      return this.literal(Number.parseInt(digits, 8));
    }
    if (second !== undefined && DIGIT.test(second)) {
      const third = this.peek(1);
      if (OCTAL.test(first) && OCTAL.test(second) && third !== undefined && OCTAL.test(third)) {
        this.pos += 2;
        const value = Number.parseInt(first + second + third, 8);
        if (value > 0o377) this.fail(`octal escape value \\${first}${second}${third} outside of range 0-0o377`, start);
        return this.literal(value);
      }
      this.pos++;
      return this.backreference(Number(first + second), start);
    }
    return this.backreference(Number(first), start);
  }

  private backreference(group: number, start: number): Piece {
    if (group > this.groupCount) this.fail(`invalid group reference ${group}`, start + 1);
    if (this.openGroups.has(group)) this.fail('cannot refer to an open group', start);
    this.checkLookbehindReference(group, this.pos);
    return this.groupReference(group);
  }

  private groupReference(group: number): Piece {
    if (this.caseApplies()) this.ignoreCaseBackreference = true;
    const width = this.groupWidths.get(group) ?? {min: 0, max: Infinity};
    return {source: `(?:\\k<${groupName(group)}>)`, width};
  }

  /** Python's `checklookbehindgroup`: a lookbehind may only refer to groups closed before it. */
  private checkLookbehindReference(group: number, position: number): void {
    if (this.lookbehindGroups === null) return;
    if (group > this.groupCount || this.openGroups.has(group)) this.fail('cannot refer to an open group', position);
    if (group > this.lookbehindGroups) this.fail('cannot refer to group defined in the same lookbehind subpattern', position);
  }

  /** A single-character escape (`\n`, `\x41`, `\u00e9`, `\N{EM DASH}`, `\-`); `inClass` allows `\b` as backspace. */
  private codeEscape(letter: string, start: number, inClass: boolean): number {
    if (letter in ESCAPE_LETTERS && (letter !== 'b' || inClass)) return ESCAPE_LETTERS[letter];
    if (letter === 'x') return this.hexEscape(2, start, 'x');
    if (letter === 'u') return this.hexEscape(4, start, 'u');
    if (letter === 'U') {
      const value = this.hexEscape(8, start, 'U');
      if (value > 0x10ffff) this.fail(`bad escape \\U${value.toString(16).padStart(8, '0')}`, start);
      return value;
    }
    if (letter === 'N') return this.namedEscape(start);
    if (ASCII_LETTER.test(letter) || DIGIT.test(letter)) this.fail(`bad escape \\${letter}`, start);
    return letter.codePointAt(0)!;
  }

  /** `\N{NAME}`: a character by its Unicode name or alias, as `unicodedata.lookup` finds it. */
  private namedEscape(start: number): number {
    if (this.peek() !== '{') this.fail('missing {', this.pos);
    this.pos++;
    const name = this.readUntil('}', 'character name');
    const codePoint = lookupCharacterName(name);
    if (codePoint === undefined) this.fail(`undefined character name ${strRepr(name)}`, start);
    return codePoint;
  }

  /** Python's `getuntil`: the text up to `terminator`, which must be there and not first. */
  private readUntil(terminator: string, what: string): string {
    const start = this.pos;
    while (!this.eof() && this.peek() !== terminator) this.pos++;
    const text = this.chars.slice(start, this.pos).join('');
    if (this.eof()) this.fail(text === '' ? `missing ${what}` : `missing ${terminator}, unterminated name`, start);
    if (text === '') this.fail(`missing ${what}`, start);
    this.pos++;
    return text;
  }

  private hexEscape(count: number, start: number, letter: string): number {
    let digits = '';
    while (digits.length < count && HEX.test(this.peek() ?? '')) digits += this.chars[this.pos++];
    if (digits.length < count) this.fail(`incomplete escape \\${letter}${digits}`, start);
    return Number.parseInt(digits, 16);
  }

  private charClass(start: number): Piece {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const items: ClassItem[] = [];
    let first = true;
    for (;;) {
      if (this.eof()) this.fail('unterminated character set', start);
      const itemStart = this.pos;
      const char = this.chars[this.pos++];
      if (char === ']' && !first) break;
      first = false;
      const low = this.classAtom(char, itemStart);
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const highStart = this.pos;
        const high = this.classAtom(this.chars[this.pos++], highStart);
        if (typeof low !== 'number' || typeof high !== 'number') {
          const text = this.chars.slice(itemStart, this.pos).join('');
          this.fail(`bad character range ${text}`, itemStart);
        }
        if (high < low) this.fail(`bad character range ${this.chars.slice(itemStart, this.pos).join('')}`, itemStart);
        items.push({kind: 'range', low, high});
      } else if (typeof low === 'number') {
        items.push({kind: 'literal', codePoint: low});
      } else {
        items.push({kind: 'set', source: low.source});
      }
    }
    const width = {min: 1, max: 1};
    const single = singleLiteral(items);
    if (single !== null) {
      // Python reads a set of one character as that character.
      const literal = this.literal(single);
      return {source: negated ? `[^${literal.source.startsWith('[') ? literal.source : `[${literal.source}]`}]` : literal.source, width};
    }
    const ignoreCase = this.caseApplies();
    const ranges: [number, number][] = [];
    const sets: string[] = [];
    for (const item of items) {
      if (item.kind === 'set') sets.push(item.source);
      else if (item.kind === 'range') ranges.push([item.low, item.high]);
      else if (!(ignoreCase && !this.flags.ascii && isCapitalOutsideBmp(item.codePoint))) ranges.push([item.codePoint, item.codePoint]);
    }
    let members = normalizeRanges(ranges);
    if (ignoreCase) members = this.flags.ascii ? asciiCaseClosure(members) : caseClosure(members);
    return {source: `[${negated ? '^' : ''}${classContents(members)}${sets.join('')}]`, width};
  }

  /** One class member: a code point, or a shorthand set like `\d`. */
  private classAtom(char: string, start: number): number | {source: string} {
    if (char !== '\\') return char.codePointAt(0)!;
    const letter = this.chars[this.pos++];
    if (letter === undefined) this.fail('bad escape (end of pattern)', start);
    const shorthand = this.classShorthand(letter);
    if (shorthand !== null) return {source: shorthand.startsWith('[') ? shorthand : `[${shorthand}]`};
    if (OCTAL.test(letter)) {
      let digits = letter;
      for (let i = 0; i < 2 && OCTAL.test(this.peek() ?? ''); i++) digits += this.chars[this.pos++];
      const value = Number.parseInt(digits, 8);
      if (value > 0o377) this.fail(`octal escape value \\${digits} outside of range 0-0o377`, start);
      return value;
    }
    return this.codeEscape(letter, start, true);
  }

  private group(start: number): Piece {
    if (this.peek() !== '?') return this.capture(start, null);
    this.pos++;
    const kind = this.chars[this.pos++];
    switch (kind) {
      case ':':
        return this.wrap('(?:', start);
      case '=':
        return this.lookaround('(?=', start, false);
      case '!':
        return this.lookaround('(?!', start, false);
      case '>': {
        const inner = this.closeGroup(start);
        return {source: this.atomic(inner.source), width: inner.width};
      }
      case '#':
        while (!this.eof() && this.peek() !== ')') this.pos++;
        if (this.eof()) this.fail('missing ), unterminated comment', start);
        this.pos++;
        return {source: '', width: {min: 0, max: 0}};
      case '<': {
        const next = this.chars[this.pos++];
        if (next === '=') return this.lookaround('(?<=', start, true);
        if (next === '!') return this.lookaround('(?<!', start, true);
        return this.fail(`unknown extension ?<${next ?? ''}`, start + 1);
      }
      case 'P':
        return this.pythonGroup(start);
      case '(':
        return this.conditional(start);
      default:
        if (kind !== undefined && (FLAG_LETTERS.includes(kind) || kind === '-')) return this.scopedFlags(kind, start);
        return this.fail(`unknown extension ?${kind ?? ''}`, start + 1);
    }
  }

  private pythonGroup(start: number): Piece {
    const kind = this.chars[this.pos++];
    if (kind === '<') {
      const name = this.readName('>', start);
      if (this.groupNames.has(name)) this.fail(`redefinition of group name '${name}'`, start + 4);
      return this.capture(start, name);
    }
    if (kind === '=') {
      const name = this.readName(')', start);
      const group = this.groupNames.get(name);
      if (group === undefined) this.fail(`unknown group name '${name}'`, start + 4);
      if (this.openGroups.has(group)) this.fail('cannot refer to an open group', start);
      this.checkLookbehindReference(group, this.pos);
      return this.groupReference(group);
    }
    return this.fail(`unknown extension ?P${kind ?? ''}`, start + 1);
  }

  private readName(terminator: string, start: number): string {
    let name = '';
    while (!this.eof() && this.peek() !== terminator) name += this.chars[this.pos++];
    if (this.eof()) this.fail(`missing ${terminator}, unterminated name`, start + 4);
    this.pos++;
    if (name === '') this.fail('missing group name', start + 4);
    if (!GROUP_NAME.test(name)) this.fail(`bad character in group name '${name}'`, start + 4);
    return name;
  }

  private capture(start: number, name: string | null): Piece {
    const group = ++this.groupCount;
    if (name !== null) this.groupNames.set(name, group);
    this.openGroups.add(group);
    const inner = this.closeGroup(start);
    this.openGroups.delete(group);
    this.groupWidths.set(group, inner.width);
    const marker = this.options.markedGroups.has(group) ? participationMarker(group) : '';
    return {source: `(?<${groupName(group)}>${inner.source}${marker})`, width: inner.width};
  }

  /**
   * `(?(group)yes|no)`. JavaScript has no conditionals: the group ends with a
   * marker capturing the whole text, so it is non-empty exactly when the
   * group took part (for a non-empty text), and each branch starts by testing it.
   */
  private conditional(start: number): Piece {
    const nameStart = this.pos;
    const name = this.readUntil(')', 'group name');
    const group = this.conditionGroup(name, nameStart);
    this.checkLookbehindReference(group, this.pos);
    this.conditionGroups.add(group);
    const yes = this.sequence();
    let no: Piece | null = null;
    if (this.peek() === '|') {
      this.pos++;
      no = this.sequence();
      if (this.peek() === '|') this.fail('conditional backref with more than two branches', this.pos);
    }
    if (this.peek() !== ')') this.fail('missing ), unterminated subpattern', start);
    this.pos++;
    const took = `[\\s\\S]*$(?<=^\\k<${markerName(group)}>)`;
    const source = `(?:(?=${took})(?:${yes.source})|(?!${took})(?:${no?.source ?? ''}))`;
    const width = no
      ? {min: Math.min(yes.width.min, no.width.min), max: Math.max(yes.width.max, no.width.max)}
      : {min: 0, max: yes.width.max};
    return {source, width};
  }

  /** The group a conditional names: a defined group name, or a number (Python's `int()`). */
  private conditionGroup(name: string, position: number): number {
    if (GROUP_NAME.test(name)) {
      const group = this.groupNames.get(name);
      if (group === undefined) this.fail(`unknown group name '${name}'`, position);
      return group;
    }
    const group = pythonInt(name);
    if (group === null || group < 0) this.fail(`bad character in group name '${name}'`, position);
    if (group === 0) this.fail('bad group number', position);
    if (group >= MAX_GROUPS) this.fail(`invalid group reference ${group}`, position);
    if (!this.forwardReferences.has(group)) this.forwardReferences.set(group, position);
    return group;
  }

  private wrap(open: string, start: number): Piece {
    const inner = this.closeGroup(start);
    return {source: `${open}${inner.source})`, width: inner.width};
  }

  private lookaround(open: string, start: number, behind: boolean): Piece {
    const outer = this.lookbehindGroups;
    if (behind && outer === null) this.lookbehindGroups = this.groupCount;
    const inner = this.closeGroup(start);
    this.lookbehindGroups = outer;
    if (behind && inner.width.min !== inner.width.max) this.fail('look-behind requires fixed-width pattern', start);
    return {source: `${open}${inner.source})`, width: {min: 0, max: 0}};
  }

  private closeGroup(start: number): Piece {
    const inner = this.alternation();
    if (this.peek() !== ')') this.fail('missing ), unterminated subpattern', start);
    this.pos++;
    return inner;
  }

  /** `(?flags)` after the start is an error; `(?flags-flags:…)` scopes flags to a group. */
  private scopedFlags(first: string, start: number): Piece {
    this.pos--;
    let on = '';
    let off = '';
    while (FLAG_LETTERS.includes(this.peek() ?? '')) on += this.chars[this.pos++];
    if (this.peek() === '-') {
      this.pos++;
      while (FLAG_LETTERS.includes(this.peek() ?? '')) off += this.chars[this.pos++];
      if (off === '') this.fail('missing flag', this.pos);
    }
    const end = this.chars[this.pos++];
    if (end === ')' && off === '' && first !== '-') this.fail('global flags not at the start of the expression', start);
    if (end !== ':') this.fail('missing :', this.pos - 1);
    for (const letter of off) {
      if (on.includes(letter)) this.fail('bad inline flags: flag turned on and off', this.pos - 1);
      if (!'imsx'.includes(letter)) this.fail('bad inline flags: cannot turn off flags', this.pos - 1);
    }
    const saved = {...this.flags};
    for (let i = 0; i < on.length; i++) this.applyFlag(on[i], true, start + 2 + i);
    for (const letter of off) this.applyFlag(letter, false, start);
    const inner = this.closeGroup(start);
    this.flags = saved;
    return {source: `(?:${inner.source})`, width: inner.width};
  }
}

function groupName(group: number): string {
  return `pyG${group}`;
}

function markerName(group: number): string {
  return `pyTook${group}`;
}

/** Captures the whole text from the end of a group: a lookbehind back to the start, then a lookahead. */
function participationMarker(group: number): string {
  return `(?<=(?=(?<${markerName(group)}>[\\s\\S]*))^[\\s\\S]*)`;
}

/** The code point when every member of a class is the same single character (Python's set of one). */
function singleLiteral(items: readonly ClassItem[]): number | null {
  const first = items[0];
  if (first?.kind !== 'literal') return null;
  return items.every((item) => item.kind === 'literal' && item.codePoint === first.codePoint) ? first.codePoint : null;
}

function asciiCaseVariants(cp: number): readonly number[] {
  if (cp >= 0x41 && cp <= 0x5a) return [cp, cp + 32];
  if (cp >= 0x61 && cp <= 0x7a) return [cp - 32, cp];
  return [cp];
}

/** IGNORECASE with the ASCII flag: only ASCII letters fold. */
function asciiCaseClosure(ranges: CodePointRanges): CodePointRanges {
  const added: [number, number][] = [];
  for (const [start, end] of ranges) {
    const upper: [number, number] = [Math.max(start, 0x41), Math.min(end, 0x5a)];
    if (upper[0] <= upper[1]) added.push([upper[0] + 32, upper[1] + 32]);
    const lower: [number, number] = [Math.max(start, 0x61), Math.min(end, 0x7a)];
    if (lower[0] <= lower[1]) added.push([lower[0] - 32, lower[1] - 32]);
  }
  return added.length === 0 ? ranges : normalizeRanges([...ranges, ...added]);
}

/** Python `int(text)` for a conditional's group: optional spaces and sign, digits with single underscores. */
function pythonInt(text: string): number | null {
  const match = /^\s*([+-]?)(\p{Nd}+(?:_\p{Nd}+)*)\s*$/u.exec(text);
  if (!match) return null;
  let value = 0;
  for (const char of match[2].replaceAll('_', '')) {
    const digit = decimalDigitValue(char.codePointAt(0)!);
    if (digit < 0) return null;
    value = value * 10 + digit;
  }
  return match[1] === '-' ? -value : value;
}

export interface TranslatedRegex {
  source: string;
  flags: string;
}

function scopeFlags(flags: PythonRegexFlags): ScopeFlags {
  return {
    ignoreCase: flags.ignoreCase ?? false,
    multiline: flags.multiline ?? false,
    dotAll: flags.dotAll ?? false,
    verbose: flags.verbose ?? false,
    ascii: flags.ascii ?? false,
  };
}

/** The JavaScript source and flags for a Python pattern; throws `PythonRegexError`. */
export function translatePythonRegex(pattern: string, flags: PythonRegexFlags = {}): TranslatedRegex {
  const pass = (markedGroups: ReadonlySet<number>) => new Translator(pattern, scopeFlags(flags), {markedGroups}).translate();
  const first = pass(new Set());
  const result = first.conditionGroups.size === 0 ? first : pass(first.conditionGroups);
  if (!first.ignoreCaseBackreference) return {source: result.source, flags: 'v'};
  if (first.caseSensitiveAtom) {
    throw new PythonRegexError(
      'a backreference under IGNORECASE in a pattern that is partly case-sensitive is not supported',
      'PYTHON_REGEX_UNSUPPORTED',
      pattern,
      -1,
    );
  }
  // Only JavaScript's own case folding compares a backreference case-insensitively.
  return {source: result.source, flags: 'vi'};
}

const cache = new Map<string, RegExp | PythonRegexError>();
const CACHE_LIMIT = 1024;

function cacheKey(pattern: string, flags: PythonRegexFlags): string {
  const letters = `${flags.ignoreCase ? 'i' : ''}${flags.multiline ? 'm' : ''}${flags.dotAll ? 's' : ''}${flags.verbose ? 'x' : ''}${flags.ascii ? 'a' : ''}`;
  return `${letters}/${pattern}`;
}

/** A RegExp (no `g`/`y`, so `test` is stateless) behaving like `re.compile(pattern)`; cached. */
export function compilePythonRegex(pattern: string, flags: PythonRegexFlags = {}): RegExp {
  const key = cacheKey(pattern, flags);
  let entry = cache.get(key);
  if (entry === undefined) {
    entry = build(pattern, flags);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, entry);
  }
  if (entry instanceof PythonRegexError) throw entry;
  return entry;
}

function build(pattern: string, flags: PythonRegexFlags): RegExp | PythonRegexError {
  try {
    const translated = translatePythonRegex(pattern, flags);
    return new RegExp(translated.source, translated.flags);
  } catch (error) {
    if (error instanceof PythonRegexError) return error;
    return new PythonRegexError(
      `pattern cannot be expressed in JavaScript: ${(error as Error).message}`,
      'PYTHON_REGEX_UNSUPPORTED',
      pattern,
      -1,
    );
  }
}

/** Python `bool(re.search(pattern, text))`. */
export function pythonSearch(pattern: string, text: string, flags: PythonRegexFlags = {}): boolean {
  return compilePythonRegex(pattern, flags).test(text);
}

/** Whether Python's `re.compile` would accept the pattern (as far as this translator knows). */
export function isValidPythonRegex(pattern: string): boolean {
  try {
    compilePythonRegex(pattern);
    return true;
  } catch (error) {
    if (error instanceof PythonRegexError) return false;
    throw error;
  }
}
