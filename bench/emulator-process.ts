// The emulator, in a process of its own so that its CPU work does not share an event loop (or,
// on a two-core machine, a core) with the client being measured. Started by bench/index.ts over
// IPC; answers `tally` (what it judged since the last tally, then forgets it) and `stop`.
import { DEMO_ACCOUNT, startEmulator } from '../tools/emulator/index.js';
import { toEmulatorSchema, type FromEmulator, type TlsFrontStatus } from './protocol.js';
import { startTlsFront, type TlsFront } from './tls-front.js';

// tsx turns on source-mapped stack traces; a deployed server runs without them.
process.setSourceMapsEnabled(false);

const post = (message: FromEmulator): void => {
  process.send?.(message);
};

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const emulator = await startEmulator({ rateLimits: false, accounts: [DEMO_ACCOUNT] });

let front: TlsFront | undefined;
let tls: TlsFrontStatus;
try {
  front = await startTlsFront(emulator.url);
  tls = { available: true, port: front.port, caFile: front.caFile };
} catch (error: unknown) {
  tls = { available: false, reason: describe(error) };
}

let cpuMark = process.cpuUsage();
let wallMark = performance.now();

const tally = (): FromEmulator => {
  const refusedCodes = new Set<string>();
  let refused = 0;
  for (const request of emulator.requests) {
    if (request.verdict.code !== 'OK') {
      refused += 1;
      refusedCodes.add(request.verdict.code);
    }
  }
  const cpu = process.cpuUsage(cpuMark);
  const now = performance.now();
  const result: FromEmulator = {
    type: 'tally',
    requests: emulator.requests.length,
    accepted: emulator.messages.length,
    refused,
    refusedCodes: [...refusedCodes].slice(0, 5),
    cpuMicros: cpu.user + cpu.system,
    wallMs: now - wallMark,
  };
  // Forgetting after each run keeps the emulator's memory (and GC work) flat across the bench.
  emulator.reset();
  cpuMark = process.cpuUsage();
  wallMark = now;
  return result;
};

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) {
    return;
  }
  stopping = true;
  await Promise.all([emulator.close(), front?.close()]);
  if (process.connected) {
    process.disconnect();
  }
};

process.on('message', (raw: unknown) => {
  const parsed = toEmulatorSchema.safeParse(raw);
  if (!parsed.success) {
    process.stderr.write(`emulator process: unexpected message ${JSON.stringify(raw)}\n`);
    return;
  }
  if (parsed.data.type === 'tally') {
    post(tally());
  } else {
    void stop();
  }
});
// The bench went away (crash, Ctrl+C): do not outlive it.
process.on('disconnect', () => {
  void stop();
});

post({ type: 'ready', url: emulator.url, tls });
