// `npm run bench`: completed SendSms per second against the local emulator, for a minimal
// hand-written keep-alive client (the baseline), our built connector and the official one, at 1
// and 32 sends in flight. Each number is read against the baseline measured in the same run.
// See bench/README.md.
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { Child } from './children.js';
import { ourBuild } from './clients.js';
import {
  fromClientSchema,
  fromEmulatorSchema,
  type FromClient,
  type FromEmulator,
  type RunCommand,
  type Tally,
  type TlsFrontStatus,
  type ToClient,
  type ToEmulator,
} from './protocol.js';
import { cellKey, renderTable, type Cell, type Sample } from './report.js';
import { aliyunEndpoint, aliyunHttpsPort, type ClientName, type Transport } from './scenario.js';

const concurrencies = [1, 32] as const;
/** Unmeasured sends each client makes first, so that every measured round finds it warmed up. */
const prime = { concurrency: 8, durationMs: 1000 } as const;

const readOptions = (): { rounds: number; warmupMs: number; durationMs: number } => {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '500' },
      duration: { type: 'string', default: '2000' },
    },
    strict: true,
  });
  const whole = (name: string, text: string, min: number): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) {
      throw new Error(`--${name} must be a whole number ≥ ${min}, got ${text}`);
    }
    return value;
  };
  return {
    rounds: whole('rounds', values.rounds, 1),
    warmupMs: whole('warmup', values.warmup, 0),
    durationMs: whole('duration', values.duration, 100),
  };
};

/** Warns when lib/ is older than src/: the bench measures the build, not the sources. */
const staleBuildWarning = (): string | undefined => {
  const built = statSync(ourBuild, { throwIfNoEntry: false });
  if (built === undefined) {
    throw new Error(`${ourBuild} is missing: run \`npm run build\` first (npm run bench does)`);
  }
  const sourceDirectory = fileURLToPath(new URL('../src/', import.meta.url));
  const newer = readdirSync(sourceDirectory, { recursive: true, encoding: 'utf8' }).filter(
    (file) =>
      file.endsWith('.ts') && !file.endsWith('.test.ts') && statSync(join(sourceDirectory, file)).mtimeMs > built.mtimeMs
  );
  return newer.length > 0 ? `warning: lib/ is older than ${newer.join(', ')}: run npm run build` : undefined;
};

type Client = Child<ToClient, FromClient>;
type Emulator = Child<ToEmulator, FromEmulator>;

const readyTimeoutMs = 30_000;

const expectTally = async (emulator: Emulator): Promise<Tally> => {
  emulator.send({ type: 'tally' });
  const reply = await emulator.next(10_000);
  if (reply.type !== 'tally') {
    throw new Error(`emulator: expected a tally, got ${reply.type}`);
  }
  return reply;
};

/** One run of one client, cross-checked with what the emulator accepted. */
const measure = async (
  client: Client,
  emulator: Emulator,
  command: RunCommand
): Promise<{ sendsPerSecond: number; cpuPerSend: number; emulatorCpuShare: number; connections: number }> => {
  client.send(command);
  const reply = await client.next(command.warmupMs + command.durationMs + 30_000);
  const tally = await expectTally(emulator);
  if (reply.type !== 'result') {
    throw new Error(`${client.label}: ${reply.type === 'fatal' ? reply.message : 'expected a result'}`);
  }
  const what = `${client.label}, ${command.concurrency} in flight`;
  if (reply.failed > 0) {
    throw new Error(`${what}: a send failed: ${reply.firstError ?? 'no details'}`);
  }
  if (tally.refused > 0) {
    throw new Error(`${what}: the emulator refused ${tally.refused} request(s): ${tally.refusedCodes.join(', ')}`);
  }
  // Every send the client counted as done must be an SMS the emulator accepted, and nothing more.
  if (tally.accepted !== reply.succeeded || tally.requests !== reply.started) {
    throw new Error(
      `${what}: the client completed ${reply.succeeded} of ${reply.started} sends, the emulator judged ${tally.requests} and accepted ${tally.accepted}`
    );
  }
  if (reply.windowCompleted === 0 || reply.windowMs <= 0) {
    throw new Error(`${what}: nothing completed inside the measured window`);
  }
  return {
    sendsPerSecond: (reply.windowCompleted * 1000) / reply.windowMs,
    cpuPerSend: reply.windowCpuMicros / reply.windowCompleted,
    emulatorCpuShare: tally.cpuMicros / 1000 / tally.wallMs,
    connections: reply.connections,
  };
};

const startEmulatorProcess = async (): Promise<{
  emulator: Emulator;
  url: string;
  tls: TlsFrontStatus;
}> => {
  const emulator: Emulator = new Child({
    script: './emulator-process.ts',
    args: [],
    label: 'emulator',
    schema: fromEmulatorSchema,
  });
  const ready = await emulator.next(readyTimeoutMs);
  if (ready.type !== 'ready') {
    throw new Error('emulator: expected ready');
  }
  return { emulator, url: ready.url, tls: ready.tls };
};

const startClient = (cell: Omit<Cell, 'concurrency'>, emulatorUrl: string, caFile: string | undefined): Client =>
  new Child({
    script: './client-process.ts',
    args: [cell.client, cell.transport, emulatorUrl],
    label: `${cell.client} over ${cell.transport}`,
    schema: fromClientSchema,
    // The bench's certificate for dysmsapi.aliyuncs.com, trusted the way an operator would.
    env: caFile === undefined ? {} : { NODE_EXTRA_CA_CERTS: caFile },
  });

