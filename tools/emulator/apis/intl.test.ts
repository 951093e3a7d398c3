import { describe, expect, test } from 'vitest';
import { DEMO_SEND_ONLY_ACCOUNT } from '../index.js';
import { emulatorPerFile } from '../../../test/support/emulator-per-file.js';
import { countSegments } from '../segments.js';
import { field, json, send, signedParams, type ParamOverrides } from '../test-client.js';

// The international site's operations (Dysmsapi 2018-05-01) beyond what intl-sdk.test.ts
// shows Alibaba's client reading: each refusal, the answer shape, RAM and faults.
const emulator = emulatorPerFile({ rateLimits: false }, { receipts: true });

const globe: ParamOverrides = {
  Action: 'SendMessageToGlobe',
  Version: '2018-05-01',
  RegionId: 'ap-southeast-1',
  PhoneNumbers: undefined,
  SignName: undefined,
  TemplateCode: undefined,
  TemplateParam: undefined,
  To: '6591234567',
  Message: 'Your code is 123456',
  Type: 'OTP',
};

const withTemplate: ParamOverrides = {
  ...globe,
  Action: 'SendMessageWithTemplate',
  Message: undefined,
  Type: undefined,
  To: '8613800138000',
  From: '阿里云短信测试',
  TemplateCode: 'SMS_154950909',
  TemplateParam: '{"code":"1234"}',
};

async function call(params: ParamOverrides, extra: ParamOverrides = {}, secret?: string, accessKeyId?: string): Promise<{ status: number; body: unknown }> {
  const answer = await send(emulator().url, signedParams({ now: emulator().clock.now(), params: { ...params, ...extra }, secret, accessKeyId }));
  return { status: answer.status, body: json(answer) };
}

async function expectResponseCode(params: ParamOverrides, extra: ParamOverrides, code: string): Promise<void> {
  const { status, body } = await call(params, extra);
  expect(status).toBe(200);
  expect(body).toMatchObject({ ResponseCode: code });
  expect(field(body, 'Code')).toBeUndefined();
  expect(emulator().messages).toHaveLength(0);
}

describe('SendMessageToGlobe', () => {
  test('accepts free text and answers ResponseCode OK with a MessageId, Segments and NumberDetail', async () => {
    const { body } = await call(globe, { From: 'Logto' });
    expect(body).toMatchObject({ ResponseCode: 'OK', Segments: '1', To: '6591234567', From: 'Logto', NumberDetail: { Country: 'SG' } });
    expect(emulator().messages[0]).toMatchObject({ api: 'SendMessageToGlobe', text: 'Your code is 123456', bizId: field(body, 'MessageId') });
  });

  test('counts segments: 161 GSM characters are two, 71 UCS-2 units are two', async () => {
    expect(field((await call(globe, { Message: 'a'.repeat(161) })).body, 'Segments')).toBe('2');
    expect(field((await call(globe, { Message: '码'.repeat(71) })).body, 'Segments')).toBe('2');
    expect(field((await call(globe, { Message: '码'.repeat(70) })).body, 'Segments')).toBe('1');
  });

  test.each([
    ['a mainland number', { To: '8613800138000' }, 'NOT_SUPPORTED_COUNTRY'],
    ['a number that is not digits', { To: '+6591234567' }, 'MOBILE_NUMBER_ILLEGAL'],
    ['an unknown Type', { Type: 'SPAM' }, 'INVALID_PARAMETERS'],
    ['a sender ID the account has not', { From: 'Other' }, 'INVALID_SENDERID'],
    ['a sender ID of 12 letters', { From: 'LogtoLogtoLo' }, 'INVALID_SENDERID'],
    ['a text of 11 parts', { Message: 'a'.repeat(153 * 10 + 1) }, 'PARAM_LENGTH_LIMIT'],
  ])('refuses %s', async (_name, extra, code) => {
    await expectResponseCode(globe, extra, code);
  });

  test('a missing Message is the gateway’s MissingMessage (400)', async () => {
    const { status, body } = await call(globe, { Message: undefined });
    expect(status).toBe(400);
    expect(body).toMatchObject({ Code: 'MissingMessage' });
  });
});

describe('SendMessageWithTemplate', () => {
  test('sends an approved mainland template signed with From', async () => {
    const { body } = await call(withTemplate);
    expect(body).toMatchObject({ ResponseCode: 'OK', To: '8613800138000' });
    expect(emulator().messages[0]).toMatchObject({ api: 'SendMessageWithTemplate', signName: '阿里云短信测试', templateParam: { code: '1234' } });
  });

  test.each([
    ['a number outside the mainland', { To: '6591234567' }, 'MOBILE_NUMBER_ILLEGAL'],
    ['a sign name not approved', { From: 'Logto审核中' }, 'SMS_SIGN_NAME_ILLEGAL'],
    ['an international template', { TemplateCode: 'SMS_465000001' }, 'SMS_CONTENT_CODE_ILLEGAL'],
    ['a TemplateParam without the variable', { TemplateParam: '{}' }, 'CONTENT_MISSING_PARAMETERS'],
    ['a TemplateParam that is not JSON', { TemplateParam: 'code=1' }, 'INVALID_JSON_PARAM'],
    ['the Jakarta region', { RegionId: 'ap-southeast-5' }, 'FORBIDDEN_ACTION'],
  ])('refuses %s', async (_name, extra, code) => {
    await expectResponseCode(withTemplate, extra, code);
  });
});

