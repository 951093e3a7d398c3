// The `mobile` metadata validates against each country's mobile number patterns: `min` only
// checks lengths (so it accepts numbers that cannot exist) and `max` also accepts landlines,
// which cannot receive an SMS.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import {
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type PhoneNumber,
} from 'libphonenumber-js/mobile';

/** Which Aliyun template family a recipient needs: mainland and international templates are not interchangeable. */
export type Region = 'mainland' | 'international';

/** One checked recipient, ready to be sent to Aliyun. */
export type Recipient = {
  /** `mainland` exactly when the country calling code is 86. */
  region: Region;
  /** Country calling code, digits only (`'86'`, `'852'`, `'1'`). */
  countryCode: string;
  /** ISO 3166-1 alpha-2 country, when the number belongs to one (`'CN'`, `'HK'`, `'US'`). */
  country?: string;
  /** The `PhoneNumbers` value: mainland → 11-digit national number; otherwise country code + national number. */
  aliyunNumber: string;
  /** `aliyunNumber` with its middle digits hidden, safe for logs and error messages. */
  masked: string;
};

/** Options of `resolveRecipient`; `strict` mirrors the config key `strictPhoneRegionNumberCheck`. */
export type ResolveOptions = {
  strict?: boolean;
};

/** Machine-readable cause of a refusal, carried in the error's `data.reason`. */
export type PhoneNumberProblem =
  | 'empty'
  | 'no_digits'
  | 'letters'
  | 'several_numbers'
  | 'invalid_character'
  | 'misplaced_plus'
  | 'unbalanced_parentheses'
  | 'too_short'
  | 'too_long'
  | 'unknown_country_code'
  | 'missing_country_code'
  | 'invalid_number';

const mainlandCallingCode = '86';
// E.164 caps a full number (country code included) at 15 digits; more can only be a typo or a list.
const maxE164Digits = 15;
// Separators people use to list numbers, full-width ones included because Chinese keyboards produce them.
const listSeparators = new Set([',', ';', '&', '/', '|', '，', '；', '、']);
const allowedPunctuation = new Set(['-', '.', '(', ')', '+']);

/** Hides all but the first 3 and last 2 digits (fewer for short input) so a number can be logged without exposing it. */
export function maskPhoneNumber(raw: string): string {
  const digits = raw.replace(/\D/g, '');
  // Always hide at least half of the digits, so short strings are not revealed whole.
  const head = Math.min(3, Math.floor(digits.length / 3));
  const tail = Math.min(2, Math.floor(digits.length / 5));
  return (
    digits.slice(0, head) +
    '*'.repeat(digits.length - head - tail) +
    digits.slice(digits.length - tail)
  );
}

/** Turns what Logto (or an older deployment) stored as `to` into exactly one Aliyun recipient, or throws `invalid_request_parameters`. */
export function resolveRecipient(to: string, options: ResolveOptions = {}): Recipient {
  const strict = options.strict ?? false;
  const { digits, hasInternationalPrefix } = readDigits(to);

  const withCountryCode = readWithCountryCode(digits);
  if (withCountryCode) {
    // The rule: when the digits are valid as country code + number, that reading wins,
    // even if they would also be a valid bare mainland number (see docs/phone-numbers.md).
    return toRecipient(withCountryCode);
  }

  // "+" or "00" is the writer stating that a country code follows: falling back to the mainland
  // reading would turn "+1 800 555 0123" into the mainland mobile 180 0555 0123.
  if (hasInternationalPrefix) {
    throw countryCodeRefusal(to, digits);
  }

  const bareMainland = readAsBareMainland(digits);
  if (strict) {
    if (bareMainland) {
      throw refusal(
        to,
        'missing_country_code',
        'The phone number is a mainland China number without its country code, which strict phone region checking requires (prefix it with 86).',
      );
    }
    throw countryCodeRefusal(to, digits);
  }

  if (bareMainland) {
    return toRecipient(bareMainland);
  }

  throw bareDigitsRefusal(to, digits);
}

