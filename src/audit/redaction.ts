// Redaction of sensitive data in failure messages, with the reference's
// default patterns (applied in order; every match replaced by
// `[REDACTED:<name>]`).

import {compilePythonRegex} from '../python/regex.js';

export interface RedactionPattern {
  name: string;
  pattern: RegExp;
}

function pattern(name: string, source: string, ignoreCase = false): RedactionPattern {
  const compiled = compilePythonRegex(source, {ignoreCase});
  return {name, pattern: new RegExp(compiled.source, compiled.flags.includes('g') ? compiled.flags : `${compiled.flags}g`)};
}

export const DEFAULT_REDACTION_PATTERNS: readonly RedactionPattern[] = [
  pattern('api_key', '(?:sk|key|api[_-]?key)[_-][A-Za-z0-9]{16,}', true),
  pattern('bearer_token', 'Bearer\\s+[A-Za-z0-9._\\-]{20,}', true),
  pattern('email', '[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+'),
  pattern('ssn', '\\b\\d{3}-\\d{2}-\\d{4}\\b'),
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
  for (const {name, pattern: regex} of patterns) {
    regex.lastIndex = 0;
    if (!regex.test(text)) continue;
    regex.lastIndex = 0;
    text = text.replace(regex, () => `[REDACTED:${name}]`);
    if (!redacted.includes(name)) redacted.push(name);
  }
  return {text, redacted};
}
