import { ConnectorError, ConnectorErrorCodes, TemplateType, type SendMessageFunction } from '@logto/connector-kit';
import fc from 'fast-check';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { formBodyOf } from '../test/support/form-body.js';
import { rejectionOf } from '../test/support/rejection.js';
import { sdkSignature } from '../tools/emulator/signature.js';

import type { AttemptOutcome, AttemptRequest } from './aliyun/rpc/transport/transport.js';
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

const noConfigStored = (): Promise<never> => Promise.reject(new Error('getConfig is not available here'));

/** sendMessage as a sign-in flow calls it: no inline config, the stored one from getConfig. */
const runtimeSend = (stored: unknown = config) => createSendMessage(async () => Promise.resolve(stored));
/** sendMessage as the console's Send button calls it: the config inline, getConfig unavailable. */
const consoleSend = () => createSendMessage(noConfigStored);

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

/** Calls sendMessage with arguments no type would allow: the data Logto hands over is untrusted. */
const callUntyped = async (sendMessage: SendMessageFunction, ...args: unknown[]): Promise<unknown> =>
  Promise.resolve<unknown>(Reflect.apply(sendMessage, undefined, args));

const dataOf = (error: ConnectorError): Record<string, unknown> =>
  typeof error.data === 'object' && error.data !== null ? { ...error.data } : {};

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

      const result = await runtimeSend()({
        to: '8613800138000',
        type,
        payload: { code: '123456', locale: 'fr', uiLocales: 'fr-CA fr', link: 'https://x.test/', extra: 1 },
        ip: '203.0.113.9',
      });

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
      expect(form.get('SignatureNonce')).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
      expect(form.get('Timestamp')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const { Signature: signature, ...signed } = Object.fromEntries(form);
      expect(signature).toBe(sdkSignature(signed, 'POST', secret));
    }
  );

  it('uses a fresh nonce and a current timestamp on every send', async () => {
    const first = interceptOnce();
    const second = interceptOnce();
    const sendMessage = runtimeSend();
    const before = Date.now();
    await sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '1111' } });
    await sendMessage({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '2222' } });

    expect(formOf(first).get('SignatureNonce')).not.toBe(formOf(second).get('SignatureNonce'));
    const timestamp = Date.parse(formOf(first).get('Timestamp') ?? '');
    expect(Math.abs(timestamp - before)).toBeLessThan(5000);
  });

  it('falls back to the Generic template for a usage type without its own', async () => {
    const seen = interceptOnce();
    await runtimeSend({
      ...config,
      templates: [{ usageType: 'Generic', templateCode: { china: 'SMS_CN', overseas: 'SMS_INTL' } }],
    })({ to: '14155550123', type: TemplateType.BindMfa, payload: { code: '654321' } });
    expect(formOf(seen).get('TemplateCode')).toBe('SMS_INTL');
    expect(formOf(seen).get('PhoneNumbers')).toBe('14155550123');
  });

  it("handles the console's test button: Generic, code 000000, inline config, getConfig throwing", async () => {
    const seen = interceptOnce();
    // Then the console's Send asks for the delivery receipt.
    const receiptQuery: { form?: URLSearchParams } = {};
    nock('https://dysmsapi.aliyuncs.com')
      .post('/', (body: unknown) => {
        receiptQuery.form = formBodyOf(body);
        return true;
      })
      .reply(200, { Code: 'OK', TotalCount: '1', SmsSendDetailDTOs: { SmsSendDetailDTO: [{ SendStatus: 3, ErrCode: 'DELIVRD' }] } });
    await consoleSend()({ to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } }, config);
    expect(formOf(seen).get('TemplateParam')).toBe('{"code":"000000"}');
    expect(formOf(receiptQuery).get('Action')).toBe('QuerySendDetails');
    expect(formOf(receiptQuery).get('BizId')).toBe(okAnswer.BizId);
  });

  it('reads the stored config through getConfig with the connector id when none is passed', async () => {
    interceptOnce();
    const ids: string[] = [];
    const sendMessage = createSendMessage(async (id) => {
      ids.push(id);
      return Promise.resolve(config);
    });
    await sendMessage({ to: '8613800138000', type: TemplateType.Register, payload: { code: '111111' } });
    expect(ids).toEqual(['aliyun-dysms']);
  });

  it('sends RegionId and posts to the regional endpoint the config picks', async () => {
    const seen: { form?: URLSearchParams } = {};
    nock('https://dysmsapi.ap-southeast-1.aliyuncs.com')
      .post('/', (body: unknown) => {
        seen.form = formBodyOf(body);
        return true;
      })
      .reply(200, okAnswer);
    await runtimeSend({ ...config, regionId: 'ap-southeast-1' })({
      to: '85261234567',
      type: TemplateType.SignIn,
      payload: { code: '123456' },
    });
    expect(formOf(seen).get('RegionId')).toBe('ap-southeast-1');
  });
});

