// `governed(fn, options)`: wraps a model call in split enforcement. Phase A
// runs before the call (a refused call is never made), Phase B checks what it
// returned; if the call throws, a `wrapped_function_error` artifact records it
// and the error goes on to the caller.

import type {EnforceOptions} from '../pipeline/enforce.js';
import {enforceInvocation} from '../pipeline/enforce.js';
import {enforcePostCall, enforcePreCall, type PreCallResult, wrappedFunctionFailure} from '../pipeline/split.js';
import {isDict, type PyDict} from '../python/values.js';
import type {Aigc} from './aigc.js';

export interface GovernedOptions {
  policyFile: string;
  role: string;
  modelProvider: string;
  modelIdentifier: string;
  /** Enforce through this instance (its sink, signer, gates, cache); default: module-level enforcement. */
  aigc?: Aigc;
  /** Options for module-level enforcement (clock, cwd, sink…), when no `aigc` is given. */
  enforceOptions?: EnforceOptions;
  /** true (default): split enforcement; false: call first, then unified enforcement. */
  preCallEnforcement?: boolean;
}

/** The model call: takes the input and context, returns the output object. */
export type ModelCall<Rest extends unknown[]> = (input: PyDict, context: PyDict, ...rest: Rest) => PyDict | Promise<PyDict>;

export function governed<Rest extends unknown[]>(
  fn: ModelCall<Rest>,
  options: GovernedOptions,
): (input?: PyDict, context?: PyDict, ...rest: Rest) => Promise<PyDict> {
  const engine = options.enforceOptions ?? {};
  const identity = {
    policy_file: options.policyFile,
    role: options.role,
    model_provider: options.modelProvider,
    model_identifier: options.modelIdentifier,
  };
  const preCall = (invocation: PyDict): PreCallResult =>
    options.aigc ? options.aigc.enforcePreCallSync(invocation) : enforcePreCall(invocation, engine);
  const postCall = (token: PreCallResult, output: PyDict): PyDict =>
    options.aigc ? options.aigc.enforcePostCallSync(token, output) : enforcePostCall(token, output, engine);
  const failureOptions = (): EnforceOptions =>
    options.aigc ? {sink: options.aigc.sink, now: options.aigc.options.clock} : engine;

  if (options.preCallEnforcement === false) {
    process.emitWarning(
      'governed(): preCallEnforcement: false is deprecated. Split enforcement is the default; the unified opt-out will be removed in a future release.',
      'DeprecationWarning',
    );
  }

  const wrapper = async (input: PyDict = {}, context: PyDict = {}, ...rest: Rest) => {
    // As the reference: what is not a mapping is enforced as {} (the call still gets the caller's arguments).
    const enforced = {input: isDict(input) ? input : {}, context: isDict(context) ? context : {}};
    if (options.preCallEnforcement === false) {
      const output = await fn(input, context, ...rest);
      const invocation = {...identity, ...enforced, output};
      if (options.aigc) await options.aigc.enforce(invocation);
      else enforceInvocation(invocation, engine);
      return output;
    }
    const token = preCall({...identity, ...enforced});
    let output: PyDict;
    try {
      output = await fn(input, context, ...rest);
    } catch (error) {
      wrappedFunctionFailure(token, error, failureOptions());
      throw error;
    }
    postCall(token, output);
    return output;
  };
  // The wrapper answers to the wrapped function's name, as functools.wraps does.
  Object.defineProperty(wrapper, 'name', {value: fn.name, configurable: true});
  return wrapper;
}
