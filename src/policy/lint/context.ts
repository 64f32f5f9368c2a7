// What the rules of one file share, each part computed once, when a rule
// first asks for it: the schema errors, the file's own date problem, and the
// outcome of loading it with the bases it extends. Also the date knowledge
// the date and extends rules share (which reasons are date problems, which
// field each is about).

import {AigcError, describeError, type PolicyErrorReason} from '../../errors.js';
import type {SchemaError} from '../../jsonschema/index.js';
import {compareCodePoints, pyEquals} from '../../python/semantics.js';
import {dictGet, isDict, isList, type PyDict, type PyValue} from '../../python/values.js';
import {validatePolicyDates} from '../dates.js';
import {loadPolicy} from '../loader.js';
import type {PolicyRead} from '../read.js';
import {policySchemaErrors} from '../schema.js';
import type {YamlDocument, YamlPath} from '../yaml.js';
import {type Suppression, suppressionsIn} from './suppressions.js';
import type {LintContext, LintOptions} from './types.js';

type Composition = {policy: PyDict; error?: undefined} | {policy?: undefined; error: AigcError} | {policy?: undefined; error?: undefined};

export class FileContext implements LintContext {
  readonly document?: YamlDocument;
  readonly policy?: PyDict;
  private schema?: readonly SchemaError[];
  private ownDates?: {problem: AigcError | undefined};
  private composition?: Composition;
  private comments?: readonly Suppression[];

  constructor(
    readonly file: string,
    readonly read: PolicyRead,
    readonly options: LintOptions,
    readonly ruleIds: ReadonlySet<string>,
  ) {
    this.document = read.document;
    if (read.ok) this.policy = read.policy;
  }

  schemaErrors(): readonly SchemaError[] {
    this.schema ??= this.policy ? byPointer(policySchemaErrors(this.policy)) : [];
    return this.schema;
  }

  ownDateProblem(): AigcError | undefined {
    this.ownDates ??= {problem: this.policy ? ownDateProblem(this.policy, this.options) : undefined};
    return this.ownDates.problem;
  }

  compositionError(): AigcError | undefined {
    return this.composed().error;
  }

  composedPolicy(): PyDict | undefined {
    return this.composed().policy;
  }

  suppressions(): readonly Suppression[] {
    this.comments ??= this.read.text === undefined ? [] : suppressionsIn(this.read.text);
    return this.comments;
  }

  private composed(): Composition {
    this.composition ??= this.compose();
    return this.composition;
  }

  private compose(): Composition {
    const extendsRef = this.policy ? dictGet(this.policy, 'extends') : undefined;
    if (typeof extendsRef !== 'string' || extendsRef === '') return {};
    try {
      return {policy: loadPolicy(this.file, {cwd: this.options.cwd, today: this.options.today})};
    } catch (error) {
      if (!(error instanceof AigcError)) throw error;
      return {error};
    }
  }
}

/** The reference's order: by pointer string, stable. */
function byPointer(errors: SchemaError[]): SchemaError[] {
  return errors
    .map((error, index) => ({error, index}))
    .sort((a, b) => compareCodePoints(a.error.pointer, b.error.pointer) || a.index - b.index)
    .map(({error}) => error);
}

/** What the file's own date fields fail with, checked on their own (a base's dates are the composition's). */
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

/** The policy is not in force on the lint day. */
export const INACTIVE_REASONS: ReadonlySet<PolicyErrorReason | undefined> = new Set(['expired', 'not-yet-active']);

/** Every problem a policy's dates can have. */
export const DATE_REASONS: ReadonlySet<PolicyErrorReason | undefined> = new Set([
  ...INACTIVE_REASONS,
  'date-order',
  'invalid-effective-date',
  'invalid-expiration-date',
]);

/** The date field a date problem is about. */
export function dateField(reason: PolicyErrorReason | undefined): 'effective_date' | 'expiration_date' {
  return reason === 'expired' || reason === 'date-order' || reason === 'invalid-expiration-date' ? 'expiration_date' : 'effective_date';
}

/** A date problem of the composition that is the file's own (reported at its date field, not at `extends`). */
export function isOwnDateProblem(context: LintContext, error: AigcError): boolean {
  const own = context.ownDateProblem();
  // The same reason about the same values: a message is only their wording.
  return own !== undefined && own.reason === error.reason && pyEquals(own.details as PyDict, error.details as PyDict);
}

/** `extends 'base.yaml': <the problem>`, as extends findings are worded. */
export function aboutBase(context: LintContext, error: AigcError): string {
  return `extends '${String(dictGet(context.policy!, 'extends'))}': ${describeError(error)}`;
}

/** Each guard's condition that is a string, with where it is written. */
export function guardConditions(policy: PyDict): {condition: string; path: YamlPath}[] {
  const guards = dictGet(policy, 'guards');
  if (!isList(guards)) return [];
  return guards.flatMap((guard, index) => {
    const when = isDict(guard) ? dictGet(guard, 'when') : undefined;
    const condition = isDict(when) ? dictGet(when, 'condition') : undefined;
    return typeof condition === 'string' ? [{condition, path: ['guards', index, 'when', 'condition']}] : [];
  });
}

/** The names declared under `conditions`. */
export function declaredConditions(policy: PyDict): Set<string> {
  const conditions = dictGet(policy, 'conditions');
  return new Set(isDict(conditions) ? Object.keys(conditions) : []);
}

/**
 * Each required postcondition of the policy the postcondition rules check
 * (the composed one when the file extends a base that loads), pointed at in
 * the file where it is written there, else at its post_conditions.
 */
export function requiredPostconditions(context: LintContext): {name: PyValue; path: YamlPath; source: PyDict}[] {
  const policy = context.policy!;
  const source = context.composedPolicy() ?? policy;
  const post = dictGet(source, 'post_conditions');
  const required = isDict(post) ? dictGet(post, 'required') : undefined;
  if (!isList(required)) return [];
  const ownPost = dictGet(policy, 'post_conditions');
  const ownRequired = isDict(ownPost) ? dictGet(ownPost, 'required') : undefined;
  return required.map((name, index) => ({
    name,
    path: isList(ownRequired) && ownRequired[index] === name ? ['post_conditions', 'required', index] : ['post_conditions'],
    source,
  }));
}
