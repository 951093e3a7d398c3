// End-to-end: the international site (service "intl", Dysmsapi 2018-05-01) through the local
// server over real HTTP: free text with SendMessageToGlobe, approved templates for mainland
// numbers with SendMessageWithTemplate, signed V1 and V3; every ResponseCode the connector maps
// and the gateway's, as each reader gets them; retries only of what was never accepted; the
// mainland refusal before any request; the doctor's QueryMessage.
import { ConnectorErrorCodes, TemplateType, type ConnectorError } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { knownCodes } from '../../src/aliyun/classify.js';
import { diagnose } from '../../src/doctor/diagnose.js';
import type { AliyunSmsConfigInput } from '../../src/index.js';
import { createSendMessage } from '../../src/send-message.js';
import { rejectionOf } from '../support/rejection.js';

import {
  CHINESE_SIGN_NAME,
  E2E_ACCOUNT,
  MAINLAND_PHONE,
  MAINLAND_TEMPLATE,
  SECRET,
  VIAS,
  consoleConnector,
  distinctCode,
  forbiddenAfter,
  runtimeConnector,
  useEmulator,
  type Via,
} from './support/harness.js';
import { gatewayRows, mayArrive, siteProblem, type CodeRow } from './support/code-rows.js';
import { expectNoLeak } from './support/leaks.js';
import { expectReaderSees } from './support/readers.js';
import type { Account, Emulator } from '../../tools/emulator/index.js';

const INTL_ACCOUNT: Account = { ...E2E_ACCOUNT, senderIds: ['Example', '12345'] };
/** The same account behind a RAM user allowed to send only. */
const SEND_ONLY_ACCOUNT: Account = { ...INTL_ACCOUNT, accessKeyId: 'LTAI5tIntlSendOnlyKey', accessKeySecret: 'send-only/Secret+=', ramMode: 'send-only' };
const emulator = useEmulator({ accounts: [INTL_ACCOUNT, SEND_ONLY_ACCOUNT] });

/** A Singapore mobile as Logto stores it and as SendMessageToGlobe's To carries it. */
const SINGAPORE_PHONE = { given: '6591234567', sent: '6591234567' } as const;

const intlConfig = (endpoint: string, overrides: Partial<AliyunSmsConfigInput> = {}): AliyunSmsConfigInput => ({
  accessKeyId: E2E_ACCOUNT.accessKeyId,
  accessKeySecret: SECRET,
  service: 'intl',
  templates: [{ usageType: TemplateType.Generic, message: 'Your Example code is {{code}}. It expires in 10 minutes.' }],
  endpoint,
  timeout: 3000,
  ...overrides,
});

const withMainland = (endpoint: string, overrides: Partial<AliyunSmsConfigInput> = {}): AliyunSmsConfigInput =>
  intlConfig(endpoint, {
    signName: CHINESE_SIGN_NAME,
    templates: [{ usageType: TemplateType.Generic, message: 'Your Example code is {{code}}.', templateCode: MAINLAND_TEMPLATE.code }],
    ...overrides,
  });

type Sent = { readonly MessageId: string; readonly RequestId: string };

const isSent = (value: unknown): value is Sent =>
  typeof value === 'object' &&
  value !== null &&
  typeof Reflect.get(value, 'MessageId') === 'string' &&
  typeof Reflect.get(value, 'RequestId') === 'string';

const send = async (config: AliyunSmsConfigInput, to: string, code: string, via: Via): Promise<unknown> => {
  const data = { to, type: TemplateType.SignIn, payload: { code } };
  return via === 'runtime' ? (await runtimeConnector(config)).sendMessage(data) : (await consoleConnector()).sendMessage(data, config);
};

const sendOk = async (config: AliyunSmsConfigInput, to: string, code: string, via: Via = 'runtime'): Promise<Sent> => {
  const result = await send(config, to, code, via);
  if (!isSent(result)) throw new Error(`sendMessage resolved with ${JSON.stringify(result)}, not { MessageId, RequestId }`);
  return result;
};

const sendFailing = async (config: AliyunSmsConfigInput, to: string, code: string, via: Via = 'runtime'): Promise<ConnectorError> =>
  rejectionOf(send(config, to, code, via));

const sends = (server: Emulator) =>
  server.requests.filter(({ action }) => action === 'SendMessageToGlobe' || action === 'SendMessageWithTemplate');

