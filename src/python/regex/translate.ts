// The phases in order, as `re.compile` runs them: parse, check lookbehind
// widths, emit JavaScript.

import type {RegexTree} from './ast.js';
import {emitJavaScript, type TranslatedRegex} from './emit.js';
import {type PythonRegexFlags, parsePythonRegex} from './parse.js';
import {checkLookbehinds, WidthTable} from './width.js';

/** The tree and the JavaScript source and flags of a Python pattern; throws `PythonRegexError`. */
export function translate(pattern: string, flags: PythonRegexFlags = {}): {tree: RegexTree; widths: WidthTable; translated: TranslatedRegex} {
  const tree = parsePythonRegex(pattern, flags);
  const widths = new WidthTable(tree);
  checkLookbehinds(tree, widths);
  return {tree, widths, translated: emitJavaScript(tree)};
}
