import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { formBodyOf } from '../test/support/form-body.js';
import { rejectionOf } from '../test/support/rejection.js';
import { sdkSignature } from '../tools/emulator/signature.js';

import { createSendMessage } from './send-message.js';

const secret = 'unit-test-secret';
const config = {
  accessKeyId: 'LTAI5tUnitTestKey',
  accessKeySecret: secret,
  signName: '阿里云短信测试',
  templates: [
    ...Object.values(TemplateType)
      .filter((type) => type !== TemplateType.Generic)
      .map((usageType) => ({ usageType, templateCode: `SMS_${usageType}` })),
    { usageType: 'Generic', templateCode: { china: 'SMS_GENERIC_CN', overseas: 'SMS_GENERIC_INTL' } },
  ],
};

const okAnswer = { Code: 'OK', Message: 'OK', RequestId: 'REQ-1', BizId: '900619746936498440^0' };

const noConfigStored = (): Promise<never> =>
  Promise.reject(new Error('getConfig is not available here'));

/** Intercepts one SendSms POST and records its form body. */
const interceptOnce = (answer: object = okAnswer, status = 200) => {
  const seen: { form?: URLSearchParams; contentType?: string } = {};
  nock('https://dysmsapi.aliyuncs.com')
    .matchHeader('content-type', (value) => {
      seen.contentType = value;
      return true;
    })
    .post('/', (body: unknown) => {
      seen.form = formBodyOf(body);
      return true;
    })
    .reply(status, answer);
  return seen;
};

const formOf = (seen: { form?: URLSearchParams }): URLSearchParams => {
  if (!seen.form) {
    throw new Error('no request reached the endpoint');
  }
  return seen.form;
};

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

describe('sendMessage request', () => {
  it.each(Object.values(TemplateType))(
    'sends a signed SendSms form with the %s template and only the code as TemplateParam',
    async (type) => {
      const seen = interceptOnce();
      const sendMessage = createSendMessage(noConfigStored);

      const result = await sendMessage(
        {
          to: '8613800138000',
          type,
          payload: { code: '123456', locale: 'fr', uiLocales: 'fr-CA fr', link: 'https://x.test/', extra: 1 },
          ip: '203.0.113.9',
        },
        config
      );

      expect(result).toEqual({ BizId: okAnswer.BizId, RequestId: okAnswer.RequestId });
      const form = formOf(seen);
      expect(seen.contentType).toContain('application/x-www-form-urlencoded');
      expect(Object.fromEntries(form)).toMatchObject({
        Action: 'SendSms',
        Version: '2017-05-25',
        Format: 'JSON',
        RegionId: 'cn-hangzhou',
        AccessKeyId: config.accessKeyId,
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        PhoneNumbers: '13800138000',
        SignName: '阿里云短信测试',
        TemplateCode: type === TemplateType.Generic ? 'SMS_GENERIC_CN' : `SMS_${type}`,
        TemplateParam: '{"code":"123456"}',
      });
      expect(form.get('SignatureNonce')).toMatch(
        /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/
      );
      expect(form.get('Timestamp')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const { Signature: signature, ...signed } = Object.fromEntries(form);
      expect(signature).toBe(sdkSignature(signed, 'POST', secret));
    }
  );

  it('uses a fresh nonce and a current timestamp on every send', async () => {
    const first = interceptOnce();
    const second = interceptOnce();
    const sendMessage = createSendMessage(noConfigStored);
    const before = Date.now();
    await sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '1' } }, config);
    await sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '2' } }, config);

    expect(formOf(first).get('SignatureNonce')).not.toBe(formOf(second).get('SignatureNonce'));
    const timestamp = Date.parse(formOf(first).get('Timestamp') ?? '');
    expect(Math.abs(timestamp - before)).toBeLessThan(5000);
  });

  it('falls back to the Generic template for a usage type without its own', async () => {
    const seen = interceptOnce();
    const sendMessage = createSendMessage(noConfigStored);
    await sendMessage(
      { to: '14155550123', type: TemplateType.BindMfa, payload: { code: '654321' } },
      { ...config, templates: [{ usageType: 'Generic', templateCode: { china: 'SMS_CN', overseas: 'SMS_INTL' } }] }
    );
    expect(formOf(seen).get('TemplateCode')).toBe('SMS_INTL');
    expect(formOf(seen).get('PhoneNumbers')).toBe('14155550123');
  });

  it("handles the console's test button: Generic, code 000000, inline config, getConfig throwing", async () => {
    const seen = interceptOnce();
    const sendMessage = createSendMessage(noConfigStored);
    await sendMessage(
      { to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } },
      config
    );
    expect(formOf(seen).get('TemplateParam')).toBe('{"code":"000000"}');
  });

  it('reads the stored config through getConfig with the connector id when none is passed', async () => {
    interceptOnce();
    const ids: string[] = [];
    const sendMessage = createSendMessage((id) => {
      ids.push(id);
      return Promise.resolve(config);
    });
    await sendMessage({ to: '8613800138000', type: TemplateType.Register, payload: { code: '111111' } });
    expect(ids).toEqual(['aliyun-dysms']);
  });
});

describe('sendMessage refusals before any request', () => {
  it('refuses an invalid config with invalid_config', async () => {
    const sendMessage = createSendMessage(noConfigStored);
    const error = await rejectionOf(
      sendMessage(
        { to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } },
        { ...config, accessKeySecret: '' }
      )
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.message).toContain('AccessKey secret');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses a usage type with neither its own nor a Generic template with template_not_found', async () => {
    const sendMessage = createSendMessage(noConfigStored);
    const withoutGeneric = config.templates.filter(({ usageType }) => usageType !== 'Generic');
    const error = await rejectionOf(
      sendMessage(
        { to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } },
        { ...config, templates: withoutGeneric }
      )
    );
    expect(error.code).toBe(ConnectorErrorCodes.TemplateNotFound);
    expect(error.message).toContain('"Generic"');
  });

  it.each([
    ['no code', {}],
    ['an empty code', { code: '' }],
  ])('refuses a send with %s with insufficient_request_parameters', async (_name, payload) => {
    const sendMessage = createSendMessage(noConfigStored);
    const error = await rejectionOf(
      sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload }, config)
    );
    expect(error.code).toBe(ConnectorErrorCodes.InsufficientRequestParameters);
  });

  it('refuses a code Aliyun would reject before sending it', async () => {
    const sendMessage = createSendMessage(noConfigStored);
    const error = await rejectionOf(
      sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '12 34"' } }, config)
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(JSON.stringify(error.data)).not.toContain('12 34');
  });

  it('refuses two numbers in one send with invalid_request_parameters', async () => {
    const sendMessage = createSendMessage(noConfigStored);
    const error = await rejectionOf(
      sendMessage(
        { to: '13800138000,13900139000', type: TemplateType.SignIn, payload: { code: '123456' } },
        config
      )
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
  });
});

describe('sendMessage Aliyun answers', () => {
  it('turns a non-OK answer into a ConnectorError carrying Code, Message and RequestId', async () => {
    interceptOnce({ Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '模板不合法', RequestId: 'REQ-T' });
    const sendMessage = createSendMessage(noConfigStored);
    const error = await rejectionOf(
      sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '123456' } }, config)
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.data).toMatchObject({ Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: '模板不合法', RequestId: 'REQ-T' });
  });
});
