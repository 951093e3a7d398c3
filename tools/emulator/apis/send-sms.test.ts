import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type Emulator } from '../index.js';
import { field, json, send, signedParams, type ParamOverrides } from '../test-client.js';

// SendSms behaviour beyond the gateway; the historical cases live in emulator.test.ts.
const START = new Date('2025-01-01T12:00:00Z');
const GENERAL_SIGN = "Logto演示 (测试)!*'~";

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ now: START, rateLimits: false });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
});

async function sendSms(params: ParamOverrides): Promise<unknown> {
  const answer = await send(emulator.url, signedParams({ now: emulator.clock.now(), params }));
  expect(answer.status).toBe(200);
  return json(answer);
}

async function expectCode(params: ParamOverrides, code: string): Promise<string> {
  const body = await sendSms(params);
  expect(body).toMatchObject({ Code: code });
  if (code !== 'OK') expect(emulator.messages).toHaveLength(0);
  return String(field(body, 'Message'));
}

describe('signs', () => {
  test('a sign under review, rejected or cancelled is answered as a missing one', async () => {
    for (const SignName of ['Logto审核中', 'Logto已驳回', 'Logto已取消', '没有这个签名']) {
      expect(await expectCode({ SignName }, 'isv.SMS_SIGNATURE_ILLEGAL')).toContain(SignName);
    }
  });

  test('an approved sign marked unusable gets isv.SIGN_STATE_ILLEGAL', async () => {
    await expectCode({ SignName: 'Logto不可用' }, 'isv.SIGN_STATE_ILLEGAL');
  });

  test('a verification-code sign does not send a notification template; a general sign does', async () => {
    const TemplateParam = JSON.stringify({ name: '张三', time: '2025-01-01 20:00' });
    await expectCode({ TemplateCode: 'SMS_465000003', TemplateParam }, 'isv.SMS_SIGNATURE_SCENE_ILLEGAL');
    await expectCode({ TemplateCode: 'SMS_465000003', TemplateParam, SignName: GENERAL_SIGN }, 'OK');
    expect(emulator.messages[0]?.text).toBe('尊敬的张三，您的账号已于2025-01-01 20:00完成手机绑定。');
  });

  test('a verification-code sign sends an international verification template (TemplateType 3, IntlType 0)', async () => {
    await expectCode({ TemplateCode: 'SMS_465000001', PhoneNumbers: '85291234567' }, 'OK');
  });
});

describe('templates', () => {
  test('a template under review, rejected or cancelled is answered as a missing one', async () => {
    for (const TemplateCode of ['SMS_465000010', 'SMS_465000011', 'SMS_465000012']) {
      expect(await expectCode({ TemplateCode }, 'isv.SMS_TEMPLATE_ILLEGAL')).toContain(TemplateCode);
    }
  });

  test('an English mainland template sends its English text', async () => {
    await expectCode({ TemplateCode: 'SMS_465000002', TemplateParam: '{"code":"2468"}' }, 'OK');
    expect(emulator.messages[0]?.text).toBe('Your Logto verification code is 2468. It is valid for 5 minutes.');
    expect(emulator.messages[0]).toMatchObject({ api: 'SendSms', signatureVersion: 'v1' });
  });
});

describe('TemplateParam against VariableAttribute', () => {
  test('numberCaptcha takes 4 to 6 digits only', async () => {
    await expectCode({ TemplateCode: 'SMS_465000002', TemplateParam: '{"code":"ab12"}' }, 'isv.TEMPLATE_PARAMS_ILLEGAL');
    await expectCode({ TemplateCode: 'SMS_465000002', TemplateParam: '{"code":"123"}' }, 'isv.TEMPLATE_PARAMS_ILLEGAL');
  });

  test('the default for a ${code} variable takes letters too', async () => {
    await expectCode({ TemplateParam: '{"code":"ab12"}' }, 'OK');
  });

  test('other variables take up to 35 characters, counted as characters', async () => {
    const base = { TemplateCode: 'SMS_465000003', SignName: GENERAL_SIGN };
    await expectCode({ ...base, TemplateParam: JSON.stringify({ name: '张'.repeat(35), time: 't' }) }, 'OK');
    emulator.reset();
    const message = await expectCode({ ...base, TemplateParam: JSON.stringify({ name: 'x'.repeat(36), time: 't' }) }, 'isv.PARAM_LENGTH_LIMIT');
    expect(message).toContain('"name" has 36 characters');
  });

  test('extra keys are ignored, whatever their length or content', async () => {
    await expectCode({ TemplateParam: JSON.stringify({ code: '123456', uiLocales: 'x'.repeat(80) }) }, 'OK');
    expect(emulator.messages[0]?.text).toContain('123456');
  });

  test('a non-string value of an extra key is still invalid JSON for Aliyun', async () => {
    await expectCode({ TemplateParam: JSON.stringify({ code: '123456', extra: 1 }) }, 'isv.INVALID_JSON_PARAM');
  });
});

describe('the HTTP Date header', () => {
  test('comes from the emulator clock, also when the clock moves', async () => {
    const first = await send(emulator.url, signedParams({ now: emulator.clock.now() }));
    expect(new Date(first.date ?? '').getTime()).toBeGreaterThanOrEqual(START.getTime());
    expect(Math.abs(new Date(first.date ?? '').getTime() - START.getTime())).toBeLessThan(60_000);
    emulator.clock.advance(10 * 60_000);
    const refused = await send(emulator.url, signedParams({ now: START }));
    expect(Math.abs(new Date(refused.date ?? '').getTime() - (START.getTime() + 10 * 60_000))).toBeLessThan(60_000);
    emulator.clock.set(START);
  });
});
