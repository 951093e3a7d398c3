import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { gzipSync } from 'node:zlib';

import got, { Options, RequestError, TimeoutError } from 'got';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { startCorruptingRelay } from '../../../../test/support/corrupting-relay.js';
import { closedLoopbackPort } from '../../../../test/support/ports.js';
import { generateCertificate, generateLoopbackCertificate, type TlsMaterial } from '../../../../tools/emulator/tls.js';

import {
  classifyRequestError,
  connectTimeoutMs,
  fixedOptions,
  maximumAnswerBytes,
  neverConnected,
  postForm,
  type AttemptOutcome,
  type AttemptRequest,
} from './transport.js';

type Handler = (incoming: IncomingMessage, outgoing: ServerResponse) => void;

const openServers: Array<Server | NetServer> = [];
const openSockets = new Set<Socket>();

const portOf = (server: Server | NetServer): number => {
  const address = server.address();
  if (address === null || typeof address === 'string') {
    throw new TypeError('the test server has no TCP address');
  }
  return address.port;
};

const listening = async (server: Server | NetServer): Promise<number> => {
  openServers.push(server);
  server.on('connection', (socket: Socket) => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(portOf(server));
    });
  });
};

/** A loopback HTTP server; resolves with its port. */
const httpServer = async (handler: Handler): Promise<number> => listening(createServer(handler));

/** A loopback HTTPS server with the given certificate; resolves with its port. */
const httpsServer = async (tls: TlsMaterial, handler: Handler): Promise<number> =>
  listening(createHttpsServer({ key: tls.key, cert: tls.cert }, handler));

/** A loopback TCP server that accepts connections and hands the socket over; resolves with its port. */
const tcpServer = async (onSocket: (socket: Socket) => void): Promise<number> => listening(createNetServer(onSocket));

afterEach(async () => {
  for (const socket of openSockets) {
    socket.destroy();
  }
  await Promise.all(
    openServers.splice(0).map(
      async (server) =>
        new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        })
    )
  );
});

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
const post = async (url: string, overrides: Partial<AttemptRequest> = {}): Promise<AttemptOutcome> =>
  postForm({ url, headers: formHeaders, body: 'Action=SendSms&PhoneNumbers=13800138000', timeoutMs: 5000, ...overrides });

/** Reads the whole request before the handler acts, as Aliyun would. */
const afterRequest =
  (then: (incoming: IncomingMessage, outgoing: ServerResponse) => void): Handler =>
  (incoming, outgoing) => {
    incoming.resume();
    incoming.on('end', () => {
      then(incoming, outgoing);
    });
  };

/** A deferred the server side settles, so a test can wait for what the server saw. */
const deferred = <T>() => {
  let settle: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
};

const okBody = JSON.stringify({ Code: 'OK', Message: 'OK', RequestId: 'REQ', BizId: '1^0' });

