// The connector's configuration: one zod schema, the single source of its types. Every key the
// official connector has means what it means there; every other key is optional. A sender (the
// main one, and the optional fallback) is defined once: its keys and its rules.
import { z } from 'zod';

import { credentialSourceGuard } from '../aliyun/rpc/credentials/credentials.js';
import type { AliyunProduct } from '../aliyun/classify.js';
import { productOf, products } from '../aliyun/products.js';
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

// A config without a service sends through Short Message Service, as the official connector does.
const defaultService = 'dysms';
const isOtherService = (key: string): key is AliyunProduct => key !== defaultService && Object.hasOwn(products, key);

/** The Aliyun products that send verification codes, the default first: the registry's keys (src/aliyun/products.ts). */
export const smsServices = [defaultService, ...Object.keys(products).filter(isOtherService)] as const;
/** Aliyun's signature algorithms. */
export const signatureVersions = ['v1', 'v3'] as const;

/** The keys of one sender: who sends (account, sign name, templates) and where to. */
const senderShape = {
  accessKeyId: headerText.optional(),
  accessKeySecret: nonEmptyText.optional(),
  securityToken: headerText.optional(),
  credentialSource: credentialSourceGuard.default('config'),
  // Required by the services that send approved templates; the international site's free
  // text needs none (src/aliyun/products.ts says which).
  signName: nonEmptyText.optional(),
  templates: z.array(templateEntryGuard).min(1, 'must list at least one template'),
  service: z.enum(smsServices).default(defaultService),
  // Absent: the service's default region (config/derived.ts regionIdOf).
  regionId: z.enum(supportedRegions).optional(),
  senderId: nonEmptyText.optional(),
  endpoint: endpointGuard.optional(),
  signatureVersion: z.enum(signatureVersions).default('v1'),
};

/** The keys that belong to a sender, main or fallback. */
export const senderKeys = Object.keys(senderShape);

type SenderFields = z.infer<z.ZodObject<typeof senderShape>>;

// The rules between a sender's keys; zod prefixes the paths of the fallback's with "fallback".
const checkSender = (sender: SenderFields, context: z.RefinementCtx): void => {
  const issue = (path: string, message: string) => {
    context.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  };
  if (sender.credentialSource === 'config') {
    for (const key of ['accessKeyId', 'accessKeySecret'] as const) {
      if (sender[key] === undefined) {
        issue(key, 'is required (or set credentialSource to "environment")');
      }
    }
  }
  const product = productOf(sender.service);
  if (sender.regionId !== undefined && !product.regions.includes(sender.regionId)) {
    issue('regionId', product.regionRule);
  }
  for (const { path, message } of product.configIssues(sender)) {
    context.addIssue({ code: z.ZodIssueCode.custom, path, message });
  }
  for (const { path, message } of templateSetIssues(sender.templates)) {
    context.addIssue({ code: z.ZodIssueCode.custom, path: ['templates', ...path], message });
  }
};

// null too: what an admin writing the config through the Management API may use to remove it.
const meansNoFallback = (value: unknown): boolean =>
  value === null || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/**
 * The optional second sender. `{}` (or null) means none: it is the Json form item's default, and what the
 * console's edit flow shows for a stored config without the key. Strict, so that the main
 * config's keys (timeout, allowedCountries, the number rules, send limits) put here are refused, not ignored.
 */
export const fallbackGuard = z.preprocess(
  (value) => (meansNoFallback(value) ? undefined : value),
  z.object(senderShape).strict().superRefine(checkSender).optional()
);

/** The connector's configuration. */
export const aliyunSmsConfigGuard = z
  .object({
    ...senderShape,
    strictPhoneRegionNumberCheck: z.boolean().default(false),
    allowedCountries: countryListGuard.optional(),
    timeout: millisecondsGuard.default(defaultTimeoutMs),
    // `{}` is what the console's edit flow makes of a stored config without the key: no limits.
    sendLimits: sendLimitsGuard
      .optional()
      .transform((limits) => (limits === undefined || Object.keys(limits).length === 0 ? undefined : limits)),
    fallback: fallbackGuard,
  })
  .superRefine(checkSender);

/** What the admin console or Logto's database hands over. */
export type AliyunSmsConfigInput = z.input<typeof aliyunSmsConfigGuard>;
/** The validated configuration with defaults applied. */
export type AliyunSmsConfig = z.infer<typeof aliyunSmsConfigGuard>;
/** One validated sender: the main config's sender keys, or the fallback. */
export type SenderConfig = SenderFields;
/** The Aliyun product a config sends through. */
export type SmsService = AliyunSmsConfig['service'];
