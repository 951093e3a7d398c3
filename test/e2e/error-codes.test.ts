// End-to-end: every code of the Aliyun error table (docs/aliyun-sms-api.md), played by the
// emulator's `aliyun-code` fault over real HTTP, on HTTP 200 and on a 4xx/5xx status, must
// become the ConnectorError Logto needs, retried only when Aliyun certainly did not act.
import { ConnectorErrorCodes, type SmsConnector } from '@logto/connector-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  E2E_ACCOUNT,
  MAINLAND_PHONE,
  SECRET,
  configFor,
  dataField,
  distinctCode,
  makeConnector,
  sendFailing,
  sendOk,
  forbiddenAfter,
} from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import { startEmulator, type Emulator } from '../../tools/emulator/index.js';

type Row = {
  readonly code: string;
  readonly expected: ConnectorErrorCodes;
  /** The non-200 status Aliyun uses (or could use) for this code; every row is also played on 200. */
  readonly errorStatus: number;
  /** Retried: throttling and 503 prove the request was not processed. */
  readonly retried: boolean;
};

const rateLimit = ConnectorErrorCodes.RateLimitExceeded;
const usageLimit = ConnectorErrorCodes.UsageLimitExceeded;
const badRequest = ConnectorErrorCodes.InvalidRequestParameters;
const badConfig = ConnectorErrorCodes.InvalidConfig;
const general = ConnectorErrorCodes.General;

