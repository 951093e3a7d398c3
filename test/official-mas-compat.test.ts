// Drop-in compatibility with the official @logto/connector-aliyun-sms-mas 1.1.2 (the SMS
// authentication service), checked against the published package as a black box: a config it
// accepts, plus "service": "dypns", sends through ours what it sends, less its leaks.
import { ConnectorError, TemplateType } from '@logto/connector-kit';
import fc from 'fast-check';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import createConnector from '../src/index.js';

import { formBodyOf } from './support/form-body.js';
import { loadOfficialMasConnector } from './support/official-mas-connector.js';
import type { OfficialConnector } from './support/official-connector.js';

const origin = 'https://dypnsapi.aliyuncs.com';
const okAnswer = { Code: 'OK', Message: '成功', RequestId: 'REQ-MAS', Success: true, Model: { BizId: 'BIZ-MAS', RequestId: 'REQ-MAS' } };

/** The MAS connector's own default: every usage type, gift template codes. */
const masConfig = {
  accessKeyId: 'LTAI5tMasCompatKey',
  accessKeySecret: 'mas-compat-secret',
  signName: '速通互联验证码',
  templates: [
    { usageType: 'SignIn', templateCode: '100001' },
    { usageType: 'Register', templateCode: '100001' },
    { usageType: 'ForgotPassword', templateCode: '100003' },
    { usageType: 'OrganizationInvitation', templateCode: '100001' },
    { usageType: 'Generic', templateCode: '100001' },
    { usageType: 'UserPermissionValidation', templateCode: '100005' },
    { usageType: 'BindNewIdentifier', templateCode: '100002' },
    { usageType: 'MfaVerification', templateCode: '100001' },
    { usageType: 'BindMfa', templateCode: '100001' },
  ],
};

let official: OfficialConnector;

beforeAll(async () => {
  official = await loadOfficialMasConnector();
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

type Data = { to: string; type: TemplateType; payload: Record<string, unknown> };

/** The form one send posts to Dypnsapi. */
const formOf = async (send: () => Promise<unknown>): Promise<Record<string, string>> => {
  let form: URLSearchParams | undefined;
  nock(origin)
    .post('/', (body: unknown) => {
      form = formBodyOf(body);
      return true;
    })
    .reply(200, okAnswer);
  await send();
  if (!form) {
    throw new Error('no request reached Dypnsapi');
  }
  return Object.fromEntries(form);
};

const theirForm = async (data: Data, config: unknown) => formOf(async () => official.sendMessage(data, config));

const ourForm = async (data: Data, config: object) => {
  const connector = await createConnector({ getConfig: async () => Promise.resolve({ ...config, service: 'dypns' }) });
  return formOf(async () => connector.sendMessage(data));
};

// Business parameters only: nonces, timestamps and signatures differ by design.
const business = (form: Record<string, string>) => ({
  Action: form.Action,
  Version: form.Version,
  PhoneNumber: form.PhoneNumber,
  CountryCode: form.CountryCode,
  SignName: form.SignName,
  TemplateCode: form.TemplateCode,
  TemplateParam: form.TemplateParam,
  RegionId: form.RegionId,
});

describe('a config of the official SMS authentication service connector, with service "dypns"', () => {
  it('is accepted by both', () => {
    expect(official.accepts(masConfig)).toBe(true);
  });

  it.each(Object.values(TemplateType))('sends what the official sends for %s', async (type) => {
    const data = { to: '8613800138000', type, payload: { code: '123456', locale: 'zh-CN' } };
    expect(business(await ourForm(data, masConfig))).toEqual(business(await theirForm(data, masConfig)));
  });

  it('sends the same for any mainland number as Logto stores it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('130', '138', '150', '177', '186', '199'),
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.constantFrom('86', '+86'),
        async (prefix, rest, countryCode) => {
          const to = `${countryCode}${prefix}${String(rest).padStart(8, '0')}`;
          const data = { to, type: TemplateType.SignIn, payload: { code: '654321' } };
          expect(business(await ourForm(data, masConfig))).toEqual(business(await theirForm(data, masConfig)));
        }
      ),
      { numRuns: 40 }
    );
  });
});

describe('deliberate differences from the official SMS authentication service connector', () => {
  it('sends a bare mainland number, as older Logto data holds it, which the official refuses', async () => {
    const data = { to: '13800138000', type: TemplateType.SignIn, payload: { code: '123456' } };
    await expect(official.sendMessage(data, masConfig)).rejects.toMatchObject({ code: 'invalid_request_parameters' });
    expect((await ourForm(data, masConfig)).PhoneNumber).toBe('13800138000');
  });

  it('keeps uiLocales and other payload keys out of TemplateParam', async () => {
    const data = { to: '8613800138000', type: TemplateType.SignIn, payload: { code: '123456', locale: 'en', uiLocales: 'en zh-CN', link: 'x' } };
    expect(JSON.parse((await theirForm(data, masConfig)).TemplateParam ?? '{}')).toMatchObject({ uiLocales: 'en zh-CN' });
    expect((await ourForm(data, masConfig)).TemplateParam).toBe('{"code":"123456","min":"10"}');
  });

  it('refuses a number outside mainland China before any request, naming the service', async () => {
    const connector = await createConnector({ getConfig: async () => Promise.resolve({ ...masConfig, service: 'dypns' }) });
    const error = await connector
      .sendMessage({ to: '85261234567', type: TemplateType.SignIn, payload: { code: '123456' } })
      .then(
        () => undefined,
        (thrown: unknown) => thrown
      );
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'invalid_request_parameters' });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
