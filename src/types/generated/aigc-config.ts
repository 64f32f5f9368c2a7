/**
 * Generated from schemas/aigc-config.schema.json by scripts/gen-types.js. Do not edit by hand:
 * change the schema, then run `npm run gen:types`.
 */

import type {PyFloat} from '../../python/values.js';

/**
 * The project config of aigc (`.aigc.yaml`): found in the working folder or the nearest folder above it, or named with --config. Generated from the command specs and the lint rules by scripts/gen-config-schema.js.
 */
export type AigcProjectConfig = {
  /**
   * The clock of every command that takes --now (epoch seconds, or an ISO-8601 instant in quotes), for deterministic runs.
   */
  now?: number | bigint | PyFloat | string;
  /**
   * Which YAML files are policies. Which files are of this kind, by glob patterns relative to the folder of the config file. A folder walk takes a file when it matches an include pattern and no exclude pattern; a file named on the command line is always taken.
   */
  policies?: {
    /**
     * Glob patterns (fast-glob syntax: *, **, {a,b}) of the files to take.
     */
    include?: string[];
    /**
     * Glob patterns of files not to take, even when an include pattern matches them.
     */
    exclude?: string[];
  };
  /**
   * Which YAML files are policy test suites. Which files are of this kind, by glob patterns relative to the folder of the config file. A folder walk takes a file when it matches an include pattern and no exclude pattern; a file named on the command line is always taken.
   */
  suites?: {
    /**
     * Glob patterns (fast-glob syntax: *, **, {a,b}) of the files to take.
     */
    include?: string[];
    /**
     * Glob patterns of files not to take, even when an include pattern matches them.
     */
    exclude?: string[];
  };
  /**
   * Defaults for `aigc policy lint`: each key is the flag of that name; a flag given on the command line wins.
   */
  lint?: {
    /**
     * Output format: pretty, text, json, sarif, github, junit.
     */
    format?: 'pretty' | 'text' | 'json' | 'sarif' | 'github' | 'junit';
    /**
     * Write the report to FILE (replaced atomically) instead of stdout; FORMAT=FILE (FORMAT one of pretty, text, json, sarif, github, junit) also writes that format to FILE, whatever --format says. Repeatable: one plain FILE, any number of FORMAT=FILE.
     */
    output?: string | string[];
    /**
     * Fail (exit 1) when there are more than N warnings.
     */
    'max-warnings'?: number | bigint | PyFloat;
    /**
     * The severity of lint rules by id: error, warning, or off (the rule does not run). file-unreadable cannot be changed: a file that cannot be read is never passed over.
     */
    rules?: {
      /**
       * The file is not valid YAML (YAML 1.1, one document, safe tags only). (default: error)
       */
      'yaml-syntax'?: 'error' | 'warning' | 'off';
      /**
       * A mapping repeats a key; the last value wins, silently. (default: warning)
       */
      'yaml-duplicate-key'?: 'error' | 'warning' | 'off';
      /**
       * The policy document must be a mapping. (default: error)
       */
      'policy-root-type'?: 'error' | 'warning' | 'off';
      /**
       * The policy does not match the policy DSL schema (Draft-07). (default: error)
       */
      'policy-schema'?: 'error' | 'warning' | 'off';
      /**
       * A guard condition is not a valid guard expression; every invocation would fail. (default: error)
       */
      'guard-syntax'?: 'error' | 'warning' | 'off';
      /**
       * A guard uses a bare name that is not a declared condition; evaluation fails unless it is declared. (default: warning)
       */
      'guard-unknown-condition'?: 'error' | 'warning' | 'off';
      /**
       * output_schema is not a valid JSON Schema. (default: error)
       */
      'output-schema-invalid'?: 'error' | 'warning' | 'off';
      /**
       * A typed precondition has an unknown type or an invalid pattern. (default: error)
       */
      'precondition-invalid'?: 'error' | 'warning' | 'off';
      /**
       * A required postcondition is not supported; every invocation would fail. (default: error)
       */
      'postcondition-unsupported'?: 'error' | 'warning' | 'off';
      /**
       * output_schema_valid is required but neither the policy nor any guard has an output_schema; every invocation would fail. (default: error)
       */
      'postcondition-without-schema'?: 'error' | 'warning' | 'off';
      /**
       * The policy named by extends does not exist, cannot be loaded, or forms a cycle. (default: error)
       */
      'extends-target'?: 'error' | 'warning' | 'off';
      /**
       * Composing with the base would add roles or drop required postconditions. (default: error)
       */
      'composition-escalation'?: 'error' | 'warning' | 'off';
      /**
       * effective_date / expiration_date are not valid dates or are out of order. (default: error)
       */
      'date-invalid'?: 'error' | 'warning' | 'off';
      /**
       * The policy is expired or not yet active today. (default: warning)
       */
      'date-inactive'?: 'error' | 'warning' | 'off';
      /**
       * A risk factor condition is neither a built-in nor a declared context key. (default: warning)
       */
      'risk-factor-condition'?: 'error' | 'warning' | 'off';
      /**
       * A pattern can backtrack catastrophically: matching it can take exponential or polynomial time in the length of the text. (default: warning)
       */
      'regex-backtracking'?: 'error' | 'warning' | 'off';
      /**
       * An aigc-lint-ignore comment names no known rule, or gives no reason. (default: warning)
       */
      'lint-ignore-invalid'?: 'error' | 'warning' | 'off';
      /**
       * A policy test suite (*.test.yaml) is not valid YAML or does not fit the suite schema; `aigc policy test` would refuse it. (default: error)
       */
      'suite-invalid'?: 'error' | 'warning' | 'off';
    };
  };
  /**
   * Defaults for `aigc policy test`: each key is the flag of that name; a flag given on the command line wins.
   */
  test?: {
    /**
     * Output format: pretty, text, json, junit, tap, github.
     */
    format?: 'pretty' | 'text' | 'json' | 'junit' | 'tap' | 'github';
    /**
     * Write the report to FILE (replaced atomically) instead of stdout; FORMAT=FILE (FORMAT one of pretty, text, json, junit, tap, github) also writes that format to FILE, whatever --format says. Repeatable: one plain FILE, any number of FORMAT=FILE.
     */
    output?: string | string[];
    /**
     * List only the failing cases and the closing line (pretty, text, github); json, junit and tap stay whole documents for their readers.
     */
    quiet?: boolean;
    /**
     * List the passing cases too in the pretty format (by default they are counted, not listed).
     */
    verbose?: boolean;
    /**
     * Stop at the first failing case.
     */
    bail?: boolean;
    /**
     * Fail (exit 1) when no case ran.
     */
    'fail-on-empty'?: boolean;
    /**
     * Confine policy paths to DIR.
     */
    'policy-root'?: string;
    /**
     * Strict mode: refuse policies whose preconditions are bare strings rather than typed (FAIL at policy validation).
     */
    strict?: boolean;
    /**
     * Report policy coverage after the test report: per policy file, the outcomes of its elements the cases reached, and each element with one they did not, at file:line:column (on stderr when stdout carries a machine format).
     */
    coverage?: boolean;
    /**
     * Fail (exit 1) when less than PCT percent (0-100) of the outcomes are covered; implies --coverage.
     */
    threshold?: number | bigint | PyFloat | string;
    /**
     * Format of --coverage-output: json or lcov (default json; see `aigc schema coverage-report`).
     */
    'coverage-format'?: 'json' | 'lcov';
    /**
     * Also write the coverage report to FILE (replaced atomically); implies --coverage.
     */
    'coverage-output'?: string;
  };
  /**
   * Defaults for `aigc policy validate`: each key is the flag of that name; a flag given on the command line wins.
   */
  validate?: {
    /**
     * Machine-readable result: each file's verdict, stage, errors and their locations (with --print, its effective policy).
     */
    json?: boolean;
    /**
     * Write the result to FILE (atomically) instead of stdout.
     */
    output?: string;
  };
};
