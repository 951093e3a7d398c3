import type { IncomingMessage, ServerResponse } from 'node:http';
import { renderFault, renderJudgement, wantsJson, faultVerdict } from './answer.js';
import type { ApiModule } from './apis/api.js';
import type { Clock } from './clock.js';
import type { CredentialStore } from './credentials.js';
import type { FaultSchedule } from './faults.js';
import { actionOf, flattenHeaders, incomingCall, recordedHeaders, signatureVersionOf, type CallHead } from './incoming.js';
import { addressedApi, judge } from './judge.js';
import type { NonceStore } from './nonces.js';
import { collectParams, toRecord } from './params.js';
import type { AcceptedMessage, RecordedRequest } from './records.js';
import { echoBody, GARBAGE_BODY, newRequestId, type RenderedAnswer } from './responses.js';
import { parseV3Authorization } from './signature-v3.js';
import { refuse, type Verdict } from './verdict.js';

/** Everything the request handler reads and writes; shared by the HTTP and HTTPS listeners. */
export interface EmulatorState {
  readonly clock: Clock;
  readonly nonces: NonceStore;
  readonly credentials: CredentialStore;
  readonly apis: readonly ApiModule[];
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

function readBody(req: IncomingMessage): Promise<Buffer> {
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
      resolve(Buffer.concat(chunks));
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

/** What the record says about how the request was framed and signed. */
function framing(call: CallHead): Pick<RecordedRequest, 'action' | 'version' | 'signatureVersion' | 'signature' | 'headers'> {
  const signatureVersion = signatureVersionOf(call);
  const { action, version } = actionOf(call, signatureVersion);
  const authorization = call.headers.authorization ?? '';
  const signature = signatureVersion === 'v3' ? parseV3Authorization(authorization)?.signature : call.params.values.get('Signature');
  return { action, version, signatureVersion, signature, headers: recordedHeaders(call.headers) };
}

/** Creates the listener that judges requests for every API and plays injected faults. */
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

  const write = (res: ServerResponse, status: number, answer: RenderedAnswer, requestId: string | undefined): void => {
    res.writeHead(status, {
      'content-type': answer.contentType,
      'content-length': Buffer.byteLength(answer.body),
      // From the emulator clock, so a test that moves the clock also moves what a config doctor reads.
      date: state.clock.now().toUTCString(),
      ...(requestId === undefined ? {} : { 'x-acs-request-id': requestId }),
    });
    res.end(answer.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const receivedAt = state.clock.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const headers = flattenHeaders(req.headers);
    const { delayMs, terminal } = state.faults.next();
    seq += 1;
    const base = { seq, receivedAt, method, path: url.pathname, fault: terminal, delayMs };
    // Before the body is read only the query and headers are known.
    const early: CallHead = { headers, params: collectParams(url.search, undefined) };
    // False when the emulator closed during the delay: the request is then dropped with its socket.
    const pause = async (ms: number): Promise<boolean> => {
      if (ms <= 0 || (await wait(ms))) return true;
      req.socket.destroy();
      return false;
    };

    if (terminal?.kind === 'hang' || terminal?.kind === 'reset-before-body') {
      if (!(await pause(delayMs))) return;
      // Only the query is recorded: the body is never parsed, so nothing was acted on.
      record({ ...base, ...framing(early), params: toRecord(early.params.values), verdict: faultVerdict(terminal), answered: false, requestId: undefined });
      // A hang drains the body so the client sees its request fully sent, then waits forever.
      if (terminal.kind === 'reset-before-body') resetSocket(req);
      else req.resume();
      return;
    }

    // The body is read before any delay, as Aliyun would have it in hand: a client that gives
    // up during the delay does not stop the request from being processed.
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      const params = toRecord(early.params.values);
      if (error instanceof ClientGone) {
        const verdict = refuse('client-closed', 0, 'The client closed the connection before sending the whole body.');
        record({ ...base, ...framing(early), params, verdict, answered: false, requestId: undefined });
        return;
      }
      if (!(error instanceof BodyTooLarge)) throw error;
      const verdict = refuse('InvalidParameter', 413, `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
      const requestId = newRequestId();
      record({ ...base, ...framing(early), params, verdict, answered: true, requestId });
      res.setHeader('connection', 'close');
      write(res, verdict.httpStatus, renderFault(verdict, requestId, wantsJson(early), addressedApi(early, state.apis)), requestId);
      return;
    }
    if (!(await pause(delayMs))) return;
    const call = incomingCall(method, url, headers, body);
    const requestId = newRequestId();
    const recorded = { ...base, ...framing(call), params: toRecord(call.params.values), requestId };

    if (terminal !== undefined && terminal.kind !== 'reset-after-body') {
      const verdict: Verdict = faultVerdict(terminal);
      record({ ...recorded, verdict, answered: true });
      if (terminal.kind === 'garbage') {
        write(res, 200, { contentType: 'text/html', body: GARBAGE_BODY }, undefined);
      } else if (terminal.kind === 'echo') {
        const echoed = JSON.stringify(echoBody(body.toString('utf8'), headers));
        write(res, verdict.httpStatus, { contentType: 'application/json;charset=utf-8', body: echoed }, requestId);
      } else {
        write(res, verdict.httpStatus, renderFault(verdict, requestId, wantsJson(call), addressedApi(call, state.apis)), requestId);
      }
      return;
    }

    const judgement = judge(call, { now: state.clock.now(), credentials: state.credentials, nonces: state.nonces, apis: state.apis, requestId });
    const answered = terminal === undefined;
    record({ ...recorded, verdict: judgement.verdict, answered });
    if (judgement.message !== undefined) {
      state.messages.push(judgement.message);
      state.onMessage?.(judgement.message);
    }
    const { action } = actionOf(call, judgement.signatureVersion);
    if (answered) write(res, judgement.verdict.httpStatus, renderJudgement(judgement, requestId, wantsJson(call), action), requestId);
    else resetSocket(req);
  };

  return {
    listener: (req, res) => {
      handle(req, res).catch((error: unknown) => {
        // An emulator bug must not look like an Aliyun answer the caller could misread as real.
        const detail = error instanceof Error ? error.message : String(error);
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain', date: state.clock.now().toUTCString() });
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
