import { findAccount, type Account } from './accounts.js';
import type { NonceStore } from './nonces.js';
import type { RequestParams } from './params.js';
import { toRecord } from './params.js';
import { expectedSignature, stringToSign } from './signature.js';
import { refuse, type Verdict } from './verdict.js';

/** How far a request's Timestamp may be from the server's clock, either way. */
export const TIMESTAMP_WINDOW_MS = 15 * 60_000;

/** The request as the gateway sees it. */
export interface GatewayInput {
  readonly method: string;
  readonly path: string;
  readonly params: RequestParams;
  readonly accounts: readonly Account[];
  readonly now: Date;
  readonly nonces: NonceStore;
}

/** The gateway either lets the request through for an account, or answers for it. */
export type GatewayResult = { readonly ok: true; readonly account: Account } | { readonly ok: false; readonly verdict: Verdict };

const REQUIRED = [
  'Action',
  'Version',
  'AccessKeyId',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
  'Signature',
] as const;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** Milliseconds since the epoch of a `yyyy-MM-ddTHH:mm:ssZ` timestamp, or undefined if malformed. */
export function parseTimestamp(value: string): number | undefined {
  if (!TIMESTAMP.test(value)) return undefined;
  const ms = Date.parse(value);
  // Date.parse rolls impossible dates over (2025-02-30): a round trip catches them.
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== value.replace('Z', '.000Z')) return undefined;
  return ms;
}

function fail(code: string, status: number, message: string): GatewayResult {
  return { ok: false, verdict: refuse(code, status, message) };
}

/**
 * The checks Aliyun's API gateway makes before SendSms runs: route, common parameters,
 * timestamp, AccessKeyId, signature, nonce. A nonce is only spent once the signature matched,
 * so forged requests cannot burn a caller's nonces.
 */
export function checkGateway(input: GatewayInput): GatewayResult {
  const { params } = input;
  if (input.path !== '/' || (input.method !== 'GET' && input.method !== 'POST')) {
    return fail('InvalidAction.NotFound', 404, 'Specified api is not found, please check your url and method.');
  }
  const duplicate = params.duplicates[0];
  if (duplicate !== undefined) {
    return fail('InvalidParameter', 400, `The parameter "${duplicate}" was given more than once.`);
  }
  const values = params.values;
  for (const name of REQUIRED) {
    if ((values.get(name) ?? '') === '') return fail(`Missing${name}`, 400, `${name} is mandatory for this action.`);
  }
  const get = (name: (typeof REQUIRED)[number]): string => values.get(name) ?? '';
  if (get('Action') !== 'SendSms') {
    return fail('InvalidAction.NotFound', 404, 'Specified api is not found, please check your url and method.');
  }
  if (get('Version') !== '2017-05-25') {
    return fail('InvalidVersion', 400, 'Specified parameter Version is not valid.');
  }
  if (get('SignatureMethod') !== 'HMAC-SHA1' || get('SignatureVersion') !== '1.0') {
    return fail(
      'IncompleteSignature',
      400,
      `The request signature does not conform to Aliyun standards. SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0 (got ${get('SignatureMethod')} / ${get('SignatureVersion')}).`,
    );
  }
  const timestamp = parseTimestamp(get('Timestamp'));
  if (timestamp === undefined) {
    return fail('InvalidTimeStamp.Format', 400, 'Specified time stamp or date value is not well formatted.');
  }
  if (Math.abs(input.now.getTime() - timestamp) > TIMESTAMP_WINDOW_MS) {
    return fail('InvalidTimeStamp.Expired', 400, 'Specified time stamp or date value is expired.');
  }
  const account = findAccount(input.accounts, get('AccessKeyId'));
  if (account === undefined) {
    return fail('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.');
  }
  const record = toRecord(values);
  if (expectedSignature(input.method, record, account.accessKeySecret) !== get('Signature')) {
    return fail(
      'SignatureDoesNotMatch',
      400,
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign(input.method, record)}`,
    );
  }
  if (!input.nonces.use(account.accessKeyId, get('SignatureNonce'), input.now.getTime())) {
    return { ok: false, verdict: refuse('SignatureNonceUsed', 400, 'Specified signature nonce was used already.', true) };
  }
  return { ok: true, account };
}
