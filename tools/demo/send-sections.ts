// The demo's accepted sends, each through the connector as Logto loaded it: the console's test
// button, a sign-in, the SMS authentication service, and a sign-in in the user's language.
import { randomInt } from 'node:crypto';

import { TemplateType, type GetConnectorConfig } from '@logto/connector-kit';

import { GIFT_TEMPLATES, type Emulator, type GiftSign } from '../emulator/index.js';
import {
  currentGiftSign,
  describeTemplates,
  giftTemplateCode,
  internationalSiteConfig,
  mainlandCodeOf,
  messageAuthConfig,
  perLanguageConfig,
  type DemoConfig,
} from './configs.js';
import { buildSmsConnector, type LoadedConnector } from './load.js';
import { sendAccepted, type SendPlan, type SendReport, type Write } from './send.js';
import { labelled, type Painter } from './text.js';

/** What every section works with. */
export interface DemoContext {
  readonly emulator: Emulator;
  readonly loaded: LoadedConnector;
  readonly write: Write;
  readonly paint: Painter;
}

/** Logto stores numbers as E.164 without the plus. */
export const demoNumbers = {
  mainland: '8613800138000',
  hongKong: '85261234567',
  // Aliyun allows one SMS a minute per number and sign name: each SendSms of the demo has its own number.
  mainlandEnglish: '8613900139000',
  mainlandMisconfigured: '8613700137000',
  singapore: '6591234567',
} as const;

/** A fresh six-digit verification code, as Logto generates one. */
export const newCode = (): string => randomInt(0, 1_000_000).toString().padStart(6, '0');

const idList = (ids: readonly string[]): string => ids.map((id) => JSON.stringify(id)).join(', ');

// Logto reads the saved config through getConfig(metadata.id); the ids asked for are shown.
function storedConfigReader(config: DemoConfig): { getConfig: GetConnectorConfig; requested: string[] } {
  const requested: string[] = [];
  return {
    requested,
    getConfig: (id) => {
      requested.push(id);
      return Promise.resolve(config);
    },
  };
}

/** A runtime send whose connector reads the config through getConfig, as Logto's sign-in flow does. */
async function sendStored(
  context: DemoContext,
  config: DemoConfig,
  plan: Omit<SendPlan, 'connector' | 'inlineConfig' | 'configRequestedFor'>
): Promise<SendReport> {
  const stored = storedConfigReader(config);
  return sendAccepted(
    {
      ...plan,
      connector: await buildSmsConnector(context.loaded.factory, stored.getConfig),
      inlineConfig: undefined,
      configRequestedFor: stored.requested,
    },
    context.emulator,
    context.write,
    context.paint
  );
}

/** Section 1: the console's "Send" button, which builds the connector without getConfig and passes the form's config inline. */
export async function showTestButton(context: DemoContext, config: DemoConfig): Promise<SendReport> {
  return sendAccepted(
    {
      label: 'test button send',
      heading: () =>
        `1. Console "Send" test button: Generic to ${demoNumbers.mainland}, code 000000, config passed inline (getConfig unavailable)`,
      action: 'SendSms',
      to: demoNumbers.mainland,
      usageType: TemplateType.Generic,
      code: '000000',
      connector: await buildSmsConnector(context.loaded.factory),
      inlineConfig: config,
      configRequestedFor: [],
    },
    context.emulator,
    context.write,
    context.paint
  );
}

/** Section 2: a runtime sign-in send with the stored config, to a Hong Kong number. */
export async function showSignIn(context: DemoContext, config: DemoConfig): Promise<SendReport> {
  const code = newCode();
  return sendStored(context, config, {
    label: 'sign-in send',
    heading: (ids) =>
      `2. Sign-in: SignIn to ${demoNumbers.hongKong}, code ${code}, stored config from getConfig(${idList(ids)}): the overseas template for a non-mainland number`,
    action: 'SendSms',
    to: demoNumbers.hongKong,
    usageType: TemplateType.SignIn,
    code,
  });
}

// Aliyun announced the rotation in Beijing time, and the console shows dates that way.
const beijingTime = (date: Date): string =>
  `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} UTC+8`;

const validity = (sign: GiftSign): string => {
  const parts = [
    ...(sign.validFrom === undefined ? [] : [`from ${beijingTime(sign.validFrom)}`]),
    ...(sign.validUntil === undefined ? [] : [`until ${beijingTime(sign.validUntil)}`]),
  ];
  return parts.length === 0 ? 'no end announced' : parts.join(', ');
};

