// A transparent TCP relay in front of the emulator that keeps every byte the client sent.
// The emulator records no body for `hang` and `reset-before-body` (it never parses it), so the
// Signature of such a request is only known from the wire: the relay makes the "no leak" checks
// cover those requests too. It passes resets on as resets, so the client sees what it would
// see talking to the emulator directly.
import { connect, createServer, type Socket } from 'node:net';

export interface WireTap {
  /** `http://127.0.0.1:PORT/`: point the connector here. */
  readonly url: string;
  /** The raw bytes each client connection sent, as text, oldest first. */
  connections(): string[];
  /** Every request body the client sent (a request cut short keeps what arrived). */
  bodies(): string[];
  /** Every `Signature` form parameter the client sent, decoded, in order. */
  signatures(): string[];
  /** Forgets what was recorded. */
  clear(): void;
  /** Stops listening and drops every relayed connection. */
  close(): Promise<void>;
}

/**
 * Splits what one connection sent into request bodies. A kept-alive connection carries several
 * requests back to back, so bodies are cut by Content-Length, byte-exact.
 */
const requestBodies = (sent: Buffer): string[] => {
  const bodies: string[] = [];
  let offset = 0;
  while (offset < sent.length) {
    const headerEnd = sent.indexOf('\r\n\r\n', offset);
    if (headerEnd === -1) {
      break;
    }
    const head = sent.subarray(offset, headerEnd).toString('latin1');
    const length = /^content-length:\s*(\d+)\s*$/im.exec(head)?.[1];
    const bodyStart = headerEnd + 4;
    const bodyEnd = Math.min(sent.length, bodyStart + Number(length ?? '0'));
    bodies.push(sent.subarray(bodyStart, bodyEnd).toString('utf8'));
    offset = bodyEnd;
  }
  return bodies;
};

const reset = (socket: Socket): void => {
  if (socket.destroyed) {
    return;
  }
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
};

/** Starts a relay on a free loopback port forwarding to `target` (an http:// URL). */
export async function startWireTap(target: string): Promise<WireTap> {
  const { hostname, port } = new URL(target);
  const recorded: Buffer[][] = [];
  const open = new Set<Socket>();

  const server = createServer((client) => {
    const sent: Buffer[] = [];
    recorded.push(sent);
    const upstream = connect(Number(port), hostname);
    open.add(client);
    open.add(upstream);
    client.on('data', (chunk: Buffer) => {
      sent.push(chunk);
    });
    client.pipe(upstream);
    upstream.pipe(client);
    // The emulator's reset becomes the client's reset; the client giving up drops the upstream.
    upstream.on('error', () => {
      reset(client);
    });
    client.on('error', () => {
      upstream.destroy();
    });
    client.on('close', () => {
      open.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      open.delete(upstream);
    });
  });

  const listeningPort = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('the wire tap has no TCP address'));
      } else {
        resolve(address.port);
      }
    });
  });

  const connections = (): string[] => recorded.map((chunks) => Buffer.concat(chunks).toString('utf8'));
  const bodies = (): string[] => recorded.flatMap((chunks) => requestBodies(Buffer.concat(chunks)));

  return {
    url: `http://127.0.0.1:${listeningPort}/`,
    connections,
    bodies,
    signatures: () =>
      bodies().flatMap((body) => {
        const signature = new URLSearchParams(body).get('Signature');
        return signature === null ? [] : [signature];
      }),
    // Emptied in place: a kept-alive connection goes on recording into its own array.
    clear: () => {
      for (const sent of recorded) {
        sent.length = 0;
      }
    },
    close: async () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
        for (const socket of open) {
          socket.destroy();
        }
      }),
  };
}
