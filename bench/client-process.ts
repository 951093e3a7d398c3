// One client (baseline, ours or official) over one transport, in a process of its own: every
// client gets the same fresh runtime, and none shares its event loop with the emulator or with
// another client. Started by bench/index.ts as `client-process.ts <client> <transport> <emulator URL>`;
// answers each `run` with what it measured.
import { subscribe } from 'node:diagnostics_channel';

import { createSender, type Sender } from './clients.js';
import { checkLoopbackRoute, routeAliyunToLoopback } from './loopback-dns.js';
import { toClientSchema, type FromClient, type RunCommand } from './protocol.js';
import { aliyunEndpoint, aliyunHttpsPort, isClientName, isTransport } from './scenario.js';

// tsx turns on source-mapped stack traces, which make every `new Error` slower; Logto runs
// connectors without them, so the measured clients must too.
process.setSourceMapsEnabled(false);

const post = (message: FromClient): void => {
  process.send?.(message);
};

const describe = (error: unknown): string => {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 300);
};

// Every socket that carried a response: with keep-alive about `concurrency` per run, without
// it one per send.
const socketsSeen = new Set<unknown>();
subscribe('http.client.response.finish', (message: unknown) => {
  const request: unknown = typeof message === 'object' && message !== null ? Reflect.get(message, 'request') : undefined;
  const socket: unknown = typeof request === 'object' && request !== null ? Reflect.get(request, 'socket') : undefined;
  if (socket !== undefined && socket !== null) {
    socketsSeen.add(socket);
  }
});

const run = async (sender: Sender, { concurrency, warmupMs, durationMs }: RunCommand): Promise<FromClient> => {
  socketsSeen.clear();
  const windowStart = performance.now() + warmupMs;
  const windowEnd = windowStart + durationMs;
  let started = 0;
  let succeeded = 0;
  let failed = 0;
  let firstError: string | undefined;
  // The window opens and closes on completions, so that it holds whole sends only:
  // rate = completions after the opening one, up to the closing one, over the time between.
  let openedAt: number | undefined;
  let openedCpu: NodeJS.CpuUsage | undefined;
  let closedAt: number | undefined;
  let windowCpuMicros = 0;
  let windowCompleted = 0;
  let stop = false;

  const lane = async (): Promise<void> => {
    while (!stop && performance.now() < windowEnd) {
      started += 1;
      try {
        await sender.send();
        succeeded += 1;
      } catch (error: unknown) {
        failed += 1;
        firstError ??= describe(error);
        stop = true;
        return;
      }
      const done = performance.now();
      if (openedAt === undefined) {
        if (done >= windowStart) {
          openedAt = done;
          openedCpu = process.cpuUsage();
        }
      } else if (closedAt === undefined) {
        windowCompleted += 1;
        if (done >= windowEnd) {
          closedAt = done;
          const cpu = process.cpuUsage(openedCpu);
          windowCpuMicros = cpu.user + cpu.system;
        }
      }
    }
  };

  await Promise.all(Array.from({ length: concurrency }, lane));
  const connections = socketsSeen.size;
  socketsSeen.clear();
  sender.closeIdle();
  return {
    type: 'result',
    started,
    succeeded,
    failed,
    firstError,
    windowCompleted,
    windowMs: openedAt !== undefined && closedAt !== undefined ? closedAt - openedAt : 0,
    windowCpuMicros,
    connections,
  };
};

const start = async (): Promise<Sender> => {
  const [name, transport, emulatorUrl] = process.argv.slice(2);
  if (!isClientName(name) || !isTransport(transport) || emulatorUrl === undefined) {
    throw new Error(`usage: client-process.ts <client> <transport> <emulator URL>, got ${process.argv.slice(2).join(' ')}`);
  }
  routeAliyunToLoopback();
  if (transport === 'https') {
    await checkLoopbackRoute(aliyunHttpsPort);
  }
  return createSender(name, new URL(transport === 'https' ? aliyunEndpoint : emulatorUrl));
};

try {
  const sender = await start();
  // Runs are strictly one after another: the bench waits for each result before the next command.
  let busy = Promise.resolve();
  process.on('message', (raw: unknown) => {
    const parsed = toClientSchema.safeParse(raw);
    if (!parsed.success) {
      post({ type: 'fatal', message: `unexpected message ${JSON.stringify(raw)}` });
      return;
    }
    const command = parsed.data;
    if (command.type === 'stop') {
      process.disconnect();
      return;
    }
    busy = busy.then(async () => {
      post(await run(sender, command));
    });
  });
  // The bench went away: leave too, even with sockets still open.
  process.on('disconnect', () => {
    process.exit(0);
  });
  post({ type: 'ready' });
} catch (error: unknown) {
  post({ type: 'fatal', message: describe(error) });
  process.exitCode = 1;
  process.disconnect();
}
