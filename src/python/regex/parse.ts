// Python `re` syntax (str patterns, Python 3.11) to a `RegexTree`, with the
// checks `sre_parse` makes and its messages and positions: group references,
// lookbehind references, inline flags, repeats. Flags in effect are recorded
// on the nodes they change, so the later phases need no state of their own.

import {strRepr} from '../repr.js';
import {decimalDigitValue} from '../unicode/classes.js';
import {lookupCharacterName} from '../unicode/names.js';
import type {RegexNode, RegexTree, RepeatMode, SetMember, ShorthandLetter, Span} from './ast.js';
import {PythonRegexError} from './errors.js';

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

/** `_sre.MAXGROUPS` */
const MAX_GROUPS = 1073741823;
/** `_sre.MAXREPEAT` */
export const MAX_REPEAT = 4294967295;
const ESCAPE_LETTERS: Record<string, number> = {a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11};
const OCTAL = /^[0-7]$/;
const DIGIT = /^[0-9]$/;
const HEX = /^[0-9a-fA-F]$/;
const ASCII_LETTER = /^[A-Za-z]$/;
const GROUP_NAME = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;
const FLAG_LETTERS = 'aiLmsux';
const SHORTHANDS = 'dDwWsS';

/** Parses a Python pattern; throws `PythonRegexError` where `re.compile` raises `re.error`. */
export function parsePythonRegex(pattern: string, flags: PythonRegexFlags = {}): RegexTree {
  return new Parser(pattern, {
    ignoreCase: flags.ignoreCase ?? false,
    multiline: flags.multiline ?? false,
    dotAll: flags.dotAll ?? false,
    verbose: flags.verbose ?? false,
    ascii: flags.ascii ?? false,
  }).parse();
}

class Parser {
  private readonly chars: string[];
  private pos = 0;
  private groupCount = 0;
  private readonly groupNames = new Map<string, number>();
  private readonly openGroups = new Set<number>();
  /** group count when the innermost enclosing lookbehind started, or null outside lookbehinds */
  private lookbehindGroups: number | null = null;
  /** forward group references of conditionals, checked at the end: group -> position */
  private readonly forwardReferences = new Map<number, number>();

  constructor(
    private readonly pattern: string,
    private flags: ScopeFlags,
  ) {
    this.chars = Array.from(pattern);
  }

  parse(): RegexTree {
    const root = this.alternation(true);
    if (this.pos < this.chars.length) this.fail('unbalanced parenthesis', this.pos);
    for (const [group, position] of this.forwardReferences) {
      if (group > this.groupCount) this.fail(`invalid group reference ${group}`, position);
    }
    return {pattern: this.pattern, root, groupCount: this.groupCount};
  }

