// End-to-end: transport and server faults over real loopback HTTP. Each must become the right
// ConnectorError, be retried only when the request certainly was not processed, never make the
// emulator accept a second SMS, and never carry the secret, the code, the number or a signature.
//
// Requests go through a transparent TCP relay (support/wire-tap.ts) so that the signature of
// every attempt is known from the wire, including the `hang` and `reset-before-body` ones whose
// body the emulator never reads.
import { ConnectorErrorCodes, type SmsConnector } from '@logto/connector-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  E2E_ACCOUNT,
  MAINLAND_PHONE,
  SECRET,
  closedLoopbackPort,
  configFor,
  dataField,
  distinctCode,
  makeConnector,
  phoneForms,
  sendFailing,
  sendOk,
} from './support/harness.js';
import { expectNoLeak, type Forbidden } from './support/leaks.js';
import { startWireTap, type WireTap } from './support/wire-tap.js';
import { startEmulator, type Emulator } from '../../tools/emulator/index.js';

let emulator: Emulator;
let tap: WireTap;
let connector: SmsConnector;

beforeAll(async () => {
  emulator = await startEmulator({ accounts: [E2E_ACCOUNT] });
  tap = await startWireTap(emulator.url);
  connector = await makeConnector();
});

afterAll(async () => {
  await tap.close();
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
  emulator.clearFaults();
  tap.clear();
});

/** Every Signature that left the connector: from the wire, and as the emulator recorded it. */
const allSignatures = (): string[] => [
  ...new Set([
    ...tap.signatures(),
    ...emulator.requests.flatMap(({ params }) => (params.Signature === undefined ? [] : [params.Signature])),
  ]),
];

const forbiddenFor = (code: string, phone = MAINLAND_PHONE): Forbidden => ({
  secret: [SECRET],
  code: [code],
  phone: phoneForms(phone),
  signature: allSignatures(),
});

/** The shared expectations of a fault that ends the send: how many attempts reached the wire, and at most one SMS. */
const expectAttempts = (attempts: number): void => {
  expect(tap.signatures()).toHaveLength(attempts);
  expect(emulator.requests).toHaveLength(attempts);
  // Every emulator-recorded signature is one seen on the wire (the relay misses nothing).
  for (const { params } of emulator.requests) {
    if (params.Signature !== undefined) {
      expect(tap.signatures()).toContain(params.Signature);
    }
  }
};

describe('a server that never answers', () => {
  it('fails within the timeout plus 1 s, says it timed out, and is not retried', async () => {
    const code = distinctCode('hang');
    emulator.injectFault({ kind: 'hang' }, { times: 10 });

    const { error, elapsedMs } = await sendFailing(connector, configFor(tap.url, { timeout: 1500 }), {
      to: MAINLAND_PHONE.given,
      code,
    });

    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.message).toMatch(/timed out/);
    expect(dataField(error, 'errorDescription')).toEqual(expect.stringContaining('timed out after 1500 ms'));
    expect(dataField(error, 'failure')).toBe('timeout');
    expect(dataField(error, 'smsMayHaveBeenSent')).toBe(true);
    expect(dataField(error, 'attempts')).toBe(1);
    expect(elapsedMs).toBeGreaterThanOrEqual(1400);
    expect(elapsedMs).toBeLessThan(2500);
    expectAttempts(1);
    expect(emulator.messages).toHaveLength(0);
    expectNoLeak(error, forbiddenFor(code));
  });

  it('keeps one overall deadline: two 503s then a hang still fail within the timeout plus 1 s', async () => {
    const code = distinctCode('503 503 hang');
    emulator.injectFault({ kind: 'http-status', status: 503 }, { times: 2 });
    emulator.injectFault({ kind: 'hang' }, { times: 10 });

    const { error, elapsedMs } = await sendFailing(connector, configFor(tap.url, { timeout: 1500 }), {
      to: MAINLAND_PHONE.given,
      code,
    });

    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.message).toMatch(/timed out/);
    expect(dataField(error, 'failure')).toBe('timeout');
    expect(dataField(error, 'attempts')).toBe(3);
    expect(elapsedMs).toBeLessThan(2500);
    expectAttempts(3);
    expect(emulator.messages).toHaveLength(0);
    expectNoLeak(error, forbiddenFor(code));
  });
});

