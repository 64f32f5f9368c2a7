// The words of policy coverage, shared by the element inventory, the
// collector and the report: what kinds of element a policy file declares,
// which outcomes each can have, and the report they add up to.

import type {PyValue} from '../../python/values.js';
import type {SourceRange} from '../../source-location.js';
import type {YamlPath} from '../../policy/yaml.js';

/** Every kind of policy element whose effect a test case can observe, in the order reports list them. */
export const ELEMENT_KINDS = [
  'composition_base',
  'date_window',
  'role',
  'precondition',
  'tool',
  'condition',
  'guard',
  'output_schema',
  'postcondition',
  'risk_factor',
  'risk_threshold',
] as const;

export type ElementKind = (typeof ELEMENT_KINDS)[number];

/** Every outcome an element can have. */
export const OUTCOMES = [
  'merged',
  'active',
  'not_yet_active',
  'expired',
  'allowed',
  'satisfied',
  'violated',
  'max_calls_reached',
  'true',
  'false',
  'default',
  'missing',
  'when_true',
  'when_false',
  'then_applied',
  'accepted',
  'rejected',
  'evaluated',
  'triggered',
  'not_triggered',
  'exceeded',
  'not_exceeded',
] as const;

export type Outcome = (typeof OUTCOMES)[number];

/** One element as a policy file writes it. */
export interface PolicyElement {
  kind: ElementKind;
  /** What it is called, as text: the role, key or tool name, a guard's condition, a factor's name. */
  name: string;
  /** Where it is written in its file (keys as stored, indexes into lists). */
  path: YamlPath;
  /** `path` as a JSON pointer: with the file, the element's identity. */
  pointer: string;
  /** Where it is written: its key for a mapping entry, else its value. */
  range?: SourceRange;
  /** Its outcomes, in the order reports list them. */
  outcomes: readonly Outcome[];
  /** For an element a guard's `then` block declares: the guard's path. */
  guard?: YamlPath;
  /** What hits are matched by: the name as written (roles, keys, tools, postconditions) or the whole guard or factor mapping. */
  value: PyValue;
  /** A tool entry's `max_calls` (the limit it sets when its entry is the one that decides). */
  maxCalls?: PyValue;
  /** The risk threshold when the policy writes none (the default applies). */
  implicit?: boolean;
}

/** How many elements and outcomes there are, and how many of them the run covered. */
export interface CoverageTotals {
  elements: number;
  elementsCovered: number;
  outcomes: number;
  outcomesCovered: number;
}

/** An element and how often each of its outcomes was seen. */
export interface ElementCoverage {
  element: PolicyElement;
  /** Hits per outcome, aligned with `element.outcomes`. */
  hits: readonly number[];
}

export interface FileCoverage {
  /** The resolved path of the policy file. */
  file: string;
  elements: ElementCoverage[];
  totals: CoverageTotals;
}

export interface CoverageReport {
  /** Every policy file the run exercised (named by a case or extended), by path. */
  files: FileCoverage[];
  totals: CoverageTotals;
}
