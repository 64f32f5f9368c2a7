// Lint findings and rules: what is wrong, where (1-based line/column from the
// YAML source) and under which stable rule id; and the shape every rule
// module (rules/<rule-id>.ts) exports, its metadata with its check.

import type {AigcError} from '../../errors.js';
import type {SchemaError} from '../../jsonschema/index.js';
import type {PyDict} from '../../python/values.js';
import type {SourceRange} from '../../source-location.js';
import type {CalendarDay} from '../dates.js';
import type {PolicyRead} from '../read.js';
import type {YamlDocument, YamlPath} from '../yaml.js';
import type {Suppression} from './suppressions.js';

export type {SourcePoint, SourceRange} from '../../source-location.js';

export type LintSeverity = 'error' | 'warning';

export interface LintFinding {
  ruleId: string;
  severity: LintSeverity;
  message: string;
  file: string;
  /** Absent for a finding about the whole file; reporters then point at 1:1 (JSON gives `null`). */
  range?: SourceRange;
}

/** What reporters know of a rule. */
export interface LintRule {
  id: string;
  severity: LintSeverity;
  /** One line: what the rule finds. */
  description: string;
  /** Why the problem matters and what to do about it (see `LintRuleMetadata`). */
  explanation?: string;
}

/** A rule's whole documentation, for its page in the rules reference. */
export interface LintRuleMetadata extends LintRule {
  /** Why the problem matters and what to do about it, in a paragraph or two. */
  explanation: string;
  /** A policy (or the start of one) the rule reports. */
  example: string;
}

export interface LintOptions {
  /** The calendar day for date checks. */
  today: () => CalendarDay;
  /** Rules set to another severity, or `off` (not run), by id (the project config's `lint.rules`). */
  ruleSettings?: Readonly<Record<string, LintSeverity | 'off'>>;
  /** Directory a relative path (the file's, and the bases it extends) is resolved against. */
  cwd?: string;
}

/** One file as the rules see it; what rules share is computed once, when first asked for. */
export interface LintContext {
  /** The file as given. */
  readonly file: string;
  readonly options: LintOptions;
  /** What reading the file gave (src/policy/read.ts). */
  readonly read: PolicyRead;
  /** The document, when the file is YAML. */
  readonly document?: YamlDocument;
  /** The policy, when the file is YAML with a mapping at the root. */
  readonly policy?: PyDict;
  /** Every schema error of the policy, in the reference's order (by pointer). */
  schemaErrors(): readonly SchemaError[];
  /** What the file's own date fields fail with on the lint day. */
  ownDateProblem(): AigcError | undefined;
  /** What loading the file with the bases it extends fails with (undefined when it extends nothing, or loads). */
  compositionError(): AigcError | undefined;
  /** The composed policy, when the file extends a base and loading them succeeds. */
  composedPolicy(): PyDict | undefined;
  /** The file's `# aigc-lint-ignore RULE_ID reason` comments. */
  suppressions(): readonly Suppression[];
  /** The id of every lint rule, for checking the ids suppressions name. */
  readonly ruleIds: ReadonlySet<string>;
}

/** Where a rule's check reports its findings (the rule's id and severity are added for it). */
export interface FindingSink {
  /** A finding at the value (or the key) written at `path`; a path that does not resolve points at its deepest ancestor that does. */
  at(path: YamlPath, message: string, part?: 'key' | 'value'): void;
  /** A finding at `range`, or about the whole file when there is none. */
  atRange(range: SourceRange | undefined, message: string): void;
}

/** One rule, one file: its metadata and its check, which reads the file's context and reports what it finds. */
export interface LintRuleModule extends LintRuleMetadata {
  /** The rule checks a file that could not be read as a policy too (how it fails to be one, its comments); the others check policies only. */
  checksAnyFile?: true;
  check(context: LintContext, report: FindingSink): void;
}

/** A finding an inline `aigc-lint-ignore` comment suppressed. */
export interface SuppressedFinding extends LintFinding {
  /** The reason the comment gives. */
  justification: string;
}

export interface LintFileResult {
  file: string;
  /**
   * The ids of the rules that checked the file: for a file that could not be
   * read as a policy, only those that check any file; for a suite, the suite's.
   * Absent: every rule of the report.
   */
  checkedBy?: readonly string[];
  /** What the file has to fix (suppressed findings are not among them). */
  findings: LintFinding[];
  /** Findings suppressed by a comment in the file, in source order. */
  suppressed?: SuppressedFinding[];
  /** The file's text, for code frames, when it could be read. */
  source?: string;
}