describe('connection resets', () => {
  it('before the body: general, not retried, nothing sent', async () => {
    const code = distinctCode('reset before body');
    emulator.injectFault({ kind: 'reset-before-body' }, { times: 10 });

    const { error } = await sendFailing(connector, configFor(tap.url), { to: MAINLAND_PHONE.given, code });

    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(dataField(error, 'failure')).toBe('reset');
    expect(dataField(error, 'attempts')).toBe(1);
    expect(error.message).toMatch(/reset/);
    expectAttempts(1);
    expect(emulator.messages).toHaveLength(0);
    expectNoLeak(error, forbiddenFor(code));
  });

  it('after the body: general, not retried, exactly the one SMS Aliyun accepted', async () => {
    const code = distinctCode('reset after body');
    emulator.injectFault({ kind: 'reset-after-body' }, { times: 10 });

    const { error } = await sendFailing(connector, configFor(tap.url), { to: MAINLAND_PHONE.given, code });

    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(dataField(error, 'failure')).toBe('reset');
    expect(dataField(error, 'smsMayHaveBeenSent')).toBe(true);
    expect(dataField(error, 'attempts')).toBe(1);
    expectAttempts(1);
    // The emulator processed the request before resetting: the SMS went out, once.
    expect(emulator.requests[0]?.verdict.code).toBe('OK');
    expect(emulator.requests[0]?.answered).toBe(false);
    expect(emulator.messages).toHaveLength(1);
    expect(emulator.messages[0]?.text).toContain(code);
    expectNoLeak(error, forbiddenFor(code));
  });
});

describe('HTTP errors', () => {
  it('500 InternalError: general, not retried', async () => {
    const code = distinctCode('http 500');
    emulator.injectFault({ kind: 'http-status', status: 500 }, { times: 10 });

    const { error } = await sendFailing(connector, configFor(tap.url), { to: MAINLAND_PHONE.given, code });

    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(dataField(error, 'Code')).toBe('InternalError');
    expect(dataField(error, 'httpStatus')).toBe(500);
    expect(dataField(error, 'RequestId')).toBe(emulator.requests[0]?.requestId);
    expectAttempts(1);
    expect(emulator.messages).toHaveLength(0);
    expectNoLeak(error, forbiddenFor(code));
  });

  it('503 then OK: retried once, exactly one SMS accepted', async () => {
    const code = distinctCode('503 then ok');
    emulator.injectFault({ kind: 'http-status', status: 503 });

    const result = await sendOk(connector, configFor(tap.url), { to: MAINLAND_PHONE.given, code });

    expectAttempts(2);
    expect(emulator.requests.map(({ verdict }) => verdict.code)).toEqual(['ServiceUnavailable', 'OK']);
    expect(emulator.messages).toHaveLength(1);
    expect(emulator.messages[0]).toMatchObject({ bizId: result.BizId, requestId: result.RequestId });
    expect(emulator.messages[0]?.text).toContain(code);
  });

  it('Throttling.User then OK: retried once, exactly one SMS accepted', async () => {
    const code = distinctCode('throttling then ok');
    emulator.injectFault({ kind: 'aliyun-code', code: 'Throttling.User' });

    const result = await sendOk(connector, configFor(tap.url), { to: MAINLAND_PHONE.given, code });

    expectAttempts(2);
    expect(emulator.requests.map(({ verdict }) => verdict.code)).toEqual(['Throttling.User', 'OK']);
    expect(emulator.messages).toHaveLength(1);
    expect(emulator.messages[0]).toMatchObject({ bizId: result.BizId, requestId: result.RequestId });
    expect(emulator.messages[0]?.text).toContain(code);
  });
});