const main = async (): Promise<number> => {
  const options = readOptions();
  const warning = staleBuildWarning();
  const runMs = options.warmupMs + options.durationMs;
  const lineups: Array<Omit<Cell, 'concurrency'>> = [];

  // Everything is bounded: whatever hangs, the bench ends.
  const estimateMs = 20_000 + 5 * (prime.durationMs + 500) + options.rounds * 10 * (runMs + 300);
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: still running after ${Math.round(estimateMs / 1000) * 2} s, giving up\n`);
    Child.killAll();
    process.exit(1);
  }, estimateMs * 2);
  watchdog.unref();

  const { emulator, url, tls } = await startEmulatorProcess();
  const clients = new Map<string, Client>();
  try {
    const notes: string[] = [];
    const transportsRun: Transport[] = ['http'];
    if (tls.available) {
      transportsRun.push('https');
    } else {
      notes.push(
        `https rows (and so the official connector) skipped: the TLS front for ${aliyunEndpoint} could not listen on 127.0.0.1:${aliyunHttpsPort} (${tls.reason}).`,
        'The official connector only sends to that URL; run as root, or allow the port (Linux: sysctl net.ipv4.ip_unprivileged_port_start=443), to measure it.'
      );
    }
    for (const transport of transportsRun) {
      const names: ClientName[] = transport === 'https' ? ['baseline', 'ours', 'official'] : ['baseline', 'ours'];
      lineups.push(...names.map((client) => ({ transport, client })));
    }

    for (const lineup of lineups) {
      const client = startClient(lineup, url, tls.available ? tls.caFile : undefined);
      clients.set(`${lineup.transport}/${lineup.client}`, client);
    }
    const clientOf = (cell: Omit<Cell, 'concurrency'>): Client => {
      const client = clients.get(`${cell.transport}/${cell.client}`);
      if (client === undefined) {
        throw new Error(`no process for ${cell.client} over ${cell.transport}`);
      }
      return client;
    };
    for (const lineup of lineups) {
      const ready = await clientOf(lineup).next(readyTimeoutMs);
      if (ready.type !== 'ready') {
        throw new Error(`${clientOf(lineup).label}: ${ready.type === 'fatal' ? ready.message : 'expected ready'}`);
      }
    }
    // Discard whatever the emulator saw before the first measured command (nothing, normally).
    await expectTally(emulator);

    process.stdout.write(`priming ${lineups.length} clients (${prime.durationMs} ms each)…\n`);
    for (const lineup of lineups) {
      await measure(clientOf(lineup), emulator, { type: 'run', ...prime, warmupMs: 0 });
    }

    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < options.rounds; round += 1) {
      process.stdout.write(`round ${round + 1} of ${options.rounds}…\n`);
      for (const concurrency of concurrencies) {
        // Rotate the order each round so that no client always runs first or last.
        const shift = round % lineups.length;
        const order = [...lineups.slice(shift), ...lineups.slice(0, shift)];
        for (const lineup of order) {
          const result = await measure(clientOf(lineup), emulator, {
            type: 'run',
            concurrency,
            warmupMs: options.warmupMs,
            durationMs: options.durationMs,
          });
          const key = cellKey({ ...lineup, concurrency });
          const list = samples.get(key) ?? [];
          list.push({
            round,
            sendsPerSecond: result.sendsPerSecond,
            clientCpuMicrosPerSend: result.cpuPerSend,
            emulatorCpuShare: result.emulatorCpuShare,
            connections: result.connections,
          });
          samples.set(key, list);
        }
      }
    }

    const cells: Cell[] = transportsRun.flatMap((transport) =>
      concurrencies.flatMap((concurrency) =>
        lineups.filter((lineup) => lineup.transport === transport).map((lineup) => ({ ...lineup, concurrency }))
      )
    );
    const lines = [
      '',
      'Aliyun SendSms throughput against the local emulator (loopback, rate limits off)',
      `Node ${process.version} · ${process.platform} ${process.arch} · ${availableParallelism()} CPUs · ${new Date().toISOString().slice(0, 10)}`,
      `${options.rounds} round${options.rounds === 1 ? '' : 's'} × (${options.warmupMs} ms warm-up + ${options.durationMs} ms measured) per row, interleaved; median of rounds`,
      '× baseline: median over rounds of sends/s ÷ the baseline’s sends/s in the same round, same transport and in flight',
      '',
      renderTable(cells, (cell) => samples.get(cellKey(cell)) ?? []),
      '',
      'Every send was accepted by the emulator: each run’s count was checked against its records.',
      'client µs/send: CPU the client process spent per completed send. emulator CPU: of one core;',
      'near 100% the emulator, not the client, limits that row, and the ratios there shrink towards 1.',
      ...notes,
      ...(warning === undefined ? [] : [warning]),
      '',
    ];
    process.stdout.write(lines.join('\n'));
    return 0;
  } finally {
    await Promise.all([...clients.values()].map(async (client) => client.stop({ type: 'stop' })));
    await emulator.stop({ type: 'stop' });
    clearTimeout(watchdog);
  }
};

try {
  process.exitCode = await main();
} catch (error: unknown) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  Child.killAll();
  process.exitCode = 1;
}
