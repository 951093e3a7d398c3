// `npm run bench`: SendSms over HTTPS on loopback, against the emulator, for a raw node:https
// client, bare got, our built connector and the official one, at 1, 32 and 128 sends in
// flight; then cold start, memory growth and bundle size. See bench/README.md.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';

import { Child } from './child.js';
import {
  fromClientSchema,
  fromServerSchema,
  type FromClient,
  type FromServer,
  type MemoryResult,
  type RunCommand,
  type RunResult,
  type ToClient,
  type ToServer,
} from './protocol.js';
import { renderReport, type Extras, type Sample } from './report.js';
import { clientNames, type ClientName } from './scenario.js';
import { ourBuild } from './senders.js';

const concurrencies = [1, 32, 128] as const;
/** Unmeasured sends each client makes first, so that the first measured round finds it warm. */
const prime = { concurrency: 32, warmupMs: 0, durationMs: 1500 } as const;
const memoryRun = { concurrency: 32, warmupSends: 10_000, sends: 20_000 } as const;
const coldStartRuns = 10;

type Client = Child<ToClient, FromClient>;
type Server = Child<ToServer, FromServer>;

const readOptions = (): { rounds: number; warmupMs: number; durationMs: number; writeResults: boolean } => {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '500' },
      duration: { type: 'string', default: '1200' },
      'write-results': { type: 'boolean', default: false },
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
    rounds: whole('rounds', values.rounds, 3),
    warmupMs: whole('warmup', values.warmup, 100),
    durationMs: whole('duration', values.duration, 200),
    writeResults: values['write-results'],
  };
};

/** A warning when lib/ is older than a source file: the bench measures the build, not src/. */
const staleBuildWarning = (): string[] => {
  const built = statSync(ourBuild, { throwIfNoEntry: false });
  if (built === undefined) {
    throw new Error(`${ourBuild} is missing: run \`npm run build\` first (npm run bench does)`);
  }
  const sources = fileURLToPath(new URL('../src/', import.meta.url));
  const newer = readdirSync(sources, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && statSync(join(sources, file)).mtimeMs > built.mtimeMs
  );
  return newer.length > 0 ? [`warning: lib/ is older than src/${newer.join(', src/')}: run npm run build`] : [];
};

const tally = async (server: Server): Promise<Extract<FromServer, { type: 'tally' }>> => {
  server.send({ type: 'tally' });
  const reply = await server.next(10_000);
  if (reply.type !== 'tally') {
    throw new Error(`server: expected a tally, got ${reply.type}`);
  }
  return reply;
};

/** Sends one command to a client and checks its answer against what the server judged. */
const command = async (
  client: Client,
  server: Server,
  message: ToClient,
  timeoutMs: number
): Promise<{ reply: RunResult | MemoryResult; serverCpuShare: number }> => {
  client.send(message);
  const reply = await client.next(timeoutMs);
  const judged = await tally(server);
  if (reply.type === 'fatal' || reply.type === 'ready') {
    throw new Error(`${client.label}: ${reply.type === 'fatal' ? reply.message : 'unexpected ready'}`);
  }
  const what = `${client.label}, ${message.concurrency} in flight`;
  if (reply.failed > 0) {
    throw new Error(`${what}: a send failed: ${reply.firstError ?? 'no details'}`);
  }
  if (judged.refused > 0) {
    throw new Error(`${what}: the server refused ${judged.refused} request(s): ${judged.refusedCodes.join(', ')}`);
  }
  // What the client counted as sent must be exactly what the server accepted.
  if (judged.accepted !== reply.succeeded || judged.requests !== reply.started) {
    throw new Error(`${what}: ${reply.succeeded} of ${reply.started} sends succeeded, the server judged ${judged.requests} and accepted ${judged.accepted}`);
  }
  if (reply.type !== message.type) {
    throw new Error(`${what}: expected a ${message.type} result, got ${reply.type}`);
  }
  return { reply, serverCpuShare: judged.cpuMicros / 1000 / judged.wallMs };
};

