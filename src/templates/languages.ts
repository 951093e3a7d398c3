import { isKeyInObject } from '@silverhand/essentials';

/** A BCP 47 tag read once, with what template matching compares. */
export type LanguageTag = {
  /** The canonical spelling (`zh-hant-tw` → `zh-Hant-TW`, `iw` → `he`). */
  tag: string;
  /** The canonical spelling lowercased: equal keys are the same tag, whatever its case. */
  key: string;
  /**
   * Language and script once likely subtags are filled in (`zh-HK` → `zh-Hant`, `zh` →
   * `zh-Hans`, `en-GB` → `en-Latn`): the unit within which another tag may stand in.
   */
  family: string;
  /** Language, script and region once likely subtags are filled in (`zh` → `zh-Hans-CN`). */
  likely: string;
  /** Whether the tag names a region (`en-GB`, `zh-TW`) rather than a whole language or script. */
  regional: boolean;
};

// Reading a tag asks Intl to canonicalise and maximise it, which costs microseconds on every
// send; the tags in use are few (a deployment's languages and its entries' locales), so they are
// remembered, a bounded number of them: the text comes from end users.
const readTagCache = new Map<string, LanguageTag | undefined>();
const readTagCacheSize = 256;

/** Reads a BCP 47 tag; undefined for anything Intl refuses, so untrusted text never throws. */
export const readLanguageTag = (text: string): LanguageTag | undefined => {
  if (readTagCache.has(text)) {
    return readTagCache.get(text);
  }
  const read = readTagUncached(text);
  if (readTagCache.size >= readTagCacheSize) {
    readTagCache.clear();
  }
  readTagCache.set(text, read);
  return read;
};

const readTagUncached = (text: string): LanguageTag | undefined => {
  let tag: string | undefined;
  try {
    [tag] = Intl.getCanonicalLocales(text);
  } catch {
    return undefined;
  }
  if (tag === undefined) {
    return undefined;
  }
  const locale = new Intl.Locale(tag);
  const likely = locale.maximize();
  // Intl reports no language for "und", and maximize() turns "und" into English: the
  // canonical tag always starts with its language subtag, so read it from there.
  const [language = tag] = tag.split('-');
  // The script is what separates Traditional from Simplified Chinese (zh-HK and zh-Hant-HK
  // are Hant, zh-SG and zh-Hans-TW are Hans), and Cyrillic from Latin Serbian likewise.
  const family = likely.script === undefined ? language : `${language}-${likely.script}`;
  return {
    tag,
    key: tag.toLowerCase(),
    family,
    likely: likely.baseName,
    regional: locale.region !== undefined,
  };
};

/** How closely an entry's locale serves a user's language; lower is closer. */
export const matchRanks = {
  /** The same tag (`zh-TW` for `zh-TW`, `en-us` for `en-US`). */
  exact: 0,
  /** The same language once likely subtags are filled in (`zh-Hans-CN` or `zh` for `zh-CN`, `en-US` for `en`). */
  equivalent: 1,
  /** The base of the user's language and script (`en` for `en-GB`, `zh-Hant` for `zh-HK`). */
  base: 2,
  /** Another region of the same language and script (`en-GB` for `en-AU`, `zh-TW` for `zh-HK`). */
  sibling: 3,
} as const;

/** One of the ranks in `matchRanks`. */
export type MatchRank = (typeof matchRanks)[keyof typeof matchRanks];

/** How well `entry` serves `user`: a rank, or undefined when it is another language or script. */
export const matchRank = (user: LanguageTag, entry: LanguageTag): MatchRank | undefined => {
  if (entry.key === user.key) {
    return matchRanks.exact;
  }
  if (entry.family !== user.family) {
    return undefined;
  }
  if (entry.likely === user.likely) {
    return matchRanks.equivalent;
  }
  return entry.regional ? matchRanks.sibling : matchRanks.base;
};

// ui_locales comes from the end user's authorization request: a long list must cost no
// more than a short one, and preferences past the first few never decide a template.
const maxUiLocales = 16;

const wordsOf = (value: unknown, limit: number): string[] =>
  typeof value === 'string' ? value.trim().split(/\s+/, limit).filter((word) => word !== '') : [];

/**
 * The user's languages in preference order (each tag of `payload.uiLocales`, then
 * `payload.locale`), canonical and without repeats; anything that is not a valid tag is skipped.
 */
export const userLanguages = (payload: unknown): string[] => {
  const uiLocales = isKeyInObject(payload, 'uiLocales') ? payload.uiLocales : undefined;
  const locale = isKeyInObject(payload, 'locale') ? payload.locale : undefined;
  const written = [...wordsOf(uiLocales, maxUiLocales), ...(typeof locale === 'string' ? [locale] : [])];
  const seen = new Map<string, string>();
  for (const text of written) {
    const language = readLanguageTag(text);
    if (language && !seen.has(language.key)) {
      seen.set(language.key, language.tag);
    }
  }
  return [...seen.values()];
};
