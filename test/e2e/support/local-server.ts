// A tiny loopback HTTP server for answers the emulator cannot play (oversized bodies, redirects,
// an OK body on an error status): each test writes the answer it needs in a handler.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** One request as the server received it. */
export type ReceivedRequest = { readonly method: string; readonly url: string; readonly body: string };

export interface LocalServer {
  /** `http://127.0.0.1:PORT/`. */
  readonly url: string;
  readonly port: number;
  /** Every request whose head arrived, oldest first; the body is filled in as it arrives. */
  readonly requests: readonly ReceivedRequest[];
  /** Stops listening and drops every connection. */
  close(): Promise<void>;
}

/** What the test answers: called once the request's body has been read. */
export type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/** Starts a server on a free loopback port answering every request with `handler`. */
export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const index = requests.push({ method: request.method ?? '', url: request.url ?? '', body: '' }) - 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
    });
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests[index] = { method: request.method ?? '', url: request.url ?? '', body };
      handler(request, response, body);
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('the local server has no TCP address'));
      } else {
        resolve(address.port);
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    close: async () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
