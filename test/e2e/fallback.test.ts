// End-to-end: the fallback sender. Two local Aliyun-compatible servers, one per sender, so each
// server's request count proves what reached which sender and that nothing was sent twice.
// Used only after the main sender failed provably without sending, for a reason another sender
// can avoid, with at least 1 s of the one timeout left; never otherwise.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConnectorErrorCodes, TemplateType } from '@logto/connector-kit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

import type { AliyunSmsConfigInput } from '../../src/index.js';
import { createSendMessage } from '../../src/send-message.js';

import { environmentConfig, isolatedEnvironment } from './support/chain-environment.js';
import { currentGiftSign, masConfig } from './support/dypns.js';
import { withEnvironment } from './support/environment.js';
import {
  CHINESE_SIGN_NAME,
  E2E_ACCOUNT,
  INTERNATIONAL_PHONE,
  INTERNATIONAL_TEMPLATE,
  MAINLAND_PHONE,
  MAINLAND_TEMPLATE,
  SECRET,
  closedLoopbackPort,
  configFor,
  dataField,
  distinctCode,
  forbiddenAfter,
  runtimeConnector,
  sendFailing,
  sendOk,
  useEmulator,
} from './support/harness.js';
import { expectNoLeak } from './support/leaks.js';
import type { Emulator } from '../../tools/emulator/index.js';

const mainServer = useEmulator({ accounts: [E2E_ACCOUNT] }, { resetClock: true });
const fallbackServer = useEmulator({ accounts: [E2E_ACCOUNT] }, { resetClock: true });

let giftSign: string;
let warn: MockInstance<typeof console.warn>;
let scratch: string;

