import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEMO_ACCOUNT, formatSms, startEmulator, stringToSign, type Emulator } from './index.js';
import { field, json, send, signedParams, type ParamOverrides } from './test-client.js';

const START = new Date('2025-01-01T12:00:00Z');
const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ now: START });
});

afterEach(async () => {
  await emulator.close();
});

function sign(params: ParamOverrides = {}, method: 'GET' | 'POST' = 'POST'): Record<string, string> {
  return signedParams({ now: emulator.clock.now(), method, params });
}

async function sendSms(params: ParamOverrides = {}, method: 'GET' | 'POST' = 'POST'): Promise<{ status: number; body: unknown }> {
  const answer = await send(emulator.url, sign(params, method), { method });
  return { status: answer.status, body: json(answer) };
}

describe('accepted requests', () => {
  test('a good form POST is accepted and recorded', async () => {
    const { status, body } = await sendSms({ OutId: 'order-1' });
    expect(status).toBe(200);
    expect(Object.keys(body ?? {}).sort()).toEqual(['BizId', 'Code', 'Message', 'RequestId']);
    expect(body).toMatchObject({ Code: 'OK', Message: 'OK' });
    expect(field(body, 'RequestId')).toMatch(REQUEST_ID);
    expect(field(body, 'BizId')).toMatch(/^\d{18}\^0$/);
    expect(emulator.messages).toHaveLength(1);
    const message = emulator.messages[0];
    expect(message).toMatchObject({
      phoneNumber: '13800138000',
      e164: '+8613800138000',
      region: 'mainland',
      signName: '阿里云短信测试',
      templateCode: 'SMS_154950909',
      templateParam: { code: '123456' },
      text: '您正在使用阿里云短信测试服务，体验验证码是：123456，如非本人操作，请忽略本短信！',
      outId: 'order-1',
      accessKeyId: DEMO_ACCOUNT.accessKeyId,
    });
    expect(message?.acceptedAt.getTime()).toBeGreaterThanOrEqual(START.getTime());
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]).toMatchObject({
      method: 'POST',
      path: '/',
      answered: true,
      verdict: { code: 'OK', httpStatus: 200, signatureVerified: true },
    });
    expect(emulator.requests[0]?.params.PhoneNumbers).toBe('13800138000');
  });

  test('a good GET with a query string is accepted', async () => {
    const { status, body } = await sendSms({}, 'GET');
    expect(status).toBe(200);
    expect(body).toMatchObject({ Code: 'OK' });
    expect(emulator.requests[0]?.method).toBe('GET');
    expect(emulator.messages).toHaveLength(1);
  });

  test('mainland prefixes +86, 0086 and 86 are accepted', async () => {
    for (const [index, prefix] of ['+86', '0086', '86'].entries()) {
      const { body } = await sendSms({ PhoneNumbers: `${prefix}1380013800${index}` });
      expect(body).toMatchObject({ Code: 'OK' });
    }
    expect(emulator.messages.map((message) => message.e164)).toEqual(['+8613800138000', '+8613800138001', '+8613800138002']);
  });

  test('the punctuation-laden sign name survives signing (! \' ( ) * and space)', async () => {
    const signName = DEMO_ACCOUNT.signNames[1] ?? '';
    expect(signName).toMatch(/[!'()* ]/);
    const { body } = await sendSms({ SignName: signName });
    expect(body).toMatchObject({ Code: 'OK' });
    expect(emulator.messages[0]?.signName).toBe(signName);
  });

  test('an international template goes to an international number', async () => {
    const { body } = await sendSms({ TemplateCode: 'SMS_465000001', PhoneNumbers: '85291234567', TemplateParam: '{"code":"8642"}' });
    expect(body).toMatchObject({ Code: 'OK' });
    expect(emulator.messages[0]).toMatchObject({ region: 'international', e164: '+85291234567' });
    expect(formatSms(emulator.messages[0] ?? { signName: '', text: '' })).toBe(
      '【阿里云短信测试】Your verification code is 8642. It expires in 5 minutes.',
    );
  });

  test('without Format=JSON the answer is XML, as Aliyun defaults to', async () => {
    const answer = await send(emulator.url, sign({ Format: undefined }));
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/xml/);
    expect(answer.body).toMatch(/^<\?xml .*<SendSmsResponse><Message>OK<\/Message><RequestId>[0-9A-F-]+<\/RequestId><BizId>\d+\^0<\/BizId><Code>OK<\/Code><\/SendSmsResponse>$/);
  });

  test('formatSms prints the SMS as the phone shows it', async () => {
    await sendSms({ TemplateParam: '{"code":"0042"}' });
    expect(formatSms(emulator.messages[0] ?? { signName: '', text: '' })).toBe(
      '【阿里云短信测试】您正在使用阿里云短信测试服务，体验验证码是：0042，如非本人操作，请忽略本短信！',
    );
  });
});

