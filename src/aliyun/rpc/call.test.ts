import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';

import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { formBodyOf } from '../../../test/support/form-body.js';
import { closedLoopbackPort } from '../../../test/support/ports.js';
import { rejectionOf } from '../../../test/support/rejection.js';
import { sdkSignature } from '../../../tools/emulator/signature.js';
import { percentEncode } from '../../encoding.js';

import { callAliyun, type AliyunCall, type CallRuntime } from './call.js';
import { classifyCode, knownCodes, type AliyunProduct } from '../classify.js';
import { backoffMs } from './retry-policy.js';
import { aliyunTimestamp } from './rpc-request.js';
import { sendApiOf } from '../products.js';
import type { SendResult } from '../template-code-send.js';
import type { AttemptOutcome, AttemptRequest, MaybeSentFailure, NeverSentFailure } from './transport/transport.js';

const secret = 'call-secret&/+= 密';
const code = '482913';
const phone = '13800138000';
const startOfTest = Date.UTC(2025, 0, 1, 12, 0, 0);
const okAnswer = { Code: 'OK', Message: 'OK', RequestId: 'REQ-OK', BizId: '900619746936498440^0' };
const destination = { host: 'dysmsapi.aliyuncs.com', port: 443 };

const callOf = (product: Exclude<AliyunProduct, 'intl'>, overrides: Partial<AliyunCall<SendResult>> = {}): AliyunCall<SendResult> => {
  const api = sendApiOf(product);
  return {
    endpoint: product === 'dypns' ? 'https://dypnsapi.aliyuncs.com/' : 'https://dysmsapi.aliyuncs.com/',
    action: api.action,
    version: api.version,
    parameters: api.parameters({
      phoneNumber: phone,
      mainlandNumber: phone,
      signName: '阿里云短信测试',
      templateCode: 'SMS_154950909',
      templateParam: JSON.stringify({ code }),
    }),
    credentials: { accessKeyId: 'LTAI5tCallTest', accessKeySecret: secret },
    signatureVersion: 'v1',
    regionId: 'cn-hangzhou',
    timeoutMs: 5000,
    accept: api.accept,
    context: { product, sensitive: [code, phone], maskedPhoneNumber: '138******00' },
    ...overrides,
  };
};
const dysmsCall = (overrides: Partial<AliyunCall<SendResult>> = {}) => callOf('dysms', overrides);

const answered = (statusCode: number, body: unknown, date?: string): AttemptOutcome => ({
  kind: 'answered',
  statusCode,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  contentType: 'application/json;charset=utf-8',
  date,
});
const neverSent = (failure: NeverSentFailure): AttemptOutcome => ({ kind: 'never-sent', failure, destination });
const maybeSent = (failure: MaybeSentFailure): AttemptOutcome => ({ kind: 'maybe-sent', failure, destination });
const throttled = (name = 'Throttling.User') => answered(400, { Code: name, Message: 'Request was denied due to user flow control.', RequestId: 'REQ-T' });

type Step = AttemptOutcome | ((request: AttemptRequest) => AttemptOutcome);

/**
 * A runtime with a fake clock that only moves when an attempt takes time or the loop sleeps,
 * and a network that plays the given outcomes in turn (the last one repeats).
 */
const fakeRuntime = (steps: readonly Step[], options: { random?: number; attemptMs?: readonly number[] } = {}) => {
  const clock = { ms: 0 };
  const requests: AttemptRequest[] = [];
  const sleeps: number[] = [];
  let nonces = 0;
  const runtime: CallRuntime = {
    now: () => new Date(startOfTest + clock.ms),
    elapsed: () => clock.ms,
    nonce: () => {
      nonces += 1;
      return `nonce-${nonces}`;
    },
    random: () => options.random ?? 0,
    sleep: async (milliseconds) => {
      sleeps.push(milliseconds);
      clock.ms += milliseconds;
      return Promise.resolve();
    },
    post: async (request) => {
      const index = requests.length;
      requests.push(request);
      clock.ms += options.attemptMs?.[index] ?? 0;
      const step = steps[Math.min(index, steps.length - 1)];
      if (step === undefined) {
        throw new Error('no outcome scripted');
      }
      return Promise.resolve(typeof step === 'function' ? step(request) : step);
    },
  };
  return { runtime, requests, sleeps, clock, forms: () => requests.map((request) => Object.fromEntries(new URLSearchParams(request.body))) };
};

