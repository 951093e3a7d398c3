// End-to-end: every code of the Aliyun error table (docs/aliyun-sms-api.md), played by the
// emulator's `aliyun-code` fault over real HTTP, on HTTP 200 and on a 4xx/5xx status. A runtime
// send must give the end user the precise ConnectorError code with minimal data; the console's
// Send button must give the administrator general, the precise code, and advice naming the key
// to fix. Only throttling, refused before processing, is retried.
import { ConnectorErrorCodes } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { knownCodes } from '../../src/aliyun/classify.js';
import type { ConfigKeyName } from '../../src/config/labels.js';

import {
  E2E_ACCOUNT,
  MAINLAND_PHONE,
  SECRET,
  VIAS,
  configFor,
  dataField,
  distinctCode,
  forbiddenAfter,
  sendFailing,
  sendOk,
  sendRequests,
  useEmulator,
} from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import { expectReaderSees } from './support/readers.js';

type Row = {
  readonly code: string;
  /** The end user's code, and the administrator's connectorCode. */
  readonly expected: ConnectorErrorCodes;
  /** The non-200 status Aliyun uses (or could use) for this code; every row is also played on 200. */
  readonly errorStatus: number;
  /** Retried: throttling proves the request was not processed. */
  readonly retried: boolean;
  /** The config key the administrator's advice names, when one is to blame. */
  readonly field?: ConfigKeyName;
  /** What the end user's sentence says. */
  readonly says: RegExp;
  /** A prefix family rather than an exact code of the table. */
  readonly family?: true;
};

const rateLimit = ConnectorErrorCodes.RateLimitExceeded;
const usageLimit = ConnectorErrorCodes.UsageLimitExceeded;
const badRequest = ConnectorErrorCodes.InvalidRequestParameters;
const badConfig = ConnectorErrorCodes.InvalidConfig;
const general = ConnectorErrorCodes.General;

const waitForNumber = /wait a few minutes/;
const busy = /busy/;
const notNow = /right now/;
const checkNumber = /phone number/;
const siteProblem = /problem on this site/;
const mayArrive = /within a minute/;

