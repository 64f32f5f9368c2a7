// Python `re` patterns (str patterns, Python 3.11) translated to JavaScript
// RegExps with Python's matching semantics, for JSON Schema `pattern`,
// `patternProperties` and guard tokens: Unicode `\d`/`\w`/`\s`/`\b`, `$`
// before a final newline, `\A`/`\Z`, `(?P<name>…)`, inline flags, possessive
// quantifiers and atomic groups. Use `pythonSearch` for `re.search`.
//
// The output uses the JavaScript `v` flag (Node 20+), which allows the nested
// classes that `[^\W]` needs. Known differences, all rare in policies:
// - scoped case-insensitivity that differs from the pattern's global setting
//   (`(?i:…)` in a case-sensitive pattern, `(?-i:…)`), conditionals
//   `(?(1)…)` and `\N{NAME}` raise `PythonRegexError` with code
//   `PYTHON_REGEX_UNSUPPORTED` although Python accepts them;
// - IGNORECASE follows JavaScript's simple case folding plus Python's
//   `i`/`I`/`ı`/`İ` equivalence; `(?ai)` folds beyond ASCII;
// - character properties come from Node's Unicode version, not Python's.

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

const UNICODE_WORD = '\\p{L}\\p{Nd}\\p{Nl}\\p{No}_';
const ASCII_WORD = 'A-Za-z0-9_';
const UNICODE_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const ASCII_SPACE = '\\t\\n\\v\\f\\r\\x20';
const DOTLESS_I_GROUP = ['i', 'I', '\u0131', '\u0130'];
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

class Translator {
  private readonly chars: string[];
  private pos = 0;
  private groupCount = 0;
  private jsGroupCount = 0;
  private readonly groupNames = new Map<string, number>();
  private readonly jsGroupOf: number[] = [0];
  private readonly openGroups = new Set<number>();
  private readonly groupWidths = new Map<number, Width>();
  private helperCount = 0;
  private globalIgnoreCase: boolean;

  constructor(
    private readonly pattern: string,
    private flags: ScopeFlags,
  ) {
    this.chars = Array.from(pattern);
    this.globalIgnoreCase = flags.ignoreCase;
  }

