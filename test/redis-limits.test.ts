// The send limits against a real Redis (Debian's redis-server, started here on a free loopback
// port): two Logto processes running the built connector share their counters exactly under
// concurrent sends, and Redis dying mid-run lets sends through, counted in each process's memory.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Redis } from 'ioredis';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startRedisServer, type RedisServer } from './support/redis-server.js';
import { createRedisStore } from '../src/limits/redis-store.js';
import { DEMO_ACCOUNT, startEmulator, type Emulator } from '../tools/emulator/index.js';
import { projectRoot } from '../tools/logto-host.js';

const password = 'redis-test-Pw-7Qx9zK';
const replySchema = z.object({ outcomes: z.array(z.string()), warnings: z.array(z.string()), slowestMs: z.number() });
type Reply = z.infer<typeof replySchema>;

/** A forked Logto process; each batch's reply within a bound, so a test never hangs. */
class LogtoProcess {
  readonly #child: ChildProcess;
  readonly #replies: unknown[] = [];
  #waiter: (() => void) | undefined;

  constructor() {
    this.#child = fork(fileURLToPath(new URL('support/limits-process.ts', import.meta.url)), [], {
      // Resolved from the project root, where the tests run.
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child.on('message', (message: unknown) => {
      this.#replies.push(message);
      this.#waiter?.();
    });
  }

  async #next(boundMs: number): Promise<unknown> {
    const deadline = Date.now() + boundMs;
    while (this.#replies.length === 0) {
      if (Date.now() > deadline || this.#child.exitCode !== null) {
        throw new Error(`the Logto process gave no answer within ${boundMs} ms`);
      }
      await new Promise<void>((resolve) => {
        this.#waiter = resolve;
        setTimeout(resolve, 100);
      });
    }
    return this.#replies.shift();
  }

  async ready(): Promise<void> {
    await this.#next(30_000);
  }

  async run(batch: { to: string; ip: string }[], config: unknown): Promise<Reply> {
    this.#child.send({ batch, config });
    return replySchema.parse(await this.#next(20_000));
  }

  stop(): void {
    this.#child.kill('SIGKILL');
  }
}

let started: { redis: RedisServer; emulator: Emulator } | undefined;
let processes: LogtoProcess[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(projectRoot, 'lib', 'redis-store.js'))) {
    throw new Error('lib/ is missing or old: run `npm run build` first (npm test does).');
  }
  const redis = await startRedisServer(password);
  started = { redis, emulator: await startEmulator({ accounts: [DEMO_ACCOUNT], rateLimits: false }) };
  processes = [new LogtoProcess(), new LogtoProcess()];
  await Promise.all(processes.map(async (logto) => logto.ready()));
  // Installing redis-server on a clean machine (see support/redis-server.ts) may take minutes.
}, 600_000);

afterAll(async () => {
  for (const logto of processes) {
    logto.stop();
  }
  await started?.emulator.close();
  await started?.redis.stop();
});

const running = (): { redis: RedisServer; emulator: Emulator } => {
  if (started === undefined) {
    throw new Error('Redis and the emulator did not start');
  }
  return started;
};

const configWith = (sendLimits: object) => ({
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName: "Logto演示 (测试)!*'~",
  templates: [{ usageType: 'Generic', templateCode: { china: 'SMS_154950909', overseas: 'SMS_465000001' } }],
  endpoint: running().emulator.url,
  sendLimits: { redisUrl: running().redis.url, ...sendLimits },
});

/** `count` numbers of one Hong Kong range (the last four digits vary), from distinct addresses. */
const batchIn = (range: string, from: number, count: number) =>
  Array.from({ length: count }, (_, index) => ({ to: `852${range}${String(from + index).padStart(4, '0')}`, ip: `198.51.100.${(from + index) % 250}` }));

const tally = (replies: Reply[]) => {
  const outcomes = replies.flatMap(({ outcomes: each }) => each);
  return { sent: outcomes.filter((outcome) => outcome === 'sent').length, refused: outcomes.filter((outcome) => outcome === 'rate_limit_exceeded').length, other: outcomes.filter((outcome) => outcome !== 'sent' && outcome !== 'rate_limit_exceeded') };
};

