import { createServer } from 'node:http';
import { inspect } from 'node:util';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { formBodyOf } from '../../test/support/form-body.js';
import { closedLoopbackPort } from '../../test/support/ports.js';
import { rejectionOf } from '../../test/support/rejection.js';

import { aliyunTimestamp, maxRetries, sendSms, type SendSmsRequest } from './send-sms.js';

const secret = 'send-sms-secret&/+= 密';
const code = '482913';
const host = 'https://dysmsapi.aliyuncs.com';

const request: SendSmsRequest = {
  endpoint: `${host}/`,
  accessKeyId: 'LTAI5tSendSmsTest',
  accessKeySecret: secret,
  phoneNumber: '13800138000',
  signName: '阿里云短信测试',
  templateCode: 'SMS_154950909',
  templateParam: JSON.stringify({ code }),
  timeoutMs: 5000,
  sensitive: [code, '8613800138000', '13800138000'],
  maskedPhone: '138******00',
};

const okAnswer = { Code: 'OK', Message: 'OK', RequestId: 'REQ-OK', BizId: '900619746936498440^0' };
const noWait = { sleep: async () => Promise.resolve() };

/** Records the form of every intercepted attempt. */
const recordAttempts = () => {
  const forms: URLSearchParams[] = [];
  const scope = nock(host).persist();
  const matcher = (body: unknown) => {
    forms.push(formBodyOf(body));
    return true;
  };
  return { forms, scope, matcher };
};

/** Every way an error can be printed or stored, for leak checks. */
const serialise = (error: ConnectorError): string =>
  [
    error.message,
    String(error.stack),
    JSON.stringify(error),
    JSON.stringify(error.data),
    String(error),
    inspect(error, { depth: 10 }),
    inspect(error.cause, { depth: 10 }),
  ].join('\n');

const expectNoLeak = (error: ConnectorError, signatures: readonly string[]) => {
  const text = serialise(error);
  for (const value of [secret, code, '13800138000', ...signatures]) {
    expect(text).not.toContain(value);
  }
};

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
});

describe('aliyunTimestamp', () => {
  it('formats UTC to the second without milliseconds', () => {
    expect(aliyunTimestamp(new Date('2025-01-01T12:00:00.789Z'))).toBe('2025-01-01T12:00:00Z');
  });
});

