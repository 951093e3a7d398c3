// `npx tsx bench/limits.ts`: what sendLimits cost per send. The built connector sends end-user
// codes (the path the limits guard) to the emulator over HTTP on loopback, in one process, with
// limits off, on in memory, and on in Redis (a private redis-server on loopback, when installed),
// taking turns round by round. Every limit is set high enough never to refuse, so each send pays
// for three counts (per IP, per range, per country) and nothing else changes. The emulator runs
// in the same process: the absolute figures include it, the differences between the variants do
// not. See bench/README.md.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { startRedisServer, type RedisServer } from '../test/support/redis-server.js';
import { DEMO_ACCOUNT, startEmulator } from '../tools/emulator/index.js';

import { connectorConfig, phoneNumber } from './scenario.js';
import { ourBuild } from './senders.js';

const { values } = parseArgs({
  options: {
    sends: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    redis: { type: 'boolean', default: true },
  },
  strict: true,
});
const whole = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a whole number ≥ 1, got ${text}`);
  }
  return value;
};
const sends = whole('sends', values.sends);
const rounds = whole('rounds', values.rounds);
const concurrency = whole('concurrency', values.concurrency);

if (!existsSync(ourBuild)) {
  throw new Error(`${ourBuild} is missing: run \`npm run build\` first`);
}

const never = { limit: 1_000_000, windowSeconds: 3600 };
const generousLimits = { perIp: never, perRange: { ...never, hiddenDigits: 4 }, perCountry: never };

type Send = (index: number) => Promise<void>;

const senderFor = async (config: Record<string, unknown>): Promise<Send> => {
  const loaded: unknown = await import(pathToFileURL(ourBuild).href);
  const factory: unknown = typeof loaded === 'object' && loaded !== null ? Reflect.get(loaded, 'default') : undefined;
  if (typeof factory !== 'function') {
    throw new TypeError('lib/index.js has no default-exported factory');
  }
  const connector: unknown = await Reflect.apply(factory, undefined, [{ getConfig: () => Promise.resolve(config) }]);
  const sendMessage: unknown = typeof connector === 'object' && connector !== null ? Reflect.get(connector, 'sendMessage') : undefined;
  if (typeof sendMessage !== 'function') {
    throw new TypeError('the connector has no sendMessage');
  }
  return async (index) => {
    // Without an inline config this is a runtime send, the one the limits apply to.
    const data = { to: phoneNumber(0, index), type: 'SignIn', payload: { code: '123456' }, ip: `198.51.${(index >> 8) & 255}.${index & 255}` };
    await Promise.resolve(Reflect.apply(sendMessage, undefined, [data]));
  };
};

let next = 0;
/** Wall and CPU microseconds per send over `count` sends, `concurrency` in flight. */
const measure = async (send: Send, count: number): Promise<{ wall: number; cpu: number }> => {
  const cpuAtStart = process.cpuUsage();
  const startedAt = performance.now();
  let left = count;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left > 0) {
        left -= 1;
        next += 1;
        await send(next);
      }
    })
  );
  const cpu = process.cpuUsage(cpuAtStart);
  return { wall: ((performance.now() - startedAt) * 1000) / count, cpu: (cpu.user + cpu.system) / count };
};

const median = (numbers: number[]): number => {
  const sorted = [...numbers].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const emulator = await startEmulator({ rateLimits: false, accounts: [DEMO_ACCOUNT] });
let redis: RedisServer | undefined;
try {
  redis = values.redis ? await startRedisServer(`bench-${String(process.pid)}`).catch(() => undefined) : undefined;
  const base = { ...connectorConfig(emulator.url), timeout: 10_000 };
  const variants: { name: string; send: Send }[] = [
    { name: 'limits off', send: await senderFor(base) },
    { name: 'limits on, memory', send: await senderFor({ ...base, sendLimits: generousLimits }) },
  ];
  if (redis !== undefined) {
    variants.push({ name: 'limits on, Redis', send: await senderFor({ ...base, sendLimits: { ...generousLimits, redisUrl: redis.url } }) });
  }
  const samples = new Map(variants.map(({ name }): [string, { wall: number[]; cpu: number[] }] => [name, { wall: [], cpu: [] }]));
  for (let round = 0; round < rounds; round += 1) {
    for (const { name, send } of variants) {
      // Warm-up, unmeasured, then the measured sends.
      await measure(send, Math.min(sends, 500));
      const { wall, cpu } = await measure(send, sends);
      samples.get(name)?.wall.push(wall);
      samples.get(name)?.cpu.push(cpu);
    }
  }
  const off = samples.get('limits off');
  const offWall = median(off?.wall ?? []);
  const offCpu = median(off?.cpu ?? []);
  process.stdout.write(`${String(sends)} sends × ${String(rounds)} rounds, ${String(concurrency)} in flight; median µs per send (emulator included)\n`);
  for (const [name, { wall, cpu }] of samples) {
    const [w, c] = [median(wall), median(cpu)];
    process.stdout.write(
      `${name.padEnd(18)} wall ${w.toFixed(0).padStart(6)} (${w - offWall >= 0 ? '+' : ''}${(w - offWall).toFixed(0)})   CPU ${c.toFixed(0).padStart(6)} (${c - offCpu >= 0 ? '+' : ''}${(c - offCpu).toFixed(0)})\n`
    );
  }
  if (redis === undefined) {
    process.stdout.write('Redis: not measured (redis-server is not installed, or --no-redis)\n');
  }
} catch (error: unknown) {
  process.stderr.write(`bench/limits failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await emulator.close();
  await redis?.stop();
  // The connector's Redis client keeps a socket open; the measuring is over.
  process.exit(process.exitCode ?? 0);
}