describe('postForm answers', () => {
  it('posts the form as given and returns status, body, type and Date', async () => {
    const seen = deferred<{ method: string | undefined; url: string | undefined; headers: IncomingHttpHeaders; body: string }>();
    const port = await httpServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        seen.settle({ method: incoming.method, url: incoming.url, headers: incoming.headers, body: Buffer.concat(chunks).toString() });
        outgoing.writeHead(200, { 'content-type': 'application/json;charset=utf-8', date: 'Wed, 01 Jan 2025 12:00:00 GMT' });
        outgoing.end(okBody);
      });
    });
    const outcome = await post(`http://127.0.0.1:${port}/`, { headers: { ...formHeaders, 'x-test': 'yes' } });
    expect(outcome).toEqual({
      kind: 'answered',
      statusCode: 200,
      body: okBody,
      contentType: 'application/json;charset=utf-8',
      date: 'Wed, 01 Jan 2025 12:00:00 GMT',
    });
    const request = await seen.promise;
    expect(request).toMatchObject({ method: 'POST', url: '/', body: 'Action=SendSms&PhoneNumbers=13800138000' });
    expect(request.headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded', 'x-test': 'yes' });
    // Without decompression the connector asks for none, so the byte cap counts what it holds.
    expect(request.headers['accept-encoding']).toBeUndefined();
  });

  it('returns an error status as an answer, not a failure', async () => {
    const port = await httpServer(
      afterRequest((_incoming, outgoing) => {
        outgoing.writeHead(503, { 'content-type': 'text/html' });
        outgoing.end('<html>Service Unavailable</html>');
      })
    );
    expect(await post(`http://127.0.0.1:${port}/`)).toMatchObject({
      kind: 'answered',
      statusCode: 503,
      body: '<html>Service Unavailable</html>',
      contentType: 'text/html',
    });
  });

  it('does not follow a redirect: the other server receives nothing', async () => {
    let elsewhereReceived = 0;
    const elsewhere = await httpServer((incoming, outgoing) => {
      elsewhereReceived += 1;
      incoming.resume();
      outgoing.end(okBody);
    });
    const port = await httpServer(
      afterRequest((_incoming, outgoing) => {
        outgoing.writeHead(302, { location: `http://127.0.0.1:${elsewhere}/` });
        outgoing.end(okBody);
      })
    );
    expect(await post(`http://127.0.0.1:${port}/`)).toMatchObject({ kind: 'answered', statusCode: 302, body: okBody });
    expect(elsewhereReceived).toBe(0);
  });

  it('reuses a kept-alive connection for the next attempt', async () => {
    const clientPorts: Array<number | undefined> = [];
    const port = await httpServer(
      afterRequest((incoming, outgoing) => {
        clientPorts.push(incoming.socket.remotePort);
        outgoing.end(okBody);
      })
    );
    await post(`http://127.0.0.1:${port}/`);
    await post(`http://127.0.0.1:${port}/`);
    expect(clientPorts).toHaveLength(2);
    expect(clientPorts[1]).toBe(clientPorts[0]);
  });

  // got's promise sets body to the raw Buffer when a response is content-encoded and
  // decompress is off; the transport must still hand over text.
  it('returns a compressed answer as text, undecoded', async () => {
    const port = await httpServer(
      afterRequest((_incoming, outgoing) => {
        outgoing.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        outgoing.end(gzipSync(okBody));
      })
    );
    const outcome = await post(`http://127.0.0.1:${port}/`);
    expect(outcome.kind).toBe('answered');
    expect(outcome.kind === 'answered' && typeof outcome.body).toBe('string');
  });
});

describe('the got options of every attempt', () => {
  // lib/ is built without got's HTTP/2 client, response cache and DNS cache (tsup.config.ts):
  // an option that turned one on would throw in the bundle only.
  it('keep HTTP/2 and the response cache off and leave the DNS cache unset', () => {
    expect(fixedOptions.http2).toBe(false);
    expect(fixedOptions.cache).toBe(false);
    expect(Object.keys(fixedOptions)).not.toContain('dnsCache');
  });
});

