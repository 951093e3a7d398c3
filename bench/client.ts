// One client in a process of its own: process.cpuUsage() then counts that client's work and
// nothing else, every client starts from the same fresh runtime, and none shares an event loop
// with the server. Started by bench/index.ts as `client.ts <client> <port>`; answers
// each command with what it measured.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

import { createSender, type Sender } from './senders.js';
import { toClientSchema, type FromClient, type MemoryCommand, type PrimeCommand, type RunCommand, type ToClient } from './protocol.js';
import { clientNames, isClientName, phoneNumber } from './scenario.js';

// tsx turns on source-mapped stack traces, which make every `new Error` slower; Logto runs
// connectors without them, so the measured clients must too.
process.setSourceMapsEnabled(false);

const post = (message: FromClient): void => {
  process.send?.(message);
};

const describe = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);

/** A GC when the process has --expose-gc, so that one run's garbage is not the next one's cost. */
const collect = (): boolean => {
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc !== 'function') {
    return false;
  }
  Reflect.apply(gc, globalThis, []);
  return true;
};

/** The machine's CPU counters (all cores, Linux /proc/stat), to see how much else ran meanwhile. */
const machineTicks = (): { busy: number; total: number } | undefined => {
  let line: string | undefined;
  try {
    line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  } catch {
    return undefined;
  }
  // cpu  user nice system idle iowait irq softirq steal …: idle and iowait are the idle ones.
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = (line ?? '')
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
};

/** Nearest-rank percentile of ascending `sorted`; 0 for none (IPC would turn NaN into null). */
const percentile = (sorted: Float64Array, fraction: number): number =>
  sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? 0;

type Loop = {
  sender: Sender;
  clientIndex: number;
  sent: number;
};

/**
 * Keeps `concurrency` sends in flight until `until()` says stop; `onDone` sees each completed
 * send's start and end, and whether it was the first its lane completed. Resolves once every
 * started send has ended.
 */
