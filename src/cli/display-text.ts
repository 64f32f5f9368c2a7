// The one place text from input is made safe to show people: C0 and C1
// control characters, DEL, bidirectional overrides and isolates and the
// Unicode line separators are written as visible escapes (`\x1b`, `\u202e`),
// so a file name, a suite name or an artifact field cannot move the cursor,
// retitle the terminal, hide text or reorder a line. Human reports get a copy
// of their report model made with `displayCopy` before they format it (see
// reporters/registry.ts), and stderr lines pass through `displayText`
// (diagnostics.ts). Machine formats (JSON, SARIF, JUnit XML, lcov) keep exact
// values, escaped by their own writers.

// Line feed and tab are layout, and a carriage return before a line feed is a
// line end; every other control character is shown.
const UNSAFE = /\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = new RegExp(UNSAFE.source);

/** `text` with every control character from input spelt as an escape. */
export function displayText(text: string): string {
  if (!UNSAFE_TEST.test(text)) return text;
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * A copy of a report model with `displayText` applied to every string in it
 * (keys too), through plain objects and arrays; other objects (a Map, a class
 * instance, a Buffer) are kept as they are. A model holding no such text is
 * returned unchanged.
 */
export function displayCopy<T>(value: T): T {
  return copied(value, new Map()) as T;
}

function copied(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value === 'string') return displayText(value);
  if (typeof value !== 'object' || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const shown = copied(item, seen);
      if (shown !== item) {
        copy ??= value.slice();
        copy[index] = shown;
      }
    });
    seen.set(value, copy ?? value);
    return copy ?? value;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, item, displayText(key), copied(item, seen)] as const);
  let copy: Record<string, unknown> | undefined;
  if (entries.some(([key, item, shownKey, shown]) => shownKey !== key || shown !== item)) {
    copy = Object.create(prototype) as Record<string, unknown>;
    for (const [, , shownKey, shown] of entries) copy[shownKey] = shown;
  }
  seen.set(value, copy ?? value);
  return copy ?? value;
}