describe('sendMessage refusals before any request', () => {
  const send = async (data: unknown, stored: unknown = config) => {
    const sendMessage = runtimeSend(stored);
    return rejectionOf(callUntyped(sendMessage, data));
  };

  it('refuses an invalid stored config with invalid_config, telling the end user nothing of it', async () => {
    const error = await send({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '000000' } }, {
      ...config,
      accessKeySecret: '',
    });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.message).toContain('accessKeySecret');
    expect(JSON.stringify(error.data)).not.toContain('accessKeySecret');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses a usage type with neither its own nor a Generic template with template_not_found', async () => {
    const withoutGeneric = config.templates.filter(({ usageType }) => usageType !== 'Generic');
    const error = await send(
      { to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } },
      { ...config, templates: withoutGeneric }
    );
    expect(error.code).toBe(ConnectorErrorCodes.TemplateNotFound);
    expect(error.message).toContain('"Generic"');
  });

  it.each([
    ['no code', {}],
    ['an empty code', { code: '' }],
    ['a code that is not text', { code: 123_456 }],
  ])('refuses a send with %s with insufficient_request_parameters', async (_name, payload) => {
    const error = await send({ to: '8613800138000', type: TemplateType.SignIn, payload });
    expect(error.code).toBe(ConnectorErrorCodes.InsufficientRequestParameters);
  });

  it.each(['123', 'zq', '1234567', '12 34', '12"4'])(
    'refuses the code %j, which is not 4 to 6 letters or digits, with invalid_request_parameters',
    async (code) => {
      const error = await send({ to: '8613800138000', type: TemplateType.SignIn, payload: { code } });
      expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
      expect(`${error.message} ${JSON.stringify(error.data)}`).not.toContain(code);
    }
  );

  it.each([4, 6])('accepts a %i-character code', async (length) => {
    interceptOnce();
    await runtimeSend()({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '7'.repeat(length) } });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it.each([
    ['data that is not an object', 'text'],
    ['null data', null],
    ['a missing usage type', { to: '8613800138000', payload: { code: '123456' } }],
    ['a null payload', { to: '8613800138000', type: 'SignIn', payload: null }],
    ['a missing payload', { to: '8613800138000', type: 'SignIn' }],
    ['a number as phone', { to: 8_613_800_138_000, type: 'SignIn', payload: { code: '123456' } }],
    ['an object as phone', { to: { toString: null }, type: 'SignIn', payload: { code: '123456' } }],
    ['two numbers in one', { to: '13800138000,13900139000', type: 'SignIn', payload: { code: '123456' } }],
  ])('answers %s with a ConnectorError of a request code, not a crash', async (_name, data) => {
    const error = await send(data);
    expect([
      ConnectorErrorCodes.InvalidRequestParameters,
      ConnectorErrorCodes.InsufficientRequestParameters,
    ]).toContain(error.code);
  });

  it('refuses a country outside allowedCountries before any request, naming it by ISO code', async () => {
    const error = await send(
      { to: '447400123456', type: TemplateType.SignIn, payload: { code: '123456' } },
      { ...config, allowedCountries: ['CN', 'HK'] }
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(dataOf(error).errorDescription).toContain('GB');
    expect(dataOf(error).reason).toBe('country_not_allowed');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('447400123456');
  });

  it('sends to a country inside allowedCountries', async () => {
    interceptOnce();
    await runtimeSend({ ...config, allowedCountries: ['cn', 'HK'] })({
      to: '8613800138000',
      type: TemplateType.SignIn,
      payload: { code: '123456' },
    });
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('the two readers of a failed send', () => {
  const aliyunAnswer = {
    Code: 'SignatureDoesNotMatch',
    Message: `Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3D${config.accessKeyId}%26SignName%3D${encodeURIComponent(config.signName)}`,
    RequestId: '5E0C3B7A-2F41-4D8E-A6C9-81B2D4F6E013',
  };

  it('gives the end user Aliyun’s Code and RequestId and a sentence, and nothing of the config', async () => {
    interceptOnce(aliyunAnswer, 400);
    const error = await rejectionOf(
      runtimeSend()({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '123456' } })
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    const data = dataOf(error);
    expect(Object.keys(data).sort()).toEqual(['Code', 'RequestId', 'errorDescription']);
    expect(data).toMatchObject({ Code: 'SignatureDoesNotMatch', RequestId: '5E0C3B7A-2F41-4D8E-A6C9-81B2D4F6E013' });
    const serialised = JSON.stringify(data);
    for (const value of [config.accessKeyId, config.signName, encodeURIComponent(config.signName), 'SMS_SignIn', 'accessKeySecret', 'dysmsapi', '10000']) {
      expect(serialised).not.toContain(value);
    }
    // The administrator's detail stays in the message, which only Logto's logs show.
    expect(error.message).toContain('SignatureDoesNotMatch');
    expect(error.message).toContain('accessKeySecret');
  });

  it('gives the administrator pressing Send a general error with the advice, the key to fix and the precise code', async () => {
    interceptOnce(aliyunAnswer, 400);
    const error = await rejectionOf(
      consoleSend()({ to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } }, config)
    );
    expect(error.code).toBe(ConnectorErrorCodes.General);
    const data = dataOf(error);
    expect(data.connectorCode).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(data.errorDescription).toContain('accessKeySecret ("AccessKey secret")');
    expect(data.errorDescription).toContain('SignatureDoesNotMatch');
    expect(data.errorDescription).toContain('5E0C3B7A-2F41-4D8E-A6C9-81B2D4F6E013');
    expect(data).not.toHaveProperty('userSentence');
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it('gives the administrator a config problem as general naming the field', async () => {
    const error = await rejectionOf(
      consoleSend()({ to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } }, { ...config, signName: '' })
    );
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(dataOf(error)).toMatchObject({ connectorCode: ConnectorErrorCodes.InvalidConfig, fields: ['signName'] });
    expect(dataOf(error).errorDescription).toContain('signName ("Sign name")');
  });

  it('keeps rate limits precise for the end user, with a sentence that says to wait', async () => {
    interceptOnce({ Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: 'REQ-L' });
    const error = await rejectionOf(
      runtimeSend()({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '123456' } })
    );
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(dataOf(error).errorDescription).toMatch(/wait/i);
    expect(dataOf(error)).not.toHaveProperty('Message');
  });
});

// Arbitrary JSON, with strings that include lone UTF-16 surrogates (which encodeURIComponent
// cannot encode) and values of every JSON type where the connector expects a particular one.
const loneSurrogate = fc.integer({ min: 0xd8_00, max: 0xdf_ff }).map((unit) => String.fromCharCode(unit));
const nastyString = fc.oneof(
  fc.string(),
  fc.tuple(fc.string(), loneSurrogate, fc.string()).map((parts) => parts.join('')),
  fc.constantFrom('8613800138000', '13800138000', '+14155550123', 'SignIn', 'Generic', '123456', '')
);
const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 })
  ),
})).value;

