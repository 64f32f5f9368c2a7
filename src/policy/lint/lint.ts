// `lintPolicyFile`: every problem of one policy file as findings with rule
// ids and source ranges. YAML and schema findings reproduce the reference's
// `aigc policy lint` verdict; semantic findings are ours.

import {resolve} from 'node:path';
import {AigcError, type PolicyErrorReason} from '../../errors.js';
import type {FileProblem} from '../../files/regular-file.js';
import {plainRange} from '../../source-location.js';
import type {GuardAst} from '../../guards/index.js';
import {parseGuardSyntax} from '../../guards/index.js';
import {compileSchema, InvalidSchemaError, type SchemaError} from '../../jsonschema/index.js';
import {constraintSchema} from '../../gates/preconditions.js';
import {compareCodePoints, pyEquals} from '../../python/semantics.js';
import {pyRepr} from '../../python/repr.js';
import {dictGet, isDict, isList, originalKey, type PyDict, type PyValue} from '../../python/values.js';
import {type CalendarDay, validatePolicyDates} from '../dates.js';
import {loadPolicy} from '../loader.js';
import {readPolicyFile} from '../read.js';
import {policySchemaErrors} from '../schema.js';
import {type YamlDocument, type YamlPath, YamlSyntaxError} from '../yaml.js';
import {RULES} from './rules.js';
import type {LintFileResult, LintFinding, LintRule, SourceRange} from './types.js';

export interface LintOptions {
  /** The calendar day for date checks. */
  today: () => CalendarDay;
  /** Directory the file's relative path is resolved against. */
  cwd?: string;
}

const RISK_BUILTINS = new Set([
  'no_output_schema',
  'broad_roles',
  'no_preconditions',
  'high_tool_count',
  'missing_guards',
  'external_model',
]);

class FindingList {
  readonly findings: LintFinding[] = [];

  constructor(
    readonly file: string,
    readonly document?: YamlDocument,
  ) {}

  add(rule: LintRule, message: string, path?: YamlPath, part: 'key' | 'value' = 'value'): void {
    const range = path && this.document ? this.document.rangeOf(path, part) : undefined;
    this.findings.push({ruleId: rule.id, severity: rule.severity, message, file: this.file, range: plainRange(range)});
  }

  addAt(rule: LintRule, message: string, range: SourceRange | undefined): void {
    this.findings.push({ruleId: rule.id, severity: rule.severity, message, file: this.file, range});
  }
}


/** Lints one file; `file` is shown as given, and read relative to `options.cwd`. */
export function lintPolicyFile(file: string, options: LintOptions): LintFileResult {
  const read = readPolicyFile(resolve(options.cwd ?? process.cwd(), file));
  if (!read.ok) {
    const {problem, text, document} = read;
    const list = new FindingList(file, document);
    if (problem.reason === 'yaml-syntax') {
      const {error} = problem;
      list.addAt(RULES.yamlSyntax, error.message, error instanceof YamlSyntaxError ? plainRange(error.range) : undefined);
    } else if (problem.reason === 'root-not-mapping') {
      for (const duplicate of document!.duplicateKeys) {
        list.addAt(RULES.yamlDuplicateKey, `duplicate key '${duplicate.key}': the last value wins`, plainRange(duplicate.range));
      }
      list.addAt(RULES.rootType, 'Policy must be a YAML mapping (dict)', undefined);
    } else {
      list.addAt(RULES.fileUnreadable, unreadableMessage(problem), undefined);
    }
    return text === undefined ? {file, findings: list.findings} : {file, findings: list.findings, source: text};
  }
  const list = new FindingList(file, read.document);
  for (const duplicate of read.document.duplicateKeys) {
    list.addAt(RULES.yamlDuplicateKey, `duplicate key '${duplicate.key}': the last value wins`, plainRange(duplicate.range));
  }
  const policy = read.policy;
  const schemaErrors = sortedSchemaErrors(policySchemaErrors(policy));
  for (const error of schemaErrors) addSchemaFinding(list, error);
  checkSemantics(list, file, policy, schemaErrors.length === 0, options);
  return {file, findings: byPosition(list.findings), source: read.text};
}

/** Why a file could not be read, as lint words it. */
function unreadableMessage(problem: FileProblem | {reason: 'not-utf8'; offset: number}): string {
  switch (problem.reason) {
    case 'missing':
      return 'file not found';
    case 'is-directory':
      return 'is a directory, not a policy file';
    case 'not-regular-file':
      return 'is not a regular file';
    case 'permission-denied':
      return 'cannot be read: permission denied';
    case 'too-large':
      return `file is larger than ${problem.limit / (1024 * 1024)} MiB; policies are small documents`;
    case 'not-utf8':
      return `is not valid UTF-8 (first invalid byte at offset ${problem.offset})`;
    case 'io-error':
      return `cannot be read (${problem.code})`;
  }
}

