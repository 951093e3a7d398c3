import { afterEach, describe, expect, test } from 'vitest';
import { FaultSchedule, parseFaultSpec } from './faults.js';
import { startEmulator, type Emulator, type EmulatorOptions } from './index.js';
import { field, json, send, signedParams, TransportError, type Answer } from './test-client.js';
import { signedCall } from './test-client-v3.js';

const START = new Date('2025-01-01T12:00:00Z');

let emulator: Emulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  emulator = await startEmulator({ now: START, rateLimits: false, ...options });
  return emulator;
}

function params(target: Emulator): Record<string, string> {
  return signedParams({ now: target.clock.now() });
}

async function transportError(attempt: Promise<Answer>): Promise<string> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof TransportError) return error.code;
    throw error;
  }
  throw new Error('the request was answered');
}

describe('faults that withhold the answer', () => {
  test('hang: never answers; the client times out and nothing was acted on', async () => {
    const target = await start();
    target.injectFault({ kind: 'hang' });
    expect(await transportError(send(target.url, params(target), { timeoutMs: 150 }))).toBe('TIMEOUT');
    expect(target.messages).toHaveLength(0);
    expect(target.requests[0]).toMatchObject({ answered: false, fault: { kind: 'hang' }, verdict: { code: 'fault:hang' } });
  });

  test('hang: close() drops the hanging connection instead of waiting for it', async () => {
    const target = await start();
    target.injectFault({ kind: 'hang' });
    const pending = transportError(send(target.url, params(target)));
    await expect.poll(() => target.requests.length).toBe(1);
    await target.close();
    expect(['ECONNRESET', 'UNKNOWN']).toContain(await pending);
  });

  test('reset-before-body: the socket dies before the body is read; not acted on', async () => {
    const target = await start();
    target.injectFault({ kind: 'reset-before-body' });
    const sent = params(target);
    expect(['ECONNRESET', 'EPIPE']).toContain(await transportError(send(target.url, sent, { timeoutMs: 2_000 })));
    expect(target.messages).toHaveLength(0);
    expect(target.requests[0]).toMatchObject({ answered: false, verdict: { code: 'fault:reset-before-body', signatureVerified: false } });
    // The nonce was never seen, so resending the very same request is accepted.
    expect(json(await send(target.url, sent))).toMatchObject({ Code: 'OK' });
  });

  test('reset-after-body: the SMS is accepted and recorded, but the client gets a reset', async () => {
    const target = await start();
    target.injectFault({ kind: 'reset-after-body' });
    const sent = params(target);
    expect(await transportError(send(target.url, sent, { timeoutMs: 2_000 }))).toBe('ECONNRESET');
    expect(target.messages).toHaveLength(1);
    expect(target.requests[0]).toMatchObject({
      answered: false,
      fault: { kind: 'reset-after-body' },
      verdict: { code: 'OK', httpStatus: 200, signatureVerified: true },
    });
    // A blind retry of the same request shows the first attempt arrived.
    expect(json(await send(target.url, sent))).toMatchObject({ Code: 'SignatureNonceUsed' });
    expect(target.messages).toHaveLength(1);
  });
});