const configField = (valid: unknown) => fc.oneof(fc.constant(valid), anyJson);

const arbitraryConfig = fc.record({
  accessKeyId: configField(config.accessKeyId),
  accessKeySecret: configField(secret),
  signName: configField(config.signName),
  templates: configField(config.templates),
  strictPhoneRegionNumberCheck: configField(false),
  endpoint: configField('https://dysmsapi.aliyuncs.com/'),
  timeout: configField(1000),
  service: configField('dysms'),
  regionId: configField('cn-hangzhou'),
  signatureVersion: configField('v1'),
  allowedCountries: configField(['CN']),
  credentialSource: configField('config'),
  securityToken: configField(undefined),
});

const arbitraryData = fc.oneof(
  anyJson,
  fc.record({
    to: fc.oneof(nastyString, anyJson),
    type: fc.oneof(fc.constantFrom(...Object.values(TemplateType)), anyJson),
    payload: fc.oneof(fc.record({ code: fc.oneof(fc.constant('123456'), anyJson), locale: anyJson, uiLocales: anyJson }), anyJson),
  })
);

describe('any input whatsoever', () => {
  it('resolves or throws a ConnectorError, for the console and for runtime sends', async () => {
    // Any request that does get built is answered by nock's refusal of the network.
    await fc.assert(
      fc.asyncProperty(arbitraryData, arbitraryConfig, fc.boolean(), async (data, stored, inline) => {
        const sendMessage = inline ? consoleSend() : runtimeSend(stored);
        try {
          await (inline ? callUntyped(sendMessage, data, stored) : callUntyped(sendMessage, data));
        } catch (error: unknown) {
          expect(error).toBeInstanceOf(ConnectorError);
        }
      }),
      { numRuns: 300 }
    );
  });
});

