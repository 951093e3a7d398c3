// Why a phone number cannot be used, said once per cause. Logto answers invalid_request_parameters
// with HTTP 400 and shows errorDescription; the number itself only ever leaves masked, because
// the error is logged, serialised and even returned to the anonymous user signing in.
import { ConnectorError, ConnectorErrorCodes } from '@logto/connector-kit';
import { validatePhoneNumberLength, type PhoneNumber } from 'libphonenumber-js/mobile';

import { maskPhoneNumber } from './mask.js';

/** Machine-readable cause of a refusal, carried in the error's `data.reason`. */
export type PhoneNumberProblem =
  | 'not_a_string'
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

/** The refusal of `raw` for `reason`; its data holds the description, the reason and the masked number, nothing else. */
export function refusal(raw: string, reason: PhoneNumberProblem, errorDescription: string): ConnectorError {
  return new ConnectorError(ConnectorErrorCodes.InvalidRequestParameters, {
    errorDescription,
    reason,
    maskedPhoneNumber: maskPhoneNumber(raw),
  });
}

/** The refusal of a `to` that is not a string, naming its type but never its content. */
export function notAStringRefusal(to: unknown): ConnectorError {
  // A number still gets a masked form, which helps an admin find the caller that sent it.
  const maskable = typeof to === 'number' || typeof to === 'bigint' ? String(to) : '';
  return refusal(maskable, 'not_a_string', `The phone number must be a string, but it is ${describeType(to)}.`);
}

function describeType(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  switch (typeof value) {
    case 'undefined': {
      return 'undefined';
    }
    case 'object': {
      return 'an object';
    }
    default: {
      return `a ${typeof value}`;
    }
  }
}

/** Why digits written with their country code are not a mobile number; `parsed` is what the parser made of them, if anything. */
export function countryCodeRefusal(raw: string, digits: string, parsed: PhoneNumber | undefined): ConnectorError {
  switch (validatePhoneNumberLength(`+${digits}`)) {
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
      return refusal(
        raw,
        'invalid_number',
        parsed === undefined
          ? 'The phone number is not a valid mobile number with a country code.'
          : `The phone number is not a valid mobile number for country code +${parsed.countryCallingCode}.`,
      );
    }
  }
}

/** Why bare digits are neither a mobile number with its country code nor a bare mainland mobile number. */
export function bareDigitsRefusal(raw: string, digits: string): ConnectorError {
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

/** The strict-mode refusal of a valid mainland mobile number written without 86. */
export function missingCountryCodeRefusal(raw: string): ConnectorError {
  return refusal(
    raw,
    'missing_country_code',
    'The phone number is a mainland China number without its country code, which strict phone region checking requires (prefix it with 86).',
  );
}
