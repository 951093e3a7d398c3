// End-to-end: regions and allowed countries. regionId is sent as RegionId (signature V1) and
// picks Aliyun's documented endpoint when no endpoint is set; the real hosts cannot be reached
// from here, so nock stands in for them and checks where the request went, while the emulator
// checks what was sent. allowedCountries refuses other countries before any request. A config
// written for the official connector sends exactly what the official connector sends.
import { TemplateType, ConnectorErrorCodes } from '@logto/connector-kit';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { supportedRegions } from '../../src/aliyun/regions.js';
import { endpointOf } from '../../src/config/derived.js';
import { parseConfig } from '../../src/config/parse.js';
import createConnector, { type AliyunSmsConfigInput } from '../../src/index.js';
import { formBodyOf } from '../support/form-body.js';
import { loadOfficialConnector, type OfficialConnector } from '../support/official-connector.js';
import { rejectionOf } from '../support/rejection.js';

import {
  ACCESS_KEY_ID,
  CHINESE_SIGN_NAME,
  E2E_ACCOUNT,
  INTERNATIONAL_PHONE,
  INTERNATIONAL_TEMPLATE,
  MAINLAND_PHONE,
  MAINLAND_TEMPLATE,
  SECRET,
  VIAS,
  configFor,
  consoleConnector,
  distinctCode,
  phoneForms,
  runtimeConnector,
  sendFailing,
  sendOk,
  useEmulator,
} from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import { expectReaderSees } from './support/readers.js';

// Many sends to the same numbers: the per-number limit is not what these tests are about.
const emulator = useEmulator({ accounts: [E2E_ACCOUNT], rateLimits: false });

beforeAll(() => {
  // Nothing may reach a real Aliyun host; the emulator on loopback stays reachable.
  nock.disableNetConnect();
  nock.enableNetConnect(/^127\.0\.0\.1(?::\d+)?$/);
});

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

/** A config whose mainland and overseas numbers each get their kind of template. */
const regionalTemplates = [
  { usageType: TemplateType.Generic, templateCode: { china: MAINLAND_TEMPLATE.code, overseas: INTERNATIONAL_TEMPLATE.code } },
];

const okAnswer = { Code: 'OK', Message: 'OK', RequestId: 'NOCK-REQUEST-ID', BizId: 'NOCK-BIZ-ID' };

/** Answers one POST at `origin` with OK, keeping the form it received. */
const expectPostTo = (origin: string, answer: Record<string, unknown> = okAnswer) => {
  const seen: { form?: URLSearchParams } = {};
  const scope = nock(origin)
    .post('/', (body: unknown) => {
      seen.form = formBodyOf(body);
      return true;
    })
    .reply(200, answer);
  return {
    form: (): URLSearchParams => {
      scope.done();
      if (seen.form === undefined) {
        throw new Error(`no request reached ${origin}`);
      }
      return seen.form;
    },
  };
};