const closedLoop = async (
  loop: Loop,
  concurrency: number,
  until: () => boolean,
  onDone: (startedAt: number, endedAt: number, firstOfLane: boolean) => void
): Promise<{ started: number; succeeded: number; failed: number; firstError?: string }> => {
  let started = 0;
  let succeeded = 0;
  let failed = 0;
  let firstError: string | undefined;
  const lane = async (): Promise<void> => {
    let completed = 0;
    while (failed === 0 && !until()) {
      const phone = phoneNumber(loop.clientIndex, loop.sent);
      loop.sent += 1;
      started += 1;
      const startedAt = performance.now();
      try {
        await loop.sender.send(phone);
      } catch (error: unknown) {
        failed += 1;
        firstError ??= describe(error);
        return;
      }
      succeeded += 1;
      completed += 1;
      onDone(startedAt, performance.now(), completed === 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { started, succeeded, failed, ...(firstError === undefined ? {} : { firstError }) };
};

/**
 * One measured run. The window opens once the warm-up time has passed and every lane has
 * completed a send (so every connection is up, however slow the handshakes were), and closes
 * `durationMs` later; a send counts when it completes inside it.
 */
const run = async (loop: Loop, { concurrency, warmupMs, durationMs }: RunCommand): Promise<FromClient> => {
  collect();
  const latencies: number[] = [];
  let warmupOver = false;
  let warmLanes = 0;
  let cpuAtOpen: NodeJS.CpuUsage | undefined;
  let cpuMicros = 0;
  let ticksAtOpen: ReturnType<typeof machineTicks>;
  let machineBusyCores: number | undefined;
  let openedAt = 0;
  let closedAt = 0;
  let closer: NodeJS.Timeout | undefined;
  const close = (): void => {
    closedAt = performance.now();
    const cpu = process.cpuUsage(cpuAtOpen);
    cpuMicros = cpu.user + cpu.system;
    const ticks = machineTicks();
    if (ticks !== undefined && ticksAtOpen !== undefined && ticks.total > ticksAtOpen.total) {
      machineBusyCores = (availableParallelism() * (ticks.busy - ticksAtOpen.busy)) / (ticks.total - ticksAtOpen.total);
    }
  };
  const openWhenWarm = (): void => {
    if (openedAt === 0 && warmupOver && warmLanes === concurrency) {
      ticksAtOpen = machineTicks();
      openedAt = performance.now();
      cpuAtOpen = process.cpuUsage();
      closer = setTimeout(close, durationMs);
    }
  };
  const opener = setTimeout(() => {
    warmupOver = true;
    openWhenWarm();
  }, warmupMs);
  const outcome = await closedLoop(
    loop,
    concurrency,
    // Only the closing timer ends the loop, so the window always closes with every lane busy.
    () => closedAt !== 0,
    (startedAt, endedAt, firstOfLane) => {
      if (openedAt !== 0 && closedAt === 0) {
        latencies.push(endedAt - startedAt);
      } else if (firstOfLane) {
        warmLanes += 1;
        openWhenWarm();
      }
    }
  );
  clearTimeout(opener);
  clearTimeout(closer);
  loop.sender.closeIdle();
  const sorted = Float64Array.from(latencies).sort();
  return {
    type: 'run',
    ...outcome,
    windowSends: sorted.length,
    windowMs: Math.max(0, closedAt - openedAt),
    cpuMicros,
    ...(machineBusyCores === undefined ? {} : { machineBusyCores }),
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
  };
};

/** Keeps `concurrency` sends in flight until exactly `sends` have started. */
const fixedCount = async (loop: Loop, concurrency: number, sends: number): ReturnType<typeof closedLoop> => {
  let remaining = sends;
  return closedLoop(
    loop,
    concurrency,
    () => {
      remaining -= 1;
      return remaining < 0;
    },
    () => undefined
  );
};

const memory = async (loop: Loop, { concurrency, warmupSends, sends }: MemoryCommand): Promise<FromClient> => {
  // Node's heap and allocator grow during a fresh process's first few thousand sends: the
  // reading must start after that, or it would report warm-up as growth.
  const warmup = await fixedCount(loop, concurrency, warmupSends);
  loop.sender.closeIdle();
  const collected = collect();
  const before = process.memoryUsage();
  const measured = warmup.failed > 0 ? { started: 0, succeeded: 0, failed: 0 } : await fixedCount(loop, concurrency, sends);
  loop.sender.closeIdle();
  collect();
  const after = process.memoryUsage();
  return {
    type: 'memory',
    started: warmup.started + measured.started,
    succeeded: warmup.succeeded + measured.succeeded,
    failed: warmup.failed + measured.failed,
    ...(warmup.firstError === undefined ? {} : { firstError: warmup.firstError }),
    ...(measured.firstError === undefined ? {} : { firstError: measured.firstError }),
    rssBeforeBytes: before.rss,
    rssAfterBytes: after.rss,
    heapBeforeBytes: before.heapUsed,
    heapAfterBytes: after.heapUsed,
    collected,
  };
};

/** The first sends of a fresh process, unmeasured by the rounds: what they cost is reported on its own. */
const prime = async (loop: Loop, { concurrency, sends }: PrimeCommand): Promise<FromClient> => {
  const cpuAtStart = process.cpuUsage();
  const outcome = await fixedCount(loop, concurrency, sends);
  const cpu = process.cpuUsage(cpuAtStart);
  loop.sender.closeIdle();
  return { type: 'prime', ...outcome, cpuMicros: cpu.user + cpu.system };
};

const perform = async (loop: Loop, command: ToClient): Promise<FromClient> => {
  switch (command.type) {
    case 'run': {
      return run(loop, command);
    }
    case 'memory': {
      return memory(loop, command);
    }
    case 'prime': {
      return prime(loop, command);
    }
  }
};

const start = async (): Promise<Loop> => {
  const [name, port] = process.argv.slice(2);
  if (!isClientName(name) || !Number.isInteger(Number(port))) {
    throw new Error(`usage: client.ts <client> <port>, got ${process.argv.slice(2).join(' ')}`);
  }
  // Each client draws its numbers from a range of its own.
  const clientIndex = clientNames.indexOf(name);
  return { sender: await createSender(name, Number(port)), clientIndex, sent: 0 };
};

try {
  const loop = await start();
  // The bench sends one command at a time and waits for its answer.
  process.on('message', (raw: unknown) => {
    const parsed = toClientSchema.safeParse(raw);
    if (!parsed.success) {
      post({ type: 'fatal', message: `unexpected message ${JSON.stringify(raw)}` });
      return;
    }
    void perform(loop, parsed.data).then(post, (error: unknown) => {
      post({ type: 'fatal', message: describe(error) });
    });
  });
  post({ type: 'ready' });
} catch (error: unknown) {
  post({ type: 'fatal', message: describe(error) });
}
// The bench is done, or gone: leave, even with sockets still open.
process.on('disconnect', () => {
  process.exit(0);
});
