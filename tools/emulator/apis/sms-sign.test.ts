import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_SEND_ONLY_ACCOUNT, startEmulator, type Emulator } from '../index.js';
import { field, json, send, type Answer } from '../test-client.js';
import { sendV3, signedCall, signedV3Call } from '../test-client-v3.js';

const START = new Date('2025-01-01T12:00:00Z');

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ now: START });
});

afterAll(async () => {
  await emulator.close();
});

function getSign(SignName: string | undefined, options: { accessKeyId?: string; secret?: string; format?: string } = {}): Promise<Answer> {
  const params = signedCall({
    now: emulator.clock.now(),
    action: 'GetSmsSign',
    accessKeyId: options.accessKeyId,
    secret: options.secret,
    params: { SignName, Format: options.format ?? 'JSON' },
  });
  return send(emulator.url, params);
}

describe('GetSmsSign', () => {
  test("an approved sign: Aliyun's fields, SignStatus 1, SignTag as a string", async () => {
    const answer = await getSign('阿里云短信测试');
    expect(answer.status).toBe(200);
    const body = json(answer);
    expect(Object.keys(body ?? {})).toEqual([
      'RequestId', 'Code', 'Message', 'SignName', 'SignStatus', 'CreateDate', 'OrderId', 'QualificationId', 'Remark',
      'AuditInfo', 'FileUrlList', 'SignCode', 'SignTag', 'ApplyScene', 'ThirdParty', 'SignUsage', 'SignIspRegisterDetailList',
    ]);
    expect(body).toMatchObject({ Code: 'OK', SignName: '阿里云短信测试', SignStatus: 1, SignTag: '4', SignUsage: '测试或学习', ThirdParty: false, FileUrlList: [] });
    expect(body).toMatchObject({ CreateDate: '2024-06-03 10:02:34', AuditInfo: { RejectInfo: '无审核备注', AuditDate: '2024-06-03 12:02:34' } });
  });

  test('each review state has its number; a rejected sign says why', async () => {
    const states = await Promise.all(['Logto审核中', 'Logto已驳回', 'Logto已取消', "Logto演示 (测试)!*'~"].map(async (name) => json(await getSign(name))));
    expect(states.map((body) => field(body, 'SignStatus'))).toEqual([0, 2, 10, 1]);
    expect(states[1]).toMatchObject({ AuditInfo: { RejectInfo: '签名与资质信息不一致，请上传能证明签名归属的资料。' } });
    expect(states[0]).toMatchObject({ AuditInfo: { AuditDate: '' } });
  });

  test('the same sign gets the same order number and sign code on every call', async () => {
    const [first, second] = [json(await getSign('Logto已驳回')), json(await getSign('Logto已驳回'))];
    expect(field(first, 'OrderId')).toBe(field(second, 'OrderId'));
    expect(field(first, 'SignCode')).toBe(field(second, 'SignCode'));
    expect(field(first, 'OrderId')).toMatch(/^\d{11}$/);
  });

  test('an unknown sign gets isv.SMS_SIGNATURE_ILLEGAL on HTTP 200; a missing SignName MissingSignName', async () => {
    const answer = await getSign('不存在的签名');
    expect(answer.status).toBe(200);
    expect(json(answer)).toMatchObject({ Code: 'isv.SMS_SIGNATURE_ILLEGAL' });
    const missing = await getSign(undefined);
    expect(missing.status).toBe(400);
    expect(json(missing)).toMatchObject({ Code: 'MissingSignName' });
  });

  test('XML nests AuditInfo', async () => {
    const answer = await getSign('Logto已驳回', { format: 'XML' });
    expect(answer.body).toMatch(/^<\?xml .*<GetSmsSignResponse><RequestId>.*<AuditInfo><RejectInfo>签名与资质信息不一致.*<\/RejectInfo><AuditDate>/);
  });

  test('V3 works as V1 does', async () => {
    const call = signedV3Call({ url: emulator.url, now: emulator.clock.now(), action: 'GetSmsSign', params: { SignName: 'Logto审核中' } });
    expect(json(await sendV3(call))).toMatchObject({ Code: 'OK', SignStatus: 0 });
  });
});

describe('RAM send-only', () => {
  test('GetSmsSign is Forbidden.RAM (HTTP 403) with the denied action, after the signature was checked', async () => {
    const answer = await getSign('阿里云短信测试', { accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId, secret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret });
    expect(answer.status).toBe(403);
    expect(json(answer)).toMatchObject({
      Code: 'Forbidden.RAM',
      HostId: 'dysmsapi.aliyuncs.com',
      AccessDeniedDetail: { AuthAction: 'dysms:GetSmsSign', NoPermissionType: 'ImplicitDeny', AuthPrincipalType: 'SubUser' },
    });
    expect(emulator.requests.at(-1)?.verdict).toMatchObject({ code: 'Forbidden.RAM', signatureVerified: true });
  });

  test('a wrong secret is still SignatureDoesNotMatch, not a RAM denial', async () => {
    const answer = await getSign('阿里云短信测试', { accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId, secret: 'wrong' });
    expect(json(answer)).toMatchObject({ Code: 'SignatureDoesNotMatch' });
  });

  test('SendSms is allowed', async () => {
    const params = signedCall({
      now: emulator.clock.now(),
      action: 'SendSms',
      accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId,
      secret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret,
      params: { PhoneNumbers: '13800138077', SignName: '阿里云短信测试', TemplateCode: 'SMS_154950909', TemplateParam: '{"code":"1234"}' },
    });
    expect(json(await send(emulator.url, params))).toMatchObject({ Code: 'OK' });
  });
});
