import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Account } from './accounts.js';
import { judgeRequest } from './checks.js';
import type { Clock } from './clock.js';
import { defaultMessageFor, defaultStatusFor, type FaultSchedule, type TerminalFault } from './faults.js';
import type { NonceStore } from './nonces.js';
import { collectParams, isFormContentType, toRecord, type RequestParams } from './params.js';
import type { RateLimiter } from './rate-limit.js';
import type { AcceptedMessage, RecordedRequest } from './records.js';
import { GARBAGE_BODY, newRequestId, renderAnswer } from './responses.js';
import { refuse, type Verdict } from './verdict.js';

/** Everything the request handler reads and writes; shared by the HTTP and HTTPS listeners. */
export interface EmulatorState {
  readonly accounts: readonly Account[];
  readonly clock: Clock;
  readonly nonces: NonceStore;
  /** Undefined when the run disabled rate limits. */
  readonly limiter: RateLimiter | undefined;
  readonly faults: FaultSchedule;
  readonly requests: RecordedRequest[];
  readonly messages: AcceptedMessage[];
  readonly onRequest: ((request: RecordedRequest) => void) | undefined;
  readonly onMessage: ((message: AcceptedMessage) => void) | undefined;
}

/** The request listener plus a way to stop its pending timers when the emulator closes. */
export interface RequestHandler {
  readonly listener: (req: IncomingMessage, res: ServerResponse) => void;
  /** Cancels pending delays; their requests are dropped with their sockets. */
  readonly shutdown: () => void;
}

// Aliyun refuses far smaller bodies; this only keeps a runaway client from eating memory.
const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

class ClientGone extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    // A destroyed request never ends: without this the handler would wait forever.
    req.on('close', () => {
      if (!req.complete) reject(new ClientGone());
    });
    req.on('error', reject);
  });
}

function resetSocket(req: IncomingMessage): void {
  // A TCP RST, not a polite FIN: that is what "connection reset" means to a client.
  const socket = req.socket;
  if (typeof socket.resetAndDestroy === 'function' && !socket.destroyed) {
    try {
      socket.resetAndDestroy();
      return;
    } catch {
      // TLS sockets may refuse a raw reset; a plain destroy is the next best thing.
    }
  }
  socket.destroy();
}

function faultVerdict(fault: TerminalFault): Verdict {
  switch (fault.kind) {
    case 'http-status': {
      const code = fault.status === 500 ? 'InternalError' : 'ServiceUnavailable';
      return refuse(code, fault.status, defaultMessageFor(code));
    }
    case 'aliyun-code':
      return refuse(fault.code, fault.status ?? defaultStatusFor(fault.code), fault.message ?? defaultMessageFor(fault.code));
    default:
      return refuse(`fault:${fault.kind}`, fault.kind === 'garbage' ? 200 : 0, `injected fault: ${fault.kind}`);
  }
}

/** Creates the listener that judges SendSms requests and plays injected faults. */
export function createRequestHandler(state: EmulatorState): RequestHandler {
  let seq = 0;
  let closed = false;
  const timers = new Map<NodeJS.Timeout, () => void>();

  const wait = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve(true);
      }, ms);
      timers.set(timer, () => {
        resolve(false);
      });
    });

  const record = (entry: RecordedRequest): void => {
    state.requests.push(entry);
    state.onRequest?.(entry);
  };

  const send = (res: ServerResponse, verdict: Verdict, requestId: string, params: RequestParams, bizId?: string): void => {
    const answer = renderAnswer(verdict, requestId, params.values.get('Format'), bizId);
    res.writeHead(verdict.httpStatus, {
      'content-type': answer.contentType,
      'content-length': Buffer.byteLength(answer.body),
      'x-acs-request-id': requestId,
    });
    res.end(answer.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const receivedAt = state.clock.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const { delayMs, terminal } = state.faults.next();
    seq += 1;
    const base = { seq, receivedAt, method, path: url.pathname, fault: terminal, delayMs };
    // False when the emulator closed during the delay: the request is then dropped with its socket.
    const pause = async (ms: number): Promise<boolean> => {
      if (ms <= 0 || (await wait(ms))) return true;
      req.socket.destroy();
      return false;
    };

    if (terminal?.kind === 'hang' || terminal?.kind === 'reset-before-body') {
      if (!(await pause(delayMs))) return;
      // Only the query is recorded: the body is never parsed, so nothing was acted on.
      const params = collectParams(url.search, undefined);
      record({ ...base, params: toRecord(params.values), verdict: faultVerdict(terminal), answered: false, requestId: undefined });
      // A hang drains the body so the client sees its request fully sent, then waits forever.
      if (terminal.kind === 'reset-before-body') resetSocket(req);
      else req.resume();
      return;
    }

    // The body is read before any delay, as Aliyun would have it in hand: a client that gives
    // up during the delay does not stop the request from being processed.
    let body: string;
    try {
      body = await readBody(req);
    } catch (error) {
      const params = collectParams(url.search, undefined);
      if (error instanceof ClientGone) {
        const verdict = refuse('client-closed', 0, 'The client closed the connection before sending the whole body.');
        record({ ...base, params: toRecord(params.values), verdict, answered: false, requestId: undefined });
        return;
      }
      if (!(error instanceof BodyTooLarge)) throw error;
      const verdict = refuse('InvalidParameter', 413, `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
      const requestId = newRequestId();
      record({ ...base, params: toRecord(params.values), verdict, answered: true, requestId });
      res.setHeader('connection', 'close');
      send(res, verdict, requestId, params);
      return;
    }
    if (!(await pause(delayMs))) return;
    const params = collectParams(url.search, isFormContentType(req.headers['content-type']) ? body : undefined);
    const paramRecord = toRecord(params.values);
    const requestId = newRequestId();

    if (terminal !== undefined && terminal.kind !== 'reset-after-body') {
      const verdict = faultVerdict(terminal);
      record({ ...base, params: paramRecord, verdict, answered: true, requestId });
      if (terminal.kind === 'garbage') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(GARBAGE_BODY) });
        res.end(GARBAGE_BODY);
      } else {
        send(res, verdict, requestId, params);
      }
      return;
    }

    const { verdict, message } = judgeRequest({
      method,
      path: url.pathname,
      params,
      requestId,
      now: state.clock.now(),
      accounts: state.accounts,
      nonces: state.nonces,
      limiter: state.limiter,
    });
    const answered = terminal === undefined;
    record({ ...base, params: paramRecord, verdict, answered, requestId });
    if (message !== undefined) {
      state.messages.push(message);
      state.onMessage?.(message);
    }
    if (answered) send(res, verdict, requestId, params, message?.bizId);
    else resetSocket(req);
  };

  return {
    listener: (req, res) => {
      handle(req, res).catch((error: unknown) => {
        // An emulator bug must not look like an Aliyun answer the caller could misread as real.
        const detail = error instanceof Error ? error.message : String(error);
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`emulator internal error: ${detail}`);
        } else {
          req.socket.destroy();
        }
        if (!closed) process.emitWarning(`aliyun-sms emulator: ${detail}`);
      });
    },
    shutdown: () => {
      closed = true;
      for (const [timer, cancel] of timers) {
        clearTimeout(timer);
        cancel();
      }
      timers.clear();
    },
  };
}