/** One problem of the reference CLI's own lint, worded as it prints them. */
export interface LintStageProblem {
  ruleId: string;
  message: string;
  range?: SourceRange;
}

/**
 * The reference CLI's lint (`aigc policy lint`, and the first stage of its
 * `aigc policy validate`): the file read, its YAML, a mapping at the root,
 * then every schema error ordered by path and worded as it prints them
 * (`roles.0: 1 is not of type 'string'`). None of our semantic rules.
 */
export function referenceLintStage(file: string, cwd: string = process.cwd()): LintStageProblem[] {
  const read = readPolicyFile(resolve(cwd, file));
  if (!read.ok) {
    const {problem} = read;
    if (problem.reason === 'root-not-mapping') return [{ruleId: RULES.rootType.id, message: 'Policy must be a YAML mapping (dict)'}];
    if (problem.reason !== 'yaml-syntax') return [{ruleId: RULES.fileUnreadable.id, message: unreadableMessage(problem)}];
    const {error} = problem;
    if (!(error instanceof YamlSyntaxError)) return [{ruleId: RULES.yamlSyntax.id, message: `YAML parse error: ${error.message}`}];
    const message = `YAML parse error: ${[error.context, error.reason].filter(Boolean).join(', ')}`;
    return [{ruleId: RULES.yamlSyntax.id, message, range: plainRange(error.range)}];
  }
  const list = new FindingList(file, read.document);
  for (const error of byPath(policySchemaErrors(read.policy))) {
    addSchemaFinding(list, error, `${error.path.map(String).join('.') || '$'}: ${error.message}`);
  }
  return list.findings.map(({ruleId, message, range}) => ({ruleId, message, range}));
}

/** The reference CLI's order: by path as a list (indexes as numbers, keys by code point), stable. */
function byPath(errors: SchemaError[]): SchemaError[] {
  const compare = (a: SchemaError['path'], b: SchemaError['path']): number => {
    for (let index = 0; index < Math.min(a.length, b.length); index++) {
      const [x, y] = [a[index], b[index]];
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareCodePoints(String(x), String(y));
      if (order !== 0) return order;
    }
    return a.length - b.length;
  };
  return errors
    .map((error, index) => ({error, index}))
    .sort((a, b) => compare(a.error.path, b.error.path) || a.index - b.index)
    .map(({error}) => error);
}

/** Findings in source order (file-level ones first), stable within a position. */
function byPosition(findings: LintFinding[]): LintFinding[] {
  const key = (finding: LintFinding) => (finding.range ? finding.range.start.line * 1e6 + finding.range.start.column : 0);
  return findings
    .map((finding, index) => ({finding, index}))
    .sort((a, b) => key(a.finding) - key(b.finding) || a.index - b.index)
    .map(({finding}) => finding);
}

/** The reference's order: by pointer string, stable. */
function sortedSchemaErrors(errors: SchemaError[]): SchemaError[] {
  return errors
    .map((error, index) => ({error, index}))
    .sort((a, b) => compareCodePoints(a.error.pointer, b.error.pointer) || a.index - b.index)
    .map(({error}) => error);
}

function addSchemaFinding(list: FindingList, error: SchemaError, message = `${error.pointer}: ${error.message}`): void {
  if (error.validator === 'additionalProperties' && isDict(error.instance)) {
    const unexpected = firstUnexpectedKey(error);
    if (unexpected !== undefined) {
      list.add(RULES.schema, message, [...error.path, unexpected], 'key');
      return;
    }
  }
  if (error.validator === 'required' && error.path.length > 0) {
    list.add(RULES.schema, message, error.path, 'key');
    return;
  }
  list.add(RULES.schema, message, error.path);
}

/** The first key of the mapping that the additionalProperties message names. */
function firstUnexpectedKey(error: SchemaError): string | undefined {
  const instance = error.instance as PyDict;
  const named = /\((.*) (?:was|were) unexpected\)/.exec(error.message)?.[1];
  if (named === undefined) return undefined;
  return Object.keys(instance).find((key) => named.includes(pyRepr(originalKey(instance, key))));
}

function checkSemantics(list: FindingList, file: string, policy: PyDict, schemaValid: boolean, options: LintOptions): void {
  checkGuards(list, policy);
  checkOutputSchema(list, policy);
  checkPreconditions(list, policy);
  checkDates(list, policy, options);
  checkRiskFactors(list, policy);
  const effective = checkComposition(list, file, policy, schemaValid, options);
  checkPostconditions(list, policy, effective);
}