describe('postForm reads at most 64 KiB', () => {
  it('is 64 KiB', () => {
    expect(maximumAnswerBytes).toBe(65_536);
  });

  it('reads an answer of exactly 64 KiB, declared by content-length', async () => {
    const port = await httpServer(
      afterRequest((_incoming, outgoing) => {
        outgoing.writeHead(200, { 'content-length': String(maximumAnswerBytes) });
        outgoing.end('x'.repeat(maximumAnswerBytes));
      })
    );
    const outcome = await post(`http://127.0.0.1:${port}/`);
    expect(outcome.kind === 'answered' && outcome.body.length).toBe(maximumAnswerBytes);
  });

  it('reads an answer of exactly 64 KiB, chunked', async () => {
    const port = await httpServer(
      afterRequest((_incoming, outgoing) => {
        outgoing.write('x'.repeat(maximumAnswerBytes / 2));
        outgoing.end('x'.repeat(maximumAnswerBytes / 2));
      })
    );
    const outcome = await post(`http://127.0.0.1:${port}/`);
    expect(outcome.kind === 'answered' && outcome.body.length).toBe(maximumAnswerBytes);
  });

  it('refuses one byte more, chunked', async () => {
    const port = await httpServer(
      afterRequest((_incoming, outgoing) => {
        outgoing.write('x'.repeat(maximumAnswerBytes / 2));
        outgoing.end('x'.repeat(maximumAnswerBytes / 2 + 1));
      })
    );
    expect((await post(`http://127.0.0.1:${port}/`)).kind).toBe('too-large');
  });

  it('refuses a body over its declared content-length cap once it arrives', async () => {
    const port = await httpServer(
      afterRequest((_incoming, outgoing) => {
        outgoing.writeHead(200, { 'content-length': String(maximumAnswerBytes + 1) });
        outgoing.end('x'.repeat(maximumAnswerBytes + 1));
      })
    );
    expect((await post(`http://127.0.0.1:${port}/`)).kind).toBe('too-large');
  });

  /** A server streaming chunks without content-length until the client goes away. */
  const endlessServer = async () => {
    const closed = deferred<{ finished: boolean; written: number }>();
    const port = await httpServer(
      afterRequest((_incoming, outgoing) => {
        let written = 0;
        outgoing.writeHead(200, { 'content-type': 'text/plain' });
        outgoing.on('close', () => {
          closed.settle({ finished: outgoing.writableEnded, written });
        });
        const timer = setInterval(() => {
          if (outgoing.destroyed) {
            clearInterval(timer);
            return;
          }
          outgoing.write('y'.repeat(8192));
          written += 8192;
        }, 1);
      })
    );
    return { port, closed: closed.promise };
  };

  it('drops a streamed answer past the cap, closing the connection while the server still writes', async () => {
    const { port, closed } = await endlessServer();
    const outcome = await post(`http://127.0.0.1:${port}/`, { timeoutMs: 10_000 });
    expect(outcome.kind).toBe('too-large');
    const server = await closed;
    expect(server.finished).toBe(false);
    expect(server.written).toBeGreaterThan(maximumAnswerBytes);
  });

  // got's promise reports 'response' only after the whole body: the head must come from the
  // native request, or too-large would carry statusCode 0 and no contentType.
  it('says which status and type the oversized answer had', async () => {
    const { port } = await endlessServer();
    expect(await post(`http://127.0.0.1:${port}/`, { timeoutMs: 10_000 })).toEqual({
      kind: 'too-large',
      statusCode: 200,
      contentType: 'text/plain',
    });
  });

  // Else a server that declares more than 64 KiB and trickles it holds the connection until the
  // deadline, and the outcome is maybe-sent/timeout.
  it('drops an answer whose content-length is over the cap as soon as its head arrives', async () => {
    const closed = deferred<boolean>();
    const port = await httpServer(
      afterRequest((_incoming, outgoing) => {
        outgoing.writeHead(200, { 'content-length': String(maximumAnswerBytes + 1) });
        outgoing.write('x'.repeat(1000));
        outgoing.on('close', () => {
          closed.settle(outgoing.writableEnded);
        });
      })
    );
    const outcome = await post(`http://127.0.0.1:${port}/`, { timeoutMs: 1500 });
    expect(outcome.kind).toBe('too-large');
    expect(await closed.promise).toBe(false);
  });
});

