// Strict-mode policy checks (run on the loaded policy, before guards).

import {pyTruthy} from '../python/semantics.js';
import {dictGet, isDict, isList, type PyDict} from '../python/values.js';

export function strictModeIssues(policy: PyDict): string[] {
  const issues: string[] = [];
  if (!pyTruthy(dictGet(policy, 'roles'))) issues.push("Policy must define non-empty 'roles' list");
  const pre = dictGet(policy, 'pre_conditions');
  const required = isDict(pre) ? dictGet(pre, 'required') : undefined;
  if (!pyTruthy(required)) issues.push("Policy must define 'pre_conditions.required'");
  else if (isList(required)) issues.push('Policy uses bare-string preconditions; strict mode requires typed (dict) preconditions');
  return issues;
}
