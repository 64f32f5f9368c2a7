// The text of a scalar that a line or paragraph separator (LS U+2028, PS
// U+2029) breaks, as PyYAML's scanner builds it. The `yaml` package reads
// those characters as LFs (source.ts), which gives PyYAML's structure but not
// its value: PyYAML keeps a LS or PS where it keeps a line break, and also
// where it would fold a LF into a space. So such a scalar is scanned again,
// over the same text, the way scan_plain, scan_flow_scalar and
// scan_block_scalar do it (PyYAML 6.0 yaml/scanner.py); the `yaml` package
// has already checked its syntax.

/** The line break at an offset of the text read: what PyYAML's scan_line_break gives for it, and how many characters it spans. */
export type BreakAt = (offset: number) => {value: string; length: number} | undefined;

export type SeparatorScalar =
  | {style: 'plain'; start: number; end: number}
  | {style: 'single' | 'double'; start: number}
  /** `start` is the offset of the header (`|` or `>`); `parentIndent` the indentation of the collection holding it (0 at the top). */
  | {style: 'block'; start: number; parentIndent: number};

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\x08',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\x0b',
  f: '\x0c',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '\\': '\\',
  '/': '/',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

const ESCAPE_DIGITS: Record<string, number> = {x: 2, u: 4, U: 8};

/** The scalar's text before any typing, as PyYAML scans it from `text`. */
export function separatorScalarText(text: string, breakAt: BreakAt, scalar: SeparatorScalar): string {
  const scan = new ScalarScan(text, breakAt, scalar.start);
  switch (scalar.style) {
    case 'plain':
      return scan.plain(scalar.end);
    case 'block':
      return scan.block(scalar.parentIndent);
    default:
      return scan.quoted(scalar.style === 'double');
  }
}

/**
 * How PyYAML joins the lines either side of a line break: a LF followed by
 * no empty line becomes a space, a LF followed by empty lines gives way to
 * their breaks, and any other break (LS, PS) is kept before them.
 */
function folded(first: string, breaks: readonly string[]): string {
  return (first !== '\n' ? first : breaks.length === 0 ? ' ' : '') + breaks.join('');
}

class ScalarScan {
  constructor(
    private readonly text: string,
    private readonly breakAt: BreakAt,
    private offset: number,
  ) {}

  private peek(ahead = 0): string {
    return this.text[this.offset + ahead] ?? '';
  }

  /** The break here, consumed; '' when there is none (scan_line_break). */
  private lineBreak(): string {
    const found = this.breakAt(this.offset);
    if (found === undefined) return '';
    this.offset += found.length;
    return found.value;
  }

  private atBreak(): boolean {
    return this.breakAt(this.offset) !== undefined;
  }

  private column(): number {
    return this.offset - (this.text.lastIndexOf('\n', this.offset - 1) + 1);
  }

  private skip(characters: string): string {
    const from = this.offset;
    while (this.offset < this.text.length && characters.includes(this.peek())) this.offset += 1;
    return this.text.slice(from, this.offset);
  }

  /**
   * The breaks of the empty lines that follow, the `blanks` of each skipped:
   * spaces in a plain scalar (scan_plain_spaces), spaces and tabs in a quoted
   * one (scan_flow_scalar_breaks).
   */
  private emptyLineBreaks(blanks: string, end = this.text.length): string[] {
    const breaks: string[] = [];
    for (;;) {
      this.skip(blanks);
      if (this.offset >= end || !this.atBreak()) return breaks;
      breaks.push(this.lineBreak());
    }
  }

  /** A plain scalar ending at `end`: its lines joined (scan_plain, scan_plain_spaces). */
  plain(end: number): string {
    let value = '';
    for (;;) {
      const lineStart = this.offset;
      while (this.offset < end && !this.atBreak()) this.offset += 1;
      const line = this.text.slice(lineStart, this.offset);
      if (this.offset >= end) return value + line;
      value += line.replace(/ +$/, '');
      const first = this.lineBreak();
      value += folded(first, this.emptyLineBreaks(' ', end));
    }
  }

  /** A single- or double-quoted scalar, from its opening quote (scan_flow_scalar). */
  quoted(double: boolean): string {
    const quote = this.peek();
    this.offset += 1;
    let value = this.nonSpaces(double);
    while (this.peek() !== quote && this.offset < this.text.length) {
      value += this.spaces();
      value += this.nonSpaces(double);
    }
    this.offset += 1;
    return value;
  }