describe('QueryMessage', () => {
  const query: ParamOverrides = { ...globe, Action: 'QueryMessage', To: undefined, Message: undefined, Type: undefined };

  test('finds a message of the same account, delivered', async () => {
    const messageId = String(field((await call(globe)).body, 'MessageId'));
    const { body } = await call(query, { MessageId: messageId });
    expect(body).toMatchObject({ ResponseCode: 'OK', MessageId: messageId, ErrorCode: 'DELIVERED', Message: 'Your code is 123456', To: '6591234567' });
  });

  test('delivered after N ms: no ErrorCode and no ReceiveDate until then', async () => {
    emulator().chooseReceipt('6591234567', { kind: 'delivered', afterMs: 4000 });
    const messageId = String(field((await call(globe)).body, 'MessageId'));
    expect((await call(query, { MessageId: messageId })).body).toMatchObject({ ResponseCode: 'OK', Status: '3', ErrorCode: '', ReceiveDate: '' });
    emulator().clock.advance(4000);
    const { body } = await call(query, { MessageId: messageId });
    expect(body).toMatchObject({ Status: '1', ErrorCode: 'DELIVERED' });
    expect(field(body, 'ReceiveDate')).not.toBe('');
  });

  test('failed with the chosen code, chosen by the E.164 form of the number too; never stays waiting', async () => {
    emulator().chooseReceipt('+6591234567', { kind: 'failed', code: 'UNDELIV' });
    const failed = String(field((await call(globe)).body, 'MessageId'));
    expect((await call(query, { MessageId: failed })).body).toMatchObject({ Status: '2', ErrorCode: 'UNDELIV' });
    emulator().chooseReceipt('6591234567', { kind: 'never' });
    const never = String(field((await call(globe)).body, 'MessageId'));
    emulator().clock.advance(86_400_000);
    expect((await call(query, { MessageId: never })).body).toMatchObject({ Status: '3', ErrorCode: '', ReceiveDate: '' });
  });

  test('an unknown MessageId is DATA_NOT_EXIST', async () => {
    const { body } = await call(query, { MessageId: '1000000000000000000' });
    expect(body).toMatchObject({ ResponseCode: 'DATA_NOT_EXIST' });
  });

  test('another account’s message is not found, and a send-only RAM user may not ask', async () => {
    const messageId = String(field((await call(globe)).body, 'MessageId'));
    const { status, body } = await call(query, { MessageId: messageId }, DEMO_SEND_ONLY_ACCOUNT.accessKeySecret, DEMO_SEND_ONLY_ACCOUNT.accessKeyId);
    expect(status).toBe(403);
    expect(body).toMatchObject({ Code: 'Forbidden.RAM', AccessDeniedDetail: { AuthAction: 'dysms:QueryMessage' } });
  });
});

describe('answers', () => {
  test('V1 without Format=JSON answers XML under <Action>Response', async () => {
    const answer = await send(emulator().url, signedParams({ now: emulator().clock.now(), params: { ...globe, Format: undefined } }));
    expect(answer.body).toContain('<SendMessageToGlobeResponse><RequestId>');
    expect(answer.body).toContain('<ResponseCode>OK</ResponseCode>');
  });

  test('an injected documented code answers HTTP 200 in the ResponseCode shape', async () => {
    emulator().injectFault({ kind: 'aliyun-code', code: 'AMOUNT_NOT_ENOUGH' });
    const { status, body } = await call(globe);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ResponseCode: 'AMOUNT_NOT_ENOUGH', ResponseDescription: 'AMOUNT_NOT_ENOUGH' });
  });
});

describe('countSegments', () => {
  test('GSM extension characters take two septets; any other character makes the text UCS-2', () => {
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1 });
    expect(countSegments('€'.repeat(81))).toEqual({ encoding: 'GSM-7', segments: 2 });
    expect(countSegments('a'.repeat(306))).toEqual({ encoding: 'GSM-7', segments: 2 });
    expect(countSegments('a'.repeat(307))).toEqual({ encoding: 'GSM-7', segments: 3 });
    expect(countSegments(`${'a'.repeat(69)}😀`)).toEqual({ encoding: 'UCS-2', segments: 2 });
  });
});
