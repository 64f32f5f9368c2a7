// Redaction of sensitive data in failure messages, with the reference's
// default patterns (applied in order; every match replaced by
// `[REDACTED:<name>]`).

import {compilePythonRegex} from '../python/regex.js';

export interface RedactionPattern {
  name: string;
  pattern: RegExp;
  /** A text every match contains: a message without it is not searched (a quick check before the regex). */
  contains?: string;
}

function compileGlobal(source: string, ignoreCase: boolean): RegExp {
  const compiled = compilePythonRegex(source, {ignoreCase});
  return new RegExp(compiled.source, compiled.flags.includes('g') ? compiled.flags : `${compiled.flags}g`);
}

function pattern(name: string, source: string, ignoreCase = false): RedactionPattern {
  return {name, pattern: compileGlobal(source, ignoreCase)};
}

/** A default pattern compiled when first used, so start-up pays nothing for it. */
function lazyPattern(name: string, source: string, ignoreCase: boolean, contains?: string): RedactionPattern {
  let compiled: RegExp | undefined;
  return {
    name,
    contains,
    get pattern(): RegExp {
      compiled ??= compileGlobal(source, ignoreCase);
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

/** Compiles a user pattern (`NAME=REGEX`, Python syntax) for redaction. */
export function redactionPattern(name: string, source: string, ignoreCase = false): RedactionPattern {
  return pattern(name, source, ignoreCase);
}

/** `sanitize_failure_message`: the redacted text and the names of the patterns that fired. */
export function redact(
  message: string,
  patterns: readonly RedactionPattern[] = DEFAULT_REDACTION_PATTERNS,
): {text: string; redacted: string[]} {
  let text = message;
  const redacted: string[] = [];
  for (const {name, pattern: regex, contains} of patterns) {
    if (contains !== undefined && !text.includes(contains)) continue;
    regex.lastIndex = 0;
    if (!regex.test(text)) continue;
    regex.lastIndex = 0;
    text = text.replace(regex, () => `[REDACTED:${name}]`);
    if (!redacted.includes(name)) redacted.push(name);
  }
  return {text, redacted};
}
