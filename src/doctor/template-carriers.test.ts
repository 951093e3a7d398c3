import { describe, expect, it } from 'vitest';

import type { SmsTemplate } from './read-answers.js';
import { vendorAuditFindings, vendorStatuses, verificationVariablesFinding } from './template-carriers.js';
import type { TemplateUse } from './template-checks.js';

const check = 'template SMS_1 (SignIn)';

describe('vendorAuditFindings', () => {
  it('reports each carrier’s review where Aliyun returns one', () => {
    const findings = vendorAuditFindings(JSON.stringify({ Code: 'OK', VendorAuditStatus: { MOBILE_VENDOR: 1, UNICOM_VENDOR: 0, TELCOM_VENDOR: '2', TELECOM_VENDOR: 15 } }), check);
    expect(findings.map(({ check: name, status }) => [name, status])).toEqual([
      [`${check}, China Mobile`, 'passed'],
      [`${check}, China Unicom`, 'note'],
      [`${check}, China Telecom`, 'problem'],
      [`${check}, China Telecom`, 'problem'],
    ]);
    expect(findings[2]?.advice).toBe('The template is rejected by China Telecom: messages with it may be blocked; revise it in the SMS console.');
  });

  it('says nothing when Aliyun returns no VendorAuditStatus', () => {
    expect(vendorAuditFindings(JSON.stringify({ Code: 'OK', TemplateStatus: '1' }), check)).toEqual([]);
    expect(vendorAuditFindings('<xml/>', check)).toEqual([]);
  });

  it('names an unknown state as it is', () => {
    const [found] = vendorAuditFindings(JSON.stringify({ VendorAuditStatus: { MOBILE_VENDOR: 9 } }), check);
    expect(found?.status).toBe('note');
    expect(found?.advice).toContain('(9)');
  });

  it('knows the four states Alibaba’s SDK documents', () => {
    expect([...vendorStatuses.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 15]);
  });
});

describe('verificationVariablesFinding', () => {
  const use = (variables: string[]): TemplateUse => ({ code: 'SMS_1', usedBy: ['SignIn'], role: 'any', variables });
  const template = (TemplateType: number, IntlType?: number): SmsTemplate => ({ TemplateType, IntlType, TemplateStatus: 1, TemplateContent: '验证码${code}' });

  it('warns when a verification-code template is given two variables', () => {
    const found = verificationVariablesFinding(use(['code', 'min']), template(0), check);
    expect(found).toMatchObject({ status: 'note', field: 'templates' });
    expect(found?.advice).toMatch(/^Warning: .*params give it 2 \(code, min\)/);
    expect(verificationVariablesFinding(use(['code', 'min']), template(3, 0), check)?.status).toBe('note');
  });

  it('is silent for one variable, and for other kinds of template', () => {
    expect(verificationVariablesFinding(use(['code']), template(0), check)).toBeUndefined();
    expect(verificationVariablesFinding(use(['code', 'min']), template(1), check)).toBeUndefined();
    expect(verificationVariablesFinding(use(['code', 'min']), template(3, 1), check)).toBeUndefined();
  });
});
