// `lintPolicyFile`: every problem of one policy file as findings with rule
// ids and source ranges. The file is read once (src/policy/read.ts) and every
// rule of the registry (rules.ts) checks what it gave.

import {resolve} from 'node:path';
import {plainRange} from '../../source-location.js';
import {readPolicyFile} from '../read.js';
import type {YamlDocument} from '../yaml.js';
import {FileContext} from './context.js';
import {LINT_RULES} from './rules.js';
import {lintIgnoreInvalid} from './rules/lint-ignore-invalid.js';
import type {Suppression} from './suppressions.js';
import type {FindingSink, LintFileResult, LintFinding, LintOptions, LintRule, SuppressedFinding} from './types.js';

/** Lints one file; `file` is shown as given, and read relative to `options.cwd`. */
export function lintPolicyFile(file: string, options: LintOptions): LintFileResult {
  const read = readPolicyFile(resolve(options.cwd ?? process.cwd(), file));
  const context = new FileContext(file, read, options, RULE_IDS);
  const findings: LintFinding[] = [];
  const checkedBy: string[] = [];
  for (const rule of LINT_RULES) {
    const setting = options.ruleSettings?.[rule.id];
    if (setting === 'off') continue;
    rule.check(context, sinkFor({...rule, severity: setting ?? rule.severity}, file, read.document, findings));
    // The policy rules find nothing in a file that is not one: they did not check it.
    if (read.ok || rule.checksAnyFile) checkedBy.push(rule.id);
  }
  // A policy's findings are listed in source order; a file that is none has a problem or two, in the order found.
  const {kept, suppressed} = applySuppressions(read.ok ? byPosition(findings) : findings, context.suppressions());
  const result: LintFileResult = {file, checkedBy, findings: kept};
  if (suppressed.length > 0) result.suppressed = suppressed;
  // Code frames quote the file: never one that holds a NUL, which no policy does and binary or
  // system records (/proc/self/environ, a key) do; its findings still say where.
  if (read.text !== undefined && !read.text.includes('\0')) result.source = read.text;
  return result;
}

const RULE_IDS: ReadonlySet<string> = new Set(LINT_RULES.map((rule) => rule.id));

/** The findings a suppression with a known rule and a reason covers, set apart (a finding about the whole file is on line 1). */
function applySuppressions(findings: LintFinding[], suppressions: readonly Suppression[]): {kept: LintFinding[]; suppressed: SuppressedFinding[]} {
  const usable = suppressions.filter((suppression) => RULE_IDS.has(suppression.ruleId) && suppression.reason !== '' && suppression.ruleId !== lintIgnoreInvalid.id);
  if (usable.length === 0) return {kept: findings, suppressed: []};
  const kept: LintFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const line = finding.range?.start.line ?? 1;
    const by = usable.find((suppression) => suppression.ruleId === finding.ruleId && suppression.coversLine === line);
    if (by === undefined) kept.push(finding);
    else suppressed.push({...finding, justification: by.reason});
  }
  return {kept, suppressed};
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