describe('postForm failures', () => {
  let trusted: TlsMaterial;
  let untrusted: TlsMaterial;
  let otherName: TlsMaterial;
  let defaultCas: string[];

  beforeAll(() => {
    trusted = generateLoopbackCertificate();
    untrusted = generateLoopbackCertificate();
    otherName = generateCertificate({ dnsNames: ['elsewhere.example'] });
    defaultCas = getCACertificates('default');
    // Trusted for this file only, as NODE_EXTRA_CA_CERTS would make them.
    setDefaultCACertificates([...defaultCas, trusted.cert, otherName.cert]);
  });

  afterAll(() => {
    setDefaultCACertificates(defaultCas);
  });

  const timed = async (run: () => Promise<AttemptOutcome>) => {
    const started = performance.now();
    const outcome = await run();
    return { outcome, took: performance.now() - started };
  };

  it('reads a refused connection as never sent, naming host and port', async () => {
    const port = await closedLoopbackPort();
    expect(await post(`http://127.0.0.1:${port}/`)).toEqual({
      kind: 'never-sent',
      failure: 'connection-refused',
      destination: { host: '127.0.0.1', port },
    });
  });

  it.each([
    ['http', 80],
    ['https', 443],
  ])('reads an unresolvable %s host as never sent, on the default port %i', async (scheme, port) => {
    expect(await post(`${scheme}://dysmsapi.does-not-exist.invalid/`)).toEqual({
      kind: 'never-sent',
      failure: 'dns',
      destination: { host: 'dysmsapi.does-not-exist.invalid', port },
    });
  });

  it('reads a TLS handshake that never completes as a connect timeout, within the deadline', async () => {
    // The socket connects, but the server never answers the ClientHello: no byte of the HTTP
    // request was written (got's timings: connect set, secureConnect undefined).
    const port = await tcpServer(() => undefined);
    const { outcome, took } = await timed(async () => post(`https://127.0.0.1:${port}/`, { timeoutMs: 500 }));
    expect(outcome).toEqual({ kind: 'never-sent', failure: 'connect-timeout', destination: { host: '127.0.0.1', port } });
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(2000);
  });

  it(`gives up on a connection after ${connectTimeoutMs} ms even with more budget, so a retry still fits`, async () => {
    const port = await tcpServer(() => undefined);
    const { outcome, took } = await timed(async () => post(`https://127.0.0.1:${port}/`, { timeoutMs: 10_000 }));
    expect(outcome).toMatchObject({ kind: 'never-sent', failure: 'connect-timeout' });
    expect(took).toBeGreaterThanOrEqual(connectTimeoutMs - 100);
    expect(took).toBeLessThan(connectTimeoutMs + 1500);
  });

  it('reads the same silent socket over plain HTTP as maybe sent: the request was written', async () => {
    const received = deferred<boolean>();
    const port = await tcpServer((socket) => {
      socket.once('data', () => {
        received.settle(true);
      });
    });
    const outcome = await post(`http://127.0.0.1:${port}/`, { timeoutMs: 500 });
    expect(outcome).toMatchObject({ kind: 'maybe-sent', failure: 'timeout' });
    expect(await received.promise).toBe(true);
  });

  it('answers over TLS with a trusted certificate', async () => {
    const port = await httpsServer(trusted, afterRequest((_incoming, outgoing) => outgoing.end(okBody)));
    expect(await post(`https://127.0.0.1:${port}/`)).toMatchObject({ kind: 'answered', statusCode: 200, body: okBody });
  });

  it.each([
    ['an untrusted self-signed certificate', () => untrusted],
    ['a trusted certificate for another name', () => otherName],
  ])('reads %s as a TLS failure, never sent', async (_name, certificate) => {
    let received = 0;
    const port = await httpsServer(certificate(), (incoming, outgoing) => {
      received += 1;
      incoming.resume();
      outgoing.end(okBody);
    });
    expect(await post(`https://127.0.0.1:${port}/`)).toEqual({
      kind: 'never-sent',
      failure: 'tls',
      destination: { host: '127.0.0.1', port },
    });
    expect(received).toBe(0);
  });

  it('reads a TLS stream corrupted after the server read the whole request as maybe sent, not as a TLS failure', async () => {
    let received = 0;
    const port = await httpsServer(
      trusted,
      afterRequest((_incoming, outgoing) => {
        received += 1;
        outgoing.end(okBody);
      })
    );
    // The answer's first bytes come after the server counted the request: they become junk.
    const relay = await startCorruptingRelay(port, () => received > 0);
    try {
      expect(await post(`https://127.0.0.1:${relay.port}/`)).toEqual({
        kind: 'maybe-sent',
        failure: 'network',
        destination: { host: '127.0.0.1', port: relay.port },
      });
      expect(received).toBe(1);
      expect(relay.connections()).toBe(1);
    } finally {
      await relay.close();
    }
  });

  it('reads https spoken to a plain HTTP port as a TLS failure', async () => {
    let received = 0;
    const port = await httpServer((incoming, outgoing) => {
      received += 1;
      incoming.resume();
      outgoing.end(okBody);
    });
    expect(await post(`https://127.0.0.1:${port}/`)).toMatchObject({ kind: 'never-sent', failure: 'tls' });
    expect(received).toBe(0);
  });

  it('reads a reset during the TLS handshake as never sent', async () => {
    const port = await tcpServer((socket) => {
      socket.resetAndDestroy();
    });
    expect(await post(`https://127.0.0.1:${port}/`)).toEqual({ kind: 'never-sent', failure: 'connect-failed', destination: { host: '127.0.0.1', port } });
  });

  it('reads a reset after the request was read as maybe sent', async () => {
    const port = await httpServer(
      afterRequest((incoming) => {
        incoming.socket.resetAndDestroy();
      })
    );
    expect(await post(`http://127.0.0.1:${port}/`)).toEqual({
      kind: 'maybe-sent',
      failure: 'reset',
      destination: { host: '127.0.0.1', port },
    });
  });

  it('reads a connection closed without an answer as a reset, maybe sent', async () => {
    const port = await httpServer(
      afterRequest((incoming) => {
        incoming.socket.destroy();
      })
    );
    expect(await post(`http://127.0.0.1:${port}/`)).toMatchObject({ kind: 'maybe-sent', failure: 'reset' });
  });

  it('reads a server that read the request and never answered as a timeout, within the deadline', async () => {
    const port = await httpServer(afterRequest(() => undefined));
    const { outcome, took } = await timed(async () => post(`http://127.0.0.1:${port}/`, { timeoutMs: 400 }));
    expect(outcome).toEqual({ kind: 'maybe-sent', failure: 'timeout', destination: { host: '127.0.0.1', port } });
    expect(took).toBeGreaterThanOrEqual(380);
    expect(took).toBeLessThan(1500);
  });

  it('reads the scheme from the start of the URL: an http endpoint whose path says https: is plain http', async () => {
    // Read as TLS, the connected plain socket would never report a handshake, and a request
    // the server holds would pass for one that was never sent, and so for one safe to retry.
    const port = await httpServer(afterRequest(() => undefined));
    expect(await post(`http://127.0.0.1:${port}/https:/`, { timeoutMs: 400 })).toMatchObject({
      kind: 'maybe-sent',
      failure: 'timeout',
    });
  });

  it.each(['http', 'https'])(
    'reads a timeout on a reused %s connection as maybe sent, never as a connect timeout',
    async (scheme) => {
      const clientPorts: Array<number | undefined> = [];
      const respond = afterRequest((incoming, outgoing) => {
        clientPorts.push(incoming.socket.remotePort);
        if (clientPorts.length === 1) {
          outgoing.end(okBody);
        }
      });
      const port = scheme === 'https' ? await httpsServer(trusted, respond) : await httpServer(respond);
      const url = `${scheme}://127.0.0.1:${port}/`;
      expect((await post(url)).kind).toBe('answered');
      expect(await post(url, { timeoutMs: 400 })).toMatchObject({ kind: 'maybe-sent', failure: 'timeout' });
      expect(clientPorts).toHaveLength(2);
      expect(clientPorts[1]).toBe(clientPorts[0]);
    }
  );

  it('keeps the request out of the outcome', async () => {
    const port = await httpServer(
      afterRequest((incoming) => {
        incoming.socket.resetAndDestroy();
      })
    );
    const outcome = await post(`http://127.0.0.1:${port}/`, { body: 'AccessKeyId=LTAI5tTransport&Signature=c2VjcmV0' });
    expect(Object.keys(outcome).sort()).toEqual(['destination', 'failure', 'kind']);
    expect(JSON.stringify(outcome)).not.toMatch(/LTAI5tTransport|c2VjcmV0/);
  });
});