describe('an answer that is not Aliyun JSON', () => {
  it('garbage (a proxy HTML page on 200): invalid_response, not retried', async () => {
    const code = distinctCode('garbage');
    emulator.injectFault({ kind: 'garbage' }, { times: 10 });

    const { error } = await sendFailing(connector, configFor(tap.url), { to: MAINLAND_PHONE.given, code });

    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
    expect(dataField(error, 'httpStatus')).toBe(200);
    expect(dataField(error, 'bodyPreview')).toEqual(expect.stringContaining('502 Bad Gateway'));
    expectAttempts(1);
    expect(emulator.messages).toHaveLength(0);
    expectNoLeak(error, forbiddenFor(code));
  });
});

describe('a delayed but successful answer', () => {
  it('within the timeout: accepted once, not retried', async () => {
    const code = distinctCode('delay within timeout');
    emulator.injectFault({ kind: 'delay', ms: 300 });

    await sendOk(connector, configFor(tap.url, { timeout: 3000 }), { to: MAINLAND_PHONE.given, code });

    expectAttempts(1);
    expect(emulator.messages).toHaveLength(1);
  });

  it('past the timeout: times out, not retried, and the one SMS the server still accepted is the only one', async () => {
    const code = distinctCode('delay past timeout');
    emulator.injectFault({ kind: 'delay', ms: 1800 }, { times: 10 });

    const { error, elapsedMs } = await sendFailing(connector, configFor(tap.url, { timeout: 1000 }), {
      to: MAINLAND_PHONE.given,
      code,
    });

    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(dataField(error, 'failure')).toBe('timeout');
    expect(elapsedMs).toBeLessThan(2000);
    expect(tap.signatures()).toHaveLength(1);
    // The emulator read the body before the delay, so it processes the request after the client left.
    await expect.poll(() => emulator.requests.length, { timeout: 3000 }).toBe(1);
    expect(emulator.messages).toHaveLength(1);
    expectNoLeak(error, forbiddenFor(code));
  });
});

describe('failures before any request reaches a server', () => {
  it.each([
    {
      case: 'DNS failure',
      endpoint: async () => Promise.resolve('https://dysmsapi.does-not-exist.invalid/'),
      says: 'could not be resolved',
      failure: 'dns',
      host: 'dysmsapi.does-not-exist.invalid',
    },
    {
      case: 'connection refused on a closed loopback port',
      endpoint: async () => `http://127.0.0.1:${await closedLoopbackPort()}/`,
      says: 'refused the connection',
      failure: 'connection-refused',
      host: '127.0.0.1',
    },
  ])('$case: general, "$says", retried, nothing sent anywhere', async ({ case: label, endpoint, says, failure, host }) => {
    const code = distinctCode(label);

    const { error } = await sendFailing(connector, configFor(await endpoint(), { timeout: 5000 }), {
      to: MAINLAND_PHONE.given,
      code,
    });

    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.message).toContain(says);
    expect(dataField(error, 'failure')).toBe(failure);
    expect(dataField(error, 'host')).toBe(host);
    expect(dataField(error, 'smsMayHaveBeenSent')).toBe(false);
    // Nothing can have reached Aliyun, so retrying is safe.
    expect(dataField(error, 'attempts')).toBe(3);
    expect(emulator.requests).toHaveLength(0);
    expect(emulator.messages).toHaveLength(0);
    expectNoLeak(error, forbiddenFor(code));
  });
});

describe('the relay itself', () => {
  it('is transparent: a plain send through it is accepted as a direct one is', async () => {
    const code = distinctCode('relay transparent');
    await sendOk(connector, configFor(tap.url), { to: MAINLAND_PHONE.given, code });
    expectAttempts(1);
    expect(emulator.requests[0]?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
    expect(tap.connections().join('')).toContain('POST / HTTP/1.1');
  });
});
