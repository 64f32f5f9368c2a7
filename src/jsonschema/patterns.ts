// `re.search` for schema patterns through the Python regex translator; a
// pattern Python would reject makes the schema invalid. A match past its
// budget throws `RegexBudgetError` out of validation (the gate fails closed).

import {type BoundedRegex, compilePythonPattern, PythonRegexError} from '../python/regex.js';
import {InvalidSchemaError} from './errors.js';

export function compileSchemaPattern(pattern: string): BoundedRegex {
  try {
    return compilePythonPattern(pattern);
  } catch (error) {
    if (error instanceof PythonRegexError) {
      throw new InvalidSchemaError(`${pattern} is not a 'regex': ${error.message}`, 'regex');
    }
    throw error;
  }
}

/** Python `bool(re.search(pattern, text))`. */
export function searchPattern(pattern: string, text: string): boolean {
  return compileSchemaPattern(pattern).test(text);
}