const measureRun = async (client: Client, server: Server, round: number, run: RunCommand): Promise<Sample> => {
  const { reply, serverCpuShare } = await command(client, server, run, run.warmupMs + run.durationMs + 60_000);
  if (reply.type !== 'run' || reply.windowSends === 0 || reply.windowMs <= 0) {
    throw new Error(`${client.label}, ${run.concurrency} in flight: nothing completed inside the measured window`);
  }
  return {
    round,
    sendsPerSecond: (reply.windowSends * 1000) / reply.windowMs,
    cpuMicrosPerSend: reply.cpuMicros / reply.windowSends,
    p50Ms: reply.p50Ms,
    p99Ms: reply.p99Ms,
    serverCpuShare,
  };
};

const measureMemory = async (client: Client, server: Server): Promise<MemoryResult> => {
  // A generous deadline: on a loaded machine 20,000 sends can take minutes.
  const { reply } = await command(client, server, { type: 'memory', ...memoryRun }, 600_000);
  if (reply.type !== 'memory') {
    throw new Error(`${client.label}: expected a memory result`);
  }
  return reply;
};

const runFile = promisify(execFile);
const coldStartScript = fileURLToPath(new URL('cold-start.ts', import.meta.url));

/** Cold starts in fresh plain-node processes, ours and the official connector taking turns. */
const coldStarts = async (): Promise<Extras['coldStartMs']> => {
  const modules = { ours: pathToFileURL(ourBuild).href, official: '@logto/connector-aliyun-sms' } as const;
  const times: Record<'ours' | 'official', number[]> = { ours: [], official: [] };
  // No loader hooks or options of the bench's own process reach these processes.
  const environment = { ...process.env };
  delete environment.NODE_OPTIONS;
  for (let run = 0; run < coldStartRuns; run += 1) {
    for (const name of ['ours', 'official'] as const) {
      const { stdout } = await runFile(process.execPath, [coldStartScript, modules[name]], { env: environment, timeout: 30_000 });
      const parsed: unknown = JSON.parse(stdout);
      const ms: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'ms') : undefined;
      if (typeof ms !== 'number') {
        throw new Error(`cold start of ${name}: unexpected output ${stdout.slice(0, 200)}`);
      }
      times[name].push(ms);
    }
  }
  return times;
};

const start = async <Reply extends { type: string }>(child: Child<never, Reply>): Promise<Reply> => {
  const ready = await child.next(30_000);
  if (ready.type !== 'ready') {
    throw new Error(`${child.label}: ${JSON.stringify(ready).slice(0, 300)}`);
  }
  return ready;
};

