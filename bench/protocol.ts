// Messages exchanged over the IPC channels between the bench (parent), the emulator process and
// the client processes. Every message is checked on arrival: IPC hands over plain `unknown` data.
import { z } from 'zod';

/** The emulator's HTTPS front for dysmsapi.aliyuncs.com, or why there is none. */
const tlsFrontSchema = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true), port: z.number().int(), caFile: z.string() }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);

export type TlsFrontStatus = z.infer<typeof tlsFrontSchema>;

/** What the emulator recorded since the previous tally; the tally also resets it. */
const tallySchema = z.object({
  type: z.literal('tally'),
  /** Requests the emulator judged (every one, whatever the verdict). */
  requests: z.number().int(),
  /** SMS accepted (verdict OK, message recorded). */
  accepted: z.number().int(),
  /** Requests with any other verdict, and a few of their codes. */
  refused: z.number().int(),
  refusedCodes: z.array(z.string()),
  /** CPU time the emulator process used, and the wall time, since the previous tally. */
  cpuMicros: z.number(),
  wallMs: z.number(),
});

export type Tally = z.infer<typeof tallySchema>;

export const fromEmulatorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), url: z.string().url(), tls: tlsFrontSchema }),
  tallySchema,
]);

export type FromEmulator = z.infer<typeof fromEmulatorSchema>;

export const toEmulatorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('tally') }),
  z.object({ type: z.literal('stop') }),
]);

export type ToEmulator = z.infer<typeof toEmulatorSchema>;

/** One closed-loop run: `concurrency` sends in flight, measured after a warm-up. */
const runSchema = z.object({
  type: z.literal('run'),
  concurrency: z.number().int().min(1),
  warmupMs: z.number().min(0),
  durationMs: z.number().positive(),
});

export type RunCommand = z.infer<typeof runSchema>;

export const toClientSchema = z.discriminatedUnion('type', [runSchema, z.object({ type: z.literal('stop') })]);

export type ToClient = z.infer<typeof toClientSchema>;

/** What a client process measured in one run. */
const runResultSchema = z.object({
  type: z.literal('result'),
  /** Sends started and their outcomes, warm-up and drain included (what the emulator must have seen). */
  started: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  firstError: z.string().optional(),
  /** Sends completed inside the measured window, and its exact length. */
  windowCompleted: z.number().int(),
  windowMs: z.number(),
  /** CPU time of the client process inside the window. */
  windowCpuMicros: z.number(),
  /** Distinct sockets that carried a response during the run. */
  connections: z.number().int(),
});

export type RunResult = z.infer<typeof runResultSchema>;

export const fromClientSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('fatal'), message: z.string() }),
  runResultSchema,
]);

export type FromClient = z.infer<typeof fromClientSchema>;
