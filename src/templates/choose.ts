import { ConnectorError, ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';

import type { Region } from '../phone.js';

import type { TemplateEntry } from './entry.js';
import { matchRank, readLanguageTag, type LanguageTag } from './languages.js';
import { resolveParams, sendSmsDefaultParams, type TemplateParams } from './params.js';

/** The template Aliyun should use for one send. */
export type ChosenTemplate = {
  usageType: string;
  /** The entry's locale as configured; absent for the entry without one. */
  locale?: string;
  templateCode: string;
  params: Readonly<TemplateParams>;
};

// The best entry for one language: the closest rank, the first in config order among equals.
const closestEntry = (entries: readonly TemplateEntry[], language: LanguageTag): TemplateEntry | undefined => {
  let best: { entry: TemplateEntry; rank: number } | undefined;
  for (const entry of entries) {
    // An unreadable locale can only come from an unvalidated config: it serves no one.
    const tag = entry.locale === undefined ? undefined : readLanguageTag(entry.locale);
    const rank = tag && matchRank(language, tag);
    if (rank !== undefined && (best === undefined || rank < best.rank)) {
      best = { entry, rank };
    }
  }
  return best?.entry;
};

// The first of the user's languages that has an entry decides, before the entry without a
// locale: a user who prefers French and reads English gets English rather than the default.
const entryFor = (entries: readonly TemplateEntry[], languages: readonly LanguageTag[]): TemplateEntry | undefined => {
  for (const language of languages) {
    const entry = closestEntry(entries, language);
    if (entry) {
      return entry;
    }
  }
  return entries.find(({ locale }) => locale === undefined);
};

// Validated configs give every entry of a template-code product its code; only an
// unvalidated one could lack it, and Aliyun then refuses the empty code.
const codeFor = (templateCode: TemplateEntry['templateCode'], region: Region): string => {
  if (typeof templateCode === 'string' || templateCode === undefined) {
    return templateCode ?? '';
  }
  return region === 'mainland' ? templateCode.china : templateCode.overseas;
};

/**
 * Picks the entry for a usage type: by the user's languages, else the one without a locale,
 * else the same among Generic entries. Throws template_not_found when none serves.
 */
export const chooseEntry = (
  templates: readonly TemplateEntry[],
  usageType: string,
  languages: readonly string[] = []
): TemplateEntry => {
  const tags = languages.map((language) => readLanguageTag(language)).filter((tag) => tag !== undefined);
  // Exact usage types, as connector-kit's getConfigTemplateByType matches them.
  const ofType = (type: string) => templates.filter((entry) => entry.usageType === type);
  const entry = entryFor(ofType(usageType), tags) ?? entryFor(ofType(TemplateType.Generic), tags);
  if (!entry) {
    const onlyOtherLanguages = ofType(usageType).length > 0 || ofType(TemplateType.Generic).length > 0;
    throw new ConnectorError(ConnectorErrorCodes.TemplateNotFound, {
      errorDescription: onlyOtherLanguages
        ? `No Aliyun SMS template for usage type "${usageType}" serves the user's languages, and neither it nor "Generic" has one without a "locale" to fall back to: add one to Templates.`
        : `No Aliyun SMS template is configured for usage type "${usageType}" and there is no "Generic" template to fall back to: add one to Templates.`,
      usageType,
      fields: ['templates'],
    });
  }
  return entry;
};

/** An entry's template for the recipient's region: its code, and its params or the service's. */
export const templateOfEntry = (
  entry: TemplateEntry,
  region: Region,
  defaultParams: Readonly<TemplateParams> = sendSmsDefaultParams
): ChosenTemplate => ({
  usageType: entry.usageType,
  ...(entry.locale === undefined ? {} : { locale: entry.locale }),
  templateCode: codeFor(entry.templateCode, region),
  params: resolveParams(entry, defaultParams),
});

/**
 * Picks the entry for a usage type (by the user's languages, else the one without a locale,
 * else the same among Generic entries), then its code for the recipient's region.
 */
export const chooseTemplate = (
  templates: readonly TemplateEntry[],
  usageType: string,
  region: Region,
  languages: readonly string[] = [],
  defaultParams: Readonly<TemplateParams> = sendSmsDefaultParams
): ChosenTemplate => templateOfEntry(chooseEntry(templates, usageType, languages), region, defaultParams);
