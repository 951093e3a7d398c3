// QuerySendDetails and the filing fields of GetSmsSign/GetSmsTemplate, read by the emulator's
// own test client and by Alibaba's SDK client (@alicloud/dysmsapi20170525) in a child process,
// so the answers' shapes are checked against an implementation independent of ours.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { DEMO_ACCOUNT, DEMO_SEND_ONLY_ACCOUNT, startEmulator, type Emulator } from '../index.js';
import { field, json, send } from '../test-client.js';
import { signedCall } from '../test-client-v3.js';
import { beijingDate } from './query-send-details.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
// 23:59:30 in Beijing: a message sent now is filed under 2025-03-01, one sent a minute later under 2025-03-02.
const START = new Date('2025-03-01T15:59:30Z');
const NUMBER = '13800138000';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({
    now: START,
    // Several sends to one number within a minute.
    rateLimits: false,
    accounts: [
      {
        ...DEMO_ACCOUNT,
        templates: [
          ...DEMO_ACCOUNT.templates,
          { code: 'SMS_465000020', kind: 'mainland', content: '您的验证码为${code}。', vendorAuditStatus: { MOBILE_VENDOR: 1, UNICOM_VENDOR: 0, TELECOM_VENDOR: 2 } },
        ],
      },
      DEMO_SEND_ONLY_ACCOUNT,
    ],
  });
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
  emulator.clearReceipts();
  emulator.clock.set(START);
});

async function sendTo(phoneNumber: string, accessKeyId = DEMO_ACCOUNT.accessKeyId, secret = DEMO_ACCOUNT.accessKeySecret): Promise<string> {
  const params = signedCall({
    now: emulator.clock.now(),
    action: 'SendSms',
    accessKeyId,
    secret,
    params: { PhoneNumbers: phoneNumber, SignName: '阿里云短信测试', TemplateCode: 'SMS_154950909', TemplateParam: '{"code":"1234"}', OutId: 'order-7' },
  });
  const bizId = field(json(await send(emulator.url, params)), 'BizId');
  if (typeof bizId !== 'string') throw new Error('SendSms gave no BizId');
  return bizId;
}

async function query(params: Record<string, string | undefined>, accessKeyId = DEMO_ACCOUNT.accessKeyId, secret = DEMO_ACCOUNT.accessKeySecret) {
  const call = signedCall({
    now: emulator.clock.now(),
    action: 'QuerySendDetails',
    accessKeyId,
    secret,
    params: { PhoneNumber: NUMBER, SendDate: '20250301', PageSize: '10', CurrentPage: '1', Format: 'JSON', ...params },
  });
  return send(emulator.url, call);
}

const Details = z.object({
  Code: z.literal('OK'),
  TotalCount: z.string(),
  SmsSendDetailDTOs: z.object({
    SmsSendDetailDTO: z.array(z.object({ PhoneNum: z.string(), SendStatus: z.number(), ErrCode: z.string(), SendDate: z.string(), ReceiveDate: z.string(), TemplateCode: z.string(), Content: z.string() }).passthrough()),
  }),
});

async function details(params: Record<string, string | undefined> = {}) {
  return Details.parse(json(await query(params))).SmsSendDetailDTOs.SmsSendDetailDTO;
}

describe('QuerySendDetails', () => {
  test('a message with no chosen outcome is delivered at once: SendStatus 3, DELIVRD, both dates in Beijing time', async () => {
    const bizId = await sendTo(NUMBER);
    const [first, ...rest] = await details({ BizId: bizId });
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ PhoneNum: NUMBER, SendStatus: 3, ErrCode: 'DELIVRD', SendDate: '2025-03-01 23:59:30', ReceiveDate: '2025-03-01 23:59:30', TemplateCode: 'SMS_154950909', OutId: 'order-7' });
    expect(first?.Content).toBe('【阿里云短信测试】您正在使用阿里云短信测试服务，体验验证码是：1234，如非本人操作，请忽略本短信！');
  });

  test('delivered after N ms: waiting (1, no code, no receive date) until then', async () => {
    emulator.chooseReceipt(NUMBER, { kind: 'delivered', afterMs: 4000 });
    const bizId = await sendTo(NUMBER);
    expect(await details({ BizId: bizId })).toMatchObject([{ SendStatus: 1, ErrCode: '', ReceiveDate: '' }]);
    emulator.clock.advance(4000);
    expect(await details({ BizId: bizId, SendDate: '20250301' })).toMatchObject([{ SendStatus: 3, ErrCode: 'DELIVRD', ReceiveDate: '2025-03-01 23:59:34' }]);
  });

  test('failed with the chosen carrier code; the E.164 form of the number chooses too', async () => {
    emulator.chooseReceipt('+8613800138000', { kind: 'failed', code: 'MK:0001', afterMs: 1000 });
    const bizId = await sendTo(NUMBER);
    emulator.clock.advance(1000);
    expect(await details({ BizId: bizId })).toMatchObject([{ SendStatus: 2, ErrCode: 'MK:0001' }]);
  });

  test('never: still waiting a day later', async () => {
    emulator.chooseReceipt(NUMBER, { kind: 'never' });
    const bizId = await sendTo(NUMBER);
    emulator.clock.advance(86_400_000);
    expect(await details({ BizId: bizId })).toMatchObject([{ SendStatus: 1, ErrCode: '' }]);
  });

  test('filed under the Beijing date: a message sent after midnight in Beijing is not under the day before', async () => {
    const before = await sendTo(NUMBER);
    emulator.clock.advance(60_000);
    const after = await sendTo(NUMBER);
    expect((await details({ SendDate: '20250301' })).length).toBe(1);
    expect((await details({ SendDate: '20250302', BizId: after })).length).toBe(1);
    expect(await details({ SendDate: '20250302', BizId: before })).toEqual([]);
  });

  test('newest first, a page at a time; other numbers and other accounts stay out', async () => {
    await sendTo(NUMBER);
    emulator.clock.advance(1000);
    await sendTo(NUMBER);
    await sendTo('13900139000');
    await sendTo(NUMBER, DEMO_SEND_ONLY_ACCOUNT.accessKeyId, DEMO_SEND_ONLY_ACCOUNT.accessKeySecret);
    const body = Details.parse(json(await query({ PageSize: '1', CurrentPage: '2' })));
    expect(body.TotalCount).toBe('2');
    expect(body.SmsSendDetailDTOs.SmsSendDetailDTO).toMatchObject([{ SendDate: '2025-03-01 23:59:30' }]);
  });

  test.each([
    ['a date that is not yyyyMMdd', { SendDate: '2025-03-01' }],
    ['a date older than 30 days', { SendDate: '20250115' }],
    ['a date in the future', { SendDate: '20250305' }],
    ['PageSize over 50', { PageSize: '51' }],
    ['CurrentPage 0', { CurrentPage: '0' }],
  ])('%s is isv.INVALID_PARAMETERS', async (_name, params) => {
    expect(json(await query(params))).toMatchObject({ Code: 'isv.INVALID_PARAMETERS' });
  });

  test('a missing SendDate is MissingSendDate (400)', async () => {
    const answer = await query({ SendDate: undefined });
    expect(answer.status).toBe(400);
    expect(json(answer)).toMatchObject({ Code: 'MissingSendDate' });
  });

  test('a send-only RAM user gets Forbidden.RAM naming dysms:QuerySendDetails', async () => {
    const answer = await query({}, DEMO_SEND_ONLY_ACCOUNT.accessKeyId, DEMO_SEND_ONLY_ACCOUNT.accessKeySecret);
    expect(answer.status).toBe(403);
    expect(json(answer)).toMatchObject({ Code: 'Forbidden.RAM', AccessDeniedDetail: { AuthAction: 'dysms:QuerySendDetails' } });
  });

  test('XML nests the details', async () => {
    await sendTo(NUMBER);
    const answer = await query({ Format: 'XML' });
    expect(answer.body).toMatch(/<SmsSendDetailDTOs><SmsSendDetailDTO><PhoneNum>13800138000<\/PhoneNum><SendStatus>3<\/SendStatus><ErrCode>DELIVRD<\/ErrCode>/);
  });
});

