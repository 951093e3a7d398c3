// Waiting for a receipt: ask about once a second, on every date the send may be filed under,
// until the receipt is final or the budget is spent. Pure: the lookup, clocks and sleep are given.
import type { Lookup, Receipt } from '../aliyun/receipt-query.js';

/** How a wait for a receipt ended. */
export type PollResult =
  | (Extract<Receipt, { state: 'delivered' | 'failed' }> & { lookups: number })
  | { state: 'denied'; lookups: number }
  /** No final receipt within the budget; `problem` says why a lookup failed, if the last one did. */
  | { state: 'pending'; lookups: number; problem: string | undefined };

/** What the poller needs. */
export type PollOptions = {
  /** Asks for the receipt filed under one date, within `timeoutMs`. */
  lookUp: (sendDate: string, timeoutMs: number) => Promise<Lookup>;
  /** The dates to ask, re-read every round (the wait may cross midnight in Beijing). */
  sendDates: () => string[];
  budgetMs: number;
  intervalMs: number;
  /** Monotonic milliseconds. */
  elapsed: () => number;
  sleep: (milliseconds: number) => Promise<void>;
};

/** Aliyun's receipts usually arrive within seconds: once a second sees one soon without flooding. */
export const pollIntervalMs = 1000;

// Below this a lookup could not even connect.
const minimumLookupMs = 200;

/** Waits for a final receipt within the budget; a permission denial ends the wait at once. */
export const pollReceipt = async (options: PollOptions): Promise<PollResult> => {
  const started = options.elapsed();
  const remaining = () => options.budgetMs - (options.elapsed() - started);
  let lookups = 0;
  let problem: string | undefined;
  for (;;) {
    for (const date of options.sendDates()) {
      if (remaining() < minimumLookupMs) {
        break;
      }
      lookups += 1;
      const found = await options.lookUp(date, remaining());
      if (found.state === 'delivered' || found.state === 'failed') {
        return { ...found, lookups };
      }
      if (found.state === 'denied') {
        return { state: 'denied', lookups };
      }
      problem = found.state === 'unavailable' ? found.detail : undefined;
      // A record found under this date is the message: the other date cannot hold it.
      if (found.state === 'pending') {
        break;
      }
    }
    // The last round is timed to end near the budget rather than leave most of a second unused.
    const pause = Math.min(options.intervalMs, remaining() - minimumLookupMs);
    if (pause <= 0) {
      return { state: 'pending', lookups, problem };
    }
    await options.sleep(pause);
  }
};
