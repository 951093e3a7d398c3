import { z } from 'zod';

import { nonEmptyText } from '../config/fields.js';

import { readLanguageTag } from './languages.js';
import { templateParamsGuard } from './params.js';

// Logto matches usage types exactly, as the official connector does: trimming "SignIn " would
// change which template a config picks, so blank values are refused but others kept as typed.
const usageTypeText = z.string().refine((value) => value.trim() !== '', 'must not be empty');

/** A template code, or one per recipient region as the official connector allows. */
export const templateCodeGuard = z.union([
  nonEmptyText,
  z.object({ china: nonEmptyText, overseas: nonEmptyText }),
]);

/** `locale` of a template entry: a BCP 47 tag, trimmed, otherwise kept as typed. */
export const templateLocaleGuard = z
  .string()
  .trim()
  .refine((value) => readLanguageTag(value) !== undefined, 'must be a language tag such as "en", "zh-CN" or "zh-Hant"');

/**
 * One entry of `templates`: the official connector's `{ usageType, templateCode, type? }`
 * (`type` is its ignored legacy field), plus an optional `locale` and `params`, and the
 * international site's `message`. Which of templateCode and message an entry needs is the
 * service's rule (src/aliyun/products.ts), checked with the whole config.
 */
export const templateEntryGuard = z.object({
  usageType: usageTypeText,
  templateCode: templateCodeGuard.optional(),
  message: z.string().optional(),
  type: z.unknown().optional(),
  locale: templateLocaleGuard.optional(),
  params: templateParamsGuard.optional(),
});

/** Every template code an entry names: none, one, or its china and overseas codes. */
export const templateCodesOfEntry = ({ templateCode }: { templateCode?: z.infer<typeof templateCodeGuard> }): string[] => {
  if (templateCode === undefined) {
    return [];
  }
  return typeof templateCode === 'string' ? [templateCode] : [templateCode.china, templateCode.overseas];
};

/** One validated template entry. */
export type TemplateEntry = z.infer<typeof templateEntryGuard>;