describe('faults that answer without acting', () => {
  test('http-status 500 answers InternalError', async () => {
    const target = await start();
    target.injectFault({ kind: 'http-status', status: 500 });
    const answer = await send(target.url, params(target));
    expect(answer.status).toBe(500);
    expect(json(answer)).toMatchObject({ Code: 'InternalError', HostId: 'dysmsapi.aliyuncs.com' });
    expect(target.messages).toHaveLength(0);
  });

  test('http-status 503 answers ServiceUnavailable, and the same request then goes through', async () => {
    const target = await start();
    target.injectFault({ kind: 'http-status', status: 503 });
    const sent = params(target);
    const answer = await send(target.url, sent);
    expect(answer.status).toBe(503);
    expect(json(answer)).toMatchObject({ Code: 'ServiceUnavailable' });
    expect(json(await send(target.url, sent))).toMatchObject({ Code: 'OK' });
  });

  test('garbage answers 200 with an HTML page', async () => {
    const target = await start();
    target.injectFault({ kind: 'garbage' });
    const answer = await send(target.url, params(target));
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('text/html');
    expect(() => json(answer)).toThrow(SyntaxError);
    expect(target.messages).toHaveLength(0);
    expect(target.requests[0]?.verdict.code).toBe('fault:garbage');
  });

  test('echo answers 400 with the request played back in Code, RequestId and Message', async () => {
    const target = await start();
    target.injectFault({ kind: 'echo' });
    const sent = { ...params(target), Signature: 'ab+c/d==' };
    const answer = await send(target.url, sent);
    expect(answer.status).toBe(400);
    const body = json(answer);
    expect(field(body, 'Code')).toContain('Signature=ab%2Bc%2Fd%3D%3D');
    expect(field(body, 'RequestId')).toContain('Signature=ab+c/d==');
    expect(field(body, 'Message')).toContain('| ab c/d== |');
    expect(field(body, 'Message')).toContain('| ab-c_d |');
    expect(field(body, 'Message')).toContain('"content-type":"application/x-www-form-urlencoded"');
    expect(target.messages).toHaveLength(0);
    expect(target.requests[0]?.verdict).toMatchObject({ code: 'fault:echo', httpStatus: 400 });
  });

  test('aliyun-code Throttling.User answers 400', async () => {
    const target = await start();
    target.injectFault({ kind: 'aliyun-code', code: 'Throttling.User' });
    const answer = await send(target.url, params(target));
    expect(answer.status).toBe(400);
    expect(json(answer)).toMatchObject({ Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' });
    expect(target.messages).toHaveLength(0);
  });

  test('aliyun-code takes any code, message and status; isv codes default to 200', async () => {
    const target = await start();
    target.injectFault({ kind: 'aliyun-code', code: 'isv.AMOUNT_NOT_ENOUGH', message: '账户余额不足' });
    target.injectFault({ kind: 'aliyun-code', code: 'Forbidden.RAM', status: 403 });
    const first = await send(target.url, params(target));
    expect(first.status).toBe(200);
    expect(json(first)).toMatchObject({ Code: 'isv.AMOUNT_NOT_ENOUGH', Message: '账户余额不足' });
    expect(Object.keys(json(first) ?? {}).sort()).toEqual(['Code', 'Message', 'RequestId']);
    const second = await send(target.url, params(target));
    expect(second.status).toBe(403);
    expect(json(second)).toMatchObject({ Code: 'Forbidden.RAM' });
  });
});

describe('delay', () => {
  test('waits, then handles the request normally', async () => {
    const target = await start();
    target.injectFault({ kind: 'delay', ms: 120 });
    const began = performance.now();
    const answer = await send(target.url, params(target));
    expect(performance.now() - began).toBeGreaterThanOrEqual(100);
    expect(json(answer)).toMatchObject({ Code: 'OK' });
    expect(target.requests[0]).toMatchObject({ delayMs: 120, fault: undefined });
  });

  test('a delay longer than the client timeout looks like a hang, yet the request is processed', async () => {
    const target = await start();
    target.injectFault({ kind: 'delay', ms: 300 });
    expect(await transportError(send(target.url, params(target), { timeoutMs: 100 }))).toBe('TIMEOUT');
    // The server only notices the client left when it writes; the SMS may well have gone out.
    await expect.poll(() => target.messages.length).toBe(1);
  });
});

describe('choosing faults', () => {
  test('queued faults are consumed in order, `times` requests each', async () => {
    const target = await start();
    target.injectFault({ kind: 'http-status', status: 500 }, { times: 2 });
    target.injectFault({ kind: 'http-status', status: 503 });
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await send(target.url, params(target))).status);
    expect(statuses).toEqual([500, 500, 503, 200]);
  });

  test('run faults apply to every request; queued faults win; clearFaults() stops both', async () => {
    const target = await start({ faults: [{ kind: 'http-status', status: 503 }] });
    expect((await send(target.url, params(target))).status).toBe(503);
    expect((await send(target.url, params(target))).status).toBe(503);
    target.injectFault({ kind: 'aliyun-code', code: 'Throttling.User' });
    expect((await send(target.url, params(target))).status).toBe(400);
    expect((await send(target.url, params(target))).status).toBe(503);
    target.clearFaults();
    expect((await send(target.url, params(target))).status).toBe(200);
  });

  test('run faults combine a delay with a deciding fault', async () => {
    const target = await start({ faults: [{ kind: 'delay', ms: 30 }, { kind: 'garbage' }] });
    const answer = await send(target.url, params(target));
    expect(answer.contentType).toBe('text/html');
    expect(target.requests[0]).toMatchObject({ delayMs: 30, fault: { kind: 'garbage' } });
  });

  test('reset() drops queued faults but keeps the run faults', async () => {
    const target = await start({ faults: [{ kind: 'http-status', status: 500 }] });
    target.injectFault({ kind: 'garbage' });
    target.reset();
    expect((await send(target.url, params(target))).status).toBe(500);
  });

  test('nonsense faults are refused up front', () => {
    const schedule = new FaultSchedule();
    expect(() => {
      schedule.inject({ kind: 'delay', ms: -1 });
    }).toThrow(RangeError);
    expect(() => {
      schedule.inject({ kind: 'garbage' }, 0);
    }).toThrow(RangeError);
    expect(() => new FaultSchedule([{ kind: 'aliyun-code', code: 'X', status: 42 }])).toThrow(RangeError);
  });
});

