// The doctor against the local Aliyun-compatible server over real loopback HTTP: its demo
// account holds signs and templates in every review state, and a SendSms-only RAM user.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import {
  DEMO_ACCOUNT,
  DEMO_SEND_ONLY_ACCOUNT,
  startEmulator,
  type Emulator,
} from '../../tools/emulator/index.js';

import { diagnose } from './diagnose.js';
import type { Finding } from './finding.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.reset();
  emulator.clearFaults();
  // Some tests move the emulator's clock away from ours; every other test starts in step.
  emulator.clock.set(new Date());
});

const goodConfig = () => ({
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: { china: 'SMS_154950909', overseas: 'SMS_465000001' } }],
  endpoint: emulator.url,
  timeout: 3000,
});

const withTemplate = (templateCode: string | { china: string; overseas: string }, extra: object = {}) => ({
  ...goodConfig(),
  templates: [{ usageType: 'Generic', templateCode, ...extra }],
});

const findingOf = (findings: readonly Finding[], check: RegExp): Finding => {
  const found = findings.find((item) => check.test(item.check));
  if (!found) {
    throw new Error(`no finding for ${String(check)} in ${JSON.stringify(findings)}`);
  }
  return found;
};

describe('diagnose on a good config', () => {
  it('passes every check and reads the account as it is', async () => {
    const report = await diagnose(goodConfig());
    expect(report.ok).toBe(true);
    expect(report.findings.map(({ status }) => status)).toEqual(report.findings.map(() => 'passed'));
    expect(report.findings.map(({ check }) => check)).toEqual([
      'configuration',
      'credentials',
      'server clock',
      'sign name',
      'template SMS_154950909 (Generic)',
      'template SMS_465000001 (Generic)',
    ]);
  });

  it('sends no SMS', async () => {
    await diagnose(goodConfig());
    expect(emulator.messages).toEqual([]);
    expect(emulator.requests.map(({ action }) => action).sort()).toEqual(['GetSmsSign', 'GetSmsTemplate', 'GetSmsTemplate']);
  });

  it('works the same with signature V3', async () => {
    const report = await diagnose({ ...goodConfig(), signatureVersion: 'v3' });
    expect(report.ok).toBe(true);
    expect(emulator.requests.every(({ signatureVersion }) => signatureVersion === 'v3')).toBe(true);
  });
});

describe('diagnose on credentials', () => {
  it('names accessKeySecret for a wrong secret, and stops there', async () => {
    const report = await diagnose({ ...goodConfig(), accessKeySecret: 'not-the-secret' });
    expect(report.ok).toBe(false);
    expect(findingOf(report.findings, /^credentials$/)).toMatchObject({ status: 'problem', field: 'accessKeySecret' });
    expect(report.findings.some(({ check }) => check.startsWith('template'))).toBe(false);
    expect(JSON.stringify(report)).not.toContain('not-the-secret');
  });

  it('names accessKeyId for an unknown key', async () => {
    const report = await diagnose({ ...goodConfig(), accessKeyId: 'LTAI5tNobodyKnowsThisKey' });
    expect(findingOf(report.findings, /^credentials$/)).toMatchObject({ status: 'problem', field: 'accessKeyId' });
  });

  it('tells a SendSms-only RAM user what the read checks need, without failing', async () => {
    const report = await diagnose({
      ...goodConfig(),
      accessKeyId: DEMO_SEND_ONLY_ACCOUNT.accessKeyId,
      accessKeySecret: DEMO_SEND_ONLY_ACCOUNT.accessKeySecret,
    });
    expect(report.ok).toBe(true);
    expect(findingOf(report.findings, /^credentials$/).status).toBe('passed');
    const denied = findingOf(report.findings, /sign name and templates/);
    expect(denied.status).toBe('unchecked');
    expect(denied.advice).toContain('dysms:GetSmsSign');
    expect(denied.advice).toContain('dysms:GetSmsTemplate');
    expect(denied.advice).toContain('AliyunDysmsReadOnlyAccess');
  });
});

describe('diagnose on the clock', () => {
  it('says how far the clock is off within the window', async () => {
    emulator.clock.advance(10 * 60_000);
    const clock = findingOf((await diagnose(goodConfig())).findings, /server clock/);
    expect(clock.status).toBe('passed');
    expect(clock.advice).toMatch(/(599|600|601) s behind Aliyun/);
  });

  it('finds a clock beyond Aliyun’s 15 minutes a problem, from the Date of the refusal', async () => {
    emulator.clock.advance(20 * 60_000);
    const report = await diagnose(goodConfig());
    expect(report.ok).toBe(false);
    const clock = findingOf(report.findings, /server clock/);
    expect(clock.status).toBe('problem');
    expect(clock.advice).toContain('NTP');
  });
});