/** A network seam that answers every call with one Aliyun answer and records the calls. */
const stubNetwork = (answer: object, statusCode = 200, onPost: () => void = () => undefined) => {
  const requests: AttemptRequest[] = [];
  const post = async (request: AttemptRequest): Promise<AttemptOutcome> => {
    requests.push(request);
    onPost();
    return Promise.resolve({ kind: 'answered', statusCode, body: JSON.stringify(answer), contentType: 'application/json', date: undefined });
  };
  return { requests, post };
};

const formOfRequest = (request: AttemptRequest | undefined): URLSearchParams => {
  if (request === undefined) {
    throw new Error('no request was made');
  }
  return new URLSearchParams(request.body);
};

describe('sendMessage refusals of the request, for each reader', () => {
  const endUserSentence = 'The verification code could not be sent by SMS. Please try again later.';

  it.each([
    ['a blank usage type', { to: '8613800138000', type: '  ', payload: { code: '123456' } }, ConnectorErrorCodes.InvalidRequestParameters, 'The send request has no usage type (data.type).'],
    ['no code', { to: '8613800138000', type: 'SignIn', payload: {} }, ConnectorErrorCodes.InsufficientRequestParameters, 'No verification code to send: payload.code is missing or empty.'],
    ['a code Aliyun would refuse', { to: '8613800138000', type: 'SignIn', payload: { code: '12' } }, ConnectorErrorCodes.InvalidRequestParameters, 'The verification code must be 4 to 6 letters or digits, as Aliyun requires.'],
  ])('tells of %s: the admin what is wrong, the end user to try again', async (_name, data, code, advice) => {
    const admin = await rejectionOf(callUntyped(consoleSend(), data, config));
    expect(dataOf(admin)).toMatchObject({ connectorCode: code, errorDescription: advice });
    const endUser = await rejectionOf(callUntyped(runtimeSend(), data));
    expect(endUser.code).toBe(code);
    expect(dataOf(endUser).errorDescription).toBe(endUserSentence);
  });

  it('says the end user’s sentence in the user’s language, uiLocales before locale, the advice in English', async () => {
    const refused = (payload: object) => ({ to: '8613800138000', type: 'SignIn', payload: { code: '12', ...payload } });
    const endUser = async (payload: object) => dataOf(await rejectionOf(callUntyped(runtimeSend(), refused(payload)))).errorDescription;
    expect(await endUser({ locale: 'zh-CN' })).toBe('验证码短信发送失败。请稍后再试。');
    expect(await endUser({ uiLocales: 'fr-CA en', locale: 'zh-CN' })).toBe(
      'Le code de vérification n’a pas pu être envoyé par SMS. Veuillez réessayer plus tard.'
    );
    expect(await endUser({ locale: 'zh-HK' })).toBe('驗證碼簡訊傳送失敗。請稍後再試。');
    expect(await endUser({ locale: 'sv' })).toBe(endUserSentence);
    const admin = await rejectionOf(callUntyped(consoleSend(), refused({ locale: 'zh-CN' }), config));
    expect(dataOf(admin).errorDescription).toBe('The verification code must be 4 to 6 letters or digits, as Aliyun requires.');
  });

  it('reads the stored config when the inline one is null', async () => {
    interceptOnce();
    await callUntyped(runtimeSend(), { to: '8613800138000', type: 'SignIn', payload: { code: '123456' } }, null);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('applies strictPhoneRegionNumberCheck to the number', async () => {
    const error = await rejectionOf(
      runtimeSend({ ...config, strictPhoneRegionNumberCheck: true })({ to: '13800138000', type: TemplateType.SignIn, payload: { code: '123456' } })
    );
    expect(dataOf(error).reason).toBe('missing_country_code');
  });
});

describe('sendMessage template choice by the user’s language', () => {
  const generic = { usageType: 'Generic', templateCode: 'SMS_GENERIC' };

  it.each([
    ['beside an entry without a locale', [{ usageType: 'SignIn', templateCode: 'SMS_DEFAULT' }, { usageType: 'SignIn', templateCode: 'SMS_FR', locale: 'fr' }, generic]],
    ['when only some entries have one', [{ usageType: 'SignIn', templateCode: 'SMS_DE', locale: 'de' }, { usageType: 'SignIn', templateCode: 'SMS_FR', locale: 'fr' }, generic]],
  ])('uses the entry of the payload’s locale %s', async (_name, templates) => {
    const seen = interceptOnce();
    await runtimeSend({ ...config, templates })({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '123456', locale: 'fr-FR' } });
    expect(formOf(seen).get('TemplateCode')).toBe('SMS_FR');
  });
});

describe('sendMessage through the SMS authentication service', () => {
  const dypnsConfig = {
    ...config,
    signName: '速通互联验证码',
    service: 'dypns',
    templates: [
      { usageType: 'SignIn', templateCode: '100001', params: { code: '{{code}}' } },
      { usageType: 'Generic', templateCode: '100002', params: { code: '{{code}}' } },
    ],
  };

  it('sends the mainland number and the gift template’s default params', async () => {
    const network = stubNetwork({ Code: 'OK', Message: 'OK', RequestId: 'REQ-D', Model: { BizId: 'BIZ-D' } });
    await createSendMessage(async () => Promise.resolve({ ...dypnsConfig, templates: [{ usageType: 'Generic', templateCode: '100001' }] }), {
      post: network.post,
    })({ to: '+86 138 0013 8000', type: TemplateType.SignIn, payload: { code: '123456' } });
    const form = formOfRequest(network.requests[0]);
    expect(form.get('Action')).toBe('SendSmsVerifyCode');
    expect(form.get('PhoneNumber')).toBe('13800138000');
    expect(form.get('TemplateParam')).toBe('{"code":"123456","min":"10"}');
  });

  it('adds the doctor’s findings to the administrator’s advice while the timeout leaves time', async () => {
    const network = stubNetwork({ Code: 'SMS_SIGNATURE_ILLEGAL', Message: 'sign illegal', RequestId: 'REQ-S' });
    const error = await rejectionOf(
      createSendMessage(noConfigStored, { post: network.post, elapsed: () => 10_000 })(
        { to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } },
        { ...dypnsConfig, timeout: 1000 }
      )
    );
    expect(String(dataOf(error).errorDescription)).toContain(
      'Doctor, template 100001 (SignIn), template 100002 (Generic) (problem): Aliyun’s gift templates contain ${min}'
    );
  });

  it('leaves the doctor out when the send used up the timeout', async () => {
    let clock = 10_000;
    const network = stubNetwork({ Code: 'SMS_SIGNATURE_ILLEGAL', Message: 'sign illegal', RequestId: 'REQ-S' }, 200, () => {
      clock += 800;
    });
    const error = await rejectionOf(
      createSendMessage(noConfigStored, { post: network.post, elapsed: () => clock })(
        { to: '8613800138000', type: TemplateType.Generic, payload: { code: '000000' } },
        { ...dypnsConfig, timeout: 1000 }
      )
    );
    expect(dataOf(error).connectorCode).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(String(dataOf(error).errorDescription)).not.toContain('Doctor');
  });
});

