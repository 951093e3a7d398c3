// End-to-end: templates per language and with variables of their own names (issue "Templates
// per language"). The emulator's account holds templates in several languages whose texts use
// ${number} and ${min} as well as ${code}; the SMS the emulator records shows which template
// the connector chose for the user's languages and what it filled in.
import { ConnectorErrorCodes, TemplateType, type SendMessagePayload } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import type { AliyunSmsConfigInput } from '../../src/index.js';

import { deliverFailing, deliverOk } from './support/deliver.js';
import { INTERNATIONAL_PHONE, MAINLAND_PHONE, VIAS, dataField, distinctCode, forbiddenAfter, sendRequests, useEmulator } from './support/harness.js';
import { ACCESS_KEY_SECRET, LANGUAGE_ACCOUNT, SIGN_NAME, T } from './support/language-account.js';
import { expectNoLeak } from './support/leaks.js';
import { expectReaderSees } from './support/readers.js';
import type { SmsTemplate } from '../../tools/emulator/index.js';

const numberAndMin = { number: '{{code}}', min: '10' };

// Many sends to one number: Aliyun's per-number limit is not what these tests are about.
const emulator = useEmulator({ accounts: [LANGUAGE_ACCOUNT], rateLimits: false });

const configWith = (templates: AliyunSmsConfigInput['templates']): AliyunSmsConfigInput => ({
  accessKeyId: LANGUAGE_ACCOUNT.accessKeyId,
  accessKeySecret: ACCESS_KEY_SECRET,
  signName: SIGN_NAME,
  templates,
  endpoint: emulator().url,
  timeout: 3000,
});

/** Entries in several languages, some with their own variables; Generic has one without locale. */
const languageConfig = (): AliyunSmsConfigInput =>
  configWith([
    { usageType: TemplateType.SignIn, locale: 'zh-CN', templateCode: T.signInZhCn.code, params: numberAndMin },
    { usageType: TemplateType.SignIn, locale: 'zh-TW', templateCode: T.signInZhTw.code, params: numberAndMin },
    { usageType: TemplateType.SignIn, locale: 'en', templateCode: T.signInEn.code, params: numberAndMin },
    { usageType: TemplateType.SignIn, locale: 'en-GB', templateCode: T.signInEnGb.code },
    { usageType: TemplateType.SignIn, templateCode: T.signInDefault.code },
    // ForgotPassword has only a Simplified entry and no default: other languages go to Generic.
    { usageType: TemplateType.ForgotPassword, locale: 'zh-CN', templateCode: T.forgotZhCn.code },
    { usageType: TemplateType.Generic, locale: 'fr', templateCode: T.genericFr.code },
    { usageType: TemplateType.Generic, locale: 'zh-Hant', templateCode: T.genericZhHant.code },
    { usageType: TemplateType.Generic, templateCode: T.genericDefault.code },
  ]);

type Choice = {
  readonly why: string;
  readonly type: TemplateType;
  readonly languages: Omit<SendMessagePayload, 'code'>;
  readonly template: SmsTemplate;
  /** The SMS as the phone shows it, for the code sent. */
  readonly text: (code: string) => string;
  /** TemplateParam as Aliyun received it. */
  readonly param: (code: string) => Record<string, string>;
};

const filled = (code: string) => ({ number: code, min: '10' });
const codeOnly = (code: string) => ({ code });

