// The connector configs the demo uses, all built from the emulator's demo account so that every
// sign, template and review state they name is one the local server really holds.
import { TemplateType } from '@logto/connector-kit';

import type { AliyunSmsConfigInput } from '../../src/config/schema.js';
import { DEMO_ACCOUNT, giftSignState, type GiftSign, type TemplateKind } from '../emulator/index.js';

/** A config as the console stores it, typed by the connector's own schema. */
export type DemoConfig = AliyunSmsConfigInput;

/** The gift template the SMS authentication service's sends use (登录/注册). */
export const giftTemplateCode = '100001';

function templateOf(kind: TemplateKind, language?: string): string {
  const template = DEMO_ACCOUNT.templates.find(
    (candidate) =>
      candidate.kind === kind &&
      (candidate.status ?? 'approved') === 'approved' &&
      (language === undefined || candidate.language === language)
  );
  if (template === undefined) {
    throw new Error(`the emulator's demo account has no approved ${kind} template${language === undefined ? '' : ` in ${language}`}`);
  }
  return template.code;
}

function accountSign(): string {
  const signName = DEMO_ACCOUNT.signNames[0];
  if (signName === undefined) {
    throw new Error("the emulator's demo account has no sign name");
  }
  return signName;
}

// http:// is accepted for loopback only; nothing leaves the machine.
function credentialsFor(endpoint: string) {
  return { accessKeyId: DEMO_ACCOUNT.accessKeyId, accessKeySecret: DEMO_ACCOUNT.accessKeySecret, endpoint };
}

/** The stored config of the first sends: a mainland and an overseas template for Generic and SignIn. */
export function storedConfig(endpoint: string): DemoConfig {
  const byRegion = { china: templateOf('mainland'), overseas: templateOf('international') };
  return {
    ...credentialsFor(endpoint),
    signName: accountSign(),
    templates: [
      { usageType: TemplateType.Generic, templateCode: byRegion },
      { usageType: TemplateType.SignIn, templateCode: byRegion },
    ],
  };
}

/** An international-site config (alibabacloud.com): free text with a sender ID, Singapore's endpoint stood in by the emulator. */
export function internationalSiteConfig(endpoint: string): DemoConfig {
  return {
    ...credentialsFor(endpoint),
    service: 'intl',
    senderId: DEMO_ACCOUNT.senderIds?.[0] ?? 'Logto',
    templates: [{ usageType: TemplateType.Generic, message: 'Your Logto verification code is {{code}}. It expires in 10 minutes.' }],
  };
}

/** The first gift sign valid at `now`, or undefined when the rotation left none. */
export function currentGiftSign(signs: readonly GiftSign[], now: Date): GiftSign | undefined {
  return signs.find((sign) => giftSignState(sign, now) === 'valid');
}

/** The SMS authentication service (Dypnsapi) with a gift sign and gift template: no sign or template of one's own. */
export function messageAuthConfig(endpoint: string, giftSign: string): DemoConfig {
  return {
    ...credentialsFor(endpoint),
    service: 'dypns',
    signName: giftSign,
    templates: [
      { usageType: TemplateType.SignIn, templateCode: giftTemplateCode },
      { usageType: TemplateType.Generic, templateCode: giftTemplateCode },
    ],
  };
}

/** A Chinese and an English SignIn template, and a Generic one for every other language and type. */
export function perLanguageConfig(endpoint: string): DemoConfig {
  return {
    ...credentialsFor(endpoint),
    signName: accountSign(),
    templates: [
      { usageType: TemplateType.Generic, templateCode: templateOf('mainland') },
      { usageType: TemplateType.SignIn, locale: 'zh-CN', templateCode: templateOf('mainland', 'zh-CN') },
      { usageType: TemplateType.SignIn, locale: 'en', templateCode: templateOf('mainland', 'en') },
    ],
  };
}

/** The demo account's mainland template still under review: a send with it fails, and only the doctor says why. */
export function templateUnderReview(): string {
  const template = DEMO_ACCOUNT.templates.find((candidate) => candidate.kind === 'mainland' && candidate.status === 'under-review');
  if (template === undefined) {
    throw new Error("the emulator's demo account has no mainland template under review");
  }
  return template.code;
}

/** The stored config with its templates replaced by one under review: valid to the schema, refused by Aliyun. */
export function misconfiguredConfig(endpoint: string): DemoConfig {
  return { ...storedConfig(endpoint), templates: [{ usageType: TemplateType.Generic, templateCode: templateUnderReview() }] };
}

/** The code a template entry names for a recipient in mainland China. */
export function mainlandCodeOf(templateCode: DemoConfig['templates'][number]['templateCode']): string {
  return typeof templateCode === 'object' ? templateCode.china : (templateCode ?? '');
}

/** The templates of a config on one line: `SignIn en → SMS_1; Generic → { china: …, overseas: … }`. */
export function describeTemplates(config: DemoConfig): string {
  return config.templates
    .map(({ usageType, locale, templateCode, message }) => {
      const who = locale === undefined ? usageType : `${usageType} ${locale}`;
      const codes =
        templateCode === undefined
          ? `"${message ?? ''}"`
          : typeof templateCode === 'string'
            ? templateCode
            : `{ china: ${templateCode.china}, overseas: ${templateCode.overseas} }`;
      return `${who} → ${codes}`;
    })
    .join('; ');
}
