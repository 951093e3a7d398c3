// End-to-end: sends the connector refuses before any request leaves (an invalid stored config, a
// verification code Aliyun would refuse, a number that is not one mobile, a recipient the
// config does not allow), as each reader gets them. Nothing may reach the emulator.
import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import {
  E2E_ACCOUNT,
  INTERNATIONAL_PHONE,
  MAINLAND_PHONE,
  SECRET,
  USAGE_TYPES,
  VIAS,
  configFor,
  dataField,
  distinctCode,
  phoneForms,
  sendFailing,
  usageTemplateCode,
  useEmulator,
} from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import { expectReaderSees, namedKey } from './support/readers.js';

const emulator = useEmulator({ accounts: [E2E_ACCOUNT] });

const nothingSent = (): void => {
  expect(emulator().requests).toHaveLength(0);
  expect(emulator().messages).toHaveLength(0);
};

describe('an invalid stored config', () => {
  it.each(VIAS)('%s: a blank AccessKey secret is invalid_config naming the key, and nothing is sent', async (via) => {
    const config = configFor(emulator().url, { accessKeySecret: '   ' });
    const code = distinctCode(`blank secret ${via}`);

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidConfig,
      userSays: /problem on this site/,
      fields: ['accessKeySecret'],
      adminSays: /accessKeySecret \("AccessKey secret"\) must not be empty/,
      adminData: { fields: ['accessKeySecret'] },
    });
    // The log line names the key for either reader.
    expect(error.message).toContain('accessKeySecret');
    nothingSent();
    expectNoLeak(error, { secret: [SECRET], code: [code], phone: phoneForms(MAINLAND_PHONE) });
  });

  it.each(VIAS)('%s: a usage type with neither its own nor a Generic template is template_not_found', async (via) => {
    const templates = USAGE_TYPES.filter((type) => type !== TemplateType.Generic).map((usageType) => ({
      usageType,
      templateCode: usageTemplateCode(usageType),
    }));
    const config = configFor(emulator().url, { templates });

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: '000000', type: TemplateType.Generic }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.TemplateNotFound,
      userSays: /problem on this site/,
      adminSays: /"Generic"/,
    });
    nothingSent();
  });
});

describe('a verification code Aliyun would refuse', () => {
  it.each(VIAS.flatMap((via) => ['123', '1234567', '12-34', '１２３４'].map((code) => ({ via, code }))))(
    '$via: $code is invalid_request_parameters before any request',
    async ({ via, code }) => {
      const config = configFor(emulator().url);
      const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);
      expectReaderSees(via, error, config, {
        code: ConnectorErrorCodes.InvalidRequestParameters,
        adminSays: /4 to 6 letters or digits/,
      });
      nothingSent();
      // Codes under 4 characters are too short to look for (redaction ignores them too).
      expectNoLeak(error, { secret: [SECRET], phone: phoneForms(MAINLAND_PHONE), code: code.length >= 4 ? [code] : [] });
    }
  );

  it.each(VIAS)('%s: no code at all is insufficient_request_parameters', async (via) => {
    const config = configFor(emulator().url);
    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: '' }, via);
    expectReaderSees(via, error, config, { code: ConnectorErrorCodes.InsufficientRequestParameters });
    nothingSent();
  });

  // The code is Logto's own: the end user typed nothing wrong and is not told to check the number.
  it('the end user’s sentence for a refused code does not blame the phone number', async () => {
    const { error } = await sendFailing(configFor(emulator().url), { to: MAINLAND_PHONE.given, code: '123' });
    expect(String(dataField(error, 'errorDescription'))).not.toMatch(/phone number/i);
  });
});

describe('a number that is not one mobile number', () => {
  it.each(
    VIAS.flatMap((via) => [
      { via, what: 'two numbers in one', to: '13800138000,13900139000', reason: 'several_numbers', strict: false },
      { via, what: 'a bare mainland number in strict mode', to: '13800138000', reason: 'missing_country_code', strict: true },
      // "+" states a country code follows: no fallback to the mainland mobile 180 0555 0123.
      { via, what: 'a US toll-free number with +', to: '+1 800 555 0123', reason: 'invalid_number', strict: false },
    ])
  )('$via: $what ($to) is invalid_request_parameters before any request', async ({ via, to, reason, strict }) => {
    const config = configFor(emulator().url, { strictPhoneRegionNumberCheck: strict });
    const code = distinctCode(`number ${to} ${via}`);
    const { error } = await sendFailing(config, { to, code }, via);
    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidRequestParameters,
      reason,
      userSays: /phone number/,
    });
    nothingSent();
    expectNoLeak(error, { code: [code], secret: [SECRET], phone: [...new Set([to, ...to.split(','), to.replace(/\D/g, '')])] });
  });
});

describe('a recipient the config does not allow', () => {
  it.each(VIAS)('%s: a Hong Kong number with allowedCountries ["CN"] is refused before any request', async (via) => {
    const config = configFor(emulator().url, { allowedCountries: ['CN'] });
    const code = distinctCode(`country not allowed ${via}`);

    const { error } = await sendFailing(config, { to: INTERNATIONAL_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidRequestParameters,
      reason: 'country_not_allowed',
      userSays: /^Verification codes cannot be sent to phone numbers of this country \(HK\)\.$/,
      adminSays: /add "HK" to allowedCountries/,
      adminData: { maskedPhoneNumber: '852******67' },
    });
    nothingSent();
    expectNoLeak(error, { secret: [SECRET], code: [code], phone: phoneForms(INTERNATIONAL_PHONE) });
  });

  it.each(VIAS)('%s: a Hong Kong number with service "dypns" (mainland only) is refused before any request', async (via) => {
    const config = configFor(emulator().url, { service: 'dypns' });
    const { error } = await sendFailing(config, { to: INTERNATIONAL_PHONE.given, code: distinctCode(`dypns ${via}`) }, via);
    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidRequestParameters,
      reason: 'not_mainland',
      userSays: /mainland China mobile numbers/,
      adminSays: /use service "dysms"/,
    });
    nothingSent();
  });

  // Like every config problem, these name the key with its form label in the console advice.
  it.each([
    { key: 'allowedCountries' as const, overrides: { allowedCountries: ['CN'] }, to: INTERNATIONAL_PHONE.given, type: TemplateType.SignIn },
    { key: 'service' as const, overrides: { service: 'dypns' as const }, to: INTERNATIONAL_PHONE.given, type: TemplateType.SignIn },
    {
      key: 'templates' as const,
      overrides: { templates: [{ usageType: TemplateType.SignIn, templateCode: 'SMS_1' }, ...USAGE_TYPES.filter((type) => type !== TemplateType.Generic && type !== TemplateType.SignIn).map((usageType) => ({ usageType, templateCode: 'SMS_2' }))] },
      to: MAINLAND_PHONE.given,
      type: TemplateType.Generic,
    },
  ])('the console advice names $key with its form label', async ({ key, overrides, to, type }) => {
    const config = configFor(emulator().url, overrides);
    const { error } = await sendFailing(config, { to, code: '000000', type }, 'console');
    expect(dataField(error, 'connectorCode')).not.toBe(ConnectorErrorCodes.General);
    expect(String(dataField(error, 'errorDescription'))).toContain(namedKey(key));
  });
});
