import { describe, expect, it } from 'vitest';

import { serviceHint, templateCodesOf } from './hints.js';

const gift = (code: string) => ({ usageType: 'Generic', templateCode: code });

describe('templateCodesOf', () => {
  it('lists plain codes and both codes of a { china, overseas } pair, in order', () => {
    expect(
      templateCodesOf({
        templates: [gift('SMS_1'), { usageType: 'SignIn', templateCode: { china: 'SMS_2', overseas: 'SMS_3' } }],
      })
    ).toEqual(['SMS_1', 'SMS_2', 'SMS_3']);
  });
});

describe('serviceHint', () => {
  const hint =
    'Every template code is one of the SMS authentication service’s gift templates (1000xx): if that is the service you use, set service to "dypns".';

  it('suggests dypns when Short Message Service names only gift template codes, pairs included', () => {
    expect(serviceHint({ service: 'dysms', templates: [gift('100001')] })).toBe(hint);
    expect(
      serviceHint({
        service: 'dysms',
        templates: [gift('100001'), { usageType: 'SignIn', templateCode: { china: '100002', overseas: '100003' } }],
      })
    ).toBe(hint);
  });

  it('says nothing when any code is an ordinary template code', () => {
    expect(serviceHint({ service: 'dysms', templates: [gift('100001'), gift('SMS_123456789')] })).toBeUndefined();
    expect(
      serviceHint({
        service: 'dysms',
        templates: [{ usageType: 'Generic', templateCode: { china: '100001', overseas: 'SMS_123456789' } }],
      })
    ).toBeUndefined();
  });

  it('says nothing for near-gift codes or when the service already is dypns', () => {
    expect(serviceHint({ service: 'dysms', templates: [gift('1000011')] })).toBeUndefined();
    expect(serviceHint({ service: 'dypns', templates: [gift('100001')] })).toBeUndefined();
  });
});
