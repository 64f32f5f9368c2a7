// `--now`: a fixed clock given as epoch seconds or an ISO-8601 instant.
import {usageError} from './exit-codes.js';

/** Parses `--now`; returns epoch seconds (fractions kept), or undefined when not given. */
export function parseNow(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const millis = Date.parse(text);
    if (!Number.isNaN(millis)) return millis / 1000;
  }
  throw usageError(`--now must be epoch seconds (1700000000) or an ISO-8601 instant (2026-01-01T00:00:00Z), got '${value}'`);
}

/** A clock function for the engine: fixed when `--now` was given, else the real clock. */
export function clockFrom(now: number | undefined): () => number {
  return now === undefined ? () => Math.floor(Date.now() / 1000) : () => Math.floor(now);
}