beforeAll(() => {
  giftSign = currentGiftSign(fallbackServer());
  scratch = mkdtempSync(join(tmpdir(), 'e2e-fallback-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  warn.mockRestore();
});

/** The keys a fallback takes: a sender's, not the main config's timeout. */
const asFallback = (sender: AliyunSmsConfigInput): Record<string, unknown> =>
  Object.fromEntries(Object.entries(sender).filter(([key]) => key !== 'timeout'));

// Mainland and overseas templates both, so a dysms sender reaches any country.
const dysmsTemplates = [{ usageType: TemplateType.Generic, templateCode: { china: MAINLAND_TEMPLATE.code, overseas: INTERNATIONAL_TEMPLATE.code } }];

/** Short Message Service at a server, able to reach every country. */
const dysmsSender = (server: Emulator, overrides: Partial<AliyunSmsConfigInput> = {}) =>
  configFor(server.url, { templates: dysmsTemplates, ...overrides });

/** The SMS authentication service at a server, with a gift sign it holds valid. */
const dypnsSender = (server: Emulator, overrides: Partial<AliyunSmsConfigInput> = {}) => masConfig(server, giftSign, overrides);

const withFallback = (main: AliyunSmsConfigInput, fallback: AliyunSmsConfigInput): AliyunSmsConfigInput => ({
  ...main,
  fallback: asFallback(fallback),
});

/** The server's requests that send a code (any product's send action), not the doctor's reads. */
const sendActions: ReadonlySet<string | undefined> = new Set(['SendSms', 'SendSmsVerifyCode', 'SendMessageToGlobe', 'SendMessageWithTemplate']);
const sends = (server: Emulator) => server.requests.filter(({ action }) => sendActions.has(action));

/** The international site at a server: free text, no mainland template. */
const intlSender = (server: Emulator, overrides: Partial<AliyunSmsConfigInput> = {}) =>
  configFor(server.url, {
    service: 'intl',
    signName: undefined,
    templates: [{ usageType: TemplateType.Generic, message: 'Your Example code is {{code}}.' }],
    ...overrides,
  });

const warnedLines = (): string[] => warn.mock.calls.map((call) => call.map(String).join(' '));

/** Sends through a config and expects the fallback server to have sent it, once, and the main server nothing. */
const expectSentByFallback = async (config: AliyunSmsConfigInput, to: string, label: string) => {
  const code = distinctCode(label);
  // Either product's ids (BizId, or the international site's MessageId): the server's records tell.
  await (await runtimeConnector(config)).sendMessage({ to, type: TemplateType.SignIn, payload: { code } });
  expect(fallbackServer().messages).toHaveLength(1);
  expect(fallbackServer().messages[0]?.text).toContain(code);
  expect(sends(fallbackServer())).toHaveLength(1);
  expect(mainServer().messages).toHaveLength(0);
  return code;
};

describe('the fallback is used when the main sender provably sent nothing', () => {
  it('after an account refusal (isv.AMOUNT_NOT_ENOUGH): sent once by the fallback, one warning line', async () => {
    mainServer().injectFault({ kind: 'aliyun-code', code: 'isv.AMOUNT_NOT_ENOUGH' });
    const config = withFallback(dysmsSender(mainServer()), dypnsSender(fallbackServer()));

    const code = await expectSentByFallback(config, MAINLAND_PHONE.given, 'account refusal');

    expect(sends(mainServer())).toHaveLength(1);
    expect(sends(fallbackServer())[0]?.action).toBe('SendSmsVerifyCode');
    expect(warnedLines()).toEqual([
      'Aliyun SMS connector: the main sender (dysms) failed without sending (reason account, isv.AMOUNT_NOT_ENOUGH), so the fallback sender (dypns) sent the code to 138******00.',
    ]);
    // Nothing secret in the log line: no secret, no code, no full number.
    for (const forbidden of [SECRET, code, MAINLAND_PHONE.given, MAINLAND_PHONE.sent, giftSign, CHINESE_SIGN_NAME]) {
      expect(warnedLines().join('\n')).not.toContain(forbidden);
    }
  });

  it('after a sign name refusal by the server’s own check (dysms main, dysms fallback of another account’s sign)', async () => {
    const config = withFallback(dysmsSender(mainServer(), { signName: '未报备签名' }), dysmsSender(fallbackServer()));

    await expectSentByFallback(config, MAINLAND_PHONE.given, 'sign name refusal');

    expect(sends(mainServer()).map(({ verdict }) => verdict.code)).toEqual(['isv.SMS_SIGNATURE_ILLEGAL']);
    expect(warnedLines()[0]).toContain('(reason sender, isv.SMS_SIGNATURE_ILLEGAL)');
  });

  it('when the main endpoint is unreachable (a closed loopback port), after the main sender’s own retries', async () => {
    const port = await closedLoopbackPort();
    const config = withFallback(dysmsSender(mainServer(), { endpoint: `http://127.0.0.1:${port}/` }), dysmsSender(fallbackServer()));

    await expectSentByFallback(config, INTERNATIONAL_PHONE.given, 'unreachable main');

    expect(fallbackServer().messages[0]).toMatchObject({ phoneNumber: INTERNATIONAL_PHONE.sent, templateCode: INTERNATIONAL_TEMPLATE.code });
    expect(warnedLines()[0]).toContain('(reason unreachable, connection-refused)');
  });

  it('when the main sender’s credentials chain finds nothing on the Logto server', async () => {
    const config = withFallback(environmentConfig(mainServer()), dysmsSender(fallbackServer()));

    await withEnvironment(isolatedEnvironment(scratch), async () => expectSentByFallback(config, MAINLAND_PHONE.given, 'no credentials'));

    expect(mainServer().requests).toHaveLength(0);
    expect(warnedLines()[0]).toContain('(reason credentials, invalid_config)');
  });

  it('dypns main, dysms fallback: a number outside mainland China goes to the fallback, never to the main server', async () => {
    const config = withFallback(dypnsSender(mainServer()), dysmsSender(fallbackServer()));

    await expectSentByFallback(config, INTERNATIONAL_PHONE.given, 'not mainland');

    expect(sends(mainServer())).toHaveLength(0);
    expect(fallbackServer().messages[0]).toMatchObject({ templateCode: INTERNATIONAL_TEMPLATE.code });
    expect(warnedLines()[0]).toContain('the main sender (dypns) failed without sending (reason service-reach, not_mainland), so the fallback sender (dysms) sent');
  });

  it('dypns main, dysms fallback: a mainland number goes through the main sender, the fallback untouched', async () => {
    const config = withFallback(dypnsSender(mainServer()), dysmsSender(fallbackServer()));

    await sendOk(config, { to: MAINLAND_PHONE.given, code: distinctCode('dypns mainland') });

    expect(sends(mainServer()).map(({ action }) => action)).toEqual(['SendSmsVerifyCode']);
    expect(fallbackServer().requests).toHaveLength(0);
    expect(warn).not.toHaveBeenCalled();
  });

  it('intl main without a mainland template: a mainland number goes to the dysms fallback, never to the main server', async () => {
    const config = withFallback(intlSender(mainServer()), dysmsSender(fallbackServer()));

    await expectSentByFallback(config, MAINLAND_PHONE.given, 'intl mainland');

    expect(mainServer().requests).toHaveLength(0);
    expect(fallbackServer().messages[0]).toMatchObject({ phoneNumber: MAINLAND_PHONE.sent, templateCode: MAINLAND_TEMPLATE.code });
    expect(warnedLines()[0]).toContain('the main sender (intl) failed without sending (reason service-reach, mainland_needs_template), so the fallback sender (dysms) sent');
  });

  it('intl main refused for its account (ResponseCode AMOUNT_NOT_ENOUGH): the dysms fallback sends', async () => {
    mainServer().injectFault({ kind: 'aliyun-code', code: 'AMOUNT_NOT_ENOUGH' });
    const config = withFallback(intlSender(mainServer()), dysmsSender(fallbackServer()));

    await expectSentByFallback(config, INTERNATIONAL_PHONE.given, 'intl account');

    expect(sends(mainServer()).map(({ action }) => action)).toEqual(['SendMessageToGlobe']);
    expect(warnedLines()[0]).toContain('the main sender (intl) failed without sending (reason account, AMOUNT_NOT_ENOUGH)');
  });

  it('dysms main refused for its account: the intl fallback sends an international number as free text', async () => {
    mainServer().injectFault({ kind: 'aliyun-code', code: 'isv.AMOUNT_NOT_ENOUGH' });
    const config = withFallback(dysmsSender(mainServer()), intlSender(fallbackServer()));

    await expectSentByFallback(config, INTERNATIONAL_PHONE.given, 'intl fallback');

    expect(sends(fallbackServer())[0]?.action).toBe('SendMessageToGlobe');
    expect(warnedLines()[0]).toContain('so the fallback sender (intl) sent');
  });

  it('dypns main refused for its account (RESOURCE_NOT_ENOUGH): the dysms fallback sends', async () => {
    mainServer().injectFault({ kind: 'aliyun-code', code: 'RESOURCE_NOT_ENOUGH' });
    const config = withFallback(dypnsSender(mainServer()), dysmsSender(fallbackServer()));

    await expectSentByFallback(config, MAINLAND_PHONE.given, 'dypns account');

    expect(sends(fallbackServer())[0]?.action).toBe('SendSms');
    expect(warnedLines()[0]).toContain('(reason account, RESOURCE_NOT_ENOUGH)');
  });
});

describe('the fallback is not used', () => {
  const expectMainOnly = (mainSends: number) => {
    expect(sends(mainServer())).toHaveLength(mainSends);
    expect(fallbackServer().requests).toHaveLength(0);
    expect(warn).not.toHaveBeenCalled();
  };

  it('after a reset once the request was received: the SMS may be on its way', async () => {
    mainServer().injectFault({ kind: 'reset-after-body' });
    const config = withFallback(dysmsSender(mainServer()), dypnsSender(fallbackServer()));

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode('reset after body') });

    expect(dataField(error, 'failure')).toBe('reset');
    expect(mainServer().messages).toHaveLength(1);
    expectMainOnly(1);
  });

  it('after Aliyun’s own fault (HTTP 503), retried by the main sender: it may have sent', async () => {
    mainServer().injectFault({ kind: 'http-status', status: 503 }, { times: 10 });
    const config = withFallback(dysmsSender(mainServer()), dysmsSender(fallbackServer()));

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode('503') });

    expect(dataField(error, 'Code')).toBe('ServiceUnavailable');
    expect(fallbackServer().requests).toHaveLength(0);
    expect(warn).not.toHaveBeenCalled();
  });

  // A timeout spends the whole deadline, so no fallback could start anyway; this proves the
  // end-to-end outcome, the unit tests of eligibility prove the rule itself.
  it('after a timeout once the request was written', async () => {
    mainServer().injectFault({ kind: 'hang' });
    const config = withFallback(dysmsSender(mainServer(), { timeout: 1500 }), dypnsSender(fallbackServer()));

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode('hang') });

    expect(dataField(error, 'failure')).toBe('timeout');
    // The server records a request when it answers, and this one never was answered.
    expect(mainServer().messages).toHaveLength(0);
    expectMainOnly(0);
  });

  it.each([
    ['isv.BUSINESS_LIMIT_CONTROL', ConnectorErrorCodes.RateLimitExceeded],
    ['isv.MOBILE_NUMBER_ILLEGAL', ConnectorErrorCodes.InvalidRequestParameters],
  ])('after %s: the number’s own refusal, which no sender avoids', async (aliyunCode, connectorCode) => {
    mainServer().injectFault({ kind: 'aliyun-code', code: aliyunCode });
    const config = withFallback(dysmsSender(mainServer()), dysmsSender(fallbackServer()));

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode(aliyunCode) });

    expect(error.code).toBe(connectorCode);
    expect(dataField(error, 'Code')).toBe(aliyunCode);
    expectMainOnly(1);
  });

  it('when the fallback’s service cannot reach the number either: the main error stands', async () => {
    mainServer().injectFault({ kind: 'aliyun-code', code: 'isv.AMOUNT_NOT_ENOUGH' });
    const config = withFallback(dysmsSender(mainServer()), dypnsSender(fallbackServer()));

    const { error } = await sendFailing(config, { to: INTERNATIONAL_PHONE.given, code: distinctCode('fallback cannot reach') });

    expect(dataField(error, 'Code')).toBe('isv.AMOUNT_NOT_ENOUGH');
    expectMainOnly(1);
  });

  it('with less than 1 s of the timeout left after a slow refusal', async () => {
    // The main server takes 1.7 s of the 2.5 s to refuse the sign name: 0.8 s would be left.
    mainServer().injectFault({ kind: 'delay', ms: 1700 });
    const config = withFallback(dysmsSender(mainServer(), { signName: '未报备签名', timeout: 2500 }), dysmsSender(fallbackServer()));

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode('budget') });

    expect(dataField(error, 'Code')).toBe('isv.SMS_SIGNATURE_ILLEGAL');
    expectMainOnly(1);
  });

  it('when allowedCountries refuses the number: checked once, before any sender', async () => {
    const config = withFallback(dysmsSender(mainServer(), { allowedCountries: ['CN'] }), dysmsSender(fallbackServer()));

    const { error } = await sendFailing(config, { to: INTERNATIONAL_PHONE.given, code: distinctCode('country') });

    expect(dataField(error, 'reason')).toBe('country_not_allowed');
    expectMainOnly(0);
  });
});

