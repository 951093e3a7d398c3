// The `mobile` metadata validates against each country's mobile number patterns: `min` only
// checks lengths (so it accepts numbers that cannot exist) and `max` also accepts landlines,
// which cannot receive an SMS.
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/mobile';

import { readDigits } from './characters.js';
import { maskPhoneNumber } from './mask.js';
import {
  bareDigitsRefusal,
  countryCodeRefusal,
  missingCountryCodeRefusal,
  notAStringRefusal,
} from './refusal.js';

/** Which Aliyun template family a recipient needs: mainland and international templates are not interchangeable. */
export type Region = 'mainland' | 'international';

/** One checked recipient, ready to be sent to Aliyun. */
export type Recipient = {
  /** `mainland` exactly when the country calling code is 86. */
  region: Region;
  /** Country calling code, digits only (`'86'`, `'852'`, `'1'`). */
  countryCode: string;
  /**
   * ISO 3166-1 alpha-2 country of the number (`'CN'` for every mainland number, `'HK'`, `'US'`, `'CA'`).
   * Absent only for non-geographic calling codes (`+870`, `+882`…), which belong to no country.
   */
  country?: CountryCode;
  /** The `PhoneNumbers` value: mainland → 11-digit national number; otherwise country code + national number. */
  aliyunNumber: string;
  /** `aliyunNumber` with its middle digits hidden, safe for logs and error messages. */
  masked: string;
};

/** Options of `resolveRecipient`; `strict` mirrors the config key `strictPhoneRegionNumberCheck`. */
export type ResolveOptions = {
  strict?: boolean;
};

/** Parses one number written as "+" and digits, or returns undefined: the only parse the resolver runs. */
export type ParseInternational = (international: string) => PhoneNumber | undefined;

/** Turns Logto's `to` into exactly one recipient, or throws `invalid_request_parameters`. */
export type RecipientResolver = (to: unknown, options?: ResolveOptions) => Recipient;

const mainlandCallingCode = '86';
const mainlandPrefix = `+${mainlandCallingCode}`;

/** libphonenumber-js with the mobile metadata, reading the whole string as one number. */
export const parseInternational: ParseInternational = (international) =>
  // `extract: false`: the whole string must be the number; the default would pick a number out of text.
  parsePhoneNumberFromString(international, { extract: false });

// SMS only reaches mobiles: with the `mobile` metadata a geographic number is valid only when it
// is a mobile one, and the type check also drops non-geographic toll-free and VoIP ranges (+800, +882).
function isMobile(phoneNumber: PhoneNumber | undefined): phoneNumber is PhoneNumber {
  // With metadata that has number types (the mobile metadata does), libphonenumber-js's
  // isValid() is exactly getType() !== undefined: asking for the type alone checks both.
  return phoneNumber !== undefined && phoneNumber.getType() === 'MOBILE';
}

// Every mainland mobile number is 11 digits starting with 1. Deciding on this shape before
// parsing lets the usual bare mainland number cost one cheap +86 parse instead of first failing
// the +1 one, which has to try every North American country's ranges.
function hasMainlandMobileShape(digits: string): boolean {
  return digits.length === 11 && digits.startsWith('1');
}

/** Builds the resolver over `parse` (a seam for tests to count parses: one per common form). */
export function createRecipientResolver(parse: ParseInternational): RecipientResolver {
  const readAsMainland = (digits: string): PhoneNumber | undefined => {
    const parsed = parse(`${mainlandPrefix}${digits}`);
    // The digits exactly as the national number: no trunk "0" or other prefix was dropped.
    return isMobile(parsed) && parsed.countryCallingCode === mainlandCallingCode && parsed.nationalNumber === digits
      ? parsed
      : undefined;
  };

  return (to, options = {}) => {
    // Logto's types say string, but a caller (or a custom flow) may hand over anything.
    if (typeof to !== 'string') {
      throw notAStringRefusal(to);
    }
    const strict = options.strict ?? false;
    const { digits, hasInternationalPrefix } = readDigits(to);

    // Bare 11 digits starting with 1 are also a plausible +1 number: in default mode the mainland
    // reading wins (docs/phone-numbers.md), as older data holds bare mainland numbers.
    if (!strict && !hasInternationalPrefix && hasMainlandMobileShape(digits)) {
      const mainland = readAsMainland(digits);
      if (mainland) {
        return toRecipient(mainland);
      }
      // Not a mainland mobile, so only the country-code reading is left (14155550123 is US).
      const withCountryCode = parse(`+${digits}`);
      if (isMobile(withCountryCode)) {
        return toRecipient(withCountryCode);
      }
      throw bareDigitsRefusal(to, digits);
    }

    const withCountryCode = parse(`+${digits}`);
    if (isMobile(withCountryCode)) {
      return toRecipient(withCountryCode);
    }
    // "+" or "00" is the writer stating that a country code follows: falling back to the mainland
    // reading would turn "+1 800 555 0123" into the mainland mobile 180 0555 0123.
    if (hasInternationalPrefix) {
      throw countryCodeRefusal(to, digits, withCountryCode);
    }
    if (!strict) {
      // Digits without the mainland mobile shape have no bare mainland reading to fall back to.
      throw bareDigitsRefusal(to, digits);
    }
    // A refusal either way; a second parse only to say precisely what is missing.
    if (hasMainlandMobileShape(digits) && readAsMainland(digits)) {
      throw missingCountryCodeRefusal(to);
    }
    throw countryCodeRefusal(to, digits, withCountryCode);
  };
}

/** Turns what Logto (or an older deployment) stored as `to` into exactly one Aliyun recipient, or throws `invalid_request_parameters`. */
export const resolveRecipient: RecipientResolver = createRecipientResolver(parseInternational);

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