// Checks the characters; returns the digits without "+" or a leading "00", and whether one was there.
function readDigits(raw: string): { digits: string; hasInternationalPrefix: boolean } {
  const text = raw.trim();
  if (text === '') {
    throw refusal(raw, 'empty', 'The phone number is empty.');
  }

  // Checked in this order so that a list of numbers is reported as such even when it also has letters.
  for (const character of text) {
    if (listSeparators.has(character)) {
      throw refusal(
        raw,
        'several_numbers',
        `The phone number contains "${character}", which separates several numbers, but exactly one number is allowed.`,
      );
    }
  }
  if (/\p{L}/u.test(text)) {
    throw refusal(
      raw,
      'letters',
      'The phone number contains letters, but only digits, spaces, "+", "-", "." and parentheses are allowed.',
    );
  }
  for (const character of text) {
    if (!/[0-9]/.test(character) && !/\s/.test(character) && !allowedPunctuation.has(character)) {
      throw refusal(
        raw,
        'invalid_character',
        `The phone number contains the character ${JSON.stringify(character)}, which is not allowed in a phone number.`,
      );
    }
  }

  const plusCount = text.split('+').length - 1;
  if (plusCount > 1) {
    throw refusal(
      raw,
      'several_numbers',
      'The phone number contains more than one "+", so it holds several numbers, but exactly one number is allowed.',
    );
  }
  const plusAt = text.indexOf('+');
  // "(+86) 138…" is a common way to write it, so only spaces and "(" may come before the "+".
  if (plusAt > 0 && !/^[\s(]*$/.test(text.slice(0, plusAt))) {
    throw refusal(raw, 'misplaced_plus', 'The phone number has a "+" that is not at its start.');
  }

  if (!hasBalancedParentheses(text)) {
    throw refusal(raw, 'unbalanced_parentheses', 'The phone number has unbalanced parentheses.');
  }

  const allDigits = text.replace(/\D/g, '');
  if (allDigits === '') {
    throw refusal(raw, 'no_digits', 'The phone number contains no digits.');
  }

  const hasPlus = plusAt >= 0;
  // "00" is the international dialling prefix of China and most of the world: same meaning as "+".
  const hasDoubleZero = !hasPlus && allDigits.startsWith('00');
  const digits = hasDoubleZero ? allDigits.slice(2) : allDigits;

  if (digits.length > maxE164Digits) {
    throw refusal(
      raw,
      'too_long',
      `The phone number has more than ${maxE164Digits} digits, so it is too long for one phone number or holds several numbers.`,
    );
  }

  return { digits, hasInternationalPrefix: hasPlus || hasDoubleZero };
}

function hasBalancedParentheses(text: string): boolean {
  let depth = 0;
  for (const character of text) {
    if (character === '(') {
      depth += 1;
    } else if (character === ')') {
      depth -= 1;
      if (depth < 0) {
        return false;
      }
    }
  }
  return depth === 0;
}

// SMS only reaches mobiles: with the `mobile` metadata a geographic number is valid only when it
// is a mobile one, and the type check also drops non-geographic toll-free and VoIP ranges (+800, +882).
function isMobile(phoneNumber: PhoneNumber): boolean {
  return phoneNumber.isValid() && phoneNumber.getType() === 'MOBILE';
}

function readWithCountryCode(digits: string): PhoneNumber | undefined {
  // `extract: false`: the whole string must be the number; the default would pick a number out of text.
  const parsed = parsePhoneNumberFromString(`+${digits}`, { extract: false });
  return parsed && isMobile(parsed) ? parsed : undefined;
}

function readAsBareMainland(digits: string): PhoneNumber | undefined {
  const parsed = parsePhoneNumberFromString(digits, { defaultCountry: 'CN', extract: false });
  // Only the digits exactly as a national mobile number: the parser would otherwise also accept
  // "86…" (a country code, handled by the other reading) or strip a trunk "0" no mobile carries.
  return parsed &&
    isMobile(parsed) &&
    parsed.countryCallingCode === mainlandCallingCode &&
    parsed.nationalNumber === digits
    ? parsed
    : undefined;
}

function toRecipient(phoneNumber: PhoneNumber): Recipient {
  const countryCode = phoneNumber.countryCallingCode;
  const region: Region = countryCode === mainlandCallingCode ? 'mainland' : 'international';
  // Aliyun wants mainland numbers without 86 and every other number as digits after the "+".
  const aliyunNumber =
    region === 'mainland' ? phoneNumber.nationalNumber : `${countryCode}${phoneNumber.nationalNumber}`;
  return {
    region,
    countryCode,
    ...(phoneNumber.country === undefined ? {} : { country: phoneNumber.country }),
    aliyunNumber,
    masked: maskPhoneNumber(aliyunNumber),
  };
}

function countryCodeRefusal(raw: string, digits: string): ConnectorError {
  const international = `+${digits}`;
  switch (validatePhoneNumberLength(international)) {
    case 'INVALID_COUNTRY': {
      return refusal(raw, 'unknown_country_code', 'The phone number does not start with a known country code.');
    }
    case 'TOO_SHORT': {
      return refusal(raw, 'too_short', 'The phone number is too short for its country code.');
    }
    case 'TOO_LONG': {
      return refusal(raw, 'too_long', 'The phone number is too long for its country code.');
    }
    default: {
      const countryCode = parsePhoneNumberFromString(international, { extract: false })?.countryCallingCode;
      return refusal(
        raw,
        'invalid_number',
        countryCode === undefined
          ? 'The phone number is not a valid mobile number with a country code.'
          : `The phone number is not a valid mobile number for country code +${countryCode}.`,
      );
    }
  }
}

function bareDigitsRefusal(raw: string, digits: string): ConnectorError {
  const withCountryCode = validatePhoneNumberLength(`+${digits}`);
  const asMainland = validatePhoneNumberLength(digits, 'CN');
  if (withCountryCode === 'TOO_SHORT' && asMainland === 'TOO_SHORT') {
    return refusal(raw, 'too_short', 'The phone number is too short to be a mobile number.');
  }
  if (withCountryCode === 'TOO_LONG' && asMainland === 'TOO_LONG') {
    return refusal(raw, 'too_long', 'The phone number is too long to be a mobile number.');
  }
  return refusal(
    raw,
    'invalid_number',
    'The phone number is neither a valid mobile number with a country code nor a valid mainland China mobile number.',
  );
}

// Logto answers invalid_request_parameters with HTTP 400 and shows errorDescription; the number
// itself only ever leaves masked, because the error is logged and serialised.
function refusal(raw: string, reason: PhoneNumberProblem, errorDescription: string): ConnectorError {
  return new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
    errorDescription,
    reason,
    maskedPhoneNumber: maskPhoneNumber(raw),
  });
}
