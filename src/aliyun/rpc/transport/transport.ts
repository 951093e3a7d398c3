// The connector's only network I/O: one HTTP attempt, never thrown, always an outcome that says
// whether the request can have reached Aliyun. The retry policy decides what to do with it.
import { Agent as HttpAgent, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { Agent as HttpsAgent } from 'node:https';
import { TLSSocket } from 'node:tls';

import got, { CancelError, RequestError, TimeoutError, type Got } from 'got';

import { createProxyAgents, createProxyRouter, type ProxyRouter } from './proxy-agents.js';
import { readProxySettings, type ProxyEnvironment } from './proxy-environment.js';

type Timings = RequestError['timings'];

/**
 * Longest wait for a connection (TCP, then TLS), within the attempt's budget: Aliyun's gateways
 * accept in milliseconds, so a connection not made by then is better abandoned while enough of
 * the deadline remains to retry it (nothing was sent).
 */
export const connectTimeoutMs = 3000;

/** Largest answer read, in bytes: Aliyun's are under 2 KiB; anything near this is not Aliyun's. */
export const maximumAnswerBytes = 64 * 1024;

/** Failures that happen before a single byte of the request can have reached the server. */
export type NeverSentFailure = 'connection-refused' | 'dns' | 'connect-timeout' | 'connect-failed' | 'tls';

/** Failures after which the server may have received, and acted on, the request. */
export type MaybeSentFailure = 'timeout' | 'reset' | 'network';

/** Where the attempt went, safe to show administrators. */
export type Destination = { host: string; port: number };

/** What one attempt came to. */
export type AttemptOutcome =
  | {
      kind: 'answered';
      statusCode: number;
      body: string;
      contentType: string | undefined;
      /** The answer's HTTP Date header, Aliyun's clock. */
      date: string | undefined;
    }
  | { kind: 'too-large'; statusCode: number; contentType: string | undefined }
  | { kind: 'never-sent'; failure: NeverSentFailure; destination: Destination }
  | { kind: 'maybe-sent'; failure: MaybeSentFailure; destination: Destination };

/** One form POST. */
export type AttemptRequest = {
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  /** This attempt's share of the send's deadline. */
  timeoutMs: number;
};

// Idle keep-alive sockets are closed after 4 s, below the idle timeouts of the servers and load
// balancers in front of Aliyun's APIs (Node's own is 5 s, nginx's 75 s, load balancers' 15 s and
// up): a socket the server already closed would fail a request after it was written, an outcome
// we must treat as "maybe sent" and so could not retry.
const idleSocketTimeoutMs = 4000;
const agentOptions = { keepAlive: true, timeout: idleSocketTimeoutMs, scheduling: 'lifo' } as const;

/**
 * The got options every attempt shares. The bundle leaves out got's HTTP/2 client, response
 * cache and DNS cache (tsup.config.ts), so http2 and cache stay off and dnsCache stays unset.
 */
export const fixedOptions = {
  method: 'POST',
  retry: { limit: 0 },
  throwHttpErrors: false,
  // A redirect is never Aliyun's answer to a signed call; following it would post the signed
  // form (and the code) to another host.
  followRedirect: false,
  // Without decompression the byte cap below counts what is held in memory.
  decompress: false,
  responseType: 'text',
  http2: false,
  cache: false,
} as const;

/** A got client with its agents, and whether they tunnel through a proxy. */
type Route = { client: Got; proxied: boolean };

// Created once at module load with every fixed option merged, so a send only adds its URL,
// body, headers and timeout.
const directRoute: Route = {
  client: got.extend({
    ...fixedOptions,
    agent: { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) },
  }),
  proxied: false,
};

const proxiedRoute = (proxy: URL): Route => ({
  client: got.extend({ ...fixedOptions, agent: createProxyAgents(proxy, agentOptions) }),
  proxied: true,
});

const tlsErrorCode = /^(?:ERR_TLS_|ERR_SSL_)|CERT|SELF_SIGNED|UNABLE_TO_(?:GET|VERIFY)|EPROTO$/;

const dnsErrorCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);

const resetErrorCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** Whether the socket never finished connecting (and, for https, its TLS handshake): nothing was written. */
export const neverConnected = (timings: Timings | undefined, secure: boolean): boolean =>
  timings === undefined ||
  timings.connect === undefined ||
  (secure && timings.secureConnect === undefined);

const destinationOf = (url: URL): Destination => ({
  host: url.hostname,
  port: url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
});

/** The host and port a URL names (the scheme's default port when none is given). */
export const destinationOfUrl = (url: string): Destination => destinationOf(new URL(url));

/** Reads a got failure as an outcome; got's error itself never leaves (its options hold the body). */
export const classifyRequestError = (
  error: unknown,
  destination: Destination,
  secure: boolean
): AttemptOutcome => {
  const code = error instanceof RequestError ? error.code : undefined;
  const timings = error instanceof RequestError ? error.timings : undefined;
  if (code === 'ECONNREFUSED') {
    return { kind: 'never-sent', failure: 'connection-refused', destination };
  }
  if (code !== undefined && dnsErrorCodes.has(code)) {
    return { kind: 'never-sent', failure: 'dns', destination };
  }
  // The connection being up is the line between "never sent" and "may have been sent": the
  // request goes out as soon as it is up. The request's own 'finish' draws no such line: a TLS
  // socket fires it for a request still buffered before a handshake that then fails, and bytes
  // leave at the write, before any 'finish' is reported for them.
  const unconnected = neverConnected(timings, secure);
  // So a TLS error is a refused certificate or handshake only while the connection is not up;
  // after that it (a corrupted record, an alert) is as ambiguous as a reset.
  if (unconnected && code !== undefined && tlsErrorCode.test(code)) {
    return { kind: 'never-sent', failure: 'tls', destination };
  }
  if (error instanceof TimeoutError) {
    return unconnected
      ? { kind: 'never-sent', failure: 'connect-timeout', destination }
      : { kind: 'maybe-sent', failure: 'timeout', destination };
  }
  if (unconnected && timings !== undefined) {
    // Reset or closed while connecting: the request was still buffered on our side.
    return { kind: 'never-sent', failure: 'connect-failed', destination };
  }
  const reset =
    (code !== undefined && resetErrorCodes.has(code)) ||
    (error instanceof Error && error.message.includes('socket hang up'));
  return { kind: 'maybe-sent', failure: reset ? 'reset' : 'network', destination };
};

