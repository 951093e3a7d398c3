// An HTTPS front for dysmsapi.aliyuncs.com on 127.0.0.1:443. The emulator's own TLS listener has
// a certificate for 127.0.0.1/localhost only, so the bench makes its own for Aliyun's host name,
// terminates TLS with it and pipes each connection, one to one, to the emulator's HTTP port:
// keep-alive on the client side stays keep-alive behind the front.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';

import { generateCertificate } from '../tools/emulator/tls.js';

import { aliyunHost, aliyunHttpsPort } from './scenario.js';

export type TlsFront = {
  /** PEM file to trust (NODE_EXTRA_CA_CERTS) for dysmsapi.aliyuncs.com. */
  caFile: string;
  port: number;
  close: () => Promise<void>;
};

const pipeBothWays = (client: TLSSocket, upstream: Socket): void => {
  // Without TCP_NODELAY each hop would add Nagle/delayed-ACK stalls that no real path has.
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  client.pipe(upstream);
  upstream.pipe(client);
  const closeBoth = (): void => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', closeBoth);
  upstream.on('error', closeBoth);
  client.on('close', closeBoth);
  upstream.on('close', closeBoth);
};

const listen = async (server: Server, port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

/** Starts the front; rejects (EACCES, EADDRINUSE) when 127.0.0.1:443 cannot be bound. */
export const startTlsFront = async (emulatorUrl: string): Promise<TlsFront> => {
  const upstreamPort = Number(new URL(emulatorUrl).port);
  const { key, cert } = generateCertificate({ dnsNames: [aliyunHost] });
  const sockets = new Set<TLSSocket>();
  const server = createServer({ key, cert }, (client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    pipeBothWays(client, connect({ host: '127.0.0.1', port: upstreamPort }));
  });
  // A client that drops during the handshake is not the bench's concern.
  server.on('tlsClientError', () => undefined);
  await listen(server, aliyunHttpsPort);

  const directory = mkdtempSync(join(tmpdir(), 'aliyun-sms-bench-'));
  const caFile = join(directory, 'dysmsapi-ca.pem');
  writeFileSync(caFile, cert);
  return {
    caFile,
    port: aliyunHttpsPort,
    close: async () =>
      new Promise((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => {
          rmSync(directory, { recursive: true, force: true });
          resolve();
        });
      }),
  };
};
