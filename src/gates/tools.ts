// Tool-constraint gate: every called tool must be allowed, and called no more
// than its `max_calls` (the last entry for a name wins). The policy schema
// guarantees the shapes below, but a guard's `then` block can replace them;
// those follow the reference's Python operations, raising its TypeError texts
// where it crashes (the pipeline turns them into a FAIL).

import type {EnforcementObserver} from '../enforcement-observer.js';
import {InvocationValidationError, ToolConstraintViolationError} from '../errors.js';
import {pyStr} from '../python/repr.js';
import {pyIterate, pySorted, pyTruthy} from '../python/semantics.js';
import {
  dictGet,
  dictGetOr,
  isDict,
  isList,
  isNumber,
  PyDate,
  PyDateTime,
  type PyDict,
  type PyValue,
  pyTypeName,
  toDouble,
} from '../python/values.js';

export interface ToolConstraintsResult {
  tools_checked: PyValue[];
  violations: PyValue[];
}

/** A hashable tool name as a Map key with Python's equality (`1 == 1.0 == True`), or null when unhashable. */
function hashKey(name: PyValue): string | null {
  if (typeof name === 'string') return `s:${name}`;
  if (typeof name === 'boolean' || isNumber(name)) return `n:${toDouble(name)}`;
  if (name === null) return 'none';
  if (name instanceof PyDateTime) return `t:${JSON.stringify(name)}`;
  if (name instanceof PyDate) return `d:${JSON.stringify(name)}`;
  return null;
}

function malformed(): InvocationValidationError {
  return new InvocationValidationError("Invocation field 'tool_calls' must be a list of objects with a 'name'", {
    field: 'tool_calls',
  });
}

/** Python `entry[key]` on an `allowed_tools` entry. */
function subscript(entry: PyValue, key: string): PyValue {
  if (isDict(entry)) {
    if (!Object.hasOwn(entry, key)) throw new TypeError(`allowed_tools entry has no key '${key}'`);
    return entry[key];
  }
  if (typeof entry === 'string') throw new TypeError("string indices must be integers, not 'str'");
  if (isList(entry)) throw new TypeError('list indices must be integers or slices, not str');
  throw new TypeError(`'${pyTypeName(entry)}' object is not subscriptable`);
}

interface ToolLimits {
  limits: Map<string, PyValue>;
  /** The names as the dict's keys list them: first spelling kept (`1` over a later `1.0`). */
  names: PyValue[];
}

/** `{t["name"]: t["max_calls"] for t in tools.get("allowed_tools", [])}` */
function toolLimits(tools: PyValue): ToolLimits {
  if (!isDict(tools)) throw new TypeError(`'${pyTypeName(tools)}' object has no attribute 'get'`);
  const limits = new Map<string, PyValue>();
  const names: PyValue[] = [];
  for (const entry of pyIterate(dictGetOr(tools, 'allowed_tools', []))) {
    const name = subscript(entry, 'name');
    const maxCalls = subscript(entry, 'max_calls');
    const key = hashKey(name);
    if (key === null) throw new TypeError(`unhashable type: '${pyTypeName(name)}'`);
    if (!limits.has(key)) names.push(name);
    limits.set(key, maxCalls);
  }
  return {limits, names};
}

/** Python `count > max_calls`. */
function exceeds(count: number, maxCalls: PyValue): boolean {
  if (typeof maxCalls === 'boolean' || isNumber(maxCalls)) {
    return typeof maxCalls === 'bigint' ? BigInt(count) > maxCalls : count > toDouble(maxCalls);
  }
  throw new TypeError(`'>' not supported between instances of 'int' and '${pyTypeName(maxCalls)}'`);
}

export function validateToolConstraints(invocation: PyDict, policy: PyDict, observer: EnforcementObserver | null = null): ToolConstraintsResult {
  const tools = dictGet(policy, 'tools');
  const toolCalls = dictGet(invocation, 'tool_calls');
  if (!pyTruthy(tools) || !pyTruthy(toolCalls)) return {tools_checked: [], violations: []};
  const {limits, names: allowedNames} = toolLimits(tools!);
  if (!isList(toolCalls)) throw malformed();
  const counts = new Map<string, {name: PyValue; count: number}>();
  for (const call of toolCalls) {
    if (!isDict(call) || !Object.hasOwn(call, 'name')) throw malformed();
    const name = call.name;
    const key = hashKey(name);
    if (key === null) {
      throw new InvocationValidationError("Invocation field 'tool_calls' has an unhashable tool name", {field: 'tool_calls'});
    }
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, {name, count: 1});
  }
  for (const [key, {name, count}] of counts) {
    if (!limits.has(key)) {
      throw new ToolConstraintViolationError(`Tool '${pyStr(name)}' not in allowed_tools list`, {
        tool: name,
        allowed_tools: allowedNames,
      });
    }
    const maxCalls = limits.get(key)!;
    if (exceeds(count, maxCalls)) {
      observer?.tool(name, 'max_calls_reached', maxCalls);
      throw new ToolConstraintViolationError(`Tool '${pyStr(name)}' called ${count} times, max is ${pyStr(maxCalls)}`, {
        tool: name,
        actual_calls: count,
        max_calls: maxCalls,
      });
    }
    observer?.tool(name, 'allowed', maxCalls);
  }
  return {tools_checked: pySorted([...counts.values()].map((entry) => entry.name)), violations: []};
}