// Written from the documentation's table and the issue, not from src/aliyun/errors.ts.
const rows: readonly Row[] = [
  { code: 'isv.BUSINESS_LIMIT_CONTROL', expected: rateLimit, errorStatus: 400, retried: false },
  { code: 'isv.DAY_LIMIT_CONTROL', expected: usageLimit, errorStatus: 400, retried: false },
  { code: 'isv.MONTH_LIMIT_CONTROL', expected: usageLimit, errorStatus: 400, retried: false },
  { code: 'isv.AMOUNT_NOT_ENOUGH', expected: usageLimit, errorStatus: 400, retried: false },
  { code: 'isv.OUT_OF_SERVICE', expected: usageLimit, errorStatus: 400, retried: false },
  { code: 'Throttling', expected: rateLimit, errorStatus: 400, retried: true },
  { code: 'Throttling.User', expected: rateLimit, errorStatus: 400, retried: true },
  { code: 'Throttling.Api', expected: rateLimit, errorStatus: 400, retried: true },
  { code: 'isv.MOBILE_NUMBER_ILLEGAL', expected: badRequest, errorStatus: 400, retried: false },
  { code: 'isv.MOBILE_COUNT_OVER_LIMIT', expected: badRequest, errorStatus: 400, retried: false },
  { code: 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED', expected: badRequest, errorStatus: 400, retried: false },
  { code: 'isv.SMS_SIGNATURE_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.SIGN_NAME_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.SIGN_STATE_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.SMS_SIGNATURE_SCENE_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.SMS_TEMPLATE_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.TEMPLATE_MISSING_PARAMETERS', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.TEMPLATE_PARAMS_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.INVALID_JSON_PARAM', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.PARAM_LENGTH_LIMIT', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.PARAM_NOT_SUPPORT_URL', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.BLACK_KEY_CONTROL_LIMIT', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.SMS_CONTENT_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isp.RAM_PERMISSION_DENY', expected: badConfig, errorStatus: 403, retried: false },
  { code: 'Forbidden.RAM', expected: badConfig, errorStatus: 403, retried: false },
  { code: 'isv.DENY_IP_RANGE', expected: badConfig, errorStatus: 403, retried: false },
  { code: 'isv.PRODUCT_UN_SUBSCRIPT', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.ACCOUNT_NOT_EXISTS', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'isv.ACCOUNT_ABNORMAL', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'SignatureDoesNotMatch', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'InvalidAccessKeyId.NotFound', expected: badConfig, errorStatus: 404, retried: false },
  { code: 'InvalidAccessKeyId.Inactive', expected: badConfig, errorStatus: 400, retried: false },
  { code: 'InvalidTimeStamp.Expired', expected: badConfig, errorStatus: 400, retried: false },
  // The first attempt may have arrived: never retried, and not a rate limit.
  { code: 'SignatureNonceUsed', expected: general, errorStatus: 400, retried: false },
  // Aliyun-side faults that may have sent the SMS: not retried.
  { code: 'isp.SYSTEM_ERROR', expected: general, errorStatus: 500, retried: false },
  { code: 'InternalError', expected: general, errorStatus: 500, retried: false },
  { code: 'ServiceUnavailable', expected: general, errorStatus: 503, retried: true },
];

const cases = rows.flatMap((row) => [
  { ...row, status: 200 },
  { ...row, status: row.errorStatus },
]);

let emulator: Emulator;
let connector: SmsConnector;

beforeAll(async () => {
  emulator = await startEmulator({ accounts: [E2E_ACCOUNT] });
  connector = await makeConnector();
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
  emulator.clearFaults();
});


describe('the Aliyun error table', () => {
  it('lists each documented code once, with a 4xx/5xx status of its own', () => {
    expect(new Set(rows.map(({ code }) => code)).size).toBe(rows.length);
    expect(rows).toHaveLength(37);
    for (const { errorStatus } of rows) {
      expect(errorStatus).toBeGreaterThanOrEqual(400);
      expect(errorStatus).toBeLessThan(600);
    }
  });

  it.each(cases)(
    '$code on HTTP $status → $expected (retried: $retried)',
    async ({ code: aliyunCode, status, expected, retried }) => {
      const code = distinctCode(`error table ${aliyunCode} ${status}`);
      // On every request: a retried code must still end in the mapped error after 3 attempts.
      emulator.injectFault({ kind: 'aliyun-code', code: aliyunCode, status }, { times: 10 });

      const { error } = await sendFailing(connector, configFor(emulator.url, { timeout: 5000 }), {
        to: MAINLAND_PHONE.given,
        code,
      });

      expect(error.code).toBe(expected);
      const description = dataField(error, 'errorDescription');
      expect(description).toBeTypeOf('string');
      expect(String(description).trim().length).toBeGreaterThan(20);
      expect(dataField(error, 'Code')).toBe(aliyunCode);
      expect(dataField(error, 'httpStatus')).toBe(status);
      expect(emulator.requests).toHaveLength(retried ? 3 : 1);
      // The error reports the last attempt's RequestId.
      expect(dataField(error, 'RequestId')).toBe(emulator.requests.at(-1)?.requestId);
      expect(emulator.requests.every(({ verdict }) => verdict.code === aliyunCode)).toBe(true);
      // Each attempt is freshly signed: a reused nonce would be refused as SignatureNonceUsed.
      const nonces = emulator.requests.map(({ params }) => params.SignatureNonce);
      expect(new Set(nonces).size).toBe(nonces.length);
      expect(emulator.messages).toHaveLength(0);
      expect(error.message).toContain(aliyunCode);

      expectNoLeak(error, forbiddenAfter(emulator, { codes: [code] }));
    }
  );
});

describe('Aliyun text echoing the request', () => {
  it('keeps the code, the number and the secret out of the error even when Aliyun quotes them', async () => {
    const code = distinctCode('hostile echo');
    const echoed = [
      `rejected ${MAINLAND_PHONE.given} / ${MAINLAND_PHONE.sent} code ${code} key ${SECRET}`,
      `PhoneNumbers=${MAINLAND_PHONE.sent}&TemplateParam=${encodeURIComponent(JSON.stringify({ code }))}`,
      `{"code":"${code}"} ${encodeURIComponent(SECRET)}`,
    ].join(' | ');
    emulator.injectFault({ kind: 'aliyun-code', code: 'isv.TEMPLATE_PARAMS_ILLEGAL', message: echoed });

    const { error } = await sendFailing(connector, configFor(emulator.url), { to: MAINLAND_PHONE.given, code });

    expect(error.code).toBe(ConnectorErrorCodes.InvalidConfig);
    // The rest of Aliyun's text is kept for the administrator.
    expect(dataField(error, 'Message')).toEqual(expect.stringContaining('rejected'));
    expectNoLeak(error, forbiddenAfter(emulator, { codes: [code] }));
  });

  it('sends normally once the fault queue is empty (faults are not sticky)', async () => {
    emulator.injectFault({ kind: 'aliyun-code', code: 'isv.DAY_LIMIT_CONTROL' });
    const code = distinctCode('after a fault');
    const { error } = await sendFailing(connector, configFor(emulator.url), { to: MAINLAND_PHONE.given, code });
    expect(error.code).toBe(ConnectorErrorCodes.UsageLimitExceeded);
    await sendOk(connector, configFor(emulator.url), { to: MAINLAND_PHONE.given, code });
    expect(emulator.messages).toHaveLength(1);
  });
});
