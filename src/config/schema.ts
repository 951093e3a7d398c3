// The connector's configuration: one zod schema, the single source of its types. Every key the
// official connector has means what it means there; every other key is optional.
import { z } from 'zod';

import { credentialSourceGuard } from '../aliyun/rpc/credentials/credentials.js';
import { productOf } from '../aliyun/products.js';
import { supportedRegions } from '../aliyun/regions.js';
import { sendLimitsGuard } from '../limits/schema.js';
import { templateEntryGuard } from '../templates/entry.js';
import { templateSetIssues } from '../templates/rules.js';

import {
  countryListGuard,
  defaultTimeoutMs,
  endpointGuard,
  headerText,
  millisecondsGuard,
  nonEmptyText,
} from './fields.js';

/** The Aliyun products that send verification codes (each one's rules: src/aliyun/products.ts). */
export const smsServices = ['dysms', 'dypns', 'intl'] as const;
/** Aliyun's signature algorithms. */
export const signatureVersions = ['v1', 'v3'] as const;

/** The connector's configuration. */
export const aliyunSmsConfigGuard = z
  .object({
    accessKeyId: headerText.optional(),
    accessKeySecret: nonEmptyText.optional(),
    securityToken: headerText.optional(),
    credentialSource: credentialSourceGuard.default('config'),
    // Required by the services that send approved templates; the international site's free
    // text needs none (src/aliyun/products.ts says which).
    signName: nonEmptyText.optional(),
    templates: z.array(templateEntryGuard).min(1, 'must list at least one template'),
    strictPhoneRegionNumberCheck: z.boolean().default(false),
    service: z.enum(smsServices).default('dysms'),
    // Absent: the service's default region (config/derived.ts regionIdOf).
    regionId: z.enum(supportedRegions).optional(),
    senderId: nonEmptyText.optional(),
    endpoint: endpointGuard.optional(),
    signatureVersion: z.enum(signatureVersions).default('v1'),
    allowedCountries: countryListGuard.optional(),
    timeout: millisecondsGuard.default(defaultTimeoutMs),
    // `{}` is what the console's edit flow makes of a stored config without the key: no limits.
    sendLimits: sendLimitsGuard
      .optional()
      .transform((limits) => (limits === undefined || Object.keys(limits).length === 0 ? undefined : limits)),
  })
  .superRefine((config, context) => {
    const issue = (path: string, message: string) => {
      context.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    };
    if (config.credentialSource === 'config') {
      for (const key of ['accessKeyId', 'accessKeySecret'] as const) {
        if (config[key] === undefined) {
          issue(key, 'is required (or set credentialSource to "environment")');
        }
      }
    }
    const product = productOf(config.service);
    if (config.regionId !== undefined && !product.regions.includes(config.regionId)) {
      issue('regionId', product.regionRule);
    }
    for (const { path, message } of product.configIssues(config)) {
      context.addIssue({ code: z.ZodIssueCode.custom, path, message });
    }
    for (const { path, message } of templateSetIssues(config.templates)) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ['templates', ...path], message });
    }
  });

/** What the admin console or Logto's database hands over. */
export type AliyunSmsConfigInput = z.input<typeof aliyunSmsConfigGuard>;
/** The validated configuration with defaults applied. */
export type AliyunSmsConfig = z.infer<typeof aliyunSmsConfigGuard>;
/** The Aliyun product a config sends through. */
export type SmsService = AliyunSmsConfig['service'];