describe('sendMessage advice a config earns by its shape', () => {
  const giftCodesOnDysms = { ...config, templates: [{ usageType: 'Generic', templateCode: '100001' }] };
  const hint = 'set service to "dypns"';

  // A runtime sign-in code that Aliyun refuses with `answer`: the error, and what was posted.
  const refusedSignIn = async (stored: unknown, answer: object) => {
    const network = stubNetwork(answer);
    const error = await rejectionOf(
      createSendMessage(async () => Promise.resolve(stored), { post: network.post })({
        to: '8613800138000',
        type: TemplateType.SignIn,
        payload: { code: '123456' },
      })
    );
    return { error, network };
  };

  it('tells the administrator that gift template codes belong to dypns when Aliyun refuses the config', async () => {
    const { error, network } = await refusedSignIn(giftCodesOnDysms, {
      Code: 'isv.SMS_TEMPLATE_ILLEGAL',
      Message: 'template illegal',
      RequestId: 'REQ-H',
    });
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(error.message).toContain(hint);
    // Only the send: the doctor's read calls are for the administrator's console alone.
    expect(network.requests).toHaveLength(1);
  });

  it('says it only for a refusal of the config', async () => {
    const { error } = await refusedSignIn(giftCodesOnDysms, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: 'limit', RequestId: 'REQ-L' });
    expect(error.message).not.toContain(hint);
  });

  it('says nothing of dypns for ordinary template codes', async () => {
    const { error } = await refusedSignIn(config, { Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: 'template illegal', RequestId: 'REQ-H' });
    expect(error.message).not.toContain('dypns');
    expect(error.message).not.toContain('undefined');
  });
});