  translate(): {source: string; ignoreCase: boolean} {
    this.readGlobalFlags();
    const body = this.alternation();
    if (this.pos < this.chars.length) this.fail('unbalanced parenthesis', this.pos);
    return {source: body.source, ignoreCase: this.globalIgnoreCase};
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
      this.globalIgnoreCase = this.flags.ignoreCase;
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

  /** Atomic matching (no backtracking into the group) via lookahead + backreference. */
  private atomic(source: string): string {
    let name: string;
    do name = `pyAtomic${++this.helperCount}`;
    while (this.groupNames.has(name));
    this.jsGroupCount++;
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
        return {source: this.flags.dotAll ? '[\\s\\S]' : '[^\\n]', width: {min: 1, max: 1}};
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

  private literal(cp: number): Piece {
    const width = {min: 1, max: 1};
    if (this.flags.ignoreCase && DOTLESS_I_GROUP.includes(String.fromCodePoint(cp))) {
      return {source: `[${DOTLESS_I_GROUP.map((c) => cpEscape(c.codePointAt(0)!)).join('')}]`, width};
    }
    return {source: plainChar(cp), width};
  }

  private wordClass(): string {
    return this.flags.ascii ? ASCII_WORD : UNICODE_WORD;
  }

  private spaceClass(): string {
    return this.flags.ascii ? ASCII_SPACE : UNICODE_SPACE;
  }

  private digitClass(): string {
    return this.flags.ascii ? '0-9' : '\\p{Nd}';
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
    if (shorthand !== null) return {source: `[${shorthand}]`, width: one};
    const word = `[${this.wordClass()}]`;
    switch (letter) {
      case 'A':
        return {source: '^', width: zero, anchor: true};
      case 'Z':
        return {source: '$', width: zero, anchor: true};
      case 'b':
        return {source: `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`, width: zero, anchor: true};
      case 'B':
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
    const width = this.groupWidths.get(group) ?? {min: 0, max: Infinity};
    return {source: `(?:\\${this.jsGroupOf[group]})`, width};
  }

  /** A single-character escape (`\n`, `\x41`, `\u00e9`, `\-`); `inClass` allows `\b` as backspace. */
  private codeEscape(letter: string, start: number, inClass: boolean): number {
    if (letter in ESCAPE_LETTERS && (letter !== 'b' || inClass)) return ESCAPE_LETTERS[letter];
    if (letter === 'x') return this.hexEscape(2, start, 'x');
    if (letter === 'u') return this.hexEscape(4, start, 'u');
    if (letter === 'U') {
      const value = this.hexEscape(8, start, 'U');
      if (value > 0x10ffff) this.fail(`bad escape \\U${value.toString(16).padStart(8, '0')}`, start);
      return value;
    }
    if (letter === 'N') this.fail('named Unicode escapes (\\N{...}) are not supported', start, 'PYTHON_REGEX_UNSUPPORTED');
    if (ASCII_LETTER.test(letter) || DIGIT.test(letter)) this.fail(`bad escape \\${letter}`, start);
    return letter.codePointAt(0)!;
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
    const parts: string[] = [];
    const ranges: Array<[number, number]> = [];
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
        parts.push(`${cpEscape(low)}-${cpEscape(high)}`);
        ranges.push([low, high]);
      } else if (typeof low === 'number') {
        parts.push(cpEscape(low));
        ranges.push([low, low]);
      } else {
        parts.push(low.source);
      }
    }
    if (this.flags.ignoreCase) parts.push(...this.dotlessIExtras(ranges));
    return {source: `[${negated ? '^' : ''}${parts.join('')}]`, width: {min: 1, max: 1}};
  }

  /** Python's IGNORECASE treats `i`, `I`, `ı`, `İ` as one letter; JavaScript folding does not. */
  private dotlessIExtras(ranges: Array<[number, number]>): string[] {
    const covers = (cp: number) => ranges.some(([low, high]) => low <= cp && cp <= high);
    const group = DOTLESS_I_GROUP.map((c) => c.codePointAt(0)!);
    return group.some(covers) ? group.filter((cp) => !covers(cp)).map(cpEscape) : [];
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
        return this.fail('conditional groups are not supported', start, 'PYTHON_REGEX_UNSUPPORTED');
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
      return {source: `(?:\\${this.jsGroupOf[group]})`, width: this.groupWidths.get(group) ?? {min: 0, max: Infinity}};
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
    const jsGroup = ++this.jsGroupCount;
    this.jsGroupOf[group] = jsGroup;
    if (name !== null) this.groupNames.set(name, group);
    this.openGroups.add(group);
    const inner = this.closeGroup(start);
    this.openGroups.delete(group);
    this.groupWidths.set(group, inner.width);
    return {source: `(${inner.source})`, width: inner.width};
  }

  private wrap(open: string, start: number): Piece {
    const inner = this.closeGroup(start);
    return {source: `${open}${inner.source})`, width: inner.width};
  }

  private lookaround(open: string, start: number, behind: boolean): Piece {
    const inner = this.closeGroup(start);
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
    if (this.flags.ignoreCase !== this.globalIgnoreCase) {
      this.fail('scoped IGNORECASE flags are not supported', start, 'PYTHON_REGEX_UNSUPPORTED');
    }
    const inner = this.closeGroup(start);
    this.flags = saved;
    return {source: `(?:${inner.source})`, width: inner.width};
  }
}

export interface TranslatedRegex {
  source: string;
  flags: string;
}

/** The JavaScript source and flags for a Python pattern; throws `PythonRegexError`. */
export function translatePythonRegex(pattern: string, flags: PythonRegexFlags = {}): TranslatedRegex {
  const translator = new Translator(pattern, {
    ignoreCase: flags.ignoreCase ?? false,
    multiline: flags.multiline ?? false,
    dotAll: flags.dotAll ?? false,
    verbose: flags.verbose ?? false,
    ascii: flags.ascii ?? false,
  });
  const {source, ignoreCase} = translator.translate();
  return {source, flags: ignoreCase ? 'vi' : 'v'};
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
