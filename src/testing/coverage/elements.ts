// The inventory of one policy file: every element it writes whose effect a
// test case can observe, with its outcomes and where it is written. Read
// from the file as written (not composed), so each element belongs to the
// file that declares it; the shapes the policy schema refuses declare nothing.

import {DEFAULT_RISK_THRESHOLD} from '../../gates/risk.js';
import {pyStr} from '../../python/repr.js';
import {compareCodePoints, pyTruthy} from '../../python/semantics.js';
import {dictGet, hasKey, isDict, isList, originalKey, type PyDict, type PyValue, pyKeys} from '../../python/values.js';
import {plainRange} from '../../source-location.js';
import type {YamlDocument, YamlPath} from '../../policy/yaml.js';
import {jsonPointer} from '../compare.js';
import type {ElementKind, Outcome, PolicyElement} from './types.js';

/** The element builder for one file: where each path is written. */
class Inventory {
  readonly elements: PolicyElement[] = [];

  constructor(private readonly document: YamlDocument) {}

  add(
    kind: ElementKind,
    name: string,
    path: YamlPath,
    outcomes: readonly Outcome[],
    extra: Partial<Pick<PolicyElement, 'guard' | 'maxCalls' | 'implicit'>> & {value: PyValue; part?: 'key' | 'value'},
  ): void {
    const {part = 'value', ...rest} = extra;
    const range = plainRange(this.document.rangeOf(path, part));
    this.elements.push({kind, name, path, pointer: jsonPointer(path), outcomes, ...(range ? {range} : {}), ...rest});
  }
}

/** The elements `policy` (the file's own mapping, `document.value`) writes, in the order they are written. */
export function policyElements(policy: PyDict, document: YamlDocument): PolicyElement[] {
  const inventory = new Inventory(document);
  compositionBase(policy, inventory);
  dateWindow(policy, inventory);
  blockElements(policy, [], inventory);
  conditions(policy, inventory);
  guards(policy, inventory);
  risk(policy, inventory);
  return inventory.elements.sort((a, b) => startOf(a) - startOf(b) || compareCodePoints(a.pointer, b.pointer));
}

function startOf(element: PolicyElement): number {
  return element.range ? element.range.start.line * 1e6 + element.range.start.column : 0;
}

function compositionBase(policy: PyDict, inventory: Inventory): void {
  const base = dictGet(policy, 'extends');
  if (typeof base === 'string' && base !== '') inventory.add('composition_base', base, ['extends'], ['merged'], {value: base, part: 'key'});
}

function dateWindow(policy: PyDict, inventory: Inventory): void {
  const effective = dictGet(policy, 'effective_date');
  const expiration = dictGet(policy, 'expiration_date');
  const hasEffective = effective !== undefined && effective !== null;
  const hasExpiration = expiration !== undefined && expiration !== null;
  if (!hasEffective && !hasExpiration) return;
  const outcomes: Outcome[] = ['active'];
  if (hasEffective) outcomes.push('not_yet_active');
  if (hasExpiration) outcomes.push('expired');
  const name = [hasEffective ? `from ${pyStr(effective!)}` : '', hasExpiration ? `until ${pyStr(expiration!)}` : ''].filter(Boolean).join(' ');
  const key = hasEffective ? 'effective_date' : 'expiration_date';
  inventory.add('date_window', name, [key], outcomes, {value: null, part: 'key'});
}

/**
 * The elements a policy block declares that a guard's `then` can also
 * declare: roles, preconditions, tools, the output schema, postconditions.
 * `at` is the block's path; `guard` the guard whose `then` it is.
 */