describe('the fallback fails too', () => {
  it('the end user gets the fallback’s failure, the log says the fallback failed, each server got one request', async () => {
    mainServer().injectFault({ kind: 'aliyun-code', code: 'isv.AMOUNT_NOT_ENOUGH' });
    fallbackServer().injectFault({ kind: 'aliyun-code', code: 'isv.OUT_OF_SERVICE' });
    const config = withFallback(dysmsSender(mainServer()), dysmsSender(fallbackServer()));
    const code = distinctCode('both fail');

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code });

    expect(dataField(error, 'Code')).toBe('isv.OUT_OF_SERVICE');
    expect(sends(mainServer())).toHaveLength(1);
    expect(sends(fallbackServer())).toHaveLength(1);
    expect(warnedLines()).toEqual([expect.stringContaining('(reason account, isv.AMOUNT_NOT_ENOUGH), so the fallback sender (dysms) also failed to send')]);
    expectNoLeak(error, forbiddenAfter(fallbackServer(), { codes: [code] }));
    // The end user learns nothing of either sender's config.
    expect(JSON.stringify(error.data)).not.toContain(CHINESE_SIGN_NAME);
  });

  it('a fallback whose endpoint is unreachable: its failure stands, nothing sent anywhere', async () => {
    mainServer().injectFault({ kind: 'aliyun-code', code: 'isv.AMOUNT_NOT_ENOUGH' });
    const port = await closedLoopbackPort();
    const config = withFallback(dysmsSender(mainServer()), dysmsSender(fallbackServer(), { endpoint: `http://127.0.0.1:${port}/` }));

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode('fallback unreachable') });

    expect(dataField(error, 'failure')).toBe('connection-refused');
    expect(mainServer().messages).toHaveLength(0);
    expect(fallbackServer().requests).toHaveLength(0);
  });
});

