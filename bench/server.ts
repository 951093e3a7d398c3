// The server process: the emulator (rate limits off) behind a TLS listener whose certificate
// names dysmsapi.aliyuncs.com, so the official connector's host name check can pass without
// touching DNS. The emulator's own HTTPS listener cannot serve here: its certificate only
// names localhost and 127.0.0.1. Each TLS connection is piped one to one to the emulator's
// HTTP port, so a kept-alive client connection stays one kept-alive connection behind it.
// Started by bench/index.ts; answers `tally` and leaves when the bench disconnects.
import { connect, type AddressInfo } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';

import { DEMO_ACCOUNT, startEmulator } from '../tools/emulator/index.js';
import { generateCertificate } from '../tools/emulator/tls.js';

import { toServerSchema, type FromServer } from './protocol.js';
import { aliyunHost } from './scenario.js';

// tsx turns on source-mapped stack traces; a deployed server runs without them.
process.setSourceMapsEnabled(false);

const post = (message: FromServer): void => {
  process.send?.(message);
};

const emulator = await startEmulator({ rateLimits: false, accounts: [DEMO_ACCOUNT] });
const upstreamPort = Number(new URL(emulator.url).port);

const pipeToEmulator = (client: TLSSocket): void => {
  const upstream = connect({ host: '127.0.0.1', port: upstreamPort, noDelay: true });
  client.setNoDelay(true);
  client.pipe(upstream);
  upstream.pipe(client);
  const closeBoth = (): void => {
    client.destroy();
    upstream.destroy();
  };
  for (const socket of [client, upstream]) {
    socket.on('error', closeBoth);
    socket.on('close', closeBoth);
  }
};

const { key, cert } = generateCertificate({ dnsNames: [aliyunHost], ips: ['127.0.0.1'] });
const listener = createServer({ key, cert }, pipeToEmulator);
// A client that drops during a handshake is not the bench's concern.
listener.on('tlsClientError', () => undefined);
await new Promise<void>((resolve) => {
  listener.listen(0, '127.0.0.1', resolve);
});
const address: AddressInfo | string | null = listener.address();
if (address === null || typeof address === 'string') {
  throw new Error('the TLS listener has no TCP port');
}

let cpuMark = process.cpuUsage();
let wallMark = performance.now();

const tally = (): FromServer => {
  const refused = emulator.requests.filter(({ verdict }) => verdict.code !== 'OK');
  const cpu = process.cpuUsage(cpuMark);
  const now = performance.now();
  const result: FromServer = {
    type: 'tally',
    requests: emulator.requests.length,
    accepted: emulator.messages.length,
    refused: refused.length,
    refusedCodes: [...new Set(refused.map(({ verdict }) => verdict.code))].slice(0, 5),
    cpuMicros: cpu.user + cpu.system,
    wallMs: now - wallMark,
  };
  // Forgetting after every run keeps the server's memory, and so its GC work, flat.
  emulator.reset();
  cpuMark = process.cpuUsage();
  wallMark = now;
  return result;
};

process.on('message', (raw: unknown) => {
  if (toServerSchema.safeParse(raw).success) {
    post(tally());
  } else {
    process.stderr.write(`server: unexpected message ${JSON.stringify(raw)}\n`);
  }
});
// The bench is done, or gone: do not outlive it.
process.on('disconnect', () => {
  listener.close();
  void emulator.close().then(() => process.exit(0));
});

post({ type: 'ready', port: address.port, cert });
