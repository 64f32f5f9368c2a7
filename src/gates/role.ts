// Role gate: the invocation's role must be listed by the effective policy.

import type {EnforcementObserver} from '../enforcement-observer.js';
import {GovernanceViolationError} from '../errors.js';
import {pyContains} from '../python/semantics.js';
import {dictGetOr, isDict, originalKey, type PyDict, type PyValue, pyTypeName} from '../python/values.js';

/** Python `role in allowed` for whatever `roles` became (a list, or a string or dict through a guard). */
function allows(allowed: PyValue, role: string): boolean {
  if (Array.isArray(allowed)) return pyContains(allowed, role);
  if (typeof allowed === 'string') return allowed.includes(role);
  if (isDict(allowed)) return Object.hasOwn(allowed, role) && originalKey(allowed, role) === role;
  throw new TypeError(`argument of type '${pyTypeName(allowed)}' is not iterable`);
}

export function validateRole(role: string, policy: PyDict, observer: EnforcementObserver | null = null): void {
  const allowed = dictGetOr(policy, 'roles', []);
  if (!allows(allowed, role)) {
    throw new GovernanceViolationError(`Unauthorized role '${role}'`, {role, allowed_roles: allowed}, 'ROLE_NOT_ALLOWED');
  }
  observer?.roleAllowed(role);
}
