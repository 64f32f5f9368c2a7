// `re.search` for schema patterns through the Python regex translator; a
// pattern Python would reject makes the schema invalid.

import {compilePythonRegex, PythonRegexError} from '../python/regex.js';
import {InvalidSchemaError} from './errors.js';

export function compileSchemaPattern(pattern: string): RegExp {
  try {
    return compilePythonRegex(pattern);
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
