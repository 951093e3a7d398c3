import { describe, expect, test } from 'vitest';
import type { Account } from './accounts.js';
import { findSign, findTemplate, isVerificationTemplate, resolveTemplate, signsOf } from './catalog.js';

const ACCOUNT: Account = {
  accessKeyId: 'AK',
  accessKeySecret: 'SK',
  signNames: ['甲', '乙'],
  signs: [{ name: '乙', tag: 4 }, { name: '丙', status: 'under-review' }],
  templates: [
    { code: 'SMS_1', kind: 'mainland', content: '码${code}' },
    { code: 'SMS_2', kind: 'international', content: 'Code ${code}', intlType: 1 },
    { code: 'SMS_3', kind: 'mainland', content: '${name}你好', templateType: 1 },
  ],
};

describe('signs', () => {
  test('details from signs win; signNames add approved defaults; every name once', () => {
    expect(signsOf(ACCOUNT).map((sign) => [sign.name, sign.status, sign.tag])).toEqual([
      ['乙', 'approved', 4],
      ['丙', 'under-review', 2],
      ['甲', 'approved', 2],
    ]);
    expect(findSign(ACCOUNT, '甲')).toMatchObject({ scene: 'general', usable: true, usage: '企事业单位名' });
    expect(findSign(ACCOUNT, '丁')).toBeUndefined();
  });
});

describe('templates', () => {
  test('types follow the kind; ${code} is a verification variable by default', () => {
    expect(findTemplate(ACCOUNT, 'SMS_1')).toMatchObject({ templateType: 0, intlType: undefined, status: 'approved', variableAttribute: { code: 'characterWithNumber' }, name: 'SMS_1' });
    expect(findTemplate(ACCOUNT, 'SMS_2')).toMatchObject({ templateType: 3, intlType: 1 });
    expect(resolveTemplate({ code: 'X', kind: 'international', content: 'x' }).intlType).toBe(0);
    expect(findTemplate(ACCOUNT, 'SMS_3')?.variableAttribute).toEqual({});
  });

  test('verification templates: type 0, or 3 with IntlType 0', () => {
    const kinds = ['SMS_1', 'SMS_2', 'SMS_3'].map((code) => {
      const template = findTemplate(ACCOUNT, code);
      return template === undefined ? undefined : isVerificationTemplate(template);
    });
    expect(kinds).toEqual([true, false, false]);
    expect(isVerificationTemplate(resolveTemplate({ code: 'X', kind: 'international', content: 'x' }))).toBe(true);
  });
});
