import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { DEMO_ACCOUNT, type Account } from './accounts.js';
import { createClock, type Clock } from './clock.js';
import { FaultSchedule, type Fault } from './faults.js';
import { TIMESTAMP_WINDOW_MS } from './gateway.js';
import { NonceStore } from './nonces.js';
import { RateLimiter } from './rate-limit.js';
import type { AcceptedMessage, RecordedRequest } from './records.js';
import { createRequestHandler, type EmulatorState } from './server.js';
import { generateLoopbackCertificate } from './tls.js';

export { DEMO_ACCOUNT, fillTemplate, templateVariables } from './accounts.js';
export type { Account, SmsTemplate, TemplateKind } from './accounts.js';
export type { Clock } from './clock.js';
export type { Fault, TerminalFault } from './faults.js';
export { describeRequest, formatSms } from './format.js';
export type { AcceptedMessage, RecordedRequest } from './records.js';
export { VERIFICATION_CODE_RULES } from './rate-limit.js';
export { expectedSignature, percentEncode, stringToSign } from './signature.js';
export type { Verdict } from './verdict.js';

/** How to start an emulator. */
export interface EmulatorOptions {
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** HTTP port; default 0 (a free port). */
  readonly port?: number;
  /** Also listen with TLS, on a self-signed certificate generated at start. */
  readonly https?: boolean;
  /** HTTPS port when `https` is on; default 0 (a free port). */
  readonly httpsPort?: number;
  /** Accounts the emulator knows; default: [DEMO_ACCOUNT]. */
  readonly accounts?: readonly Account[];
  /** Initial reading of the emulator clock; default: real time. */
  readonly now?: Date;
  /** Enforce Aliyun's per-number limits (1/min, 5/h, 10/day); default true. Turn off for load tests. */
  readonly rateLimits?: boolean;
  /** Faults applied to every request whose fault queue is empty. */
  readonly faults?: readonly Fault[];
  /** Called with each judged request (the command line logs these). */
  readonly onRequest?: (request: RecordedRequest) => void;
  /** Called with each accepted SMS. */
  readonly onMessage?: (message: AcceptedMessage) => void;
}

/** A running emulator. */
export interface Emulator {
  /** `http://HOST:PORT/`. */
  readonly url: string;
  /** `https://HOST:PORT/` when started with `https`. */
  readonly httpsUrl: string | undefined;
  /** PEM certificate to trust for `httpsUrl`. */
  readonly ca: string | undefined;
  readonly accounts: readonly Account[];
  /** Accepted SMS, oldest first (live view). */
  readonly messages: readonly AcceptedMessage[];
  /** Every request with its verdict, in the order verdicts were reached (live view). */
  readonly requests: readonly RecordedRequest[];
  readonly clock: Clock;
  /** Queues a fault for the next request (or the next `times` requests), after those already queued. */
  injectFault(fault: Fault, options?: { readonly times?: number }): void;
  /** Drops queued faults and the run's `faults`. */
  clearFaults(): void;
  /** Forgets messages, requests, used nonces, rate-limit history and queued faults; keeps the clock and run faults. */
  reset(): void;
  /** Stops listening and drops open connections, hanging ones included. */
  close(): Promise<void>;
}

// Node's default requestTimeout (5 min) would answer 408 by itself; only the emulator decides when, and whether, to answer.
const SERVER_OPTIONS = { requestTimeout: 0 } as const;

function validateAccounts(accounts: readonly Account[]): void {
  if (accounts.length === 0) throw new Error('the emulator needs at least one account');
  const ids = new Set<string>();
  for (const account of accounts) {
    if (account.accessKeyId === '' || account.accessKeySecret === '') throw new Error('accounts need a non-empty accessKeyId and accessKeySecret');
    if (ids.has(account.accessKeyId)) throw new Error(`duplicate accessKeyId ${account.accessKeyId}`);
    ids.add(account.accessKeyId);
  }
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('server has no TCP address'));
      else resolve(address.port);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

function origin(scheme: string, host: string, port: number): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

/** Starts a local Aliyun-compatible SendSms server (HTTP, plus HTTPS on request). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const accounts = [...(options.accounts ?? [DEMO_ACCOUNT])];
  validateAccounts(accounts);
  const clock = createClock(options.now);
  const faults = new FaultSchedule(options.faults);
  const state: EmulatorState = {
    accounts,
    clock,
    // Twice the window: a nonce must stay remembered while a request carrying it could still pass the timestamp check from either side.
    nonces: new NonceStore(2 * TIMESTAMP_WINDOW_MS),
    limiter: options.rateLimits === false ? undefined : new RateLimiter(),
    faults,
    requests: [],
    messages: [],
    onRequest: options.onRequest,
    onMessage: options.onMessage,
  };
  const handler = createRequestHandler(state);
  const servers: Server[] = [];
  const closeAll = async (): Promise<void> => {
    handler.shutdown();
    await Promise.all(servers.map(stop));
  };

  try {
    const http = createHttpServer(SERVER_OPTIONS, handler.listener);
    servers.push(http);
    const port = await listen(http, options.port ?? 0, host);
    let httpsUrl: string | undefined;
    let ca: string | undefined;
    if (options.https === true) {
      const tls = generateLoopbackCertificate();
      const secure = createHttpsServer({ ...SERVER_OPTIONS, key: tls.key, cert: tls.cert }, handler.listener);
      servers.push(secure);
      httpsUrl = origin('https', host, await listen(secure, options.httpsPort ?? 0, host));
      ca = tls.cert;
    }
    let closing: Promise<void> | undefined;
    return {
      url: origin('http', host, port),
      httpsUrl,
      ca,
      accounts,
      messages: state.messages,
      requests: state.requests,
      clock,
      injectFault: (fault, injectOptions) => {
        faults.inject(fault, injectOptions?.times ?? 1);
      },
      clearFaults: () => {
        faults.clearAll();
      },
      reset: () => {
        // Cleared in place so arrays a test already holds stay live.
        state.messages.length = 0;
        state.requests.length = 0;
        state.nonces.clear();
        state.limiter?.clear();
        faults.clearQueue();
      },
      close: () => {
        closing ??= closeAll();
        return closing;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
