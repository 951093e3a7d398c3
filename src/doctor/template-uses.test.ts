import { describe, expect, it } from 'vitest';

import { parseConfig } from '../config/parse.js';

import { regionsServedBy, templateUsesOf } from './template-uses.js';

const configOf = (extra: object) =>
  parseConfig({
    accessKeyId: 'LTAI5tExampleKey',
    accessKeySecret: 'example-secret',
    signName: 'Logto',
    templates: [{ usageType: 'Generic', templateCode: 'SMS_1' }],
    ...extra,
  });

describe('templateUsesOf', () => {
  it('gives each code its role, the entries that use it and the variables the connector sends', () => {
    const config = configOf({
      templates: [
        { usageType: 'Generic', templateCode: { china: 'SMS_1', overseas: 'SMS_2' } },
        { usageType: 'SignIn', locale: 'en', templateCode: 'SMS_1', params: { time: '5', code: '{{code}}' } },
        { usageType: 'Register', templateCode: { china: 'SMS_1', overseas: 'SMS_2' } },
      ],
    });
    expect(templateUsesOf(config)).toEqual([
      { code: 'SMS_1', role: 'china', variables: ['code'], usedBy: ['Generic', 'Register'] },
      { code: 'SMS_2', role: 'overseas', variables: ['code'], usedBy: ['Generic', 'Register'] },
      { code: 'SMS_1', role: 'any', variables: ['code', 'time'], usedBy: ['SignIn en'] },
    ]);
  });

  it('uses the SMS authentication service’s default params, code and min, for dypns', () => {
    const config = configOf({ service: 'dypns', templates: [{ usageType: 'Generic', templateCode: '100001' }] });
    expect(templateUsesOf(config)).toEqual([{ code: '100001', role: 'any', variables: ['code', 'min'], usedBy: ['Generic'] }]);
  });
});

describe('regionsServedBy', () => {
  it.each([
    ['no allowedCountries', {}, { mainland: true, international: true, restricted: false }],
    ['mainland China only', { allowedCountries: ['CN'] }, { mainland: true, international: false, restricted: true }],
    ['abroad only', { allowedCountries: ['HK', 'US'] }, { mainland: false, international: true, restricted: true }],
    ['both', { allowedCountries: ['US', 'CN'] }, { mainland: true, international: true, restricted: true }],
  ])('reads %s', (_name, extra, regions) => {
    expect(regionsServedBy(configOf(extra))).toEqual(regions);
  });
});