describe('postForm and its connect deadline', () => {
  it('leaves no timer behind when the connection never came up', async () => {
    const port = await closedLoopbackPort();
    const armed = vi.spyOn(globalThis, 'setTimeout');
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    try {
      expect(await post(`http://127.0.0.1:${port}/`, { timeoutMs: 10_000 })).toMatchObject({ kind: 'never-sent', failure: 'connection-refused' });
      // The connect deadline (3 s here) must not outlive the attempt, holding the process open.
      const deadlines: unknown[] = [];
      armed.mock.calls.forEach((call, index) => {
        if (call[1] === connectTimeoutMs) {
          deadlines.push(armed.mock.results[index]?.value);
        }
      });
      expect(deadlines).toHaveLength(1);
      expect(cleared.mock.calls.map(([timer]) => timer)).toContain(deadlines[0]);
    } finally {
      armed.mockRestore();
      cleared.mockRestore();
    }
  });

  // The connect deadline ends when the connection is made (TLS included): an answer that takes
  // longer than it, but stays within the attempt's budget, is still read. Both schemes at once,
  // to wait the deadline out only once.
  it(`reads an answer that comes after the ${connectTimeoutMs} ms connect deadline, over new http and https connections`, async () => {
    const defaultCas = getCACertificates('default');
    const tls = generateLoopbackCertificate();
    setDefaultCACertificates([...defaultCas, tls.cert]);
    const slow = afterRequest((_incoming, outgoing) => {
      setTimeout(() => {
        outgoing.end(okBody);
      }, connectTimeoutMs + 300);
    });
    try {
      const [httpPort, httpsPort] = await Promise.all([httpServer(slow), httpsServer(tls, slow)]);
      const outcomes = await Promise.all([
        post(`http://127.0.0.1:${httpPort}/`, { timeoutMs: connectTimeoutMs + 3000 }),
        post(`https://127.0.0.1:${httpsPort}/`, { timeoutMs: connectTimeoutMs + 3000 }),
      ]);
      for (const outcome of outcomes) {
        expect(outcome).toMatchObject({ kind: 'answered', statusCode: 200, body: okBody });
      }
    } finally {
      setDefaultCACertificates(defaultCas);
    }
  }, 15_000);
});

