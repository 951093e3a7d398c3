// One local Aliyun-compatible server per test file: started before the file's tests, closed
// after them, and wiped before each test so no test sees another's messages or requests.
import { afterAll, beforeAll, beforeEach } from 'vitest';

import { startEmulator, type Emulator, type EmulatorOptions } from '../../tools/emulator/index.js';

/** What else to put back before each test, besides what `reset()` forgets. */
export interface ResetsBeforeEach {
  /** Receipt outcomes tests chose (`reset()` keeps them). */
  readonly receipts?: boolean;
  /** The run's faults (`reset()` drops only queued ones). */
  readonly faults?: boolean;
  /** The server's clock, set back to real time: for files whose tests move it. */
  readonly clock?: boolean;
}

/** One server for the whole file, reset before each test and closed after the last; returns its accessor. */
export function emulatorPerFile(options: EmulatorOptions, resets: ResetsBeforeEach = {}): () => Emulator {
  let running: Emulator | undefined;
  const emulator = (): Emulator => {
    // Module and describe bodies run before beforeAll, so only tests and hooks may call this.
    if (running === undefined) throw new Error('the emulator is not running: it starts in beforeAll');
    return running;
  };

  beforeAll(async () => {
    running = await startEmulator(options);
  });

  afterAll(async () => {
    await running?.close();
  });

  beforeEach(() => {
    emulator().reset();
    if (resets.receipts === true) emulator().clearReceipts();
    if (resets.faults === true) emulator().clearFaults();
    if (resets.clock === true) emulator().clock.set(new Date());
  });

  return emulator;
}
