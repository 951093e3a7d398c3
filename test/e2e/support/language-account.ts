// The emulator account of the "Templates per language" suite: templates in Simplified and
// Traditional Chinese, English (two regions), French, mainland and international, some with
// ${number} and ${min} instead of ${code}, so the recorded SMS shows which one was chosen.
import type { Account, SmsTemplate } from '../../../tools/emulator/index.js';

/** The account's one sign name. */
export const SIGN_NAME = '多语言测试';
/** The account's secret: the characters that trip hand-written signing, and Chinese. */
export const ACCESS_KEY_SECRET = 'languages/Secret+= 语言';

/** A mainland template in a language; `${number}` is a verification variable of its own name. */
const template = (code: string, language: string, content: string): SmsTemplate => ({
  code,
  kind: 'mainland',
  content,
  language,
  ...(content.includes('${number}') ? { variableAttribute: { number: 'numberCaptcha' } } : {}),
});

/** The account's templates, by what they are for; each in one language (emulator bookkeeping). */
export const T = {
  signInZhCn: template('SMS_70000001', 'zh-CN', '验证码${number}，${min}分钟内有效'),
  signInZhTw: template('SMS_70000002', 'zh-TW', '驗證碼${number}，${min}分鐘內有效'),
  signInEn: template('SMS_70000003', 'en', 'Your sign-in code is ${number}. It expires in ${min} minutes.'),
  signInEnGb: template('SMS_70000004', 'en-GB', 'Your sign-in code is ${code}. Please do not share it with anyone.'),
  signInDefault: template('SMS_70000005', 'zh-CN', '登录验证码：${code}（默认模板）'),
  genericFr: template('SMS_70000006', 'fr', 'Votre code de vérification est ${code}.'),
  genericZhHant: template('SMS_70000007', 'zh-Hant', '您的驗證碼是${code}。'),
  genericDefault: template('SMS_70000008', 'zh-CN', '您的验证码是${code}。Your code is ${code}.'),
  forgotZhCn: template('SMS_70000009', 'zh-CN', '重置密码验证码${code}，请勿泄露。'),
  intlEn: { ...template('SMS_70000020', 'en', 'Your code is ${number}, valid for ${min} minutes.'), kind: 'international' },
  intlZhHant: { ...template('SMS_70000021', 'zh-Hant', '您的驗證碼是${code}（國際）。'), kind: 'international' },
} as const satisfies Record<string, SmsTemplate>;

/** An account holding templates in several languages, with variables of their own names. */
export const LANGUAGE_ACCOUNT: Account = {
  accessKeyId: 'LTAI5tLanguagesE2eKey',
  accessKeySecret: ACCESS_KEY_SECRET,
  signNames: [SIGN_NAME],
  templates: Object.values(T),
};
