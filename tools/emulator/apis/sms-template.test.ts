import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_SEND_ONLY_ACCOUNT, startEmulator, type Emulator } from '../index.js';
import { field, json, send, type Answer } from '../test-client.js';
import { signedCall } from '../test-client-v3.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ now: new Date('2025-01-01T12:00:00Z') });
});

afterAll(async () => {
  await emulator.close();
});

function getTemplate(TemplateCode: string | undefined, accessKeyId?: string, secret?: string): Promise<Answer> {
  return send(emulator.url, signedCall({ now: emulator.clock.now(), action: 'GetSmsTemplate', accessKeyId, secret, params: { TemplateCode } }));
}

async function body(code: string): Promise<unknown> {
  const answer = await getTemplate(code);
  expect(answer.status).toBe(200);
  return json(answer);
}

describe('GetSmsTemplate', () => {
  test("a mainland verification template: Aliyun's fields and types", async () => {
    const template = await body('SMS_154950909');
    expect(template).toMatchObject({
      Code: 'OK',
      TemplateCode: 'SMS_154950909',
      TemplateName: '阿里云短信测试',
      TemplateType: '0',
      TemplateStatus: '1',
      TemplateTag: 4,
      RelatedSignName: '阿里云短信测试',
      VariableAttribute: '{"code":"characterWithNumber"}',
      TemplateContent: '您正在使用阿里云短信测试服务，体验验证码是：${code}，如非本人操作，请忽略本短信！',
      FileUrlList: { FileUrl: [] },
      MoreDataFileUrlList: { MoreDataFileUrl: [] },
    });
    expect(template).not.toHaveProperty('IntlType');
  });

  test('an international template is TemplateType "3" with IntlType 0', async () => {
    expect(await body('SMS_465000001')).toMatchObject({ TemplateType: '3', IntlType: 0 });
  });

  test('a notification template carries its own VariableAttribute', async () => {
    const template = await body('SMS_465000003');
    expect(template).toMatchObject({ TemplateType: '1' });
    expect(JSON.parse(String(field(template, 'VariableAttribute')))).toEqual({ name: 'user_nick', time: 'time' });
  });

  test('review states "0", "2" with the reason, "10"', async () => {
    expect(await body('SMS_465000010')).toMatchObject({ TemplateStatus: '0', AuditInfo: { AuditDate: '' } });
    expect(await body('SMS_465000011')).toMatchObject({ TemplateStatus: '2', AuditInfo: { RejectInfo: '模板内容中包含错别字。' } });
    expect(await body('SMS_465000012')).toMatchObject({ TemplateStatus: '10' });
  });

  test('an unknown template gets isv.SMS_TEMPLATE_ILLEGAL; a missing TemplateCode MissingTemplateCode', async () => {
    expect(await body('SMS_000000000')).toMatchObject({ Code: 'isv.SMS_TEMPLATE_ILLEGAL' });
    const missing = await getTemplate(undefined);
    expect(missing.status).toBe(400);
    expect(json(missing)).toMatchObject({ Code: 'MissingTemplateCode' });
  });

  test('a send-only RAM user gets Forbidden.RAM naming dysms:GetSmsTemplate', async () => {
    const answer = await getTemplate('SMS_154950909', DEMO_SEND_ONLY_ACCOUNT.accessKeyId, DEMO_SEND_ONLY_ACCOUNT.accessKeySecret);
    expect(answer.status).toBe(403);
    expect(json(answer)).toMatchObject({ Code: 'Forbidden.RAM', AccessDeniedDetail: { AuthAction: 'dysms:GetSmsTemplate' } });
  });
});
