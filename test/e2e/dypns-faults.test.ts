// End-to-end: every code the connector maps for the SMS authentication service (Dypnsapi's
// own and the API gateway's), played by the emulator's aliyun-code fault over real HTTP, as each
// reader gets it; and retries and the one deadline, which behave as they do for SendSms.
import { ConnectorErrorCodes } from '@logto/connector-kit';
import { beforeAll, describe, expect, it } from 'vitest';

import { knownCodes } from '../../src/aliyun/classify.js';

import { currentGiftSign, giftText, lastVerifyAnswer, masConfig, verifyRequests } from './support/dypns.js';
import { E2E_ACCOUNT, MAINLAND_PHONE, VIAS, dataField, distinctCode, forbiddenAfter, sendFailing, sendOk, useEmulator } from './support/harness.js';
import { gatewayRows, mayArrive, siteProblem, type CodeRow } from './support/code-rows.js';
import { expectNoLeak } from './support/leaks.js';
import { expectReaderSees } from './support/readers.js';
import type { Account } from '../../tools/emulator/index.js';

const ACCOUNTS: readonly Account[] = [E2E_ACCOUNT];

const emulator = useEmulator({ accounts: ACCOUNTS }, { resetClock: true });
let giftSign: string;

beforeAll(() => {
  giftSign = currentGiftSign(emulator());
});

// Written from Dypnsapi's documented codes and what each means for the reader, not from src/.
const rows: readonly CodeRow[] = [
  { code: 'BUSINESS_LIMIT_CONTROL', expected: ConnectorErrorCodes.RateLimitExceeded, status: 200, says: /wait a few minutes/ },
  { code: 'FREQUENCY_FAIL', expected: ConnectorErrorCodes.RateLimitExceeded, status: 200, says: /wait a few minutes/ },
  { code: 'MOBILE_NUMBER_ILLEGAL', expected: ConnectorErrorCodes.InvalidRequestParameters, status: 200, says: /phone number/ },
  { code: 'SECURITY_INTERCEPTED', expected: ConnectorErrorCodes.General, status: 200, says: mayArrive },
  { code: 'RESOURCE_NOT_ENOUGH', expected: ConnectorErrorCodes.UsageLimitExceeded, status: 200, says: /right now/ },
  { code: 'BALANCE_NOT_ENOUGH', expected: ConnectorErrorCodes.UsageLimitExceeded, status: 200, says: /right now/ },
  { code: 'AMOUNT_NOT_ENOUGH', expected: ConnectorErrorCodes.UsageLimitExceeded, status: 200, says: /right now/ },
  { code: 'INVALID_PARAMETERS', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'templates', says: siteProblem },
  { code: 'SMS_SIGNATURE_ILLEGAL', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'signName', says: siteProblem },
  { code: 'SIGN_NAME_ILLEGAL', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'signName', says: siteProblem },
  { code: 'SMS_TEMPLATE_ILLEGAL', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'templates', says: siteProblem },
  { code: 'TEMPLATE_ILLEGAL', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'templates', says: siteProblem },
  { code: 'BIZ_NOT_OPEN_STATUS', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'service', says: siteProblem },
  { code: 'PRODUCT_UN_SUBSCRIPT', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'service', says: siteProblem },
  ...gatewayRows,
  // Dysmsapi's prefixed codes are not Dypnsapi's: unknown here, so the SMS may have gone out.
  { code: 'isv.BUSINESS_LIMIT_CONTROL', expected: ConnectorErrorCodes.General, status: 200, says: mayArrive, family: true },
];

