// The doctor's receipt checks on the command line, against the local Aliyun-compatible server.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { DEMO_ACCOUNT, DEMO_SEND_ONLY_ACCOUNT } from '../../tools/emulator/index.js';
import { emulatorPerFile } from '../../test/support/emulator-per-file.js';
import { sleepsOnEmulatorClock } from '../../test/support/emulator-time.js';
import { beijingDate } from '../receipts/send-date.js';
import type { SendRuntime } from '../send-runtime.js';

import { exitCodes, runDoctorCommand } from './doctor-command.js';

const NUMBER = '13800138000';
const emulator = emulatorPerFile({ rateLimits: false }, { receipts: true });

const config = (overrides: object = {}) =>
  JSON.stringify({
    accessKeyId: DEMO_ACCOUNT.accessKeyId,
    accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
    signName: '阿里云短信测试',
    templates: [{ usageType: 'Generic', templateCode: 'SMS_154950909' }],
    endpoint: emulator().url,
    ...overrides,
  });

const fakeSleeps = (): SendRuntime => sleepsOnEmulatorClock(emulator).clocks;

const run = async (argv: string[], file = config(), runtime: SendRuntime = fakeSleeps()) => {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runDoctorCommand(['doctor', 'c.json', ...argv], {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readFile: async () => Promise.resolve(file),
    env: {},
    runtime,
  });
  return { status, stdout: out.join(''), stderr: err.join('') };
};

const receiptLine = (stdout: string): string => stdout.split('\n').find((line) => line.includes('delivery receipt')) ?? '';

const JsonReport = z.object({
  ok: z.boolean(),
  receipt: z.object({ state: z.string(), bizId: z.string().optional(), code: z.string().optional(), meaning: z.string().optional(), advice: z.string().optional(), receivedAt: z.string().optional() }),
});

describe('doctor --send follows the message to the phone', () => {
  it('prints a failed receipt with the code, its meaning and advice, and exits 1', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'failed', code: 'MK:0001', afterMs: 5000 });
    const { status, stdout } = await run(['--send', `86${NUMBER}`]);
    expect(status).toBe(exitCodes.problem);
    expect(stdout).toContain('[passed]    test send: Aliyun accepted the test code (000000).');
    expect(receiptLine(stdout)).toMatch(/^\[problem\] +delivery receipt: The message to 138\*+00 \(BizId \S+\) was not delivered: receipt code MK:0001, the number does not exist\. Ask the user to check the number/);
    expect(stdout).not.toContain(NUMBER);
  });

  it('waits longer than the console when told: --wait 60 sees a receipt after 40 s', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'delivered', afterMs: 40_000 });
    const { status, stdout } = await run(['--send', `86${NUMBER}`]);
    expect(status).toBe(exitCodes.healthy);
    expect(receiptLine(stdout)).toMatch(/^\[passed\] +delivery receipt: .* was delivered to the phone at /);
  });

  it('says still pending when no receipt comes within --wait', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'never' });
    const { stdout } = await run(['--send', `86${NUMBER}`, '--wait', '5']);
    expect(receiptLine(stdout)).toMatch(/^\[unchecked\] +delivery receipt: .* has no final receipt yet within 5 s: .*--receipt \S+ --to <number>\.$/);
  });

  it('still sends for a RAM user that may not read receipts, and names the permission', async () => {
    const sendOnly = config({ accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId, accessKeySecret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret });
    const { stdout } = await run(['--send', `86${NUMBER}`], sendOnly);
    expect(stdout).toContain('[passed]    test send: Aliyun accepted the test code (000000).');
    expect(receiptLine(stdout)).toMatch(/^\[unchecked\] +delivery receipt \(accessKeyId\): The RAM user may not read delivery receipts: grant dysms:QuerySendDetails/);
  });

  it('carries the same in --json', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'failed', code: 'DB:0141' });
    const { stdout } = await run(['--json', '--send', `86${NUMBER}`]);
    const report = JsonReport.parse(JSON.parse(stdout));
    expect(report.ok).toBe(false);
    expect(report.receipt).toMatchObject({ state: 'failed', code: 'DB:0141', meaning: 'the number is on the carrier’s blacklist', bizId: emulator().messages[0]?.bizId });
  });

  it('says what the SMS authentication service offers instead of a receipt', async () => {
    const dypns = config({ service: 'dypns', signName: '仿真赠送签名验证码', templates: [{ usageType: 'Generic', templateCode: '100001', params: { code: '{{code}}', min: '5' } }] });
    const { stdout } = await run(['--send', `86${NUMBER}`], dypns);
    expect(receiptLine(stdout)).toMatch(/^\[unchecked\] +delivery receipt \(service\): The SMS authentication service \(dypns\) has no API to query a receipt/);
    expect(emulator().requests.map(({ action }) => action)).not.toContain('QuerySendDetails');
  });
});

