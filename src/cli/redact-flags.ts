// `--redact NAME=REGEX`: user redaction patterns for failure messages, in
// Python regex syntax. Given at all, they replace the default patterns, as a
// custom list does in the reference (`redaction_patterns=`).

import {type RedactionPattern, redactionPattern} from '../audit/redaction.js';
import {PythonRegexError} from '../python/regex.js';
import {usageError} from './exit-codes.js';

const NAME = /^[\w.-]+$/;

/** The patterns `--redact` values name, in order; undefined when none are given (the defaults apply). */
export function redactionPatternsFromFlags(values: readonly string[] | undefined): RedactionPattern[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  return values.map(parseRedactFlag);
}

function parseRedactFlag(value: string): RedactionPattern {
  const split = value.indexOf('=');
  if (split < 0) throw usageError(`--redact ${value}: expected NAME=REGEX`);
  const name = value.slice(0, split);
  const source = value.slice(split + 1);
  if (!NAME.test(name)) throw usageError(`--redact ${value}: NAME must be letters, digits, '_', '.' or '-'`);
  if (source === '') throw usageError(`--redact ${name}=: the regex is empty`);
  try {
    return redactionPattern(name, source);
  } catch (error) {
    if (error instanceof PythonRegexError) throw usageError(`--redact ${name}: invalid regex: ${error.message}`);
    throw error;
  }
}