describe('sending', () => {
  it.each(['v1', 'v3'] as const)('free text to a number outside the mainland, signed %s: SendMessageToGlobe, one SMS with the code', async (signatureVersion) => {
    const code = distinctCode(`intl globe ${signatureVersion}`);
    const result = await sendOk(intlConfig(emulator().url, { signatureVersion, senderId: 'Example' }), SINGAPORE_PHONE.given, code);

    expect(emulator().messages).toHaveLength(1);
    expect(emulator().messages[0]).toMatchObject({
      api: 'SendMessageToGlobe',
      text: `Your Example code is ${code}. It expires in 10 minutes.`,
      phoneNumber: SINGAPORE_PHONE.sent,
      signName: 'Example',
      signatureVersion,
      bizId: result.MessageId,
    });
    const [request] = emulator().requests;
    expect(request).toMatchObject({ action: 'SendMessageToGlobe', version: '2018-05-01' });
    expect(request?.params).toMatchObject({ Type: 'OTP', To: SINGAPORE_PHONE.sent, From: 'Example' });
  });

  it.each(['v1', 'v3'] as const)('a mainland number with the entry’s approved template, signed %s: SendMessageWithTemplate, signName as From', async (signatureVersion) => {
    const code = distinctCode(`intl template ${signatureVersion}`);
    await sendOk(withMainland(emulator().url, { signatureVersion }), MAINLAND_PHONE.given, code);

    expect(emulator().messages).toHaveLength(1);
    expect(emulator().messages[0]).toMatchObject({
      api: 'SendMessageWithTemplate',
      phoneNumber: `86${MAINLAND_PHONE.sent}`,
      signName: CHINESE_SIGN_NAME,
      templateCode: MAINLAND_TEMPLATE.code,
      templateParam: { code },
      signatureVersion,
    });
    expect(emulator().requests.map(({ action }) => action)).toEqual(['SendMessageWithTemplate']);
  });

  it.each(VIAS)('%s: a mainland number without a mainland template is refused before any request, saying what to configure', async (via) => {
    const config = intlConfig(emulator().url);
    const code = distinctCode(`intl mainland refused ${via}`);

    const error = await sendFailing(config, MAINLAND_PHONE.given, code, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.InvalidRequestParameters,
      reason: 'mainland_needs_template',
      userSays: /mainland China numbers/,
      fields: ['templates', 'signName'],
      adminSays: /add "templateCode" \(an approved mainland template\) to the templates entry for usage type "Generic", and set signName/,
    });
    expect(emulator().requests.filter(({ action }) => action !== 'QueryMessage')).toHaveLength(0);
    expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code] }));
  });

  it.each([
    [undefined, 'ap-southeast-1'],
    ['eu-central-1', 'eu-central-1'],
  ] as const)('names the region (%s) in RegionId: %s by default', async (regionId, sent) => {
    await sendOk(intlConfig(emulator().url, regionId === undefined ? {} : { regionId }), SINGAPORE_PHONE.given, '482913');
    expect(emulator().requests[0]?.params.RegionId).toBe(sent);
  });

  it('allowedCountries refuses before any request, as for the other services', async () => {
    const error = await sendFailing(intlConfig(emulator().url, { allowedCountries: ['HK'] }), SINGAPORE_PHONE.given, '482913');
    expect(error.code).toBe(ConnectorErrorCodes.InvalidRequestParameters);
    expect(emulator().requests).toHaveLength(0);
  });
});

const rightNow = /right now/;