const contentLengthOf = (value: string | undefined): number | undefined => {
  const length = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(length) ? length : undefined;
};

/** Posts a form once over the given route, with a timeout and a byte cap; never rejects. */
const postVia = async ({ client, proxied }: Route, request: AttemptRequest): Promise<AttemptOutcome> => {
  // The URL as text: got parses it into a URL of its own whatever it is given, and the
  // destination is read from it only when an attempt fails.
  const secure = /^https:/i.test(request.url);
  const pending = client(request.url, {
    body: request.body,
    headers: request.headers,
    timeout: { request: request.timeoutMs },
  });
  let head: { statusCode: number; contentType: string | undefined } = { statusCode: 0, contentType: undefined };
  // An object, not lets: the flags are set in event handlers the compiler cannot follow.
  const state: { exceeded: boolean; connectTimedOut: boolean; tunnelReady: boolean; connectTimer?: NodeJS.Timeout } = {
    exceeded: false,
    connectTimedOut: false,
    tunnelReady: false,
  };
  const dropOversized = () => {
    state.exceeded = true;
    // Cancelling destroys the socket: the rest of the answer is never read.
    pending.cancel();
  };
  const armConnectTimer = () => {
    state.connectTimer = setTimeout(() => {
      state.connectTimedOut = true;
      pending.cancel();
    }, Math.min(request.timeoutMs, connectTimeoutMs));
  };
  void pending.on('request', (clientRequest) => {
    // Through a proxy, the request gets its socket only once the proxy has opened the tunnel:
    // until then not a byte of it can have left, so the connect deadline runs from the start.
    if (proxied) {
      armConnectTimer();
    }
    // Only a new socket gets a connect deadline: a reused keep-alive one is connected already,
    // and arming got's own connect timeouts on every request would cost each send timers and
    // listeners it almost never needs.
    clientRequest.once('socket', (socket: Socket) => {
      clearTimeout(state.connectTimer);
      if (proxied) {
        // The tunnel's socket arrives connected; a new one still has its TLS handshake ahead,
        // and nothing of the request reaches the wire before that handshake is done.
        if (!(socket instanceof TLSSocket) || socket.authorized) {
          state.tunnelReady = true;
          return;
        }
        armConnectTimer();
        socket.once('secureConnect', () => {
          state.tunnelReady = true;
          clearTimeout(state.connectTimer);
        });
        return;
      }
      if (!socket.connecting) {
        return;
      }
      armConnectTimer();
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(state.connectTimer);
      });
    });
    // got's promise reports 'response' only once the whole body is read: the native request's
    // own 'response' event gives the status and headers as soon as they arrive.
    clientRequest.once('response', (response: IncomingMessage) => {
      const contentType = response.headers['content-type'];
      head = { statusCode: response.statusCode ?? 0, contentType };
      const declared = contentLengthOf(response.headers['content-length']);
      if (declared !== undefined && declared > maximumAnswerBytes) {
        dropOversized();
      }
    });
  });
  void pending.on('downloadProgress', ({ transferred }) => {
    if (transferred > maximumAnswerBytes && !state.exceeded) {
      dropOversized();
    }
  });
  try {
    const response = await pending;
    return {
      kind: 'answered',
      statusCode: response.statusCode,
      // The raw bytes as text: with decompression off, got's body of a compressed answer would
      // be a Buffer; as text it is simply not an Aliyun answer.
      body: response.rawBody.toString('utf8'),
      contentType: response.headers['content-type'],
      date: response.headers.date,
    };
  } catch (error: unknown) {
    if (error instanceof CancelError && state.exceeded) {
      return { kind: 'too-large', ...head };
    }
    if (error instanceof CancelError && state.connectTimedOut) {
      return { kind: 'never-sent', failure: 'connect-timeout', destination: destinationOfUrl(request.url) };
    }
    // got's timer cannot see a tunnelled socket's handshake (it is handed a socket already
    // connected, and records no secureConnect for it): through a proxy, whether the handshake
    // was done is what this attempt saw itself.
    return classifyRequestError(error, destinationOfUrl(request.url), secure && !state.tunnelReady);
  } finally {
    clearTimeout(state.connectTimer);
  }
};

/** A transport whose routes follow the proxy variables of `environment`, read once, now. */
export const createTransport = (
  environment: ProxyEnvironment
): { postForm: (request: AttemptRequest) => Promise<AttemptOutcome> } => {
  const route: ProxyRouter<Route> = createProxyRouter(readProxySettings(environment), directRoute, proxiedRoute);
  return { postForm: async (request) => postVia(route(request.url), request) };
};

let processTransport: ReturnType<typeof createTransport> | undefined;

/**
 * Posts a form once, with a timeout and a byte cap; resolves with an outcome, never rejects.
 * Goes through the proxy HTTPS_PROXY / http_proxy / NO_PROXY name, read on the first send.
 */
export const postForm = async (request: AttemptRequest): Promise<AttemptOutcome> => {
  processTransport ??= createTransport(process.env);
  return processTransport.postForm(request);
};
