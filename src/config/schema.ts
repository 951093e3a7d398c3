// The connector's configuration: one zod schema, the single source of its types. Every key the
// official connector has means what it means there; every other key is optional.
import { TemplateType } from '@logto/connector-kit';
import { z } from 'zod';

import { credentialSourceGuard } from '../aliyun/credentials.js';
import { defaultRegionId, mainlandRegions, supportedRegions } from '../aliyun/regions.js';

import {
  countryListGuard,
  defaultTimeoutMs,
  endpointGuard,
  millisecondsGuard,
  nonEmptyText,
} from './fields.js';

/** The two Aliyun products that send verification codes. */
export const smsServices = ['dysms', 'dypns'] as const;
/** Aliyun's signature algorithms. */
export const signatureVersions = ['v1', 'v3'] as const;

// Logto matches usage types exactly, as the official connector does: trimming "SignIn " would
// change which template a config picks, so blank values are refused but others kept as typed.
const usageTypeText = z.string().refine((value) => value.trim() !== '', 'must not be empty');

/** A template code, or one per recipient region as the official connector allows. */
export const templateCodeGuard = z.union([nonEmptyText, z.object({ china: nonEmptyText, overseas: nonEmptyText })]);

/** One entry of `templates`; `type` is the official connector's ignored legacy field. */
export const templateGuard = z.object({
  usageType: usageTypeText,
  templateCode: templateCodeGuard,
  type: z.unknown().optional(),
});

const mainland: ReadonlySet<string> = new Set(mainlandRegions);

/** The connector's configuration. */
export const aliyunSmsConfigGuard = z
  .object({
    accessKeyId: nonEmptyText.optional(),
    accessKeySecret: nonEmptyText.optional(),
    securityToken: nonEmptyText.optional(),
    credentialSource: credentialSourceGuard.default('config'),
    signName: nonEmptyText,
    templates: z.array(templateGuard).min(1, 'must list at least one template'),
    strictPhoneRegionNumberCheck: z.boolean().default(false),
    service: z.enum(smsServices).default('dysms'),
    regionId: z.enum(supportedRegions).default(defaultRegionId),
    endpoint: endpointGuard.optional(),
    signatureVersion: z.enum(signatureVersions).default('v1'),
    allowedCountries: countryListGuard.optional(),
    timeout: millisecondsGuard.default(defaultTimeoutMs),
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
    const usageTypes = new Set(config.templates.map(({ usageType }) => usageType));
    if (!usageTypes.has(TemplateType.Generic)) {
      // Generic itself only fails when the console's test button asks for it, and then
      // template_not_found names it; the other types are what real users would miss.
      const uncovered = Object.values(TemplateType).filter(
        (type) => type !== TemplateType.Generic && !usageTypes.has(type)
      );
      if (uncovered.length > 0) {
        issue(
          'templates',
          `have no template for ${uncovered.join(', ')}: add a "Generic" template (used for every type without its own) or one for each`
        );
      }
    }
  });

/** What the admin console or Logto's database hands over. */
export type AliyunSmsConfigInput = z.input<typeof aliyunSmsConfigGuard>;
/** The validated configuration with defaults applied. */
export type AliyunSmsConfig = z.infer<typeof aliyunSmsConfigGuard>;
/** One validated template entry. */
export type TemplateConfig = z.infer<typeof templateGuard>;
/** The Aliyun product a config sends through. */
export type SmsService = AliyunSmsConfig['service'];