const choices: readonly Choice[] = [
  {
    why: 'locale zh-CN → the Simplified entry, ${number} and ${min} filled',
    type: TemplateType.SignIn,
    languages: { locale: 'zh-CN' },
    template: T.signInZhCn,
    text: (code) => `验证码${code}，10分钟内有效`,
    param: filled,
  },
  {
    why: 'uiLocales "en zh-CN" before locale zh-CN → English',
    type: TemplateType.SignIn,
    languages: { uiLocales: 'en zh-CN', locale: 'zh-CN' },
    template: T.signInEn,
    text: (code) => `Your sign-in code is ${code}. It expires in 10 minutes.`,
    param: filled,
  },
  {
    why: 'uiLocales "zh-CN en" in that order → Simplified Chinese',
    type: TemplateType.SignIn,
    languages: { uiLocales: 'zh-CN en', locale: 'en' },
    template: T.signInZhCn,
    text: (code) => `验证码${code}，10分钟内有效`,
    param: filled,
  },
  {
    why: 'uiLocales "ja fr-CA en-GB" → the first language with an entry of the type (en-GB), its exact entry',
    type: TemplateType.SignIn,
    languages: { uiLocales: 'ja fr-CA en-GB' },
    template: T.signInEnGb,
    text: (code) => `Your sign-in code is ${code}. Please do not share it with anyone.`,
    param: codeOnly,
  },
  {
    why: 'locale en-US → en (the same language once completed), not en-GB',
    type: TemplateType.SignIn,
    languages: { locale: 'en-US' },
    template: T.signInEn,
    text: (code) => `Your sign-in code is ${code}. It expires in 10 minutes.`,
    param: filled,
  },
  {
    why: 'locale en-AU → the base language en before the sibling en-GB',
    type: TemplateType.SignIn,
    languages: { locale: 'en-AU' },
    template: T.signInEn,
    text: (code) => `Your sign-in code is ${code}. It expires in 10 minutes.`,
    param: filled,
  },
  {
    why: 'locale zh-TW → Traditional',
    type: TemplateType.SignIn,
    languages: { locale: 'zh-TW' },
    template: T.signInZhTw,
    text: (code) => `驗證碼${code}，10分鐘內有效`,
    param: filled,
  },
  {
    why: 'locale zh-HK → Traditional (zh-TW), never the Simplified zh-CN',
    type: TemplateType.SignIn,
    languages: { locale: 'zh-HK' },
    template: T.signInZhTw,
    text: (code) => `驗證碼${code}，10分鐘內有效`,
    param: filled,
  },
  {
    why: 'ForgotPassword for zh-TW: its own zh-CN entry is the wrong script, so Generic zh-Hant',
    type: TemplateType.ForgotPassword,
    languages: { locale: 'zh-TW' },
    template: T.genericZhHant,
    text: (code) => `您的驗證碼是${code}。`,
    param: codeOnly,
  },
  {
    why: 'ForgotPassword for zh-CN: its own entry',
    type: TemplateType.ForgotPassword,
    languages: { locale: 'zh-CN' },
    template: T.forgotZhCn,
    text: (code) => `重置密码验证码${code}，请勿泄露。`,
    param: codeOnly,
  },
  {
    why: 'Register (no entries) for fr-CA → Generic fr',
    type: TemplateType.Register,
    languages: { locale: 'fr-CA' },
    template: T.genericFr,
    text: (code) => `Votre code de vérification est ${code}.`,
    param: codeOnly,
  },
  {
    why: 'Register for uiLocales "de ja" → Generic without locale',
    type: TemplateType.Register,
    languages: { uiLocales: 'de ja' },
    template: T.genericDefault,
    text: (code) => `您的验证码是${code}。Your code is ${code}.`,
    param: codeOnly,
  },
  {
    why: 'SignIn for ja (unknown to the config) → SignIn’s entry without locale',
    type: TemplateType.SignIn,
    languages: { locale: 'ja' },
    template: T.signInDefault,
    text: (code) => `登录验证码：${code}（默认模板）`,
    param: codeOnly,
  },
  {
    why: 'SignIn for fr → SignIn’s own entry without locale before Generic fr',
    type: TemplateType.SignIn,
    languages: { locale: 'fr' },
    template: T.signInDefault,
    text: (code) => `登录验证码：${code}（默认模板）`,
    param: codeOnly,
  },
  {
    why: 'SignIn without any language → SignIn’s entry without locale',
    type: TemplateType.SignIn,
    languages: {},
    template: T.signInDefault,
    text: (code) => `登录验证码：${code}（默认模板）`,
    param: codeOnly,
  },
];