describe('diagnose on the sign name', () => {
  it.each([
    ['Logto审核中', /under review/],
    ['Logto已驳回', /rejected \(签名与资质信息不一致/],
    ['Logto已取消', /withdrawn/],
    ['Logto没有这个签名', /has no sign name/],
  ])('finds %s a problem: %s', async (signName, advice) => {
    const report = await diagnose({ ...goodConfig(), signName });
    const sign = findingOf(report.findings, /^sign name$/);
    expect(sign).toMatchObject({ status: 'problem', field: 'signName' });
    expect(sign.advice).toMatch(advice);
    expect(report.ok).toBe(false);
  });
});

describe('diagnose on templates', () => {
  it.each([
    ['SMS_465000010', /under review/],
    ['SMS_465000011', /rejected \(模板内容中包含错别字。\)/],
    ['SMS_465000012', /withdrawn/],
    ['SMS_999999999', /no such template/],
  ])('finds %s a problem: %s', async (code, advice) => {
    const report = await diagnose(withTemplate(code));
    const template = findingOf(report.findings, new RegExp(`template ${code}`));
    expect(template).toMatchObject({ status: 'problem', field: 'templates' });
    expect(template.advice).toMatch(advice);
  });

  it('finds an international template used as the china code the wrong kind', async () => {
    const report = await diagnose(withTemplate({ china: 'SMS_465000001', overseas: 'SMS_465000001' }));
    expect(report.ok).toBe(false);
    const china = report.findings.filter(({ check }) => check.startsWith('template SMS_465000001'));
    expect(china.map(({ status }) => status)).toEqual(['problem', 'passed']);
    expect(china[0]?.advice).toContain('china code but an international template');
  });

  it('finds a mainland template used as the overseas code the wrong kind', async () => {
    const report = await diagnose(withTemplate({ china: 'SMS_154950909', overseas: 'SMS_154950909' }));
    const findings = report.findings.filter(({ check }) => check.startsWith('template SMS_154950909'));
    expect(findings.map(({ status }) => status)).toEqual(['passed', 'problem']);
    expect(findings[1]?.advice).toContain('overseas code but a mainland China template');
  });

  it('notes that a plain mainland code serves no one abroad, and says it is a problem when allowedCountries lets them in', async () => {
    const plain = findingOf((await diagnose(withTemplate('SMS_154950909'))).findings, /template SMS_154950909/);
    expect(plain.status).toBe('note');
    const allowedAbroad = await diagnose({ ...withTemplate('SMS_154950909'), allowedCountries: ['CN', 'HK'] });
    expect(findingOf(allowedAbroad.findings, /template SMS_154950909/).status).toBe('problem');
    const mainlandOnly = await diagnose({ ...withTemplate('SMS_154950909'), allowedCountries: ['CN'] });
    expect(findingOf(mainlandOnly.findings, /template SMS_154950909/).status).toBe('passed');
    expect(mainlandOnly.ok).toBe(true);
  });

  it('finds the variables a template needs and the connector does not fill', async () => {
    const report = await diagnose({ ...withTemplate('SMS_465000003'), allowedCountries: ['CN'] });
    const template = findingOf(report.findings, /template SMS_465000003/);
    expect(template.status).toBe('problem');
    expect(template.advice).toContain('${name}, ${time}');
  });

  it('passes a template whose variables the entry’s params fill, and notes params it does not use', async () => {
    const filled = await diagnose({ ...withTemplate('SMS_465000003', { params: { name: '{{code}}', time: '5' } }), allowedCountries: ['CN'] });
    expect(findingOf(filled.findings, /template SMS_465000003/).status).toBe('passed');
    const extra = await diagnose({ ...withTemplate('SMS_154950909', { params: { code: '{{code}}', min: '5' } }), allowedCountries: ['CN'] });
    const note = findingOf(extra.findings, /template SMS_154950909/);
    expect(note.status).toBe('note');
    expect(note.advice).toBe('The connector sends min, which its text does not use.');
    expect(extra.ok).toBe(true);
  });

  it('asks about each distinct template once', async () => {
    await diagnose({
      ...goodConfig(),
      templates: [
        { usageType: 'Generic', templateCode: 'SMS_154950909' },
        { usageType: 'SignIn', templateCode: 'SMS_154950909' },
        { usageType: 'SignIn', locale: 'en', templateCode: 'SMS_465000002' },
      ],
    });
    expect(emulator.requests.filter(({ action }) => action === 'GetSmsTemplate')).toHaveLength(2);
  });
});

describe('diagnose on what it cannot ask', () => {
  it('reports an invalid config as a problem naming the field, without a request', async () => {
    const report = await diagnose({ ...goodConfig(), signName: '' });
    expect(report.ok).toBe(false);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]?.advice).toContain('signName');
    expect(emulator.requests).toEqual([]);
  });

  it('says a dysms config of gift template codes is meant for dypns', async () => {
    const report = await diagnose(withTemplate('100001'));
    expect(findingOf(report.findings, /^service$/)).toMatchObject({ status: 'problem', field: 'service' });
  });

  it('checks a dypns config locally and says the gift sign cannot be read', async () => {
    const good = await diagnose({ ...withTemplate('100001'), service: 'dypns' });
    expect(good.ok).toBe(true);
    expect(findingOf(good.findings, /^sign name$/).status).toBe('unchecked');
    const wrong = await diagnose({ ...withTemplate('SMS_154950909'), service: 'dypns' });
    expect(findingOf(wrong.findings, /template SMS_154950909/).status).toBe('problem');
    const noMinutes = await diagnose({ ...withTemplate('100001', { params: { code: '{{code}}' } }), service: 'dypns' });
    expect(findingOf(noMinutes.findings, /template 100001/).advice).toContain('${min}');
    expect(emulator.requests).toEqual([]);
  });

  it('finishes within its timeout when the endpoint never answers', async () => {
    emulator.injectFault({ kind: 'hang' }, { times: 5 });
    const started = performance.now();
    const report = await diagnose({ ...goodConfig(), timeout: 1500 });
    expect(performance.now() - started).toBeLessThan(2500);
    expect(findingOf(report.findings, /^credentials$/).status).toBe('unchecked');
  });
});
