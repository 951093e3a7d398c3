import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEMO_ACCOUNT, DEMO_SEND_ONLY_ACCOUNT, startEmulator, type Account, type Emulator } from '../index.js';
import { field, json, send, type ParamOverrides } from '../test-client.js';
import { sendV3, signedCall, signedV3Call } from '../test-client-v3.js';

const BEFORE_ROTATION = new Date('2026-03-01T08:00:00Z');
const OLD_SIGN = '速通互联验证码';
const NEW_SIGN = '仿真赠送签名验证码';
const CODE_PARAM = JSON.stringify({ code: '482913', min: '10' });

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator({ now: BEFORE_ROTATION });
});

afterEach(async () => {
  await emulator.close();
});

async function verifyCode(params: ParamOverrides = {}, account: Account = DEMO_ACCOUNT): Promise<{ status: number; body: unknown }> {
  const answer = await send(
    emulator.url,
    signedCall({
      now: emulator.clock.now(),
      action: 'SendSmsVerifyCode',
      accessKeyId: account.accessKeyId,
      secret: account.accessKeySecret,
      params: { PhoneNumber: '13800138000', CountryCode: '86', SignName: OLD_SIGN, TemplateCode: '100001', TemplateParam: CODE_PARAM, ...params },
    }),
  );
  return { status: answer.status, body: json(answer) };
}

async function expectCode(params: ParamOverrides, code: string): Promise<string> {
  const { status, body } = await verifyCode(params);
  expect(status).toBe(200);
  expect(body).toMatchObject({ Code: code, Success: false });
  expect(Object.keys(body ?? {}).sort()).toEqual(['Code', 'Message', 'RequestId', 'Success']);
  return String(field(body, 'Message'));
}

describe('SendSmsVerifyCode accepted', () => {
  test("answers {Code, Message, RequestId, Success, Model} and records the SMS with the caller's code", async () => {
    const { status, body } = await verifyCode({ OutId: 'login-1' });
    expect(status).toBe(200);
    expect(Object.keys(body ?? {})).toEqual(['Code', 'Message', 'RequestId', 'Success', 'Model']);
    expect(body).toMatchObject({ Code: 'OK', Success: true, Model: { OutId: 'login-1' } });
    expect(field(field(body, 'Model'), 'BizId')).toMatch(/^\d{18}\^0$/);
    expect(field(body, 'Model')).not.toHaveProperty('VerifyCode');
    expect(emulator.messages[0]).toMatchObject({
      api: 'SendSmsVerifyCode',
      phoneNumber: '13800138000',
      e164: '+8613800138000',
      signName: OLD_SIGN,
      templateCode: '100001',
      text: '您的验证码是482913，有效期10分钟，请勿告诉他人。',
      outId: 'login-1',
      signatureVersion: 'v1',
    });
  });

  test('every gift template 100001 to 100005 is accepted', async () => {
    for (const [index, TemplateCode] of ['100001', '100002', '100003', '100004', '100005'].entries()) {
      expect((await verifyCode({ TemplateCode, PhoneNumber: `1380013810${index}` })).body).toMatchObject({ Code: 'OK' });
    }
    expect(emulator.messages.map((message) => message.templateCode)).toEqual(['100001', '100002', '100003', '100004', '100005']);
  });

  test('##code## makes Aliyun generate CodeLength digits, returned only with ReturnVerifyCode', async () => {
    const { body } = await verifyCode({ TemplateParam: '{"code":"##code##","min":"5"}', CodeLength: '6', ReturnVerifyCode: 'true' });
    const generated = String(field(field(body, 'Model'), 'VerifyCode'));
    expect(generated).toMatch(/^\d{6}$/);
    expect(emulator.messages[0]?.text).toBe(`您的验证码是${generated}，有效期5分钟，请勿告诉他人。`);
  });

  test('V3 and a send-only RAM user work too', async () => {
    const call = signedV3Call({
      url: emulator.url,
      now: emulator.clock.now(),
      action: 'SendSmsVerifyCode',
      accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId,
      secret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret,
      params: { PhoneNumber: '13800138000', SignName: OLD_SIGN, TemplateCode: '100003', TemplateParam: CODE_PARAM },
    });
    expect(json(await sendV3(call))).toMatchObject({ Code: 'OK', Success: true });
    expect(emulator.messages[0]).toMatchObject({ signatureVersion: 'v3', accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId });
  });
});

