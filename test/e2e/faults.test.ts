// End-to-end: transport and server faults over real loopback HTTP. Each must become the right
// ConnectorError for its reader (the end user of a runtime send, the administrator on the
// console), be retried only when the request certainly was not processed, never make the
// emulator accept a second SMS, and never carry the secret, the code, the number or a signature.
//
// Requests go through a transparent TCP relay (support/wire-tap.ts) so that the signature of
// every attempt is known from the wire, including the `hang` and `reset-before-body` ones whose
// body the emulator never reads.
import { ConnectorErrorCodes } from '@logto/connector-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  E2E_ACCOUNT,
  MAINLAND_PHONE,
  SECRET,
  VIAS,
  configFor,
  distinctCode,
  phoneForms,
  sendFailing,
  sendOk,
  useEmulator,
} from './support/harness.js';
import { startCorruptingRelay } from '../support/corrupting-relay.js';

import { withTrustedCertificate } from './support/environment.js';
import { expectNoLeak, type Forbidden } from './support/leaks.js';
import { expectReaderSees } from './support/readers.js';
import { startWireTap, type WireTap } from './support/wire-tap.js';

const emulator = useEmulator({ accounts: [E2E_ACCOUNT], https: true });
let tap: WireTap;

beforeAll(async () => {
  tap = await startWireTap(emulator().url);
});

afterAll(async () => {
  await tap.close();
});

beforeEach(() => {
  tap.clear();
});

/** The relay's address as the administrator's advice names it. */
const tapAddress = (): string => new URL(tap.url).host;
const tapPort = (): number => Number(new URL(tap.url).port);
const masked = '138******00';

/** Every Signature that left the connector: from the wire, and as the emulator recorded it. */
const allSignatures = (): string[] => [
  ...new Set([
    ...tap.signatures(),
    ...emulator().requests.flatMap(({ params }) => (params.Signature === undefined ? [] : [params.Signature])),
  ]),
];

const forbiddenFor = (code: string, phone = MAINLAND_PHONE): Forbidden => ({
  secret: [SECRET],
  code: [code],
  phone: phoneForms(phone),
  signature: allSignatures(),
});

/** The shared expectations of a fault that ends the send: how many attempts reached the wire. */
// The console's Send then asks for the delivery receipt: those reads are not send attempts.
const sendRequests = () => emulator().requests.filter(({ action }) => action !== 'QuerySendDetails');

const expectAttempts = (attempts: number): void => {
  expect(tap.signatures()).toHaveLength(emulator().requests.length);
  expect(sendRequests()).toHaveLength(attempts);
  // Every emulator-recorded signature is one seen on the wire (the relay misses nothing).
  for (const { params } of emulator().requests) {
    if (params.Signature !== undefined) {
      expect(tap.signatures()).toContain(params.Signature);
    }
  }
};

describe('a server that never answers', () => {
  it.each(VIAS)('%s: general (timeout) within the timeout plus 1 s, not retried', async (via) => {
    const code = distinctCode(`hang ${via}`);
    emulator().injectFault({ kind: 'hang' }, { times: 10 });
    const config = configFor(tap.url, { timeout: 1500 });

    const { error, elapsedMs } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.General,
      failure: 'timeout',
      userSays: /within a minute/,
      adminSays: /timed out after 1500 ms \(1 attempt\)/,
      adminData: { host: '127.0.0.1', port: tapPort(), attempts: 1, timeoutMs: 1500, smsMayHaveBeenSent: true, maskedPhoneNumber: masked },
    });
    // The log line (error.message) names where, for either reader.
    expect(error.message).toContain(`The request to ${tapAddress()} timed out after 1500 ms (1 attempt)`);
    expect(elapsedMs).toBeGreaterThanOrEqual(1400);
    expect(elapsedMs).toBeLessThan(2500);
    expectAttempts(1);
    expect(emulator().messages).toHaveLength(0);
    expectNoLeak(error, forbiddenFor(code));
  });

  it.each(VIAS)(
    '%s: one overall deadline: two Throttling answers then a hang still end at the timeout, the last attempt getting only what is left',
    async (via) => {
      const code = distinctCode(`throttling throttling hang ${via}`);
      emulator().injectFault({ kind: 'aliyun-code', code: 'Throttling', status: 400 }, { times: 2 });
      emulator().injectFault({ kind: 'hang' }, { times: 10 });
      // Long enough that both retries keep ≥ 1 s after their backoff (at most 200 + 400 ms).
      const config = configFor(tap.url, { timeout: 3000 });

      const { error, elapsedMs } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

      expectReaderSees(via, error, config, {
        code: ConnectorErrorCodes.General,
        failure: 'timeout',
        adminSays: /timed out after 3000 ms \(3 attempts\)/,
        adminData: { attempts: 3, timeoutMs: 3000 },
      });
      expect(elapsedMs).toBeGreaterThanOrEqual(2900);
      // Had the hanging attempt been given the whole 3 s, the backoffs (≥ 300 ms) would come on top.
      expect(elapsedMs).toBeLessThan(3300);
      expectAttempts(3);
      expect(emulator().requests.map(({ verdict }) => verdict.code).slice(0, 2)).toEqual(['Throttling', 'Throttling']);
      expect(emulator().messages).toHaveLength(0);
      expectNoLeak(error, forbiddenFor(code));
    }
  );
});

