// End-to-end: the SMS authentication service (service "dypns", Dypnsapi SendSmsVerifyCode).
// A config written for Logto's official @logto/connector-aliyun-sms-mas (gift sign, gift
// templates for all nine usage types) plus service "dypns" sends through the emulator, which
// checks the gift sign against its own clock; numbers outside mainland China never leave; the
// emulator's own refusals (frequency, hourly limit, service off, wrong template, missing min)
// and the gift sign rotation of 2026. Its codes and faults: dypns-faults.test.ts.
import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { beforeAll, describe, expect, it } from 'vitest';

import { deliverFailing, deliverOk } from './support/deliver.js';
import {
  MAS_TEMPLATE_CODES,
  OLD_GIFT_SIGN,
  currentGiftSign,
  giftText,
  lastVerifyAnswer,
  masConfig,
  verifyRequests,
} from './support/dypns.js';
import {
  E2E_ACCOUNT,
  INTERNATIONAL_PHONE,
  MAINLAND_PHONE,
  SECRET,
  USAGE_TYPES,
  VIAS,
  dataField,
  distinctCode,
  forbiddenAfter,
  phoneForms,
  sendFailing,
  sendOk,
  useEmulator,
} from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import { expectReaderSees } from './support/readers.js';
import { DEFAULT_GIFT_SIGNS, GIFT_TEMPLATES, type Account } from '../../tools/emulator/index.js';

/** An account without the SMS authentication service. */
const NO_SERVICE_ACCOUNT: Account = {
  accessKeyId: 'LTAI5tNoMessageAuthKey',
  accessKeySecret: 'no-message-auth/Secret+=',
  signNames: ['无认证服务'],
  templates: [],
  messageAuthService: false,
};

const ACCOUNTS: readonly Account[] = [E2E_ACCOUNT, NO_SERVICE_ACCOUNT];

const emulator = useEmulator({ accounts: ACCOUNTS }, { resetClock: true });
let giftSign: string;

beforeAll(() => {
  giftSign = currentGiftSign(emulator());
});

describe('sending through SendSmsVerifyCode', () => {
  it('the gift templates and their text are the ones Aliyun gives', () => {
    expect(GIFT_TEMPLATES.map(({ code }) => code)).toEqual(['100001', '100002', '100003', '100004', '100005']);
    expect(GIFT_TEMPLATES[0]?.content).toBe('您的验证码是${code}，有效期${min}分钟，请勿告诉他人。');
  });

  it.each(USAGE_TYPES)('%s: accepted with its gift template, the code and min filled, Model.BizId returned', async (type) => {
    const code = distinctCode(`dypns ${type}`);

    const result = await sendOk(masConfig(emulator(), giftSign), { to: MAINLAND_PHONE.given, code, type });

    expect(emulator().requests).toHaveLength(1);
    const request = emulator().requests[0];
    expect(request).toMatchObject({ action: 'SendSmsVerifyCode', version: '2017-05-25', signatureVersion: 'v1' });
    expect(request?.verdict).toMatchObject({ code: 'OK', signatureVerified: true });
    expect(request?.params).toMatchObject({
      PhoneNumber: MAINLAND_PHONE.sent,
      CountryCode: '86',
      SignName: giftSign,
      TemplateCode: MAS_TEMPLATE_CODES[type],
      TemplateParam: `{"code":"${code}","min":"10"}`,
      RegionId: 'cn-hangzhou',
    });
    // SendSms's parameter names stay out of it.
    expect(request?.params.PhoneNumbers).toBeUndefined();
    expect(emulator().messages).toHaveLength(1);
    expect(emulator().messages[0]).toMatchObject({
      api: 'SendSmsVerifyCode',
      phoneNumber: MAINLAND_PHONE.sent,
      signName: giftSign,
      templateCode: MAS_TEMPLATE_CODES[type],
      templateParam: { code, min: '10' },
      text: giftText(code),
      bizId: result.BizId,
    });
    expect(result.RequestId).toBe(request?.requestId);
  });

  it('sends exactly the business parameters Dypnsapi documents, nothing of the payload', async () => {
    const code = distinctCode('dypns parameters');
    await deliverOk(masConfig(emulator(), giftSign), { to: MAINLAND_PHONE.given, payload: { code, locale: 'zh-CN', uiLocales: 'zh-CN en' } });
    const names = Object.keys(emulator().requests[0]?.params ?? {}).sort();
    expect(names).toEqual(
      [
        'AccessKeyId',
        'Action',
        'CountryCode',
        'Format',
        'PhoneNumber',
        'RegionId',
        'SignName',
        'Signature',
        'SignatureMethod',
        'SignatureNonce',
        'SignatureVersion',
        'TemplateCode',
        'TemplateParam',
        'Timestamp',
        'Version',
      ].sort()
    );
    // Logto's official connector put uiLocales into TemplateParam; this one does not.
    expect(emulator().requests[0]?.params.TemplateParam).toBe(`{"code":"${code}","min":"10"}`);
  });

  it.each(['8613800138000', '+86 138 0013 8000', '13800138000'])('PhoneNumber is the 11-digit national number for %s', async (to) => {
    await sendOk(masConfig(emulator(), giftSign), { to, code: distinctCode(`dypns form ${to}`) });
    expect(emulator().requests[0]?.params.PhoneNumber).toBe(MAINLAND_PHONE.sent);
  });

  it('a signature V3 send is accepted as well', async () => {
    const code = distinctCode('dypns v3');
    await sendOk(masConfig(emulator(), giftSign, { signatureVersion: 'v3' }), { to: MAINLAND_PHONE.given, code });
    expect(emulator().requests[0]).toMatchObject({ action: 'SendSmsVerifyCode', signatureVersion: 'v3' });
    expect(emulator().messages[0]).toMatchObject({ api: 'SendSmsVerifyCode', signatureVersion: 'v3', text: giftText(code) });
  });
});