describe('the console’s Send with a fallback configured', () => {
  it('sends one test message through each sender, and succeeds when both do', async () => {
    const config = withFallback(dysmsSender(mainServer()), dypnsSender(fallbackServer()));

    await sendOk(config, { to: MAINLAND_PHONE.given, code: distinctCode('console both') }, 'console');

    expect(sends(mainServer())).toHaveLength(1);
    expect(sends(fallbackServer())).toHaveLength(1);
    expect(mainServer().messages).toHaveLength(1);
    expect(fallbackServer().messages).toHaveLength(1);
    expect(warn).not.toHaveBeenCalled();
  });

  it('shares the one receipt wait between the senders, so two senders answer within the console’s 20 s', async () => {
    // The main sender's receipt never comes: its wait uses up the whole budget, and the
    // fallback's message is then not followed at all rather than waited for a second time.
    mainServer().chooseReceipt(MAINLAND_PHONE.sent, { kind: 'never' });
    const config = withFallback(dysmsSender(mainServer()), dysmsSender(fallbackServer()));
    const consoleSend = createSendMessage(async () => Promise.reject(new Error('no getConfig in the console')), {
      receipts: { waitMs: 1500, notice: () => undefined },
    });

    await consoleSend({ to: MAINLAND_PHONE.given, type: TemplateType.Generic, payload: { code: distinctCode('console shared wait') } }, config);

    const queries = (server: Emulator) => server.requests.filter(({ action }) => action === 'QuerySendDetails');
    expect(queries(mainServer()).length).toBeGreaterThan(0);
    expect(queries(fallbackServer())).toHaveLength(0);
    expect(fallbackServer().messages).toHaveLength(1);
  });

  it('fails naming the main sender when it fails, and does not fall back', async () => {
    mainServer().injectFault({ kind: 'aliyun-code', code: 'isv.AMOUNT_NOT_ENOUGH' });
    const config = withFallback(dysmsSender(mainServer()), dysmsSender(fallbackServer()));

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode('console main fails') }, 'console');

    expect(error.code).toBe(ConnectorErrorCodes.General);
    expect(dataField(error, 'errorDescription')).toMatch(/^Main sender: /);
    expect(dataField(error, 'sender')).toBe('main');
    expect(sends(fallbackServer())).toHaveLength(0);
  });

  it('fails naming the fallback sender when only it fails, after the main sender sent its test message', async () => {
    const config = withFallback(dysmsSender(mainServer()), dysmsSender(fallbackServer(), { signName: '未报备签名' }));

    const { error } = await sendFailing(config, { to: MAINLAND_PHONE.given, code: distinctCode('console fallback fails') }, 'console');

    expect(dataField(error, 'errorDescription')).toMatch(/^Fallback sender: .*Config to check: fallback\.signName \("Sign name"\)/);
    expect(dataField(error, 'fields')).toEqual(['fallback.signName']);
    expect(dataField(error, 'Code')).toBe('isv.SMS_SIGNATURE_ILLEGAL');
    expect(mainServer().messages).toHaveLength(1);
    expect(sends(fallbackServer())).toHaveLength(1);
  });
});