// Written from Aliyun's international error-code page and what each means for the reader, not from src/.
const rows: readonly CodeRow[] = [
  { code: 'QPS_LIMIT_CONTROL', expected: ConnectorErrorCodes.RateLimitExceeded, status: 200, says: /busy/, retried: true },
  { code: 'AMOUNT_NOT_ENOUGH', expected: ConnectorErrorCodes.UsageLimitExceeded, status: 200, says: rightNow },
  { code: 'OUT_OF_SERVICE', expected: ConnectorErrorCodes.UsageLimitExceeded, status: 200, says: rightNow },
  { code: 'ACCOUNT_ILLEGAL', expected: ConnectorErrorCodes.UsageLimitExceeded, status: 200, says: rightNow },
  { code: 'MOBILE_NUMBER_ILLEGAL', expected: ConnectorErrorCodes.InvalidRequestParameters, status: 200, says: /phone number/ },
  { code: 'MOBILE_COUNT_OVER_LIMIT', expected: ConnectorErrorCodes.InvalidRequestParameters, status: 200, says: /phone number/ },
  { code: 'NOT_SUPPORTED_COUNTRY', expected: ConnectorErrorCodes.InvalidRequestParameters, status: 200, says: /phone number/ },
  { code: 'INVALID_SENDERID', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'senderId', says: siteProblem },
  { code: 'SMS_SIGN_NAME_ILLEGAL', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'signName', says: siteProblem },
  { code: 'SMS_CONTENT_CODE_ILLEGAL', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'templates', says: siteProblem },
  { code: 'CONTENT_MISSING_PARAMETERS', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'templates', says: siteProblem },
  { code: 'INVALID_JSON_PARAM', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'templates', says: siteProblem },
  { code: 'PARAM_LENGTH_LIMIT', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'templates', says: siteProblem },
  { code: 'INVALID_PARAMETERS', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'templates', says: siteProblem },
  { code: 'SMS_CONTENT_ILLEGAL', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'templates', says: siteProblem },
  { code: 'BLACK_KEY_CONTROL_LIMIT', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'templates', says: siteProblem },
  { code: 'ACCOUNT_NOT_EXISTS', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'service', says: siteProblem },
  { code: 'PRODUCT_NOT_SUBSCRIBED', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'service', says: siteProblem },
  { code: 'RAM_PERMISSION_DENY', expected: ConnectorErrorCodes.InvalidConfig, status: 200, field: 'accessKeyId', says: siteProblem },
  { code: 'FORBIDDEN_ACTION', expected: ConnectorErrorCodes.InvalidConfig, status: 200, says: siteProblem },
  { code: 'SYSTEM_ERROR', expected: ConnectorErrorCodes.General, status: 200, says: mayArrive },
  { code: 'ONLINE_BILLING_FAILED', expected: ConnectorErrorCodes.General, status: 200, says: mayArrive },
  { code: 'SMS_SECURITY_INTERCEPTED', expected: ConnectorErrorCodes.General, status: 200, says: mayArrive },
  { code: 'DATA_NOT_EXIST', expected: ConnectorErrorCodes.General, status: 200, says: mayArrive },
  { code: 'QUERY_DATE_ILLEGAL', expected: ConnectorErrorCodes.General, status: 200, says: mayArrive },
  ...gatewayRows,
  // Dysmsapi 2017's prefixed codes are not this API's: unknown here, so the SMS may have gone out.
  { code: 'isv.BUSINESS_LIMIT_CONTROL', expected: ConnectorErrorCodes.General, status: 200, says: mayArrive, family: true },
];

describe('the international site’s codes, played by the local server', () => {
  it('has a row for every exact code the connector maps for intl, gateway codes included', () => {
    const exact = rows.filter(({ family }) => family !== true).map(({ code }) => code);
    expect([...exact].sort()).toEqual([...knownCodes('intl')].sort());
  });

  it.each(rows.flatMap((row) => VIAS.map((via) => ({ ...row, via }))))(
    '$via: $code (HTTP $status) → $expected',
    async ({ via, code: aliyunCode, status, expected, field, says, retried }) => {
      const code = distinctCode(`intl table ${aliyunCode} ${via}`);
      emulator().injectFault({ kind: 'aliyun-code', code: aliyunCode, status }, { times: 3 });
      const config = intlConfig(emulator().url, { timeout: 5000 });

      const error = await sendFailing(config, SINGAPORE_PHONE.given, code, via);

      const last = sends(emulator()).at(-1);
      expectReaderSees(via, error, config, {
        code: expected,
        Code: aliyunCode,
        RequestId: last?.requestId,
        Message: last?.verdict.message,
        userSays: says,
        fields: field === undefined ? [] : [field],
        adminData: { httpStatus: status, ...(field === undefined ? {} : { fields: [field] }) },
      });
      // Only what was refused before anything was accepted is tried again.
      expect(sends(emulator())).toHaveLength(retried === true ? 3 : 1);
      expect(emulator().messages).toHaveLength(0);
      expect(error.message).toContain(aliyunCode);
      expectNoLeak(error, forbiddenAfter(emulator(), { codes: [code], phone: SINGAPORE_PHONE }));
    }
  );
});

describe('what never reached Aliyun, and what may have', () => {
  it('QPS_LIMIT_CONTROL once, then accepted: retried, one SMS', async () => {
    emulator().injectFault({ kind: 'aliyun-code', code: 'QPS_LIMIT_CONTROL' });
    await sendOk(intlConfig(emulator().url, { timeout: 5000 }), SINGAPORE_PHONE.given, '482913');
    expect(sends(emulator()).map(({ verdict }) => verdict.code)).toEqual(['QPS_LIMIT_CONTROL', 'OK']);
    expect(emulator().messages).toHaveLength(1);
  });

  it.each(VIAS)('%s: a reset after the body is not retried: exactly the one SMS Aliyun accepted (and billed)', async (via) => {
    emulator().injectFault({ kind: 'reset-after-body' }, { times: 10 });
    const config = intlConfig(emulator().url);
    const code = distinctCode(`intl reset ${via}`);

    const error = await sendFailing(config, SINGAPORE_PHONE.given, code, via);

    expectReaderSees(via, error, config, {
      code: ConnectorErrorCodes.General,
      failure: 'reset',
      userSays: /within a minute/,
      adminData: { attempts: 1, smsMayHaveBeenSent: true },
    });
    expect(sends(emulator())).toHaveLength(1);
    expect(emulator().messages).toHaveLength(1);
  });

  it('an OK without a MessageId is not taken for a sent SMS', async () => {
    emulator().injectFault({ kind: 'aliyun-code', code: 'OK' });
    const error = await sendFailing(intlConfig(emulator().url), SINGAPORE_PHONE.given, '482913', 'console');
    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(sends(emulator())).toHaveLength(1);
  });
});

