// End-to-end: the real connector signs and sends over loopback HTTP to the Aliyun-compatible
// emulator, which verifies every signature with Alibaba's own SDK code. Issue 3's checks.
import { ConnectorErrorCodes, TemplateType, type SmsConnector } from '@logto/connector-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  ACCESS_KEY_ID,
  CHINESE_SIGN_NAME,
  E2E_ACCOUNT,
  INTERNATIONAL_PHONE,
  INTERNATIONAL_TEMPLATE,
  MAINLAND_PHONE,
  MAINLAND_TEMPLATE,
  PUNCTUATED_SIGN_NAME,
  SECRET,
  USAGE_TYPES,
  configFor,
  dataField,
  distinctCode,
  makeConnector,
  sendFailing,
  sendOk,
  usageTemplateCode,
  verdictCodes,
  forbiddenAfter,
} from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import { DEMO_ACCOUNT, startEmulator, stringToSign, type Emulator } from '../../tools/emulator/index.js';

let emulator: Emulator;
let connector: SmsConnector;

beforeAll(async () => {
  emulator = await startEmulator({ accounts: [E2E_ACCOUNT, DEMO_ACCOUNT] });
  connector = await makeConnector();
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
  emulator.clearFaults();
});



describe('every usage type Logto sends', () => {
  // One template per usage type, so the SMS text proves which one the connector chose.
  const everyTypeConfig = () =>
    configFor(emulator.url, {
      templates: USAGE_TYPES.map((usageType) => ({ usageType, templateCode: usageTemplateCode(usageType) })),
    });

  it('covers the nine types of connector-kit', () => {
    expect([...USAGE_TYPES].sort()).toEqual(
      [
        'BindMfa',
        'BindNewIdentifier',
        'ForgotPassword',
        'Generic',
        'MfaVerification',
        'OrganizationInvitation',
        'Register',
        'SignIn',
        'UserPermissionValidation',
      ].sort()
    );
  });

  it.each(USAGE_TYPES)('%s is accepted with its own template, signature verified, the SMS carrying the code', async (type) => {
    const code = distinctCode(`usage type ${type}`);
    const result = await sendOk(connector, everyTypeConfig(), { to: MAINLAND_PHONE.given, code, type });

    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
    expect(emulator.messages).toHaveLength(1);
    const message = emulator.messages[0];
    expect(message).toMatchObject({
      templateCode: usageTemplateCode(type),
      phoneNumber: MAINLAND_PHONE.sent,
      region: 'mainland',
      signName: CHINESE_SIGN_NAME,
      templateParam: { code },
      bizId: result.BizId,
      requestId: result.RequestId,
    });
    expect(message?.text).toBe(`[${type}] 您的验证码是${code}，5分钟内有效。`);
  });

  it('falls back to the Generic template for a type without its own', async () => {
    const code = distinctCode('generic fallback');
    const config = configFor(emulator.url, {
      templates: [
        { usageType: TemplateType.Generic, templateCode: usageTemplateCode(TemplateType.Generic) },
        { usageType: TemplateType.Register, templateCode: usageTemplateCode(TemplateType.Register) },
      ],
    });
    await sendOk(connector, config, { to: MAINLAND_PHONE.given, code, type: TemplateType.MfaVerification });

    expect(emulator.messages.map(({ templateCode }) => templateCode)).toEqual([
      usageTemplateCode(TemplateType.Generic),
    ]);
    expect(emulator.messages[0]?.text).toContain(code);
  });
});

