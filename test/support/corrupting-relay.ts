// A TCP relay on loopback that passes both directions through untouched until told to corrupt:
// from then on the next bytes the server sends reach the client as junk. In front of a TLS
// server it breaks the encrypted stream at a chosen moment, e.g. after the server has read the
// whole request, which is what a faulty middlebox or a bit flip on the path does.
import { connect, createServer, type Socket } from 'node:net';

export interface CorruptingRelay {
  /** The relay's loopback port: point the client at 127.0.0.1 on it. */
  readonly port: number;
  /** How many client connections the relay accepted. */
  connections(): number;
  /** Stops listening and drops every relayed connection. */
  close(): Promise<void>;
}

/** Bytes that are no TLS record (content type 0x6a), so the client's TLS layer rejects them. */
const junk = Buffer.from('junk bytes that are not a TLS record\r\n');

/**
 * Starts a relay to `targetPort` on 127.0.0.1. `corruptNow` is asked for each chunk the server
 * sends: once it answers true, the client gets junk instead of that chunk and everything after.
 */
export async function startCorruptingRelay(targetPort: number, corruptNow: () => boolean): Promise<CorruptingRelay> {
  const open = new Set<Socket>();
  let accepted = 0;

  const server = createServer((client) => {
    accepted += 1;
    const upstream = connect(targetPort, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    let corrupted = false;
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      corrupted ||= corruptNow();
      client.write(corrupted ? junk : chunk);
    });
    upstream.on('end', () => client.end());
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => {
      open.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      open.delete(upstream);
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('the relay has no TCP address'));
      } else {
        resolve(address.port);
      }
    });
  });

  return {
    port,
    connections: () => accepted,
    close: async () =>
      new Promise((resolve) => {
        for (const socket of open) {
          socket.destroy();
        }
        server.close(() => {
          resolve();
        });
      }),
  };
}
