// End-to-end: refusals the emulator reaches by its own checks (nothing injected), as each reader
// gets them. The end user of a runtime send gets the precise code and a sentence, never Aliyun's
// Message (a SignatureDoesNotMatch Message quotes the string-to-sign, with the AccessKey ID and
// sign name); the administrator on the console gets general, the precise code, and the advice.
import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import {
  ACCESS_KEY_ID,
  E2E_ACCOUNT,
  INTERNATIONAL_PHONE,
  INTERNATIONAL_TEMPLATE,
  MAINLAND_PHONE,
  MAINLAND_TEMPLATE,
  PUNCTUATED_SIGN_NAME,
  SECRET,
  VIAS,
  configFor,
  dataField,
  distinctCode,
  forbiddenAfter,
  sendFailing,
  sendOk,
  sendRequests,
  useEmulator,
  verdictCodes,
} from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import { expectNoConfigDetail, expectReaderSees } from './support/readers.js';
import { DEMO_ACCOUNT, stringToSign } from '../../tools/emulator/index.js';

const emulator = useEmulator({ accounts: [E2E_ACCOUNT, DEMO_ACCOUNT] });

/** The last SendSms verdict's ids and Message, as the emulator answered them. */
const lastAnswer = () => ({
  RequestId: sendRequests(emulator()).at(-1)?.requestId,
  Message: sendRequests(emulator()).at(-1)?.verdict.message,
});

describe('a wrong secret (SignatureDoesNotMatch)', () => {
  const wrongSecret = 'n0t-the-Secret&/+= 错误';
  const wrongSecretConfig = () => configFor(emulator().url, { accessKeySecret: wrongSecret, signName: PUNCTUATED_SIGN_NAME });

  it.each(VIAS)('%s: invalid_config, not retried, nothing sensitive', async (via) => {
    const code = distinctCode(`wrong secret ${via}`);
    const config = wrongSecretConfig();

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidConfig,
      Code: 'SignatureDoesNotMatch',
      ...lastAnswer(),
      userSays: /problem on this site/,
      fields: ['accessKeySecret'],
      adminSays: /re-enter accessKeySecret/,
      adminData: { httpStatus: 400, fields: ['accessKeySecret'], smsMayHaveBeenSent: false, maskedPhoneNumber: '138******00' },
    });
    // Logto's log line keeps the administrator's detail for either reader.
    expect(error.message).toContain('SignatureDoesNotMatch');
    expect(error.message).toContain('accessKeySecret');
    expect(emulator().messages).toHaveLength(0);
    // Not retried: a signature cannot start matching by itself.
    expect(verdictCodes(emulator())).toEqual(['SignatureDoesNotMatch']);
    expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code], secrets: [wrongSecret, SECRET] }));
  });

  it('console: hands the administrator the server string-to-sign, with the number and code masked', async () => {
    const code = distinctCode('wrong secret string to sign');
    const config = wrongSecretConfig();
    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, 'console');

    // Everything else intact, so an administrator can compare it with what their own client signs.
    const received = sendRequests(emulator())[0]?.params ?? {};
    const expected = stringToSign('POST', received).replace(/((?:PhoneNumbers|TemplateParam)%3D)(?:(?!%26).)*/g, '$1***');
    expect(dataField(error, 'serverStringToSign')).toBe(expected);
    expect(expected).toContain(`AccessKeyId%3D${ACCESS_KEY_ID}`);
    expect(expected).toContain('SignName%3DLogto%25E6%25BC%2594%25E7%25A4%25BA%2520%2528'); // "Logto演示 (" encoded twice
    expect(dataField(error, 'Message')).toEqual(expect.stringContaining('string to sign'));

    // The end-user check is not vacuous: this very error, the administrator's, fails it.
    expect(() => {
      expectNoConfigDetail(error, config, lastAnswer());
    }).toThrow();
    expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code], secrets: [wrongSecret, SECRET] }));
  });

  it.each(VIAS)('%s: does not surface the right-looking secret of another account either', async (via) => {
    const code = distinctCode(`demo secret on e2e key ${via}`);
    const config = configFor(emulator().url, { accessKeySecret: DEMO_ACCOUNT.accessKeySecret });
    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);
    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidConfig,
      Code: 'SignatureDoesNotMatch',
      ...lastAnswer(),
      fields: ['accessKeySecret'],
    });
    expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code], secrets: [DEMO_ACCOUNT.accessKeySecret, SECRET] }));
  });
});

describe('mainland and international templates are not interchangeable', () => {
  it.each(
    VIAS.flatMap((via) => [
      {
        via,
        case: 'a mainland-only template code for an international number',
        template: MAINLAND_TEMPLATE,
        phone: INTERNATIONAL_PHONE,
        aliyunCode: 'isv.MOBILE_NUMBER_ILLEGAL',
      },
      {
        via,
        case: 'an international template code for a mainland number',
        template: INTERNATIONAL_TEMPLATE,
        phone: MAINLAND_PHONE,
        aliyunCode: 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
      },
    ])
  )('$via: $case → invalid_request_parameters ($aliyunCode)', async ({ via, case: label, template, phone, aliyunCode }) => {
    const code = distinctCode(`${label} ${via}`);
    const config = configFor(emulator().url, { templates: [{ usageType: TemplateType.Generic, templateCode: template.code }] });

    const { error } = await sendFailing(config, { to: phone.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidRequestParameters,
      Code: aliyunCode,
      ...lastAnswer(),
      userSays: /phone number/,
      fields: ['templates'],
      adminSays: /china|mainland/,
    });
    expect(sendRequests(emulator())[0]?.params).toMatchObject({ PhoneNumbers: phone.sent, TemplateCode: template.code });
    expect(verdictCodes(emulator())).toEqual([aliyunCode]);
    expect(emulator().messages).toHaveLength(0);
    expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code], phone }));
  });
});

