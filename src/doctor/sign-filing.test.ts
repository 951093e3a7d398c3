import { describe, expect, it } from 'vitest';

import { registerStatuses, signFilingFindings } from './sign-filing.js';

const body = (list: unknown): string => JSON.stringify({ Code: 'OK', SignName: 'Logto', SignStatus: 1, SignIspRegisterDetailList: list });

describe('signFilingFindings', () => {
  it('passes a sign name filed with each carrier, naming the carrier', () => {
    const findings = signFilingFindings(body([{ OperatorCode: 'mobile', RegisterStatus: 3 }, { OperatorCode: 'telecom', RegisterStatus: '3' }]), 'Logto');
    expect(findings).toEqual([
      { check: 'sign name filing (China Mobile)', status: 'passed', advice: 'The sign name "Logto" is filed.' },
      { check: 'sign name filing (China Telecom)', status: 'passed', advice: 'The sign name "Logto" is filed.' },
    ]);
  });

  it.each([
    [0, 'problem', /filing failed/],
    [2, 'problem', /lapsed/],
    [-2, 'problem', /^The sign name "Logto" is not filed: the carrier may block messages while Aliyun answers OK/],
    [-1, 'note', /still being filed/],
    [1, 'note', /awaiting verification/],
  ])('reads RegisterStatus %s as %s', (registerStatus, status, says) => {
    const [found] = signFilingFindings(body([{ OperatorCode: 'unicom', RegisterStatus: registerStatus }]), 'Logto');
    expect(found).toMatchObject({ check: 'sign name filing (China Unicom)', status, field: 'signName' });
    expect(found?.advice).toMatch(says);
  });

  it('gives the carrier’s reasons with a failed filing', () => {
    const [found] = signFilingFindings(
      body([{ OperatorCode: 'mobile', RegisterStatus: 0, RegisterStatusReasons: [{ ReasonCode: 'SIGNATURE_QUALIFICATION_ERROR', ReasonDescList: ['签名与资质关系不符'] }, { ReasonCode: 'OTHERS_ERROR' }] }]),
      'Logto'
    );
    expect(found?.advice).toMatch(/ \(SIGNATURE_QUALIFICATION_ERROR: 签名与资质关系不符, OTHERS_ERROR\)\.$/);
  });

  it('says so for a state or carrier it does not know, rather than guessing', () => {
    const [state, carrier] = signFilingFindings(body([{ OperatorCode: 'mobile', RegisterStatus: 7 }, { OperatorCode: 'satellite', RegisterStatus: 3 }]), 'Logto');
    expect(state?.status).toBe('note');
    expect(state?.advice).toMatch(/\(7\) the doctor does not know/);
    expect(carrier).toMatchObject({ check: 'sign name filing (satellite)', status: 'passed' });
  });

  it('invents nothing when Aliyun gives no list, and reports an unreadable entry as unchecked', () => {
    expect(signFilingFindings(JSON.stringify({ Code: 'OK', SignStatus: 1 }), 'Logto')).toEqual([]);
    expect(signFilingFindings('not json', 'Logto')).toEqual([]);
    expect(signFilingFindings(body([{ RegisterStatus: 3 }]), 'Logto')).toMatchObject([{ check: 'sign name filing', status: 'unchecked' }]);
  });

  it('has a reading for every RegisterStatus Alibaba’s SDK documents', () => {
    expect([...registerStatuses.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
  });
});
