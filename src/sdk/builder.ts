// A fluent builder for invocations, validated on build like the reference's.

import {validateInvocation} from '../pipeline/invocation.js';
import type {PyDict, PyValue} from '../python/values.js';

export class InvocationBuilder {
  readonly #data: PyDict = {};

  policy(policyFile: string): this {
    this.#data.policy_file = policyFile;
    return this;
  }

  model(provider: string, identifier: string): this {
    this.#data.model_provider = provider;
    this.#data.model_identifier = identifier;
    return this;
  }

  role(role: string): this {
    this.#data.role = role;
    return this;
  }

  input(input: PyDict): this {
    this.#data.input = input;
    return this;
  }

  output(output: PyDict): this {
    this.#data.output = output;
    return this;
  }

  context(context: PyDict): this {
    this.#data.context = context;
    return this;
  }

  tools(toolCalls: PyValue[]): this {
    this.#data.tool_calls = toolCalls;
    return this;
  }

  /** The invocation; throws InvocationValidationError when a required field is missing or wrong. */
  build(): PyDict {
    const invocation: PyDict = {...this.#data};
    validateInvocation(invocation);
    return invocation;
  }
}
