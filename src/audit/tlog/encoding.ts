// The text encodings the C2SP formats share: standard base64 (RFC 4648 §4,
// padded, canonical), ASCII decimals without leading zeroes, and key names.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;
/** Unicode White_Space (what Go's unicode.IsSpace tests) or a plus sign. */
const NOT_IN_KEY_NAME = /[\p{White_Space}+]/u;

/**
 * The bytes of standard, padded base64 `text`, or null when it is not exactly
 * that: Node's decoder skips what it does not understand, so the text is
 * checked first and re-encoded (non-zero padding bits are refused too).
 */
export function decodeBase64(text: string): Buffer | null {
  if (!BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A non-negative ASCII decimal with no leading zeroes, as a safe integer; null otherwise. */
export function parseDecimal(text: string): number | null {
  if (!DECIMAL.test(text) || text.length > 16) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** signed-note: key names are non-empty and hold no Unicode space and no `+`. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && name.isWellFormed() && !NOT_IN_KEY_NAME.test(name);
}

/** `name` quoted for a one-line message: control characters never reach a terminal. */
export function quoted(text: string, limit = 80): string {
  const shown = text.length > limit ? `${text.slice(0, limit)}…` : text;
  return JSON.stringify(shown);
}