describe('Dypnsapi’s codes, played by the emulator', () => {
  it('has a row for every exact code the connector maps for dypns, gateway codes included', () => {
    const exact = rows.filter(({ family }) => family !== true).map(({ code }) => code);
    expect([...exact].sort()).toEqual([...knownCodes('dypns')].sort());
  });

  it.each(rows.flatMap((row) => VIAS.map((via) => ({ ...row, via }))))(
    '$via: $code (HTTP $status) → $expected',
    async ({ via, code: aliyunCode, status, expected, field, says, retried }) => {
      const code = distinctCode(`dypns table ${aliyunCode} ${via}`);
      emulator().injectFault({ kind: 'aliyun-code', code: aliyunCode, status }, { times: 10 });
      const config = masConfig(emulator(), giftSign, { timeout: 5000 });

      const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

      expectReaderSees(via, error, config, {
        code: expected,
        Code: aliyunCode,
        ...lastVerifyAnswer(emulator()),
        userSays: says,
        fields: field === undefined ? [] : [field],
        adminData: { httpStatus: status, ...(field === undefined ? {} : { fields: [field] }) },
      });
      // Only throttling proves nothing was processed; the doctor makes no Dypnsapi call.
      expect(emulator().requests).toHaveLength(retried === true ? 3 : 1);
      expect(emulator().requests.every(({ action }) => action === 'SendSmsVerifyCode')).toBe(true);
      expect(emulator().messages).toHaveLength(0);
      expect(error.message).toContain(aliyunCode);
      expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code] }));
    }
  );
});

describe('retries and the one deadline, as for SendSms', () => {
  it('Throttling twice, then accepted: retried, one SMS', async () => {
    emulator().injectFault({ kind: 'aliyun-code', code: 'Throttling.User' }, { times: 2 });
    const code = distinctCode('dypns throttled then ok');
    await sendOk(masConfig(emulator(), giftSign, { timeout: 5000 }), { to: MAINLAND_PHONE.given, code });
    expect(verifyRequests(emulator()).map(({ verdict }) => verdict.code)).toEqual(['Throttling.User', 'Throttling.User', 'OK']);
    // Every attempt freshly signed.
    expect(new Set(verifyRequests(emulator()).map(({ params }) => params.SignatureNonce)).size).toBe(3);
    expect(emulator().messages.map(({ text }) => text)).toEqual([giftText(code)]);
  });

  it.each(VIAS)('%s: a hang times out within the timeout, not retried', async (via) => {
    emulator().injectFault({ kind: 'hang' }, { times: 10 });
    const config = masConfig(emulator(), giftSign, { timeout: 1500 });
    const code = distinctCode(`dypns hang ${via}`);

    const { error, elapsedMs } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.General,
      failure: 'timeout',
      userSays: /within a minute/,
      adminSays: /timed out after 1500 ms \(1 attempt\)/,
      adminData: { attempts: 1, timeoutMs: 1500, smsMayHaveBeenSent: true },
    });
    expect(elapsedMs).toBeGreaterThanOrEqual(1400);
    expect(elapsedMs).toBeLessThan(2500);
    expect(emulator().requests).toHaveLength(1);
    expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code] }));
  });

  it('Throttling, Throttling, then a hang: the whole send still ends at its one timeout', async () => {
    emulator().injectFault({ kind: 'aliyun-code', code: 'Throttling' }, { times: 2 });
    emulator().injectFault({ kind: 'hang' }, { times: 10 });
    const config = masConfig(emulator(), giftSign, { timeout: 3000 });

    const { error, elapsedMs } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode('dypns deadline') }, 'console');

    expect(dataField(error, 'failure')).toBe('timeout');
    expect(dataField(error, 'attempts')).toBe(3);
    expect(elapsedMs).toBeGreaterThanOrEqual(2900);
    expect(elapsedMs).toBeLessThan(3300);
  });

  it.each(VIAS)('%s: a reset after the body is not retried: general, exactly the one SMS Aliyun accepted', async (via) => {
    emulator().injectFault({ kind: 'reset-after-body' }, { times: 10 });
    const config = masConfig(emulator(), giftSign);
    const code = distinctCode(`dypns reset ${via}`);

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code }, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.General,
      failure: 'reset',
      userSays: /within a minute/,
      adminData: { attempts: 1, smsMayHaveBeenSent: true },
    });
    expect(emulator().requests).toHaveLength(1);
    expect(emulator().requests[0]?.verdict.code).toBe('OK');
    expect(emulator().messages.map(({ text }) => text)).toEqual([giftText(code)]);
    expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code] }));
  });
});
