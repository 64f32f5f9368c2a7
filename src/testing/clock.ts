// Fixed clocks written in suites and fixtures: Unix epoch seconds, or an
// ISO-8601 date or date-time (UTC when no offset is given).

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})(?:[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Epoch seconds of a fixed clock value, or undefined when the text is not an instant. */
export function epochSecondsOf(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const match = ISO_INSTANT.exec(value.trim());
  if (!match) return undefined;
  const [, date, time, zone] = match;
  let offset = 'Z';
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offset = `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2) || '00'}`;
  }
  // Date.parse rolls 2026-02-30 over into March; a calendar date must exist as written.
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) return undefined;
  const millis = Date.parse(`${date}T${time ?? '00:00:00'}${offset}`);
  return Number.isNaN(millis) ? undefined : millis / 1000;
}

/** A clock function for the engine that always answers the given instant (whole seconds, like the reference's `int(time.time())`). */
export function fixedClock(epochSeconds: number): () => number {
  const seconds = Math.floor(epochSeconds);
  return () => seconds;
}