  private fail(message: string, position: number): never {
    throw new PythonRegexError(message, 'PYTHON_REGEX_INVALID', this.pattern, position);
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private eof(): boolean {
    return this.pos >= this.chars.length;
  }

  /** One token as Python's tokenizer reads it: a character, or a backslash and the character after it. */
  private token(): string | undefined {
    const char = this.chars[this.pos++];
    if (char !== '\\' || this.eof()) return char;
    return char + this.chars[this.pos++];
  }

  private span(start: number): Span {
    return {start, end: this.pos};
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

  /** `top`: the whole pattern, whose first branch may open with global `(?flags)`. */
  private alternation(top = false): RegexNode {
    const start = this.pos;
    const branches: RegexNode[] = [this.sequence(top)];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0];
    return {kind: 'alternation', span: this.span(start), branches};
  }

  /** Python's `_parse`: a quantifier repeats the item before it; `first` allows global flags while no item is read. */
  private sequence(first = false): RegexNode {
    const start = this.pos;
    const items: RegexNode[] = [];
    for (;;) {
      this.skipVerbose();
      const char = this.peek();
      if (char === undefined || char === '|' || char === ')') break;
      const itemStart = this.pos;
      if ('*+?'.includes(char) || (char === '{' && this.quantifierAhead())) {
        const last = items.at(-1);
        if (last === undefined || last.kind === 'anchor') this.fail('nothing to repeat', itemStart);
        if (last.kind === 'repeat') this.fail('multiple repeat', itemStart);
        items[items.length - 1] = this.repeat(last);
        continue;
      }
      if (char === '(' && this.peek(1) === '?' && this.peek(2) === '#') {
        this.comment(itemStart);
        continue;
      }
      if (first && items.length === 0 && this.globalFlags()) continue;
      items.push(this.atom());
    }
    if (items.length === 1) return items[0];
    if (items.length === 0) return {kind: 'empty', span: this.span(start)};
    return {kind: 'sequence', span: this.span(start), items};
  }

  /** `(?#…)` is skipped, as Python skips it: a quantifier after it repeats the item before it. */
  private comment(start: number): void {
    this.pos += 3;
    while (!this.eof() && this.peek() !== ')') this.pos++;
    if (this.eof()) this.fail('missing ), unterminated comment', start);
    this.pos++;
  }

  /** Global `(?flags)`, allowed while nothing but other global flags and comments came before; false if none is here. */
  private globalFlags(): boolean {
    if (this.peek() !== '(' || this.peek(1) !== '?' || !FLAG_LETTERS.includes(this.peek(2) ?? '')) return false;
    let end = this.pos + 2;
    while (end < this.chars.length && FLAG_LETTERS.includes(this.chars[end])) end++;
    if (this.chars[end] !== ')') return false;
    for (let i = this.pos + 2; i < end; i++) this.applyFlag(this.chars[i], true, i);
    this.pos = end + 1;
    return true;
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

  private repeat(body: RegexNode): RegexNode {
    const {min, max} = this.readQuantifier();
    let mode: RepeatMode = 'greedy';
    if (this.peek() === '?') {
      mode = 'lazy';
      this.pos++;
    } else if (this.peek() === '+') {
      mode = 'possessive';
      this.pos++;
    }
    return {kind: 'repeat', span: {start: body.span.start, end: this.pos}, body, min, max, mode};
  }

  private readQuantifier(): {min: number; max: number} {
    const char = this.chars[this.pos];
    if (char !== '{') {
      this.pos++;
      if (char === '*') return {min: 0, max: Infinity};
      if (char === '+') return {min: 1, max: Infinity};
      return {min: 0, max: 1};
    }
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
    // Python raises OverflowError here, with no position.
    if (min >= MAX_REPEAT || (max !== Infinity && max >= MAX_REPEAT)) this.fail('the repetition number is too large', -1);
    if (max < min) this.fail('min repeat greater than max repeat', start + 1);
    return {min, max};
  }

  private atom(): RegexNode {
    const start = this.pos;
    const char = this.chars[this.pos++];
    switch (char) {
      case '(':
        return this.group(start);
      case '[':
        return this.set(start);
      case '.':
        return {kind: 'any', span: this.span(start), dotAll: this.flags.dotAll};
      case '^':
        return this.anchor('start', start);
      case '$':
        return this.anchor('end', start);
      case '\\':
        return this.escape(start);
      default:
        return this.literal(char.codePointAt(0)!, start);
    }
  }

  private anchor(anchor: 'start' | 'end' | 'textStart' | 'textEnd' | 'wordBoundary' | 'notWordBoundary', start: number): RegexNode {
    const {multiline, ignoreCase, ascii} = this.flags;
    return {kind: 'anchor', span: this.span(start), anchor, multiline, ignoreCase, ascii};
  }

  private literal(codePoint: number, start: number): RegexNode {
    return {kind: 'literal', span: this.span(start), codePoint, ignoreCase: this.flags.ignoreCase, ascii: this.flags.ascii};
  }

  private escape(start: number): RegexNode {
    const letter = this.chars[this.pos++];
    if (letter === undefined) this.fail('bad escape (end of pattern)', start);
    if (SHORTHANDS.includes(letter)) {
      const {ignoreCase, ascii} = this.flags;
      return {kind: 'shorthand', span: this.span(start), letter: letter as ShorthandLetter, ignoreCase, ascii};
    }
    switch (letter) {
      case 'A':
        return this.anchor('textStart', start);
      case 'Z':
        return this.anchor('textEnd', start);
      case 'b':
        return this.anchor('wordBoundary', start);
      case 'B':
        return this.anchor('notWordBoundary', start);
    }
    if (DIGIT.test(letter)) return this.numericEscape(letter, start);
    return this.literal(this.codeEscape(letter, start, false), start);
  }

  /** `\0`, octal `\141`, or a backreference `\1`..`\99`. */
  private numericEscape(first: string, start: number): RegexNode {
    const second = this.peek();
    if (first === '0') {
      let digits = '0';
      for (let i = 0; i < 2 && OCTAL.test(this.peek() ?? ''); i++) digits += this.chars[this.pos++];
      return this.literal(Number.parseInt(digits, 8), start);
    }
    if (second !== undefined && DIGIT.test(second)) {
      const third = this.peek(1);
      if (OCTAL.test(first) && OCTAL.test(second) && third !== undefined && OCTAL.test(third)) {
        this.pos += 2;
        const value = Number.parseInt(first + second + third, 8);
        if (value > 0o377) this.fail(`octal escape value \\${first}${second}${third} outside of range 0-0o377`, start);
        return this.literal(value, start);
      }
      this.pos++;
      return this.backreference(Number(first + second), start);
    }
    return this.backreference(Number(first), start);
  }

  private backreference(group: number, start: number): RegexNode {
    if (group > this.groupCount) this.fail(`invalid group reference ${group}`, start + 1);
    if (this.openGroups.has(group)) this.fail('cannot refer to an open group', start);
    this.checkLookbehindReference(group, this.pos);
    return this.groupReference(group, start);
  }

  private groupReference(group: number, start: number): RegexNode {
    return {kind: 'backreference', span: this.span(start), group, ignoreCase: this.flags.ignoreCase};
  }

  /** Python's `checklookbehindgroup`: a lookbehind may only refer to groups closed before it. */
  private checkLookbehindReference(group: number, position: number): void {
    if (this.lookbehindGroups === null) return;
    if (group > this.groupCount || this.openGroups.has(group)) this.fail('cannot refer to an open group', position);
    if (group > this.lookbehindGroups) this.fail('cannot refer to group defined in the same lookbehind subpattern', position);
  }

  /** A single-character escape (`\n`, `\x41`, `\u00e9`, `\N{EM DASH}`, `\-`); `inSet` allows `\b` as backspace. */
  private codeEscape(letter: string, start: number, inSet: boolean): number {
    if (letter in ESCAPE_LETTERS && (letter !== 'b' || inSet)) return ESCAPE_LETTERS[letter];
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

  private set(start: number): RegexNode {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const members: SetMember[] = [];
    let first = true;
    for (;;) {
      if (this.eof()) this.fail('unterminated character set', start);
      const itemStart = this.pos;
      const char = this.chars[this.pos++];
      if (char === ']' && !first) break;
      first = false;
      const low = this.setAtom(char, itemStart);
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const highStart = this.pos;
        const high = this.setAtom(this.chars[this.pos++], highStart);
        if (typeof low !== 'number' || typeof high !== 'number' || high < low) {
          this.fail(`bad character range ${this.chars.slice(itemStart, this.pos).join('')}`, itemStart);
        }
        members.push({kind: 'range', low, high});
      } else if (typeof low === 'number') {
        members.push({kind: 'literal', codePoint: low});
      } else {
        members.push({kind: 'shorthand', letter: low.shorthand});
      }
    }
    const {ignoreCase, ascii} = this.flags;
    return {kind: 'set', span: this.span(start), negated, members, ignoreCase, ascii};
  }

  /** One set member: a code point, or a shorthand like `\d`. */
  private setAtom(char: string, start: number): number | {shorthand: ShorthandLetter} {
    if (char !== '\\') return char.codePointAt(0)!;
    const letter = this.chars[this.pos++];
    if (letter === undefined) this.fail('bad escape (end of pattern)', start);
    if (SHORTHANDS.includes(letter)) return {shorthand: letter as ShorthandLetter};
    if (OCTAL.test(letter)) {
      let digits = letter;
      for (let i = 0; i < 2 && OCTAL.test(this.peek() ?? ''); i++) digits += this.chars[this.pos++];
      const value = Number.parseInt(digits, 8);
      if (value > 0o377) this.fail(`octal escape value \\${digits} outside of range 0-0o377`, start);
      return value;
    }
    return this.codeEscape(letter, start, true);
  }

  private group(start: number): RegexNode {
    if (this.peek() !== '?') return this.capture(start, null);
    this.pos++;
    const kind = this.token();
    if (kind === undefined) this.fail('unexpected end of pattern', this.chars.length);
    switch (kind) {
      case ':':
        return this.plainGroup(start);
      case '=':
        return this.lookaround(start, false, false);
      case '!':
        return this.lookaround(start, false, true);
      case '>':
        return {kind: 'atomic', body: this.closeGroup(start), span: this.span(start)};
      case '<': {
        const next = this.token();
        if (next === undefined) this.fail('unexpected end of pattern', this.chars.length);
        if (next === '=') return this.lookaround(start, true, false);
        if (next === '!') return this.lookaround(start, true, true);
        return this.fail(`unknown extension ?<${next}`, start + 1);
      }
      case 'P':
        return this.pythonGroup(start);
      case '(':
        return this.conditional(start);
      default:
        if (FLAG_LETTERS.includes(kind) || kind === '-') return this.scopedFlags(kind, start);
        return this.fail(`unknown extension ?${kind}`, start + 1);
    }
  }

  private pythonGroup(start: number): RegexNode {
    const kind = this.token();
    if (kind === undefined) this.fail('unexpected end of pattern', this.chars.length);
    if (kind === '<') {
      const name = this.readName('>', start);
      const previous = this.groupNames.get(name);
      if (previous !== undefined) {
        this.fail(`redefinition of group name ${strRepr(name)} as group ${this.groupCount + 1}; was group ${previous}`, start + 4);
      }
      return this.capture(start, name);
    }
    if (kind === '=') {
      const name = this.readName(')', start);
      const group = this.groupNames.get(name);
      if (group === undefined) this.fail(`unknown group name '${name}'`, start + 4);
      if (this.openGroups.has(group)) this.fail('cannot refer to an open group', start + 4);
      this.checkLookbehindReference(group, this.pos);
      return this.groupReference(group, start);
    }
    return this.fail(`unknown extension ?P${kind}`, start + 1);
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

  private capture(start: number, name: string | null): RegexNode {
    const index = ++this.groupCount;
    if (name !== null) this.groupNames.set(name, index);
    this.openGroups.add(index);
    const body = this.closeGroup(start);
    this.openGroups.delete(index);
    return {kind: 'group', span: this.span(start), body, capture: {index, name}};
  }

  /** `(?(group)yes|no)` */
  private conditional(start: number): RegexNode {
    const nameStart = this.pos;
    const name = this.readUntil(')', 'group name');
    const group = this.conditionGroup(name, nameStart);
    this.checkLookbehindReference(group, this.pos);
    const yes = this.sequence();
    let no: RegexNode | null = null;
    if (this.peek() === '|') {
      this.pos++;
      no = this.sequence();
      if (this.peek() === '|') this.fail('conditional backref with more than two branches', this.pos);
    }
    if (this.peek() !== ')') this.fail('missing ), unterminated subpattern', start);
    this.pos++;
    return {kind: 'conditional', span: this.span(start), group, yes, no};
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

  private plainGroup(start: number): RegexNode {
    const body = this.closeGroup(start);
    return {kind: 'group', span: this.span(start), body};
  }

  private lookaround(start: number, behind: boolean, negated: boolean): RegexNode {
    const outer = this.lookbehindGroups;
    if (behind && outer === null) this.lookbehindGroups = this.groupCount;
    const body = this.closeGroup(start);
    this.lookbehindGroups = outer;
    return {kind: 'lookaround', span: this.span(start), behind, negated, body};
  }

  private closeGroup(start: number): RegexNode {
    const body = this.alternation();
    if (this.peek() !== ')') this.fail('missing ), unterminated subpattern', start);
    this.pos++;
    return body;
  }

  /** `(?flags)` after the start is an error; `(?flags-flags:…)` scopes flags to a group. */
  private scopedFlags(first: string, start: number): RegexNode {
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
    const body = this.closeGroup(start);
    this.flags = saved;
    return {kind: 'group', span: this.span(start), body};
  }
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
