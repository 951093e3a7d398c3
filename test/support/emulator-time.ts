// Waiting in tests against the local server without waiting: sleeps move an offset the calls'
// deadline clock reads and the server's clock alike, so a minute's wait takes a moment and
// Aliyun-side times (receipts' delays, signed timestamps) still agree with the connector's.
import type { CallRuntime } from '../../src/aliyun/rpc/call.js';
import type { Emulator } from '../../tools/emulator/index.js';

/** A runtime's clocks and sleep whose sleeps advance both the deadline clock and the server's clock; `waited` is the time slept so far. */
export function sleepsOnEmulatorClock(emulator: () => Emulator): {
  readonly clocks: Pick<CallRuntime, 'elapsed' | 'now' | 'sleep'>;
  readonly waited: () => number;
} {
  let offset = 0;
  return {
    clocks: {
      elapsed: () => performance.now() + offset,
      now: () => emulator().clock.now(),
      sleep: async (milliseconds) => {
        offset += milliseconds;
        emulator().clock.advance(milliseconds);
        return Promise.resolve();
      },
    },
    waited: () => offset,
  };
}
