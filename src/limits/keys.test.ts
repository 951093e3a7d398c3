import { describe, expect, it } from 'vitest';

import { resolveRecipient, type Recipient } from '../phone.js';

import { countryKeyOf, countryRuleOf, e164Of, ipKeyOf, limitChecksOf, rangeKeyOf } from './keys.js';
import { sendLimitsGuard } from './schema.js';

const mainland = resolveRecipient('8613800138000');
const bareMainland = resolveRecipient('13800138000');
const british = resolveRecipient('447400123456');
const american = resolveRecipient('14155550123', { strict: true });
const nonGeographic: Recipient = { region: 'international', countryCode: '882', aliyunNumber: '882160000000', masked: '8821******00' };

describe('e164Of', () => {
  it('writes every recipient as + country code + national number', () => {
    expect(e164Of(mainland)).toBe('+8613800138000');
    expect(e164Of(bareMainland)).toBe('+8613800138000');
    expect(e164Of(british)).toBe('+447400123456');
    expect(e164Of(american)).toBe('+14155550123');
  });
});

describe('rangeKeyOf', () => {
  it('drops the last hiddenDigits digits', () => {
    expect(rangeKeyOf(british, 4)).toBe('+44740012');
    expect(rangeKeyOf(mainland, 4)).toBe('+861380013');
    expect(rangeKeyOf(american, 1)).toBe('+1415555012');
    expect(rangeKeyOf(american, 8)).toBe('+141');
  });

  it('puts neighbours in one range and other ranges apart', () => {
    expect(rangeKeyOf(resolveRecipient('447400129999'), 4)).toBe(rangeKeyOf(british, 4));
    expect(rangeKeyOf(resolveRecipient('447400133456'), 4)).not.toBe(rangeKeyOf(british, 4));
  });

  it('never cuts into the country code, whatever hiddenDigits', () => {
    const short: Recipient = { region: 'international', countryCode: '354', aliyunNumber: '3546111234', masked: '354*****34' };
    expect(rangeKeyOf(short, 8)).toBe('+354');
  });
});

describe('countryKeyOf and countryRuleOf', () => {
  const perCountry = sendLimitsGuard.parse({ perCountry: { limit: 200, countries: { CN: { limit: 5000, windowSeconds: 600 } } } }).perCountry;
  if (perCountry === undefined) {
    throw new Error('perCountry must parse');
  }

  it('counts by ISO country, and numbers of no country by calling code', () => {
    expect(countryKeyOf(mainland)).toBe('CN');
    expect(countryKeyOf(british)).toBe('GB');
    expect(countryKeyOf(nonGeographic)).toBe('+882');
  });

  it("applies a country's override, else the default", () => {
    expect(countryRuleOf(perCountry, 'CN')).toEqual({ limit: 5000, windowSeconds: 600 });
    expect(countryRuleOf(perCountry, 'GB')).toEqual({ limit: 200, windowSeconds: 3600 });
    expect(countryRuleOf(perCountry, '+882')).toEqual({ limit: 200, windowSeconds: 3600 });
  });
});

describe('ipKeyOf', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    [' 203.0.113.9 ', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['::FFFF:203.0.113.9', '203.0.113.9'],
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3:8d3::/64'],
    ['2001:DB8:85A3:08D3::1', '2001:db8:85a3:8d3::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('keys %j as %j', (ip, key) => {
    expect(ipKeyOf(ip)).toBe(key);
  });

  it('keys two addresses of one /64 alike', () => {
    expect(ipKeyOf('2001:db8:1:2:aaaa::1')).toBe(ipKeyOf('2001:db8:1:2:bbbb::2'));
    expect(ipKeyOf('2001:db8:1:2::1')).not.toBe(ipKeyOf('2001:db8:1:3::1'));
  });

  it.each([[undefined], [null], [''], ['unknown'], ['203.0.113.999'], [42], [['203.0.113.9']]])('counts no IP for %j', (ip) => {
    expect(ipKeyOf(ip)).toBeUndefined();
  });
});

describe('limitChecksOf', () => {
  const limits = sendLimitsGuard.parse({
    perIp: { limit: 10, windowSeconds: 60 },
    perRange: { limit: 20, windowSeconds: 600, hiddenDigits: 3 },
    perCountry: { limit: 200, countries: { GB: { limit: 7, windowSeconds: 120 } } },
  });

  it('lists IP, range and country in that order, each with its rule', () => {
    expect(limitChecksOf(limits, british, '203.0.113.9')).toEqual([
      { kind: 'perIp', counter: 'ip:60', key: '203.0.113.9', rule: { limit: 10, windowSeconds: 60 } },
      { kind: 'perRange', counter: 'range:600', key: '+447400123', rule: { limit: 20, windowSeconds: 600 } },
      { kind: 'perCountry', counter: 'country:120', key: 'GB', rule: { limit: 7, windowSeconds: 120 } },
    ]);
  });

  it('leaves out the IP limit for a send without an IP', () => {
    expect(limitChecksOf(limits, mainland, undefined).map(({ kind }) => kind)).toEqual(['perRange', 'perCountry']);
  });

  it('lists only the parts configured, and nothing for {}', () => {
    expect(limitChecksOf(sendLimitsGuard.parse({ perRange: { limit: 1 } }), mainland, '203.0.113.9').map(({ kind }) => kind)).toEqual(['perRange']);
    expect(limitChecksOf(sendLimitsGuard.parse({}), mainland, '203.0.113.9')).toEqual([]);
  });
});