describe('sendMessage redaction of what Aliyun echoes', () => {
  it('hides the code, the number as typed and as sent from every reader', async () => {
    const typed = '+86 138-0013-8000';
    const network = stubNetwork({ Code: 'isv.SMS_TEMPLATE_ILLEGAL', Message: `refused 4829 for ${typed} (13800138000)`, RequestId: 'REQ-R' });
    const data = { to: typed, type: TemplateType.Generic, payload: { code: '4829' } };
    const admin = await rejectionOf(createSendMessage(noConfigStored, { post: network.post })(data, config));
    const endUser = await rejectionOf(createSendMessage(async () => Promise.resolve(config), { post: network.post })(data));
    for (const error of [admin, endUser]) {
      const serialised = `${error.message} ${JSON.stringify(error.data)}`;
      expect(serialised).toContain('REQ-R');
      for (const value of ['4829', typed, '13800138000']) {
        expect(serialised).not.toContain(value);
      }
    }
  });
});

describe('sendMessage with credentials from the environment', () => {
  it('gives the credential chain what is left of the config’s timeout, then signs with what it returns', async () => {
    const deadlines: number[] = [];
    const credentialChain = {
      resolve: async ({ timeoutMs }: { timeoutMs: number }) => {
        deadlines.push(timeoutMs);
        return Promise.resolve({ accessKeyId: 'LTAI5tFromEnvironment', accessKeySecret: 'environment-secret' });
      },
    };
    const network = stubNetwork(okAnswer);
    // The send starts at 1000 ms; by the time credentials are fetched 250 ms have gone.
    let clockReads = 0;
    const elapsed = () => (clockReads++ === 0 ? 1000 : 1250);
    await createSendMessage(async () => Promise.resolve({ ...config, credentialSource: 'environment', timeout: 4321 }), {
      post: network.post,
      credentialChain,
      elapsed,
    })({ to: '8613800138000', type: TemplateType.SignIn, payload: { code: '123456' } });
    expect(deadlines).toEqual([4071]);
    expect(formOfRequest(network.requests[0]).get('AccessKeyId')).toBe('LTAI5tFromEnvironment');
  });
});
