// Saying an end-user sentence in the user's language. The language is chosen as templates are
// (src/templates/languages.ts): the user's languages in order of preference, the first one that
// one of the sentences' languages serves decides; Traditional Chinese (zh-TW, zh-HK, zh-MO,
// zh-Hant) gets zh-TW, Simplified (zh, zh-SG, zh-Hans) zh-CN; any Portuguese gets pt-BR, which
// its readers understand far better than English; nothing served gets English.
import { matchRank, readLanguageTag, type LanguageTag, type MatchRank } from '../templates/languages.js';

import { endUserSentences, placeholdersOf, sentenceLanguages, type SentenceId, type SentenceLanguage } from './sentences.js';

const served: ReadonlyArray<{ language: SentenceLanguage; tag: LanguageTag }> = sentenceLanguages.flatMap((language) => {
  const tag = readLanguageTag(language);
  return tag === undefined ? [] : [{ language, tag }];
});

const closest = (user: LanguageTag): SentenceLanguage | undefined => {
  let best: { language: SentenceLanguage; rank: MatchRank } | undefined;
  for (const { language, tag } of served) {
    const rank = matchRank(user, tag);
    if (rank !== undefined && (best === undefined || rank < best.rank)) {
      best = { language, rank };
    }
  }
  return best?.language;
};

/** The sentences' language for a user's languages in preference order (see `userLanguages`); English when none is served. */
export const sentenceLanguageFor = (languages: readonly string[]): SentenceLanguage => {
  for (const text of languages) {
    const user = readLanguageTag(text);
    const language = user === undefined ? undefined : closest(user);
    if (language !== undefined) {
      return language;
    }
  }
  return 'en';
};

/** Values for a sentence's placeholders, by name. */
export type SentenceValues = Readonly<Record<string, string>>;

/** Whether `values` fill every placeholder of the sentence (in every language they are the same). */
export const fillsSentence = (id: SentenceId, values: SentenceValues): boolean =>
  placeholdersOf(endUserSentences[id].en).every((name) => Object.hasOwn(values, name));

/** The sentence in the user's language, its placeholders filled; a placeholder without a value stays as written. */
export const sayToEndUser = (id: SentenceId, languages: readonly string[], values: SentenceValues = {}): string =>
  endUserSentences[id][sentenceLanguageFor(languages)].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? placeholder) : placeholder
  );