describe('connection resets', () => {
  it.each(VIAS)('%s: before the body: general (reset), not retried, nothing sent', async (via) => {
    const code = distinctCode(`reset before body ${via}`);
    emulator().injectFault({ kind: 'reset-before-body' }, { times: 10 });
    const config = configFor(tap.url);

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.General,
      failure: 'reset',
      userSays: /within a minute/,
      adminSays: new RegExp(`connection to ${tapAddress()} was reset \\(1 attempt\\)`),
      adminData: { attempts: 1, smsMayHaveBeenSent: true },
    });
    expectAttempts(1);
    expect(emulator().messages).toHaveLength(0);
    expectNoLeak(error, forbiddenFor(code));
  });

  it.each(VIAS)('%s: after the body: general (reset), not retried, exactly the one SMS Aliyun accepted', async (via) => {
    const code = distinctCode(`reset after body ${via}`);
    emulator().injectFault({ kind: 'reset-after-body' }, { times: 10 });
    const config = configFor(tap.url);

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.General,
      failure: 'reset',
      userSays: /within a minute/,
      adminData: { attempts: 1, smsMayHaveBeenSent: true, maskedPhoneNumber: masked },
    });
    expectAttempts(1);
    // The emulator processed the request before resetting: the SMS went out, once.
    expect(emulator().requests[0]?.verdict.code).toBe('OK');
    expect(emulator().requests[0]?.answered).toBe(false);
    expect(emulator().messages).toHaveLength(1);
    expect(emulator().messages[0]?.text).toContain(code);
    expectNoLeak(error, forbiddenFor(code));
  });
});

describe('a TLS stream corrupted after Aliyun read the request', () => {
  it.each(VIAS)('%s: general (network), may have been sent, not retried, exactly the one SMS accepted', async (via) => {
    const code = distinctCode(`tls junk after request ${via}`);
    const httpsPort = Number(new URL(emulator().httpsUrl ?? '').port);
    // Junk replaces the answer's bytes once the emulator has judged (and so sent) the SMS.
    const relay = await startCorruptingRelay(httpsPort, () => emulator().requests.length > 0);
    const config = configFor(`https://127.0.0.1:${relay.port}/`, { timeout: 5000 });
    try {
      const { error } = await withTrustedCertificate(emulator().ca ?? '', async () =>
        sendFailing(config, { to: MAINLAND_PHONE.given, code }, via)
      );

      expectReaderSees(via, error, config, {
        code: ConnectorErrorCodes.General,
        failure: 'network',
        userSays: /within a minute/,
        adminSays: /the SMS may have been sent and was not sent again/,
        adminData: { attempts: 1, smsMayHaveBeenSent: true, port: relay.port },
      });
      // Neither reader is told that nothing was sent.
      expect(JSON.stringify(error.data)).not.toMatch(/could not be reached|no SMS was sent/);
      expect(error.message).not.toMatch(/no SMS was sent|TLS certificate/);
      expect(relay.connections()).toBe(1);
      expect(emulator().requests).toHaveLength(1);
      expect(emulator().requests[0]?.verdict.code).toBe('OK');
      expect(emulator().messages).toHaveLength(1);
      expect(emulator().messages[0]?.text).toContain(code);
      expectNoLeak(error, forbiddenFor(code));
    } finally {
      await relay.close();
    }
  });
});