describe('gateway refusals', () => {
  test('a wrong secret gets SignatureDoesNotMatch with the server string to sign', async () => {
    const params = signedParams({ now: emulator.clock.now(), secret: 'not-the-secret' });
    const answer = await send(emulator.url, params);
    expect(answer.status).toBe(400);
    const body = json(answer);
    expect(body).toMatchObject({ Code: 'SignatureDoesNotMatch', HostId: 'dysmsapi.aliyuncs.com' });
    expect(field(body, 'RequestId')).toMatch(REQUEST_ID);
    const expected = `Specified signature is not matched with our calculation. server string to sign is:${stringToSign('POST', params)}`;
    expect(body).toMatchObject({ Message: expected });
    expect(expected).toContain('POST&%2F&AccessKeyId%3DLTAI5tDemoEmulatorKey%26Action%3DSendSms');
    expect(emulator.requests[0]?.verdict).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 400, signatureVerified: false });
    expect(emulator.messages).toHaveLength(0);
  });

  test('signing GET but sending POST does not match: the signed method must be the one used', async () => {
    const answer = await send(emulator.url, signedParams({ now: emulator.clock.now(), signMethod: 'GET' }), { method: 'POST' });
    expect(answer.status).toBe(400);
    expect(json(answer)).toMatchObject({ Code: 'SignatureDoesNotMatch' });
  });

  test('a tampered parameter does not match', async () => {
    const params = { ...sign(), PhoneNumbers: '13800138001' };
    const answer = await send(emulator.url, params);
    expect(json(answer)).toMatchObject({ Code: 'SignatureDoesNotMatch' });
  });

  test('an unknown AccessKeyId gets 404 InvalidAccessKeyId.NotFound', async () => {
    const answer = await send(emulator.url, signedParams({ now: emulator.clock.now(), accessKeyId: 'LTAI5tNobody' }));
    expect(answer.status).toBe(404);
    expect(json(answer)).toMatchObject({ Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' });
  });

  test('a timestamp outside ±15 minutes of the server clock is expired', async () => {
    const params = sign();
    emulator.clock.advance(15 * 60_000 + 2_000);
    const late = await send(emulator.url, params);
    expect(late.status).toBe(400);
    expect(json(late)).toMatchObject({ Code: 'InvalidTimeStamp.Expired' });

    emulator.clock.set(new Date(START.getTime() - 16 * 60_000));
    const early = await send(emulator.url, signedParams({ now: START }));
    expect(json(early)).toMatchObject({ Code: 'InvalidTimeStamp.Expired' });
  });

  test('a timestamp 14 minutes off is still accepted', async () => {
    const params = sign();
    emulator.clock.advance(14 * 60_000);
    expect(json(await send(emulator.url, params))).toMatchObject({ Code: 'OK' });
  });

  test('a timestamp with milliseconds or an offset is badly formatted', async () => {
    for (const Timestamp of ['2025-01-01T12:00:00.000Z', '2025-01-01T20:00:00+08:00', '2025-02-30T12:00:00Z', '1735732800']) {
      const answer = await send(emulator.url, sign({ Timestamp }));
      expect(answer.status).toBe(400);
      expect(json(answer)).toMatchObject({ Code: 'InvalidTimeStamp.Format' });
    }
  });

  test('a reused SignatureNonce is refused, even with a fresh signature', async () => {
    const nonce = 'b1946ac9-2492-4d5b-9f8c-1e2d3c4b5a69';
    expect((await sendSms({ SignatureNonce: nonce })).body).toMatchObject({ Code: 'OK' });
    const second = await sendSms({ SignatureNonce: nonce, PhoneNumbers: '13800138001' });
    expect(second.status).toBe(400);
    expect(second.body).toMatchObject({ Code: 'SignatureNonceUsed' });
    expect(emulator.requests[1]?.verdict.signatureVerified).toBe(true);
    expect(emulator.messages).toHaveLength(1);
  });

  test('a request with a bad signature does not burn its nonce', async () => {
    const nonce = '5d41402a-bc4b-4a76-b971-9d911017c592';
    await send(emulator.url, signedParams({ now: emulator.clock.now(), secret: 'wrong', params: { SignatureNonce: nonce } }));
    expect((await sendSms({ SignatureNonce: nonce })).body).toMatchObject({ Code: 'OK' });
  });

  test('missing common parameters are named', async () => {
    for (const name of ['Action', 'Version', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp']) {
      const answer = await send(emulator.url, sign({ [name]: undefined }));
      expect(answer.status).toBe(400);
      expect(json(answer)).toMatchObject({ Code: `Missing${name}`, Message: `${name} is mandatory for this action.` });
    }
    const unsigned = sign();
    delete unsigned.Signature;
    expect(json(await send(emulator.url, unsigned))).toMatchObject({ Code: 'MissingSignature' });
  });

  test('other actions, versions, signature methods and paths are refused', async () => {
    expect(json(await send(emulator.url, sign({ Action: 'QuerySendStatistics' })))).toMatchObject({ Code: 'InvalidAction.NotFound' });
    expect(json(await send(emulator.url, sign({ Version: '2018-01-01' })))).toMatchObject({ Code: 'InvalidVersion' });
    expect(json(await send(emulator.url, sign({ SignatureMethod: 'HMAC-SHA256' })))).toMatchObject({ Code: 'IncompleteSignature' });
    const elsewhere = await send(new URL('/sms', emulator.url).toString(), sign());
    expect(elsewhere.status).toBe(404);
  });

  test('a parameter given twice is refused rather than guessed', async () => {
    const params = sign();
    const answer = await send(`${emulator.url}?PhoneNumbers=13900139000`, params);
    expect(answer.status).toBe(400);
    expect(json(answer)).toMatchObject({ Code: 'InvalidParameter' });
  });

  test('a POST body that is not a form is not read as parameters', async () => {
    const answer = await send(emulator.url, sign(), { rawBody: JSON.stringify(sign()), contentType: 'application/json' });
    expect(answer.status).toBe(400);
    // No Format was read either, so the answer is Aliyun's default XML.
    expect(answer.body).toContain('<Code>MissingAction</Code>');
  });

  test('a gateway error in XML has an Error root', async () => {
    const answer = await send(emulator.url, signedParams({ now: emulator.clock.now(), accessKeyId: 'nobody', params: { Format: 'XML' } }));
    expect(answer.body).toMatch(/<Error><RequestId>.*<Code>InvalidAccessKeyId\.NotFound<\/Code>.*<\/Error>$/);
  });
});

describe('SendSms refusals (HTTP 200)', () => {
  async function expectRefusal(params: ParamOverrides, code: string, message?: RegExp): Promise<void> {
    const { status, body } = await sendSms(params);
    expect(status).toBe(200);
    expect(body).toMatchObject({ Code: code });
    expect(field(body, 'RequestId')).toMatch(REQUEST_ID);
    expect(body).not.toHaveProperty('BizId');
    if (message !== undefined) expect(field(body, 'Message')).toMatch(message);
    expect(emulator.messages).toHaveLength(0);
    expect(emulator.requests.at(-1)?.verdict).toMatchObject({ code, httpStatus: 200, signatureVerified: true });
  }

  test('an unknown sign name', async () => {
    await expectRefusal({ SignName: '不存在的签名' }, 'isv.SMS_SIGNATURE_ILLEGAL');
  });

  test('an unknown template', async () => {
    await expectRefusal({ TemplateCode: 'SMS_000000000' }, 'isv.SMS_TEMPLATE_ILLEGAL');
  });

  test('a mainland template to an international number', async () => {
    await expectRefusal({ PhoneNumbers: '85291234567' }, 'isv.MOBILE_NUMBER_ILLEGAL', /international number/);
  });

  test('an international template to a mainland number', async () => {
    await expectRefusal({ TemplateCode: 'SMS_465000001', PhoneNumbers: '8613800138000' }, 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED');
  });

  test('an international number with + or 00 in front', async () => {
    await expectRefusal({ TemplateCode: 'SMS_465000001', PhoneNumbers: '+85291234567' }, 'isv.MOBILE_NUMBER_ILLEGAL');
    await expectRefusal({ TemplateCode: 'SMS_465000001', PhoneNumbers: '0085291234567' }, 'isv.MOBILE_NUMBER_ILLEGAL');
  });

  test('TemplateParam that is not JSON', async () => {
    await expectRefusal({ TemplateParam: '{code:123456}' }, 'isv.INVALID_JSON_PARAM');
  });

  test('TemplateParam with a number value', async () => {
    await expectRefusal({ TemplateParam: '{"code":123456}' }, 'isv.INVALID_JSON_PARAM', /"code" is a number/);
  });

  test('TemplateParam that is an array', async () => {
    await expectRefusal({ TemplateParam: '["123456"]' }, 'isv.INVALID_JSON_PARAM');
  });

  test('TemplateParam missing a template variable', async () => {
    await expectRefusal({ TemplateParam: '{"otp":"123456"}' }, 'isv.TEMPLATE_MISSING_PARAMETERS', /code/);
    await expectRefusal({ TemplateParam: undefined }, 'isv.TEMPLATE_MISSING_PARAMETERS');
  });

  test('a verification code that is not 4 to 6 digits or letters', async () => {
    await expectRefusal({ TemplateParam: '{"code":"1234567"}' }, 'isv.TEMPLATE_PARAMS_ILLEGAL');
  });

  test('two numbers: a verification code goes to one number', async () => {
    await expectRefusal({ PhoneNumbers: '13800138000,13800138001' }, 'isv.MOBILE_NUMBER_ILLEGAL', /2 numbers/);
  });

  test('letters in the number', async () => {
    await expectRefusal({ PhoneNumbers: '138001380ab' }, 'isv.MOBILE_NUMBER_ILLEGAL');
  });

  test('a number too short or not a mobile', async () => {
    await expectRefusal({ PhoneNumbers: '1380013800' }, 'isv.MOBILE_NUMBER_ILLEGAL');
    await expectRefusal({ PhoneNumbers: '12345678901' }, 'isv.MOBILE_NUMBER_ILLEGAL');
  });

  test('missing business parameters are gateway errors (400)', async () => {
    for (const name of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
      const { status, body } = await sendSms({ [name]: undefined });
      expect(status).toBe(400);
      expect(body).toMatchObject({ Code: `Missing${name}` });
    }
  });
});

describe('run control', () => {
  test('reset() forgets records but keeps live array references', async () => {
    const { messages, requests } = emulator;
    await sendSms();
    expect(messages).toHaveLength(1);
    emulator.reset();
    expect(messages).toHaveLength(0);
    expect(requests).toHaveLength(0);
    expect((await sendSms()).body).toMatchObject({ Code: 'OK' });
    expect(emulator.messages).toBe(messages);
  });

  test('custom accounts replace the demo account', async () => {
    const custom = await startEmulator({
      now: START,
      accounts: [{ accessKeyId: 'AK', accessKeySecret: 'SK', signNames: ['签名'], templates: [{ code: 'SMS_1', kind: 'mainland', content: '码${code}' }] }],
    });
    try {
      const params = signedParams({ now: START, accessKeyId: 'AK', secret: 'SK', params: { SignName: '签名', TemplateCode: 'SMS_1' } });
      expect(json(await send(custom.url, params))).toMatchObject({ Code: 'OK' });
      expect(custom.messages[0]?.text).toBe('码123456');
      expect(json(await send(custom.url, sign()))).toMatchObject({ Code: 'InvalidAccessKeyId.NotFound' });
    } finally {
      await custom.close();
    }
  });

  test('close() is idempotent', async () => {
    const extra = await startEmulator();
    await Promise.all([extra.close(), extra.close()]);
    await extra.close();
  });
});