function checkGuards(list: FindingList, policy: PyDict): void {
  const guards = dictGet(policy, 'guards');
  if (!isList(guards)) return;
  const declared = declaredConditions(policy);
  guards.forEach((guard, index) => {
    const when = isDict(guard) ? dictGet(guard, 'when') : undefined;
    const condition = isDict(when) ? dictGet(when, 'condition') : undefined;
    if (typeof condition !== 'string') return;
    const path = ['guards', index, 'when', 'condition'];
    const result = parseGuardSyntax(condition);
    if (!result.ok) {
      list.add(RULES.guardSyntax, result.error.message, path);
      return;
    }
    for (const name of bareConditions(result.ast)) {
      if (!declared.has(name)) {
        list.add(
          RULES.guardUnknownCondition,
          `'${name}' is not a declared condition; declare it under conditions, or compare it (${name} == true) to read the context`,
          path,
        );
      }
    }
  });
}

function declaredConditions(policy: PyDict): Set<string> {
  const conditions = dictGet(policy, 'conditions');
  return new Set(isDict(conditions) ? Object.keys(conditions) : []);
}

function bareConditions(ast: GuardAst): string[] {
  switch (ast.kind) {
    case 'condition':
      return [ast.name];
    case 'not':
      return bareConditions(ast.operand);
    case 'and':
    case 'or':
      return [...bareConditions(ast.left), ...bareConditions(ast.right)];
    default:
      return [];
  }
}

function checkOutputSchema(list: FindingList, policy: PyDict): void {
  const schema = dictGet(policy, 'output_schema');
  if (!isDict(schema)) return;
  try {
    compileSchema(schema, {defaultDraft: 'draft2020'});
  } catch (error) {
    if (!(error instanceof InvalidSchemaError)) throw error;
    list.add(RULES.outputSchemaInvalid, `output_schema is not a valid JSON Schema: ${error.message}`, [
      'output_schema',
      ...error.schemaPath,
    ]);
  }
}

function checkPreconditions(list: FindingList, policy: PyDict): void {
  const pre = dictGet(policy, 'pre_conditions');
  const required = isDict(pre) ? dictGet(pre, 'required') : undefined;
  if (!isDict(required)) return;
  for (const key of Object.keys(required)) {
    const schema = constraintSchema(required[key]);
    if (Object.keys(schema).length === 0) continue;
    try {
      compileSchema(schema, {defaultDraft: 'draft2020'});
    } catch (error) {
      if (!(error instanceof InvalidSchemaError)) throw error;
      list.add(RULES.preconditionInvalid, `precondition '${key}' cannot be checked: ${error.message}`, [
        'pre_conditions',
        'required',
        key,
        ...error.schemaPath,
      ]);
    }
  }
}

const INACTIVE_REASONS: ReadonlySet<PolicyErrorReason | undefined> = new Set(['expired', 'not-yet-active']);
const DATE_REASONS: ReadonlySet<PolicyErrorReason | undefined> = new Set([
  'expired',
  'not-yet-active',
  'date-order',
  'invalid-effective-date',
  'invalid-expiration-date',
]);

/** The date field a date problem is about. */
function dateKey(reason: PolicyErrorReason | undefined): 'effective_date' | 'expiration_date' {
  return reason === 'expired' || reason === 'date-order' || reason === 'invalid-expiration-date' ? 'expiration_date' : 'effective_date';
}

function checkDates(list: FindingList, policy: PyDict, options: LintOptions): void {
  const problem = ownDateProblem(policy, options);
  if (problem === undefined) return;
  list.add(INACTIVE_REASONS.has(problem.reason) ? RULES.dateInactive : RULES.dateInvalid, problem.message, [dateKey(problem.reason)]);
}

/** What the file's own date fields fail with on the lint day, if anything. */
function ownDateProblem(policy: PyDict, options: LintOptions): AigcError | undefined {
  const effective = dictGet(policy, 'effective_date');
  const expiration = dictGet(policy, 'expiration_date');
  if (typeof effective !== 'string' && typeof expiration !== 'string') return undefined;
  const probe: PyDict = {};
  if (typeof effective === 'string') probe.effective_date = effective;
  if (typeof expiration === 'string') probe.expiration_date = expiration;
  try {
    validatePolicyDates(probe, options.today);
    return undefined;
  } catch (error) {
    if (!(error instanceof AigcError)) throw error;
    return error;
  }
}

/** The same problem: the same reason about the same values (a message is only their wording). */
function sameProblem(a: AigcError, b: AigcError | undefined): boolean {
  return b !== undefined && a.reason === b.reason && pyEquals(a.details as PyDict, b.details as PyDict);
}

