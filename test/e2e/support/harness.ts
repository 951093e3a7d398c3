// End-to-end harness: the real connector (src/index.ts, as Logto loads it) sending to the local
// Aliyun-compatible emulator over real loopback HTTP. Nothing here stubs the connector's I/O.
import { createHash } from 'node:crypto';

import { ConnectorError, TemplateType, type SmsConnector } from '@logto/connector-kit';

import createConnector, { type AliyunSmsConfigInput } from '../../../src/index.js';
import { emulatorPerFile } from '../../support/emulator-per-file.js';
import { rejectionOf } from '../../support/rejection.js';
export { closedLoopbackPort } from '../../support/ports.js';
import type { Account, Emulator, EmulatorOptions, SmsTemplate } from '../../../tools/emulator/index.js';

/** A secret with every character that trips hand-written signing: & / + = a space and Chinese. */
export const SECRET = 'k&/+= 密钥Z';
export const ACCESS_KEY_ID = 'LTAI5tE2eConnectorKey';

/** Plain Chinese sign name (Aliyun's console test signature). */
export const CHINESE_SIGN_NAME = '阿里云短信测试';
/** Chinese plus the characters encodeURIComponent leaves alone (! ' ( ) *), a space and ~. */
export const PUNCTUATED_SIGN_NAME = "Logto演示 (测试)!*'~";

export const MAINLAND_TEMPLATE: SmsTemplate = {
  code: 'SMS_154950909',
  kind: 'mainland',
  content: '您正在使用阿里云短信测试服务，体验验证码是：${code}，如非本人操作，请忽略本短信！',
};

export const INTERNATIONAL_TEMPLATE: SmsTemplate = {
  code: 'SMS_465000001',
  kind: 'international',
  content: 'Your verification code is ${code}. It expires in 5 minutes.',
};

/** Every usage type Logto sends (nine in connector-kit 5.x). */
export const USAGE_TYPES: readonly TemplateType[] = Object.values(TemplateType);

/** A template code of its own for each usage type, so the SMS shows which template was used. */
export const usageTemplateCode = (type: TemplateType): string =>
  `SMS_80000${String(USAGE_TYPES.indexOf(type) + 1).padStart(4, '0')}`;

const usageTemplates: readonly SmsTemplate[] = USAGE_TYPES.map((type) => ({
  code: usageTemplateCode(type),
  kind: 'mainland',
  content: `[${type}] 您的验证码是\${code}，5分钟内有效。`,
}));

/** The account the emulator knows for these tests. */
export const E2E_ACCOUNT: Account = {
  accessKeyId: ACCESS_KEY_ID,
  accessKeySecret: SECRET,
  signNames: [CHINESE_SIGN_NAME, PUNCTUATED_SIGN_NAME],
  templates: [MAINLAND_TEMPLATE, INTERNATIONAL_TEMPLATE, ...usageTemplates],
};

/** What else `useEmulator` puts back before each test, besides records and faults. */
export type EmulatorResets = {
  /** Set the emulator clock back to real time: for files whose tests move it. */
  readonly resetClock?: boolean;
};

/** One emulator for the whole file, its records and faults reset before each test and closed after the last; returns its accessor. */
export const useEmulator = (options: EmulatorOptions, { resetClock = false }: EmulatorResets = {}): (() => Emulator) =>
  emulatorPerFile(options, { faults: true, clock: resetClock });

/** A mainland mobile as Logto stores it (E.164 without +) and as the connector must send it. */
export const MAINLAND_PHONE = { given: '8613800138000', sent: '13800138000' } as const;
/** A Hong Kong mobile: country code + number both as given and as sent. */
export const INTERNATIONAL_PHONE = { given: '85261234567', sent: '85261234567' } as const;

/** Every form of a phone number that must never surface in an error. */
export const phoneForms = (phone: { readonly given: string; readonly sent: string }): string[] => [
  phone.given,
  phone.sent,
  `+${phone.given}`,
];

/** A distinctive 6-digit verification code derived from a label: stable across runs, different per test. */
export const distinctCode = (label: string): string => {
  const digest = createHash('sha256').update(label).digest();
  return String(100_000 + (digest.readUInt32BE(0) % 900_000));
};

/** A config that sends every usage type through the plain mainland test template. */
export const configFor = (
  endpoint: string,
  overrides: Partial<AliyunSmsConfigInput> = {}
): AliyunSmsConfigInput => ({
  accessKeyId: ACCESS_KEY_ID,
  accessKeySecret: SECRET,
  signName: CHINESE_SIGN_NAME,
  templates: [{ usageType: TemplateType.Generic, templateCode: MAINLAND_TEMPLATE.code }],
  endpoint,
  timeout: 3000,
  ...overrides,
});

