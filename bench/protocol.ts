// The messages between the bench (parent), the server process and the client processes. IPC
// hands over plain `unknown` data, so every message is parsed on arrival.
import { z } from 'zod';

/** What the server judged since the previous tally (the tally also makes it forget). */
const tallySchema = z.object({
  type: z.literal('tally'),
  requests: z.number().int(),
  accepted: z.number().int(),
  refused: z.number().int(),
  refusedCodes: z.array(z.string()),
  /** CPU time of the server process and wall time since the previous tally. */
  cpuMicros: z.number(),
  wallMs: z.number(),
});

export type Tally = z.infer<typeof tallySchema>;

export const fromServerSchema = z.discriminatedUnion('type', [
  /** `cert`: the PEM certificate (dysmsapi.aliyuncs.com and 127.0.0.1) the TLS listener serves. */
  z.object({ type: z.literal('ready'), port: z.number().int(), cert: z.string() }),
  tallySchema,
]);

export type FromServer = z.infer<typeof fromServerSchema>;

export const toServerSchema = z.object({ type: z.literal('tally') });

export type ToServer = z.infer<typeof toServerSchema>;

/** A closed loop of `concurrency` sends, measured after a warm-up. */
const runSchema = z.object({
  type: z.literal('run'),
  concurrency: z.number().int().min(1),
  warmupMs: z.number().min(0),
  durationMs: z.number().positive(),
});

/**
 * `warmupSends` unmeasured, then exactly `sends` sends, `concurrency` at a time, with the RSS
 * read (after a GC) before and after those.
 */
const memorySchema = z.object({
  type: z.literal('memory'),
  concurrency: z.number().int().min(1),
  warmupSends: z.number().int().min(0),
  sends: z.number().int().min(1),
});

/** Exactly `sends` unmeasured sends, `concurrency` at a time, with the CPU they took. */
const primeSchema = z.object({
  type: z.literal('prime'),
  concurrency: z.number().int().min(1),
  sends: z.number().int().min(1),
});

export type RunCommand = z.infer<typeof runSchema>;
export type MemoryCommand = z.infer<typeof memorySchema>;
export type PrimeCommand = z.infer<typeof primeSchema>;

export const toClientSchema = z.discriminatedUnion('type', [runSchema, memorySchema, primeSchema]);

export type ToClient = z.infer<typeof toClientSchema>;

/** Every send a command started, and how it ended: what the server must have seen. */
const outcomeSchema = z.object({
  started: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  firstError: z.string().optional(),
});

const runResultSchema = outcomeSchema.extend({
  type: z.literal('run'),
  /** Sends completed inside the measured window, its length, and the client's CPU time in it. */
  windowSends: z.number().int(),
  windowMs: z.number(),
  cpuMicros: z.number(),
  /** Cores the whole machine kept busy during the window (Linux only). */
  machineBusyCores: z.number().optional(),
  p50Ms: z.number(),
  p99Ms: z.number(),
});

const memoryResultSchema = outcomeSchema.extend({
  type: z.literal('memory'),
  rssBeforeBytes: z.number(),
  rssAfterBytes: z.number(),
  /** The V8 heap in use at the same two moments: it tells a leak from memory the allocator keeps. */
  heapBeforeBytes: z.number(),
  heapAfterBytes: z.number(),
  /** Whether a GC ran before each reading (the process has --expose-gc). */
  collected: z.boolean(),
});

const primeResultSchema = outcomeSchema.extend({
  type: z.literal('prime'),
  /** The client's CPU time over all the priming sends. */
  cpuMicros: z.number(),
});

export type RunResult = z.infer<typeof runResultSchema>;
export type MemoryResult = z.infer<typeof memoryResultSchema>;
export type PrimeResult = z.infer<typeof primeResultSchema>;

export const fromClientSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('fatal'), message: z.string() }),
  runResultSchema,
  memoryResultSchema,
  primeResultSchema,
]);

export type FromClient = z.infer<typeof fromClientSchema>;