describe('HTTP errors', () => {
  it.each(VIAS)('%s: 500 InternalError: general with Aliyun’s ids, not retried', async (via) => {
    const code = distinctCode(`http 500 ${via}`);
    emulator().injectFault({ kind: 'http-status', status: 500 }, { times: 10 });
    const config = configFor(tap.url);

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.General,
      Code: 'InternalError',
      RequestId: emulator().requests[0]?.requestId,
      Message: emulator().requests[0]?.verdict.message,
      userSays: /within a minute/,
      adminData: { httpStatus: 500, smsMayHaveBeenSent: true },
    });
    expectAttempts(1);
    expect(emulator().messages).toHaveLength(0);
    expectNoLeak(error, forbiddenFor(code));
  });

  it.each(VIAS)(
    '%s: 503 ServiceUnavailable is not retried (a gateway 503 may follow a backend that sent the SMS)',
    async (via) => {
      const code = distinctCode(`503 ${via}`);
      // Only one 503 queued: a retry would be answered OK and accepted.
      emulator().injectFault({ kind: 'http-status', status: 503 });
      const config = configFor(tap.url);

      const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

      expectReaderSees(via, error, config, {
        code: ConnectorErrorCodes.General,
        Code: 'ServiceUnavailable',
        RequestId: emulator().requests[0]?.requestId,
        Message: emulator().requests[0]?.verdict.message,
        userSays: /within a minute/,
        adminSays: /may still have been sent/,
        adminData: { httpStatus: 503, smsMayHaveBeenSent: true },
      });
      expectAttempts(1);
      expect(emulator().messages).toHaveLength(0);
      expectNoLeak(error, forbiddenFor(code));
    }
  );

  it.each(VIAS)('%s: Throttling.User then OK: retried once, exactly one SMS accepted', async (via) => {
    const code = distinctCode(`throttling then ok ${via}`);
    emulator().injectFault({ kind: 'aliyun-code', code: 'Throttling.User' });

    const result = await sendOk(configFor(tap.url), { to: MAINLAND_PHONE.given, code }, via);

    expectAttempts(2);
    expect(sendRequests().map(({ verdict }) => verdict.code)).toEqual(['Throttling.User', 'OK']);
    expect(emulator().messages).toHaveLength(1);
    expect(emulator().messages[0]).toMatchObject({ bizId: result.BizId, requestId: result.RequestId });
    expect(emulator().messages[0]?.text).toContain(code);
  });
});

describe('an answer that is not Aliyun JSON', () => {
  it.each(VIAS)('%s: garbage (a proxy HTML page on 200): invalid_response, not retried', async (via) => {
    const code = distinctCode(`garbage ${via}`);
    emulator().injectFault({ kind: 'garbage' }, { times: 10 });
    const config = configFor(tap.url);

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidResponse,
      reason: 'not-an-answer',
      userSays: /within a minute/,
      fields: ['endpoint'],
      adminSays: /HTTP 200/,
      adminData: { httpStatus: 200, bodyPreview: expect.stringContaining('502 Bad Gateway'), smsMayHaveBeenSent: true },
    });
    expectAttempts(1);
    expect(emulator().messages).toHaveLength(0);
    expectNoLeak(error, forbiddenFor(code));
  });
});

describe('a delayed but successful answer', () => {
  it.each(VIAS)('%s: within the timeout: accepted once, not retried', async (via) => {
    const code = distinctCode(`delay within timeout ${via}`);
    emulator().injectFault({ kind: 'delay', ms: 300 });

    await sendOk(configFor(tap.url, { timeout: 3000 }), { to: MAINLAND_PHONE.given, code }, via);

    expectAttempts(1);
    expect(emulator().messages).toHaveLength(1);
  });

  it.each(VIAS)(
    '%s: past the timeout: times out, not retried, and the one SMS the server still accepted is the only one',
    async (via) => {
      const code = distinctCode(`delay past timeout ${via}`);
      emulator().injectFault({ kind: 'delay', ms: 1800 }, { times: 10 });
      const config = configFor(tap.url, { timeout: 1000 });

      const { error, elapsedMs } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

      expectReaderSees(via, error, config, {
        code: ConnectorErrorCodes.General,
        failure: 'timeout',
        userSays: /within a minute/,
        adminData: { attempts: 1, timeoutMs: 1000, smsMayHaveBeenSent: true },
      });
      expect(elapsedMs).toBeLessThan(2000);
      expect(tap.signatures()).toHaveLength(1);
      // The emulator read the body before the delay, so it processes the request after the client left.
      await expect.poll(() => emulator().requests.length, { timeout: 3000 }).toBe(1);
      expect(emulator().messages).toHaveLength(1);
      expectNoLeak(error, forbiddenFor(code));
    }
  );
});

describe('the relay itself', () => {
  it('is transparent: a plain send through it is accepted as a direct one is', async () => {
    const code = distinctCode('relay transparent');
    await sendOk(configFor(tap.url), { to: MAINLAND_PHONE.given, code });
    expectAttempts(1);
    expect(emulator().requests[0]?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
    expect(tap.connections().join('')).toContain('POST / HTTP/1.1');
  });
});