  private nonSpaces(double: boolean): string {
    let value = '';
    for (;;) {
      const from = this.offset;
      while (this.offset < this.text.length && !`'"\\ \t`.includes(this.peek()) && !this.atBreak()) this.offset += 1;
      value += this.text.slice(from, this.offset);
      const character = this.peek();
      if (!double && character === "'" && this.peek(1) === "'") {
        value += "'";
        this.offset += 2;
      } else if ((double && character === "'") || (!double && (character === '"' || character === '\\'))) {
        value += character;
        this.offset += 1;
      } else if (double && character === '\\') {
        this.offset += 1;
        value += this.escape();
      } else {
        return value;
      }
    }
  }

  /** What the escape after a backslash stands for. */
  private escape(): string {
    const character = this.peek();
    if (this.atBreak()) {
      this.lineBreak();
      return this.emptyLineBreaks(' \t').join('');
    }
    const digits = ESCAPE_DIGITS[character];
    if (digits === undefined) {
      this.offset += 1;
      return ESCAPES[character] ?? character;
    }
    const code = Number.parseInt(this.text.slice(this.offset + 1, this.offset + 1 + digits), 16);
    this.offset += 1 + digits;
    // A lone surrogate stays one UTF-16 unit, as Python's chr gives it.
    return code <= 0xffff ? String.fromCharCode(code) : String.fromCodePoint(code);
  }

  private spaces(): string {
    const whitespace = this.skip(' \t');
    if (!this.atBreak()) return whitespace;
    const first = this.lineBreak();
    return folded(first, this.emptyLineBreaks(' \t'));
  }

  /** A literal or folded block scalar, from its header (scan_block_scalar). */
  block(parentIndent: number): string {
    const isFolded = this.peek() === '>';
    this.offset += 1;
    const {chomping, increment} = this.blockIndicators();
    this.skip(' ');
    if (this.peek() === '#') while (this.offset < this.text.length && !this.atBreak()) this.offset += 1;
    this.lineBreak();
    const minIndent = parentIndent + 1;
    let breaks: string[];
    let indent: number;
    if (increment === undefined) {
      const leading = this.blockIndentation();
      breaks = leading.breaks;
      indent = Math.max(minIndent, leading.maxIndent);
    } else {
      indent = minIndent + increment - 1;
      breaks = this.blockBreaks(indent);
    }
    const chunks: string[] = [];
    let lineBreak = '';
    while (this.column() === indent && this.offset < this.text.length) {
      chunks.push(...breaks);
      const leadingNonSpace = !' \t'.includes(this.peek());
      const from = this.offset;
      while (this.offset < this.text.length && !this.atBreak()) this.offset += 1;
      chunks.push(this.text.slice(from, this.offset));
      lineBreak = this.lineBreak();
      breaks = this.blockBreaks(indent);
      if (this.column() !== indent || this.offset >= this.text.length) break;
      if (isFolded && lineBreak === '\n' && leadingNonSpace && !' \t'.includes(this.peek())) {
        if (breaks.length === 0) chunks.push(' ');
      } else {
        chunks.push(lineBreak);
      }
    }
    if (chomping !== 'strip') chunks.push(lineBreak);
    if (chomping === 'keep') chunks.push(...breaks);
    return chunks.join('');
  }

  private blockIndicators(): {chomping: 'clip' | 'strip' | 'keep'; increment?: number} {
    let chomping: 'clip' | 'strip' | 'keep' = 'clip';
    let increment: number | undefined;
    for (let read = 0; read < 2; read += 1) {
      const character = this.peek();
      if (character === '+' || character === '-') chomping = character === '+' ? 'keep' : 'strip';
      else if (character >= '1' && character <= '9') increment = Number(character);
      else break;
      this.offset += 1;
    }
    return {chomping, increment};
  }

  /** The breaks before the first line with content, and the deepest indentation on the way (scan_block_scalar_indentation). */
  private blockIndentation(): {breaks: string[]; maxIndent: number} {
    const breaks: string[] = [];
    let maxIndent = 0;
    while (this.offset < this.text.length && (this.peek() === ' ' || this.atBreak())) {
      if (this.peek() === ' ') {
        this.offset += 1;
        maxIndent = Math.max(maxIndent, this.column());
      } else {
        breaks.push(this.lineBreak());
      }
    }
    return {breaks, maxIndent};
  }

  /** The breaks of the empty lines that follow, at most `indent` spaces of each skipped (scan_block_scalar_breaks). */
  private blockBreaks(indent: number): string[] {
    const breaks: string[] = [];
    const skipIndentation = () => {
      while (this.column() < indent && this.peek() === ' ') this.offset += 1;
    };
    skipIndentation();
    while (this.offset < this.text.length && this.atBreak()) {
      breaks.push(this.lineBreak());
      skipIndentation();
    }
    return breaks;
  }
}