describe('the config doctor', () => {
  it('proves the credentials with QueryMessage, sending nothing', async () => {
    const report = await diagnose(intlConfig(emulator().url));
    expect(report.findings.find(({ check }) => check === 'credentials')?.status).toBe('passed');
    expect(report.findings.find(({ check }) => check === 'QueryMessage')?.status).toBe('passed');
    expect(report.ok).toBe(true);
    expect(emulator().requests.map(({ action, version }) => `${action ?? ''} ${version ?? ''}`)).toEqual(['QueryMessage 2018-05-01']);
    expect(emulator().messages).toHaveLength(0);
  });

  it('says a send-only RAM user works but may not read receipts, without calling it a problem', async () => {
    const report = await diagnose(
      intlConfig(emulator().url, { accessKeyId: SEND_ONLY_ACCOUNT.accessKeyId, accessKeySecret: SEND_ONLY_ACCOUNT.accessKeySecret })
    );
    expect(report.ok).toBe(true);
    expect(report.findings.find(({ check }) => check === 'credentials')?.status).toBe('passed');
    expect(report.findings.find(({ check }) => check === 'QueryMessage')).toMatchObject({ status: 'note', field: 'accessKeyId' });
  });

  it('names a wrong secret', async () => {
    const report = await diagnose(intlConfig(emulator().url, { accessKeySecret: 'wrong-secret' }));
    expect(report.ok).toBe(false);
    expect(report.findings.find(({ check }) => check === 'credentials')).toMatchObject({ status: 'problem', field: 'accessKeySecret' });
  });
});

describe('the console’s Send follows the QueryMessage receipt', () => {
  const consoleSend = (waitMs: number) =>
    createSendMessage(async () => Promise.reject(new Error('no getConfig in the console')), { receipts: { waitMs, notice: () => undefined } });
  const queries = () => emulator().requests.filter(({ action }) => action === 'QueryMessage');
  const sendTo = async (to: string, label: string, waitMs = 3000): Promise<unknown> =>
    consoleSend(waitMs)({ to, type: TemplateType.Generic, payload: { code: distinctCode(label) } }, intlConfig(emulator().url, { senderId: 'Example' }));

  it('succeeds once the receipt says delivered, after asking again while it waits', async () => {
    emulator().chooseReceipt('6591230001', { kind: 'delivered', afterMs: 800 });
    try {
      const result = await sendTo('6591230001', 'intl receipt delivered');
      expect(isSent(result)).toBe(true);
      expect(queries().length).toBeGreaterThan(1);
      expect(queries()[0]?.params.MessageId).toBe(emulator().messages[0]?.bizId);
    } finally {
      emulator().clearReceipts();
    }
  });

  it('fails with the carrier’s code, its meaning and the MessageId when the receipt says failed', async () => {
    emulator().chooseReceipt('6591230002', { kind: 'failed', code: 'UNDELIV' });
    try {
      const error = await rejectionOf(sendTo('6591230002', 'intl receipt failed'));
      expect(error.code).toBe(ConnectorErrorCodes.General);
      const description = String(Reflect.get(Object(error.data), 'errorDescription'));
      expect(description).toContain('receipt code UNDELIV, the carrier could not deliver it');
      expect(description).toContain(`MessageId: ${emulator().messages[0]?.bizId ?? '?'}`);
      expect(Reflect.get(Object(error.data), 'MessageId')).toBe(emulator().messages[0]?.bizId);
      expect(JSON.stringify(error.data)).not.toContain('6591230002');
    } finally {
      emulator().clearReceipts();
    }
  });

  it('succeeds when no receipt comes within the wait', async () => {
    emulator().chooseReceipt('6591230003', { kind: 'never' });
    try {
      const started = Date.now();
      expect(isSent(await sendTo('6591230003', 'intl receipt never', 1200))).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(queries().length).toBeGreaterThan(0);
    } finally {
      emulator().clearReceipts();
    }
  });

  it('an end user’s send makes exactly one request and never asks for the receipt', async () => {
    emulator().chooseReceipt('6591230004', { kind: 'never' });
    try {
      await sendOk(intlConfig(emulator().url, { senderId: 'Example' }), '6591230004', distinctCode('intl end user'));
      expect(emulator().requests.map(({ action }) => action)).toEqual(['SendMessageToGlobe']);
    } finally {
      emulator().clearReceipts();
    }
  });
});