describe('doctor --receipt looks up an earlier message', () => {
  const sendEarlier = async (): Promise<string> => {
    const { stdout } = await run(['--json', '--send', `86${NUMBER}`, '--wait', '0']);
    const bizId = JsonReport.parse(JSON.parse(stdout)).receipt.bizId;
    if (bizId === undefined) {
      throw new Error('no BizId');
    }
    return bizId;
  };

  it('prints the carrier’s verdict for a BizId and number, without checking the config', async () => {
    emulator().chooseReceipt(NUMBER, { kind: 'failed', code: 'MK:0005' });
    const bizId = await sendEarlier();
    const before = emulator().requests.length;
    const { status, stdout } = await run(['--receipt', bizId, '--to', `+86${NUMBER}`]);
    expect(status).toBe(exitCodes.problem);
    // The receipt, then the verdict line.
    expect(stdout.trim().split('\n')).toHaveLength(2);
    expect(stdout.trim().split('\n').at(-1)).toMatch(/Exit status 1\.$/);
    expect(receiptLine(stdout)).toMatch(/receipt code MK:0005, the number is suspended/);
    expect(emulator().requests.slice(before).map(({ action }) => action)).toEqual(['QuerySendDetails']);
  });

  it('asks today’s and yesterday’s dates in Beijing unless --date says', async () => {
    const bizId = await sendEarlier();
    const before = emulator().requests.length;
    const wrongDate = beijingDate(new Date(emulator().clock.now().getTime() - 5 * 86_400_000));
    const { stdout } = await run(['--receipt', bizId, '--to', `86${NUMBER}`, '--date', wrongDate]);
    expect(receiptLine(stdout)).toMatch(/^\[unchecked\] +delivery receipt: Aliyun has no record of the message/);
    expect(emulator().requests.slice(before).map(({ params }) => params.SendDate)).toEqual([wrongDate]);
  });

  it('names the permission a send-only RAM user lacks', async () => {
    const bizId = await sendEarlier();
    const sendOnly = config({ accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId, accessKeySecret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret });
    const { stdout } = await run(['--receipt', bizId, '--to', `86${NUMBER}`], sendOnly);
    expect(receiptLine(stdout)).toMatch(/^\[unchecked\] +delivery receipt \(accessKeyId\): .*dysms:QuerySendDetails \(or AliyunDysmsReadOnlyAccess\)/);
  });

  it.each([
    [['--receipt', '123^0'], /--receipt needs a BizId and --to/],
    [['--receipt', '123^0', '--to', '8613800138000', '--date', '2025-03-01'], /--date takes the send date as yyyyMMdd/],
    [['--to', '8613800138000'], /--to and --date go with --receipt/],
    [['--send', '8613800138000', '--wait=-1'], /--wait takes whole seconds/],
    [['--send', '8613800138000', '--wait', '601'], /--wait takes whole seconds/],
    [['--receipt', '123^0', '--to', '8613800138000', '--send', '8613800138000'], /does not go with --send/],
  ])('refuses %j as a usage error', async (argv, says) => {
    const { status, stderr } = await run(argv);
    expect(status).toBe(exitCodes.usage);
    expect(stderr).toMatch(says);
    expect(emulator().requests).toEqual([]);
  });
});

describe('the international site (QueryMessage)', () => {
  const SINGAPORE = '6591230010';
  const intlConfig = () =>
    JSON.stringify({
      accessKeyId: DEMO_ACCOUNT.accessKeyId,
      accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
      service: 'intl',
      templates: [{ usageType: 'Generic', message: 'Your code is {{code}}.' }],
      endpoint: emulator().url,
    });

  it('--send waits for the QueryMessage receipt and reports the carrier’s failure with the MessageId', async () => {
    emulator().chooseReceipt(SINGAPORE, { kind: 'failed', code: 'UNDELIV', afterMs: 1500 });
    const { status, stdout } = await run(['--send', SINGAPORE, '--wait', '5'], intlConfig());
    expect(status).toBe(exitCodes.problem);
    expect(stdout).toMatch(/MessageId \S+\) was not delivered: receipt code UNDELIV/);
    expect(emulator().requests.filter(({ action }) => action === 'QueryMessage').length).toBeGreaterThan(1);
  });

  it('--receipt looks a MessageId up once with QueryMessage', async () => {
    const { stdout: sent } = await run(['--send', SINGAPORE, '--wait', '1'], intlConfig());
    expect(sent).toMatch(/delivered/);
    const messageId = emulator().messages.at(-1)?.bizId ?? '';
    const before = emulator().requests.length;
    const { status, stdout } = await run(['--receipt', messageId, '--to', SINGAPORE], intlConfig());
    expect(status).toBe(exitCodes.healthy);
    expect(stdout).toContain(`(MessageId ${messageId}) was delivered`);
    expect(emulator().requests.slice(before).map(({ action, params }) => [action, params.MessageId])).toEqual([['QueryMessage', messageId]]);
  });
});
