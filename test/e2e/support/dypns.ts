// The SMS authentication service (service "dypns") as the end-to-end suites use it: the config
// Logto's official @logto/connector-aliyun-sms-mas stores, a gift sign the emulator's clock holds
// valid, the gift template's text, and the emulator's SendSmsVerifyCode records.
import { TemplateType } from '@logto/connector-kit';

import type { AliyunSmsConfigInput } from '../../../src/index.js';
import { DEFAULT_GIFT_SIGNS, giftSignState, type Emulator } from '../../../tools/emulator/index.js';

import { ACCESS_KEY_ID, SECRET, USAGE_TYPES } from './harness.js';

/** The gift templates Logto's official connector's form offers for each usage type. */
export const MAS_TEMPLATE_CODES: Readonly<Record<TemplateType, string>> = {
  [TemplateType.SignIn]: '100001',
  [TemplateType.Register]: '100001',
  [TemplateType.ForgotPassword]: '100003',
  [TemplateType.OrganizationInvitation]: '100001',
  [TemplateType.Generic]: '100001',
  [TemplateType.UserPermissionValidation]: '100005',
  [TemplateType.BindNewIdentifier]: '100002',
  [TemplateType.MfaVerification]: '100001',
  [TemplateType.BindMfa]: '100001',
};

/** The gift sign Logto's official connector shipped: withdrawn after 31 August 2026 (UTC+8). */
export const OLD_GIFT_SIGN = '速通互联验证码';

/** A gift sign other than the old one that the emulator's clock holds valid now, whatever today's date. */
export const currentGiftSign = (emulator: Emulator): string => {
  const valid = DEFAULT_GIFT_SIGNS.find((sign) => sign.name !== OLD_GIFT_SIGN && giftSignState(sign, emulator.clock.now()) === 'valid');
  if (valid === undefined) {
    throw new Error('no gift sign is valid on the emulator clock');
  }
  return valid.name;
};

/** Logto's SMS authentication connector config, as its form stores it (all nine usage types), plus service "dypns". */
export const masConfig = (
  emulator: Emulator,
  signName: string,
  overrides: Partial<AliyunSmsConfigInput> = {}
): AliyunSmsConfigInput => ({
  accessKeyId: ACCESS_KEY_ID,
  accessKeySecret: SECRET,
  signName,
  templates: USAGE_TYPES.map((usageType) => ({ usageType, templateCode: MAS_TEMPLATE_CODES[usageType] })),
  service: 'dypns',
  endpoint: emulator.url,
  timeout: 3000,
  ...overrides,
});

/** The gift templates' text as the phone shows it, with the code and min "10" filled. */
export const giftText = (code: string): string => `您的验证码是${code}，有效期10分钟，请勿告诉他人。`;

/** The emulator's SendSmsVerifyCode requests, oldest first. */
export const verifyRequests = (emulator: Emulator): Emulator['requests'] =>
  emulator.requests.filter(({ action }) => action === 'SendSmsVerifyCode');

/** The last SendSmsVerifyCode answer's RequestId and Message, as the emulator gave them. */
export const lastVerifyAnswer = (emulator: Emulator): { RequestId: string | undefined; Message: string | undefined } => ({
  RequestId: verifyRequests(emulator).at(-1)?.requestId,
  Message: verifyRequests(emulator).at(-1)?.verdict.message,
});