// Written from the documentation's table and the issue, not from the code tables in src/aliyun/.
const rows: readonly Row[] = [
  { code: 'isv.BUSINESS_LIMIT_CONTROL', expected: rateLimit, errorStatus: 400, retried: false, says: waitForNumber },
  { code: 'isv.DAY_LIMIT_CONTROL', expected: usageLimit, errorStatus: 400, retried: false, says: notNow },
  { code: 'isv.MONTH_LIMIT_CONTROL', expected: usageLimit, errorStatus: 400, retried: false, says: notNow },
  { code: 'isv.AMOUNT_NOT_ENOUGH', expected: usageLimit, errorStatus: 400, retried: false, says: notNow },
  { code: 'isv.OUT_OF_SERVICE', expected: usageLimit, errorStatus: 400, retried: false, says: notNow },
  { code: 'Throttling', expected: rateLimit, errorStatus: 400, retried: true, says: busy },
  { code: 'Throttling.User', expected: rateLimit, errorStatus: 400, retried: true, says: busy, family: true },
  { code: 'Throttling.Api', expected: rateLimit, errorStatus: 400, retried: true, says: busy, family: true },
  { code: 'isv.MOBILE_NUMBER_ILLEGAL', expected: badRequest, errorStatus: 400, retried: false, field: 'templates', says: checkNumber },
  { code: 'isv.MOBILE_COUNT_OVER_LIMIT', expected: badRequest, errorStatus: 400, retried: false, says: checkNumber },
  { code: 'isv.DOMESTIC_NUMBER_NOT_SUPPORTED', expected: badRequest, errorStatus: 400, retried: false, field: 'templates', says: checkNumber },
  { code: 'isv.SMS_SIGNATURE_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false, field: 'signName', says: siteProblem },
  { code: 'isv.SIGN_NAME_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false, field: 'signName', says: siteProblem },
  { code: 'isv.SIGN_STATE_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false, field: 'signName', says: siteProblem },
  { code: 'isv.SMS_SIGNATURE_SCENE_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false, field: 'signName', says: siteProblem },
  { code: 'isv.SMS_TEMPLATE_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false, field: 'templates', says: siteProblem },
  { code: 'isv.TEMPLATE_MISSING_PARAMETERS', expected: badConfig, errorStatus: 400, retried: false, field: 'templates', says: siteProblem },
  { code: 'isv.TEMPLATE_PARAMS_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false, field: 'templates', says: siteProblem },
  { code: 'isv.INVALID_JSON_PARAM', expected: badConfig, errorStatus: 400, retried: false, field: 'templates', says: siteProblem },
  { code: 'isv.PARAM_LENGTH_LIMIT', expected: badConfig, errorStatus: 400, retried: false, field: 'templates', says: siteProblem },
  { code: 'isv.PARAM_NOT_SUPPORT_URL', expected: badConfig, errorStatus: 400, retried: false, field: 'templates', says: siteProblem },
  { code: 'isv.BLACK_KEY_CONTROL_LIMIT', expected: badConfig, errorStatus: 400, retried: false, field: 'templates', says: siteProblem },
  { code: 'isv.SMS_CONTENT_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false, field: 'templates', says: siteProblem },
  { code: 'isv.SMS_TEST_NUMBER_LIMIT', expected: badConfig, errorStatus: 400, retried: false, field: 'signName', says: siteProblem },
  { code: 'isv.SMS_TEST_SIGN_TEMPLATE_LIMIT', expected: badConfig, errorStatus: 400, retried: false, field: 'templates', says: siteProblem },
  { code: 'isv.SMS_TEST_TEMPLATE_PARAMS_ILLEGAL', expected: badConfig, errorStatus: 400, retried: false, field: 'templates', says: siteProblem },
  { code: 'isp.RAM_PERMISSION_DENY', expected: badConfig, errorStatus: 403, retried: false, field: 'accessKeyId', says: siteProblem },
  { code: 'Forbidden.RAM', expected: badConfig, errorStatus: 403, retried: false, field: 'accessKeyId', says: siteProblem },
  { code: 'Forbidden.NoPermission', expected: badConfig, errorStatus: 403, retried: false, field: 'accessKeyId', says: siteProblem, family: true },
  // The deployment (its egress IP, its clock) is wrong, not the form: no key to name.
  { code: 'isv.DENY_IP_RANGE', expected: badConfig, errorStatus: 403, retried: false, says: siteProblem },
  { code: 'isv.INTERFACE_OFFLINE', expected: badConfig, errorStatus: 400, retried: false, says: siteProblem },
  { code: 'isv.PRODUCT_UN_SUBSCRIPT', expected: badConfig, errorStatus: 400, retried: false, field: 'service', says: siteProblem },
  { code: 'isv.ACCOUNT_NOT_EXISTS', expected: badConfig, errorStatus: 400, retried: false, field: 'accessKeyId', says: siteProblem },
  { code: 'isv.ACCOUNT_ABNORMAL', expected: badConfig, errorStatus: 400, retried: false, field: 'accessKeyId', says: siteProblem },
  { code: 'isv.SECURITY_FROZEN_ACCOUNT', expected: badConfig, errorStatus: 400, retried: false, field: 'accessKeyId', says: siteProblem },
  { code: 'SignatureDoesNotMatch', expected: badConfig, errorStatus: 400, retried: false, field: 'accessKeySecret', says: siteProblem },
  { code: 'InvalidAccessKeyId.NotFound', expected: badConfig, errorStatus: 404, retried: false, field: 'accessKeyId', says: siteProblem },
  { code: 'InvalidAccessKeyId.Inactive', expected: badConfig, errorStatus: 400, retried: false, field: 'accessKeyId', says: siteProblem },
  { code: 'InvalidAccessKeyId.Malformed', expected: badConfig, errorStatus: 400, retried: false, field: 'accessKeyId', says: siteProblem, family: true },
  { code: 'MissingSecurityToken', expected: badConfig, errorStatus: 400, retried: false, field: 'securityToken', says: siteProblem },
  { code: 'InvalidSecurityToken.Expired', expected: badConfig, errorStatus: 400, retried: false, field: 'securityToken', says: siteProblem, family: true },
  { code: 'InvalidTimeStamp.Expired', expected: badConfig, errorStatus: 400, retried: false, says: siteProblem },
  // The first attempt may have arrived: never retried, and not a rate limit.
  { code: 'SignatureNonceUsed', expected: general, errorStatus: 400, retried: false, says: mayArrive },
  // Aliyun-side faults that may have sent the SMS: not retried, 503 included.
  { code: 'isp.SYSTEM_ERROR', expected: general, errorStatus: 500, retried: false, says: mayArrive },
  { code: 'InternalError', expected: general, errorStatus: 500, retried: false, says: mayArrive },
  { code: 'ServiceUnavailable', expected: general, errorStatus: 503, retried: false, says: mayArrive },
  // A code the connector does not know may or may not have sent the SMS.
  { code: 'isv.SOMETHING_NEW', expected: general, errorStatus: 400, retried: false, says: mayArrive, family: true },
];

const cases = rows.flatMap((row) =>
  [200, row.errorStatus].flatMap((status) => VIAS.map((via) => ({ ...row, status, via })))
);

const emulator = useEmulator({ accounts: [E2E_ACCOUNT] });

describe('the Aliyun error table', () => {
  it('has a row for every exact code the connector maps, each once, with a 4xx/5xx status of its own', () => {
    const exact = rows.filter(({ family }) => family !== true).map(({ code }) => code);
    expect([...exact].sort()).toEqual([...knownCodes('dysms')].sort());
    expect(new Set(rows.map(({ code }) => code)).size).toBe(rows.length);
    for (const { errorStatus } of rows) {
      expect(errorStatus).toBeGreaterThanOrEqual(400);
      expect(errorStatus).toBeLessThan(600);
    }
  });

  it.each(cases)(
    '$via: $code on HTTP $status → $expected (retried: $retried)',
    async ({ via, code: aliyunCode, status, expected, retried, field, says }) => {
      const code = distinctCode(`error table ${aliyunCode} ${status} ${via}`);
      // On every request: a retried code must still end in the mapped error after 3 attempts.
      emulator().injectFault({ kind: 'aliyun-code', code: aliyunCode, status }, { times: 10 });
      const config = configFor(emulator().url, { timeout: 5000 });

      const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

      const sends = sendRequests(emulator());
      const last = sends.at(-1);
      expectReaderSees(via, error, config, {
        code: expected,
        Code: aliyunCode,
        // The error reports the last attempt's RequestId.
        RequestId: last?.requestId,
        Message: last?.verdict.message,
        userSays: says,
        fields: field === undefined ? [] : [field],
        adminData: { httpStatus: status, Message: last?.verdict.message, ...(field === undefined ? {} : { fields: [field] }) },
      });
      if (via === 'console' && field === undefined) {
        expect(String(dataField(error, 'errorDescription'))).not.toContain('Config to check');
      }
      expect(sends).toHaveLength(retried ? 3 : 1);
      expect(sends.every(({ verdict }) => verdict.code === aliyunCode)).toBe(true);
      // Each attempt is freshly signed: a reused nonce would be refused as SignatureNonceUsed.
      const nonces = emulator().requests.map(({ params }) => params.SignatureNonce);
      expect(new Set(nonces).size).toBe(nonces.length);
      expect(emulator().messages).toHaveLength(0);
      // Logto's log line names the code for either reader.
      expect(error.message).toContain(aliyunCode);

      expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code] }));
    }
  );
});

describe('Aliyun text echoing the request', () => {
  it.each(VIAS)('%s: keeps the code, the number and the secret out of the error even when Aliyun quotes them', async (via) => {
    const code = distinctCode(`hostile echo ${via}`);
    const echoed = [
      `rejected ${MAINLAND_PHONE.given} / ${MAINLAND_PHONE.sent} code ${code} key ${SECRET}`,
      `PhoneNumbers=${MAINLAND_PHONE.sent}&TemplateParam=${encodeURIComponent(JSON.stringify({ code }))}`,
      `{"code":"${code}"} ${encodeURIComponent(SECRET)}`,
    ].join(' | ');
    emulator().injectFault({ kind: 'aliyun-code', code: 'isv.TEMPLATE_PARAMS_ILLEGAL', message: echoed });
    const config = configFor(emulator().url);

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidConfig,
      Code: 'isv.TEMPLATE_PARAMS_ILLEGAL',
      RequestId: sendRequests(emulator()).at(-1)?.requestId,
      Message: echoed,
      fields: ['templates'],
      // The rest of Aliyun's text is kept for the administrator.
      adminData: { Message: expect.stringContaining('rejected') },
    });
    expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code] }));
  });

  it('sends normally once the fault queue is empty (faults are not sticky)', async () => {
    emulator().injectFault({ kind: 'aliyun-code', code: 'isv.DAY_LIMIT_CONTROL' });
    const code = distinctCode('after a fault');
    const { error } = await sendFailing(configFor(emulator().url), { to: MAINLAND_PHONE.given, code });
    expect(error.code).toBe(ConnectorErrorCodes.UsageLimitExceeded);
    await sendOk(configFor(emulator().url), { to: MAINLAND_PHONE.given, code });
    expect(emulator().messages).toHaveLength(1);
  });
});