/** Section 3: a sign-in send through the SMS authentication service (Dypnsapi), with a gift sign valid on the emulator's clock. */
export async function showMessageAuthService(context: DemoContext): Promise<SendReport> {
  const now = context.emulator.clock.now();
  const sign = currentGiftSign(context.emulator.giftSigns, now);
  if (sign === undefined) {
    throw new Error(`SMS authentication service send: no gift sign is valid on the emulator's clock (${now.toISOString()})`);
  }
  const config = messageAuthConfig(context.emulator.url, sign.name);
  const scene = GIFT_TEMPLATES.find((template) => template.code === giftTemplateCode)?.scene ?? 'unknown scene';
  const code = newCode();
  return sendStored(context, config, {
    label: 'SMS authentication service send',
    heading: (ids) =>
      `3. SMS authentication service (service "dypns"): SignIn to ${demoNumbers.mainland}, code ${code}, stored config from getConfig(${idList(ids)})`,
    details: [
      `service dypns, signName ${sign.name}: Aliyun's gift sign, valid on the emulator's clock (${beijingTime(now)}): ${validity(sign)}`,
      `templates: ${describeTemplates(config)} (gift template ${giftTemplateCode}, ${scene}); no params: the service's default {code, min: "10"}`,
    ],
    action: 'SendSmsVerifyCode',
    to: demoNumbers.mainland,
    usageType: TemplateType.SignIn,
    code,
  });
}

/** The per-language send's report, with the entry whose template it used. */
export interface PerLanguageReport {
  readonly send: SendReport;
  /** The locale of the entry whose code the request carried. */
  readonly chosenLocale: string | undefined;
}

/** Section 4: a sign-in whose payload says the user reads English, with a Chinese and an English SignIn template. */
export async function showPerLanguage(context: DemoContext): Promise<PerLanguageReport> {
  const config = perLanguageConfig(context.emulator.url);
  const code = newCode();
  const locale = 'en';
  const send = await sendStored(context, config, {
    label: 'per-language send',
    heading: (ids) =>
      `4. Templates per language: SignIn to ${demoNumbers.mainlandEnglish}, code ${code}, payload.locale "${locale}" (the sign-in page's language), stored config from getConfig(${idList(ids)})`,
    details: [`templates: ${describeTemplates(config)}`],
    action: 'SendSms',
    to: demoNumbers.mainlandEnglish,
    usageType: TemplateType.SignIn,
    code,
    payload: { locale },
  });
  const sent = send.request?.TemplateCode;
  // The config's usage types are plain strings, as the console stores them.
  const signIn: string = TemplateType.SignIn;
  const chosen = config.templates.find((entry) => entry.usageType === signIn && mainlandCodeOf(entry.templateCode) === sent);
  if (chosen?.locale !== locale) {
    throw new Error(
      `per-language send: the connector sent ${sent ?? 'no template'}, not the SignIn "${locale}" entry's template`
    );
  }
  const others = config.templates.filter((entry) => entry !== chosen && entry.usageType === signIn);
  const passedOver = others.map((entry) => `${entry.locale ?? 'no locale'}'s ${mainlandCodeOf(entry.templateCode)}`).join(', ');
  for (const line of labelled('chosen', [`the SignIn ${locale} entry's ${sent}, not ${passedOver}`], context.paint.dim)) {
    context.write(line);
  }
  return { send, chosenLocale: chosen.locale };
}

/** Section 8: the international site (alibabacloud.com accounts): free text with SendMessageToGlobe. */
export async function showInternationalSite(context: DemoContext): Promise<SendReport> {
  const config = internationalSiteConfig(context.emulator.url);
  const code = newCode();
  return sendStored(context, config, {
    label: 'international site send',
    heading: (ids) =>
      `8. International site (service "intl", Dysmsapi 2018-05-01): SignIn to ${demoNumbers.singapore}, code ${code}, stored config from getConfig(${idList(ids)})`,
    details: [
      `service intl, senderId ${String(config.senderId)}, region ap-southeast-1 (the default): free text, no template to approve`,
      `templates: ${describeTemplates(config)}`,
    ],
    action: 'SendMessageToGlobe',
    to: demoNumbers.singapore,
    usageType: TemplateType.SignIn,
    code,
  });
}
