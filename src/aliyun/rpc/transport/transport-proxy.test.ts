// The transport through a CONNECT proxy over real loopback sockets: the body cap, the connect
// deadline and the "never sent" cases hold through the tunnel. The proxies here are scripted
// TCP servers, so each can fail at one chosen moment (end-to-end tests use a real proxy).
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createNetServer, type Server, type Socket } from 'node:net';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { generateLoopbackCertificate } from '../../../../tools/emulator/tls.js';

import { connectTimeoutMs, createTransport, maximumAnswerBytes, type AttemptRequest } from './transport.js';

const servers: Server[] = [];
const sockets = new Set<Socket>();

const listening = async (server: Server): Promise<number> => {
  servers.push(server);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
};

afterEach(async () => {
  for (const socket of sockets) {
    socket.destroy();
  }
  await Promise.all(
    servers.splice(0).map(
      async (server) =>
        new Promise<void>((resolve) => {
          server.close(() => {
            resolve();
          });
        })
    )
  );
});

const defaultCas = getCACertificates('default');
const tls = generateLoopbackCertificate();

beforeAll(() => {
  setDefaultCACertificates([...defaultCas, tls.cert]);
});

afterAll(() => {
  setDefaultCACertificates(defaultCas);
});

/** What a scripted proxy saw: the CONNECT lines it read. */
type ScriptedProxy = { port: number; connects: string[] };

/** A proxy that reads the CONNECT head, then does `onConnect` with the client socket. */
const scriptedProxy = async (onConnect: (client: Socket) => void): Promise<ScriptedProxy> => {
  const connects: string[] = [];
  const port = await listening(
    createNetServer((client) => {
      let head = '';
      const onData = (chunk: Buffer) => {
        head += chunk.toString('latin1');
        if (head.includes('\r\n\r\n')) {
          client.off('data', onData);
          connects.push(head.split('\r\n', 1)[0] ?? '');
          onConnect(client);
        }
      };
      client.on('data', onData);
    })
  );
  return { port, connects };
};

/** Opens the tunnel to a loopback port, as a proxy does once it reached the endpoint. */
const tunnelTo = (targetPort: number) => (client: Socket) => {
  const upstream = connect(targetPort, '127.0.0.1', () => {
    client.write('HTTP/1.1 200 Connection established\r\n\r\n');
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
};

const postThrough = async (proxyPort: number, url: string, timeoutMs = 10_000) =>
  createTransport({ HTTPS_PROXY: `http://127.0.0.1:${proxyPort}` }).postForm({
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Action=SendSms',
    timeoutMs,
  } satisfies AttemptRequest);

/** An HTTPS server that counts the connections it is offered. */
const countingHttpsServer = async (answer: (body: string) => string): Promise<{ port: number; connections: () => number }> => {
  let connections = 0;
  const server = createHttpsServer({ key: tls.key, cert: tls.cert }, (incoming, outgoing) => {
    let body = '';
    incoming.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    incoming.on('end', () => {
      outgoing.writeHead(200, { 'content-type': 'application/json' });
      outgoing.end(answer(body));
    });
  });
  server.on('connection', () => {
    connections += 1;
  });
  // https.Server is a net.Server: closed and its sockets destroyed after each test.
  const port = await listening(server);
  return { port, connections: () => connections };
};

describe('through a proxy', () => {
  it('an answer over the byte cap is dropped as too large, as without a proxy', async () => {
    const target = await countingHttpsServer(() => 'x'.repeat(maximumAnswerBytes * 4));
    const proxy = await scriptedProxy(tunnelTo(target.port));

    const outcome = await postThrough(proxy.port, `https://127.0.0.1:${target.port}/`);

    expect(outcome).toMatchObject({ kind: 'too-large', statusCode: 200 });
    expect(proxy.connects).toEqual([`CONNECT 127.0.0.1:${target.port} HTTP/1.1`]);
  });

  it('a 502 to CONNECT (the proxy could not reach the endpoint): never sent, the endpoint offered nothing', async () => {
    const target = await countingHttpsServer(() => '{}');
    const proxy = await scriptedProxy((client) => {
      client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
    });

    const outcome = await postThrough(proxy.port, `https://127.0.0.1:${target.port}/`);

    expect(outcome).toMatchObject({ kind: 'never-sent', failure: 'connect-failed' });
    expect(target.connections()).toBe(0);
  });

  it('a proxy that never answers CONNECT: never sent, given up after the connect deadline, not the whole timeout', async () => {
    const proxy = await scriptedProxy(() => {
      // Silence: the tunnel never opens.
    });
    const started = performance.now();

    const outcome = await postThrough(proxy.port, 'https://127.0.0.1:9/');

    expect(outcome).toMatchObject({ kind: 'never-sent', failure: 'connect-timeout' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(connectTimeoutMs - 50);
    expect(performance.now() - started).toBeLessThan(connectTimeoutMs + 1500);
  });

  it('a tunnel whose far end never finishes the TLS handshake: never sent, after the connect deadline', async () => {
    const silent = await listening(createNetServer(() => undefined));
    const proxy = await scriptedProxy(tunnelTo(silent));
    const started = performance.now();

    const outcome = await postThrough(proxy.port, `https://127.0.0.1:${silent}/`);

    expect(outcome).toMatchObject({ kind: 'never-sent', failure: 'connect-timeout' });
    expect(performance.now() - started).toBeLessThan(connectTimeoutMs + 1500);
  });
});