const unsigned = (form: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(form).filter(([name]) => name !== 'Signature'));

const dataOf = (error: ConnectorError): Record<string, unknown> => {
  const { data } = error;
  if (typeof data !== 'object' || data === null) {
    throw new TypeError('ConnectorError data is not an object');
  }
  return Object.fromEntries(Object.entries(data));
};

/** Every way an error can be printed or stored. */
const serialise = (error: ConnectorError): string =>
  [
    error.message,
    String(error.stack),
    JSON.stringify(error),
    JSON.stringify(error.data),
    String(error),
    inspect(error, { depth: null, showHidden: true }),
  ].join('\n');

const expectNoLeak = (error: ConnectorError, extra: readonly string[] = []) => {
  const text = serialise(error);
  for (const value of [secret, code, phone, ...extra]) {
    for (const form of [value, encodeURIComponent(value), percentEncode(value), percentEncode(percentEncode(value))]) {
      expect(text, `leaked ${form}`).not.toContain(form);
    }
  }
};

describe('callAliyun accepts only an OK answer with HTTP 2xx and a BizId', () => {
  it('resolves with the result and Aliyun’s Date header after one attempt', async () => {
    const { runtime, requests, forms } = fakeRuntime([answered(200, okAnswer, 'Wed, 01 Jan 2025 12:00:00 GMT')]);
    await expect(callAliyun(dysmsCall(), runtime)).resolves.toEqual({
      result: { BizId: okAnswer.BizId, RequestId: okAnswer.RequestId },
      date: 'Wed, 01 Jan 2025 12:00:00 GMT',
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      url: 'https://dysmsapi.aliyuncs.com/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      timeoutMs: 5000,
    });
    const [form] = forms();
    expect(form).toMatchObject({ Action: 'SendSms', PhoneNumbers: phone, SignatureNonce: 'nonce-1', Timestamp: '2025-01-01T12:00:00Z' });
    expect(form?.Signature).toBe(sdkSignature(unsigned(form ?? {}), 'POST', secret));
  });

  it('takes SendSmsVerifyCode’s BizId from Model', async () => {
    const { runtime, forms } = fakeRuntime([answered(200, { Code: 'OK', RequestId: 'R2', Model: { BizId: 'M-1' } })]);
    await expect(callAliyun(callOf('dypns'), runtime)).resolves.toMatchObject({ result: { BizId: 'M-1', RequestId: 'R2' } });
    expect(forms()[0]).toMatchObject({ Action: 'SendSmsVerifyCode', PhoneNumber: phone, CountryCode: '86' });
  });

  it.each([
    ['SendSms', 'dysms', { Code: 'OK', RequestId: 'R' }],
    ['SendSms, BizId only in Model', 'dysms', { Code: 'OK', RequestId: 'R', Model: { BizId: 'M' } }],
    ['SendSmsVerifyCode, BizId only at the top', 'dypns', { Code: 'OK', RequestId: 'R', BizId: 'B' }],
  ] as const)('fails an OK without BizId (%s) as invalid_response, once', async (_name, product, body) => {
    const { runtime, requests } = fakeRuntime([answered(200, body)]);
    const error = await rejectionOf(callAliyun(callOf(product), runtime));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
    expect(dataOf(error)).toMatchObject({ reason: 'ok-without-id', httpStatus: 200, smsMayHaveBeenSent: true });
    expect(requests).toHaveLength(1);
  });

  it.each([301, 302, 304, 400, 404, 500, 503])(
    'never takes HTTP %i whose body says OK with a BizId for success',
    async (status) => {
      const { runtime, requests } = fakeRuntime([answered(status, okAnswer)]);
      const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
      expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
      expect(dataOf(error)).toMatchObject({ reason: 'ok-with-error-status', httpStatus: status, RequestId: okAnswer.RequestId });
      // An OK Code is no verdict: it is not passed on as Aliyun's Code.
      expect(Object.keys(dataOf(error))).not.toContain('Code');
      expect(requests).toHaveLength(1);
    }
  );

  it('takes any 2xx with OK and a BizId', async () => {
    const { runtime } = fakeRuntime([answered(299, okAnswer)]);
    await expect(callAliyun(dysmsCall(), runtime)).resolves.toMatchObject({ result: { BizId: okAnswer.BizId } });
  });

  it.each([
    ['an HTML page', 200, '<html>502 Bad Gateway</html>'],
    ['JSON without a string Code', 200, { Code: 0, BizId: '1' }],
    ['an empty 503', 503, ''],
  ])('fails %s as invalid_response (not-an-answer), once', async (_name, status, body) => {
    const { runtime, requests } = fakeRuntime([answered(status, body)]);
    const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
    expect(dataOf(error)).toMatchObject({ reason: 'not-an-answer', httpStatus: status, contentType: 'application/json;charset=utf-8' });
    expect(requests).toHaveLength(1);
  });

  it('fails an oversized answer as invalid_response (too-large), once', async () => {
    const { runtime, requests } = fakeRuntime([{ kind: 'too-large', statusCode: 200, contentType: 'text/html' }]);
    const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
    expect(dataOf(error)).toMatchObject({ reason: 'too-large', httpStatus: 200, contentType: 'text/html' });
    expect(requests).toHaveLength(1);
  });
});

