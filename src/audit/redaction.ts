// Redaction of sensitive data in failure messages, with the reference's
// default patterns (applied in order; every match replaced by
// `[REDACTED:<name>]`). A pattern whose match runs past its budget fails
// closed: the whole message is withheld, as `[REDACTED:<name>]` with the
// reason, since what it would have matched cannot be known.

import {type BoundedRegex, compilePythonPattern, RegexBudgetError} from '../python/regex.js';

export interface RedactionPattern {
  name: string;
  pattern: BoundedRegex;
  /** A text every match contains: a message without it is not searched (a quick check before the regex). */
  contains?: string;
}

/** A default pattern compiled when first used, so start-up pays nothing for it. */
function lazyPattern(name: string, source: string, ignoreCase: boolean, contains?: string): RedactionPattern {
  let compiled: BoundedRegex | undefined;
  return {
    name,
    contains,
    get pattern(): BoundedRegex {
      compiled ??= compilePythonPattern(source, {ignoreCase});
      return compiled;
    },
  };
}

export const DEFAULT_REDACTION_PATTERNS: readonly RedactionPattern[] = [
  lazyPattern('api_key', '(?:sk|key|api[_-]?key)[_-][A-Za-z0-9]{16,}', true),
  lazyPattern('bearer_token', 'Bearer\\s+[A-Za-z0-9._\\-]{20,}', true),
  lazyPattern('email', '[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+', false, '@'),
  lazyPattern('ssn', '\\b\\d{3}-\\d{2}-\\d{4}\\b', false, '-'),
];

/** Compiles a user pattern (`NAME=REGEX`, Python syntax) for redaction; throws `PythonRegexError`. */
export function redactionPattern(name: string, source: string, ignoreCase = false): RedactionPattern {
  return {name, pattern: compilePythonPattern(source, {ignoreCase})};
}

/** `sanitize_failure_message`: the redacted text and the names of the patterns that fired. */
export function redact(
  message: string,
  patterns: readonly RedactionPattern[] = DEFAULT_REDACTION_PATTERNS,
): {text: string; redacted: string[]} {
  let text = message;
  const redacted: string[] = [];
  for (const {name, pattern, contains} of patterns) {
    if (contains !== undefined && !text.includes(contains)) continue;
    const replacement = `[REDACTED:${name}]`;
    let count: number;
    try {
      ({text, count} = pattern.replaceAll(text, replacement));
    } catch (error) {
      if (!(error instanceof RegexBudgetError)) throw error;
      text = `${replacement} (${error.message})`;
      count = 1;
    }
    if (count > 0 && !redacted.includes(name)) redacted.push(name);
  }
  return {text, redacted};
}
