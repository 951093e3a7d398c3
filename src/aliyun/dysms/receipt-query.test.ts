// The QuerySendDetails call against the local Aliyun-compatible server, over real HTTP.
import { describe, expect, it } from 'vitest';

import { DEMO_ACCOUNT, DEMO_SEND_ONLY_ACCOUNT } from '../../../tools/emulator/index.js';
import { emulatorPerFile } from '../../../test/support/emulator-per-file.js';
import { callAliyun } from '../rpc/call.js';

import { lookUpReceipt, type ReceiptTarget } from './receipt-query.js';
import { beijingDate } from '../../receipts/send-date.js';

const NUMBER = '13800138000';
const emulator = emulatorPerFile({ rateLimits: false }, { receipts: true, faults: true });

const credentials = { accessKeyId: DEMO_ACCOUNT.accessKeyId, accessKeySecret: DEMO_ACCOUNT.accessKeySecret };

const sendOne = async (): Promise<ReceiptTarget> => {
  const { result } = await callAliyun({
    endpoint: emulator().url,
    action: 'SendSms',
    version: '2017-05-25',
    parameters: { PhoneNumbers: NUMBER, SignName: '阿里云短信测试', TemplateCode: 'SMS_154950909', TemplateParam: '{"code":"482913"}' },
    credentials,
    signatureVersion: 'v1',
    timeoutMs: 3000,
    accept: (answer) => answer.BizId,
    context: { product: 'dysms', sensitive: [] },
  });
  return { endpoint: emulator().url, credentials, signatureVersion: 'v1', phoneNumber: NUMBER, bizId: result, maskedPhoneNumber: '138******00' };
};

const today = () => beijingDate(emulator().clock.now());

describe('lookUpReceipt', () => {
  it('reads a delivered receipt', async () => {
    const target = await sendOne();
    expect(await lookUpReceipt(target, today(), 3000)).toMatchObject({ state: 'delivered', code: 'DELIVRD' });
  });

  it('reads a failed receipt with the carrier’s code', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'failed', code: 'MK:0001' });
    const target = await sendOne();
    expect(await lookUpReceipt(target, today(), 3000)).toMatchObject({ state: 'failed', code: 'MK:0001' });
  });

  it('reads a receipt not yet in as pending, and asks for the one BizId', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'never' });
    const target = await sendOne();
    expect(await lookUpReceipt(target, today(), 3000)).toEqual({ state: 'pending' });
    expect(emulator().requests.at(-1)?.params).toMatchObject({ Action: 'QuerySendDetails', PhoneNumber: NUMBER, BizId: target.bizId, SendDate: today() });
  });

  it('finds nothing under another date', async () => {
    const target = await sendOne();
    const yesterday = beijingDate(new Date(emulator().clock.now().getTime() - 86_400_000));
    expect(await lookUpReceipt(target, yesterday, 3000)).toEqual({ state: 'not-found' });
  });

  it('says denied when the RAM user lacks dysms:QuerySendDetails', async () => {
    const target = await sendOne();
    const sendOnly = { accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId, accessKeySecret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret };
    expect(await lookUpReceipt({ ...target, credentials: sendOnly }, today(), 3000)).toEqual({ state: 'denied' });
  });

  it('says unavailable, without the number, when Aliyun does not answer in time', async () => {
    const target = await sendOne();
    emulator().injectFault({ kind: 'hang' }, { times: 5 });
    const found = await lookUpReceipt(target, today(), 300);
    expect(found.state).toBe('unavailable');
    expect(JSON.stringify(found)).not.toContain(NUMBER);
  });
});
