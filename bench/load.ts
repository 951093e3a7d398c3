// The sending part of the bench: the server and client processes, the interleaved rounds, and
// the memory run, with every client's counts checked against what the server judged.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Child } from './child.js';
import {
  fromClientSchema,
  fromServerSchema,
  type FromClient,
  type FromServer,
  type MemoryCommand,
  type MemoryResult,
  type PrimeCommand,
  type PrimeResult,
  type RunCommand,
  type RunResult,
  type Tally,
  type ToClient,
  type ToServer,
} from './protocol.js';
import { type Sample, type SamplesOf } from './report.js';
import { clientNames, type ClientName } from './scenario.js';

type Client = Child<ToClient, FromClient>;
type Server = Child<ToServer, FromServer>;

/** How long each run lasts, and how many rounds there are. */
export type LoadOptions = { rounds: number; warmupMs: number; durationMs: number };

/**
 * Unmeasured sends each client makes first, so that the rounds measure warm processes, as a
 * Logto under load is. V8 optimises a function only after many calls: here a fresh client's
 * CPU per send kept falling for its first 10,000–15,000 sends (about 5,000 for bare got,
 * whose code is smaller), so a timed priming left ours still warming up in the first rounds.
 * A count is the same warm-up for every client, however fast it is. 10,000 keeps five clients
 * within 3 minutes; ours may be a little short of warm in its first round, which only counts
 * against it.
 */
export const priming: PrimeCommand = { type: 'prime', concurrency: 32, sends: 10_000 };

/** What each client's priming sends cost: its CPU µs per send while still cold. */
export type PrimingCost = ReadonlyMap<ClientName, number>;

const tally = async (server: Server): Promise<Tally> => {
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
): Promise<{ reply: RunResult | MemoryResult | PrimeResult; serverCpuShare: number }> => {
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
    throw new Error(
      `${what}: ${reply.succeeded} of ${reply.started} sends succeeded, the server judged ${judged.requests} and accepted ${judged.accepted}`
    );
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
  const clientCpuShare = reply.cpuMicros / 1000 / reply.windowMs;
  return {
    round,
    sendsPerSecond: (reply.windowSends * 1000) / reply.windowMs,
    cpuMicrosPerSend: reply.cpuMicros / reply.windowSends,
    p50Ms: reply.p50Ms,
    p99Ms: reply.p99Ms,
    serverCpuShare,
    // The server's share is over the whole run, warm-up included: close enough to tell a
    // quiet machine from a busy one.
    othersCpuShare: Math.max(0, (reply.machineBusyCores ?? Number.NaN) - clientCpuShare - serverCpuShare),
  };
};

const primeClient = async (client: Client, server: Server): Promise<number> => {
  // On a loaded machine 10,000 cold sends can take minutes.
  const { reply } = await command(client, server, priming, 600_000);
  if (reply.type !== 'prime' || reply.succeeded === 0) {
    throw new Error(`${client.label}: expected a priming result`);
  }
  return reply.cpuMicros / reply.succeeded;
};

const measureMemory = async (client: Client, server: Server, memory: MemoryCommand): Promise<MemoryResult> => {
  // A generous deadline: on a loaded machine 30,000 sends can take minutes.
  const { reply } = await command(client, server, memory, 600_000);
  if (reply.type !== 'memory') {
    throw new Error(`${client.label}: expected a memory result`);
  }
  return reply;
};

const awaitReady = async (client: Client): Promise<void> => {
  const ready = await client.next(30_000);
  if (ready.type !== 'ready') {
    throw new Error(`${client.label} did not start: ${JSON.stringify(ready).slice(0, 300)}`);
  }
};

/**
 * Starts the server and one process per client; primes every client; runs `rounds` rounds of
 * every client at every level of `concurrencies`, interleaved; then the memory run of ours.
 */
export const measureLoad = async (
  options: LoadOptions,
  concurrencies: readonly number[],
  memory: MemoryCommand,
  progress: (line: string) => void
): Promise<{ samplesOf: SamplesOf; memory: MemoryResult; primingCost: PrimingCost }> => {
  const server: Server = new Child({ script: './server.ts', args: [], label: 'server', schema: fromServerSchema });
  const clients = new Map<ClientName, Client>();
  const certificates = mkdtempSync(join(tmpdir(), 'aliyun-sms-bench-'));
  try {
    const ready = await server.next(30_000);
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
    for (const client of clients.values()) {
      await awaitReady(client);
    }
    await tally(server);

    progress(`priming the ${clientNames.length} clients (${priming.sends.toLocaleString('en-US')} sends each)…`);
    const primingCost = new Map<ClientName, number>();
    for (const name of clientNames) {
      primingCost.set(name, await primeClient(clientOf(name), server));
    }
    const samples = new Map<string, Sample[]>();
    const key = (client: ClientName, concurrency: number): string => `${client}/${concurrency}`;
    for (let round = 0; round < options.rounds; round += 1) {
      progress(`round ${round + 1} of ${options.rounds}…`);
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
    progress(`memory: ${memory.warmupSends.toLocaleString('en-US')} + ${memory.sends.toLocaleString('en-US')} sends of ours…`);
    const memoryResult = await measureMemory(clientOf('ours'), server, memory);
    return {
      samplesOf: (client, concurrency) => samples.get(key(client, concurrency)) ?? [],
      memory: memoryResult,
      primingCost,
    };
  } finally {
    await Promise.all([...clients.values(), server].map(async (child) => child.stop()));
    rmSync(certificates, { recursive: true, force: true });
  }
};
