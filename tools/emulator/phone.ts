import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { TemplateKind } from './accounts.js';

/** Aliyun's answer to a number it will not send to. */
export interface NumberRefusal {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
}

/** How the emulator read a PhoneNumbers value against a template kind. */
export type NumberCheck = { readonly ok: true; readonly region: TemplateKind; readonly e164: string } | NumberRefusal;

// Aliyun accepts a mainland mobile with or without these prefixes.
const MAINLAND_FORM = /^(?:\+86|0086|86|\+)?(1\d{10})$/;
const DIGITS_ONLY = /^\d+$/;

function illegal(reason: string): NumberRefusal {
  return { ok: false, code: 'isv.MOBILE_NUMBER_ILLEGAL', message: `非法手机号 (${reason})` };
}

/** The mainland mobile number (11 digits) a value stands for, if it is one. */
export function mainlandNumber(raw: string): string | undefined {
  const national = MAINLAND_FORM.exec(raw)?.[1];
  if (national === undefined) return undefined;
  const parsed = parsePhoneNumberFromString(national, 'CN');
  return parsed?.isValid() === true && parsed.getType() === 'MOBILE' ? national : undefined;
}

/** The E.164 form of an international number written as country code + number, digits only. */
export function internationalNumber(raw: string): string | undefined {
  if (!DIGITS_ONLY.test(raw)) return undefined;
  const parsed = parsePhoneNumberFromString(`+${raw}`);
  if (parsed === undefined || !parsed.isValid() || parsed.country === 'CN') return undefined;
  return parsed.number;
}

/** Refuses a comma-separated list: Aliyun takes up to 1000 numbers, a verification code goes to one. */
export function refuseSeveralNumbers(raw: string): NumberRefusal | undefined {
  if (!raw.includes(',')) return undefined;
  const count = raw.split(',').length;
  return illegal(
    `${count} numbers given: Aliyun takes up to 1000, but this emulator models a verification-code account, which sends one code to one number per request`,
  );
}

/**
 * Checks a PhoneNumbers value for a verification-code send: exactly one number, in the form
 * Aliyun expects, and in the region the template is approved for.
 */
export function checkPhoneNumber(raw: string, kind: TemplateKind): NumberCheck {
  const several = refuseSeveralNumbers(raw);
  if (several !== undefined) return several;
  const mainland = mainlandNumber(raw);
  if (kind === 'mainland') {
    if (mainland !== undefined) return { ok: true, region: 'mainland', e164: `+86${mainland}` };
    if (internationalNumber(raw) !== undefined) {
      return illegal('an international number cannot receive a mainland template; use an international template');
    }
    return illegal('expected a mainland mobile: 11 digits starting with 1, optionally prefixed by +86, 0086 or 86');
  }
  const international = internationalNumber(raw);
  if (international !== undefined) return { ok: true, region: 'international', e164: international };
  if (mainland !== undefined) {
    return {
      ok: false,
      code: 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED',
      message: '国际/港澳台消息模板不支持发送境内号码 (a mainland number cannot receive an international template)',
    };
  }
  return illegal('expected country code + number, digits only, without + or 00');
}
