// The console's Send follows its message to the phone, against the local Aliyun-compatible
// server over real HTTP; end users' sends never do. Sleeps are fake (they move a clock offset
// that the calls' deadline clock reads), so a 15-second wait takes a moment.
import { ConnectorError, TemplateType } from '@logto/connector-kit';
import { describe, expect, it } from 'vitest';

import { DEMO_ACCOUNT, DEMO_SEND_ONLY_ACCOUNT } from '../../tools/emulator/index.js';
import { emulatorPerFile } from '../../test/support/emulator-per-file.js';
import { sleepsOnEmulatorClock } from '../../test/support/emulator-time.js';
import { rejectionOf } from '../../test/support/rejection.js';
import { createSendMessage } from '../send-message.js';
import type { SendRuntime } from '../send-runtime.js';

import type { PollResult } from './poll.js';

const NUMBER = '13800138000';
const emulator = emulatorPerFile({ rateLimits: false }, { receipts: true, faults: true });

const config = (account: { accessKeyId: string; accessKeySecret: string } = DEMO_ACCOUNT) => ({
  accessKeyId: account.accessKeyId,
  accessKeySecret: account.accessKeySecret,
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: 'SMS_154950909' }],
  endpoint: emulator().url,
  timeout: 5000,
});

/** A runtime whose sleeps advance both the calls' deadline clock and the emulator's clock. */
const fakeTime = (receipts: SendRuntime['receipts'] = {}) => {
  const { clocks, waited } = sleepsOnEmulatorClock(emulator);
  const results: PollResult[] = [];
  const notices: string[] = [];
  const runtime: SendRuntime = {
    ...clocks,
    receipts: {
      onReceipt: (result) => results.push(result),
      notice: (text) => notices.push(text),
      ...receipts,
    },
  };
  return { runtime, results, notices, waited };
};

const consoleSend = async (runtime: SendRuntime, account?: { accessKeyId: string; accessKeySecret: string }) =>
  createSendMessage(async () => Promise.reject(new Error('the console passes the config inline')), runtime)(
    { to: NUMBER, type: TemplateType.Generic, payload: { code: '482913' } },
    config(account)
  );

const queries = () => emulator().requests.filter(({ action }) => action === 'QuerySendDetails');

describe("the console's Send waits for the receipt", () => {
  it('succeeds once the receipt says delivered, asking about once a second', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'delivered', afterMs: 2500 });
    const { runtime, results, waited } = fakeTime();
    const sent = await consoleSend(runtime);
    expect(sent).toMatchObject({ BizId: emulator().messages[0]?.bizId });
    expect(results).toMatchObject([{ state: 'delivered', code: 'DELIVRD' }]);
    expect(queries().length).toBe(4);
    expect(waited()).toBe(3000);
  });

  it('fails with general when the carrier reports a failure: accepted, code, meaning, advice', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'failed', code: 'MK:0001', afterMs: 1000 });
    const { runtime } = fakeTime();
    const error = await rejectionOf(consoleSend(runtime));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'general', data: { receiptCode: 'MK:0001', connectorCode: 'general' } });
    const description = error instanceof ConnectorError ? String(Reflect.get(Object(error.data), 'errorDescription')) : '';
    expect(description).toMatch(/^Aliyun accepted the message to 138\*+00, but the carrier did not deliver it: receipt code MK:0001, the number does not exist\. Ask the user to check the number/);
    expect(description).toContain(emulator().messages[0]?.bizId ?? 'no message');
    expect(JSON.stringify(error.data)).not.toContain(NUMBER);
    expect(JSON.stringify(error.data)).not.toContain('482913');
  });

  it('shows a code the table does not list as it is', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'failed', code: 'ZZ:4242' });
    const error = await rejectionOf(consoleSend(fakeTime().runtime));
    const description = error instanceof ConnectorError ? String(Reflect.get(Object(error.data), 'errorDescription')) : '';
    expect(description).toContain('receipt code ZZ:4242, a code the connector’s table does not list');
  });

  it('succeeds when no receipt comes within 15 s of the start of the Send', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'never' });
    const { runtime, results, waited } = fakeTime();
    await expect(consoleSend(runtime)).resolves.toBeDefined();
    expect(results).toMatchObject([{ state: 'pending' }]);
    expect(waited()).toBeLessThanOrEqual(15_000);
    expect(waited()).toBeGreaterThan(13_000);
    expect(queries().length).toBeGreaterThanOrEqual(14);
  });

  it('counts the wait from the start of the Send: a slow SendSms leaves less of it', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'never' });
    emulator().injectFault({ kind: 'delay', ms: 900 });
    const { runtime, results } = fakeTime({ waitMs: 1000 });
    await expect(consoleSend(runtime)).resolves.toBeDefined();
    expect(results).toMatchObject([{ state: 'pending', lookups: 0 }]);
    expect(queries()).toEqual([]);
  });

  it('succeeds for a RAM user without dysms:QuerySendDetails, noting the permission once', async () => {
    const { runtime, results, notices } = fakeTime();
    await expect(consoleSend(runtime, DEMO_SEND_ONLY_ACCOUNT)).resolves.toBeDefined();
    await expect(consoleSend(runtime, DEMO_SEND_ONLY_ACCOUNT)).resolves.toBeDefined();
    expect(results).toMatchObject([{ state: 'denied' }, { state: 'denied' }]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^Aliyun SMS connector: The test message was sent, .*dysms:QuerySendDetails \(or AliyunDysmsReadOnlyAccess\)/);
  });
});

describe("end users' sends", () => {
  it('never wait for a receipt and make exactly one request, even when the receipt would fail', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'failed', code: 'MK:0001' });
    const { runtime, results, waited } = fakeTime();
    const sendMessage = createSendMessage(async () => Promise.resolve(config()), runtime);
    await expect(sendMessage({ to: NUMBER, type: TemplateType.SignIn, payload: { code: '482913' } })).resolves.toBeDefined();
    expect(emulator().requests.map(({ action }) => action)).toEqual(['SendSms']);
    expect(results).toEqual([]);
    expect(waited()).toBe(0);
  });
});
