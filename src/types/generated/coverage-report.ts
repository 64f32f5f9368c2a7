/**
 * Generated from schemas/coverage-report.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

import type {PyFloat} from '../../python/values.js';

/**
 * The policy coverage of an `aigc policy test --coverage` run (`--coverage-format json`): for every policy file the run exercised (named by a case, or extended by one that was), each element whose effect a case can observe, with how often each of its outcomes was seen. Fields are only ever added; `formatVersion` changes if one is removed or changes meaning.
 */
export type PolicyCoverageReport = {
  /**
   * Version of this document's shape.
   */
  formatVersion: 1;
  /**
   * The program that wrote the report.
   */
  tool: {
    /**
     * Always `aigc`.
     */
    name: 'aigc';
    /**
     * The aigc version.
     */
    version: string;
  };
  /**
   * The run's coverage over every file listed.
   */
  summary: {
    /**
     * How many policy files are listed.
     */
    files: number | bigint | PyFloat;
    elements: CoverageTally;
    outcomes: CoverageTally;
    percent: CoveragePercent;
  };
  /**
   * The `--threshold` the run was held to, when one was given.
   */
  threshold?: {
    /**
     * The threshold, in percent of outcomes covered.
     */
    percent: number | bigint | PyFloat;
    /**
     * Whether the outcomes covered reach it (compared exactly, not as the rounded `percent`).
     */
    met: boolean;
    /**
     * Percentage points missing, rounded up to two decimals; 0 when met.
     */
    shortfall: number | bigint | PyFloat;
  };
  /**
   * One entry per policy file, by path.
   */
  files: CoverageFile[];
};
/**
 * How many there are, and how many were covered.
 */
export type CoverageTally = {
  /**
   * How many there are.
   */
  total: number | bigint | PyFloat;
  /**
   * How many were covered.
   */
  covered: number | bigint | PyFloat;
};
/**
 * Outcomes covered in percent of outcomes, rounded down to two decimals; 100 when there are none.
 */
export type CoveragePercent = number | bigint | PyFloat;
/**
 * One policy file and its elements.
 */
export type CoverageFile = {
  /**
   * The policy file, relative to the working folder when below it, with `/` separators.
   */
  file: string;
  summary: CoverageCounts;
  /**
   * The file's elements, in the order they are written.
   */
  elements: CoverageElement[];
};
/**
 * Elements and outcomes, and the share of outcomes covered.
 */
export type CoverageCounts = {
  elements: CoverageTally;
  outcomes: CoverageTally;
  percent: CoveragePercent;
};
/**
 * One element as the file writes it; with the file, `pointer` identifies it. An element of a composed policy counts for every file that declares it and whose declaration the composition kept.
 */
export type CoverageElement = {
  /**
   * What it is. Its outcomes: composition_base (the `extends`) merged; date_window active, and not_yet_active with an `effective_date`, expired with an `expiration_date`; role allowed; precondition satisfied, violated; tool allowed, and max_calls_reached with a `max_calls`; condition true, false (from the context), and default with a `default` or missing when `required`; guard when_true, when_false, and then_applied with a `then`; output_schema accepted, rejected; postcondition evaluated; risk_factor triggered, not_triggered; risk_threshold exceeded, not_exceeded.
   */
  kind:
    | 'composition_base'
    | 'date_window'
    | 'role'
    | 'precondition'
    | 'tool'
    | 'condition'
    | 'guard'
    | 'output_schema'
    | 'postcondition'
    | 'risk_factor'
    | 'risk_threshold';
  /**
   * What it is called: the role, precondition, tool, condition or postcondition as written, a guard's `when.condition`, a factor's `name`, the threshold's value (`0.7 (default)` when the policy writes none), the date bounds, the `extends` text.
   */
  name: string;
  /**
   * JSON pointer to where the file writes it (`/roles/1`, `/pre_conditions/required/ticket_id`, `/guards/0/then/tools/allowed_tools/0`; `/risk` for the default threshold).
   */
  pointer: string;
  /**
   * 1-based line where it is written (its key, for a mapping entry).
   */
  line: number | bigint | PyFloat;
  /**
   * 1-based column there, in characters.
   */
  column: number | bigint | PyFloat;
  /**
   * Line of the place just after it.
   */
  endLine?: number | bigint | PyFloat;
  /**
   * Column of the place just after it.
   */
  endColumn?: number | bigint | PyFloat;
  /**
   * For an element a guard's `then` declares: the guard's pointer (it counts only in decisions where that guard applied).
   */
  guard?: string;
  /**
   * Whether every outcome was seen.
   */
  covered: boolean;
  /**
   * Its outcomes, in a fixed order per kind.
   *
   * @minItems 1
   */
  outcomes: {
    /**
     * The outcome (see `kind`).
     */
    outcome:
      | 'merged'
      | 'active'
      | 'not_yet_active'
      | 'expired'
      | 'allowed'
      | 'satisfied'
      | 'violated'
      | 'max_calls_reached'
      | 'true'
      | 'false'
      | 'default'
      | 'missing'
      | 'when_true'
      | 'when_false'
      | 'then_applied'
      | 'accepted'
      | 'rejected'
      | 'evaluated'
      | 'triggered'
      | 'not_triggered'
      | 'exceeded'
      | 'not_exceeded';
    /**
     * How many evaluations had it. Elements checked while a policy loads (composition_base, date_window) count once per load: a run loads each policy once per calendar day its cases run on.
     */
    hits: number | bigint | PyFloat;
  }[];
};
