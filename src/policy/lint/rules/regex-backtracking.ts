// regex-backtracking: a pattern a backtracking engine can take exponential or
// polynomial time on. aigc bounds every match (src/python/regex/bounded.ts),
// but the reference hangs on such a pattern, and aigc itself may fail the
// gate closed once the time budget runs out; the analysis is recheck's
// (analyzeRegexSafety), not a hand-written one.

import {constraintSchema} from '../../../gates/preconditions.js';
import {analyzeRegexSafety, type RegexSafety} from '../../../python/regex-safety.js';
import {PythonRegexError} from '../../../python/regex.js';
import {dictGet, isDict, isList, type PyValue} from '../../../python/values.js';
import type {YamlPath} from '../../yaml.js';
import type {LintRuleModule} from '../types.js';

/** How long the analyser may spend on one pattern; past it the pattern is left unreported (unknown is not a finding). */
const ANALYSIS_TIMEOUT_MS = 2000;

/** Schema keywords whose values are data, not schemas: a `pattern` key inside them is not a pattern. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples']);

export const regexBacktracking: LintRuleModule = {
  id: 'regex-backtracking',
  severity: 'warning',
  description: 'A pattern can backtrack catastrophically: matching it can take exponential or polynomial time in the length of the text.',
  explanation:
    'Patterns in typed preconditions (`pattern`) and in output_schema (`pattern`, the keys of `patternProperties`) are matched by a backtracking engine in the Python reference, which never finishes on some texts for patterns such as `^(a+)+$`. aigc bounds every match (see docs/limits.md) and fails the gate closed when a match exceeds its budget, so such a pattern can turn a slow input into a FAIL. The finding names how the time grows, a text that shows it (as a JavaScript expression) and the part of the pattern that is tried again and again; rewrite the pattern so that no text can be matched in more than one way (`^a+$` for `^(a+)+$`).',
  example: 'pre_conditions:\n  required:\n    ticket_id:\n      type: string\n      pattern: "^(a+)+$"\n',
  check(context, report) {
    const policy = context.policy;
    if (!policy) return;
    const warn = (pattern: string, path: YamlPath, part: 'key' | 'value') => {
      const safety = analysed(pattern);
      if (safety?.status === 'vulnerable') report.at(path, describe(pattern, safety), part);
    };
    const pre = dictGet(policy, 'pre_conditions');
    const required = isDict(pre) ? dictGet(pre, 'required') : undefined;
    if (isDict(required)) {
      for (const key of Object.keys(required)) schemaPatterns(constraintSchema(required[key]), ['pre_conditions', 'required', key], warn);
    }
    const output = dictGet(policy, 'output_schema');
    if (isDict(output)) schemaPatterns(output, ['output_schema'], warn);
  },
};

/** Every `pattern` string and `patternProperties` key in a schema and its subschemas, with where it is written. */
function schemaPatterns(schema: PyValue, path: YamlPath, found: (pattern: string, path: YamlPath, part: 'key' | 'value') => void): void {
  if (isList(schema)) {
    for (const [index, item] of schema.entries()) schemaPatterns(item, [...path, index], found);
    return;
  }
  if (!isDict(schema)) return;
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    if (DATA_KEYWORDS.has(key)) continue;
    if (key === 'pattern' && typeof value === 'string') found(value, [...path, key], 'value');
    else if (key === 'patternProperties' && isDict(value)) {
      for (const pattern of Object.keys(value)) {
        found(pattern, [...path, key, pattern], 'key');
        schemaPatterns(value[pattern], [...path, key, pattern], found);
      }
    } else if (key === 'properties' && isDict(value)) {
      // property names are names, not keywords: only their schemas are walked
      for (const name of Object.keys(value)) schemaPatterns(value[name], [...path, key, name], found);
    } else schemaPatterns(value, [...path, key], found);
  }
}

const analyses = new Map<string, RegexSafety | undefined>();

/** The analysis of a pattern, once per pattern per run; undefined for a pattern Python rejects (other rules report it). */
function analysed(pattern: string): RegexSafety | undefined {
  if (analyses.has(pattern)) return analyses.get(pattern);
  let safety: RegexSafety | undefined;
  try {
    safety = analyzeRegexSafety(pattern, {}, {timeoutMs: ANALYSIS_TIMEOUT_MS});
  } catch (error) {
    if (!(error instanceof PythonRegexError)) throw error;
  }
  analyses.set(pattern, safety);
  return safety;
}

function describe(pattern: string, safety: Extract<RegexSafety, {status: 'vulnerable'}>): string {
  const growth = safety.complexity.kind === 'exponential' ? 'exponential' : `polynomial (degree ${safety.complexity.degree})`;
  const hot = safety.hotspots.length === 0 ? '' : `, repeating ${safety.hotspots.map((spot) => `'${spot.text}'`).join(' and ')}`;
  return `pattern '${pattern}' can backtrack catastrophically: ${growth} time on a text such as ${safety.attack.expression}${hot}; the reference hangs on such texts and aigc fails the gate once the regex budget runs out`;
}