describe('sendSms retries only what Aliyun certainly did not act on', () => {
  it.each([
    ['Throttling.User', 400],
    ['Throttling', 400],
    ['ServiceUnavailable', 503],
  ])('retries after %s (HTTP %i), re-signed with a fresh nonce, and succeeds once', async (failureCode, status) => {
    const { forms, scope, matcher } = recordAttempts();
    let calls = 0;
    scope.post('/', matcher).reply(() => {
      calls += 1;
      return calls === 1
        ? [status, { Code: failureCode, Message: 'busy', RequestId: 'REQ-BUSY' }]
        : [200, okAnswer];
    });

    await expect(sendSms(request, noWait)).resolves.toEqual({
      BizId: okAnswer.BizId,
      RequestId: okAnswer.RequestId,
    });
    expect(forms).toHaveLength(2);
    expect(forms[0]?.get('SignatureNonce')).not.toBe(forms[1]?.get('SignatureNonce'));
    expect(forms[0]?.get('Signature')).not.toBe(forms[1]?.get('Signature'));
  });

  it('retries a refused connection (nothing was sent) and succeeds once the endpoint listens', async () => {
    const port = await closedLoopbackPort();
    let accepted = 0;
    const server = createServer((incoming, outgoing) => {
      accepted += 1;
      incoming.resume();
      outgoing.setHeader('content-type', 'application/json');
      outgoing.end(JSON.stringify(okAnswer));
    });
    nock.enableNetConnect('127.0.0.1');
    try {
      const result = await sendSms(
        { ...request, endpoint: `http://127.0.0.1:${port}/` },
        {
          // The endpoint comes up while the connector backs off, as after a proxy restart.
          sleep: async () =>
            new Promise((resolve) => {
              server.listen(port, '127.0.0.1', () => {
                resolve();
              });
            }),
        }
      );
      expect(result.BizId).toBe(okAnswer.BizId);
      expect(accepted).toBe(1);
    } finally {
      server.close();
    }
  });

  it('retries a DNS failure (nothing was sent), then reports that the host could not be resolved', async () => {
    nock.enableNetConnect('dysmsapi.does-not-exist.invalid');
    let waits = 0;
    const error = await rejectionOf(
      sendSms(
        { ...request, endpoint: 'https://dysmsapi.does-not-exist.invalid/' },
        {
          sleep: async () => {
            waits += 1;
            return Promise.resolve();
          },
        }
      )
    );
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.message).toContain('could not be resolved');
    expect(waits).toBe(maxRetries);
    expect(error.data).toMatchObject({ attempts: maxRetries + 1, smsMayHaveBeenSent: false });
    expectNoLeak(error, []);
  });

  it(`gives up after ${maxRetries} retries with the last error, leaking nothing`, async () => {
    const { forms, scope, matcher } = recordAttempts();
    scope.post('/', matcher).reply(400, { Code: 'Throttling.User', Message: 'Request was denied due to user flow control.', RequestId: 'R' });

    const error = await rejectionOf(sendSms(request, noWait));
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(forms).toHaveLength(maxRetries + 1);
    expectNoLeak(error, forms.map((form) => form.get('Signature') ?? ''));
  });

  it.each([
    ['HTTP 500 InternalError', 500, { Code: 'InternalError', Message: 'internal', RequestId: 'R' }, ConnectorErrorCodes.General],
    ['isp.SYSTEM_ERROR', 200, { Code: 'isp.SYSTEM_ERROR', Message: 'system', RequestId: 'R' }, ConnectorErrorCodes.General],
    ['isv.BUSINESS_LIMIT_CONTROL', 200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: 'R' }, ConnectorErrorCodes.RateLimitExceeded],
    ['isv.AMOUNT_NOT_ENOUGH', 200, { Code: 'isv.AMOUNT_NOT_ENOUGH', Message: 'no money', RequestId: 'R' }, 'usage_limit_exceeded'],
    ['SignatureDoesNotMatch', 400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&PhoneNumbers%3D13800138000%26TemplateParam%3D%257B%2522code%2522%253A%2522482913%2522%257D', RequestId: 'R' }, ConnectorErrorCodes.InvalidConfig],
    ['a 503 without an Aliyun body', 503, '<html>Service Unavailable</html>', ConnectorErrorCodes.InvalidResponse],
    ['a garbage 200 body', 200, 'not json at all', ConnectorErrorCodes.InvalidResponse],
    ['an OK without BizId', 200, { Code: 'OK', Message: 'OK', RequestId: 'R' }, ConnectorErrorCodes.InvalidResponse],
  ])('never retries %s, and maps it', async (_name, status, body, expected) => {
    const { forms, scope, matcher } = recordAttempts();
    scope.post('/', matcher).reply(status, body);

    const error = await rejectionOf(sendSms(request, noWait));
    expect(error.code).toBe(expected);
    expect(forms).toHaveLength(1);
    expectNoLeak(error, forms.map((form) => form.get('Signature') ?? ''));
  });

  it('fails a silent endpoint within the timeout, says it timed out, and does not retry', async () => {
    const { forms, scope, matcher } = recordAttempts();
    scope.post('/', matcher).delay(5000).reply(200, okAnswer);

    const started = Date.now();
    const error = await rejectionOf(sendSms({ ...request, timeoutMs: 1000 }, noWait));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(error.message).toMatch(/timed out after 1000 ms/);
    expect(forms).toHaveLength(1);
    expectNoLeak(error, forms.map((form) => form.get('Signature') ?? ''));
  });

  it('does not start a retry whose backoff would pass the deadline', async () => {
    const { forms, scope, matcher } = recordAttempts();
    scope.post('/', matcher).reply(400, { Code: 'Throttling', Message: 'busy', RequestId: 'R' });

    const error = await rejectionOf(
      sendSms({ ...request, timeoutMs: 1000 }, { ...noWait, random: () => 1, now: () => new Date() })
    );
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    // Backoffs of 200 and 400 ms fit in one second, a third attempt's 800 ms would not.
    expect(forms.length).toBeLessThanOrEqual(maxRetries + 1);
  });
});
