// When a failed attempt may be tried again. A verification SMS must never arrive twice, so only
// what provably never reached Aliyun is retried: throttling refused at the gateway, and
// connections that never got as far as writing the request. Everything happens inside the one
// deadline the administrator set with `timeout`.

/** At most this many retries follow the first attempt. */
export const maxRetries = 2;

/** A retry starts only when at least this much of the deadline remains after its backoff. */
export const minimumRemainingMs = 1000;

const backoffBaseMs = 200;

/** What the policy needs to know about the attempt that just failed. */
export type RetryQuestion = {
  /** The failure proves Aliyun did not act on the request. */
  neverProcessed: boolean;
  /** Retries already made before this decision. */
  retriesDone: number;
  /** Milliseconds left before the send's deadline. */
  remainingMs: number;
  /** A number in [0, 1) for the jitter. */
  random: number;
};

/** The policy's answer: retry after a delay, or stop and report the last failure. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/** Jittered exponential backoff: half to all of 200 ms, 400 ms, … so Logto instances do not retry in lockstep. */
export const backoffMs = (retriesDone: number, random: number): number =>
  Math.round(backoffBaseMs * 2 ** retriesDone * (0.5 + random / 2));

/** Decides whether to retry a failed attempt. */
export const decideRetry = ({ neverProcessed, retriesDone, remainingMs, random }: RetryQuestion): RetryDecision => {
  if (!neverProcessed || retriesDone >= maxRetries) {
    return { retry: false };
  }
  const delayMs = backoffMs(retriesDone, random);
  return remainingMs - delayMs >= minimumRemainingMs ? { retry: true, delayMs } : { retry: false };
};