describe('a number outside mainland China', () => {
  it.each(
    VIAS.flatMap((via) => [
      { via, what: 'Hong Kong', phone: INTERNATIONAL_PHONE, country: 'HK' },
      { via, what: 'Taiwan', phone: { given: '886912345678', sent: '886912345678' }, country: 'TW' },
    ])
  )('$via: $what makes no request and is invalid_request_parameters saying so', async ({ via, phone, country }) => {
    const code = distinctCode(`dypns abroad ${country} ${via}`);
    const config = masConfig(emulator(), giftSign);

    const { error } = await sendFailing(config, { to: phone.given, code }, via);

    expect(emulator().requests).toHaveLength(0);
    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidRequestParameters,
      reason: 'not_mainland',
      userSays: /only be sent to mainland China mobile numbers/,
      fields: ['service'],
      adminSays: new RegExp(`sends only to mainland China numbers, and \\d{3}\\*+\\d{2} is in ${country}: use service "dysms"`),
    });
    expectNoLeak(error, { secret: [SECRET], code: [code], phone: phoneForms(phone) });
  });
});

describe('refusals the emulator reaches by its own checks', () => {
  it.each(VIAS)('%s: a second code within the interval is FREQUENCY_FAIL → rate_limit_exceeded; after a minute one goes again', async (via) => {
    const config = masConfig(emulator(), giftSign);
    const first = distinctCode(`frequency first ${via}`);
    const second = distinctCode(`frequency second ${via}`);

    await sendOk(config, { to: MAINLAND_PHONE.given, code: first }, via);
    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: second }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.RateLimitExceeded,
      Code: 'FREQUENCY_FAIL',
      ...lastVerifyAnswer(emulator()),
      userSays: /wait a few minutes/,
      adminSays: /sent to this number too recently/,
    });
    expect(verifyRequests(emulator()).map(({ verdict }) => verdict.code)).toEqual(['OK', 'FREQUENCY_FAIL']);
    expectNoLeak(error, forbiddenAfter(emulator(), { codes: [first, second] }));

    emulator().clock.advance(61_000);
    await sendOk(config, { to: MAINLAND_PHONE.given, code: distinctCode(`frequency third ${via}`) }, via);
    expect(emulator().messages).toHaveLength(2);
  });

  it('the sixth code within an hour is BUSINESS_LIMIT_CONTROL → rate_limit_exceeded', async () => {
    const config = masConfig(emulator(), giftSign);
    for (let index = 0; index < 5; index += 1) {
      await sendOk(config, { to: MAINLAND_PHONE.given, code: distinctCode(`hourly ${index}`) });
      emulator().clock.advance(61_000);
    }

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode('hourly 5') });

    expectReaderSees('runtime', error, config, {
      code: ConnectorErrorCodes.RateLimitExceeded,
      Code: 'BUSINESS_LIMIT_CONTROL',
      ...lastVerifyAnswer(emulator()),
      userSays: /wait a few minutes/,
    });
    expect(lastVerifyAnswer(emulator()).Message).toBe('触发小时级流控Permits:5');
    expect(emulator().messages).toHaveLength(5);
  });

  it.each(VIAS)('%s: an account without the service is BIZ_NOT_OPEN_STATUS → invalid_config naming service', async (via) => {
    const config = masConfig(emulator(), giftSign, { accessKeyId: NO_SERVICE_ACCOUNT.accessKeyId, accessKeySecret: NO_SERVICE_ACCOUNT.accessKeySecret });
    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode(`not open ${via}`) }, via);
    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidConfig,
      Code: 'BIZ_NOT_OPEN_STATUS',
      ...lastVerifyAnswer(emulator()),
      fields: ['service'],
      adminSays: /activate it in the console \(号码认证 → 短信认证\), or set service to "dysms"/,
    });
  });

  it.each(VIAS)('%s: an account template instead of a gift one is SMS_TEMPLATE_ILLEGAL → invalid_config naming templates', async (via) => {
    const config = masConfig(emulator(), giftSign, { templates: [{ usageType: TemplateType.Generic, templateCode: 'SMS_154950909' }] });
    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode(`not gift ${via}`) }, via);
    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidConfig,
      Code: 'SMS_TEMPLATE_ILLEGAL',
      ...lastVerifyAnswer(emulator()),
      fields: ['templates'],
      adminSays: via === 'console' ? /Doctor, template SMS_154950909 \(Generic\) \(problem\): The SMS authentication service sends only Aliyun’s gift templates/ : undefined,
    });
  });

  it.each(VIAS)('%s: params without min are INVALID_PARAMETERS → invalid_config naming templates', async (via) => {
    const config = masConfig(emulator(), giftSign, { templates: [{ usageType: TemplateType.Generic, templateCode: '100001', params: { code: '{{code}}' } }] });
    const code = distinctCode(`no min ${via}`);
    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);
    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidConfig,
      Code: 'INVALID_PARAMETERS',
      ...lastVerifyAnswer(emulator()),
      fields: ['templates'],
      adminSays: via === 'console' ? /add "min"/ : undefined,
    });
    expect(verifyRequests(emulator())[0]?.params.TemplateParam).toBe(`{"code":"${code}"}`);
  });
});

