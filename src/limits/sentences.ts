// What an end user reads when a send limit refuses their code: in their language, and nothing
// about which limit or how it is set (that would tell an attacker how to pace a pumping run).
import { readLanguageTag } from '../templates/languages.js';

/** The languages of Logto's console and sign-in page that the connector speaks. */
export const sentenceLanguages = ['en', 'zh-CN', 'zh-TW', 'de', 'ja', 'ko', 'fr', 'es', 'pt-BR'] as const;
/** One of those languages. */
export type SentenceLanguage = (typeof sentenceLanguages)[number];

/** The end-user sentence for a send refused by `sendLimits`, in every language. */
export const sendLimitSentences: Readonly<Record<SentenceLanguage, string>> = {
  en: 'Too many verification codes have been requested. Please try again later.',
  'zh-CN': '请求验证码的次数过多，请稍后再试。',
  'zh-TW': '請求驗證碼的次數過多，請稍後再試。',
  de: 'Es wurden zu viele Bestätigungscodes angefordert. Bitte versuchen Sie es später erneut.',
  ja: '認証コードのリクエストが多すぎます。しばらくしてからもう一度お試しください。',
  ko: '인증 코드 요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.',
  fr: 'Trop de codes de vérification ont été demandés. Veuillez réessayer plus tard.',
  es: 'Se han solicitado demasiados códigos de verificación. Vuelva a intentarlo más tarde.',
  'pt-BR': 'Foram solicitados códigos de verificação demais. Tente novamente mais tarde.',
};

const isSentenceLanguage = (value: string): value is SentenceLanguage =>
  sentenceLanguages.some((language) => language === value);

// Chinese is told apart by script (zh-HK and zh-Hant read Traditional), Portuguese is Brazilian
// here, every other language by its language subtag.
const sentenceLanguageOf = (tag: string): SentenceLanguage | undefined => {
  const read = readLanguageTag(tag);
  if (read === undefined) {
    return undefined;
  }
  const [language = ''] = read.tag.split('-');
  if (language === 'zh') {
    return read.family === 'zh-Hant' ? 'zh-TW' : 'zh-CN';
  }
  if (language === 'pt') {
    return 'pt-BR';
  }
  return isSentenceLanguage(language) ? language : undefined;
};

/** The sentence in the first of the user's languages (most preferred first) that has one, else English. */
export const sendLimitSentenceFor = (userLanguages: readonly string[]): string => {
  for (const tag of userLanguages) {
    const language = sentenceLanguageOf(tag);
    if (language !== undefined) {
      return sendLimitSentences[language];
    }
  }
  return sendLimitSentences.en;
};
