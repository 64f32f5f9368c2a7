// `withRetry`: re-runs enforcement while the output schema fails, as the
// policy's `retry_policy` allows, with linear backoff. Any other failure is
// final at once.

import {RetryExhaustedError, SchemaValidationError} from '../errors.js';
import {loadPolicy, type LoadPolicyOptions} from '../policy/loader.js';
import {enforceInvocation} from '../pipeline/enforce.js';
import {dictGet, isDict, isNumber, type PyDict, type PyValue, toDouble} from '../python/values.js';

export interface RetryOptions extends Pick<LoadPolicyOptions, 'cwd' | 'policyRoot'> {
  /** One enforcement attempt (default: module-level enforcement); may regenerate the output. */
  enforcementFn?: (invocation: PyDict) => PyDict | Promise<PyDict>;
  /** Waits between attempts (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
}

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetry(invocation: PyDict, options: RetryOptions = {}): Promise<PyDict> {
  const attempt = options.enforcementFn ?? ((value: PyDict) => enforceInvocation(value, {cwd: options.cwd}));
  const policy = loadPolicy(String(invocation.policy_file), {cwd: options.cwd, policyRoot: options.policyRoot});
  const retryPolicy = dictGet(policy, 'retry_policy');
  if (!isDict(retryPolicy) || Object.keys(retryPolicy).length === 0) return attempt(invocation);
  const maxRetries = count(dictGet(retryPolicy, 'max_retries'));
  const backoffMs = count(dictGet(retryPolicy, 'backoff_ms'));
  const sleep = options.sleep ?? timer;
  for (let index = 0; ; index++) {
    try {
      return await attempt(invocation);
    } catch (error) {
      if (!(error instanceof SchemaValidationError)) throw error;
      if (index >= maxRetries) throw new RetryExhaustedError(index + 1, error);
      await sleep(backoffMs * (index + 1));
    }
  }
}

function count(value: PyValue | undefined): number {
  return isNumber(value) ? toDouble(value) : 0;
}