describe('the per-number frequency limit', () => {
  it.each(VIAS)(
    '%s: a second code within a minute is rate_limit_exceeded, and one is allowed again after a minute',
    async (via) => {
      const config = configFor(emulator().url);
      const firstCode = distinctCode(`rate limit first ${via}`);
      const secondCode = distinctCode(`rate limit second ${via}`);
      const thirdCode = distinctCode(`rate limit third ${via}`);

      await sendOk(config, { to: MAINLAND_PHONE.given, code: firstCode }, via);
      const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: secondCode }, via);

      expectReaderSees(via, error, config, {
        code: ConnectorErrorCodes.RateLimitExceeded,
        Code: 'isv.BUSINESS_LIMIT_CONTROL',
        ...lastAnswer(),
        userSays: /wait a few minutes/,
        adminSays: /per-number frequency limit/,
        adminData: { Message: '触发分钟级流控Permits:1', httpStatus: 200 },
      });
      // A business refusal proves nothing was sent: still, it must not be retried into more refusals.
      expect(verdictCodes(emulator())).toEqual(['OK', 'isv.BUSINESS_LIMIT_CONTROL']);
      expect(emulator().messages.map(({ text }) => text.includes(firstCode))).toEqual([true]);
      expectNoLeak(error, forbiddenAfter(emulator(), { codes: [firstCode, secondCode] }));

      emulator().clock.advance(61_000);
      await sendOk(config, { to: MAINLAND_PHONE.given, code: thirdCode }, via);
      expect(verdictCodes(emulator())).toEqual(['OK', 'isv.BUSINESS_LIMIT_CONTROL', 'OK']);
      expect(emulator().messages).toHaveLength(2);
      expect(emulator().messages[1]?.text).toContain(thirdCode);
    }
  );

  it('counts the number, not its spelling: 8613800138000 and 13800138000 share one limit', async () => {
    const config = configFor(emulator().url);
    await sendOk(config, { to: MAINLAND_PHONE.given, code: distinctCode('spelling one') });
    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.sent, code: distinctCode('spelling two') });
    expect(error.code).toBe(ConnectorErrorCodes.RateLimitExceeded);
    expect(emulator().messages).toHaveLength(1);
  });
});

describe('account refusals', () => {
  it.each(
    VIAS.flatMap((via) => [
      {
        via,
        what: 'an unknown AccessKeyId',
        overrides: { accessKeyId: 'LTAI5tNoSuchKeyAnywhere' },
        aliyunCode: 'InvalidAccessKeyId.NotFound',
        httpStatus: 404,
        field: 'accessKeyId' as const,
        doctorSays: undefined,
      },
      {
        via,
        what: 'a sign name the account does not own',
        overrides: { signName: '未备案的签名' },
        aliyunCode: 'isv.SMS_SIGNATURE_ILLEGAL',
        httpStatus: 200,
        field: 'signName' as const,
        doctorSays: /Doctor, sign name \(problem\): The account has no sign name "未备案的签名"/,
      },
      {
        via,
        what: 'a template code the account does not own',
        overrides: { templates: [{ usageType: TemplateType.Generic, templateCode: 'SMS_000000404' }] },
        aliyunCode: 'isv.SMS_TEMPLATE_ILLEGAL',
        httpStatus: 200,
        field: 'templates' as const,
        doctorSays: /Doctor, template SMS_000000404 \(Generic\) \(problem\)/,
      },
    ])
  )('$via: $what → invalid_config ($aliyunCode), not retried', async ({ via, overrides, aliyunCode, httpStatus, field, doctorSays }) => {
    const code = distinctCode(`own check ${aliyunCode} ${via}`);
    const config = configFor(emulator().url, overrides);
    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidConfig,
      Code: aliyunCode,
      ...lastAnswer(),
      userSays: /problem on this site/,
      fields: [field],
      adminSays: via === 'console' ? doctorSays : undefined,
      adminData: { httpStatus, fields: [field] },
    });
    expect(verdictCodes(emulator())).toEqual([aliyunCode]);
    if (via === 'runtime') {
      // The doctor's read calls explain a failure to the administrator only: a sign-in flow
      // makes the one SendSms request and no more.
      expect(emulator().requests).toHaveLength(1);
      expect(error.message).not.toContain('Doctor');
    }
    expect(emulator().messages).toHaveLength(0);
    expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code] }));
  });

  it.each(VIAS)('%s: a Logto server clock 16 minutes off Aliyun’s → invalid_config (InvalidTimeStamp.Expired), not retried', async (via) => {
    const code = distinctCode(`clock skew ${via}`);
    const config = configFor(emulator().url);
    emulator().clock.advance(16 * 60_000);
    try {
      const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);
      expectReaderSees(via, error, config, {
        code: ConnectorErrorCodes.InvalidConfig,
        Code: 'InvalidTimeStamp.Expired',
        ...lastAnswer(),
        userSays: /problem on this site/,
        adminSays: /clock/,
      });
      expect(verdictCodes(emulator())).toEqual(['InvalidTimeStamp.Expired']);
      expect(emulator().messages).toHaveLength(0);
      expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code] }));
    } finally {
      emulator().clock.advance(-16 * 60_000);
    }
  });
});