describe('the template for the user’s languages', () => {
  it('the account really holds each template in the language the cases name', () => {
    expect(emulator().accounts[0]?.templates.map(({ code, language }) => [code, language])).toEqual(
      Object.values(T).map(({ code, language }) => [code, language])
    );
  });

  it.each(choices)('$type: $why', async ({ type, languages, template: chosen, text, param }) => {
    const code = distinctCode(`language ${type} ${JSON.stringify(languages)}`);

    await deliverOk(languageConfig(), { to: MAINLAND_PHONE.given, type, payload: { code, ...languages } });

    expect(emulator().messages).toHaveLength(1);
    expect(emulator().messages[0]).toMatchObject({ templateCode: chosen.code, phoneNumber: MAINLAND_PHONE.sent, signName: SIGN_NAME });
    expect(emulator().messages[0]?.text).toBe(text(code));
    expect(emulator().messages[0]?.templateParam).toEqual(param(code));
    // Exactly the entry's variables: never locale, uiLocales or anything else of the payload.
    expect(sendRequests(emulator())[0]?.params.TemplateParam).toBe(JSON.stringify(param(code)));
  });

  it.each(VIAS)('%s: the same choice for the administrator’s Send as for a sign-in flow (zh-HK → Traditional)', async (via) => {
    const code = distinctCode(`language via ${via}`);
    await deliverOk(languageConfig(), { to: MAINLAND_PHONE.given, payload: { code, locale: 'zh-HK' } }, via);
    expect(emulator().messages.map(({ templateCode }) => templateCode)).toEqual([T.signInZhTw.code]);
  });

  it('the console’s test button (Generic, no languages) gets the Generic entry without locale', async () => {
    const code = distinctCode('console test button');
    await deliverOk(languageConfig(), { to: MAINLAND_PHONE.given, type: TemplateType.Generic, payload: { code } }, 'console');
    expect(emulator().messages[0]?.templateCode).toBe(T.genericDefault.code);
    expect(emulator().messages[0]?.text).toBe(`您的验证码是${code}。Your code is ${code}.`);
  });

  it('Generic itself is served by language too (fr → Generic fr)', async () => {
    const code = distinctCode('generic fr');
    await deliverOk(languageConfig(), { to: MAINLAND_PHONE.given, type: TemplateType.Generic, payload: { code, uiLocales: 'fr' } });
    expect(emulator().messages[0]?.templateCode).toBe(T.genericFr.code);
  });
});

describe('per language and per region', () => {
  const regionalConfig = () =>
    configWith([
      { usageType: TemplateType.Generic, locale: 'en', templateCode: { china: T.signInEn.code, overseas: T.intlEn.code }, params: numberAndMin },
      { usageType: TemplateType.Generic, templateCode: { china: T.genericDefault.code, overseas: T.intlZhHant.code } },
    ]);

  it.each([
    { what: 'Hong Kong, en → the English international template', to: INTERNATIONAL_PHONE, locale: 'en-HK', code: T.intlEn.code, text: (code: string) => `Your code is ${code}, valid for 10 minutes.` },
    { what: 'Hong Kong, zh-HK → the international template without locale', to: INTERNATIONAL_PHONE, locale: 'zh-HK', code: T.intlZhHant.code, text: (code: string) => `您的驗證碼是${code}（國際）。` },
    { what: 'mainland, en → the English mainland template', to: MAINLAND_PHONE, locale: 'en', code: T.signInEn.code, text: (code: string) => `Your sign-in code is ${code}. It expires in 10 minutes.` },
  ])('$what', async ({ to, locale, code: templateCode, text }) => {
    const code = distinctCode(`regional ${to.given} ${locale}`);
    await deliverOk(regionalConfig(), { to: to.given, type: TemplateType.BindMfa, payload: { code, locale } });
    expect(emulator().messages[0]).toMatchObject({ templateCode, phoneNumber: to.sent });
    expect(emulator().messages[0]?.text).toBe(text(code));
  });
});

