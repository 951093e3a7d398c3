import { createServer } from 'node:net';

/** A loopback port nothing listens on: bound once to get a free number, then closed. */
export const closedLoopbackPort = async (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') {
          reject(new Error('the probe server had no TCP address'));
        } else {
          resolve(address.port);
        }
      });
    });
  });