// Plain CommonJS run by node: Alibaba's client sends, asks for the receipt, and reads the filing fields.
const SDK_CLIENT = `
const { default: Client, SendSmsRequest, QuerySendDetailsRequest, GetSmsSignRequest, GetSmsTemplateRequest } = require('@alicloud/dysmsapi20170525');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const [url, sendDate] = process.argv.slice(1);
const client = new Client(new $OpenApiUtil.Config({
  accessKeyId: process.env.KEY_ID, accessKeySecret: process.env.KEY_SECRET,
  endpoint: new URL(url).host, protocol: 'http', regionId: 'cn-hangzhou',
}));
(async () => {
  const sent = await client.sendSms(new SendSmsRequest({ phoneNumbers: '13800138000', signName: '阿里云短信测试', templateCode: 'SMS_154950909', templateParam: '{"code":"1234"}' }));
  const receipt = await client.querySendDetails(new QuerySendDetailsRequest({ phoneNumber: '13800138000', bizId: sent.body.bizId, sendDate, pageSize: 10, currentPage: 1 }));
  const sign = await client.getSmsSign(new GetSmsSignRequest({ signName: 'Logto未报备' }));
  const template = await client.getSmsTemplate(new GetSmsTemplateRequest({ templateCode: 'SMS_465000020' }));
  const plain = await client.getSmsTemplate(new GetSmsTemplateRequest({ templateCode: 'SMS_154950909' }));
  process.stdout.write(JSON.stringify({ receipt: receipt.body, filing: sign.body.signIspRegisterDetailList, vendor: template.body.vendorAuditStatus, plainVendor: plain.body.vendorAuditStatus ?? null }));
})().catch((error) => { process.stderr.write(String(error && error.message)); process.exit(1); });
`;

test("Alibaba's SDK client reads QuerySendDetails, the per-carrier filing and VendorAuditStatus", async () => {
  // The SDK signs with the real clock.
  const now = new Date();
  emulator.clock.set(now);
  emulator.chooseReceipt(NUMBER, { kind: 'failed', code: 'IB:0008' });
  const { stdout } = await promisify(execFile)('node', ['-e', SDK_CLIENT, emulator.url, beijingDate(now)], {
    cwd: ROOT,
    env: { ...process.env, KEY_ID: DEMO_ACCOUNT.accessKeyId, KEY_SECRET: DEMO_ACCOUNT.accessKeySecret },
  });
  const read: unknown = JSON.parse(stdout);
  expect(read).toMatchObject({
    receipt: { code: 'OK', totalCount: '1', smsSendDetailDTOs: { smsSendDetailDTO: [{ phoneNum: NUMBER, sendStatus: 2, errCode: 'IB:0008', templateCode: 'SMS_154950909' }] } },
    filing: [
      { operatorCode: 'mobile', registerStatus: 0, registerStatusReasons: [{ reasonCode: 'SIGNATURE_QUALIFICATION_ERROR', reasonDescList: ['签名与资质关系不符'] }] },
      { operatorCode: 'unicom', registerStatus: -1, operatorCompleteTime: '' },
      { operatorCode: 'telecom', registerStatus: 3, registerStatusReasons: [] },
    ],
    vendor: { MOBILE_VENDOR: 1, UNICOM_VENDOR: 0, TELECOM_VENDOR: 2 },
    plainVendor: null,
  });
});
