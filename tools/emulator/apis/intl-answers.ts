// What the international site's API (Dysmsapi 2018-05-01) shares between its operations: the
// answer shape (ResponseCode, not Code), the number details and the message ids.
import { randomInt } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { AnswerBody } from '../responses.js';
import { refuse } from '../verdict.js';
import { outcome, type ApiOutcome } from './api.js';

/** The API version of the international site's operations. */
export const INTL_VERSION = '2018-05-01';

/** A business refusal of the 2018-05-01 API: HTTP 200 with ResponseCode and ResponseDescription. */
export function intlRefusal(code: string, description: string): ApiOutcome {
  return outcome(refuse(code, 200, description, true));
}

/** The body of an accepted 2018-05-01 call: its RequestId and ResponseCode "OK", then the operation's own fields. */
export function intlAccepted(requestId: string, fields: AnswerBody): AnswerBody {
  return { RequestId: requestId, ResponseCode: 'OK', ResponseDescription: 'OK', ...fields };
}

/** A MessageId in Aliyun's shape: digits only, about 20 of them. */
export function newMessageId(): string {
  return `${String(randomInt(100_000, 1_000_000))}${Array.from({ length: 5 }, () => String(randomInt(0, 1000)).padStart(3, '0')).join('')}`;
}

/** NumberDetail of a number given as country code + digits. */
export function numberDetail(digits: string): AnswerBody {
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  const country = parsed?.country ?? 'unknown';
  return { Carrier: 'Emulated Carrier', Region: country, Country: country };
}

/** The E.164 form of digits given as country code + number, when libphonenumber reads them as valid. */
export function e164Of(digits: string): { readonly e164: string; readonly country: string | undefined } | undefined {
  if (!/^\d{6,16}$/.test(digits)) return undefined;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  if (parsed === undefined || !parsed.isValid()) return undefined;
  return { e164: parsed.number, country: parsed.country };
}
