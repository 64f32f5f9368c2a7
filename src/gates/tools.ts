// Tool-constraint gate: every called tool must be allowed, and called no more
// than its `max_calls` (the last entry for a name wins).

import {InvocationValidationError, ToolConstraintViolationError} from '../errors.js';
import {pyStr} from '../python/repr.js';
import {pySorted, pyTruthy} from '../python/semantics.js';
import {dictGet, isDict, isList, isNumber, type PyDict, type PyValue, toDouble} from '../python/values.js';

export interface ToolConstraintsResult {
  tools_checked: PyValue[];
  violations: PyValue[];
}

/** A hashable tool name as a Map key with Python's equality (`1 == 1.0 == True`). */
function nameKey(name: PyValue): string {
  if (typeof name === 'string') return `s:${name}`;
  if (typeof name === 'boolean' || isNumber(name)) return `n:${toDouble(name)}`;
  if (name === null) return 'none';
  throw new InvocationValidationError("Invocation field 'tool_calls' has an unhashable tool name", {field: 'tool_calls'});
}

function malformed(): InvocationValidationError {
  return new InvocationValidationError("Invocation field 'tool_calls' must be a list of objects with a 'name'", {
    field: 'tool_calls',
  });
}

export function validateToolConstraints(invocation: PyDict, policy: PyDict): ToolConstraintsResult {
  const tools = dictGet(policy, 'tools');
  const toolCalls = dictGet(invocation, 'tool_calls');
  if (!pyTruthy(tools) || !pyTruthy(toolCalls)) return {tools_checked: [], violations: []};
  if (!isList(toolCalls)) throw malformed();
  const limits = new Map<string, PyValue>();
  const allowedNames: PyValue[] = [];
  const allowed = isDict(tools) ? (dictGet(tools, 'allowed_tools') ?? []) : [];
  for (const entry of isList(allowed) ? allowed : []) {
    if (!isDict(entry)) continue;
    const key = nameKey(dictGet(entry, 'name') ?? null);
    if (!limits.has(key)) allowedNames.push(dictGet(entry, 'name') ?? null);
    limits.set(key, dictGet(entry, 'max_calls') ?? null);
  }
  const counts = new Map<string, {name: PyValue; count: number}>();
  for (const call of toolCalls) {
    if (!isDict(call) || !Object.hasOwn(call, 'name')) throw malformed();
    const name = call.name;
    const key = nameKey(name);
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
    if (isNumber(maxCalls) && count > toDouble(maxCalls)) {
      throw new ToolConstraintViolationError(`Tool '${pyStr(name)}' called ${count} times, max is ${pyStr(maxCalls)}`, {
        tool: name,
        actual_calls: count,
        max_calls: maxCalls,
      });
    }
  }
  return {tools_checked: pySorted([...counts.values()].map((entry) => entry.name)), violations: []};
}