/**
 * Who triggers the send. `runtime`: a sign-in flow, for an anonymous end user; Logto passes no
 * config and the connector reads the stored one through getConfig. `console`: the admin
 * console's Send button, which passes the config inline.
 */
export type Via = 'runtime' | 'console';

/** Both ways, for tests that check each reader. */
export const VIAS: readonly Via[] = ['runtime', 'console'];

/** The connector exactly as Logto builds it for a sign-in flow: getConfig hands over a fresh copy of the stored config. */
export const runtimeConnector = async (config: AliyunSmsConfigInput): Promise<SmsConnector> =>
  createConnector({ getConfig: async () => Promise.resolve(structuredClone(config)) });

/** The connector as the console's Send button uses it: the config comes inline, so getConfig must never be needed. */
export const consoleConnector = async (): Promise<SmsConnector> =>
  createConnector({
    getConfig: () => Promise.reject(new Error('getConfig must not be called: the console passes the config inline')),
  });

/** What a successful send resolves with (Aliyun's ids). */
export type SendOutcome = { readonly BizId: string; readonly RequestId: string };

const isSendOutcome = (value: unknown): value is SendOutcome =>
  typeof value === 'object' &&
  value !== null &&
  typeof Reflect.get(value, 'BizId') === 'string' &&
  typeof Reflect.get(value, 'RequestId') === 'string';

export type SendArguments = {
  readonly to: string;
  readonly code: string;
  readonly type?: TemplateType;
};

const send = async (
  config: AliyunSmsConfigInput,
  { to, code, type = TemplateType.SignIn }: SendArguments,
  via: Via
): Promise<unknown> => {
  const data = { to, type, payload: { code } };
  if (via === 'runtime') {
    return (await runtimeConnector(config)).sendMessage(data);
  }
  return (await consoleConnector()).sendMessage(data, config);
};

/** Sends one verification code and returns Aliyun's ids; fails the test with the error otherwise. */
export const sendOk = async (
  config: AliyunSmsConfigInput,
  sendArguments: SendArguments,
  via: Via = 'runtime'
): Promise<SendOutcome> => {
  const result = await send(config, sendArguments, via);
  if (!isSendOutcome(result)) {
    throw new Error(`sendMessage resolved with ${JSON.stringify(result)}, not { BizId, RequestId }`);
  }
  return result;
};

/** A send that must fail with a ConnectorError, and how long it took. */
export type SendFailure = { readonly error: ConnectorError; readonly elapsedMs: number };

/** Sends one verification code expecting a ConnectorError; anything else (success, another error type) fails the test. */
export const sendFailing = async (
  config: AliyunSmsConfigInput,
  sendArguments: SendArguments,
  via: Via = 'runtime'
): Promise<SendFailure> => {
  const started = performance.now();
  const error = await rejectionOf(send(config, sendArguments, via));
  return { error, elapsedMs: performance.now() - started };
};

/** Reads one field of a ConnectorError's data (typed unknown by connector-kit). */
export const dataField = (error: ConnectorError, key: string): unknown =>
  typeof error.data === 'object' && error.data !== null ? Reflect.get(error.data, key) : undefined;

/** Every Signature the emulator received, oldest first (for leak checks). */
export const receivedSignatures = (emulator: Emulator): string[] =>
  emulator.requests.flatMap(({ params }) => (params.Signature === undefined ? [] : [params.Signature]));

/**
 * The emulator's SendSms requests, oldest first. After a configuration failure on the console,
 * the connector's doctor adds its own read calls (GetSmsSign, GetSmsTemplate) to the same endpoint.
 */
export const sendRequests = (emulator: Emulator): Emulator['requests'] =>
  emulator.requests.filter(({ params }) => params.Action === 'SendSms');

/** The emulator's verdicts on SendSms requests, oldest first, as `Code` strings. */
export const verdictCodes = (emulator: Emulator): string[] =>
  sendRequests(emulator).map(({ verdict }) => verdict.code);

/** What must not appear in an error of a send through `emulator`: secrets, codes, the number's forms, every signature received. */
export const forbiddenAfter = (
  emulator: Emulator,
  { codes, phone = MAINLAND_PHONE, secrets = [SECRET] }: {
    codes: readonly string[];
    phone?: { readonly given: string; readonly sent: string };
    secrets?: readonly string[];
  }
): Readonly<Record<string, readonly string[]>> => ({
  secret: secrets,
  code: codes,
  phone: phoneForms(phone),
  signature: receivedSignatures(emulator),
});