describe('send limits shared through a real Redis', () => {
  it('lets exactly the limit through across two processes sending at once', async () => {
    running().emulator.reset();
    const config = configWith({ perRange: { limit: 25, windowSeconds: 60, hiddenDigits: 4 } });
    const [first, second] = processes;
    if (first === undefined || second === undefined) {
      throw new Error('two processes are needed');
    }

    const replies = await Promise.all([first.run(batchIn('6123', 0, 20), config), second.run(batchIn('6123', 20, 20), config)]);

    expect(tally(replies)).toEqual({ sent: 25, refused: 15, other: [] });
    expect(running().emulator.messages).toHaveLength(25);
    // Each refusal is one warning line; nothing else is logged while Redis answers.
    expect(replies.flatMap(({ warnings }) => warnings)).toHaveLength(15);
    expect(replies.flatMap(({ warnings }) => warnings).every((line) => line.includes('sendLimits.perRange (25 per 60 s)'))).toBe(true);
  });

  it('goes on without a Redis that answers too slowly, within the bound, and says so', async () => {
    const warnings: string[] = [];
    const store = createRedisStore({ url: running().redis.url, warn: (line) => warnings.push(line) });
    const pauser = new Redis(running().redis.url, { lazyConnect: true });
    try {
      const count = { counter: 'range:60', key: '+85261250', rule: { limit: 5, windowSeconds: 60 }, boundMs: 300 };
      expect(await store.consume(count)).toBe('allowed');
      expect(warnings).toEqual([]);
      await pauser.connect();
      // Every client's commands wait for a second: Redis is up but slow.
      await pauser.call('CLIENT', 'PAUSE', '1000', 'ALL');
      const startedAt = performance.now();
      expect(await store.consume({ ...count, boundMs: 200 })).toBe('allowed');
      expect(performance.now() - startedAt).toBeLessThan(700);
      expect(warnings).toEqual([
        `connector-aliyun-dysms: the send-limit store redis://127.0.0.1:${running().redis.port}/0 is unreachable or slow (no answer within 200 ms): this process counts sendLimits in its own memory until Redis answers again.`,
      ]);
      // Answered once the pause is over, so the next test finds Redis quick again.
      expect(await pauser.ping()).toBe('PONG');
    } finally {
      pauser.disconnect();
      await store.close();
    }
  });

  it('fails open when Redis is killed mid-run: sends go on, each process counts in memory and says so once', async () => {
    running().emulator.reset();
    const config = configWith({ perRange: { limit: 25, windowSeconds: 60, hiddenDigits: 4 } });
    const [first, second] = processes;
    if (first === undefined || second === undefined) {
      throw new Error('two processes are needed');
    }
    const before = await Promise.all([first.run(batchIn('6124', 0, 5), config), second.run(batchIn('6124', 5, 5), config)]);
    expect(tally(before)).toEqual({ sent: 10, refused: 0, other: [] });

    await running().redis.kill();

    const during = await Promise.all([first.run(batchIn('6124', 10, 10), config), second.run(batchIn('6124', 20, 10), config)]);
    // 10 of 25 were counted in Redis; in memory each process starts from nothing, so all 20 go.
    expect(tally(during)).toEqual({ sent: 20, refused: 0, other: [] });
    expect(Math.max(...during.map(({ slowestMs }) => slowestMs))).toBeLessThan(2000);
    for (const { warnings } of during) {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(new RegExp(`^connector-aliyun-dysms: the send-limit store redis://127\\.0\\.0\\.1:${running().redis.port}/0 is unreachable or slow \\(`));
    }

    // The memory store still limits: 10 counted in this process, 15 more allowed, 5 refused.
    const after = await first.run(batchIn('6124', 30, 20), config);
    expect(tally([after])).toEqual({ sent: 15, refused: 5, other: [] });
    expect(after.warnings.filter((line) => line.includes('unreachable'))).toEqual([]);
    expect(JSON.stringify([before, during, after])).not.toContain(password);
  });
});
