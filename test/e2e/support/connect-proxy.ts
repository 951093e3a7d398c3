// A real HTTP proxy on loopback (the `proxy` package, CONNECT tunnels included), recording every
// CONNECT it is asked for, optionally demanding Basic credentials as corporate proxies do.
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

import { createProxy } from 'proxy';

/** What a test needs of its proxy. */
export type ConnectProxy = {
  /** The proxy's URL, with the user and password when it demands them. */
  readonly url: string;
  /** The target of every CONNECT received ("host:port"), accepted or not, oldest first. */
  readonly connects: readonly string[];
  /** Bytes received from clients so far, tunnelled ones included: grows with every request sent through it. */
  readonly bytesFromClients: () => number;
  readonly clear: () => void;
  readonly close: () => Promise<void>;
};

/** Basic credentials the proxy demands. */
export type ProxyCredentials = { readonly user: string; readonly password: string };

/** Starts a proxy on 127.0.0.1; with credentials, anything else gets 407. */
export const startConnectProxy = async (credentials?: ProxyCredentials): Promise<ConnectProxy> => {
  const server = createProxy(createServer());
  const connects: string[] = [];
  const sockets = new Set<Socket>();
  let closedBytes = 0;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      closedBytes += socket.bytesRead;
      sockets.delete(socket);
    });
  });
  server.prependListener('connect', (request: IncomingMessage) => {
    connects.push(request.url ?? '');
  });
  if (credentials !== undefined) {
    const expected = `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}`;
    server.authenticate = (request) => request.headers['proxy-authorization'] === expected;
  }
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
  const userinfo =
    credentials === undefined
      ? ''
      : `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@`;
  return {
    url: `http://${userinfo}127.0.0.1:${port}`,
    connects,
    bytesFromClients: () => [...sockets].reduce((total, socket) => total + socket.bytesRead, closedBytes),
    clear: () => {
      connects.length = 0;
    },
    close: async () =>
      new Promise((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => {
          resolve();
        });
      }),
  };
};
