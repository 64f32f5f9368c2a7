// Python `re` patterns (str patterns, Python 3.11) translated to JavaScript
// RegExps with Python's matching semantics, for JSON Schema `pattern`,
// `patternProperties`, redaction and guard tokens: `\d`/`\w`/`\s`/`\b` and
// IGNORECASE as Python 3.11 has them (Unicode 14, Python's case classes,
// scoped `(?i:…)`/`(?-i:…)`), `$` before a final newline, `\A`/`\Z`,
// `(?P<name>…)`, `\N{NAME}`, conditionals `(?(1)…|…)`, inline flags,
// possessive quantifiers and atomic groups.
//
// The translation runs in phases, as Python's own `sre_parse` and
// `sre_compile` do: parse to a tree (regex/parse.ts), width analysis for
// lookbehinds (regex/width.ts), emission (regex/emit.ts). Matching text
// against a pattern goes through `BoundedRegex` (regex/bounded.ts), never a
// bare RegExp. Known differences, all rare in policies:
// - a backreference under IGNORECASE compares with JavaScript's case folding
//   (the whole pattern then runs with the `i` flag, which also folds `\w`);
//   in a pattern that is partly case-sensitive it raises `PythonRegexError`
//   with code `PYTHON_REGEX_UNSUPPORTED`;
// - a group inside a repeated group forgets its capture when the repetition
//   starts again (Python keeps the last one), for backreferences and
//   conditionals alike; a conditional tested on an empty text always takes
//   its "yes" branch.

import {emitJavaScript, type TranslatedRegex} from './regex/emit.js';
import {PythonRegexError} from './regex/errors.js';
import {type PythonRegexFlags, parsePythonRegex} from './regex/parse.js';
import {checkLookbehinds, WidthTable} from './regex/width.js';

export {PythonRegexError, type PythonRegexErrorCode} from './regex/errors.js';
export type {PythonRegexFlags} from './regex/parse.js';
export type {TranslatedRegex} from './regex/emit.js';

/** The JavaScript source and flags for a Python pattern; throws `PythonRegexError`. */
export function translatePythonRegex(pattern: string, flags: PythonRegexFlags = {}): TranslatedRegex {
  const tree = parsePythonRegex(pattern, flags);
  checkLookbehinds(tree, new WidthTable(tree));
  return emitJavaScript(tree);
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