describe('sign names and secrets that trip hand-written signing', () => {
  it('keeps the awkward secret as the account has it', () => {
    for (const character of ['&', '/', '+', '=', ' ', '密']) {
      expect(SECRET).toContain(character);
    }
  });

  it.each([
    { signName: CHINESE_SIGN_NAME, what: 'a Chinese sign name' },
    { signName: PUNCTUATED_SIGN_NAME, what: 'a sign name with a space and ! * \' ( ) ~' },
  ])('signs $what with a secret containing & / + = a space and Chinese', async ({ signName }) => {
    const code = distinctCode(`sign name ${signName}`);
    await sendOk(connector, configFor(emulator.url, { signName }), { to: MAINLAND_PHONE.given, code });

    expect(emulator.requests[0]?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
    expect(emulator.requests[0]?.params).toMatchObject({ AccessKeyId: ACCESS_KEY_ID, SignName: signName });
    expect(emulator.messages).toHaveLength(1);
    expect(emulator.messages[0]).toMatchObject({ signName, templateCode: MAINLAND_TEMPLATE.code });
    expect(emulator.messages[0]?.text).toContain(code);
  });

  it('signs with the demo account too (plain secret, punctuated sign name, international template)', async () => {
    const code = distinctCode('demo account');
    const config = configFor(emulator.url, {
      accessKeyId: DEMO_ACCOUNT.accessKeyId,
      accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
      signName: PUNCTUATED_SIGN_NAME,
      templates: [{ usageType: TemplateType.Generic, templateCode: INTERNATIONAL_TEMPLATE.code }],
    });
    await sendOk(connector, config, { to: INTERNATIONAL_PHONE.given, code });

    expect(emulator.messages).toHaveLength(1);
    expect(emulator.messages[0]).toMatchObject({
      accessKeyId: DEMO_ACCOUNT.accessKeyId,
      phoneNumber: INTERNATIONAL_PHONE.sent,
      region: 'international',
      text: `Your verification code is ${code}. It expires in 5 minutes.`,
    });
  });
});

describe('a wrong secret', () => {
  const wrongSecret = 'n0t-the-Secret&/+= 错误';

  it('surfaces as invalid_config (SignatureDoesNotMatch) with the server string-to-sign, and nothing sensitive', async () => {
    const code = distinctCode('wrong secret');
    const { error } = await sendFailing(
      connector,
      configFor(emulator.url, { accessKeySecret: wrongSecret, signName: PUNCTUATED_SIGN_NAME }),
      { to: MAINLAND_PHONE.given, code }
    );

    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(dataField(error, 'Code')).toBe('SignatureDoesNotMatch');
    expect(dataField(error, 'httpStatus')).toBe(400);
    expect(dataField(error, 'errorDescription')).toEqual(expect.stringMatching(/accessKeySecret/));
    expect(emulator.messages).toHaveLength(0);
    // Not retried: a signature cannot start matching by itself.
    expect(verdictCodes(emulator)).toEqual(['SignatureDoesNotMatch']);
    expect(dataField(error, 'RequestId')).toBe(emulator.requests[0]?.requestId);

    // The server's string-to-sign, with the number and the code masked but everything else intact,
    // so an administrator can compare it with what their own client signs.
    const received = emulator.requests[0]?.params ?? {};
    const serverStringToSign = stringToSign('POST', received);
    const expected = serverStringToSign.replace(/((?:PhoneNumbers|TemplateParam)%3D)(?:(?!%26).)*/g, '$1***');
    expect(dataField(error, 'serverStringToSign')).toBe(expected);
    expect(expected).toContain(`AccessKeyId%3D${ACCESS_KEY_ID}`);
    expect(expected).toContain('SignName%3DLogto%25E6%25BC%2594%25E7%25A4%25BA%2520%2528'); // "Logto演示 (" encoded twice

    expectNoLeak(error, forbiddenAfter(emulator, { codes: [code], secrets: [wrongSecret, SECRET] }));
  });

  it('does not surface the right-looking secret of another account either', async () => {
    const code = distinctCode('demo secret on e2e key');
    const { error } = await sendFailing(
      connector,
      configFor(emulator.url, { accessKeySecret: DEMO_ACCOUNT.accessKeySecret }),
      { to: MAINLAND_PHONE.given, code }
    );
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(dataField(error, 'Code')).toBe('SignatureDoesNotMatch');
    expectNoLeak(error, forbiddenAfter(emulator, { codes: [code], secrets: [DEMO_ACCOUNT.accessKeySecret, SECRET] }));
  });
});

describe('mainland and international templates are not interchangeable', () => {
  it.each([
    {
      case: 'a mainland-only template code for an international number',
      template: MAINLAND_TEMPLATE,
      phone: INTERNATIONAL_PHONE,
      aliyunCode: 'isv.MOBILE_NUMBER_ILLEGAL',
    },
    {
      case: 'an international template code for a mainland number',
      template: INTERNATIONAL_TEMPLATE,
      phone: MAINLAND_PHONE,
      aliyunCode: 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
    },
  ])('$case → invalid_request_parameters ($aliyunCode)', async ({ case: label, template, phone, aliyunCode }) => {
    const code = distinctCode(label);
    const { error } = await sendFailing(
      connector,
      configFor(emulator.url, {
        templates: [{ usageType: TemplateType.Generic, templateCode: template.code }],
      }),
      { to: phone.given, code }
    );

    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(dataField(error, 'Code')).toBe(aliyunCode);
    expect(dataField(error, 'errorDescription')).toEqual(expect.stringMatching(/china|mainland/));
    expect(emulator.requests[0]?.params).toMatchObject({
      PhoneNumbers: phone.sent,
      TemplateCode: template.code,
    });
    expect(verdictCodes(emulator)).toEqual([aliyunCode]);
    expect(emulator.messages).toHaveLength(0);
    expectNoLeak(error, forbiddenAfter(emulator, { codes: [code], phone }));
  });

  describe('with { china, overseas } codes', () => {
    const regionalConfig = () =>
      configFor(emulator.url, {
        templates: [
          {
            usageType: TemplateType.Generic,
            templateCode: { china: MAINLAND_TEMPLATE.code, overseas: INTERNATIONAL_TEMPLATE.code },
          },
        ],
      });

    it.each([
      { what: 'a mainland number given with 86', phone: MAINLAND_PHONE, template: MAINLAND_TEMPLATE },
      { what: 'a legacy bare mainland number', phone: { given: '13912345678', sent: '13912345678' }, template: MAINLAND_TEMPLATE },
      { what: 'a Hong Kong number', phone: INTERNATIONAL_PHONE, template: INTERNATIONAL_TEMPLATE },
      { what: 'a US number (11 digits starting with 1)', phone: { given: '14155550123', sent: '14155550123' }, template: INTERNATIONAL_TEMPLATE },
    ])('picks the $template.kind template for $what, and Aliyun accepts it', async ({ phone, template }) => {
      const code = distinctCode(`regional ${phone.given}`);
      await sendOk(connector, regionalConfig(), { to: phone.given, code });

      expect(verdictCodes(emulator)).toEqual(['OK']);
      expect(emulator.messages).toHaveLength(1);
      expect(emulator.messages[0]).toMatchObject({
        templateCode: template.code,
        region: template.kind,
        phoneNumber: phone.sent,
      });
      expect(emulator.messages[0]?.text).toContain(code);
    });
  });
});

describe('the per-number frequency limit', () => {
  it('turns a second code within a minute into rate_limit_exceeded, and allows one again after a minute', async () => {
    const config = configFor(emulator.url);
    const firstCode = distinctCode('rate limit first');
    const secondCode = distinctCode('rate limit second');
    const thirdCode = distinctCode('rate limit third');

    await sendOk(connector, config, { to: MAINLAND_PHONE.given, code: firstCode });
    const { error } = await sendFailing(connector, config, { to: MAINLAND_PHONE.given, code: secondCode });

    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(dataField(error, 'Code')).toBe('isv.BUSINESS_LIMIT_CONTROL');
    expect(dataField(error, 'Message')).toBe('触发分钟级流控Permits:1');
    expect(dataField(error, 'httpStatus')).toBe(200);
    expect(dataField(error, 'RequestId')).toBe(emulator.requests[1]?.requestId);
    // A business refusal proves nothing was sent: still, it must not be retried into more refusals.
    expect(verdictCodes(emulator)).toEqual(['OK', 'isv.BUSINESS_LIMIT_CONTROL']);
    expect(emulator.messages.map(({ text }) => text.includes(firstCode))).toEqual([true]);
    expectNoLeak(error, forbiddenAfter(emulator, { codes: [firstCode, secondCode] }));

    emulator.clock.advance(61_000);
    await sendOk(connector, config, { to: MAINLAND_PHONE.given, code: thirdCode });
    expect(verdictCodes(emulator)).toEqual(['OK', 'isv.BUSINESS_LIMIT_CONTROL', 'OK']);
    expect(emulator.messages).toHaveLength(2);
    expect(emulator.messages[1]?.text).toContain(thirdCode);
  });

  it('counts the number, not its spelling: 8613800138000 and 13800138000 share one limit', async () => {
    const config = configFor(emulator.url);
    await sendOk(connector, config, { to: MAINLAND_PHONE.given, code: distinctCode('spelling one') });
    const { error } = await sendFailing(connector, config, {
      to: MAINLAND_PHONE.sent,
      code: distinctCode('spelling two'),
    });
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(emulator.messages).toHaveLength(1);
  });
});

describe('refusals the emulator reaches by its own checks (nothing injected)', () => {
  it.each([
    {
      what: 'an unknown AccessKeyId',
      overrides: { accessKeyId: 'LTAI5tNoSuchKeyAnywhere' },
      aliyunCode: 'InvalidAccessKeyId.NotFound',
      httpStatus: 404,
      expected: ConnectorErrorCodes.InvalidConfig,
    },
    {
      what: 'a sign name the account does not own',
      overrides: { signName: '未备案的签名' },
      aliyunCode: 'isv.SMS_SIGNATURE_ILLEGAL',
      httpStatus: 200,
      expected: ConnectorErrorCodes.InvalidConfig,
    },
    {
      what: 'a template code the account does not own',
      overrides: { templates: [{ usageType: TemplateType.Generic, templateCode: 'SMS_000000404' }] },
      aliyunCode: 'isv.SMS_TEMPLATE_ILLEGAL',
      httpStatus: 200,
      expected: ConnectorErrorCodes.InvalidConfig,
    },
  ])('$what → $expected ($aliyunCode), not retried', async ({ overrides, aliyunCode, httpStatus, expected }) => {
    const code = distinctCode(`own check ${aliyunCode}`);
    const { error } = await sendFailing(connector, configFor(emulator.url, overrides), {
      to: MAINLAND_PHONE.given,
      code,
    });
    expect(error.code).toBe(expected);
    expect(dataField(error, 'Code')).toBe(aliyunCode);
    expect(dataField(error, 'httpStatus')).toBe(httpStatus);
    expect(verdictCodes(emulator)).toEqual([aliyunCode]);
    expect(emulator.messages).toHaveLength(0);
    expectNoLeak(error, forbiddenAfter(emulator, { codes: [code] }));
  });

  it('a Logto server clock 16 minutes off Aliyun’s → invalid_config (InvalidTimeStamp.Expired), not retried', async () => {
    const code = distinctCode('clock skew');
    emulator.clock.advance(16 * 60_000);
    try {
      const { error } = await sendFailing(connector, configFor(emulator.url), { to: MAINLAND_PHONE.given, code });
      expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
      expect(dataField(error, 'Code')).toBe('InvalidTimeStamp.Expired');
      expect(dataField(error, 'errorDescription')).toEqual(expect.stringContaining('clock'));
      expect(verdictCodes(emulator)).toEqual(['InvalidTimeStamp.Expired']);
      expect(emulator.messages).toHaveLength(0);
      expectNoLeak(error, forbiddenAfter(emulator, { codes: [code] }));
    } finally {
      emulator.clock.advance(-16 * 60_000);
    }
  });
});

describe('concurrent sends', () => {
  it('twenty codes to twenty numbers at once: each accepted exactly once, every nonce fresh', async () => {
    const config = configFor(emulator.url);
    const phones = Array.from({ length: 20 }, (_, index) => `861390013${String(index).padStart(4, '0')}`);
    const results = await Promise.all(
      phones.map((to) => sendOk(connector, config, { to, code: distinctCode(`concurrent ${to}`) }))
    );

    expect(new Set(results.map(({ BizId }) => BizId)).size).toBe(20);
    expect(verdictCodes(emulator)).toEqual(Array.from({ length: 20 }, () => 'OK'));
    expect(emulator.messages.map(({ phoneNumber }) => phoneNumber).sort()).toEqual(
      phones.map((phone) => phone.slice(2)).sort()
    );
    for (const message of emulator.messages) {
      expect(message.text).toContain(distinctCode(`concurrent 86${message.phoneNumber}`));
    }
    const nonces = emulator.requests.map(({ params }) => params.SignatureNonce);
    expect(new Set(nonces).size).toBe(20);
  });
});
