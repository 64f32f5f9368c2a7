// Reads the reference outcomes recorded by scripts/gen-guard-corpus.py and
// renders this implementation's outcomes in the same shape.

import {readFileSync} from 'node:fs';
import {parseJson} from '../../src/canonical/index.js';
import {AigcError} from '../../src/errors.js';
import {FloatOverflowError} from '../../src/guards/index.js';
import {pyRepr} from '../../src/python/repr.js';
import type {PyDict, PyValue} from '../../src/python/values.js';

/** The reference's outcome: a result's repr, or an error's class, message and details repr. */
export interface Outcome {
  result?: string;
  error?: string;
  message?: string;
  details?: string;
}

export function readCorpus<T>(name: string): {cases: (T & Outcome)[]} & Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../data/guards/${name}`, import.meta.url), 'utf8'));
}

/** Parses JSON text with Python's value model (ints, floats, NaN kept apart). */
export function pyJson(text: string): PyDict {
  return parseJson(text) as PyDict;
}

export function outcomeOf(run: () => PyValue | string): Outcome {
  try {
    const value = run();
    return {result: typeof value === 'string' ? value : pyRepr(value)};
  } catch (error) {
    if (error instanceof AigcError) {
      return {error: error.className, message: error.message, details: pyRepr(error.details as PyDict)};
    }
    if (error instanceof FloatOverflowError) return {error: 'OverflowError', message: error.message};
    throw error;
  }
}

/** Only the fields the reference recorded (so a missing `details` is not compared). */
export function expectedOutcome(recorded: Outcome): Outcome {
  const {result, error, message, details} = recorded;
  return Object.fromEntries(
    Object.entries({result, error, message, details}).filter(([, value]) => value !== undefined),
  ) as Outcome;
}