describe('named variables', () => {
  it('params { number: "{{code}}", min: "10" } fill ${number} and ${min}, in the order written', async () => {
    const code = distinctCode('number and min');
    const config = configWith([{ usageType: TemplateType.Generic, templateCode: T.signInZhCn.code, params: { number: '{{code}}', min: '10' } }]);

    await deliverOk(config, { to: MAINLAND_PHONE.given, payload: { code } });

    expect(sendRequests(emulator())[0]?.params.TemplateParam).toBe(`{"number":"${code}","min":"10"}`);
    expect(emulator().messages[0]?.text).toBe(`验证码${code}，10分钟内有效`);
  });

  it('text around {{code}} and a literal value reach the SMS as written', async () => {
    const code = distinctCode('text around code');
    // ${code} of this template is a characterWithNumber variable (the emulator's default): letters may surround the code.
    const config = configWith([{ usageType: TemplateType.Generic, templateCode: T.signInEnGb.code, params: { code: 'A{{code}}' } }]);
    const short = code.slice(0, 5);

    await deliverOk(config, { to: MAINLAND_PHONE.given, payload: { code: short } });

    expect(emulator().messages[0]?.text).toBe(`Your sign-in code is A${short}. Please do not share it with anyone.`);
  });

  describe('a template variable the params do not fill (isv.TEMPLATE_MISSING_PARAMETERS)', () => {
    const missingMin = () =>
      configWith([{ usageType: TemplateType.Generic, templateCode: T.signInZhCn.code, params: { number: '{{code}}' } }]);

    it.each(VIAS)('%s: invalid_config naming templates, not retried, nothing sent', async (via) => {
      const code = distinctCode(`missing min ${via}`);
      const config = missingMin();

      const { error } = await deliverFailing(config, { to: MAINLAND_PHONE.given, payload: { code } }, via);

      const sent = sendRequests(emulator());
      expectReaderSees(via, error, config, {
        code: ConnectorErrorCodes.InvalidConfig,
        Code: 'isv.TEMPLATE_MISSING_PARAMETERS',
        RequestId: sent.at(-1)?.requestId,
        Message: sent.at(-1)?.verdict.message,
        userSays: /problem on this site/,
        fields: ['templates'],
        // The doctor reads the template and names the variable the params leave out.
        adminSays: via === 'console' ? /Doctor, template SMS_70000001 \(Generic\) \(problem\): Its text needs \$\{min\}, which the connector does not fill/ : undefined,
      });
      expect(sent).toHaveLength(1);
      expect(sent[0]?.params.TemplateParam).toBe(`{"number":"${code}"}`);
      expect(emulator().messages).toHaveLength(0);
      expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code], secrets: [ACCESS_KEY_SECRET] }));
    });

    it('console: the doctor asked Aliyun for that template (GetSmsTemplate), after the one SendSms', async () => {
      const { error } = await deliverFailing(missingMin(), { to: MAINLAND_PHONE.given, payload: { code: distinctCode('doctor') } }, 'console');
      expect(dataField(error, 'connectorCode')).toBe(ConnectorErrorCodes.InvalidConfig);
      expect(emulator().requests.map(({ action }) => action)).toEqual(['SendSms', 'GetSmsSign', 'GetSmsTemplate']);
      expect(emulator().requests.find(({ action }) => action === 'GetSmsTemplate')?.params.TemplateCode).toBe(T.signInZhCn.code);
    });
  });

  it('console: in a config with locales, the doctor names the one entry whose params miss a variable', async () => {
    const templates = languageConfig().templates.map((entry) =>
      entry.locale === 'zh-TW' ? { ...entry, params: { number: '{{code}}' } } : entry
    );
    const config = configWith(templates);

    const { error } = await deliverFailing(config, { to: MAINLAND_PHONE.given, payload: { code: distinctCode('doctor locales'), locale: 'zh-TW' } }, 'console');

    expect(dataField(error, 'Code')).toBe('isv.TEMPLATE_MISSING_PARAMETERS');
    const advice = String(dataField(error, 'errorDescription'));
    expect(advice).toContain('Doctor, template SMS_70000002 (SignIn zh-TW) (problem): Its text needs ${min}, which the connector does not fill');
    // Every other entry fills its template: no other template is a problem.
    expect(advice.match(/Doctor, template \S+ \([^)]*\) \(problem\)/g)).toHaveLength(1);
  });

  it.each(VIAS)('%s: a params value with another {{…}} is invalid_config before any request', async (via) => {
    const config = configWith([{ usageType: TemplateType.Generic, templateCode: T.signInZhCn.code, params: { number: '{{code}}', min: '{{link}}' } }]);
    const { error } = await deliverFailing(config, { to: MAINLAND_PHONE.given, payload: { code: distinctCode(`link ${via}`) } }, via);
    expectReaderSees(via, error, config, { code: ConnectorErrorCodes.InvalidConfig, fields: ['templates'], adminSays: /\{\{code\}\} and plain text only/ });
    expect(emulator().requests).toHaveLength(0);
  });
});

