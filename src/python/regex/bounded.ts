// Bounded matching: every regex the engine runs on input (policy patterns,
// schema `pattern`/`patternProperties`, redaction, suite expectations, test
// filters) goes through a `BoundedRegex`, which picks for each text one of
// three ways, in this order:
// 1. V8's own backtracking engine, when the pattern's work bound
//    (regex/cost.ts) for a text that long is at most NATIVE_STEP_LIMIT steps:
//    the usual case, at full speed;
// 2. V8's linear-time engine (the `l` flag, when the process has it on, see
//    regex/linear-engine.ts), for patterns it can run: no backreference,
//    lookaround, atomic group or possessive repeat in Python's syntax;
// 3. the backtracking engine under a time budget (REGEX_BUDGET_MS), through
//    `vm`'s timeout, the one thing measured to stop a running regex on Node 20
//    without a thread of its own. Past the budget it throws
//    `RegexBudgetError`, and the caller fails closed.
// Whatever way finishes, the answer is the backtracking engine's, so the
// verdict is the one the reference would reach if it finished.

import {createContext, Script} from 'node:vm';
import {strRepr} from '../repr.js';
import type {RegexTree} from './ast.js';
import {boundedLength} from './cost.js';
import {PythonRegexError} from './errors.js';
import {emitLinear, type LinearUse} from './linear.js';
import {linearEngineAvailable} from './linear-engine.js';
import type {PythonRegexFlags} from './parse.js';
import {translate} from './translate.js';
import type {WidthTable} from './width.js';

/** How long one match may run on the backtracking engine when neither bound applies. */
export const REGEX_BUDGET_MS = 1000;
/** The work bound (steps of the backtracking engine) under which a text is matched natively: tens of milliseconds at most. */
export const NATIVE_STEP_LIMIT = 10_000_000;

/** A match that ran past `REGEX_BUDGET_MS`. */
export class RegexBudgetError extends Error {
  override name = 'RegexBudgetError';
  readonly code = 'REGEX_BUDGET_EXCEEDED';
  constructor(
    /** the pattern as its author wrote it: Python's repr, or `/source/flags` */
    readonly pattern: string,
    readonly budgetMs: number,
  ) {
    super(`pattern ${pattern} exceeded the regex matching budget of ${budgetMs} ms`);
  }
}

/** The linear-engine form of a pattern for one use, or null when it has none. */
type LinearForm = (use: LinearUse) => string | null;

/** A compiled pattern whose every match finishes: within the work bound, in linear time, or with `RegexBudgetError`. */
export class BoundedRegex {
  private nativeGlobal?: RegExp;
  /** linear forms by use: `test` or `replace`, `/n` for a text with a final newline */
  private readonly linear = new Map<string, RegExp | null>();

  private constructor(
    /** the pattern as its author wrote it, for messages */
    readonly pattern: string,
    private readonly native: RegExp,
    /** the longest text the native engine gets without a budget (-1: none) */
    private readonly nativeLimit: number,
    private readonly linearForm: LinearForm,
    /** flags of the linear form, `l` and `g` aside */
    private readonly linearFlags: string,
    /** whether the linear form is spelt in code units, exact only for well-formed text */
    private readonly linearInCodeUnits: boolean,
  ) {}

  /**
   * A translated Python pattern (`re.search` semantics). Its linear form is
   * only for patterns that match at least one character: an empty match in
   * code units could fall between the two halves of a surrogate pair.
   */
  static fromPython(tree: RegexTree, widths: WidthTable, native: RegExp): BoundedRegex {
    const nonEmpty = widths.of(tree.root).min > 0;
    const linearForm: LinearForm = (use) => (nonEmpty ? emitLinear(tree, use) : null);
    return new BoundedRegex(strRepr(tree.pattern), native, boundedLength(tree, NATIVE_STEP_LIMIT), linearForm, '', true);
  }

  /** A JavaScript pattern, run as it is; throws `SyntaxError` for an invalid one. */
  static fromJavaScript(source: string, flags: string): BoundedRegex {
    const plain = flags.replaceAll('g', '').replaceAll('y', '');
    const native = new RegExp(source, plain);
    // No bound is known for a pattern this module did not parse; V8 says whether its linear engine takes it.
    return new BoundedRegex(`/${source}/${plain}`, native, -1, () => source, plain, false);
  }

  /** `regex.test(text)` (Python's `bool(re.search(...))` for a Python pattern); throws `RegexBudgetError`. */
  test(text: string): boolean {
    if (text.length <= this.nativeLimit) return this.native.test(text);
    const linear = this.linearFor('test', text);
    if (linear) return linear.test(text);
    return withinBudget(this.pattern, () => runBudgeted('test', {regex: this.native, text}) as boolean);
  }

