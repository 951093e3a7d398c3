// The carriers' 2025 rules as the doctor reports them, against the local Aliyun-compatible
// server: the sign name's filing per carrier, the carriers' template review where Aliyun
// returns it, and the one-variable rule of verification-code templates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_ACCOUNT, startEmulator, type Emulator } from '../../tools/emulator/index.js';

import { diagnose } from './diagnose.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({
    accounts: [
      {
        ...DEMO_ACCOUNT,
        templates: [
          ...DEMO_ACCOUNT.templates,
          { code: 'SMS_465000020', kind: 'mainland', content: '您的验证码为${code}，${min}分钟内有效。', vendorAuditStatus: { MOBILE_VENDOR: 1, UNICOM_VENDOR: 2 } },
        ],
      },
    ],
  });
});

afterAll(async () => {
  await emulator.close();
});

const config = (overrides: object) => ({
  accessKeyId: DEMO_ACCOUNT.accessKeyId,
  accessKeySecret: DEMO_ACCOUNT.accessKeySecret,
  signName: '阿里云短信测试',
  templates: [{ usageType: 'Generic', templateCode: 'SMS_154950909' }],
  endpoint: emulator.url,
  ...overrides,
});

describe('the doctor and the carriers’ rules', () => {
  it('reports a sign name Aliyun approved but China Mobile did not file as a problem', async () => {
    const report = await diagnose(config({ signName: 'Logto未报备' }));
    expect(report.ok).toBe(false);
    const filing = report.findings.filter(({ check }) => check.startsWith('sign name filing'));
    expect(filing.map(({ check, status }) => [check, status])).toEqual([
      ['sign name filing (China Mobile)', 'problem'],
      ['sign name filing (China Unicom)', 'note'],
      ['sign name filing (China Telecom)', 'passed'],
    ]);
    expect(filing[0]?.advice).toContain('SIGNATURE_QUALIFICATION_ERROR: 签名与资质关系不符');
  });

  it('reports no filing for a sign name Aliyun has not approved: that is the problem to fix first', async () => {
    const report = await diagnose(config({ signName: 'Logto审核中' }));
    expect(report.findings.filter(({ check }) => check.startsWith('sign name filing'))).toEqual([]);
  });

  it('reports the carriers’ template review and warns of a second variable in a verification-code template', async () => {
    const report = await diagnose(config({ allowedCountries: ['CN'], templates: [{ usageType: 'Generic', templateCode: 'SMS_465000020', params: { code: '{{code}}', min: '5' } }] }));
    const template = report.findings.filter(({ check }) => check.startsWith('template SMS_465000020'));
    expect(template.map(({ check, status }) => [check, status])).toEqual([
      ['template SMS_465000020 (Generic)', 'passed'],
      ['template SMS_465000020 (Generic)', 'note'],
      ['template SMS_465000020 (Generic), China Mobile', 'passed'],
      ['template SMS_465000020 (Generic), China Unicom', 'problem'],
    ]);
    expect(template[1]?.advice).toMatch(/^Warning: a verification-code template may have only one variable/);
  });

  it('says nothing of the carriers’ template review where Aliyun returns none', async () => {
    const report = await diagnose(config({}));
    expect(report.findings.filter(({ check }) => check.includes(', China '))).toEqual([]);
  });
});