describe('faults on every API', () => {
  const verifyCode = (target: Emulator): Record<string, string> =>
    signedCall({
      now: target.clock.now(),
      action: 'SendSmsVerifyCode',
      params: { PhoneNumber: '13800138000', SignName: '速通互联验证码', TemplateCode: '100001', TemplateParam: '{"code":"1234","min":"5"}' },
    });

  test('a Dypnsapi business code answers 200 in the Dypnsapi shape, and nothing is sent', async () => {
    const target = await start({ now: new Date('2026-03-01T00:00:00Z') });
    target.injectFault({ kind: 'aliyun-code', code: 'FREQUENCY_FAIL' });
    const answer = await send(target.url, verifyCode(target));
    expect(answer.status).toBe(200);
    expect(json(answer)).toMatchObject({ Code: 'FREQUENCY_FAIL', Success: false });
    expect(target.messages).toHaveLength(0);
  });

  test('a 503 on a read API names that product host; reset-after-body still acts on a Dypnsapi send', async () => {
    const target = await start({ now: new Date('2026-03-01T00:00:00Z') });
    target.injectFault({ kind: 'http-status', status: 503 });
    const read = await send(target.url, signedCall({ now: target.clock.now(), action: 'SendSmsVerifyCode', params: {} }));
    expect(read.status).toBe(503);
    expect(field(json(read), 'HostId')).toBe('dypnsapi.aliyuncs.com');
    target.injectFault({ kind: 'reset-after-body' });
    expect(await transportError(send(target.url, verifyCode(target), { timeoutMs: 2_000 }))).toBe('ECONNRESET');
    expect(target.messages[0]).toMatchObject({ api: 'SendSmsVerifyCode' });
  });

  test('fault answers carry the Date of the emulator clock', async () => {
    const target = await start();
    target.injectFault({ kind: 'http-status', status: 500 });
    const answer = await send(target.url, params(target));
    expect(Math.abs(new Date(answer.date ?? '').getTime() - START.getTime())).toBeLessThan(60_000);
  });
});

describe('parseFaultSpec', () => {
  test('reads every kind from the command line', () => {
    expect(parseFaultSpec('delay:250')).toEqual({ kind: 'delay', ms: 250 });
    expect(parseFaultSpec('hang')).toEqual({ kind: 'hang' });
    expect(parseFaultSpec('echo')).toEqual({ kind: 'echo' });
    expect(parseFaultSpec('reset-after-body')).toEqual({ kind: 'reset-after-body' });
    expect(parseFaultSpec('http-status:503')).toEqual({ kind: 'http-status', status: 503 });
    expect(parseFaultSpec('aliyun-code:Throttling.User')).toEqual({ kind: 'aliyun-code', code: 'Throttling.User' });
    expect(parseFaultSpec('aliyun-code:Forbidden.RAM:403')).toEqual({ kind: 'aliyun-code', code: 'Forbidden.RAM', status: 403 });
    expect(() => parseFaultSpec('http-status:404')).toThrow();
    expect(() => parseFaultSpec('delay:soon')).toThrow();
    expect(() => parseFaultSpec('explode')).toThrow();
  });
});