describe('regionId', () => {
  it.each(['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'ap-southeast-1', 'eu-central-1'] as const)(
    'V1 sends RegionId=%s and is accepted',
    async (regionId) => {
      const code = distinctCode(`region ${regionId}`);
      await sendOk(configFor(emulator().url, { regionId }), { to: MAINLAND_PHONE.given, code });
      expect(emulator().requests[0]?.params.RegionId).toBe(regionId);
      expect(emulator().requests[0]?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
    }
  );

  it('V3 sends no RegionId: the endpoint names the region', async () => {
    await sendOk(configFor(emulator().url, { regionId: 'ap-southeast-1', signatureVersion: 'v3' }), {
      to: MAINLAND_PHONE.given,
      code: distinctCode('region v3'),
    });
    expect(emulator().requests[0]?.signatureVersion).toBe('v3');
    expect(emulator().requests[0]?.params.RegionId).toBeUndefined();
    expect(emulator().messages).toHaveLength(1);
  });

  it('without an endpoint, each region’s documented Dysmsapi endpoint (and Dypnsapi’s one)', () => {
    const base = { accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, signName: CHINESE_SIGN_NAME, templates: regionalTemplates };
    const abroad: ReadonlySet<string> = new Set(['ap-southeast-1', 'ap-southeast-5', 'eu-central-1']);
    for (const regionId of supportedRegions) {
      expect(endpointOf(parseConfig({ ...base, regionId })), regionId).toBe(
        abroad.has(regionId) ? `https://dysmsapi.${regionId}.aliyuncs.com/` : 'https://dysmsapi.aliyuncs.com/'
      );
    }
    expect(endpointOf(parseConfig(base))).toBe('https://dysmsapi.aliyuncs.com/');
    expect(endpointOf(parseConfig({ ...base, service: 'dypns', regionId: 'cn-shanghai' }))).toBe('https://dypnsapi.aliyuncs.com/');
    // An endpoint set wins over the region.
    expect(endpointOf(parseConfig({ ...base, regionId: 'eu-central-1', endpoint: emulator().url }))).toBe(emulator().url);
  });

  it.each([
    { regionId: 'ap-southeast-1' as const, origin: 'https://dysmsapi.ap-southeast-1.aliyuncs.com' },
    { regionId: 'eu-central-1' as const, origin: 'https://dysmsapi.eu-central-1.aliyuncs.com' },
    { regionId: 'cn-beijing' as const, origin: 'https://dysmsapi.aliyuncs.com' },
  ])('a send with regionId $regionId and no endpoint goes to $origin', async ({ regionId, origin }) => {
    const request = expectPostTo(origin);
    const config: AliyunSmsConfigInput = {
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: SECRET,
      signName: CHINESE_SIGN_NAME,
      templates: regionalTemplates,
      regionId,
    };

    const result = await (await runtimeConnector(config)).sendMessage({
      to: MAINLAND_PHONE.given,
      type: TemplateType.SignIn,
      payload: { code: distinctCode(`nock ${regionId}`) },
    });

    expect(result).toEqual({ BizId: okAnswer.BizId, RequestId: okAnswer.RequestId });
    const form = request.form();
    expect(form.get('RegionId')).toBe(regionId);
    expect(form.get('Action')).toBe('SendSms');
    expect(emulator().requests).toHaveLength(0);
  });

  it('service "dypns" without an endpoint goes to https://dypnsapi.aliyuncs.com', async () => {
    const request = expectPostTo('https://dypnsapi.aliyuncs.com', { Code: 'OK', Message: 'OK', RequestId: 'NOCK-DYPNS', Model: { BizId: 'NOCK-DYPNS-BIZ' } });
    const config: AliyunSmsConfigInput = {
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: SECRET,
      signName: '仿真赠送签名验证码',
      templates: [{ usageType: TemplateType.Generic, templateCode: '100001' }],
      service: 'dypns',
    };
    const result = await (await runtimeConnector(config)).sendMessage({ to: MAINLAND_PHONE.given, type: TemplateType.SignIn, payload: { code: '123456' } });
    expect(result).toEqual({ BizId: 'NOCK-DYPNS-BIZ', RequestId: 'NOCK-DYPNS' });
    expect(request.form().get('Action')).toBe('SendSmsVerifyCode');
  });

  it.each(VIAS)('%s: an unknown regionId is invalid_config listing the supported regions, nothing sent', async (via) => {
    // Only an unvalidated stored config can hold it (the config type does not), so it is handed over untyped.
    const base = configFor(emulator().url);
    const stored: unknown = { ...base, regionId: 'us-east-1' };
    const data = { to: MAINLAND_PHONE.given, type: TemplateType.SignIn, payload: { code: distinctCode(`unknown region ${via}`) } };

    const error = await rejectionOf(
      via === 'runtime'
        ? (await createConnector({ getConfig: async () => Promise.resolve(stored) })).sendMessage(data)
        : (await consoleConnector()).sendMessage(data, stored)
    );

    // The base config holds every value the end user must not see; regionId is the only difference.
    expectReaderSees(via, error, base, {
      code: ConnectorErrorCodes.InvalidConfig,
      userSays: /problem on this site/,
      fields: ['regionId'],
      adminSays: new RegExp(`regionId \\("Region"\\) must be one of ${supportedRegions.map((region) => `"${region}"`).join(', ')}\\.`),
    });
    expect(emulator().requests).toHaveLength(0);
  });

  it.each(VIAS)('%s: service "dypns" with a region abroad is invalid_config (the service is mainland only)', async (via) => {
    const config = configFor(emulator().url, { service: 'dypns', regionId: 'ap-southeast-1' });
    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode(`dypns abroad region ${via}`) }, via);
    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidConfig,
      fields: ['regionId'],
      adminSays: /must be a mainland China region/,
    });
    expect(emulator().requests).toHaveLength(0);
  });
});

describe('allowedCountries', () => {
  const TAIWAN = { given: '886912345678', sent: '886912345678' } as const;
  const UNITED_STATES = { given: '12025550143', sent: '12025550143' } as const;

  it.each([
    { what: 'a mainland number', phone: MAINLAND_PHONE, template: MAINLAND_TEMPLATE.code },
    { what: 'a Hong Kong number', phone: INTERNATIONAL_PHONE, template: INTERNATIONAL_TEMPLATE.code },
    { what: 'a Hong Kong number written +852 6123 4567', phone: { given: '+852 6123 4567', sent: INTERNATIONAL_PHONE.sent }, template: INTERNATIONAL_TEMPLATE.code },
  ])('["CN", "HK"] lets $what through, with its region’s template', async ({ phone, template }) => {
    const code = distinctCode(`allowed ${phone.given}`);
    await sendOk(configFor(emulator().url, { allowedCountries: ['CN', 'HK'], templates: regionalTemplates }), { to: phone.given, code });
    expect(emulator().messages[0]).toMatchObject({ phoneNumber: phone.sent, templateCode: template, templateParam: { code } });
  });

  it('country codes are read case-insensitively: ["hk"] allows Hong Kong', async () => {
    await sendOk(configFor(emulator().url, { allowedCountries: ['hk'], templates: regionalTemplates }), {
      to: INTERNATIONAL_PHONE.given,
      code: distinctCode('lower case hk'),
    });
    expect(emulator().messages).toHaveLength(1);
  });

  it.each(
    VIAS.flatMap((via) => [
      { via, what: 'Taiwan', phone: TAIWAN, country: 'TW', masked: '886*******78', allowed: ['CN', 'HK'] },
      { via, what: 'the United States', phone: UNITED_STATES, country: 'US', masked: '120******43', allowed: ['CN', 'HK'] },
      // A mainland number is masked as Aliyun gets it: the 11-digit national number.
      { via, what: 'mainland China', phone: MAINLAND_PHONE, country: 'CN', masked: '138******00', allowed: ['HK'] },
    ])
  )('$via: $what is refused before any request, naming $country and masking the number', async ({ via, phone, country, masked, allowed }) => {
    const code = distinctCode(`refused ${country} ${via}`);
    const config = configFor(emulator().url, { allowedCountries: allowed, templates: regionalTemplates });

    const { error } = await sendFailing(config, { to: phone.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidRequestParameters,
      reason: 'country_not_allowed',
      userSays: new RegExp(`this country \\(${country}\\)`),
      fields: ['allowedCountries'],
      adminSays: new RegExp(`Sending codes to ${country} is not enabled \\(recipient ${masked.replace(/\*/g, '\\*')}\\): add "${country}" to allowedCountries`),
      adminData: { maskedPhoneNumber: masked },
    });
    expect(emulator().requests).toHaveLength(0);
    expectNoLeak(error, { secret: [SECRET], code: [code], phone: phoneForms(phone) });
  });
});

