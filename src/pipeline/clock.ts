// The clock of enforcement: whole epoch seconds, as the reference's
// `int(time.time())`; the system's unless a fixed instant is given.

export type Clock = () => number;

/** The system clock, in whole epoch seconds. */
export const systemClock: Clock = () => Math.floor(Date.now() / 1000);

/** A clock fixed at `now` (its whole seconds), or the system clock when `now` is undefined. */
export function clockAt(now: number | undefined): Clock {
  return now === undefined ? systemClock : () => Math.floor(now);
}
