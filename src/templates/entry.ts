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
 * (`type` is its ignored legacy field), plus an optional `locale` and `params`.
 */
export const templateEntryGuard = z.object({
  usageType: usageTypeText,
  templateCode: templateCodeGuard,
  type: z.unknown().optional(),
  locale: templateLocaleGuard.optional(),
  params: templateParamsGuard.optional(),
});

/** One validated template entry. */
export type TemplateEntry = z.infer<typeof templateEntryGuard>;
