import { TemplateType } from '@logto/connector-kit';

import { templateCodesOfEntry, type TemplateEntry } from './entry.js';
import { readLanguageTag } from './languages.js';

/** The code the console form's default templates carry until the admin replaces it. */
export const placeholderTemplateCode = 'SMS_000000000';

/** One problem with a templates array; `path` is relative to the array (prefix the config key). */
export type TemplateIssue = { path: Array<string | number>; message: string };

type Entry = Pick<TemplateEntry, 'usageType' | 'templateCode' | 'locale'>;

// Zod runs a superRefine after a failed refinement too, so a locale here may be invalid:
// compare such a locale by its trimmed, lowercased text.
const localeKey = (locale: string): string => readLanguageTag(locale)?.key ?? locale.trim().toLowerCase();

const entryName = (index: number): string => `entry ${index + 1}`;

/** Entries repeating a usage type without a locale, or a locale (case-insensitively) of their usage type. */
export const duplicateIssues = (templates: readonly Entry[]): TemplateIssue[] => {
  const issues: TemplateIssue[] = [];
  // Per usage type: where its entry without a locale is, and where each locale first appears.
  const firstSeen = new Map<string, Map<string | undefined, number>>();
  templates.forEach(({ usageType, locale }, index) => {
    const seen = firstSeen.get(usageType) ?? new Map<string | undefined, number>();
    firstSeen.set(usageType, seen);
    const key = locale === undefined ? undefined : localeKey(locale);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    issues.push(
      locale === undefined
        ? {
            path: [index],
            message: `is a second usageType "${usageType}" template without a "locale" (${entryName(first)} is the first): keep one, or give each its own "locale"`,
          }
        : {
            path: [index, 'locale'],
            message: `"${locale}" repeats the locale of ${entryName(first)} for usageType "${usageType}": give each locale of a usage type one entry`,
          }
    );
  });
  return issues;
};

/** Without a Generic entry lacking a locale, the usage types that have no entry lacking one. */
export const coverageIssues = (templates: readonly Entry[]): TemplateIssue[] => {
  // Only entries without a locale serve every language, so only they cover a usage type.
  const covered = new Set(templates.filter(({ locale }) => locale === undefined).map(({ usageType }) => usageType));
  if (covered.has(TemplateType.Generic)) {
    return [];
  }
  // Generic itself only fails when the console's test button asks for it, and then
  // template_not_found names it; the other types are what real users would miss.
  const uncovered: string[] = Object.values(TemplateType).filter(
    (type) => type !== TemplateType.Generic && !covered.has(type)
  );
  if (uncovered.length === 0) {
    return [];
  }
  const localeOnly = uncovered.some((type) => templates.some(({ usageType }) => usageType === type));
  return [
    {
      path: [],
      message: `have no template for ${uncovered.join(', ')}: add a "Generic" template (used for every type without its own) or one for each${
        localeOnly ? '; entries with a "locale" do not count, as they serve only their language' : ''
      }`,
    },
  ];
};

const holdsPlaceholder = (entry: Entry): boolean => templateCodesOfEntry(entry).some((code) => code.trim() === placeholderTemplateCode);

/** The usage types whose entries still hold the form's placeholder code, as one issue. */
export const placeholderIssues = (templates: readonly Entry[]): TemplateIssue[] => {
  const names = templates
    .filter((entry) => holdsPlaceholder(entry))
    .map(({ usageType, locale }) => (locale === undefined ? usageType : `${usageType} (${locale})`));
  if (names.length === 0) {
    return [];
  }
  return [
    {
      path: [],
      message: `still hold the form's placeholder template code ${placeholderTemplateCode} for ${[...new Set(names)].join(', ')}: replace it with an approved template code from the SMS console (Templates)`,
    },
  ];
};

/**
 * Checks a whole templates array: one entry per usage type and locale, every usage type
 * served in every language, no placeholder code left. Empty when the set is sound.
 *
 * The one-entry rule applies once a config uses locales: the official connector accepts a
 * usage type listed twice (the first wins, as it still does here), and a config written for
 * it must work unchanged.
 */
export const templateSetIssues = (templates: readonly Entry[]): TemplateIssue[] => [
  ...(templates.some(({ locale }) => locale !== undefined) ? duplicateIssues(templates) : []),
  ...coverageIssues(templates),
  ...placeholderIssues(templates),
];