describe('the gift sign rotation, on the emulator clock', () => {
  // The signed timestamp follows the emulator clock, so the clock can stand on either side of 1 September 2026.
  const onEmulatorClock = { now: () => emulator().clock.now() };

  it('the sign the official connector shipped works until 31 August 2026 and is refused from 1 September (UTC+8)', async () => {
    const config = masConfig(emulator(), OLD_GIFT_SIGN);
    emulator().clock.set(new Date('2026-08-31T23:58:00+08:00'));
    await deliverOk(config, { to: MAINLAND_PHONE.given, payload: { code: distinctCode('old sign before') } }, 'runtime', onEmulatorClock);
    expect(emulator().messages.map(({ signName }) => signName)).toEqual([OLD_GIFT_SIGN]);

    emulator().clock.set(new Date('2026-09-01T00:00:01+08:00'));
    const { error } = await deliverFailing(config, { to: '8613900139000', payload: { code: distinctCode('old sign after') } }, 'runtime', onEmulatorClock);

    expectReaderSees('runtime', error, config, {
      code: ConnectorErrorCodes.InvalidConfig,
      Code: 'SMS_SIGNATURE_ILLEGAL',
      ...lastVerifyAnswer(emulator()),
      userSays: /problem on this site/,
    });
    expect(emulator().messages).toHaveLength(1);
  });

  it('console: a withdrawn gift sign’s advice says to copy a current gift sign from the console', async () => {
    const config = masConfig(emulator(), OLD_GIFT_SIGN);
    emulator().clock.set(new Date('2026-09-02T10:00:00+08:00'));
    const { error } = await deliverFailing(config, { to: MAINLAND_PHONE.given, payload: { code: distinctCode('old sign console') } }, 'console', onEmulatorClock);
    expectReaderSees('console', error, config, {
      code: ConnectorErrorCodes.InvalidConfig,
      Code: 'SMS_SIGNATURE_ILLEGAL',
      ...lastVerifyAnswer(emulator()),
      fields: ['signName'],
      adminSays: /Aliyun rotates; copy a current one from the console \(号码认证 → 短信认证 → 赠送签名配置\)/,
    });
  });

  it('a sign of the new set is accepted after the rotation', async () => {
    emulator().clock.set(new Date('2026-09-02T10:00:00+08:00'));
    const newSign = DEFAULT_GIFT_SIGNS.find(({ validFrom }) => validFrom !== undefined);
    expect(newSign).toBeDefined();
    const config = masConfig(emulator(), newSign?.name ?? '');
    await deliverOk(config, { to: MAINLAND_PHONE.given, payload: { code: distinctCode('new sign') } }, 'runtime', onEmulatorClock);
    expect(emulator().messages[0]?.signName).toBe(newSign?.name);
  });

  it('a sign of the new set is refused before it went online (7 July 2026)', async () => {
    emulator().clock.set(new Date('2026-07-06T12:00:00+08:00'));
    const newSign = DEFAULT_GIFT_SIGNS.find(({ validFrom }) => validFrom !== undefined);
    const config = masConfig(emulator(), newSign?.name ?? '');
    const { error } = await deliverFailing(config, { to: MAINLAND_PHONE.given, payload: { code: distinctCode('too early') } }, 'runtime', onEmulatorClock);
    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(dataField(error, 'Code')).toBe('SMS_SIGNATURE_ILLEGAL');
  });
});
