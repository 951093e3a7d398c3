import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { json, send, signedParams, TransportError } from './test-client.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ https: true });
});

afterAll(async () => {
  await emulator.close();
});

test('HTTPS answers when the client trusts the provided CA, and shares state with HTTP', async () => {
  const httpsUrl = emulator.httpsUrl ?? '';
  expect(httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
  expect(emulator.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
  const answer = await send(httpsUrl, signedParams({ now: emulator.clock.now() }), { ca: emulator.ca });
  expect(json(answer)).toMatchObject({ Code: 'OK' });
  // Same number right after over plain HTTP: the per-minute limit proves one shared state.
  expect(json(await send(emulator.url, signedParams({ now: emulator.clock.now() })))).toMatchObject({ Code: 'isv.BUSINESS_LIMIT_CONTROL' });
});

test('the certificate also covers localhost', async () => {
  const url = (emulator.httpsUrl ?? '').replace('127.0.0.1', 'localhost');
  const answer = await send(url, signedParams({ now: emulator.clock.now(), params: { PhoneNumbers: '13800138009' } }), { ca: emulator.ca });
  expect(answer.status).toBe(200);
});

test('a client that does not trust the CA refuses the connection', async () => {
  let code = '';
  try {
    await send(emulator.httpsUrl ?? '', signedParams({ now: emulator.clock.now() }));
  } catch (error) {
    if (error instanceof TransportError) code = error.code;
  }
  expect(code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
});

test('reset-after-body over TLS still records the message and cuts the connection', async () => {
  emulator.reset();
  emulator.injectFault({ kind: 'reset-after-body' });
  let code = '';
  try {
    await send(emulator.httpsUrl ?? '', signedParams({ now: emulator.clock.now(), params: { PhoneNumbers: '13800138008' } }), { ca: emulator.ca, timeoutMs: 2_000 });
  } catch (error) {
    if (error instanceof TransportError) code = error.code;
  }
  expect(code).toBe('ECONNRESET');
  expect(emulator.messages).toHaveLength(1);
});
