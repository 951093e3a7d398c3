// Advice a config earns by its shape, without a request: mistakes Aliyun itself would only
// answer with a generic template error.
import { templateCodesOfEntry } from '../templates/entry.js';

import type { AliyunSmsConfig } from './schema.js';

const giftTemplateCode = /^1000\d{2}$/;

/** Every template code a config names, china and overseas codes included. */
export const templateCodesOf = (config: Pick<AliyunSmsConfig, 'templates'>): string[] =>
  config.templates.flatMap((entry) => templateCodesOfEntry(entry));

/**
 * For Short Message Service with nothing but the SMS authentication service's gift template
 * codes (100001–100005): almost certainly meant for service "dypns". Said, never guessed.
 */
export const serviceHint = (config: Pick<AliyunSmsConfig, 'templates' | 'service'>): string | undefined =>
  config.service === 'dysms' && templateCodesOf(config).every((code) => giftTemplateCode.test(code))
    ? 'Every template code is one of the SMS authentication service’s gift templates (1000xx): if that is the service you use, set service to "dypns".'
    : undefined;