const main = async (): Promise<void> => {
  const startedAt = performance.now();
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const options = readOptions();
  const warnings = staleBuildWarning();
  const server: Server = new Child({ script: './server.ts', args: [], label: 'server', schema: fromServerSchema });
  const clients = new Map<ClientName, Client>();
  const certificates = mkdtempSync(join(tmpdir(), 'aliyun-sms-bench-'));
  try {
    const ready = await start(server);
    if (ready.type !== 'ready') {
      throw new Error('server: expected ready');
    }
    const caFile = join(certificates, 'listener.pem');
    writeFileSync(caFile, ready.cert);
    for (const name of clientNames) {
      // Every client trusts the listener's certificate the way an operator would.
      const env = { NODE_EXTRA_CA_CERTS: caFile };
      clients.set(name, new Child({ script: './client.ts', args: [name, String(ready.port)], label: name, schema: fromClientSchema, env }));
    }
    const clientOf = (name: ClientName): Client => {
      const client = clients.get(name);
      if (client === undefined) {
        throw new Error(`no process for ${name}`);
      }
      return client;
    };
    for (const name of clientNames) {
      await start(clientOf(name));
    }
    await tally(server);

    process.stdout.write(`priming the ${clientNames.length} clients (${prime.durationMs} ms each)…\n`);
    for (const name of clientNames) {
      await measureRun(clientOf(name), server, -1, { type: 'run', ...prime });
    }

    const samples = new Map<string, Sample[]>();
    const key = (client: ClientName, concurrency: number): string => `${client}/${concurrency}`;
    for (let round = 0; round < options.rounds; round += 1) {
      process.stdout.write(`round ${round + 1} of ${options.rounds}…\n`);
      // The client order rotates every round, so that none always runs first or last.
      const order = clientNames.map((_, index) => clientNames[(index + round) % clientNames.length] ?? 'raw');
      for (const concurrency of concurrencies) {
        for (const name of order) {
          const run = { type: 'run', concurrency, warmupMs: options.warmupMs, durationMs: options.durationMs } as const;
          const result = await measureRun(clientOf(name), server, round, run);
          samples.set(key(name, concurrency), [...(samples.get(key(name, concurrency)) ?? []), result]);
        }
      }
    }

    process.stdout.write(`memory: ${memoryRun.sends.toLocaleString('en-US')} sends of ours…\n`);
    const memory = await measureMemory(clientOf('ours'), server);
    await Promise.all([...clients.values(), server].map(async (child) => child.stop()));

    process.stdout.write(`cold starts: ${coldStartRuns} of each connector…\n`);
    const coldStartMs = await coldStarts();
    const bundle = readFileSync(ourBuild);

    const date = new Date().toISOString().slice(0, 10);
    const loadAtEnd = loadavg()[0] ?? Number.NaN;
    const busy =
      Math.max(loadAtStart, loadAtEnd) > availableParallelism()
        ? ['Busy machine (load above its core count): sends/s and latencies include waiting for a CPU; CPU per send and the ratios hold up better.']
        : [];
    const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} · ${availableParallelism()} cores · Node ${process.version} · ${process.platform} ${process.arch} · ${date}`;
    const report = renderReport(
      (client, concurrency) => samples.get(key(client, concurrency)) ?? [],
      {
        concurrencies,
        coldStartMs,
        memory: { ...memoryRun, ...memory },
        size: { rawBytes: bundle.length, gzipBytes: gzipSync(bundle).length },
      },
      [
        'SendSms over HTTPS on loopback, against tools/emulator (rate limits off); see bench/README.md',
        machine,
        `1-minute load average: ${loadAtStart.toFixed(1)} at the start, ${loadAtEnd.toFixed(1)} at the end (${availableParallelism()} cores)`,
        ...busy,
        `${options.rounds} rounds, clients interleaved; each run ${options.warmupMs} ms warm-up + ${options.durationMs} ms measured; median (min–max) over rounds`,
      ]
    );
    const seconds = Math.round((performance.now() - startedAt) / 1000);
    process.stdout.write(`\n${report}\n\nThe bench took ${seconds} s (build not included).\n${warnings.map((line) => `${line}\n`).join('')}`);
    if (options.writeResults) {
      const results = fileURLToPath(new URL('results.md', import.meta.url));
      writeFileSync(
        results,
        `# Benchmark results\n\n\`npm run bench -- --write-results\` on ${machine}; the bench took ${seconds} s after the build.\n` +
          `How to read this: bench/README.md.\n\n\`\`\`\n${report}\n\`\`\`\n`
      );
      process.stdout.write(`written to ${results}\n`);
    }
  } finally {
    await Promise.all([...clients.values(), server].map(async (child) => child.stop()));
    rmSync(certificates, { recursive: true, force: true });
  }
};

// Whatever hangs, the bench ends.
const watchdog = setTimeout(() => {
  process.stderr.write('bench: still running after 10 minutes, giving up\n');
  Child.killAll();
  process.exit(1);
}, 600_000);
watchdog.unref();

try {
  await main();
} catch (error: unknown) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  Child.killAll();
  process.exitCode = 1;
}