describe('SendSmsVerifyCode refused (no isv. prefix, HTTP 200, Success false)', () => {
  test('a number with a country code, too short, or not a mobile', async () => {
    for (const PhoneNumber of ['8613800138000', '+8613800138000', '1380013800', '12345678901', '85291234567']) {
      await expectCode({ PhoneNumber }, 'MOBILE_NUMBER_ILLEGAL');
    }
  });

  test('a CountryCode other than 86', async () => {
    await expectCode({ CountryCode: '852' }, 'INVALID_PARAMETERS');
  });

  test('a sign of the account, or any name that is not a gift sign', async () => {
    expect(await expectCode({ SignName: '阿里云短信测试' }, 'SMS_SIGNATURE_ILLEGAL')).toContain('not a gift sign');
  });

  test('a template that is not a gift one', async () => {
    await expectCode({ TemplateCode: 'SMS_154950909' }, 'SMS_TEMPLATE_ILLEGAL');
    await expectCode({ TemplateCode: '100006' }, 'SMS_TEMPLATE_ILLEGAL');
  });

  test('TemplateParam: not JSON, a number, a missing ${min}, a code of the wrong form', async () => {
    await expectCode({ TemplateParam: 'code=1234' }, 'INVALID_PARAMETERS');
    await expectCode({ TemplateParam: '{"code":123456,"min":"5"}' }, 'INVALID_PARAMETERS');
    expect(await expectCode({ TemplateParam: '{"code":"123456"}' }, 'INVALID_PARAMETERS')).toContain('min');
    await expectCode({ TemplateParam: '{"code":"12ab","min":"5"}' }, 'INVALID_PARAMETERS');
    await expectCode({ TemplateParam: '{"code":"1234567","min":"5"}' }, 'INVALID_PARAMETERS');
  });

  test('missing parameters are gateway errors (400)', async () => {
    for (const name of ['PhoneNumber', 'SignName', 'TemplateCode', 'TemplateParam']) {
      const { status, body } = await verifyCode({ [name]: undefined });
      expect(status).toBe(400);
      expect(body).toMatchObject({ Code: `Missing${name}`, HostId: 'dypnsapi.aliyuncs.com' });
    }
  });

  test('an account without the SMS authentication service', async () => {
    await emulator.close();
    const without: Account = { ...DEMO_ACCOUNT, temporaryCredentials: [], messageAuthService: false };
    emulator = await startEmulator({ now: BEFORE_ROTATION, accounts: [without] });
    expect((await verifyCode({}, without)).body).toMatchObject({ Code: 'BIZ_NOT_OPEN_STATUS', Success: false });
  });
});

describe('gift sign rotation on the emulator clock', () => {
  test('before 7 July 2026 (UTC+8) only the old signs work', async () => {
    expect(await expectCode({ SignName: NEW_SIGN }, 'SMS_SIGNATURE_ILLEGAL')).toContain('valid from 2026-07-06T16:00:00.000Z');
    emulator.clock.set(new Date('2026-07-06T15:59:59Z'));
    await expectCode({ SignName: NEW_SIGN }, 'SMS_SIGNATURE_ILLEGAL');
  });

  test('from 7 July to 31 August both work', async () => {
    emulator.clock.set(new Date('2026-07-06T16:00:00Z'));
    expect((await verifyCode({ SignName: NEW_SIGN })).body).toMatchObject({ Code: 'OK' });
    emulator.clock.set(new Date('2026-08-31T15:59:59Z'));
    expect((await verifyCode({ SignName: OLD_SIGN, PhoneNumber: '13800138001' })).body).toMatchObject({ Code: 'OK' });
  });

  test('from 1 September 2026 (UTC+8) the old signs are withdrawn', async () => {
    emulator.clock.set(new Date('2026-08-31T16:00:00Z'));
    expect(await expectCode({ SignName: OLD_SIGN }, 'SMS_SIGNATURE_ILLEGAL')).toContain('withdrawn');
    expect((await verifyCode({ SignName: NEW_SIGN })).body).toMatchObject({ Code: 'OK' });
  });

  test('a run can model its own gift signs', async () => {
    await emulator.close();
    emulator = await startEmulator({ now: BEFORE_ROTATION, giftSigns: [{ name: '我的赠送签名' }] });
    expect((await verifyCode({ SignName: '我的赠送签名' })).body).toMatchObject({ Code: 'OK' });
    await expectCode({ SignName: OLD_SIGN }, 'SMS_SIGNATURE_ILLEGAL');
  });
});

describe('per-number limits', () => {
  test('again within Interval (default 60 s): FREQUENCY_FAIL; Interval shortens it', async () => {
    expect((await verifyCode()).body).toMatchObject({ Code: 'OK' });
    emulator.clock.advance(59_000);
    await expectCode({}, 'FREQUENCY_FAIL');
    emulator.clock.advance(2_000);
    expect((await verifyCode()).body).toMatchObject({ Code: 'OK' });
    emulator.clock.advance(10_000);
    expect((await verifyCode({ Interval: '5' })).body).toMatchObject({ Code: 'OK' });
  });

  test('5 per hour and 10 per day: BUSINESS_LIMIT_CONTROL', async () => {
    for (let sent = 0; sent < 5; sent += 1) {
      expect((await verifyCode()).body).toMatchObject({ Code: 'OK' });
      emulator.clock.advance(61_000);
    }
    expect(await expectCode({}, 'BUSINESS_LIMIT_CONTROL')).toBe('触发小时级流控Permits:5');
    emulator.clock.advance(3_600_000);
    for (let sent = 0; sent < 5; sent += 1) {
      expect((await verifyCode()).body).toMatchObject({ Code: 'OK' });
      emulator.clock.advance(61_000);
    }
    emulator.clock.advance(3_600_000);
    expect(await expectCode({}, 'BUSINESS_LIMIT_CONTROL')).toBe('触发天级流控Permits:10');
  });

  test('counted per number, and apart from SendSms', async () => {
    expect((await verifyCode()).body).toMatchObject({ Code: 'OK' });
    expect((await verifyCode({ PhoneNumber: '13800138001' })).body).toMatchObject({ Code: 'OK' });
    const sms = signedCall({
      now: emulator.clock.now(),
      action: 'SendSms',
      params: { PhoneNumbers: '13800138000', SignName: '阿里云短信测试', TemplateCode: 'SMS_154950909', TemplateParam: '{"code":"1234"}' },
    });
    expect(json(await send(emulator.url, sms))).toMatchObject({ Code: 'OK' });
  });

  test('an Interval or CodeLength out of range', async () => {
    await expectCode({ Interval: '0' }, 'INVALID_PARAMETERS');
    await expectCode({ CodeLength: '9' }, 'INVALID_PARAMETERS');
  });
});
