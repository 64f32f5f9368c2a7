// Inline suppressions in a policy: a YAML comment `# aigc-lint-ignore RULE_ID
// reason`. Written after a value, it covers the findings that start on its
// line; alone on a line, those that start on the next line. Only comments
// count (the YAML tokenizer tells them from text inside scalars). A
// suppressed finding is kept, with its reason, for the reports that record
// suppressions (JSON, SARIF), and counts neither as an error nor a warning.

import {Lexer} from 'yaml';
import {LineIndex} from '../yaml/positions.js';
import type {SourceRange} from '../../source-location.js';

/** One `aigc-lint-ignore` comment. */
export interface Suppression {
  /** The rule id as written (empty when none is). */
  ruleId: string;
  /** Why, as written (empty when none is given). */
  reason: string;
  /** The line whose findings it covers. */
  coversLine: number;
  /** Where the comment is written. */
  range: SourceRange;
}

const DIRECTIVE = /^#\s*aigc-lint-ignore(?:\s+(\S+))?(?:\s+(.*?))?\s*$/;
/** The tokenizer's markers that stand for no text of the source. */
const MARKERS = new Set(['\x02', '\x18', '\x1f']);

/** Every suppression comment of a YAML text, in source order. */
export function suppressionsIn(text: string): Suppression[] {
  if (!text.includes('aigc-lint-ignore')) return [];
  const lines = new LineIndex(text);
  const found: Suppression[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (MARKERS.has(token)) continue;
    if (token.startsWith('#')) {
      const match = DIRECTIVE.exec(token);
      if (match) {
        const range = lines.range([offset, offset + token.length]);
        const alone = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset).trim() === '';
        found.push({
          ruleId: match[1] ?? '',
          reason: match[2] ?? '',
          coversLine: alone ? range.start.line + 1 : range.start.line,
          range: {start: {line: range.start.line, column: range.start.column}, end: {line: range.end.line, column: range.end.column}},
        });
      }
    }
    offset += token.length;
  }
  return found;
}
