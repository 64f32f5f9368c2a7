// `lintPolicyFile`: every problem of one policy file as findings with rule
// ids and source ranges. The file is read once (src/policy/read.ts) and every
// rule of the registry (rules.ts) checks what it gave.

import {resolve} from 'node:path';
import {plainRange} from '../../source-location.js';
import {readPolicyFile} from '../read.js';
import type {YamlDocument} from '../yaml.js';
import {FileContext} from './context.js';
import {LINT_RULES} from './rules.js';
import type {FindingSink, LintFileResult, LintFinding, LintOptions, LintRule} from './types.js';

/** Lints one file; `file` is shown as given, and read relative to `options.cwd`. */
export function lintPolicyFile(file: string, options: LintOptions): LintFileResult {
  const read = readPolicyFile(resolve(options.cwd ?? process.cwd(), file));
  const context = new FileContext(file, read, options);
  const findings: LintFinding[] = [];
  for (const rule of LINT_RULES) rule.check(context, sinkFor(rule, file, read.document, findings));
  // A policy's findings are listed in source order; a file that is none has a problem or two, in the order found.
  const result: LintFileResult = {file, findings: read.ok ? byPosition(findings) : findings};
  // Code frames quote the file: never one that holds a NUL, which no policy does and binary or
  // system records (/proc/self/environ, a key) do; its findings still say where.
  if (read.text !== undefined && !read.text.includes('\0')) result.source = read.text;
  return result;
}

/** A sink that records findings of `rule` in `file`. */
export function sinkFor(rule: LintRule, file: string, document: YamlDocument | undefined, findings: LintFinding[]): FindingSink {
  const add = (message: string, range: LintFinding['range']) => findings.push({ruleId: rule.id, severity: rule.severity, message, file, range});
  return {
    at: (path, message, part = 'value') => add(message, plainRange(document?.rangeOf(path, part))),
    atRange: (range, message) => add(message, range),
  };
}

/** Findings in source order (file-level ones first), stable within a position. */
function byPosition(findings: LintFinding[]): LintFinding[] {
  const key = (finding: LintFinding) => (finding.range ? finding.range.start.line * 1e6 + finding.range.start.column : 0);
  return findings
    .map((finding, index) => ({finding, index}))
    .sort((a, b) => key(a.finding) - key(b.finding) || a.index - b.index)
    .map(({finding}) => finding);
}
