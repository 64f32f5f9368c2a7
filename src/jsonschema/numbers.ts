// `multipleOf` with Python's arithmetic: float divisors divide and test the
// quotient for integrality (falling back to exact fractions on overflow),
// integer divisors take a remainder, exactly for big integers.

import {PyFloat} from '../python/values.js';
import {isFloatValue, type PyNumber} from './instance.js';

interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

/** The exact rational value of a finite double or integer. */
function toFraction(value: PyNumber): Fraction {
  if (typeof value === 'bigint') return {numerator: value, denominator: 1n};
  const double = value instanceof PyFloat ? value.value : value;
  if (Number.isInteger(double)) return {numerator: BigInt(double), denominator: 1n};
  let denominator = 1n;
  let scaled = double;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    denominator *= 2n;
  }
  return {numerator: BigInt(scaled), denominator};
}

function isWholeQuotient(instance: PyNumber, divisor: PyNumber): boolean {
  const a = toFraction(instance);
  const b = toFraction(divisor);
  if (b.numerator === 0n) return false;
  return (a.numerator * b.denominator) % (a.denominator * b.numerator) === 0n;
}

/** Whether `instance` fails `multipleOf: divisor` as python-jsonschema decides it. */
export function failsMultipleOf(instance: PyNumber, divisor: PyNumber): boolean {
  const x = instance instanceof PyFloat ? instance.value : instance;
  if (isFloatValue(divisor)) {
    const d = divisor instanceof PyFloat ? divisor.value : Number(divisor);
    const quotient = Number(x) / d;
    if (Number.isNaN(quotient)) return true;
    if (!Number.isFinite(quotient)) {
      if (!Number.isFinite(Number(x))) return true;
      return !isWholeQuotient(instance, divisor);
    }
    return Math.trunc(quotient) !== quotient;
  }
  if (typeof x === 'bigint' || typeof divisor === 'bigint') {
    if (typeof x === 'number' && !Number.isInteger(x)) return Number(x) % Number(divisor) !== 0;
    const big = typeof x === 'bigint' ? x : BigInt(x);
    const by = BigInt(divisor as number | bigint);
    return by === 0n || big % by !== 0n;
  }
  const remainder = x % (divisor as number);
  return remainder !== 0;
}