describe('callAliyun retries only what Aliyun certainly did not act on', () => {
  it.each(['Throttling', 'Throttling.User', 'Throttling.Api'])(
    'retries %s after its backoff, re-signed with a fresh nonce and timestamp, and succeeds once',
    async (name) => {
      const { runtime, requests, sleeps, forms } = fakeRuntime([throttled(name), answered(200, okAnswer)], {
        random: 0.5,
        attemptMs: [1200],
      });
      await expect(callAliyun(dysmsCall(), runtime)).resolves.toMatchObject({ result: { BizId: okAnswer.BizId } });
      expect(requests).toHaveLength(2);
      expect(sleeps).toEqual([backoffMs(0, 0.5)]);
      const [first, second] = forms();
      expect(first?.SignatureNonce).toBe('nonce-1');
      expect(second?.SignatureNonce).toBe('nonce-2');
      expect(first?.Timestamp).toBe('2025-01-01T12:00:00Z');
      expect(second?.Timestamp).toBe(aliyunTimestamp(new Date(startOfTest + 1200 + backoffMs(0, 0.5))));
      expect(second?.Timestamp).not.toBe(first?.Timestamp);
      for (const form of [first, second]) {
        expect(form?.Signature).toBe(sdkSignature(unsigned(form ?? {}), 'POST', secret));
      }
      expect(second?.Signature).not.toBe(first?.Signature);
    }
  );

  it('passes Aliyun’s Date header on to the answer’s error', async () => {
    const { runtime } = fakeRuntime([
      answered(400, { Code: 'InvalidTimeStamp.Expired', RequestId: 'R' }, 'Wed, 01 Jan 2025 12:20:00 GMT'),
    ]);
    const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
    expect(dataOf(error)).toMatchObject({ Code: 'InvalidTimeStamp.Expired', serverDate: 'Wed, 01 Jan 2025 12:20:00 GMT' });
  });

  it('does not retry ServiceUnavailable (HTTP 503): the backend may have processed it', async () => {
    const { runtime, requests, sleeps } = fakeRuntime([
      answered(503, { Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.', RequestId: 'R' }),
      answered(200, okAnswer),
    ]);
    const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(dataOf(error)).toMatchObject({ Code: 'ServiceUnavailable', httpStatus: 503, smsMayHaveBeenSent: true });
    expect(requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  const unretriedCodes = (['dysms', 'dypns'] as const).flatMap((product) =>
    knownCodes(product)
      .filter((name) => classifyCode(product, name).kind !== 'throttled')
      .map((name) => [product, name] as const)
  );

  it.each(unretriedCodes)('never retries %s %s', async (product, name) => {
    const { runtime, requests } = fakeRuntime([answered(200, { Code: name, RequestId: 'R' }), answered(200, okAnswer)]);
    const error = await rejectionOf(callAliyun(callOf(product), runtime));
    expect(dataOf(error)).toMatchObject({ Code: name });
    expect(requests).toHaveLength(1);
  });

  it.each(['isv.SOMETHING_NEW', 'isv.BUSINESS_LIMIT_CONTROL', 'isp.SYSTEM_ERROR'])(
    'never retries %s, even with a gateway status',
    async (name) => {
      const { runtime, requests } = fakeRuntime([answered(400, { Code: name, RequestId: 'R' }), answered(200, okAnswer)]);
      await rejectionOf(callAliyun(dysmsCall(), runtime));
      expect(requests).toHaveLength(1);
    }
  );

  it.each<NeverSentFailure>(['connection-refused', 'dns', 'connect-timeout'])(
    'retries %s (nothing was sent) and succeeds once',
    async (failure) => {
      const { runtime, requests, sleeps } = fakeRuntime([neverSent(failure), answered(200, okAnswer)]);
      await expect(callAliyun(dysmsCall(), runtime)).resolves.toMatchObject({ result: { BizId: okAnswer.BizId } });
      expect(requests).toHaveLength(2);
      expect(sleeps).toEqual([100]);
    }
  );

  it.each<NeverSentFailure>(['connection-refused', 'dns', 'connect-timeout'])(
    'gives up on %s after two retries, reporting three attempts',
    async (failure) => {
      const { runtime, requests, sleeps } = fakeRuntime([neverSent(failure)]);
      const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
      expect(requests).toHaveLength(3);
      expect(sleeps).toEqual([100, 200]);
      expect(error.code).toBe(ConnectorErrorCodes.General);
      expect(dataOf(error)).toMatchObject({ failure, attempts: 3, smsMayHaveBeenSent: false });
      expect(error.message).toContain('(3 attempts)');
    }
  );

  it('does not retry an untrusted certificate: nothing was sent, but a retry cannot help', async () => {
    const { runtime, requests } = fakeRuntime([neverSent('tls'), answered(200, okAnswer)]);
    const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
    expect(dataOf(error)).toMatchObject({ failure: 'tls', attempts: 1, smsMayHaveBeenSent: false });
    expect(requests).toHaveLength(1);
  });

  it.each<MaybeSentFailure>(['timeout', 'reset', 'network'])(
    'does not retry %s: the SMS may have been sent',
    async (failure) => {
      const { runtime, requests, sleeps } = fakeRuntime([maybeSent(failure), answered(200, okAnswer)]);
      const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
      expect(dataOf(error)).toMatchObject({ failure, attempts: 1, smsMayHaveBeenSent: true });
      expect(requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    }
  );
});

describe('callAliyun keeps every attempt inside the one deadline', () => {
  it('posts nothing when the deadline passed before the first attempt, and says no SMS was sent', async () => {
    const { runtime, requests, clock } = fakeRuntime([answered(200, okAnswer)]);
    clock.ms = 6000;
    const error = await rejectionOf(callAliyun(dysmsCall({ timeoutMs: 5000, startedAt: 0 }), runtime));
    expect(requests).toEqual([]);
    expect(dataOf(error)).toMatchObject({ failure: 'no-time-left', smsMayHaveBeenSent: false, attempts: 0 });
    expect(String(dataOf(error).errorDescription)).toContain('no SMS was sent');
  });

  it('still posts with one millisecond left, giving the attempt exactly that', async () => {
    const { runtime, requests, clock } = fakeRuntime([answered(200, okAnswer)]);
    clock.ms = 4999;
    await expect(callAliyun(dysmsCall({ timeoutMs: 5000, startedAt: 0 }), runtime)).resolves.toMatchObject({
      result: { BizId: okAnswer.BizId },
    });
    expect(requests.map((request) => request.timeoutMs)).toEqual([1]);
  });

  it('gives each attempt only what is left of the deadline', async () => {
    const { runtime, requests } = fakeRuntime([neverSent('connection-refused'), throttled(), answered(200, okAnswer)], {
      random: 0,
      attemptMs: [700, 300],
    });
    await callAliyun(dysmsCall({ timeoutMs: 5000 }), runtime);
    // 5000 − 700 (first attempt) − 100 (backoff); then − 300 (second attempt) − 200 (backoff).
    expect(requests.map((request) => request.timeoutMs)).toEqual([5000, 4200, 3700]);
  });

  it('measures the deadline from the start of the call, not of the first attempt', async () => {
    const { runtime, requests, clock } = fakeRuntime([answered(200, okAnswer)]);
    const base = runtime.elapsed;
    clock.ms = 0;
    let first = true;
    // Signing takes 40 ms before the first post.
    const elapsed = () => {
      if (first) {
        first = false;
        return base();
      }
      return base() + 40;
    };
    await callAliyun(dysmsCall({ timeoutMs: 5000 }), { ...runtime, elapsed });
    expect(requests[0]?.timeoutMs).toBe(4960);
  });

  it('measures the deadline from startedAt when the caller gives it', async () => {
    const { runtime, requests, clock } = fakeRuntime([throttled(), answered(200, okAnswer)], { random: 0 });
    // The caller spent 1000 ms (say, fetching credentials) before the call.
    clock.ms = 1000;
    await callAliyun(dysmsCall({ timeoutMs: 5000, startedAt: 0 }), runtime);
    expect(requests.map((request) => request.timeoutMs)).toEqual([4000, 3900]);
  });

  it('really waits the backoff with the default sleep', async () => {
    const { runtime, requests } = fakeRuntime([neverSent('connection-refused'), answered(200, okAnswer)], { random: 0 });
    const started = performance.now();
    await callAliyun(dysmsCall(), { post: runtime.post, random: runtime.random });
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    expect(requests).toHaveLength(2);
  });

  it('does not start a retry whose backoff would pass the deadline: 999 ms left after it stops', async () => {
    // 3000 ms: after the first failure 3000 − 100 ms backoff leaves plenty; the second attempt
    // takes 1701 ms, so 3000 − 100 − 1701 − 200 ms backoff = 999 ms would be left: no third.
    const { runtime, requests, sleeps } = fakeRuntime([throttled()], { random: 0, attemptMs: [0, 1701] });
    const error = await rejectionOf(callAliyun(dysmsCall({ timeoutMs: 3000 }), runtime));
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([100]);
  });

  it('does start a retry that leaves exactly 1000 ms after its backoff', async () => {
    const { runtime, requests, sleeps } = fakeRuntime([throttled()], { random: 0, attemptMs: [0, 1700] });
    await rejectionOf(callAliyun(dysmsCall({ timeoutMs: 3000 }), runtime));
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([100, 200]);
    expect(requests[2]?.timeoutMs).toBe(1000);
  });

  it('does not retry at all when the first backoff would leave less than a second', async () => {
    const short = fakeRuntime([neverSent('dns'), answered(200, okAnswer)], { random: 0 });
    await rejectionOf(callAliyun(dysmsCall({ timeoutMs: 1099 }), short.runtime));
    expect(short.requests).toHaveLength(1);
    const enough = fakeRuntime([neverSent('dns'), answered(200, okAnswer)], { random: 0 });
    await callAliyun(dysmsCall({ timeoutMs: 1100 }), enough.runtime);
    expect(enough.requests).toHaveLength(2);
  });

  it('counts the time an attempt took against the retry', async () => {
    // The same 1100 ms deadline, but the refused connection took 1 ms to fail.
    const { runtime, requests } = fakeRuntime([neverSent('connection-refused'), answered(200, okAnswer)], {
      random: 0,
      attemptMs: [1],
    });
    await rejectionOf(callAliyun(dysmsCall({ timeoutMs: 1100 }), runtime));
    expect(requests).toHaveLength(1);
  });
});

describe('callAliyun reports the last failure', () => {
  it('throws the last attempt’s error, with every attempt counted', async () => {
    const { runtime, requests } = fakeRuntime([throttled(), neverSent('connection-refused'), neverSent('dns')]);
    const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
    expect(requests).toHaveLength(3);
    expect(dataOf(error)).toMatchObject({ failure: 'dns', attempts: 3, timeoutMs: 5000 });
    expect(error.message).toContain('could not be resolved (3 attempts)');
  });

  it('throws Aliyun’s answer when that came last', async () => {
    const { runtime } = fakeRuntime([neverSent('dns'), neverSent('connection-refused'), throttled('Throttling.Api')]);
    const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(dataOf(error)).toMatchObject({ Code: 'Throttling.Api', httpStatus: 400 });
  });

  it('counts the attempt a transport failure ended on', async () => {
    const { runtime } = fakeRuntime([throttled(), maybeSent('timeout')]);
    const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
    expect(dataOf(error)).toMatchObject({ failure: 'timeout', attempts: 2 });
  });
});

describe('callAliyun with signature V3', () => {
  it('re-signs each attempt with a fresh nonce and date in its headers', async () => {
    const { runtime, requests } = fakeRuntime([throttled(), answered(200, okAnswer)], { attemptMs: [1500] });
    await callAliyun(dysmsCall({ signatureVersion: 'v3' }), runtime);
    const [first, second] = requests;
    expect(first?.headers['x-acs-signature-nonce']).toBe('nonce-1');
    expect(second?.headers['x-acs-signature-nonce']).toBe('nonce-2');
    expect(first?.headers['x-acs-date']).toBe('2025-01-01T12:00:00Z');
    expect(second?.headers['x-acs-date']).toBe('2025-01-01T12:00:01Z');
    expect(second?.headers.authorization).not.toBe(first?.headers.authorization);
    expect(Object.fromEntries(new URLSearchParams(second?.body))).not.toHaveProperty('Signature');
  });

  it('redacts the V3 signature when Aliyun echoes it', async () => {
    const echo = (request: AttemptRequest): AttemptOutcome =>
      answered(400, { Code: 'SignatureDoesNotMatch', Message: `mismatch ${request.headers.authorization ?? ''} ${secret}` });
    const { runtime, requests } = fakeRuntime([echo]);
    const error = await rejectionOf(callAliyun(dysmsCall({ signatureVersion: 'v3' }), runtime));
    const signatures = requests.map((request) => /Signature=([0-9a-f]+)/.exec(request.headers.authorization ?? '')?.[1] ?? 'none');
    expect(signatures[0]).toMatch(/^[0-9a-f]{64}$/);
    expectNoLeak(error, signatures);
  });
});

describe('callAliyun leaks nothing it signed', () => {
  it('redacts the secret and every attempt’s signature echoed by Aliyun, with the caller’s values', async () => {
    const echo = (request: AttemptRequest): AttemptOutcome => {
      const form = new URLSearchParams(request.body);
      return answered(400, {
        Code: 'SignatureDoesNotMatch',
        Message: `mismatch ${secret} ${form.get('Signature') ?? ''} ${request.body} server string to sign is:POST&%2F&${percentEncode(request.body)}`,
        RequestId: `R ${form.get('Signature') ?? ''}`,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(request.body)}`,
      });
    };
    const { runtime, forms } = fakeRuntime([echo]);
    const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expectNoLeak(error, forms().map((form) => form.Signature ?? ''));
  });

  it('redacts the secret and the STS token even when the caller lists neither', async () => {
    const token = 'CAIS-sts-token+/=value';
    const call = dysmsCall({
      credentials: { accessKeyId: 'LTAI5tCallTest', accessKeySecret: secret, securityToken: token },
      context: { product: 'dysms', sensitive: [] },
    });
    const { runtime } = fakeRuntime([answered(400, { Code: 'InvalidSecurityToken.Expired', Message: `token ${token} secret ${secret}` })]);
    const error = await rejectionOf(callAliyun(call, runtime));
    const text = serialise(error);
    expect(text).not.toContain(token);
    expect(text).not.toContain(secret);
    expect(dataOf(error)).toMatchObject({ Message: 'token *** secret ***', fields: ['securityToken'] });
  });

  it('redacts a body that is not an answer but echoes the request', async () => {
    const { runtime, forms } = fakeRuntime([(request) => answered(200, `<html>${request.body} ${secret}</html>`)]);
    const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
    expect(dataOf(error).reason).toBe('not-an-answer');
    expectNoLeak(error, forms().map((form) => form.Signature ?? ''));
  });

  it('keeps the request out of a transport error', async () => {
    const { runtime, forms } = fakeRuntime([neverSent('connection-refused')]);
    const error = await rejectionOf(callAliyun(dysmsCall(), runtime));
    expectNoLeak(error, forms().map((form) => form.Signature ?? ''));
    expect(serialise(error)).not.toContain('LTAI5tCallTest');
  });
});

describe('callAliyun over the real transport', () => {
  const listen = async (server: Server): Promise<number> =>
    new Promise((resolve) => {
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : 0);
      });
    });
  const close = async (server: Server): Promise<void> =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    });

  it('does not follow a redirect to another server, nor take it for success', async () => {
    let elsewhereReceived = 0;
    const elsewhere = createServer((incoming, outgoing) => {
      elsewhereReceived += 1;
      incoming.resume();
      outgoing.end(JSON.stringify(okAnswer));
    });
    const elsewherePort = await listen(elsewhere);
    const redirecting = createServer((incoming, outgoing) => {
      incoming.resume();
      outgoing.writeHead(302, { location: `http://127.0.0.1:${elsewherePort}/`, 'content-type': 'application/json' });
      outgoing.end(JSON.stringify(okAnswer));
    });
    const port = await listen(redirecting);
    try {
      const error = await rejectionOf(callAliyun(dysmsCall({ endpoint: `http://127.0.0.1:${port}/` })));
      expect(error.code).toBe(ConnectorErrorCodes.InvalidResponse);
      expect(dataOf(error)).toMatchObject({ reason: 'ok-with-error-status', httpStatus: 302 });
      expect(elsewhereReceived).toBe(0);
    } finally {
      await Promise.all([close(redirecting), close(elsewhere)]);
    }
  });

  it('retries a refused connection and succeeds once the endpoint listens', async () => {
    const port = await closedLoopbackPort();
    let accepted = 0;
    const server = createServer((incoming, outgoing) => {
      accepted += 1;
      incoming.resume();
      outgoing.setHeader('content-type', 'application/json');
      outgoing.end(JSON.stringify(okAnswer));
    });
    try {
      const result = await callAliyun(dysmsCall({ endpoint: `http://127.0.0.1:${port}/` }), {
        // The endpoint comes up while the call backs off, as after a proxy restart.
        sleep: async () =>
          new Promise((resolve) => {
            server.listen(port, '127.0.0.1', () => {
              resolve();
            });
          }),
      });
      expect(result.result.BizId).toBe(okAnswer.BizId);
      expect(accepted).toBe(1);
    } finally {
      await close(server);
    }
  });

  it('fails a silent endpoint within the deadline, says it timed out, and does not retry', async () => {
    let received = 0;
    const silent = createServer((incoming) => {
      received += 1;
      incoming.resume();
    });
    const port = await listen(silent);
    try {
      const started = performance.now();
      const error = await rejectionOf(callAliyun(dysmsCall({ endpoint: `http://127.0.0.1:${port}/`, timeoutMs: 1500 })));
      const took = performance.now() - started;
      expect(took).toBeGreaterThanOrEqual(1400);
      expect(took).toBeLessThan(3000);
      expect(dataOf(error)).toMatchObject({ failure: 'timeout', attempts: 1, timeoutMs: 1500, smsMayHaveBeenSent: true });
      expect(error.message).toMatch(/127\.0\.0\.1:\d+ timed out after 1500 ms \(1 attempt\)/);
      expect(received).toBe(1);
    } finally {
      await close(silent);
    }
  });

  // nock's sockets report no connect timings, so the transport would read every nock failure
  // as "never connected": nock only stands in for Aliyun's answers here, never for failures.
  describe('intercepted with nock', () => {
    const host = 'https://dysmsapi.aliyuncs.com';

    beforeAll(() => {
      nock.disableNetConnect();
    });
    afterEach(() => {
      nock.cleanAll();
    });
    afterAll(() => {
      nock.enableNetConnect();
      nock.restore();
    });

    it('posts the signed form with the default runtime and reads the answer', async () => {
      const forms: URLSearchParams[] = [];
      nock(host)
        .post('/', (body: unknown) => {
          forms.push(formBodyOf(body));
          return true;
        })
        .reply(200, okAnswer, { date: 'Wed, 01 Jan 2025 12:00:00 GMT' });
      const success = await callAliyun(dysmsCall());
      expect(success).toEqual({ result: { BizId: okAnswer.BizId, RequestId: okAnswer.RequestId }, date: 'Wed, 01 Jan 2025 12:00:00 GMT' });
      expect(forms).toHaveLength(1);
      const form = Object.fromEntries(forms[0] ?? []);
      expect(form.Signature).toBe(sdkSignature(unsigned(form), 'POST', secret));
      expect(form.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });
  });
});
