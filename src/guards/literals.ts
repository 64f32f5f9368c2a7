// Coercion of guard literal text, quoted or not: Python int(), then float(),
// then exactly `true`/`false`, else the text itself. So `"1"` is the int 1.

import {pyFloat} from '../python/values.js';
import type {GuardLiteral} from './ast.js';
import {parsePyFloat, parsePyInt} from './numbers.js';

export function coerceLiteral(text: string): GuardLiteral {
  const asInt = parsePyInt(text);
  if (asInt !== null) return asInt;
  const asFloat = parsePyFloat(text);
  if (asFloat !== null) return pyFloat(asFloat);
  if (text === 'true') return true;
  if (text === 'false') return false;
  return text;
}
