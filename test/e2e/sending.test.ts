// End-to-end: the real connector signs and sends over loopback HTTP to the Aliyun-compatible
// emulator, which verifies every signature with Alibaba's own SDK code. Issue 3's checks.
import { TemplateType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

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
  distinctCode,
  sendOk,
  usageTemplateCode,
  useEmulator,
  verdictCodes,
} from './support/harness.js';
import { DEMO_ACCOUNT } from '../../tools/emulator/index.js';

const emulator = useEmulator({ accounts: [E2E_ACCOUNT, DEMO_ACCOUNT] });

describe('every usage type Logto sends', () => {
  // One template per usage type, so the SMS text proves which one the connector chose.
  const everyTypeConfig = () =>
    configFor(emulator().url, {
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
    const result = await sendOk(everyTypeConfig(), { to: MAINLAND_PHONE.given, code, type });

    expect(emulator().requests).toHaveLength(1);
    expect(emulator().requests[0]?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
    expect(emulator().messages).toHaveLength(1);
    const message = emulator().messages[0];
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

  it("the console's Send button (Generic, code 000000, config inline) is accepted the same way", async () => {
    const result = await sendOk(everyTypeConfig(), { to: MAINLAND_PHONE.given, code: '000000', type: TemplateType.Generic }, 'console');

    expect(emulator().requests[0]?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
    expect(emulator().messages).toHaveLength(1);
    expect(emulator().messages[0]).toMatchObject({
      templateCode: usageTemplateCode(TemplateType.Generic),
      templateParam: { code: '000000' },
      bizId: result.BizId,
    });
  });

  it('falls back to the Generic template for a type without its own', async () => {
    const code = distinctCode('generic fallback');
    const config = configFor(emulator().url, {
      templates: [
        { usageType: TemplateType.Generic, templateCode: usageTemplateCode(TemplateType.Generic) },
        { usageType: TemplateType.Register, templateCode: usageTemplateCode(TemplateType.Register) },
      ],
    });
    await sendOk(config, { to: MAINLAND_PHONE.given, code, type: TemplateType.MfaVerification });

    expect(emulator().messages.map(({ templateCode }) => templateCode)).toEqual([
      usageTemplateCode(TemplateType.Generic),
    ]);
    expect(emulator().messages[0]?.text).toContain(code);
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
    await sendOk(configFor(emulator().url, { signName }), { to: MAINLAND_PHONE.given, code });

    expect(emulator().requests[0]?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
    expect(emulator().requests[0]?.params).toMatchObject({ AccessKeyId: ACCESS_KEY_ID, SignName: signName });
    expect(emulator().messages).toHaveLength(1);
    expect(emulator().messages[0]).toMatchObject({ signName, templateCode: MAINLAND_TEMPLATE.code });
    expect(emulator().messages[0]?.text).toContain(code);
  });

  it('signs with the demo account too (plain secret, punctuated sign name, international template)', async () => {
    const code = distinctCode('demo account');
    const config = configFor(emulator().url, {
      accessKeyId: DEMO_ACCOUNT.accessKeyId,
      accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
      signName: PUNCTUATED_SIGN_NAME,
      templates: [{ usageType: TemplateType.Generic, templateCode: INTERNATIONAL_TEMPLATE.code }],
    });
    await sendOk(config, { to: INTERNATIONAL_PHONE.given, code });

    expect(emulator().messages).toHaveLength(1);
    expect(emulator().messages[0]).toMatchObject({
      accessKeyId: DEMO_ACCOUNT.accessKeyId,
      phoneNumber: INTERNATIONAL_PHONE.sent,
      region: 'international',
      text: `Your verification code is ${code}. It expires in 5 minutes.`,
    });
  });
});

describe('templates per region ({ china, overseas } codes)', () => {
  const regionalConfig = () =>
    configFor(emulator().url, {
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
    // Valid both as a mainland mobile and as +1 310 555 1234: bare, the mainland reading wins.
    { what: 'a bare mainland mobile also valid as a +1 number', phone: { given: '13105551234', sent: '13105551234' }, template: MAINLAND_TEMPLATE },
    // "+" and "00" state that a country code follows: the same digits are then a US number.
    { what: 'the same digits after "+"', phone: { given: '+13105551234', sent: '13105551234' }, template: INTERNATIONAL_TEMPLATE },
    { what: 'the same digits after "00"', phone: { given: '0013105551234', sent: '13105551234' }, template: INTERNATIONAL_TEMPLATE },
  ])('picks the $template.kind template for $what, and Aliyun accepts it', async ({ phone, template }) => {
    const code = distinctCode(`regional ${phone.given}`);
    await sendOk(regionalConfig(), { to: phone.given, code });

    expect(verdictCodes(emulator())).toEqual(['OK']);
    expect(emulator().messages).toHaveLength(1);
    expect(emulator().messages[0]).toMatchObject({
      templateCode: template.code,
      region: template.kind,
      phoneNumber: phone.sent,
    });
    expect(emulator().messages[0]?.text).toContain(code);
  });
});

describe('concurrent sends', () => {
  it('twenty codes to twenty numbers at once: each accepted exactly once, every nonce fresh', async () => {
    const config = configFor(emulator().url);
    const phones = Array.from({ length: 20 }, (_, index) => `861390013${String(index).padStart(4, '0')}`);
    const results = await Promise.all(
      phones.map((to) => sendOk(config, { to, code: distinctCode(`concurrent ${to}`) }))
    );

    expect(new Set(results.map(({ BizId }) => BizId)).size).toBe(20);
    expect(verdictCodes(emulator())).toEqual(Array.from({ length: 20 }, () => 'OK'));
    expect(emulator().messages.map(({ phoneNumber }) => phoneNumber).sort()).toEqual(
      phones.map((phone) => phone.slice(2)).sort()
    );
    for (const message of emulator().messages) {
      expect(message.text).toContain(distinctCode(`concurrent 86${message.phoneNumber}`));
    }
    const nonces = emulator().requests.map(({ params }) => params.SignatureNonce);
    expect(new Set(nonces).size).toBe(20);
  });
});