describe('a config written for the official connector', () => {
  let official: OfficialConnector;

  beforeAll(async () => {
    official = await loadOfficialConnector();
  });

  /** The official connector's form: its four required usage types, no key of ours. */
  const officialConfig = {
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: SECRET,
    signName: CHINESE_SIGN_NAME,
    templates: [TemplateType.Register, TemplateType.SignIn, TemplateType.ForgotPassword, TemplateType.Generic].map((usageType) => ({
      usageType,
      templateCode: MAINLAND_TEMPLATE.code,
    })),
  };

  // What differs by nature between any two sends: the per-request nonce, the time, and the signature over them.
  const perRequest = new Set(['SignatureNonce', 'Timestamp', 'Signature']);
  const stable = (form: URLSearchParams): Array<[string, string]> =>
    [...form.entries()].filter(([name]) => !perRequest.has(name)).sort(([a], [b]) => a.localeCompare(b));

  const formsFor = async (to: string): Promise<{ theirs: URLSearchParams; ours: URLSearchParams }> => {
    const data = { to, type: TemplateType.SignIn, payload: { code: distinctCode(`official parameters ${to}`) } };
    const theirs = expectPostTo('https://dysmsapi.aliyuncs.com');
    await official.sendMessage(data, officialConfig);
    const theirForm = theirs.form();
    const ours = expectPostTo('https://dysmsapi.aliyuncs.com');
    await (await runtimeConnector(officialConfig)).sendMessage(data);
    return { theirs: theirForm, ours: ours.form() };
  };

  it('sends the official connector’s parameters to its endpoint, RegionId cn-hangzhou, signature V1; only Format’s case differs', async () => {
    expect(official.accepts(officialConfig)).toBe(true);
    const { theirs, ours } = await formsFor(MAINLAND_PHONE.sent);

    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    // The one deliberate difference in this send (official-connector.md): Aliyun reads both spellings, and answers JSON.
    expect([theirs.get('Format'), ours.get('Format')]).toEqual(['json', 'JSON']);
    const withoutFormat = (form: URLSearchParams) => stable(form).filter(([name]) => name !== 'Format');
    expect(withoutFormat(ours)).toEqual(withoutFormat(theirs));
    expect(Object.fromEntries(stable(ours))).toMatchObject({
      RegionId: 'cn-hangzhou',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      Action: 'SendSms',
      Version: '2017-05-25',
      PhoneNumbers: MAINLAND_PHONE.sent,
    });
    expect(ours.get('TemplateParam')).toMatch(/^\{"code":"\d{6}"\}$/);
  });

  it('a mainland number as Logto stores it (8613800138000) goes to Aliyun as 13800138000, where the official sent the 86 along', async () => {
    const { theirs, ours } = await formsFor(MAINLAND_PHONE.given);
    expect([theirs.get('PhoneNumbers'), ours.get('PhoneNumbers')]).toEqual([MAINLAND_PHONE.given, MAINLAND_PHONE.sent]);
  });

  it.each(VIAS)('%s: the same config, pointed at the emulator, is accepted as V1 with RegionId cn-hangzhou', async (via) => {
    const code = distinctCode(`official emulator ${via}`);
    await sendOk({ ...officialConfig, endpoint: emulator().url }, { to: MAINLAND_PHONE.given, code }, via);
    expect(emulator().requests[0]).toMatchObject({ action: 'SendSms', signatureVersion: 'v1' });
    expect(emulator().requests[0]?.params).toMatchObject({ RegionId: 'cn-hangzhou', TemplateParam: `{"code":"${code}"}`, PhoneNumbers: MAINLAND_PHONE.sent });
    expect(emulator().requests[0]?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
  });
});