describe('classifyRequestError', () => {
  const destination = { host: 'dysmsapi.aliyuncs.com', port: 443 };

  /** A got RequestError with the given code and timings, as got builds them from a socket error. */
  const requestError = (code: string, timings?: { connect?: number; secureConnect?: number; upload?: number }) => {
    const error = new RequestError(`failed with ${code}`, { code }, new Options());
    Object.defineProperty(error, 'timings', { value: timings === undefined ? undefined : { start: 0, phases: {}, ...timings } });
    return error;
  };
  const connected = { connect: 1, secureConnect: 2 };
  /** The whole request handed to the socket: got's timings after the request's 'finish'. */
  const written = { ...connected, upload: 3 };

  it.each([
    ['ECONNREFUSED', 'connection-refused'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['EAI_FAIL', 'dns'],
    ['EAI_NONAME', 'dns'],
  ])('reads %s as never sent (%s), whatever the timings say', (code, failure) => {
    expect(classifyRequestError(requestError(code, written), destination, true)).toEqual({ kind: 'never-sent', failure, destination });
  });

  const tlsCodes = [
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    'EPROTO',
  ];

  it.each(tlsCodes)('reads %s during the TLS handshake as a refused certificate (tls), never sent', (code) => {
    expect(classifyRequestError(requestError(code, { connect: 1 }), destination, true)).toEqual({ kind: 'never-sent', failure: 'tls', destination });
  });

  // What a relay that corrupts the stream after the request causes: the server may have read the
  // whole request and sent the SMS, so this must neither be retried nor called "nothing was sent".
  it.each([...tlsCodes, 'ERR_SSL_BAD_RECORD_TYPE', 'ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC'])(
    'reads %s after the request was written as a network failure, maybe sent',
    (code) => {
      expect(classifyRequestError(requestError(code, written), destination, true)).toEqual({ kind: 'maybe-sent', failure: 'network', destination });
    }
  );

  // The request's finish lags the wire (a TLS socket reports the write a turn later), so its
  // absence proves nothing once the connection is up.
  it.each([
    ['ERR_SSL_BAD_RECORD_TYPE', 'network'],
    ['ECONNRESET', 'reset'],
    ['EPIPE', 'reset'],
  ])('reads %s once the connection was up as maybe sent, even before the request’s finish was seen', (code, failure) => {
    expect(classifyRequestError(requestError(code, connected), destination, true)).toEqual({ kind: 'maybe-sent', failure, destination });
  });

  // What https to a plain HTTP port shows: the TLS socket took the request into its buffer and
  // the request's finish fired, yet the handshake never completed, so nothing was on the wire.
  it('reads a TLS error before the handshake completed as tls even when the request’s finish fired', () => {
    expect(classifyRequestError(requestError('EPROTO', { connect: 1, upload: 3 }), destination, true)).toEqual({
      kind: 'never-sent',
      failure: 'tls',
      destination,
    });
  });

  it.each(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])('reads %s after the request was written as a reset, maybe sent', (code) => {
    expect(classifyRequestError(requestError(code, written), destination, true)).toEqual({ kind: 'maybe-sent', failure: 'reset', destination });
  });

  it.each(['EHOSTUNREACH', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_GOT_REQUEST_ERROR'])(
    'reads any other code after the request was written (%s) as a network failure, maybe sent',
    (code) => {
      expect(classifyRequestError(requestError(code, written), destination, true)).toEqual({
        kind: 'maybe-sent',
        failure: 'network',
        destination,
      });
    }
  );

  it.each([
    ['before TCP connected', {}, false],
    ['before the TLS handshake completed', { connect: 1 }, true],
  ])('reads a reset %s as never sent: the request was still buffered here', (_name, timings, secure) => {
    expect(classifyRequestError(requestError('ECONNRESET', timings), destination, secure)).toEqual({
      kind: 'never-sent',
      failure: 'connect-failed',
      destination,
    });
  });

  it('reads a reset without any timings as maybe sent', () => {
    expect(classifyRequestError(requestError('ECONNRESET'), destination, true)).toEqual({ kind: 'maybe-sent', failure: 'reset', destination });
  });

  it.each([
    ['an error that is not got’s', new Error('boom')],
    ['a thrown string', 'boom'],
    ['undefined', undefined],
  ])('reads %s as maybe sent: nothing proves the request stayed here', (_name, error) => {
    expect(classifyRequestError(error, destination, true)).toEqual({ kind: 'maybe-sent', failure: 'network', destination });
  });

  /** The error got itself rejects with when one of its own timeouts fires. */
  const gotTimeout = async (url: string, timeout: { secureConnect?: number; response?: number }): Promise<TimeoutError> => {
    try {
      await got.post(url, { body: '', timeout, retry: { limit: 0 } });
    } catch (error: unknown) {
      if (error instanceof TimeoutError) {
        return error;
      }
      throw error;
    }
    throw new Error('expected got to time out');
  };

  it('reads got’s timeout before the TLS handshake completed as a connect timeout, never sent', async () => {
    const port = await tcpServer(() => undefined);
    const error = await gotTimeout(`https://127.0.0.1:${port}/`, { secureConnect: 100 });
    expect(classifyRequestError(error, destination, true)).toEqual({ kind: 'never-sent', failure: 'connect-timeout', destination });
  });

  it('reads got’s timeout after the request was written as a timeout, maybe sent', async () => {
    const port = await httpServer(afterRequest(() => undefined));
    const error = await gotTimeout(`http://127.0.0.1:${port}/`, { response: 100 });
    expect(classifyRequestError(error, destination, false)).toEqual({ kind: 'maybe-sent', failure: 'timeout', destination });
  });

  it('reads a bare "socket hang up" as a reset', () => {
    expect(classifyRequestError(new Error('socket hang up'), destination, false)).toEqual({
      kind: 'maybe-sent',
      failure: 'reset',
      destination,
    });
  });
});

describe('neverConnected', () => {
  const timings = (connect?: number, secureConnect?: number) => ({
    start: 1,
    phases: {},
    ...(connect === undefined ? {} : { connect }),
    ...(secureConnect === undefined ? {} : { secureConnect }),
  });

  it.each([
    ['no timings', undefined, false, true],
    ['no connect', timings(), false, true],
    ['a plain connection', timings(2), false, false],
    ['TCP without the TLS handshake', timings(2), true, true],
    ['TCP and TLS', timings(2, 3), true, false],
    ['a TLS time on a plain connection', timings(2, 3), false, false],
  ] as const)('is right for %s', (_name, value, secure, expected) => {
    expect(neverConnected(value, secure)).toBe(expected);
  });
});