function declaredContextKeys(policy: PyDict): Set<string> {
  const keys = new Set<string>(declaredConditions(policy));
  const pre = dictGet(policy, 'pre_conditions');
  if (isDict(pre)) {
    const required = dictGet(pre, 'required');
    if (isDict(required)) for (const key of Object.keys(required)) keys.add(key);
    if (isList(required)) for (const item of required) if (typeof item === 'string') keys.add(item);
    const optional = dictGet(pre, 'optional');
    if (isList(optional)) for (const item of optional) if (typeof item === 'string') keys.add(item);
  }
  return keys;
}

function checkRiskFactors(list: FindingList, policy: PyDict): void {
  const risk = dictGet(policy, 'risk');
  const factors = isDict(risk) ? dictGet(risk, 'factors') : undefined;
  if (!isList(factors)) return;
  const declared = declaredContextKeys(policy);
  factors.forEach((factor, index) => {
    const condition = isDict(factor) ? dictGet(factor, 'condition') : undefined;
    if (typeof condition !== 'string' || RISK_BUILTINS.has(condition) || declared.has(condition)) return;
    list.add(
      RULES.riskFactorCondition,
      `risk factor condition '${condition}' is not a built-in (${[...RISK_BUILTINS].join(', ')}) nor a declared context key; it is true only when the invocation context has a truthy '${condition}'`,
      ['risk', 'factors', index, 'condition'],
    );
  });
}

/** Loads the composed policy when the file extends another; reports what composition refuses. */
function checkComposition(
  list: FindingList,
  file: string,
  policy: PyDict,
  schemaValid: boolean,
  options: LintOptions,
): PyDict | null {
  const extendsRef = dictGet(policy, 'extends');
  if (typeof extendsRef !== 'string' || extendsRef === '') return schemaValid ? policy : null;
  try {
    return loadPolicy(file, {cwd: options.cwd, today: options.today});
  } catch (error) {
    if (!(error instanceof AigcError)) throw error;
    switch (error.reason) {
      case 'composition-escalation':
        list.add(RULES.compositionEscalation, error.message, Object.hasOwn(policy, 'roles') ? ['roles'] : ['extends']);
        break;
      case 'composition-weakening':
        list.add(RULES.compositionEscalation, error.message, Object.hasOwn(policy, 'post_conditions') ? ['post_conditions'] : ['extends']);
        break;
      default:
        if (DATE_REASONS.has(error.reason)) {
          // The file's own dates are checkDates' finding; any other date problem is its base's, or the composition's.
          if (!sameProblem(error, ownDateProblem(policy, options))) {
            list.add(INACTIVE_REASONS.has(error.reason) ? RULES.dateInactive : RULES.extendsTarget, `extends '${extendsRef}': ${error.message}`, ['extends']);
          }
        } else if (error.details.policy_file !== file && !(error.details.policy_file === undefined && schemaValid === false)) {
          // A problem of another file (a base), or of the composition (a cycle, a strategy) once the file's own schema holds.
          list.add(RULES.extendsTarget, `extends '${extendsRef}': ${error.message}`, ['extends']);
        }
    }
    return null;
  }
}

function checkPostconditions(list: FindingList, policy: PyDict, effective: PyDict | null): void {
  const source = effective ?? policy;
  const post = dictGet(source, 'post_conditions');
  const required = isDict(post) ? dictGet(post, 'required') : undefined;
  if (!isList(required)) return;
  const childPost = dictGet(policy, 'post_conditions');
  const childRequired = isDict(childPost) ? dictGet(childPost, 'required') : undefined;
  required.forEach((name: PyValue, index) => {
    const path = isList(childRequired) && childRequired[index] === name ? ['post_conditions', 'required', index] : ['post_conditions'];
    if (name !== 'output_schema_valid') {
      list.add(
        RULES.postconditionUnsupported,
        `unsupported postcondition '${String(name)}': only output_schema_valid is supported, so every invocation would fail`,
        path,
      );
    } else if (!Object.hasOwn(source, 'output_schema') && !guardSuppliesOutputSchema(source)) {
      list.add(
        RULES.postconditionWithoutSchema,
        'output_schema_valid is required but neither the policy nor any guard sets output_schema, so every invocation would fail',
        path,
      );
    }
  });
}

/** A guard whose `then` sets output_schema: invocations it matches have a schema to check. */
function guardSuppliesOutputSchema(policy: PyDict): boolean {
  const guards = dictGet(policy, 'guards');
  if (!isList(guards)) return false;
  return guards.some((guard) => {
    const then = isDict(guard) ? dictGet(guard, 'then') : undefined;
    return isDict(then) && Object.hasOwn(then, 'output_schema');
  });
}
