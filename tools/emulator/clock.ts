/** A clock the emulator reads for timestamps, the signature window and rate limits. */
export interface Clock {
  /** The emulator's current time. */
  now(): Date;
  /** Moves the clock forward (or back, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void;
  /** Makes the clock read `date` now; it keeps running from there. */
  set(date: Date): void;
}

/**
 * Creates a clock that runs with real time plus an offset, so a command-line server stays
 * current while tests can still jump minutes or days without waiting.
 */
export function createClock(initial?: Date): Clock {
  let offsetMs = 0;
  const clock: Clock = {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms) => {
      if (!Number.isFinite(ms)) throw new RangeError(`clock.advance needs a finite number of ms, got ${ms}`);
      offsetMs += ms;
    },
    set: (date) => {
      const target = date.getTime();
      if (Number.isNaN(target)) throw new RangeError('clock.set needs a valid Date');
      offsetMs = target - Date.now();
    },
  };
  if (initial !== undefined) clock.set(initial);
  return clock;
}