describe('a config written for the official connector (no locale, no params)', () => {
  const officialConfig = (): AliyunSmsConfigInput =>
    configWith([
      // The official connector's legacy `type` field rides along unread.
      { usageType: TemplateType.SignIn, templateCode: T.signInDefault.code, type: 2 },
      { usageType: TemplateType.Generic, templateCode: T.genericDefault.code },
    ]);

  it.each([
    { languages: {}, what: 'no languages' },
    { languages: { locale: 'en', uiLocales: 'fr zh-TW' }, what: 'locale and uiLocales' },
  ])('sends exactly TemplateParam {"code":…} whatever the payload ($what)', async ({ languages }) => {
    const code = distinctCode(`official ${JSON.stringify(languages)}`);

    await deliverOk(officialConfig(), { to: MAINLAND_PHONE.given, payload: { code, ...languages } });

    expect(sendRequests(emulator())[0]?.params.TemplateParam).toBe(`{"code":"${code}"}`);
    expect(emulator().messages[0]).toMatchObject({ templateCode: T.signInDefault.code, text: `登录验证码：${code}（默认模板）` });
  });

  it('falls back to Generic for a usage type without its own entry, as before', async () => {
    const code = distinctCode('official generic');
    await deliverOk(officialConfig(), { to: MAINLAND_PHONE.given, type: TemplateType.BindMfa, payload: { code, locale: 'fr' } });
    expect(emulator().messages[0]?.templateCode).toBe(T.genericDefault.code);
    expect(sendRequests(emulator())[0]?.params.TemplateParam).toBe(`{"code":"${code}"}`);
  });
});

// The sentence a failed send leaves the end user is in their language too (issue 20, section 3),
// chosen as templates are: uiLocales, then locale. The console's Send passes no language, and
// the administrator's advice stays English.
describe('the end user’s sentence in their language', () => {
  // One template without locale: the sentence's language must not depend on the templates'.
  const plainConfig = (): AliyunSmsConfigInput => ({ ...configWith([{ usageType: TemplateType.Generic, templateCode: T.genericDefault.code }]), timeout: 1500 });

  const notConfirmed = {
    'zh-CN': '短信服务未确认消息已发送。如果一分钟内没有收到验证码，请重新获取。',
    fr: 'Le service SMS n’a pas confirmé l’envoi du message. Si aucun code n’arrive d’ici une minute, veuillez en demander un nouveau.',
  } as const;

  it.each([
    ['locale zh-CN', { locale: 'zh-CN' }, notConfirmed['zh-CN']],
    ['locale fr', { locale: 'fr' }, notConfirmed.fr],
    ['uiLocales "fr-CA" before locale zh-CN', { uiLocales: 'fr-CA', locale: 'zh-CN' }, notConfirmed.fr],
    ['locale zh-HK (Traditional)', { locale: 'zh-HK' }, '簡訊服務未確認訊息已送出。如果一分鐘內沒有收到驗證碼，請重新索取。'],
    ['locale sv (no sentences)', { locale: 'sv' }, 'The SMS service did not confirm the message. If no code arrives within a minute, please request a new one.'],
  ])('a send that times out, for %s', async (_why, languages, sentence) => {
    const code = distinctCode(`sentence timeout ${JSON.stringify(languages)}`);
    emulator().injectFault({ kind: 'hang' });

    const { error } = await deliverFailing(plainConfig(), { to: MAINLAND_PHONE.given, payload: { code, ...languages } });

    expectReaderSees('runtime', error, plainConfig(), { code: ConnectorErrorCodes.General, failure: 'timeout', userSays: /./ });
    expect(dataField(error, 'errorDescription')).toBe(sentence);
    expect(emulator().messages).toHaveLength(0);
  });

  it.each([
    ['zh-CN', '由于本网站的问题，目前无法通过短信发送验证码。请稍后再试。'],
    ['fr', 'En raison d’un problème sur ce site, les codes de vérification ne peuvent pas être envoyés par SMS pour le moment. Veuillez réessayer plus tard.'],
  ])('a send Aliyun refuses (isv.SMS_TEMPLATE_ILLEGAL), for locale %s', async (locale, sentence) => {
    const code = distinctCode(`sentence refusal ${locale}`);
    emulator().injectFault({ kind: 'aliyun-code', code: 'isv.SMS_TEMPLATE_ILLEGAL' });

    const { error } = await deliverFailing(plainConfig(), { to: MAINLAND_PHONE.given, payload: { code, locale } });

    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    expect(dataField(error, 'errorDescription')).toBe(sentence);
  });

  it('the console’s Send, even given a language, gets the advice in English', async () => {
    const code = distinctCode('sentence console');
    emulator().injectFault({ kind: 'hang' });

    const { error } = await deliverFailing(plainConfig(), { to: MAINLAND_PHONE.given, payload: { code, locale: 'zh-CN' } }, 'console');

    expectReaderSees('console', error, plainConfig(), { code: ConnectorErrorCodes.General, failure: 'timeout', adminSays: /timed out after 1500 ms/ });
    expect(String(dataField(error, 'errorDescription'))).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
