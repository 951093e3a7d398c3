// The doctor on a config with a fallback sender, against the local Aliyun-compatible server:
// both senders checked, every finding labelled by its sender, the fallback's fields under
// "fallback.", and a problem of either sender is the report's problem.
import { describe, expect, it } from 'vitest';

import { DEMO_ACCOUNT } from '../../tools/emulator/index.js';
import { emulatorPerFile } from '../../test/support/emulator-per-file.js';

import { diagnose, labelledFindings } from './diagnose.js';
import { finding } from './finding.js';

const emulator = emulatorPerFile({}, { faults: true });

const sender = () => ({
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: { china: 'SMS_154950909', overseas: 'SMS_465000001' } }],
  endpoint: emulator().url,
});

const giftFallback = {
  service: 'dypns',
  accessKeyId: 'LTAI5tSecondAccount',
  accessKeySecret: 'second-secret',
  signName: '速通互联验证码',
  templates: [{ usageType: 'Generic', templateCode: '100001' }],
};

describe('diagnose with a fallback sender', () => {
  it('checks both senders and labels every finding by its sender', async () => {
    const report = await diagnose({ ...sender(), timeout: 3000, fallback: giftFallback });
    expect(report.findings.map(({ check, status }) => `${check}: ${status}`)).toEqual([
      'configuration: passed',
      'main sender: credentials: passed',
      'main sender: server clock: passed',
      'main sender: sign name: passed',
      'main sender: sign name filing (China Mobile): passed',
      'main sender: sign name filing (China Unicom): passed',
      'main sender: sign name filing (China Telecom): passed',
      'main sender: template SMS_154950909 (Generic): passed',
      'main sender: template SMS_465000001 (Generic): passed',
      'fallback sender: template 100001 (Generic): passed',
      'fallback sender: sign name: note',
    ]);
    // The dypns fallback's sign name has no read call: a note, which leaves the verdict healthy.
    expect(report.verdict).toBe('healthy');
    // Read calls only, each sender's own: the dypns fallback has no read API to ask.
    expect(emulator().messages).toEqual([]);
  });

  it('is healthy when both Short Message Service senders pass every check', async () => {
    const report = await diagnose({ ...sender(), fallback: { ...sender(), signName: "Logto演示 (测试)!*'~" } });
    expect(report.verdict).toBe('healthy');
    expect(report.findings.filter(({ check }) => check.startsWith('fallback sender: '))).toHaveLength(8);
  });

  it('reports a problem of the fallback alone as the report’s problem, naming the fallback’s field', async () => {
    const report = await diagnose({ ...sender(), fallback: { ...sender(), signName: '不存在的签名' } });
    expect(report.verdict).toBe('problem');
    const problems = report.findings.filter(({ status }) => status === 'problem');
    expect(problems.map(({ check, field }) => [check, field])).toEqual([['fallback sender: sign name', 'fallback.signName']]);
  });

  it('reports the main sender’s problem with the main field, the fallback passing', async () => {
    const report = await diagnose({ ...sender(), signName: '不存在的签名', fallback: sender() });
    expect(report.verdict).toBe('problem');
    const problems = report.findings.filter(({ status }) => status === 'problem');
    expect(problems.map(({ check, field }) => [check, field])).toEqual([['main sender: sign name', 'signName']]);
  });

  it('keeps the findings of a config without a fallback unlabelled', async () => {
    const report = await diagnose({ ...sender(), fallback: {} });
    expect(report.verdict).toBe('healthy');
    expect(report.findings.map(({ check }) => check)).toEqual([
      'configuration',
      'credentials',
      'server clock',
      'sign name',
      'sign name filing (China Mobile)',
      'sign name filing (China Unicom)',
      'sign name filing (China Telecom)',
      'template SMS_154950909 (Generic)',
      'template SMS_465000001 (Generic)',
    ]);
  });

  it('names an invalid fallback’s key in the configuration finding', async () => {
    const report = await diagnose({ ...sender(), fallback: { ...giftFallback, signName: '' } });
    expect(report.ok).toBe(false);
    expect(report.findings.map(({ check, status }) => [check, status])).toEqual([['configuration', 'problem']]);
    expect(report.findings[0]?.advice).toContain('fallback.signName ("Sign name")');
  });
});

describe('labelledFindings', () => {
  it('prefixes the check with the sender and the fallback’s field with "fallback."', () => {
    const findings = [finding('sign name', 'problem', 'Fix it.', 'signName'), finding('templates', 'unchecked', 'Later.')];
    expect(labelledFindings(findings, 'fallback')).toEqual([
      { check: 'fallback sender: sign name', status: 'problem', advice: 'Fix it.', field: 'fallback.signName' },
      { check: 'fallback sender: templates', status: 'unchecked', advice: 'Later.' },
    ]);
    expect(labelledFindings(findings, 'main')[0]).toEqual({ check: 'main sender: sign name', status: 'problem', advice: 'Fix it.', field: 'signName' });
  });
});
