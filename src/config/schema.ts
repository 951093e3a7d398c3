// The connector's configuration: one zod schema, the single source of its types. Every key the
// official connector has means what it means there; every other key is optional.
import { z } from 'zod';

import { credentialSourceGuard } from '../aliyun/credentials.js';
import { defaultRegionId, mainlandRegions, supportedRegions } from '../aliyun/regions.js';
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

/** The two Aliyun products that send verification codes. */
export const smsServices = ['dysms', 'dypns'] as const;
/** Aliyun's signature algorithms. */
export const signatureVersions = ['v1', 'v3'] as const;

const mainland: ReadonlySet<string> = new Set(mainlandRegions);

/** The connector's configuration. */
export const aliyunSmsConfigGuard = z
  .object({
    accessKeyId: headerText.optional(),
    accessKeySecret: nonEmptyText.optional(),
    securityToken: headerText.optional(),
    credentialSource: credentialSourceGuard.default('config'),
    signName: nonEmptyText,
    templates: z.array(templateEntryGuard).min(1, 'must list at least one template'),
    strictPhoneRegionNumberCheck: z.boolean().default(false),
    service: z.enum(smsServices).default('dysms'),
    regionId: z.enum(supportedRegions).default(defaultRegionId),
    endpoint: endpointGuard.optional(),
    signatureVersion: z.enum(signatureVersions).default('v1'),
    allowedCountries: countryListGuard.optional(),
    timeout: millisecondsGuard.default(defaultTimeoutMs),
    sendLimits: sendLimitsGuard.optional(),
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
    if (config.service === 'dypns' && !mainland.has(config.regionId)) {
      issue('regionId', 'must be a mainland China region: the SMS authentication service (dypns) exists only there');
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
