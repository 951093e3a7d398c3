/** One frequency rule: at most `permits` accepted sends within `windowMs`. */
export interface RateRule {
  readonly windowMs: number;
  readonly permits: number;
  /** Aliyun's Message when the rule trips. */
  readonly message: string;
}

/** Aliyun's per-number, per-sign-name limits for verification codes: 1/minute, 5/hour, 10/day. */
export const VERIFICATION_CODE_RULES: readonly RateRule[] = [
  { windowMs: 60_000, permits: 1, message: '触发分钟级流控Permits:1' },
  { windowMs: 3_600_000, permits: 5, message: '触发小时级流控Permits:5' },
  { windowMs: 86_400_000, permits: 10, message: '触发天级流控Permits:10' },
];

/**
 * SendSmsVerifyCode's per-number limits beyond its Interval (default 60 s, FREQUENCY_FAIL):
 * 5/hour and 10/day, answered BUSINESS_LIMIT_CONTROL. Aliyun documents Dysmsapi's verification
 * limits; the emulator applies the same to Dypnsapi, whose own defaults are not published.
 */
export const MESSAGE_AUTH_RULES: readonly RateRule[] = VERIFICATION_CODE_RULES.slice(1);

/**
 * Sliding-window counters per key (number + sign name). Windows slide rather than reset at
 * midnight: stricter than a calendar day, and independent of the time zone.
 */
export class RateLimiter {
  private readonly sends = new Map<string, number[]>();
  private readonly longestWindowMs: number;

  constructor(private readonly rules: readonly RateRule[] = VERIFICATION_CODE_RULES) {
    this.longestWindowMs = Math.max(0, ...rules.map((rule) => rule.windowMs));
  }

  /** The first rule another send at `nowMs` would break, if any. */
  breached(key: string, nowMs: number): RateRule | undefined {
    const times = this.prune(key, nowMs);
    return this.rules.find((rule) => times.filter((time) => nowMs - time < rule.windowMs).length >= rule.permits);
  }

  /** When the last counted send for `key` was, if still within the longest window. */
  lastAt(key: string, nowMs: number): number | undefined {
    return this.prune(key, nowMs).at(-1);
  }

  /** Counts an accepted send. */
  record(key: string, nowMs: number): void {
    this.prune(key, nowMs).push(nowMs);
  }

  /** Forgets every send. */
  clear(): void {
    this.sends.clear();
  }

  private prune(key: string, nowMs: number): number[] {
    const kept = (this.sends.get(key) ?? []).filter((time) => nowMs - time < this.longestWindowMs);
    this.sends.set(key, kept);
    return kept;
  }
}
