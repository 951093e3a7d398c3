// Text that comes from Aliyun (Message, Recommend, a quoted string-to-sign, a proxy's page) is
// shown to administrators only after it is made safe here: sensitive request parameters masked
// by name, every known sensitive value removed in every encoding, and its length bounded.
import { redact, redactionMask } from '../../redact.js';

/** The values that must never leave the connector, in raw form; their encodings are derived. */
export type SensitiveValues = readonly string[];

/** Longest Aliyun-provided text kept; Aliyun's string-to-sign fits comfortably. */
export const maximumTextLength = 2000;

const clip = (text: string, limit: number): string =>
  text.length > limit ? `${text.slice(0, limit)}…` : text;

// Request parameters that carry the recipient, the code or credentials, in the three syntaxes
// they travel in: a form body, a string-to-sign (separators encoded once) and a string-to-sign
// nested once more.
const signedParameterNames = 'PhoneNumbers|PhoneNumber|TemplateParam|Signature|SecurityToken';
const parameterSyntaxes: readonly RegExp[] = [
  new RegExp(`((?:${signedParameterNames})=)[^&\\s]*`, 'g'),
  new RegExp(`((?:${signedParameterNames})%3D)(?:(?!%26)[^\\s])*`, 'gi'),
  new RegExp(`((?:${signedParameterNames})%253D)(?:(?!%2526)[^\\s])*`, 'gi'),
];

/** Masks the values of sensitive request parameters by name, even when a value's form was not foreseen. */
export const maskRequestParameters = (text: string): string =>
  parameterSyntaxes.reduce(
    (masked, syntax) => masked.replace(syntax, (_match, name: string) => `${name}${redactionMask}`),
    text
  );

/** Redacts, then clips: clipping first could cut a secret in half and keep one half. */
export const safeText = (text: string, sensitive: SensitiveValues, limit = maximumTextLength): string =>
  clip(redact(text, sensitive), limit);

/** Aliyun-provided text made safe for administrators. */
export const safeAliyunText = (text: string, sensitive: SensitiveValues, limit = maximumTextLength): string =>
  safeText(maskRequestParameters(text), sensitive, limit);

const stringToSignPattern = /string to sign is\s*:\s*(\S[\s\S]*)$/i;

/** The string-to-sign Aliyun quotes in a SignatureDoesNotMatch Message, if any. */
export const quotedStringToSign = (message: string): string | undefined =>
  stringToSignPattern.exec(message)?.[1]?.trim();