  /** Every match replaced by `replacement`, and how many there were; throws `RegexBudgetError`. */
  replaceAll(text: string, replacement: string): {text: string; count: number} {
    // Most texts have no match: a test is twice as fast as a replacement with a callback.
    if (!this.test(text)) return {text, count: 0};
    let count = 0;
    const replacer = () => {
      count++;
      return replacement;
    };
    this.nativeGlobal ??= new RegExp(this.native.source, `${this.native.flags}g`);
    let replaced: string;
    if (text.length <= this.nativeLimit) replaced = text.replace(this.nativeGlobal, replacer);
    else {
      const linear = this.linearFor('replace', text);
      const regex = linear ?? this.nativeGlobal;
      replaced = linear ? text.replace(regex, replacer) : withinBudget(this.pattern, () => runBudgeted('replace', {regex, text, replacer}) as string);
    }
    return {text: replaced, count};
  }

  private linearFor(kind: LinearUse['kind'], text: string): RegExp | null {
    if (!linearEngineAvailable()) return null;
    if (this.linearInCodeUnits && !text.isWellFormed()) return null;
    const use: LinearUse = {kind, finalNewline: text.endsWith('\n')};
    const key = `${kind}${use.finalNewline ? '/n' : ''}`;
    let regex = this.linear.get(key);
    if (regex === undefined) {
      const source = this.linearForm(use);
      regex = source === null ? null : compileLinear(source, `${this.linearFlags}${kind === 'replace' ? 'g' : ''}`);
      this.linear.set(key, regex);
    }
    return regex;
  }
}

/** V8 refuses a pattern its linear engine cannot run (large counted repeats too): null then. */
function compileLinear(source: string, flags: string): RegExp | null {
  try {
    return new RegExp(source, `${flags}l`);
  } catch {
    return null;
  }
}

let sandbox: {context: object; scripts: Record<'test' | 'replace', Script>} | undefined;

/** Runs a match in a `vm` context with a timeout: V8 stops even a regex mid-match there. */
function runBudgeted(kind: 'test' | 'replace', bindings: {regex: RegExp; text: string; replacer?: () => string}): unknown {
  sandbox ??= {
    context: createContext(Object.create(null)),
    scripts: {test: new Script('regex.test(text)'), replace: new Script('text.replace(regex, replacer)')},
  };
  const context = sandbox.context as Record<string, unknown>;
  Object.assign(context, bindings);
  try {
    return sandbox.scripts[kind].runInContext(sandbox.context as never, {timeout: REGEX_BUDGET_MS});
  } finally {
    context.regex = context.text = context.replacer = undefined;
  }
}

function withinBudget<T>(pattern: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if ((error as {code?: unknown}).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new RegexBudgetError(pattern, REGEX_BUDGET_MS);
    throw error;
  }
}

const pythonPatterns = new Map<string, BoundedRegex | PythonRegexError>();
const CACHE_LIMIT = 1024;

function cacheKey(pattern: string, flags: PythonRegexFlags): string {
  const letters = `${flags.ignoreCase ? 'i' : ''}${flags.multiline ? 'm' : ''}${flags.dotAll ? 's' : ''}${flags.verbose ? 'x' : ''}${flags.ascii ? 'a' : ''}`;
  return `${letters}/${pattern}`;
}

/** A Python pattern behaving like `re.compile(pattern, flags)`, bounded; cached. Throws `PythonRegexError`. */
export function compilePythonPattern(pattern: string, flags: PythonRegexFlags = {}): BoundedRegex {
  const key = cacheKey(pattern, flags);
  let entry = pythonPatterns.get(key);
  if (entry === undefined) {
    entry = buildPython(pattern, flags);
    if (pythonPatterns.size >= CACHE_LIMIT) pythonPatterns.delete(pythonPatterns.keys().next().value as string);
    pythonPatterns.set(key, entry);
  }
  if (entry instanceof PythonRegexError) throw entry;
  return entry;
}

function buildPython(pattern: string, flags: PythonRegexFlags): BoundedRegex | PythonRegexError {
  try {
    const {tree, widths, translated} = translate(pattern, flags);
    return BoundedRegex.fromPython(tree, widths, new RegExp(translated.source, translated.flags));
  } catch (error) {
    if (error instanceof PythonRegexError) return error;
    return new PythonRegexError(`pattern cannot be expressed in JavaScript: ${(error as Error).message}`, 'PYTHON_REGEX_UNSUPPORTED', pattern, -1);
  }
}

/** A JavaScript pattern (a suite's `reason: /…/`, `policy test --run`), bounded. Throws `SyntaxError`. */
export function compileJavaScriptPattern(source: string, flags = ''): BoundedRegex {
  return BoundedRegex.fromJavaScript(source, flags);
}