function blockElements(block: PyDict, at: YamlPath, inventory: Inventory, guard?: YamlPath): void {
  const via = guard ? {guard} : {};
  const roles = dictGet(block, 'roles');
  if (isList(roles)) {
    roles.forEach((role, index) => {
      inventory.add('role', pyStr(role), [...at, 'roles', index], ['allowed'], {value: role, ...via});
    });
  }
  const pre = dictGet(block, 'pre_conditions');
  const required = isDict(pre) ? dictGet(pre, 'required') : undefined;
  const preconditionOutcomes: Outcome[] = ['satisfied', 'violated'];
  if (isDict(required)) {
    for (const key of pyKeys(required)) {
      const name = originalKey(required, key);
      inventory.add('precondition', pyStr(name), [...at, 'pre_conditions', 'required', key], preconditionOutcomes, {value: name, part: 'key', ...via});
    }
  } else if (isList(required)) {
    required.forEach((name, index) => {
      inventory.add('precondition', pyStr(name), [...at, 'pre_conditions', 'required', index], preconditionOutcomes, {value: name, ...via});
    });
  }
  const tools = dictGet(block, 'tools');
  const allowed = isDict(tools) ? dictGet(tools, 'allowed_tools') : undefined;
  if (isList(allowed)) {
    allowed.forEach((entry, index) => {
      if (!isDict(entry) || !hasKey(entry, 'name')) return;
      const limited = hasKey(entry, 'max_calls');
      const outcomes: Outcome[] = limited ? ['allowed', 'max_calls_reached'] : ['allowed'];
      const path = [...at, 'tools', 'allowed_tools', index];
      inventory.add('tool', pyStr(entry.name), path, outcomes, {value: entry.name, ...(limited ? {maxCalls: entry.max_calls} : {}), ...via});
    });
  }
  if (hasKey(block, 'output_schema')) {
    inventory.add('output_schema', 'output_schema', [...at, 'output_schema'], ['accepted', 'rejected'], {value: null, part: 'key', ...via});
  }
  const post = dictGet(block, 'post_conditions');
  const postRequired = isDict(post) ? dictGet(post, 'required') : undefined;
  if (isList(postRequired)) {
    postRequired.forEach((name, index) => {
      inventory.add('postcondition', pyStr(name), [...at, 'post_conditions', 'required', index], ['evaluated'], {value: name, ...via});
    });
  }
}

function conditions(policy: PyDict, inventory: Inventory): void {
  const declared = dictGet(policy, 'conditions');
  if (!isDict(declared)) return;
  for (const key of pyKeys(declared)) {
    const name = originalKey(declared, key);
    const spec = declared[key];
    const outcomes: Outcome[] = ['true', 'false'];
    if (isDict(spec) && hasKey(spec, 'default')) outcomes.push('default');
    else if (isDict(spec) && pyTruthy(spec.required)) outcomes.push('missing');
    inventory.add('condition', pyStr(name), ['conditions', key], outcomes, {value: name, part: 'key'});
  }
}

function guards(policy: PyDict, inventory: Inventory): void {
  const list = dictGet(policy, 'guards');
  if (!isList(list)) return;
  list.forEach((guard, index) => {
    if (!isDict(guard)) return;
    const path: YamlPath = ['guards', index];
    const when = dictGet(guard, 'when');
    const condition = isDict(when) ? dictGet(when, 'condition') : undefined;
    const effect = dictGet(guard, 'then');
    const outcomes: Outcome[] = pyTruthy(effect ?? null) ? ['when_true', 'when_false', 'then_applied'] : ['when_true', 'when_false'];
    inventory.add('guard', typeof condition === 'string' ? condition : `guard ${index}`, path, outcomes, {value: guard});
    if (isDict(effect)) blockElements(effect, [...path, 'then'], inventory, path);
  });
}

function risk(policy: PyDict, inventory: Inventory): void {
  const config = dictGet(policy, 'risk');
  // An empty `risk` block scores nothing (enforcement skips it).
  if (!isDict(config) || !pyTruthy(config)) return;
  const factors = dictGet(config, 'factors');
  if (isList(factors)) {
    factors.forEach((factor, index) => {
      if (!isDict(factor)) return;
      const name = dictGet(factor, 'name');
      inventory.add('risk_factor', name === undefined ? `factor ${index}` : pyStr(name), ['risk', 'factors', index], ['triggered', 'not_triggered'], {value: factor});
    });
  }
  const outcomes: Outcome[] = ['exceeded', 'not_exceeded'];
  if (hasKey(config, 'threshold')) {
    inventory.add('risk_threshold', pyStr(config.threshold), ['risk', 'threshold'], outcomes, {value: config.threshold, part: 'key'});
  } else {
    inventory.add('risk_threshold', `${DEFAULT_RISK_THRESHOLD} (default)`, ['risk'], outcomes, {value: null, part: 'key', implicit: true});
  }
}
