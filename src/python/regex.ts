// Python `re` patterns (str patterns, Python 3.11) translated to JavaScript
// RegExps with Python's matching semantics, for JSON Schema `pattern`,
// `patternProperties` and redaction: `\d`/`\w`/`\s`/`\b` and IGNORECASE as
// Python 3.11 has them (Unicode 14, Python's case classes, scoped
// `(?i:…)`/`(?-i:…)`), `$` before a final newline, `\A`/`\Z`,
// `(?P<name>…)`, `\N{NAME}`, conditionals `(?(1)…|…)`, inline flags,
// possessive quantifiers and atomic groups.
//
// The translation runs in phases, as Python's own `sre_parse` and
// `sre_compile` do: parse to a tree with positions (regex/parse.ts), width
// analysis for lookbehinds (regex/width.ts), emission (regex/emit.ts).
// Matching goes through `BoundedRegex` (regex/bounded.ts), never a bare
// RegExp, so no pattern can hang a gate. Known differences, all rare in
// policies:
// - a backreference under IGNORECASE compares with JavaScript's case folding
//   (the whole pattern then runs with the `i` flag, which also folds `\w`);
//   in a pattern that is partly case-sensitive it raises `PythonRegexError`
//   with code `PYTHON_REGEX_UNSUPPORTED`;
// - a group inside a repeated group forgets its capture when the repetition
//   starts again (Python keeps the last one), for backreferences and
//   conditionals alike; a conditional tested on an empty text always takes
//   its "yes" branch.

import {compilePythonPattern} from './regex/bounded.js';
import type {TranslatedRegex} from './regex/emit.js';
import type {PythonRegexFlags} from './regex/parse.js';
import {translate} from './regex/translate.js';

export {
  BoundedRegex,
  compileJavaScriptPattern,
  compilePythonPattern,
  REGEX_BUDGET_MS,
  RegexBudgetError,
} from './regex/bounded.js';
export type {TranslatedRegex} from './regex/emit.js';
export {PythonRegexError, type PythonRegexErrorCode} from './regex/errors.js';
export {enableLinearRegexEngine} from './regex/linear-engine.js';
export type {PythonRegexFlags} from './regex/parse.js';

/** The JavaScript source and flags for a Python pattern; throws `PythonRegexError`. */
export function translatePythonRegex(pattern: string, flags: PythonRegexFlags = {}): TranslatedRegex {
  return translate(pattern, flags).translated;
}

/** Python `bool(re.search(pattern, text))`; throws `PythonRegexError`, or `RegexBudgetError` past the budget. */
export function pythonSearch(pattern: string, text: string, flags: PythonRegexFlags = {}): boolean {
  return compilePythonPattern(pattern, flags).test(text);
}
